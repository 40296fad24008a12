# The input variables of terraform-aws-modules/iam/aws//modules/iam-policy
# 5.x: every name it accepts, with its defaults, so that a call is read as
# Terraform reads it. The tags are left untyped.

variable "create_policy" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = null
}

variable "name_prefix" {
  type    = string
  default = null
}

variable "path" {
  type    = string
  default = "/"
}

variable "description" {
  type    = string
  default = "IAM Policy"
}

variable "policy" {
  type    = string
  default = ""
}

variable "tags" {
  default = {}
}
