variable "region" {
  default = "us-east-1"
}

variable "dr_region" {
  type = string
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "dr"
  region = "eu-west-1"
}

provider "aws" {
  alias  = "later"
  region = var.dr_region
}

provider "azurerm" {
  features {}
}

resource "aws_s3_bucket" "primary" {
  bucket = "primary"
}

resource "aws_s3_bucket" "dr" {
  provider = aws.dr
  bucket   = "dr"
}

resource "aws_s3_bucket" "later" {
  provider = aws.later
  bucket   = "later"
}

resource "aws_s3_bucket" "pinned" {
  bucket = "pinned"
  region = "ap-southeast-2"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "westeurope"
}

module "replica" {
  source = "./modules/replica"
  providers = {
    aws         = aws.dr
    aws.primary = aws
  }
}

module "inherit" {
  source = "./modules/replica"
}

module "own" {
  source = "./modules/own"
}
