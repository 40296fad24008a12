provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-west-1"
}

module "key" {
  source   = "./modules/key"
  name     = "shared"
  rotation = null
}

module "logs" {
  source     = "./modules/bucket"
  name       = "logs"
  kms_key_id = module.key.arn
}

module "app" {
  source   = "./modules/bucket"
  for_each = { eu = "eu-west-1", us = "us-east-1" }
  name     = "app-${each.key}"
  providers = {
    aws = aws.dr
  }
}

module "replica" {
  source = "./modules/bucket"
  count  = 2
  name   = "replica-${count.index}"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "4.0.2"
  name    = "main"
}

module "installed" {
  source  = "registry.example.com/acme/installed/aws"
  version = "1.0.0"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = module.logs.bucket_id
  policy = "{}"
}

resource "aws_ssm_parameter" "rotation" {
  name  = "rotation"
  type  = "String"
  value = module.key.rotation
}

resource "aws_s3_bucket_policy" "replica1" {
  bucket = module.replica[1].bucket_id
  policy = "{}"
}

output "logs_encrypted_with" {
  value = module.logs.sse_key
}
