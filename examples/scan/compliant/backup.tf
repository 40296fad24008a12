# Backups, backup region, high availability and deletion protection for the
# production stack. Production runs in var.primary_region (eu-west-1); every
# backup copy and replica lands in var.dr_region (eu-central-1) through the
# aws.dr provider alias. Names start with "backup_" to stay clear of the
# other files.

variable "backup_private_subnet_ids" {
  description = "Private subnets of the production VPC, one per Availability Zone, owned by the network team's configuration."
  type        = list(string)
  default     = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]
}

data "aws_caller_identity" "backup" {}

# ------------------------------------------------------------- DR key

# Copies in the DR region are encrypted with a key of that region, whose
# policy names the account as its administrator.
data "aws_iam_policy_document" "backup_dr_key" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.backup.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "backup_dr" {
  provider                = aws.dr
  description             = "${var.name} backup copies and replicas in ${var.dr_region}"
  enable_key_rotation     = true
  rotation_period_in_days = 180
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.backup_dr_key.json
}

# ------------------------------------------------------------ AWS Backup

resource "aws_backup_vault" "backup_main" {
  name        = "${var.name}-main"
  kms_key_arn = aws_kms_key.enc_data.arn
}

# Recovery points cannot be deleted early or have their retention shortened,
# not even by the account root, once the grace period has passed.
resource "aws_backup_vault_lock_configuration" "backup_main" {
  backup_vault_name   = aws_backup_vault.backup_main.name
  min_retention_days  = 35
  max_retention_days  = 400
  changeable_for_days = 3
}

resource "aws_backup_vault" "backup_dr" {
  provider    = aws.dr
  name        = "${var.name}-dr"
  kms_key_arn = aws_kms_key.backup_dr.arn
}

resource "aws_backup_vault_lock_configuration" "backup_dr" {
  provider            = aws.dr
  backup_vault_name   = aws_backup_vault.backup_dr.name
  min_retention_days  = 35
  max_retention_days  = 400
  changeable_for_days = 3
}

resource "aws_backup_plan" "backup_production" {
  name = "${var.name}-production"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.backup_main.name
    schedule          = "cron(0 3 * * ? *)"
    start_window      = 60
    completion_window = 360

    lifecycle {
      delete_after = 35
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.backup_dr.arn
      lifecycle {
        delete_after = 35
      }
    }
  }

  rule {
    rule_name         = "monthly"
    target_vault_name = aws_backup_vault.backup_main.name
    schedule          = "cron(0 4 1 * ? *)"

    lifecycle {
      cold_storage_after = 30
      delete_after       = 365
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.backup_dr.arn
      lifecycle {
        cold_storage_after = 30
        delete_after       = 365
      }
    }
  }
}

data "aws_iam_policy_document" "backup_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["backup.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "backup" {
  name               = "${var.name}-backup"
  assume_role_policy = data.aws_iam_policy_document.backup_assume.json
}

resource "aws_iam_role_policy_attachment" "backup" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}

resource "aws_iam_role_policy_attachment" "backup_restores" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"
}

data "aws_iam_policy_document" "backup_rds_monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

# Lets RDS Enhanced Monitoring publish the databases' OS metrics.
resource "aws_iam_role" "backup_rds_monitoring" {
  name               = "${var.name}-rds-monitoring"
  assume_role_policy = data.aws_iam_policy_document.backup_rds_monitoring_assume.json
}

resource "aws_iam_role_policy_attachment" "backup_rds_monitoring" {
  role       = aws_iam_role.backup_rds_monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

# Everything tagged backup = "daily" is protected by the plan.
resource "aws_backup_selection" "backup_tagged" {
  name         = "${var.name}-tagged"
  plan_id      = aws_backup_plan.backup_production.id
  iam_role_arn = aws_iam_role.backup.arn

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "daily"
  }
}

# -------------------------------------------------------------- databases

