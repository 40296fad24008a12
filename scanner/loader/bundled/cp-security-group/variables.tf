# The input variables of cloudposse/security-group/aws 2.x besides the
# context's (context.tf), with 2.x's defaults: 2.0.0 made
# create_before_destroy true and added preserve_security_group_id (the
# module's docs/migration-v1-v2.md); allow_all_egress is true. Inputs of
# object or collection type are left untyped.

variable "target_security_group_id" {
  type    = list(string)
  default = []
}

variable "security_group_name" {
  type    = list(string)
  default = []
}

variable "security_group_description" {
  type    = string
  default = "Managed by Terraform"
}

variable "create_before_destroy" {
  type    = bool
  default = true
}

variable "preserve_security_group_id" {
  type    = bool
  default = false
}

variable "allow_all_egress" {
  type    = bool
  default = true
}

variable "rules" {
  default = []
}

variable "rules_map" {
  default = {}
}

variable "rule_matrix" {
  default = []
}

variable "security_group_create_timeout" {
  type    = string
  default = "10m"
}

variable "security_group_delete_timeout" {
  type    = string
  default = "15m"
}

variable "revoke_rules_on_delete" {
  type    = bool
  default = false
}

variable "vpc_id" {
  type = string
}

variable "inline_rules_enabled" {
  type    = bool
  default = false
}
