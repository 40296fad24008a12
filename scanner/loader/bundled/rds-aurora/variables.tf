# The input variables of terraform-aws-modules/rds-aurora/aws 10.x: every
# name it accepts, with its defaults, so that a call is read as Terraform
# reads it. Only some of them reach the resources of this model; inputs of
# object or collection type are left untyped, and the model reads their
# optional attributes with try().

variable "create" {
  type    = bool
  default = true
}

variable "region" {
  type    = string
  default = null
}

variable "name" {
  type    = string
  default = ""
}

variable "tags" {
  default = {}
}

variable "create_db_subnet_group" {
  type    = bool
  default = false
}

variable "db_subnet_group_name" {
  type    = string
  default = ""
}

variable "subnets" {
  default = []
}

variable "is_primary_cluster" {
  type    = bool
  default = true
}

variable "cluster_use_name_prefix" {
  type    = bool
  default = false
}

variable "allocated_storage" {
  type    = number
  default = null
}

variable "allow_major_version_upgrade" {
  type    = bool
  default = false
}

variable "apply_immediately" {
  type    = bool
  default = null
}

variable "availability_zones" {
  default = null
}

variable "backup_retention_period" {
  type    = number
  default = null
}

variable "backtrack_window" {
  type    = number
  default = null
}

variable "cluster_ca_cert_identifier" {
  type    = string
  default = null
}

variable "cluster_members" {
  default = null
}

variable "cluster_scalability_type" {
  type    = string
  default = null
}

variable "cluster_performance_insights_enabled" {
  type    = bool
  default = null
}

variable "cluster_performance_insights_kms_key_id" {
  type    = string
  default = null
}

variable "cluster_performance_insights_retention_period" {
  type    = number
  default = null
}

variable "cluster_monitoring_interval" {
  type    = number
  default = 0
}

variable "copy_tags_to_snapshot" {
  type    = bool
  default = true
}

variable "database_insights_mode" {
  type    = string
  default = null
}

variable "database_name" {
  type    = string
  default = null
}

variable "cluster_instance_class" {
  type    = string
  default = null
}

variable "cluster_db_instance_parameter_group_name" {
  type    = string
  default = null
}

variable "delete_automated_backups" {
  type    = bool
  default = null
}

variable "deletion_protection" {
  type    = bool
  default = null
}

variable "enable_global_write_forwarding" {
  type    = bool
  default = null
}

variable "enable_local_write_forwarding" {
  type    = bool
  default = null
}

variable "enabled_cloudwatch_logs_exports" {
  default = []
}

variable "enable_http_endpoint" {
  type    = bool
  default = null
}

variable "engine" {
  type    = string
  default = null
}

variable "engine_mode" {
  type    = string
  default = "provisioned"
}

variable "engine_version" {
  type    = string
  default = null
}

variable "engine_lifecycle_support" {
  type    = string
  default = null
}

variable "final_snapshot_identifier" {
  type    = string
  default = null
}

variable "global_cluster_identifier" {
  type    = string
  default = null
}

variable "iam_database_authentication_enabled" {
  type    = bool
  default = null
}

variable "domain" {
  type    = string
  default = null
}

variable "domain_iam_role_name" {
  type    = string
  default = null
}

variable "iops" {
  type    = number
  default = null
}

variable "kms_key_id" {
  type    = string
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

variable "master_password_wo" {
  type    = string
  default = null
}

variable "master_password_wo_version" {
  type    = number
  default = null
}

variable "master_username" {
  type    = string
  default = null
}

variable "network_type" {
  type    = string
  default = null
}

variable "port" {
  type    = string
  default = null
}

variable "preferred_backup_window" {
  type    = string
  default = null
}

variable "preferred_maintenance_window" {
  type    = string
  default = null
}

variable "replication_source_identifier" {
  type    = string
  default = null
}

variable "restore_to_point_in_time" {
  default = null
}

variable "s3_import" {
  default = null
}

variable "scaling_configuration" {
  default = null
}

variable "serverlessv2_scaling_configuration" {
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

variable "source_region" {
  type    = string
  default = null
}

variable "storage_encrypted" {
  type    = bool
  default = true
}

variable "storage_type" {
  type    = string
  default = null
}

variable "cluster_tags" {
  default = {}
}

variable "vpc_security_group_ids" {
  default = []
}

variable "cluster_timeouts" {
  default = null
}

variable "instances" {
  default = {}
}

variable "instances_use_identifier_prefix" {
  type    = bool
  default = false
}

variable "instance_timeouts" {
  default = null
}

variable "endpoints" {
  default = {}
}

variable "role_associations" {
  default = {}
}

variable "create_monitoring_role" {
  type    = bool
  default = true
}

variable "monitoring_role_arn" {
  type    = string
  default = ""
}

variable "iam_role_name" {
  type    = string
  default = null
}

variable "iam_role_use_name_prefix" {
  type    = bool
  default = false
}

variable "iam_role_description" {
  type    = string
  default = null
}

variable "iam_role_path" {
  type    = string
  default = null
}

variable "iam_role_permissions_boundary" {
  type    = string
  default = null
}

variable "iam_role_max_session_duration" {
  type    = number
  default = null
}

variable "autoscaling_enabled" {
  type    = bool
  default = false
}

variable "autoscaling_max_capacity" {
  type    = number
  default = 2
}

variable "autoscaling_min_capacity" {
  type    = number
  default = 0
}

variable "autoscaling_policy_name" {
  type    = string
  default = "target-metric"
}

variable "predefined_metric_type" {
  type    = string
  default = "RDSReaderAverageCPUUtilization"
}

variable "autoscaling_scale_in_cooldown" {
  type    = number
  default = 300
}

variable "autoscaling_scale_out_cooldown" {
  type    = number
  default = 300
}

variable "autoscaling_target_cpu" {
  type    = number
  default = 70
}

variable "autoscaling_target_connections" {
  type    = number
  default = 700
}

variable "create_security_group" {
  type    = bool
  default = true
}

variable "security_group_name" {
  type    = string
  default = ""
}

variable "security_group_use_name_prefix" {
  type    = bool
  default = true
}

variable "security_group_description" {
  type    = string
  default = null
}

variable "vpc_id" {
  type    = string
  default = ""
}

variable "security_group_ingress_rules" {
  default = {}
}

variable "security_group_egress_rules" {
  default = {}
}

variable "security_group_tags" {
  default = {}
}

variable "cluster_parameter_group_name" {
  type    = string
  default = null
}

variable "cluster_parameter_group" {
  default = null
}

variable "db_parameter_group" {
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

variable "cluster_activity_stream" {
  default = null
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

variable "shard_group" {
  default = null
}

variable "putin_khuylo" {
  type    = bool
  default = true
}
