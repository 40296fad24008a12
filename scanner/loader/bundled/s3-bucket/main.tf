# A compact model of terraform-aws-modules/s3-bucket/aws 5.x (and 4.x,
# which passes the same arguments without region), written for
# the scanner (not the module's own code): the bucket and the resources the
# S3 rules judge with it (ACL, public access block, ownership controls,
# versioning, logging, default encryption and the bucket policy, with the
# call's own statements, the TLS deny and the WAF log delivery ones), at the
# addresses the module gives them. The inputs that add what this model
# leaves out (replication, directory buckets, the module's other policy
# statements) make the scanner leave the call not scanned instead.

locals {
  create = var.create_bucket && var.putin_khuylo && !var.is_directory_bucket

  # Inputs of type any may come jsonencoded (as from Terragrunt).
  grants = try(jsondecode(var.grant), var.grant)

  with_acl    = (var.acl != null && var.acl != "null") || length(local.grants) > 0
  with_policy = var.attach_policy || var.attach_deny_insecure_transport_policy || var.attach_waf_log_delivery_policy

  # versioning = { enabled = true } or { status = "Enabled" | true }.
  versioning_status = try(
    var.versioning["enabled"] ? "Enabled" : "Suspended",
    tobool(var.versioning["status"]) ? "Enabled" : "Suspended",
    title(lower(var.versioning["status"])),
    "Enabled",
  )
  sse_rules = try(flatten([var.server_side_encryption_configuration["rule"]]), [])
}

resource "aws_s3_bucket" "this" {
  count = local.create ? 1 : 0

  region              = var.region
  bucket              = var.bucket
  bucket_prefix       = var.bucket_prefix
  force_destroy       = var.force_destroy
  object_lock_enabled = var.object_lock_enabled
  tags                = var.tags
}

resource "aws_s3_bucket_public_access_block" "this" {
  count = local.create && var.attach_public_policy ? 1 : 0

  region                  = var.region
  bucket                  = aws_s3_bucket.this[0].id
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}

resource "aws_s3_bucket_ownership_controls" "this" {
  count = local.create && var.control_object_ownership ? 1 : 0

  region = var.region
  bucket = aws_s3_bucket.this[0].id

  rule {
    object_ownership = var.object_ownership
  }
}

resource "aws_s3_bucket_acl" "this" {
  count = local.create && local.with_acl ? 1 : 0

  region                = var.region
  bucket                = aws_s3_bucket.this[0].id
  expected_bucket_owner = var.expected_bucket_owner
  acl                   = var.acl == "null" ? null : var.acl

  dynamic "access_control_policy" {
    for_each = length(local.grants) > 0 ? [true] : []

    content {
      dynamic "grant" {
        for_each = local.grants

        content {
          permission = grant.value.permission

          grantee {
            type          = grant.value.type
            id            = try(grant.value.id, null)
            uri           = try(grant.value.uri, null)
            email_address = try(grant.value.email, null)
          }
        }
      }

      owner {
        id = try(var.owner["id"], null)
      }
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  count = local.create && length(keys(var.versioning)) > 0 ? 1 : 0

  region                = var.region
  bucket                = aws_s3_bucket.this[0].id
  expected_bucket_owner = var.expected_bucket_owner

  versioning_configuration {
    status = local.versioning_status
  }
}

resource "aws_s3_bucket_logging" "this" {
  count = local.create && length(keys(var.logging)) > 0 ? 1 : 0

  region        = var.region
  bucket        = aws_s3_bucket.this[0].id
  target_bucket = var.logging["target_bucket"]
  target_prefix = try(var.logging["target_prefix"], null)
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count = local.create && length(keys(var.server_side_encryption_configuration)) > 0 ? 1 : 0

  region                = var.region
  bucket                = aws_s3_bucket.this[0].id
  expected_bucket_owner = var.expected_bucket_owner

  dynamic "rule" {
    for_each = local.sse_rules

    content {
      bucket_key_enabled = try(rule.value.bucket_key_enabled, null)

      dynamic "apply_server_side_encryption_by_default" {
        for_each = try([rule.value.apply_server_side_encryption_by_default], [])

        content {
          sse_algorithm     = apply_server_side_encryption_by_default.value.sse_algorithm
          kms_master_key_id = try(apply_server_side_encryption_by_default.value.kms_master_key_id, null)
        }
      }
    }
  }
}

# The bucket policy: the call's own (attach_policy) merged with the
# module's statement denying requests without TLS and its statements
# letting the log delivery service write WAF (and other vended) logs.
data "aws_iam_policy_document" "deny_insecure_transport" {
  count = local.create && var.attach_deny_insecure_transport_policy ? 1 : 0

  statement {
    sid       = "denyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[0].arn, "${aws_s3_bucket.this[0].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

# The account and partition the log delivery statements name.
data "aws_caller_identity" "current" {
  count = local.create && var.attach_waf_log_delivery_policy ? 1 : 0
}

data "aws_partition" "current" {
  count = local.create && var.attach_waf_log_delivery_policy ? 1 : 0
}

# delivery.logs.amazonaws.com may write under AWSLogs/<account>/ with the
# bucket owner in control, only for this account's log sources, and read
# the bucket's ACL.
data "aws_iam_policy_document" "waf_log_delivery" {
  count = local.create && var.attach_waf_log_delivery_policy ? 1 : 0

  statement {
    sid       = "WafLogDeliveryWrite"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.this[0].arn}/AWSLogs/${data.aws_caller_identity.current[0].id}/*"]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current[0].id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${data.aws_partition.current[0].partition}:logs:*:${data.aws_caller_identity.current[0].id}:*"]
    }
  }

  statement {
    sid       = "WafLogDeliveryAclCheck"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.this[0].arn]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current[0].id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${data.aws_partition.current[0].partition}:logs:*:${data.aws_caller_identity.current[0].id}:*"]
    }
  }
}

locals {
  # How many documents the policy is made of: the list's length is known
  # even when a document is not.
  policy_documents = (var.attach_deny_insecure_transport_policy ? 1 : 0) + (var.attach_policy ? 1 : 0) + (var.attach_waf_log_delivery_policy ? 1 : 0)
}

data "aws_iam_policy_document" "combined" {
  count = local.create && local.policy_documents > 1 ? 1 : 0

  source_policy_documents = concat(
    var.attach_deny_insecure_transport_policy ? [data.aws_iam_policy_document.deny_insecure_transport[0].json] : [],
    var.attach_policy ? [var.policy] : [],
    var.attach_waf_log_delivery_policy ? [data.aws_iam_policy_document.waf_log_delivery[0].json] : [],
  )
}

resource "aws_s3_bucket_policy" "this" {
  count = local.create && local.with_policy ? 1 : 0

  region = var.region
  bucket = aws_s3_bucket.this[0].id
  # One document is taken as it is, so that what is known of it (the deny
  # statement's effect and condition, whose resources are the bucket's
  # ARN known only after apply) stays readable.
  policy = (
    local.policy_documents > 1 ? data.aws_iam_policy_document.combined[0].json :
    var.attach_deny_insecure_transport_policy ? data.aws_iam_policy_document.deny_insecure_transport[0].json :
    var.attach_policy ? var.policy :
    data.aws_iam_policy_document.waf_log_delivery[0].json
  )
}
