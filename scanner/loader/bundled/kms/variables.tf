# The input variables of terraform-aws-modules/kms/aws 4.x: every name it
# accepts, with its defaults, so that a call is read as Terraform reads it.
# Only some of them reach the key of this model; inputs of object or
# collection type are left untyped.

variable "create" {
  type    = bool
  default = true
}

variable "region" {
  type    = string
  default = null
}

variable "tags" {
  default = {}
}

variable "create_external" {
  type    = bool
  default = false
}

variable "bypass_policy_lockout_safety_check" {
  type    = bool
  default = null
}

variable "customer_master_key_spec" {
  type    = string
  default = null
}

variable "custom_key_store_id" {
  type    = string
  default = null
}

variable "deletion_window_in_days" {
  type    = number
  default = null
}

variable "description" {
  type    = string
  default = null
}

variable "enable_key_rotation" {
  type    = bool
  default = true
}

variable "is_enabled" {
  type    = bool
  default = null
}

variable "key_material_base64" {
  type    = string
  default = null
}

variable "key_usage" {
  type    = string
  default = null
}

variable "multi_region" {
  type    = bool
  default = false
}

variable "policy" {
  type    = string
  default = null
}

variable "valid_to" {
  type    = string
  default = null
}

variable "enable_default_policy" {
  type    = bool
  default = true
}

variable "key_owners" {
  default = []
}

variable "key_administrators" {
  default = []
}

variable "key_users" {
  default = []
}

variable "key_service_users" {
  default = []
}

variable "key_service_roles_for_autoscaling" {
  default = []
}

variable "key_symmetric_encryption_users" {
  default = []
}

variable "key_hmac_users" {
  default = []
}

variable "key_asymmetric_public_encryption_users" {
  default = []
}

variable "key_asymmetric_sign_verify_users" {
  default = []
}

variable "key_statements" {
  default = null
}

variable "key_spec" {
  type    = string
  default = null
}

variable "source_policy_documents" {
  default = []
}

variable "override_policy_documents" {
  default = []
}

variable "enable_route53_dnssec" {
  type    = bool
  default = false
}

variable "route53_dnssec_sources" {
  default = null
}

variable "rotation_period_in_days" {
  type    = number
  default = null
}

variable "create_replica" {
  type    = bool
  default = false
}

variable "primary_key_arn" {
  type    = string
  default = null
}

variable "create_replica_external" {
  type    = bool
  default = false
}

variable "primary_external_key_arn" {
  type    = string
  default = null
}

variable "aliases" {
  default = []
}

variable "computed_aliases" {
  default = {}
}

variable "aliases_use_name_prefix" {
  type    = bool
  default = false
}

variable "grants" {
  default = null
}
