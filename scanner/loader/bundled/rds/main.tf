# A compact model of terraform-aws-modules/rds/aws 7.x, written for the
# scanner (not the module's own code): the DB instance with the arguments
# the RDS rules judge, the parameter group the module creates by default,
# and the CloudWatch log groups it creates for the log exports when asked
# to. The module's subnet and option groups, monitoring role and role
# associations are left out: no rule judges them. The module nests the
# instance in ./modules/db_instance; this model is flat, so the instance's
# address is module.<call>.aws_db_instance.this[0].

locals {
  create = var.create_db_instance && var.putin_khuylo

  # A replica takes its engine, credentials and encryption from its source.
  is_replica = var.replicate_source_db != null

  # The module names the final snapshot "<prefix>-<identifier>-<random
  # hex>"; only whether it names one is judged.
  final_snapshot_identifier = var.skip_final_snapshot ? null : "${var.final_snapshot_identifier_prefix}-${var.identifier}"
}

resource "aws_db_instance" "this" {
  count = local.create ? 1 : 0

  region            = var.region
  identifier        = var.instance_use_identifier_prefix ? null : var.identifier
  identifier_prefix = var.instance_use_identifier_prefix ? "${var.identifier}-" : null

  engine            = local.is_replica ? null : var.engine
  engine_version    = var.engine_version
  instance_class    = var.instance_class
  storage_encrypted = var.storage_encrypted
  kms_key_id        = var.kms_key_id

  db_name                             = var.db_name
  username                            = local.is_replica ? null : var.username
  password_wo                         = !local.is_replica && var.manage_master_user_password ? null : var.password_wo
  password_wo_version                 = !local.is_replica && var.manage_master_user_password ? null : var.password_wo_version
  iam_database_authentication_enabled = var.iam_database_authentication_enabled
  manage_master_user_password         = !local.is_replica && var.manage_master_user_password ? true : null
  master_user_secret_kms_key_id       = !local.is_replica && var.manage_master_user_password ? var.master_user_secret_kms_key_id : null

  vpc_security_group_ids = var.vpc_security_group_ids
  db_subnet_group_name   = var.db_subnet_group_name
  parameter_group_name   = var.create_db_parameter_group ? aws_db_parameter_group.this[0].id : var.parameter_group_name

  availability_zone   = var.availability_zone
  multi_az            = var.multi_az
  publicly_accessible = var.publicly_accessible
  ca_cert_identifier  = var.ca_cert_identifier

  snapshot_identifier       = var.snapshot_identifier
  copy_tags_to_snapshot     = var.copy_tags_to_snapshot
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = local.final_snapshot_identifier

  performance_insights_enabled          = var.performance_insights_enabled
  performance_insights_retention_period = var.performance_insights_enabled ? var.performance_insights_retention_period : null
  performance_insights_kms_key_id       = var.performance_insights_enabled ? var.performance_insights_kms_key_id : null

  replicate_source_db = var.replicate_source_db
  # A blue/green update needs automated backups: the module keeps at
  # least one day then.
  backup_retention_period = var.blue_green_update != null ? coalesce(var.backup_retention_period, 1) : var.backup_retention_period

  enabled_cloudwatch_logs_exports = var.enabled_cloudwatch_logs_exports

  deletion_protection      = var.deletion_protection
  delete_automated_backups = var.delete_automated_backups

  tags = merge(var.tags, var.db_instance_tags)
}

# One log group per exported log, named as RDS writes to it, when the call
# asks the module to create them (and not with an identifier prefix,
# whose log group names are unknown before apply).
resource "aws_cloudwatch_log_group" "this" {
  for_each = toset([for log in var.enabled_cloudwatch_logs_exports : log if local.create && var.create_cloudwatch_log_group && !var.instance_use_identifier_prefix])

  region            = var.region
  name              = "/aws/rds/instance/${var.identifier}/${each.value}"
  retention_in_days = var.cloudwatch_log_group_retention_in_days
  kms_key_id        = var.cloudwatch_log_group_kms_key_id
  skip_destroy      = var.cloudwatch_log_group_skip_destroy
  log_group_class   = var.cloudwatch_log_group_class
  tags              = merge(var.tags, var.cloudwatch_log_group_tags)
}

# The parameter group the module creates unless told not to, with the
# call's parameters (TLS is required there: rds.force_ssl,
# require_secure_transport).
resource "aws_db_parameter_group" "this" {
  count = var.create_db_parameter_group && var.putin_khuylo ? 1 : 0

  region      = var.region
  name        = var.parameter_group_use_name_prefix ? null : coalesce(var.parameter_group_name, var.identifier)
  name_prefix = var.parameter_group_use_name_prefix ? "${coalesce(var.parameter_group_name, var.identifier)}-" : null
  family      = var.family

  dynamic "parameter" {
    for_each = var.parameters != null ? var.parameters : []

    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = try(parameter.value.apply_method, null)
    }
  }

  tags = merge(var.tags, var.db_parameter_group_tags, { Name = coalesce(var.parameter_group_name, var.identifier) })
}
