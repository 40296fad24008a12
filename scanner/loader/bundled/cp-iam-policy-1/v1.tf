# cloudposse/iam-policy/aws 1.x: iam_policy is one document, or else the
# deprecated iam_policy_statements (a map whose keys stand for missing
# sids) are; the module refuses a call that sets both or neither.

variable "iam_policy" {
  type = object({
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
  })
  default = null
}

variable "iam_policy_statements" {
  type    = any
  default = null
}

locals {
  legacy_items = var.iam_policy_statements == null ? {} : var.iam_policy_statements
  legacy_statements = [for k, s in local.legacy_items : {
    sid            = try(s.sid, null) != null ? s.sid : k
    effect         = try(s.effect, null)
    actions        = try(s.actions, null)
    not_actions    = try(s.not_actions, null)
    resources      = try(s.resources, null)
    not_resources  = try(s.not_resources, null)
    conditions     = try(s.conditions, [])
    principals     = try(s.principals, [])
    not_principals = try(s.not_principals, [])
  }]

  # One of the two, as a list of one document (no conditional between
  # the typed document and the statements' object, which would not unify).
  policies = concat([for p in [var.iam_policy] : p if p != null], [for s in [local.legacy_statements] : {
    policy_id  = var.iam_policy_id
    version    = null
    statements = s
  } if var.iam_policy == null])
}
