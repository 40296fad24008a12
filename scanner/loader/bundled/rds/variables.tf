# The input variables of terraform-aws-modules/rds/aws 7.x: every name it
# accepts, with its defaults, so that a call is read as Terraform reads it.
# Only some of them reach the resources of this model; inputs of object or
# collection type are left untyped (their shape is not judged).

variable "identifier" {
  type = string
}

variable "instance_use_identifier_prefix" {
  type    = bool
  default = false
}

variable "custom_iam_instance_profile" {
  type    = string
  default = null
}

variable "allocated_storage" {
  type    = number
  default = null
}

variable "storage_type" {
  type    = string
  default = null
}

variable "storage_throughput" {
  type    = number
  default = null
}

variable "storage_encrypted" {
  type    = bool
  default = true
}

variable "kms_key_id" {
  type    = string
  default = null
}

variable "replicate_source_db" {
  type    = string
  default = null
}

variable "license_model" {
  type    = string
  default = null
}

variable "replica_mode" {
  type    = string
  default = null
}

variable "iam_database_authentication_enabled" {
  type    = bool
  default = false
}

variable "domain" {
  type    = string
  default = null
}

variable "domain_auth_secret_arn" {
  type    = string
  default = null
}

variable "domain_dns_ips" {
  default = null
}

variable "domain_fqdn" {
  type    = string
  default = null
}

variable "domain_iam_role_name" {
  type    = string
  default = null
}

variable "domain_ou" {
  type    = string
  default = null
}

variable "engine" {
  type    = string
  default = null
}

variable "engine_version" {
  type    = string
  default = null
}

variable "engine_lifecycle_support" {
  type    = string
  default = null
}

variable "skip_final_snapshot" {
  type    = bool
  default = false
}

variable "snapshot_identifier" {
  type    = string
  default = null
}

variable "copy_tags_to_snapshot" {
  type    = bool
  default = true
}

variable "final_snapshot_identifier_prefix" {
  type    = string
  default = "final"
}

variable "instance_class" {
  type    = string
  default = null
}

variable "db_name" {
  type    = string
  default = null
}

variable "username" {
  type    = string
  default = null
}

variable "password_wo" {
  type    = string
  default = null
}

variable "password_wo_version" {
  type    = number
  default = null
}

variable "manage_master_user_password" {
  type    = bool
  default = true
}

variable "master_user_secret_kms_key_id" {
  type    = string
  default = null
}

variable "port" {
  type    = string
  default = null
}

variable "vpc_security_group_ids" {
  default = []
}

variable "customer_owned_ip_enabled" {
  type    = bool
  default = null
}

variable "availability_zone" {
  type    = string
  default = null
}

variable "multi_az" {
  type    = bool
  default = false
}

variable "iops" {
  type    = number
  default = null
}

variable "publicly_accessible" {
  type    = bool
  default = false
}

variable "monitoring_interval" {
  type    = number
  default = 0
}

variable "monitoring_role_arn" {
  type    = string
  default = null
}

variable "monitoring_role_name" {
  type    = string
  default = "rds-monitoring-role"
}

variable "monitoring_role_use_name_prefix" {
  type    = bool
  default = false
}

variable "monitoring_role_description" {
  type    = string
  default = null
}

variable "create_monitoring_role" {
  type    = bool
  default = false
}

variable "monitoring_role_permissions_boundary" {
  type    = string
  default = null
}

variable "database_insights_mode" {
  type    = string
  default = null
}

variable "allow_major_version_upgrade" {
  type    = bool
  default = false
}

variable "auto_minor_version_upgrade" {
  type    = bool
  default = true
}

variable "apply_immediately" {
  type    = bool
  default = false
}

variable "maintenance_window" {
  type    = string
  default = null
}

variable "blue_green_update" {
  default = null
}

variable "backup_retention_period" {
  type    = number
  default = null
}

