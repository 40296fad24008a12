# The input variables of terraform-aws-modules/lambda/aws 3.x–8.x: every
# name the root module accepts in 7.17.0's variables.tf (the newest read),
# with the defaults that release gives, so that a call is read as Terraform
# reads it. The inputs added after 3.x are listed by major in bundled.go
# (since); the defaults of those the model judges (no key, no tracing, no
# retention or log group key, no function URL, authorization NONE when it
# is created, no triggers) are the same in every release of these majors.
# Most inputs reach nothing in this model: the package build, the layer,
# the S3 upload, async and event-source settings have no rule.

variable "create" {
  type    = bool
  default = true
}

variable "create_package" {
  type    = bool
  default = true
}

variable "create_function" {
  type    = bool
  default = true
}

variable "create_layer" {
  type    = bool
  default = false
}

variable "create_role" {
  type    = bool
  default = true
}

variable "create_lambda_function_url" {
  type    = bool
  default = false
}

variable "create_sam_metadata" {
  type    = bool
  default = false
}

variable "putin_khuylo" {
  type    = bool
  default = true
}

variable "lambda_at_edge" {
  type    = bool
  default = false
}

variable "lambda_at_edge_logs_all_regions" {
  type    = bool
  default = true
}

variable "function_name" {
  type    = string
  default = ""
}

variable "handler" {
  type    = string
  default = ""
}

variable "runtime" {
  type    = string
  default = ""
}

variable "lambda_role" {
  type    = string
  default = ""
}

variable "description" {
  type    = string
  default = ""
}

variable "code_signing_config_arn" {
  type    = string
  default = null
}

variable "layers" {
  type    = list(string)
  default = null
}

