# The input variables of cloudposse/kms-key/aws 0.12.x: the key's, with
# the module's defaults (rotation on, a ten-day deletion window, no policy
# of the call's own), and the Cloud Posse context inputs every such module
# declares (its context.tf). Only some of them reach the key of this
# model; inputs of object or collection type are left untyped.

variable "deletion_window_in_days" {
  type    = number
  default = 10
}

variable "enable_key_rotation" {
  type    = bool
  default = true
}

variable "description" {
  type    = string
  default = "Parameter Store KMS master key"
}

variable "alias" {
  type    = string
  default = ""
}

variable "policy" {
  type    = string
  default = ""
}

variable "key_usage" {
  type    = string
  default = "ENCRYPT_DECRYPT"
}

variable "customer_master_key_spec" {
  type    = string
  default = "SYMMETRIC_DEFAULT"
}

variable "multi_region" {
  type    = bool
  default = false
}
