# Backups that would not save the day: short or missing retention, no
# point-in-time recovery, single-AZ databases without deletion protection,
# and "disaster recovery" copies that land in the same region as production
# (the aws.dr alias points at us-east-1 too). Names start with "backup_".

# The region of the "archive" account's provider is chosen at apply time, so
# whether copies to it leave us-east-1 cannot be known from the code.
variable "backup_archive_region" {
  type = string
}

provider "aws" {
  alias  = "backup_archive"
  region = var.backup_archive_region
}

# ------------------------------------------------------------ AWS Backup

resource "aws_backup_vault" "backup_main" {
  name = "${var.name}-main"
}

resource "aws_backup_vault" "backup_dr" {
  provider = aws.dr
  name     = "${var.name}-dr"
}

resource "aws_backup_vault" "backup_archive" {
  provider = aws.backup_archive
  name     = "${var.name}-archive"
}

# Recovery points are gone after a week, and the "DR" copy sits next to the
# original in us-east-1. No selection assigns anything to the plan.
resource "aws_backup_plan" "backup_daily" {
  name = "${var.name}-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.backup_main.name
    schedule          = "cron(0 3 * * ? *)"

    lifecycle {
      delete_after = 7
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.backup_dr.arn
    }
  }
}

# No copy at all.
resource "aws_backup_plan" "backup_local" {
  name = "${var.name}-local"

  rule {
    rule_name         = "hourly"
    target_vault_name = aws_backup_vault.backup_main.name
    schedule          = "cron(0 * * * ? *)"
  }
}

resource "aws_backup_selection" "backup_local" {
  name         = "orders"
  plan_id      = aws_backup_plan.backup_local.id
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = [aws_db_instance.backup_orders.arn]
}

# The monthly backups go offsite, but the daily ones, the ones a restore
# would use, are copied only next door in us-east-1.
resource "aws_backup_plan" "backup_mixed" {
  name = "${var.name}-mixed"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.backup_main.name
    schedule          = "cron(0 2 * * ? *)"

    copy_action {
      destination_vault_arn = aws_backup_vault.backup_dr.arn
    }
  }

  rule {
    rule_name         = "monthly"
    target_vault_name = aws_backup_vault.backup_main.name
    schedule          = "cron(0 4 1 * ? *)"

    lifecycle {
      delete_after = 365
    }

    copy_action {
      destination_vault_arn = "arn:aws:backup:us-west-2:111122223333:backup-vault:offsite"

      lifecycle {
        delete_after = 365
      }
    }
  }
}

# Copies to a vault whose region is decided at apply time: unknown.
resource "aws_backup_plan" "backup_archive" {
  name = "${var.name}-archive"

  rule {
    rule_name         = "weekly"
    target_vault_name = aws_backup_vault.backup_main.name
    schedule          = "cron(0 5 ? * SUN *)"

    copy_action {
      destination_vault_arn = aws_backup_vault.backup_archive.arn
    }
  }
}

resource "aws_backup_selection" "backup_archive" {
  name         = "tagged"
  plan_id      = aws_backup_plan.backup_archive.id
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "archive"
    value = "weekly"
  }
}

# -------------------------------------------------------------- databases

# Default retention (1 day), single AZ, no deletion protection, no final
# snapshot, no log exports.
resource "aws_db_instance" "backup_orders" {
  identifier          = "${var.name}-orders"
  engine              = "mysql"
  engine_version      = "8.0"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  username            = "admin"
  password            = "change-me-please"
  skip_final_snapshot = true
}

# "DR" replication of the automated backups into the same region.
resource "aws_db_instance_automated_backups_replication" "backup_orders" {
  provider               = aws.dr
  source_db_instance_arn = aws_db_instance.backup_orders.arn
}

resource "aws_rds_cluster" "backup_ledger" {
  cluster_identifier      = "${var.name}-ledger"
  engine                  = "aurora-postgresql"
  master_username         = "ledger"
  master_password         = "change-me-please"
  backup_retention_period = 1
  skip_final_snapshot     = true
}

# One instance only: nothing to fail over to.
resource "aws_rds_cluster_instance" "backup_ledger" {
  cluster_identifier = aws_rds_cluster.backup_ledger.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.backup_ledger.engine
}

resource "aws_docdb_cluster" "backup_catalog" {
  cluster_identifier  = "${var.name}-catalog"
  master_username     = "catalog"
  master_password     = "change-me-please"
  skip_final_snapshot = true
}

resource "aws_neptune_cluster" "backup_graph" {
  cluster_identifier      = "${var.name}-graph"
  backup_retention_period = 1
}

resource "aws_dynamodb_table" "backup_carts" {
  name         = "${var.name}-carts"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }
}

resource "aws_elasticache_replication_group" "backup_sessions" {
  replication_group_id = "${var.name}-sessions"
  description          = "User sessions"
  engine               = "redis"
  node_type            = "cache.t4g.small"
}

resource "aws_redshift_cluster" "backup_warehouse" {
  cluster_identifier                  = "${var.name}-warehouse"
  node_type                           = "ra3.xlplus"
  master_username                     = "warehouse"
  master_password                     = "Change-me-please1"
  automated_snapshot_retention_period = 0
  skip_final_snapshot                 = true
}

# ------------------------------------------------------- object storage

# No versioning; replicated to a "DR" bucket that is in the same region.
resource "aws_s3_bucket" "backup_uploads" {
  bucket = "${var.name}-uploads"
}

resource "aws_s3_bucket" "backup_uploads_replica" {
  provider = aws.dr
  bucket   = "${var.name}-uploads-replica"
}

resource "aws_s3_bucket_replication_configuration" "backup_uploads" {
  bucket = aws_s3_bucket.backup_uploads.id
  role   = "arn:aws:iam::111122223333:role/replication"

  rule {
    id     = "everything"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    destination {
      bucket = aws_s3_bucket.backup_uploads_replica.arn
    }
  }
}

# ---------------------------------------------------------- file systems

# Created through the API: automatic backups are off, and no plan selects it.
resource "aws_efs_file_system" "backup_shared" {
  encrypted = true
}

resource "aws_efs_file_system" "backup_scratch" {
  encrypted              = true
  availability_zone_name = "us-east-1a"
}

# ------------------------------------------------------- compute and more

resource "aws_autoscaling_group" "backup_app" {
  name                = "${var.name}-app"
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = ["subnet-0123456789abcdef0"]

  launch_template {
    id      = "lt-0123456789abcdef0"
    version = "$Latest"
  }
}

resource "aws_mq_broker" "backup_events" {
  broker_name        = "${var.name}-events"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"

  user {
    username = "events"
    password = "change-me-please"
  }
}

resource "aws_opensearch_domain" "backup_search" {
  domain_name = "${var.name}-search"

  cluster_config {
    instance_type  = "r6g.large.search"
    instance_count = 1
  }
}

# Snapshots "copied" to the region they were taken in.
resource "aws_dlm_lifecycle_policy" "backup_volumes" {
  description        = "${var.name} EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      snapshot = "dlm"
    }

    schedule {
      name = "daily"

      create_rule {
        interval = 24
      }

      retain_rule {
        count = 3
      }

      cross_region_copy_rule {
        target    = "us-east-1"
        encrypted = false
      }
    }
  }
}