variable "architectures" {
  type    = list(string)
  default = null
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "memory_size" {
  type    = number
  default = 128
}

variable "ephemeral_storage_size" {
  type    = number
  default = 512
}

variable "publish" {
  type    = bool
  default = false
}

variable "reserved_concurrent_executions" {
  type    = number
  default = -1
}

variable "timeout" {
  type    = number
  default = 3
}

variable "dead_letter_target_arn" {
  type    = string
  default = null
}

variable "environment_variables" {
  type    = map(string)
  default = {}
}

variable "tracing_mode" {
  type    = string
  default = null
}

variable "vpc_subnet_ids" {
  type    = list(string)
  default = null
}

variable "vpc_security_group_ids" {
  type    = list(string)
  default = null
}

variable "ipv6_allowed_for_dual_stack" {
  type    = bool
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "function_tags" {
  type    = map(string)
  default = {}
}

variable "s3_object_tags" {
  type    = map(string)
  default = {}
}

variable "s3_object_tags_only" {
  type    = bool
  default = false
}

variable "package_type" {
  type    = string
  default = "Zip"
}

variable "image_uri" {
  type    = string
  default = null
}

variable "image_config_entry_point" {
  type    = list(string)
  default = []
}

variable "image_config_command" {
  type    = list(string)
  default = []
}

variable "image_config_working_directory" {
  type    = string
  default = null
}

variable "snap_start" {
  type    = bool
  default = false
}

variable "replace_security_groups_on_destroy" {
  type    = bool
  default = null
}

variable "replacement_security_group_ids" {
  type    = list(string)
  default = null
}

variable "timeouts" {
  type    = map(string)
  default = {}
}

variable "skip_destroy" {
  type    = bool
  default = null
}

variable "create_unqualified_alias_lambda_function_url" {
  type    = bool
  default = true
}

variable "authorization_type" {
  type    = string
  default = "NONE"
}

variable "cors" {
  type    = any
  default = {}
}

variable "invoke_mode" {
  type    = string
  default = null
}

variable "s3_object_override_default_tags" {
  type    = bool
  default = false
}

variable "layer_name" {
  type    = string
  default = ""
}

variable "layer_skip_destroy" {
  type    = bool
  default = false
}

variable "license_info" {
  type    = string
  default = ""
}

variable "compatible_runtimes" {
  type    = list(string)
  default = []
}

variable "compatible_architectures" {
  type    = list(string)
  default = null
}

variable "create_async_event_config" {
  type    = bool
  default = false
}

variable "create_current_version_async_event_config" {
  type    = bool
  default = true
}

variable "create_unqualified_alias_async_event_config" {
  type    = bool
  default = true
}

variable "maximum_event_age_in_seconds" {
  type    = number
  default = null
}

variable "maximum_retry_attempts" {
  type    = number
  default = null
}

variable "destination_on_failure" {
  type    = string
  default = null
}

variable "destination_on_success" {
  type    = string
  default = null
}

variable "provisioned_concurrent_executions" {
  type    = number
  default = -1
}

variable "create_current_version_allowed_triggers" {
  type    = bool
  default = true
}

variable "create_unqualified_alias_allowed_triggers" {
  type    = bool
  default = true
}

variable "allowed_triggers" {
  type    = map(any)
  default = {}
}

variable "event_source_mapping" {
  type    = any
  default = {}
}

variable "use_existing_cloudwatch_log_group" {
  type    = bool
  default = false
}

variable "cloudwatch_logs_retention_in_days" {
  type    = number
  default = null
}

variable "cloudwatch_logs_kms_key_id" {
  type    = string
  default = null
}

variable "cloudwatch_logs_skip_destroy" {
  type    = bool
  default = false
}

variable "cloudwatch_logs_log_group_class" {
  type    = string
  default = null
}

variable "cloudwatch_logs_tags" {
  type    = map(string)
  default = {}
}

variable "role_name" {
  type    = string
  default = null
}

variable "role_description" {
  type    = string
  default = null
}

variable "role_path" {
  type    = string
  default = null
}

variable "role_force_detach_policies" {
  type    = bool
  default = true
}

variable "role_permissions_boundary" {
  type    = string
  default = null
}

variable "role_tags" {
  type    = map(string)
  default = {}
}

variable "role_maximum_session_duration" {
  type    = number
  default = 3600
}

variable "policy_name" {
  type    = string
  default = null
}

variable "attach_cloudwatch_logs_policy" {
  type    = bool
  default = true
}

variable "attach_create_log_group_permission" {
  type    = bool
  default = true
}

variable "attach_dead_letter_policy" {
  type    = bool
  default = false
}

variable "attach_network_policy" {
  type    = bool
  default = false
}

variable "attach_tracing_policy" {
  type    = bool
  default = false
}

variable "attach_async_event_policy" {
  type    = bool
  default = false
}

variable "attach_policy_json" {
  type    = bool
  default = false
}

variable "attach_policy_jsons" {
  type    = bool
  default = false
}

variable "attach_policy" {
  type    = bool
  default = false
}

variable "attach_policies" {
  type    = bool
  default = false
}

variable "policy_path" {
  type    = string
  default = null
}

variable "number_of_policy_jsons" {
  type    = number
  default = 0
}

variable "number_of_policies" {
  type    = number
  default = 0
}

variable "attach_policy_statements" {
  type    = bool
  default = false
}

variable "trusted_entities" {
  type    = any
  default = []
}

variable "assume_role_policy_statements" {
  type    = any
  default = {}
}

variable "policy_json" {
  type    = string
  default = null
}

variable "policy_jsons" {
  type    = list(string)
  default = []
}

variable "policy" {
  type    = string
  default = null
}

variable "policies" {
  type    = list(string)
  default = []
}

variable "policy_statements" {
  type    = any
  default = {}
}

variable "file_system_arn" {
  type    = string
  default = null
}

variable "file_system_local_mount_path" {
  type    = string
  default = null
}

variable "artifacts_dir" {
  type    = string
  default = "builds"
}

variable "s3_prefix" {
  type    = string
  default = null
}

variable "ignore_source_code_hash" {
  type    = bool
  default = false
}

variable "local_existing_package" {
  type    = string
  default = null
}

variable "s3_existing_package" {
  type    = map(string)
  default = null
}

variable "store_on_s3" {
  type    = bool
  default = false
}

variable "s3_object_storage_class" {
  type    = string
  default = "ONEZONE_IA"
}

variable "s3_bucket" {
  type    = string
  default = null
}

variable "s3_acl" {
  type    = string
  default = "private"
}

variable "s3_server_side_encryption" {
  type    = string
  default = null
}

variable "s3_kms_key_id" {
  type    = string
  default = null
}

variable "source_path" {
  type    = any
  default = null
}

variable "hash_extra" {
  type    = string
  default = ""
}

variable "build_in_docker" {
  type    = bool
  default = false
}

variable "docker_file" {
  type    = string
  default = ""
}

variable "docker_build_root" {
  type    = string
  default = ""
}

variable "docker_image" {
  type    = string
  default = ""
}

variable "docker_with_ssh_agent" {
  type    = bool
  default = false
}

variable "docker_pip_cache" {
  type    = any
  default = null
}

variable "docker_additional_options" {
  type    = list(string)
  default = []
}

variable "docker_entrypoint" {
  type    = string
  default = null
}

variable "recreate_missing_package" {
  type    = bool
  default = true
}

variable "trigger_on_package_timestamp" {
  type    = bool
  default = true
}

variable "logging_log_format" {
  type    = string
  default = "Text"
}

variable "logging_application_log_level" {
  type    = string
  default = "INFO"
}

variable "logging_system_log_level" {
  type    = string
  default = "INFO"
}

variable "logging_log_group" {
  type    = string
  default = null
}

variable "recursive_loop" {
  type    = string
  default = null
}
