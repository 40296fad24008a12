# Logging and monitoring for the production stack: an organisation-grade
# CloudTrail, flow logs, AWS Config, GuardDuty and the access logs of every
# entry point, all in a KMS-encrypted log archive kept for a year or more.
# Names start with "logging_" to stay clear of the other files.

variable "logging_public_subnet_ids" {
  description = "Public subnets of the production VPC for the load balancer, one per Availability Zone."
  type        = list(string)
  default     = ["subnet-0a1b2c3d4e5f61001", "subnet-0a1b2c3d4e5f61002", "subnet-0a1b2c3d4e5f61003"]
}

data "aws_caller_identity" "logging" {}

locals {
  logging_account   = data.aws_caller_identity.logging.account_id
  logging_trail_arn = "arn:aws:cloudtrail:${var.primary_region}:${data.aws_caller_identity.logging.account_id}:trail/${var.name}"
}

# ------------------------------------------------------------ archive key

data "aws_iam_policy_document" "logging_archive_key" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${local.logging_account}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncrypt"
    actions   = ["kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:aws:cloudtrail:*:${local.logging_account}:trail/*"]
    }
  }

  statement {
    sid       = "LogDeliveryServices"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type = "Service"
      identifiers = [
        "config.amazonaws.com",
        "delivery.logs.amazonaws.com",
        "guardduty.amazonaws.com",
      ]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.logging_account]
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
      values   = ["arn:aws:logs:${var.primary_region}:${local.logging_account}:*"]
    }
  }
}

resource "aws_kms_key" "logging_archive" {
  description             = "${var.name} log archive"
  enable_key_rotation     = true
  rotation_period_in_days = 180
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.logging_archive_key.json
}

# ----------------------------------------------------------- log archive

resource "aws_s3_bucket" "logging_archive" {
  bucket = "${var.name}-log-archive"
}

resource "aws_s3_bucket_versioning" "logging_archive" {
  bucket = aws_s3_bucket.logging_archive.id
  mfa    = var.root_mfa
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logging_archive" {
  bucket = aws_s3_bucket.logging_archive.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logging_archive.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "logging_archive" {
  bucket                  = aws_s3_bucket.logging_archive.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "logging_archive" {
  bucket        = aws_s3_bucket.logging_archive.id
  target_bucket = aws_s3_bucket.enc_access_logs.id
  target_prefix = "log-archive/"
}

# Logs are kept for seven years, then expire.
resource "aws_s3_bucket_lifecycle_configuration" "logging_archive" {
  bucket = aws_s3_bucket.logging_archive.id

  rule {
    id     = "retention"
    status = "Enabled"
    filter {}

    transition {
      days          = 90
      storage_class = "GLACIER_IR"
    }

    expiration {
      days = 2557
    }

    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }
}

data "aws_iam_policy_document" "logging_archive" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.logging_archive.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.logging_trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logging_archive.arn}/cloudtrail/AWSLogs/${local.logging_account}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.logging_trail_arn]
    }
  }

  statement {
    sid       = "DeliveryAclCheck"
    actions   = ["s3:GetBucketAcl", "s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.logging_archive.arn]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com", "delivery.logs.amazonaws.com", "guardduty.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.logging_account]
    }
  }

  statement {
    sid     = "DeliveryWrite"
    actions = ["s3:PutObject"]
    resources = [
      "${aws_s3_bucket.logging_archive.arn}/config/AWSLogs/${local.logging_account}/*",
      "${aws_s3_bucket.logging_archive.arn}/flow-logs/AWSLogs/${local.logging_account}/*",
      "${aws_s3_bucket.logging_archive.arn}/guardduty/*",
    ]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com", "delivery.logs.amazonaws.com", "guardduty.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.logging_account]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.logging_archive.arn,
      "${aws_s3_bucket.logging_archive.arn}/*",
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

resource "aws_s3_bucket_policy" "logging_archive" {
  bucket = aws_s3_bucket.logging_archive.id
  policy = data.aws_iam_policy_document.logging_archive.json
}

# ------------------------------------------------------------- CloudTrail

resource "aws_cloudwatch_log_group" "logging_cloudtrail" {
  name              = "/aws/cloudtrail/${var.name}"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logging_archive.arn
}

data "aws_iam_policy_document" "logging_cloudtrail_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "logging_cloudtrail_to_logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.logging_cloudtrail.arn}:*"]
  }
}

resource "aws_iam_role" "logging_cloudtrail" {
  name               = "${var.name}-cloudtrail-to-logs"
  assume_role_policy = data.aws_iam_policy_document.logging_cloudtrail_assume.json
}

resource "aws_iam_role_policy" "logging_cloudtrail" {
  name   = "deliver-to-cloudwatch-logs"
  role   = aws_iam_role.logging_cloudtrail.id
  policy = data.aws_iam_policy_document.logging_cloudtrail_to_logs.json
}

# Announces each log file the trail delivers.
resource "aws_sns_topic" "logging_trail" {
  name              = "${var.name}-cloudtrail"
  kms_master_key_id = aws_kms_key.logging_archive.id
}

resource "aws_cloudtrail" "logging_main" {
  depends_on = [aws_s3_bucket_policy.logging_archive]

  name                          = var.name
  s3_bucket_name                = aws_s3_bucket.logging_archive.id
  s3_key_prefix                 = "cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.logging_archive.arn
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.logging_cloudtrail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.logging_cloudtrail.arn
  sns_topic_name                = aws_sns_topic.logging_trail.name

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["${aws_s3_bucket.backup_uploads.arn}/"]
    }
  }
}

# -------------------------------------------------------------- flow logs

