# A realistic, well-configured multi-region stack: production runs in
# eu-west-1 and every backup copy and replica lands in eu-central-1.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.0"
    }
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = var.primary_region
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

provider "azurerm" {
  features {}
}

provider "google" {
  project = "acme-prod"
  region  = "europe-west1"
}

variable "primary_region" {
  type    = string
  default = "eu-west-1"
}

variable "dr_region" {
  type    = string
  default = "eu-central-1"
}

variable "name" {
  type    = string
  default = "acme-prod"
}

# The root user's MFA device serial and a current code ("SERIAL CODE"): S3
# accepts a change to MFA delete only with them.
variable "root_mfa" {
  type      = string
  sensitive = true
}
