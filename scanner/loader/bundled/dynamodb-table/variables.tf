# The input variables of terraform-aws-modules/dynamodb-table/aws 5.x:
# every name it accepts, with its defaults, so that a call is read as
# Terraform reads it. Only some of them reach the resources of this model;
# inputs of object or collection type are left untyped (their shape is not
# judged).

variable "create_table" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = null
}

variable "attributes" {
  default = []
}

variable "hash_key" {
  type    = string
  default = null
}

variable "range_key" {
  type    = string
  default = null
}

variable "billing_mode" {
  type    = string
  default = "PAY_PER_REQUEST"
}

variable "write_capacity" {
  type    = number
  default = null
}

variable "read_capacity" {
  type    = number
  default = null
}

variable "point_in_time_recovery_enabled" {
  type    = bool
  default = false
}

variable "point_in_time_recovery_period_in_days" {
  type    = number
  default = null
}

variable "ttl_enabled" {
  type    = bool
  default = false
}

variable "ttl_attribute_name" {
  type    = string
  default = ""
}

variable "global_secondary_indexes" {
  default = []
}

variable "local_secondary_indexes" {
  default = []
}

variable "replica_regions" {
  default = []
}

variable "stream_enabled" {
  type    = bool
  default = false
}

variable "stream_view_type" {
  type    = string
  default = null
}

variable "server_side_encryption_enabled" {
  type    = bool
  default = false
}

variable "server_side_encryption_kms_key_arn" {
  type    = string
  default = null
}

variable "tags" {
  default = {}
}

variable "timeouts" {
  default = { create = "10m", update = "60m", delete = "10m" }
}

variable "autoscaling_enabled" {
  type    = bool
  default = false
}

variable "autoscaling_defaults" {
  default = { scale_in_cooldown = 0, scale_out_cooldown = 0, target_value = 70 }
}

variable "autoscaling_read" {
  default = {}
}

variable "autoscaling_write" {
  default = {}
}

variable "autoscaling_indexes" {
  default = {}
}

variable "table_class" {
  type    = string
  default = null
}

variable "deletion_protection_enabled" {
  type    = bool
  default = null
}

variable "import_table" {
  default = {}
}

variable "ignore_changes_global_secondary_index" {
  type    = bool
  default = false
}

variable "on_demand_throughput" {
  default = {}
}

variable "warm_throughput" {
  default = {}
}

variable "restore_date_time" {
  type    = string
  default = null
}

variable "restore_source_name" {
  type    = string
  default = null
}

variable "restore_source_table_arn" {
  type    = string
  default = null
}

variable "restore_to_latest_time" {
  type    = bool
  default = null
}

variable "resource_policy" {
  type    = string
  default = null
}

variable "region" {
  type    = string
  default = null
}

variable "global_table_witness" {
  default = null
}
