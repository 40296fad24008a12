# Encryption at rest and in transit, keys and secrets for the production
# stack: customer-managed keys that rotate, TLS everywhere, secrets that
# rotate. Names start with "enc_" to stay clear of the other files.

data "aws_caller_identity" "enc" {}

locals {
  enc_account_root = "arn:aws:iam::${data.aws_caller_identity.enc.account_id}:root"
}

# ------------------------------------------------------------------ keys

data "aws_iam_policy_document" "enc_data_key" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [local.enc_account_root]
    }
  }

  statement {
    sid       = "CloudWatchLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.primary_region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:aws:logs:${var.primary_region}:${data.aws_caller_identity.enc.account_id}:*"]
    }
  }
}

resource "aws_kms_key" "enc_data" {
  description             = "${var.name} data at rest"
  enable_key_rotation     = true
  rotation_period_in_days = 180
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.enc_data_key.json
}

resource "aws_kms_alias" "enc_data" {
  name          = "alias/${var.name}-data"
  target_key_id = aws_kms_key.enc_data.key_id
}

# Every new EBS volume in the region is encrypted with the data key.
resource "aws_ebs_encryption_by_default" "enc" {
  enabled = true
}

resource "aws_ebs_default_kms_key" "enc" {
  key_arn = aws_kms_key.enc_data.arn
}

# --------------------------------------------------------------- storage

resource "aws_s3_bucket" "enc_documents" {
  bucket = "${var.name}-enc-documents"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "enc_documents" {
  bucket = aws_s3_bucket.enc_documents.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.enc_data.arn
    }
    bucket_key_enabled = true
  }
}

data "aws_iam_policy_document" "enc_documents_tls" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.enc_documents.arn,
      "${aws_s3_bucket.enc_documents.arn}/*",
    ]
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

resource "aws_s3_bucket_policy" "enc_documents" {
  bucket = aws_s3_bucket.enc_documents.id
  policy = data.aws_iam_policy_document.enc_documents_tls.json
}

resource "aws_s3_bucket_public_access_block" "enc_documents" {
  bucket                  = aws_s3_bucket.enc_documents.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "enc_documents" {
  bucket = aws_s3_bucket.enc_documents.id
  mfa    = var.root_mfa
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket_logging" "enc_documents" {
  bucket        = aws_s3_bucket.enc_documents.id
  target_bucket = aws_s3_bucket.enc_access_logs.id
  target_prefix = "enc-documents/"
}

# S3 delivers server access logs only to buckets encrypted with SSE-S3, so
# this bucket cannot use the customer-managed key.
resource "aws_s3_bucket" "enc_access_logs" {
  bucket = "${var.name}-enc-access-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "enc_access_logs" {
  bucket = aws_s3_bucket.enc_access_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "enc_access_logs" {
  statement {
    sid       = "S3ServerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.enc_access_logs.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.enc.account_id]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.enc_access_logs.arn,
      "${aws_s3_bucket.enc_access_logs.arn}/*",
    ]
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

resource "aws_s3_bucket_policy" "enc_access_logs" {
  bucket = aws_s3_bucket.enc_access_logs.id
  policy = data.aws_iam_policy_document.enc_access_logs.json
}

resource "aws_s3_bucket_public_access_block" "enc_access_logs" {
  bucket                  = aws_s3_bucket.enc_access_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "enc_access_logs" {
  bucket = aws_s3_bucket.enc_access_logs.id
  mfa    = var.root_mfa
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

# ------------------------------------------------------------- messaging

resource "aws_sns_topic" "enc_events" {
  name              = "${var.name}-enc-events"
  kms_master_key_id = aws_kms_key.enc_data.id
}

resource "aws_sqs_queue" "enc_jobs" {
  name                              = "${var.name}-enc-jobs"
  kms_master_key_id                 = aws_kms_key.enc_data.id
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_cloudwatch_log_group" "enc_app" {
  name              = "/${var.name}/enc/app"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.enc_data.arn
}

# --------------------------------------------------------------- secrets

resource "aws_secretsmanager_secret" "enc_api_token" {
  name       = "${var.name}/enc/api-token"
  kms_key_id = aws_kms_key.enc_data.arn
}

resource "aws_secretsmanager_secret_rotation" "enc_api_token" {
  secret_id           = aws_secretsmanager_secret.enc_api_token.id
  rotation_lambda_arn = "arn:aws:lambda:${var.primary_region}:${data.aws_caller_identity.enc.account_id}:function:${var.name}-rotate-api-token"

  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_ssm_parameter" "enc_api_endpoint" {
  name  = "/${var.name}/api/endpoint"
  type  = "String"
  value = "https://api.${var.name}.example.com"
}

resource "aws_ssm_parameter" "enc_signing_secret" {
  name   = "/${var.name}/api/signing-secret"
  type   = "SecureString"
  key_id = aws_kms_key.enc_data.arn
  value  = "replace-me-out-of-band"

  lifecycle {
    ignore_changes = [value]
  }
}

# ------------------------------------------------------------ in transit

resource "aws_lb_listener" "enc_http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:${var.primary_region}:${data.aws_caller_identity.enc.account_id}:loadbalancer/app/${var.name}-web/0123456789abcdef"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "enc_https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:${var.primary_region}:${data.aws_caller_identity.enc.account_id}:loadbalancer/app/${var.name}-web/0123456789abcdef"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:${var.primary_region}:${data.aws_caller_identity.enc.account_id}:certificate/00000000-0000-0000-0000-000000000000"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:${var.primary_region}:${data.aws_caller_identity.enc.account_id}:targetgroup/${var.name}-web/0123456789abcdef"
  }
}

resource "aws_db_parameter_group" "enc_postgres" {
  name   = "${var.name}-enc-postgres16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

resource "aws_rds_cluster_parameter_group" "enc_aurora_mysql" {
  name   = "${var.name}-enc-aurora-mysql8"
  family = "aurora-mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

# Copies in the DR region (A1.2): the bucket's objects must survive a regional outage.
resource "aws_s3_bucket_replication_configuration" "enc_documents" {
  depends_on = [aws_s3_bucket_versioning.enc_documents, aws_s3_bucket_versioning.backup_uploads_replica]

  bucket = aws_s3_bucket.enc_documents.id
  role   = aws_iam_role.backup_replication.arn

  rule {
    id     = "everything"
    status = "Enabled"

    filter {
      prefix = ""
    }

    delete_marker_replication {
      status = "Enabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = aws_s3_bucket.backup_uploads_replica.arn
      storage_class = "STANDARD_IA"
      encryption_configuration {
        replica_kms_key_id = aws_kms_key.backup_dr.arn
      }
    }
  }
}