resource "aws_db_instance" "backup_orders" {
  identifier                          = "${var.name}-orders"
  engine                              = "postgres"
  engine_version                      = "16.4"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 100
  max_allocated_storage               = 500
  username                            = "orders_admin"
  manage_master_user_password         = true
  parameter_group_name                = aws_db_parameter_group.enc_postgres.name
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.enc_data.arn
  publicly_accessible                 = false
  multi_az                            = true
  iam_database_authentication_enabled = true
  backup_retention_period             = 14
  backup_window                       = "02:00-03:00"
  copy_tags_to_snapshot               = true
  deletion_protection                 = true
  final_snapshot_identifier           = "${var.name}-orders-final"
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  monitoring_interval                 = 60
  monitoring_role_arn                 = aws_iam_role.backup_rds_monitoring.arn

  tags = {
    backup = "daily"
  }
}

# Snapshots and transaction logs of the orders database are replicated to the
# DR region, so it can be restored to a point in time there.
resource "aws_db_instance_automated_backups_replication" "backup_orders" {
  provider               = aws.dr
  source_db_instance_arn = aws_db_instance.backup_orders.arn
  kms_key_id             = aws_kms_key.backup_dr.arn
  retention_period       = 14
}

resource "aws_rds_cluster" "backup_ledger" {
  cluster_identifier                  = "${var.name}-ledger"
  engine                              = "aurora-postgresql"
  engine_version                      = "16.4"
  master_username                     = "ledger_admin"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.enc_data.arn
  iam_database_authentication_enabled = true
  backup_retention_period             = 35
  preferred_backup_window             = "02:00-03:00"
  copy_tags_to_snapshot               = true
  deletion_protection                 = true
  final_snapshot_identifier           = "${var.name}-ledger-final"
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.backup_ledger.name

  tags = {
    backup = "daily"
  }
}

# TLS only, and every schema change in the postgresql log.
resource "aws_rds_cluster_parameter_group" "backup_ledger" {
  name   = "${var.name}-ledger-aurora-postgresql16"
  family = "aurora-postgresql16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

# A writer and a reader in different Availability Zones.
resource "aws_rds_cluster_instance" "backup_ledger" {
  count               = 2
  identifier          = "${var.name}-ledger-${count.index}"
  cluster_identifier  = aws_rds_cluster.backup_ledger.id
  instance_class      = "db.r6g.large"
  engine              = aws_rds_cluster.backup_ledger.engine
  publicly_accessible = false
  monitoring_interval = 60
  monitoring_role_arn = aws_iam_role.backup_rds_monitoring.arn
}

resource "aws_dynamodb_table" "backup_carts" {
  name                        = "${var.name}-carts"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  stream_enabled              = true
  stream_view_type            = "NEW_AND_OLD_IMAGES"
  deletion_protection_enabled = true

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.enc_data.arn
  }

  # A global-table replica in the DR region.
  replica {
    region_name            = var.dr_region
    kms_key_arn            = aws_kms_key.backup_dr.arn
    point_in_time_recovery = true
  }

  tags = {
    backup = "daily"
  }
}

# The session store lives in the private subnets, not the default VPC.
resource "aws_elasticache_subnet_group" "backup_sessions" {
  name       = "${var.name}-sessions"
  subnet_ids = var.backup_private_subnet_ids
}

resource "aws_elasticache_replication_group" "backup_sessions" {
  replication_group_id       = "${var.name}-sessions"
  subnet_group_name          = aws_elasticache_subnet_group.backup_sessions.name
  description                = "User sessions"
  engine                     = "valkey"
  engine_version             = "8.0"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.enc_data.arn
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.backup_sessions.user_group_id]
  snapshot_retention_limit   = 7
  snapshot_window            = "03:00-05:00"
}

# Clients of the session store sign in as an IAM-authenticated user.
resource "aws_elasticache_user" "backup_sessions_app" {
  user_id       = "${var.name}-sessions-app"
  user_name     = "${var.name}-sessions-app"
  engine        = "valkey"
  access_string = "on ~session:* +@read +@write"
  authentication_mode {
    type = "iam"
  }
}

