# The input variables of terraform-aws-modules/vpc/aws//modules/vpc-endpoints
# 6.x: every name it accepts, with its defaults, so that a call is read as
# Terraform reads it. The module creates no security group by default.
# Inputs of object or collection type whose shape is not judged are left
# untyped.

variable "create" {
  type    = bool
  default = true
}

variable "region" {
  type    = string
  default = null
}

variable "vpc_id" {
  type    = string
  default = null
}

variable "endpoints" {
  default = {}
}

variable "security_group_ids" {
  type    = list(string)
  default = []
}

variable "subnet_ids" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "timeouts" {
  type    = map(string)
  default = {}
}

variable "create_security_group" {
  type    = bool
  default = false
}

variable "security_group_name" {
  type    = string
  default = null
}

variable "security_group_name_prefix" {
  type    = string
  default = null
}

variable "security_group_description" {
  type    = string
  default = null
}

variable "security_group_rules" {
  default = {}
}

variable "security_group_tags" {
  type    = map(string)
  default = {}
}
