# The module's outputs, so that what the caller reads of the module
# (module.aurora.cluster_endpoint) refers to the resources of this model.
# Outputs of what the model leaves out (subnet group, endpoints, roles,
# activity stream, shard group) are unknown here: they read the cluster's
# ARN, known only after apply, as a stand-in with no value.

output "db_subnet_group_name" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "cluster_arn" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "cluster_id" {
  value = try(aws_rds_cluster.this[0].id, null)
}

output "cluster_resource_id" {
  value = try(aws_rds_cluster.this[0].cluster_resource_id, null)
}

output "cluster_members" {
  value = try(aws_rds_cluster.this[0].cluster_members, null)
}

output "cluster_endpoint" {
  value = try(aws_rds_cluster.this[0].endpoint, null)
}

output "cluster_reader_endpoint" {
  value = try(aws_rds_cluster.this[0].reader_endpoint, null)
}

output "cluster_engine_version_actual" {
  value = try(aws_rds_cluster.this[0].engine_version_actual, null)
}

output "cluster_database_name" {
  value = try(aws_rds_cluster.this[0].database_name, null)
}

output "cluster_port" {
  value = try(aws_rds_cluster.this[0].port, null)
}

output "cluster_master_username" {
  value = try(aws_rds_cluster.this[0].master_username, null)
}

output "cluster_master_user_secret" {
  value = try(aws_rds_cluster.this[0].master_user_secret, null)
}

output "cluster_hosted_zone_id" {
  value = try(aws_rds_cluster.this[0].hosted_zone_id, null)
}

output "cluster_ca_certificate_identifier" {
  value = try(aws_rds_cluster.this[0].ca_certificate_identifier, null)
}

output "cluster_ca_certificate_valid_till" {
  value = try(aws_rds_cluster.this[0].ca_certificate_valid_till, null)
}

output "cluster_upgrade_rollout_order" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "cluster_instances" {
  value = aws_rds_cluster_instance.this
}

output "additional_cluster_endpoints" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "cluster_role_associations" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "enhanced_monitoring_iam_role_name" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "enhanced_monitoring_iam_role_arn" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "enhanced_monitoring_iam_role_unique_id" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "security_group_id" {
  value = try(aws_security_group.this[0].id, null)
}

output "db_cluster_parameter_group_arn" {
  value = try(aws_rds_cluster_parameter_group.this[0].arn, null)
}

output "db_cluster_parameter_group_id" {
  value = try(aws_rds_cluster_parameter_group.this[0].id, null)
}

output "db_parameter_group_arn" {
  value = try(aws_db_parameter_group.this[0].arn, null)
}

output "db_parameter_group_id" {
  value = try(aws_db_parameter_group.this[0].id, null)
}

output "db_cluster_cloudwatch_log_groups" {
  value = aws_cloudwatch_log_group.this
}

output "db_cluster_activity_stream_kinesis_stream_name" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "db_cluster_secretsmanager_secret_rotation_enabled" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "db_shard_group_arn" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "db_shard_group_resource_id" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "db_shard_group_endpoint" {
  value = try(aws_rds_cluster.this[0].arn, null)
}
