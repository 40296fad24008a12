# An intentionally insecure small stack: every rule family has something to
# find here. Do not deploy it.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
    azurerm = {
      source = "hashicorp/azurerm"
    }
    google = {
      source = "hashicorp/google"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

# The "DR" copy target is in the same region as production: a regional outage
# takes both.
provider "aws" {
  alias  = "dr"
  region = "us-east-1"
}

provider "azurerm" {
  features {}
}

provider "google" {
  project = "acme-dev"
  region  = "us-central1"
}

variable "name" {
  type    = string
  default = "acme-dev"
}
