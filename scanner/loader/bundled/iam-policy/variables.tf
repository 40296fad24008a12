# The input variables of terraform-aws-modules/iam/aws//modules/iam-policy
# 6.x: every name it accepts, with its defaults, so that a call is read as
# Terraform reads it. The tags are left untyped.

variable "create" {
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
  default = null
}

variable "description" {
  type    = string
  default = null
}

variable "policy" {
  type    = string
  default = ""
}

variable "tags" {
  default = {}
}
