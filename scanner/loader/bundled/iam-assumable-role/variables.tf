# The input variables of terraform-aws-modules/iam/aws//modules/iam-assumable-role
# 5.x: every name the submodule accepts in a late 5.x copy of its
# variables.tf (with inline_policy_statements), with its defaults, so that
# a call is read as Terraform reads it. Note the defaults that decide the
# trust policy: no role unless create_role, MFA required, and the
# sts:TagSession action besides sts:AssumeRole.

variable "trusted_role_actions" {
  type    = list(string)
  default = ["sts:AssumeRole", "sts:TagSession"]
}

variable "trusted_role_arns" {
  type    = list(string)
  default = []
}

variable "trusted_role_services" {
  type    = list(string)
  default = []
}

variable "mfa_age" {
  type    = number
  default = 86400
}

variable "max_session_duration" {
  type    = number
  default = 3600
}

variable "create_role" {
  type    = bool
  default = false
}

variable "create_instance_profile" {
  type    = bool
  default = false
}

variable "role_name" {
  type    = string
  default = null
}

variable "role_name_prefix" {
  type    = string
  default = null
}

variable "role_path" {
  type    = string
  default = "/"
}

variable "role_requires_mfa" {
  type    = bool
  default = true
}

variable "role_permissions_boundary_arn" {
  type    = string
  default = ""
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "custom_role_policy_arns" {
  type    = list(string)
  default = []
}

variable "custom_role_trust_policy" {
  type    = string
  default = ""
}

variable "create_custom_role_trust_policy" {
  type    = bool
  default = false
}

variable "number_of_custom_role_policy_arns" {
  type    = number
  default = null
}

variable "inline_policy_statements" {
  type    = any
  default = []
}

variable "admin_role_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/AdministratorAccess"
}

variable "poweruser_role_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/PowerUserAccess"
}

variable "readonly_role_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

variable "attach_admin_policy" {
  type    = bool
  default = false
}

variable "attach_poweruser_policy" {
  type    = bool
  default = false
}

variable "attach_readonly_policy" {
  type    = bool
  default = false
}

variable "force_detach_policies" {
  type    = bool
  default = false
}

variable "role_description" {
  type    = string
  default = ""
}

variable "role_sts_externalid" {
  type    = any
  default = []
}

variable "allow_self_assume_role" {
  type    = bool
  default = false
}

variable "role_requires_session_name" {
  type    = bool
  default = false
}

variable "role_session_name" {
  type    = list(string)
  default = ["$${aws:username}"]
}
