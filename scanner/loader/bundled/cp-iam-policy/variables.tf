# The inputs of cloudposse/iam-policy/aws that 1.x and 2.x declare alike,
# with their defaults (no managed policy unless iam_policy_enabled); the
# statements' inputs differ by major (v1.tf, v2.tf).

variable "description" {
  type    = string
  default = null
}

variable "iam_policy_enabled" {
  type    = bool
  default = false
}

variable "iam_policy_id" {
  type    = string
  default = null
}

variable "iam_source_json_url" {
  type    = string
  default = null
}

variable "iam_source_policy_documents" {
  type    = list(string)
  default = null
}

variable "iam_override_policy_documents" {
  type    = list(string)
  default = null
}
