# The configuration of ../plan.json, a real plan (Terraform 1.11.4, AWS
# provider 5.100.0): arguments left to the provider's default, written,
# written as null, and written by dynamic blocks.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

resource "aws_kms_key" "k" {
  description = "database key"
}

resource "aws_db_instance" "db" {
  count                       = 2
  identifier                  = "orders-${count.index}"
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.k.arn
  multi_az                    = null
  skip_final_snapshot         = true
}

resource "aws_instance" "static" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  root_block_device {
    volume_size = 8
  }
  ebs_block_device {
    device_name = "/dev/sdb"
    encrypted   = null
  }
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "dynamic" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  dynamic "root_block_device" {
    for_each = [8]
    content {
      volume_size = root_block_device.value
    }
  }
  dynamic "ebs_block_device" {
    for_each = aws_kms_key.k.arn != "" ? ["/dev/sdb"] : []
    content {
      device_name = ebs_block_device.value
      encrypted   = true
    }
  }
}

resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
}

resource "aws_s3_bucket" "dynamic" {
  bucket = "acme-dynamic"
  dynamic "server_side_encryption_configuration" {
    for_each = aws_kms_key.k.arn != "" ? [aws_kms_key.k.arn] : []
    content {
      rule {
        apply_server_side_encryption_by_default {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = server_side_encryption_configuration.value
        }
      }
    }
  }
}

resource "aws_security_group" "sg" {
  name = "app"
}

module "counted" {
  count  = 2
  source = "./modules/policy"
}

module "keyed" {
  for_each       = toset(["eu"])
  source         = "./modules/policy"
  max_age        = 90
  volume_key_arn = aws_kms_key.k.arn
}
