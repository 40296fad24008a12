# A compact model of terraform-aws-modules/rds-aurora/aws 10.x, written for
# the scanner (not the module's own code): the cluster and its instances
# with the arguments the RDS rules judge, the security group the module
# creates with its ingress rules, the cluster and instance parameter groups
# when the call asks for them, and the log groups of the log exports. The
# module's subnet group, endpoints, role associations, monitoring role,
# activity stream, autoscaling and shard group are left out; the inputs of
# the ones a rule could judge make the call not scanned (see bundled.go).

locals {
  create = var.create && var.putin_khuylo

  port          = coalesce(var.port, (var.engine == "aurora-postgresql" || var.engine == "postgres" ? 5432 : 3306))
  is_serverless = var.engine_mode == "serverless"

  use_managed_master_password = var.manage_master_user_password && var.global_cluster_identifier == null
  use_master_password         = var.is_primary_cluster && !local.use_managed_master_password

  create_security_group = local.create && var.create_security_group
  security_group_name   = try(coalesce(var.security_group_name, var.name), "")

  create_cluster_parameter_group = local.create && var.cluster_parameter_group != null
  create_db_parameter_group      = local.create && var.db_parameter_group != null
}

resource "aws_rds_cluster" "this" {
  count = local.create ? 1 : 0

  region = var.region

  cluster_identifier        = var.cluster_use_name_prefix ? null : var.name
  cluster_identifier_prefix = var.cluster_use_name_prefix ? "${var.name}-" : null
  engine                    = var.engine
  engine_mode               = var.cluster_scalability_type == "limitless" ? "" : var.engine_mode
  engine_version            = var.engine_version
  availability_zones        = var.availability_zones
  # The module takes allocated_storage as the sign of a Multi-AZ DB
  # cluster, whose instance class is set on the cluster.
  db_cluster_instance_class       = var.allocated_storage != null ? var.cluster_instance_class : null
  db_cluster_parameter_group_name = local.create_cluster_parameter_group ? aws_rds_cluster_parameter_group.this[0].id : var.cluster_parameter_group_name

  storage_encrypted = var.storage_encrypted
  kms_key_id        = var.kms_key_id

  master_username               = var.is_primary_cluster ? var.master_username : null
  manage_master_user_password   = local.use_managed_master_password ? var.manage_master_user_password : null
  master_user_secret_kms_key_id = local.use_managed_master_password ? var.master_user_secret_kms_key_id : null
  master_password_wo            = local.use_master_password ? var.master_password_wo : null
  master_password_wo_version    = local.use_master_password ? var.master_password_wo_version : null

  iam_database_authentication_enabled = var.iam_database_authentication_enabled
  ca_certificate_identifier           = var.cluster_ca_cert_identifier

  backup_retention_period   = var.backup_retention_period
  copy_tags_to_snapshot     = var.copy_tags_to_snapshot
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = var.final_snapshot_identifier
  deletion_protection       = var.deletion_protection
  delete_automated_backups  = var.delete_automated_backups

  enabled_cloudwatch_logs_exports = var.enabled_cloudwatch_logs_exports

  performance_insights_enabled          = var.cluster_performance_insights_enabled
  performance_insights_kms_key_id       = var.cluster_performance_insights_kms_key_id
  performance_insights_retention_period = var.cluster_performance_insights_retention_period

  global_cluster_identifier     = var.global_cluster_identifier
  replication_source_identifier = var.replication_source_identifier
  snapshot_identifier           = var.snapshot_identifier
  source_region                 = var.source_region

  port                   = local.port
  db_subnet_group_name   = var.create_db_subnet_group ? null : try(coalesce(var.db_subnet_group_name, var.name), "")
  vpc_security_group_ids = compact(concat(aws_security_group.this[*].id, var.vpc_security_group_ids))

  tags = merge(var.tags, var.cluster_tags)
}

