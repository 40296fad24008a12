provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "dr"
  region = "eu-west-1"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "buckets" {
  type = map(object({
    versioning = optional(bool, true)
  }))
  default = {
    logs = {}
    data = { versioning = false }
  }
}

variable "unset" {
  type = string
}

locals {
  name   = "${local.prefix}-app"
  prefix = "acme"
  tags   = merge({ Owner = "team" }, { Name = local.name })
}

resource "aws_kms_key" "main" {
  description         = "key for ${local.name}"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "b" {
  for_each = var.buckets
  bucket   = "${local.prefix}-${each.key}"
  tags     = local.tags
}

resource "aws_s3_bucket_versioning" "b" {
  for_each = aws_s3_bucket.b
  bucket   = each.value.id
  versioning_configuration {
    status = var.buckets[each.key].versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_ebs_volume" "data" {
  count             = 2
  availability_zone = "us-east-1a"
  size              = 10 * (count.index + 1)
  encrypted         = true
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_db_instance" "replica" {
  provider          = aws.dr
  identifier        = upper(var.unset)
  storage_encrypted = true
  lifecycle {
    prevent_destroy = true
    ignore_changes  = [tags]
  }
}

resource "aws_security_group" "sg" {
  name = "sg"
  dynamic "ingress" {
    for_each = { ssh = 22, https = 443 }
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = [cidrsubnet("10.0.0.0/16", 8, 1)]
    }
  }
  dynamic "egress" {
    for_each = var.unset == "x" ? [1] : []
    content {
      from_port = 0
    }
  }
}

data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.b["logs"].arn}/*"]
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
  name   = provider::aws::arn_parse("x")
  path   = try(nosuchfunc(1), "/")
}
