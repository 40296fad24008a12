# The input variables of cloudposse/cloudwatch-logs/aws 0.6.x besides the
# context's (context.tf), with 0.6.x's defaults: 30 days' retention
# (written as a string) and no key. Inputs of collection type are left
# untyped.

variable "kms_key_arn" {
  type    = string
  default = ""
}

variable "retention_in_days" {
  type    = string
  default = "30"
}

variable "stream_names" {
  default = []
}

variable "principals" {
  default = { Service = ["ec2.amazonaws.com"] }
}

variable "additional_permissions" {
  default = ["logs:CreateLogStream", "logs:DeleteLogStream"]
}

variable "iam_role_enabled" {
  type    = bool
  default = true
}

variable "iam_tags_enabled" {
  type    = string
  default = "true"
}

variable "permissions_boundary" {
  type    = string
  default = ""
}