# Each instance's optional settings fall back to the cluster's, as the
# module's do; the module's object type gives absent attributes null
# (copy_tags_to_snapshot: true).
resource "aws_rds_cluster_instance" "this" {
  for_each = { for k, v in var.instances : k => v if local.create && !local.is_serverless }

  region = var.region

  cluster_identifier      = aws_rds_cluster.this[0].id
  identifier              = var.instances_use_identifier_prefix ? null : try(coalesce(try(each.value.identifier, null), "${var.name}-${each.key}"))
  identifier_prefix       = var.instances_use_identifier_prefix ? try(coalesce(try(each.value.identifier_prefix, null), "${var.name}-${each.key}-")) : null
  engine                  = var.engine
  engine_version          = var.engine_version
  instance_class          = try(coalesce(try(each.value.instance_class, null), var.cluster_instance_class), null)
  availability_zone       = try(each.value.availability_zone, null)
  publicly_accessible     = try(each.value.publicly_accessible, null)
  ca_cert_identifier      = try(coalesce(try(each.value.ca_cert_identifier, null), var.cluster_ca_cert_identifier), null)
  copy_tags_to_snapshot   = try(coalesce(try(each.value.copy_tags_to_snapshot, null), true), null)
  db_parameter_group_name = local.create_db_parameter_group ? aws_db_parameter_group.this[0].id : try(each.value.db_parameter_group_name, null)

  performance_insights_enabled          = try(coalesce(try(each.value.performance_insights_enabled, null), var.cluster_performance_insights_enabled), null)
  performance_insights_kms_key_id       = try(coalesce(try(each.value.performance_insights_kms_key_id, null), var.cluster_performance_insights_kms_key_id), null)
  performance_insights_retention_period = try(coalesce(try(each.value.performance_insights_retention_period, null), var.cluster_performance_insights_retention_period), null)

  tags = merge(var.tags, try(each.value.tags, {}))
}

resource "aws_security_group" "this" {
  count = local.create_security_group ? 1 : 0

  region      = var.region
  name        = var.security_group_use_name_prefix ? null : local.security_group_name
  name_prefix = var.security_group_use_name_prefix ? "${local.security_group_name}-" : null
  vpc_id      = var.vpc_id
  description = coalesce(var.security_group_description, "Control traffic to/from RDS Aurora ${local.security_group_name}")

  tags = merge(var.tags, var.security_group_tags, { "Name" = local.security_group_name })
}

# A rule without ports opens the database's port; the protocol defaults
# to TCP.
resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each = { for k, v in var.security_group_ingress_rules : k => v if var.security_group_ingress_rules != null && local.create_security_group }

  region = var.region

  security_group_id            = aws_security_group.this[0].id
  cidr_ipv4                    = try(each.value.cidr_ipv4, null)
  cidr_ipv6                    = try(each.value.cidr_ipv6, null)
  prefix_list_id               = try(each.value.prefix_list_id, null)
  referenced_security_group_id = try(each.value.referenced_security_group_id, null) == "self" ? aws_security_group.this[0].id : try(each.value.referenced_security_group_id, null)
  description                  = try(each.value.description, null)
  ip_protocol                  = coalesce(try(each.value.ip_protocol, null), "tcp")
  from_port                    = try(coalesce(try(each.value.from_port, null), local.port), null)
  to_port                      = try(coalesce(try(each.value.to_port, null), try(each.value.from_port, null), local.port), null)
}

resource "aws_rds_cluster_parameter_group" "this" {
  count = local.create_cluster_parameter_group ? 1 : 0

  region = var.region
  family = var.cluster_parameter_group.family

  dynamic "parameter" {
    for_each = try(var.cluster_parameter_group.parameters, null) != null ? var.cluster_parameter_group.parameters : []

    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = coalesce(try(parameter.value.apply_method, null), "immediate")
    }
  }

  tags = var.tags
}

resource "aws_db_parameter_group" "this" {
  count = local.create_db_parameter_group ? 1 : 0

  region = var.region
  family = var.db_parameter_group.family

  dynamic "parameter" {
    for_each = try(var.db_parameter_group.parameters, null) != null ? var.db_parameter_group.parameters : []

    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = coalesce(try(parameter.value.apply_method, null), "immediate")
    }
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = toset([for log in var.enabled_cloudwatch_logs_exports : log if local.create && var.create_cloudwatch_log_group && !var.cluster_use_name_prefix])

  region            = var.region
  name              = "/aws/rds/cluster/${var.name}/${each.value}"
  retention_in_days = var.cloudwatch_log_group_retention_in_days
  kms_key_id        = var.cloudwatch_log_group_kms_key_id
  skip_destroy      = var.cloudwatch_log_group_skip_destroy
  log_group_class   = var.cloudwatch_log_group_class
  tags              = merge(var.tags, var.cloudwatch_log_group_tags)
}
