# The module's outputs, so that what the caller reads of the module
# (module.table.dynamodb_table_arn, in an AWS Backup selection) refers to
# the table of this model.

locals {
  replicas              = { for v in try(aws_dynamodb_table.this[0].replica[*], aws_dynamodb_table.autoscaled[0].replica[*], aws_dynamodb_table.autoscaled_gsi_ignore[0].replica[*], []) : v.region_name => v }
  replica_arns          = { for v in local.replicas : v.region_name => v.arn }
  replica_stream_arns   = { for v in local.replicas : v.region_name => v.stream_arn }
  replica_stream_labels = { for v in local.replicas : v.region_name => v.stream_label }
}

output "dynamodb_table_arn" {
  value = local.dynamodb_table_arn
}

output "dynamodb_table_id" {
  value = try(aws_dynamodb_table.this[0].id, aws_dynamodb_table.autoscaled[0].id, aws_dynamodb_table.autoscaled_gsi_ignore[0].id, "")
}

output "dynamodb_table_stream_arn" {
  value = try(aws_dynamodb_table.this[0].stream_arn, aws_dynamodb_table.autoscaled[0].stream_arn, aws_dynamodb_table.autoscaled_gsi_ignore[0].stream_arn, "")
}

output "dynamodb_table_stream_label" {
  value = try(aws_dynamodb_table.this[0].stream_label, aws_dynamodb_table.autoscaled[0].stream_label, aws_dynamodb_table.autoscaled_gsi_ignore[0].stream_label, "")
}

output "dynamodb_table_replicas" {
  value = local.replicas
}

output "dynamodb_table_replica_arns" {
  value = local.replica_arns
}

output "dynamodb_table_replica_stream_arns" {
  value = local.replica_stream_arns
}

output "dynamodb_table_replica_stream_labels" {
  value = local.replica_stream_labels
}
