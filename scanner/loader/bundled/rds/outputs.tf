# The module's outputs, so that what the caller reads of the module
# (module.db.db_instance_endpoint) refers to the resources of this model.
# Outputs of what the model leaves out (the subnet and option groups, the
# monitoring role) are unknown here: they read the instance's ARN, known
# only after apply, as a stand-in with no value.

output "enhanced_monitoring_iam_role_name" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "enhanced_monitoring_iam_role_arn" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_address" {
  value = try(aws_db_instance.this[0].address, null)
}

output "db_instance_arn" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_availability_zone" {
  value = try(aws_db_instance.this[0].availability_zone, null)
}

output "db_instance_endpoint" {
  value = try(aws_db_instance.this[0].endpoint, null)
}

output "db_listener_endpoint" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_engine" {
  value = try(aws_db_instance.this[0].engine, null)
}

output "db_instance_engine_version_actual" {
  value = try(aws_db_instance.this[0].engine_version_actual, null)
}

output "db_instance_hosted_zone_id" {
  value = try(aws_db_instance.this[0].hosted_zone_id, null)
}

output "db_instance_identifier" {
  value = try(aws_db_instance.this[0].identifier, null)
}

output "db_instance_resource_id" {
  value = try(aws_db_instance.this[0].resource_id, null)
}

output "db_instance_status" {
  value = try(aws_db_instance.this[0].status, null)
}

output "db_instance_name" {
  value = try(aws_db_instance.this[0].db_name, null)
}

output "db_instance_username" {
  value = try(aws_db_instance.this[0].username, null)
}

output "db_instance_domain" {
  value = try(aws_db_instance.this[0].domain, null)
}

output "db_instance_domain_auth_secret_arn" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_domain_dns_ips" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_domain_fqdn" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_domain_iam_role_name" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_domain_ou" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_port" {
  value = try(aws_db_instance.this[0].port, null)
}

output "db_instance_ca_cert_identifier" {
  value = try(aws_db_instance.this[0].ca_cert_identifier, null)
}

output "db_instance_master_user_secret_arn" {
  value = try(aws_db_instance.this[0].master_user_secret[0].secret_arn, null)
}

output "db_instance_upgrade_rollout_order" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_subnet_group_id" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_subnet_group_arn" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_parameter_group_id" {
  value = try(aws_db_parameter_group.this[0].id, null)
}

output "db_parameter_group_arn" {
  value = try(aws_db_parameter_group.this[0].arn, null)
}

output "db_option_group_id" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_option_group_arn" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_cloudwatch_log_groups" {
  value = aws_cloudwatch_log_group.this
}

output "db_instance_role_associations" {
  value = try(aws_db_instance.this[0].arn, null)
}

output "db_instance_secretsmanager_secret_rotation_enabled" {
  value = try(aws_db_instance.this[0].arn, null)
}