variable "backup_window" {
  type    = string
  default = null
}

variable "restore_to_point_in_time" {
  default = null
}

variable "s3_import" {
  default = null
}

variable "dedicated_log_volume" {
  type    = bool
  default = false
}

variable "tags" {
  default = {}
}

variable "db_instance_tags" {
  default = {}
}

variable "db_option_group_tags" {
  default = {}
}

variable "db_parameter_group_tags" {
  default = {}
}

variable "db_subnet_group_tags" {
  default = {}
}

variable "create_db_subnet_group" {
  type    = bool
  default = false
}

variable "db_subnet_group_name" {
  type    = string
  default = null
}

variable "db_subnet_group_use_name_prefix" {
  type    = bool
  default = true
}

variable "db_subnet_group_description" {
  type    = string
  default = null
}

variable "subnet_ids" {
  default = []
}

variable "create_db_parameter_group" {
  type    = bool
  default = true
}

variable "parameter_group_name" {
  type    = string
  default = null
}

variable "parameter_group_use_name_prefix" {
  type    = bool
  default = true
}

variable "parameter_group_description" {
  type    = string
  default = null
}

variable "family" {
  type    = string
  default = null
}

variable "parameters" {
  default = null
}

variable "parameter_group_skip_destroy" {
  type    = bool
  default = null
}

variable "region" {
  type    = string
  default = null
}

variable "create_db_option_group" {
  type    = bool
  default = true
}

variable "option_group_name" {
  type    = string
  default = null
}

variable "option_group_use_name_prefix" {
  type    = bool
  default = true
}

variable "option_group_description" {
  type    = string
  default = null
}

variable "major_engine_version" {
  type    = string
  default = null
}

variable "options" {
  default = null
}

variable "option_group_skip_destroy" {
  type    = bool
  default = null
}

variable "create_db_instance" {
  type    = bool
  default = true
}

variable "timezone" {
  type    = string
  default = null
}

variable "character_set_name" {
  type    = string
  default = null
}

variable "nchar_character_set_name" {
  type    = string
  default = null
}

variable "enabled_cloudwatch_logs_exports" {
  default = []
}

variable "timeouts" {
  default = null
}

variable "option_group_timeouts" {
  default = null
}

variable "deletion_protection" {
  type    = bool
  default = false
}

variable "performance_insights_enabled" {
  type    = bool
  default = false
}

variable "performance_insights_retention_period" {
  type    = number
  default = 7
}

variable "performance_insights_kms_key_id" {
  type    = string
  default = null
}

variable "max_allocated_storage" {
  type    = number
  default = 0
}

variable "ca_cert_identifier" {
  type    = string
  default = null
}

variable "delete_automated_backups" {
  type    = bool
  default = true
}

variable "network_type" {
  type    = string
  default = null
}

variable "upgrade_storage_config" {
  type    = bool
  default = null
}

variable "create_cloudwatch_log_group" {
  type    = bool
  default = false
}

variable "cloudwatch_log_group_retention_in_days" {
  type    = number
  default = 7
}

variable "cloudwatch_log_group_kms_key_id" {
  type    = string
  default = null
}

variable "cloudwatch_log_group_skip_destroy" {
  type    = bool
  default = null
}

variable "cloudwatch_log_group_class" {
  type    = string
  default = null
}

variable "cloudwatch_log_group_tags" {
  default = {}
}

variable "putin_khuylo" {
  type    = bool
  default = true
}

variable "db_instance_role_associations" {
  default = {}
}

variable "manage_master_user_password_rotation" {
  type    = bool
  default = false
}

variable "master_user_password_rotate_immediately" {
  type    = bool
  default = null
}

variable "master_user_password_rotation_automatically_after_days" {
  type    = number
  default = null
}

variable "master_user_password_rotation_duration" {
  type    = string
  default = null
}

variable "master_user_password_rotation_schedule_expression" {
  type    = string
  default = null
}
