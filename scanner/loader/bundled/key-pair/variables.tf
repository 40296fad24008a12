# The input variables of terraform-aws-modules/key-pair/aws 2.x–3.x: every
# name the module accepts, with its defaults (no private key unless
# create_private_key; RSA of 4096 bits when it does), so that a call is
# read as Terraform reads it. 3.0.0 added region and nothing else
# (docs/UPGRADE-3.0.md).

variable "create" {
  type    = bool
  default = true
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "region" {
  type    = string
  default = null
}

variable "key_name" {
  type    = string
  default = null
}

variable "key_name_prefix" {
  type    = string
  default = null
}

variable "public_key" {
  type    = string
  default = ""
}

variable "create_private_key" {
  type    = bool
  default = false
}

variable "private_key_algorithm" {
  type    = string
  default = "RSA"
}

variable "private_key_ecdsa_curve" {
  type    = string
  default = null
}

variable "private_key_rsa_bits" {
  type    = number
  default = 4096
}