resource "aws_elasticache_user_group" "backup_sessions" {
  engine        = "valkey"
  user_group_id = "${var.name}-sessions"
  user_ids      = [aws_elasticache_user.backup_sessions_app.user_id]
}

# ------------------------------------------------------- object storage

resource "aws_s3_bucket" "backup_uploads" {
  bucket = "${var.name}-uploads"
}

resource "aws_s3_bucket_versioning" "backup_uploads" {
  bucket = aws_s3_bucket.backup_uploads.id
  mfa    = var.root_mfa
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "backup_uploads" {
  bucket = aws_s3_bucket.backup_uploads.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.enc_data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "backup_uploads" {
  bucket                  = aws_s3_bucket.backup_uploads.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

data "aws_iam_policy_document" "backup_uploads_tls" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.backup_uploads.arn,
      "${aws_s3_bucket.backup_uploads.arn}/*",
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

resource "aws_s3_bucket_policy" "backup_uploads" {
  bucket = aws_s3_bucket.backup_uploads.id
  policy = data.aws_iam_policy_document.backup_uploads_tls.json
}

resource "aws_s3_bucket_logging" "backup_uploads" {
  bucket        = aws_s3_bucket.backup_uploads.id
  target_bucket = aws_s3_bucket.enc_access_logs.id
  target_prefix = "uploads/"
}

# The replica lives in the DR region, with its own key and access logs there
# (S3 delivers server access logs only within a region).
resource "aws_s3_bucket" "backup_uploads_replica" {
  provider = aws.dr
  bucket   = "${var.name}-uploads-replica"
}

resource "aws_s3_bucket_versioning" "backup_uploads_replica" {
  provider = aws.dr
  bucket   = aws_s3_bucket.backup_uploads_replica.id
  mfa      = var.root_mfa
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "backup_uploads_replica" {
  provider = aws.dr
  bucket   = aws_s3_bucket.backup_uploads_replica.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.backup_dr.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "backup_uploads_replica" {
  provider                = aws.dr
  bucket                  = aws_s3_bucket.backup_uploads_replica.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

data "aws_iam_policy_document" "backup_uploads_replica_tls" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.backup_uploads_replica.arn,
      "${aws_s3_bucket.backup_uploads_replica.arn}/*",
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

resource "aws_s3_bucket_policy" "backup_uploads_replica" {
  provider = aws.dr
  bucket   = aws_s3_bucket.backup_uploads_replica.id
  policy   = data.aws_iam_policy_document.backup_uploads_replica_tls.json
}

resource "aws_s3_bucket_logging" "backup_uploads_replica" {
  provider      = aws.dr
  bucket        = aws_s3_bucket.backup_uploads_replica.id
  target_bucket = aws_s3_bucket.backup_dr_access_logs.id
  target_prefix = "uploads-replica/"
}

# Server access logs of the DR region; S3 writes them only to SSE-S3 buckets.
resource "aws_s3_bucket" "backup_dr_access_logs" {
  provider = aws.dr
  bucket   = "${var.name}-dr-access-logs"
}

resource "aws_s3_bucket_versioning" "backup_dr_access_logs" {
  provider = aws.dr
  bucket   = aws_s3_bucket.backup_dr_access_logs.id
  mfa      = var.root_mfa
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "backup_dr_access_logs" {
  provider = aws.dr
  bucket   = aws_s3_bucket.backup_dr_access_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "backup_dr_access_logs" {
  provider                = aws.dr
  bucket                  = aws_s3_bucket.backup_dr_access_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

data "aws_iam_policy_document" "backup_dr_access_logs" {
  statement {
    sid       = "S3ServerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.backup_dr_access_logs.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.backup.account_id]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.backup_dr_access_logs.arn,
      "${aws_s3_bucket.backup_dr_access_logs.arn}/*",
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

resource "aws_s3_bucket_policy" "backup_dr_access_logs" {
  provider = aws.dr
  bucket   = aws_s3_bucket.backup_dr_access_logs.id
  policy   = data.aws_iam_policy_document.backup_dr_access_logs.json
}

data "aws_iam_policy_document" "backup_replication_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "backup_replication" {
  statement {
    sid       = "ReadSourceConfiguration"
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [aws_s3_bucket.backup_uploads.arn, aws_s3_bucket.enc_documents.arn, aws_s3_bucket.logging_archive.arn]
  }

  statement {
    sid     = "ReadSourceObjects"
    actions = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
    resources = [
      "${aws_s3_bucket.backup_uploads.arn}/*",
      "${aws_s3_bucket.enc_documents.arn}/*",
      "${aws_s3_bucket.logging_archive.arn}/*",
    ]
  }

  statement {
    sid       = "WriteReplicas"
    actions   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
    resources = ["${aws_s3_bucket.backup_uploads_replica.arn}/*"]
  }

  statement {
    sid       = "DecryptSource"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.enc_data.arn, aws_kms_key.logging_archive.arn]
  }

  statement {
    sid       = "EncryptReplica"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.backup_dr.arn]
  }
}

resource "aws_iam_role" "backup_replication" {
  name               = "${var.name}-s3-replication"
  assume_role_policy = data.aws_iam_policy_document.backup_replication_assume.json
}

resource "aws_iam_role_policy" "backup_replication" {
  name   = "replication"
  role   = aws_iam_role.backup_replication.id
  policy = data.aws_iam_policy_document.backup_replication.json
}

# Cross-Region Replication: every object, delete marker and KMS-encrypted
# object reaches the DR region.
resource "aws_s3_bucket_replication_configuration" "backup_uploads" {
  depends_on = [aws_s3_bucket_versioning.backup_uploads, aws_s3_bucket_versioning.backup_uploads_replica]

  bucket = aws_s3_bucket.backup_uploads.id
  role   = aws_iam_role.backup_replication.arn

  rule {
    id     = "everything"
    status = "Enabled"

    filter {}

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

# ------------------------------------------------------------ file system

resource "aws_efs_file_system" "backup_shared" {
  encrypted  = true
  kms_key_id = aws_kms_key.enc_data.arn

  tags = {
    Name   = "${var.name}-shared"
    backup = "daily"
  }
}

resource "aws_efs_backup_policy" "backup_shared" {
  file_system_id = aws_efs_file_system.backup_shared.id
  backup_policy {
    status = "ENABLED"
  }
}

# ---------------------------------------------------------- compute fleet

resource "aws_launch_template" "backup_app" {
  name_prefix   = "${var.name}-app-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      volume_type = "gp3"
      encrypted   = true
      kms_key_id  = aws_kms_key.enc_data.arn
    }
  }
}

# The application fleet spans the three private subnets, one per zone.
resource "aws_autoscaling_group" "backup_app" {
  name_prefix         = "${var.name}-app-"
  min_size            = 3
  max_size            = 9
  vpc_zone_identifier = var.backup_private_subnet_ids
  health_check_type   = "ELB"

  launch_template {
    id      = aws_launch_template.backup_app.id
    version = "$Latest"
  }
}

# ------------------------------------------------------------ EBS snapshots

resource "aws_iam_role" "backup_dlm" {
  name = "${var.name}-dlm"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "dlm.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "backup_dlm" {
  role       = aws_iam_role.backup_dlm.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole"
}

# Hourly-changing volumes outside AWS Backup get DLM snapshots, copied to the
# DR region.
resource "aws_dlm_lifecycle_policy" "backup_volumes" {
  description        = "${var.name} EBS snapshots"
  execution_role_arn = aws_iam_role.backup_dlm.arn
  state              = "ENABLED"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      snapshot = "dlm"
    }

    schedule {
      name      = "daily"
      copy_tags = true

      create_rule {
        interval      = 24
        interval_unit = "HOURS"
        times         = ["03:00"]
      }

      retain_rule {
        count = 14
      }

      cross_region_copy_rule {
        target    = var.dr_region
        encrypted = true
        cmk_arn   = aws_kms_key.backup_dr.arn
        copy_tags = true
        retain_rule {
          interval      = 35
          interval_unit = "DAYS"
        }
      }
    }
  }
}
