# The input variables of terraform-aws-modules/sns/aws 3.x–4.x: every name
# it accepts, with its defaults (all null but create_sns_topic, true, the
# FIFO switches, false, and tags), so that a call is read as Terraform
# reads it. 3.1.0 added fifo_topic, 3.2.0 content_based_deduplication and
# 4.1.0 the Firehose feedback inputs (the module's CHANGELOG.md); only some
# of them reach the resource of this model.

variable "create_sns_topic" {
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

variable "display_name" {
  type    = string
  default = null
}

variable "policy" {
  type    = string
  default = null
}

variable "delivery_policy" {
  type    = string
  default = null
}

variable "application_success_feedback_role_arn" {
  type    = string
  default = null
}

variable "application_success_feedback_sample_rate" {
  type    = string
  default = null
}

variable "application_failure_feedback_role_arn" {
  type    = string
  default = null
}

variable "http_success_feedback_role_arn" {
  type    = string
  default = null
}

variable "http_success_feedback_sample_rate" {
  type    = string
  default = null
}

variable "http_failure_feedback_role_arn" {
  type    = string
  default = null
}

variable "lambda_success_feedback_role_arn" {
  type    = string
  default = null
}

variable "lambda_success_feedback_sample_rate" {
  type    = string
  default = null
}

variable "lambda_failure_feedback_role_arn" {
  type    = string
  default = null
}

variable "sqs_success_feedback_role_arn" {
  type    = string
  default = null
}

variable "sqs_success_feedback_sample_rate" {
  type    = string
  default = null
}

variable "sqs_failure_feedback_role_arn" {
  type    = string
  default = null
}

variable "firehose_success_feedback_role_arn" {
  type    = string
  default = null
}

variable "firehose_success_feedback_sample_rate" {
  type    = string
  default = null
}

variable "firehose_failure_feedback_role_arn" {
  type    = string
  default = null
}

variable "kms_master_key_id" {
  type    = string
  default = null
}

variable "fifo_topic" {
  type    = bool
  default = false
}

variable "content_based_deduplication" {
  type    = bool
  default = false
}

variable "tags" {
  type    = map(string)
  default = {}
}