resource "aws_flow_log" "logging_vpc" {
  vpc_id               = var.access_vpc_id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "${aws_s3_bucket.logging_archive.arn}/flow-logs/"
}

# ------------------------------------------------------------- AWS Config

data "aws_iam_policy_document" "logging_config_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "logging_config" {
  name               = "${var.name}-config"
  assume_role_policy = data.aws_iam_policy_document.logging_config_assume.json
}

resource "aws_iam_role_policy_attachment" "logging_config" {
  role       = aws_iam_role.logging_config.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"
}

resource "aws_config_configuration_recorder" "logging_main" {
  name     = var.name
  role_arn = aws_iam_role.logging_config.arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_delivery_channel" "logging_main" {
  name           = var.name
  s3_bucket_name = aws_s3_bucket.logging_archive.id
  s3_key_prefix  = "config"
  s3_kms_key_arn = aws_kms_key.logging_archive.arn
  depends_on     = [aws_config_configuration_recorder.logging_main]
}

resource "aws_config_configuration_recorder_status" "logging_main" {
  name       = aws_config_configuration_recorder.logging_main.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.logging_main]
}

# --------------------------------------------------------------- GuardDuty

resource "aws_guardduty_detector" "logging_main" {
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

resource "aws_guardduty_publishing_destination" "logging_main" {
  depends_on = [aws_s3_bucket_policy.logging_archive]

  detector_id     = aws_guardduty_detector.logging_main.id
  destination_arn = "${aws_s3_bucket.logging_archive.arn}/guardduty"
  kms_key_arn     = aws_kms_key.logging_archive.arn
}

# ------------------------------------------------------ entry-point logs

# Load balancers deliver access logs only to SSE-S3 buckets.
resource "aws_s3_bucket" "logging_lb" {
  bucket = "${var.name}-lb-logs"
}

resource "aws_s3_bucket_versioning" "logging_lb" {
  bucket = aws_s3_bucket.logging_lb.id
  mfa    = var.root_mfa
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logging_lb" {
  bucket = aws_s3_bucket.logging_lb.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "logging_lb" {
  bucket                  = aws_s3_bucket.logging_lb.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "logging_lb" {
  bucket        = aws_s3_bucket.logging_lb.id
  target_bucket = aws_s3_bucket.enc_access_logs.id
  target_prefix = "lb-logs/"
}

data "aws_iam_policy_document" "logging_lb" {
  statement {
    sid       = "LoadBalancerLogDelivery"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logging_lb.arn}/web/AWSLogs/${local.logging_account}/*"]
    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.logging_lb.arn,
      "${aws_s3_bucket.logging_lb.arn}/*",
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

resource "aws_s3_bucket_policy" "logging_lb" {
  bucket = aws_s3_bucket.logging_lb.id
  policy = data.aws_iam_policy_document.logging_lb.json
}

# The public entry point; its listeners are in encryption.tf.
resource "aws_lb" "logging_web" {
  name                       = "${var.name}-web"
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.access_lb.id]
  subnets                    = var.logging_public_subnet_ids
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  access_logs {
    bucket  = aws_s3_bucket.logging_lb.id
    prefix  = "web"
    enabled = true
  }
}

resource "aws_wafv2_web_acl" "logging_web" {
  name  = "${var.name}-web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-web"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "logging_web" {
  resource_arn = aws_lb.logging_web.arn
  web_acl_arn  = aws_wafv2_web_acl.logging_web.arn
}

# WAF log groups must be named aws-waf-logs-*.
resource "aws_cloudwatch_log_group" "logging_waf" {
  name              = "aws-waf-logs-${var.name}-web"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logging_archive.arn
}

resource "aws_wafv2_web_acl_logging_configuration" "logging_web" {
  resource_arn            = aws_wafv2_web_acl.logging_web.arn
  log_destination_configs = [aws_cloudwatch_log_group.logging_waf.arn]
}

# The partner API is an HTTP API with access logs.
resource "aws_apigatewayv2_api" "logging_partner" {
  name          = "${var.name}-partner"
  protocol_type = "HTTP"
}

resource "aws_cloudwatch_log_group" "logging_partner_api" {
  name              = "/aws/apigateway/${var.name}-partner"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logging_archive.arn
}

resource "aws_apigatewayv2_stage" "logging_partner" {
  api_id      = aws_apigatewayv2_api.logging_partner.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.logging_partner_api.arn
    format = jsonencode({
      requestId = "$context.requestId"
      ip        = "$context.identity.sourceIp"
      caller    = "$context.identity.caller"
      route     = "$context.routeKey"
      status    = "$context.status"
      latency   = "$context.responseLatency"
    })
  }
}

# ------------------------------------------------------------ Kubernetes

resource "aws_iam_role" "logging_eks" {
  name = "${var.name}-eks"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "logging_eks" {
  role       = aws_iam_role.logging_eks.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}

# EKS writes its control-plane logs to this group; declaring it sets the
# retention and the key.
resource "aws_cloudwatch_log_group" "logging_eks" {
  name              = "/aws/eks/${var.name}/cluster"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logging_archive.arn
}

resource "aws_eks_cluster" "logging_platform" {
  depends_on = [aws_cloudwatch_log_group.logging_eks]

  name                      = var.name
  role_arn                  = aws_iam_role.logging_eks.arn
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = var.backup_private_subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.enc_data.arn
    }
  }
}

# Copies in the DR region (A1.2): the bucket's objects must survive a regional outage.
resource "aws_s3_bucket_replication_configuration" "logging_archive" {
  depends_on = [aws_s3_bucket_versioning.logging_archive, aws_s3_bucket_versioning.backup_uploads_replica]

  bucket = aws_s3_bucket.logging_archive.id
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
