# A compact model of terraform-aws-modules/dynamodb-table/aws 5.x, written
# for the scanner (not the module's own code): the table with the
# arguments the DynamoDB rules judge (server-side encryption and its key,
# point-in-time recovery, deletion protection, replica regions, tags), in
# each of the three variants the module creates it as (plain, autoscaled,
# autoscaled ignoring changes to its indexes), and the table's resource
# policy. The attributes, indexes, TTL, import, throughput settings, the
# global table witness and the autoscaling targets and policies are left
# out: no rule judges them.

locals {
  dynamodb_table_arn = try(aws_dynamodb_table.this[0].arn, aws_dynamodb_table.autoscaled[0].arn, aws_dynamodb_table.autoscaled_gsi_ignore[0].arn, "")
}

resource "aws_dynamodb_table" "this" {
  count = var.create_table && !var.autoscaling_enabled ? 1 : 0

  region                      = var.region
  name                        = var.name
  billing_mode                = var.billing_mode
  hash_key                    = var.hash_key
  range_key                   = var.range_key
  stream_enabled              = var.stream_enabled
  table_class                 = var.table_class
  deletion_protection_enabled = var.deletion_protection_enabled
  restore_date_time           = var.restore_date_time
  restore_source_name         = var.restore_source_name
  restore_source_table_arn    = var.restore_source_table_arn
  restore_to_latest_time      = var.restore_to_latest_time

  point_in_time_recovery {
    enabled                 = var.point_in_time_recovery_enabled
    recovery_period_in_days = var.point_in_time_recovery_period_in_days
  }

  dynamic "replica" {
    for_each = var.replica_regions

    content {
      region_name            = replica.value.region_name
      kms_key_arn            = lookup(replica.value, "kms_key_arn", null)
      point_in_time_recovery = lookup(replica.value, "point_in_time_recovery", null)
    }
  }

  # The module always writes the block: enabled = false (its default) is
  # DynamoDB's AWS owned key.
  server_side_encryption {
    enabled     = var.server_side_encryption_enabled
    kms_key_arn = var.server_side_encryption_kms_key_arn
  }

  tags = merge(var.tags, { "Name" = format("%s", var.name) })
}

# With autoscaling the module creates the table under another address,
# whose capacities the autoscaling targets (left out) manage.
resource "aws_dynamodb_table" "autoscaled" {
  count = var.create_table && var.autoscaling_enabled && !var.ignore_changes_global_secondary_index ? 1 : 0

  region                      = var.region
  name                        = var.name
  billing_mode                = var.billing_mode
  hash_key                    = var.hash_key
  range_key                   = var.range_key
  stream_enabled              = var.stream_enabled
  table_class                 = var.table_class
  deletion_protection_enabled = var.deletion_protection_enabled
  restore_date_time           = var.restore_date_time
  restore_source_name         = var.restore_source_name
  restore_source_table_arn    = var.restore_source_table_arn
  restore_to_latest_time      = var.restore_to_latest_time

  point_in_time_recovery {
    enabled                 = var.point_in_time_recovery_enabled
    recovery_period_in_days = var.point_in_time_recovery_period_in_days
  }

  dynamic "replica" {
    for_each = var.replica_regions

    content {
      region_name            = replica.value.region_name
      kms_key_arn            = lookup(replica.value, "kms_key_arn", null)
      point_in_time_recovery = lookup(replica.value, "point_in_time_recovery", null)
    }
  }

  # The module always writes the block: enabled = false (its default) is
  # DynamoDB's AWS owned key.
  server_side_encryption {
    enabled     = var.server_side_encryption_enabled
    kms_key_arn = var.server_side_encryption_kms_key_arn
  }

  tags = merge(var.tags, { "Name" = format("%s", var.name) })
}

# The same, when the call asks changes to the indexes to be ignored.
resource "aws_dynamodb_table" "autoscaled_gsi_ignore" {
  count = var.create_table && var.autoscaling_enabled && var.ignore_changes_global_secondary_index ? 1 : 0

  region                      = var.region
  name                        = var.name
  billing_mode                = var.billing_mode
  hash_key                    = var.hash_key
  range_key                   = var.range_key
  stream_enabled              = var.stream_enabled
  table_class                 = var.table_class
  deletion_protection_enabled = var.deletion_protection_enabled
  restore_date_time           = var.restore_date_time
  restore_source_name         = var.restore_source_name
  restore_source_table_arn    = var.restore_source_table_arn
  restore_to_latest_time      = var.restore_to_latest_time

  point_in_time_recovery {
    enabled                 = var.point_in_time_recovery_enabled
    recovery_period_in_days = var.point_in_time_recovery_period_in_days
  }

  dynamic "replica" {
    for_each = var.replica_regions

    content {
      region_name            = replica.value.region_name
      kms_key_arn            = lookup(replica.value, "kms_key_arn", null)
      point_in_time_recovery = lookup(replica.value, "point_in_time_recovery", null)
    }
  }

  # The module always writes the block: enabled = false (its default) is
  # DynamoDB's AWS owned key.
  server_side_encryption {
    enabled     = var.server_side_encryption_enabled
    kms_key_arn = var.server_side_encryption_kms_key_arn
  }

  tags = merge(var.tags, { "Name" = format("%s", var.name) })
}

# The module puts the table's ARN for __DYNAMODB_TABLE_ARN__ in the call's
# policy. The ARN is known only after apply, so a policy that names it is
# unknown here; one that does not is judged as written (replace leaves it
# unchanged in the module too).
resource "aws_dynamodb_resource_policy" "this" {
  count = var.create_table && var.resource_policy != null ? 1 : 0

  region       = var.region
  resource_arn = local.dynamodb_table_arn
  policy       = strcontains(var.resource_policy, "__DYNAMODB_TABLE_ARN__") ? replace(var.resource_policy, "__DYNAMODB_TABLE_ARN__", local.dynamodb_table_arn) : var.resource_policy
}
