terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
  cloud {
    organization = "acme"
    workspaces {
      name = "prod"
    }
  }
  backend "s3" {
    bucket = "state"
  }
}

variable "legacy" {
  type    = "string"
  default = "old"
}

variable "legacy_list" {
  type    = "list"
  default = ["a"]
}

variable "secret" {
  type      = string
  default   = "s3cret"
  sensitive = true
  ephemeral = false
  nullable  = false
  validation {
    condition     = length(var.secret) > 3
    error_message = "too short"
  }
}

import {
  to = aws_s3_bucket.b
  id = "existing-bucket"
}

moved {
  from = aws_s3_bucket.old
  to   = aws_s3_bucket.b
}

removed {
  from = aws_instance.gone
  lifecycle {
    destroy = false
  }
}

check "health" {
  data "http" "site" {
    url = "https://example.com"
  }
  assert {
    condition     = data.http.site.status_code == 200
    error_message = "down"
  }
}

ephemeral "random_password" "db" {
  length = 16
}

resource "aws_s3_bucket" "b" {
  bucket        = "${var.legacy}-${join("", var.legacy_list)}"
  force_destroy = provider::aws::trim_iam_role_path("x") == "x"
  depends_on    = [aws_kms_key.k]

  lifecycle {
    prevent_destroy       = true
    create_before_destroy = false
    ignore_changes        = all
    precondition {
      condition     = var.legacy != ""
      error_message = "empty"
    }
    postcondition {
      condition     = self.bucket != ""
      error_message = "empty"
    }
  }

  provisioner "local-exec" {
    command = "echo ${self.id}"
  }

  connection {
    host = "example.com"
  }
}

resource "aws_kms_key" "k" {
  count               = 1
  enable_key_rotation = true
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "p" {
  statement {
    sid       = "Read"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.p.json
}

output "account" {
  value     = data.aws_caller_identity.current.account_id
  sensitive = true
  precondition {
    condition     = true
    error_message = "never"
  }
}
