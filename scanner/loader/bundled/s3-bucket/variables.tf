# The input variables of terraform-aws-modules/s3-bucket/aws 5.x: every
# name it accepts, with its defaults, so that a call is read as Terraform
# reads it. Only some of them reach the resources of this model. 4.x
# declares the same with the same defaults, less the ones bundled.go's
# since lists.

variable "create_bucket" {
  type    = bool
  default = true
}

variable "attach_elb_log_delivery_policy" {
  type    = bool
  default = false
}

variable "attach_lb_log_delivery_policy" {
  type    = bool
  default = false
}

variable "attach_access_log_delivery_policy" {
  type    = bool
  default = false
}

variable "attach_cloudtrail_log_delivery_policy" {
  type    = bool
  default = false
}

variable "attach_deny_insecure_transport_policy" {
  type    = bool
  default = false
}

variable "attach_require_latest_tls_policy" {
  type    = bool
  default = false
}

variable "attach_policy" {
  type    = bool
  default = false
}

variable "attach_public_policy" {
  type    = bool
  default = true
}

variable "attach_inventory_destination_policy" {
  type    = bool
  default = false
}

variable "attach_analytics_destination_policy" {
  type    = bool
  default = false
}

variable "attach_deny_incorrect_encryption_headers" {
  type    = bool
  default = false
}

variable "attach_deny_incorrect_kms_key_sse" {
  type    = bool
  default = false
}

variable "allowed_kms_key_arn" {
  type    = string
  default = null
}

variable "attach_deny_unencrypted_object_uploads" {
  type    = bool
  default = false
}

variable "attach_deny_ssec_encrypted_object_uploads" {
  type    = bool
  default = false
}

variable "attach_waf_log_delivery_policy" {
  type    = bool
  default = false
}

variable "region" {
  type    = string
  default = null
}

variable "bucket" {
  type    = string
  default = null
}

variable "bucket_prefix" {
  type    = string
  default = null
}

variable "bucket_namespace" {
  type    = string
  default = null
}

variable "acl" {
  type    = string
  default = null
}

variable "policy" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "acceleration_status" {
  type    = string
  default = null
}

variable "request_payer" {
  type    = string
  default = null
}

variable "website" {
  type    = any # map(string)
  default = {}
}

variable "cors_rule" {
  type    = any
  default = []
}

variable "versioning" {
  type    = map(string)
  default = {}
}

variable "logging" {
  type    = any
  default = {}
}

variable "access_log_delivery_policy_source_buckets" {
  type    = list(string)
  default = []
}

variable "access_log_delivery_policy_source_accounts" {
  type    = list(string)
  default = []
}

variable "access_log_delivery_policy_source_organizations" {
  type    = list(string)
  default = []
}

variable "lb_log_delivery_policy_source_organizations" {
  type    = list(string)
  default = []
}

variable "grant" {
  type    = any
  default = []
}

variable "owner" {
  type    = map(string)
  default = {}
}

variable "expected_bucket_owner" {
  type    = string
  default = null
}

variable "transition_default_minimum_object_size" {
  type    = string
  default = null
}

variable "lifecycle_rule" {
  type    = any
  default = []
}

variable "replication_configuration" {
  type    = any
  default = {}
}

variable "server_side_encryption_configuration" {
  type    = any
  default = {}
}

variable "intelligent_tiering" {
  type    = any
  default = {}
}

variable "object_lock_configuration" {
  type    = any
  default = {}
}

variable "metric_configuration" {
  type    = any
  default = []
}

variable "inventory_configuration" {
  type    = any
  default = {}
}

variable "inventory_source_account_id" {
  type    = string
  default = null
}

variable "inventory_source_bucket_arn" {
  type    = string
  default = null
}

variable "inventory_self_source_destination" {
  type    = bool
  default = false
}

variable "analytics_configuration" {
  type    = any
  default = {}
}

variable "analytics_source_account_id" {
  type    = string
  default = null
}

variable "analytics_source_bucket_arn" {
  type    = string
  default = null
}

variable "analytics_self_source_destination" {
  type    = bool
  default = false
}

variable "object_lock_enabled" {
  type    = bool
  default = false
}

variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "skip_destroy_public_access_block" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

variable "control_object_ownership" {
  type    = bool
  default = false
}

variable "object_ownership" {
  type    = string
  default = "BucketOwnerEnforced"
}

variable "is_directory_bucket" {
  type    = bool
  default = false
}

variable "data_redundancy" {
  type    = string
  default = null
}

variable "type" {
  type    = string
  default = "Directory"
}

variable "availability_zone_id" {
  type    = string
  default = null
}

variable "location_type" {
  type    = string
  default = null
}

variable "create_metadata_configuration" {
  type    = bool
  default = false
}

variable "metadata_inventory_table_configuration_state" {
  type    = string
  default = null
}

variable "metadata_encryption_configuration" {
  type    = any
  default = null
}

variable "metadata_journal_table_record_expiration_days" {
  type    = number
  default = null
}

variable "metadata_journal_table_record_expiration" {
  type    = string
  default = null
}

variable "putin_khuylo" {
  type    = bool
  default = true
}
