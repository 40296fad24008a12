# cloudposse/iam-policy/aws 2.x: iam_policy is a list of documents, each
# rendered on its own and merged; the deprecated iam_policy_statements (a
# list, or a map whose keys stand for missing sids) adds one more document
# before them.

variable "iam_policy" {
  type = list(object({
    policy_id = optional(string)
    version   = optional(string)
    statements = list(object({
      sid           = optional(string)
      effect        = optional(string)
      actions       = optional(list(string))
      not_actions   = optional(list(string))
      resources     = optional(list(string))
      not_resources = optional(list(string))
      conditions = optional(list(object({
        test     = string
        variable = string
        values   = list(string)
      })), [])
      principals = optional(list(object({
        type        = string
        identifiers = list(string)
      })), [])
      not_principals = optional(list(object({
        type        = string
        identifiers = list(string)
      })), [])
    }))
  }))
  default  = []
  nullable = false
}

variable "iam_policy_statements" {
  type     = any
  default  = []
  nullable = false
}

locals {
  legacy_keys  = try(keys(var.iam_policy_statements), null)
  legacy_items = try(values(var.iam_policy_statements), var.iam_policy_statements)
  legacy_statements = [for i, s in local.legacy_items : {
    sid            = try(s.sid, null) != null ? s.sid : (local.legacy_keys != null ? local.legacy_keys[i] : null)
    effect         = try(s.effect, null)
    actions        = try(s.actions, null)
    not_actions    = try(s.not_actions, null)
    resources      = try(s.resources, null)
    not_resources  = try(s.not_resources, null)
    conditions     = try(s.conditions, [])
    principals     = try(s.principals, [])
    not_principals = try(s.not_principals, [])
  }]
  legacy_policy = length(local.legacy_statements) > 0 ? [{
    policy_id  = var.iam_policy_id
    version    = null
    statements = local.legacy_statements
  }] : []

  policies = concat(local.legacy_policy, var.iam_policy)
}
