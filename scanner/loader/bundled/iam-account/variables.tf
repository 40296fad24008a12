# The input variables of terraform-aws-modules/iam/aws//modules/iam-account
# 6.x: every name it accepts, with its defaults, so that a call is read as
# Terraform reads it.

variable "create" {
  type    = bool
  default = true
}

# Required by the module; the model creates no alias (no rule judges it).
variable "account_alias" {
  type = string
}

variable "create_account_password_policy" {
  type    = bool
  default = true
}

variable "max_password_age" {
  type    = number
  default = 0
}

variable "minimum_password_length" {
  type    = number
  default = 8
}

variable "allow_users_to_change_password" {
  type    = bool
  default = true
}

variable "hard_expiry" {
  type    = bool
  default = false
}

variable "password_reuse_prevention" {
  type    = number
  default = null
}

variable "require_lowercase_characters" {
  type    = bool
  default = true
}

variable "require_uppercase_characters" {
  type    = bool
  default = true
}

variable "require_numbers" {
  type    = bool
  default = true
}

variable "require_symbols" {
  type    = bool
  default = true
}
