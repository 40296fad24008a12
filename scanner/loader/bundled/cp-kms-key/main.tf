# A compact model of cloudposse/kms-key/aws 0.12.x, written for the scanner
# (not the module's own code): the key with the arguments the KMS rules
# judge, created unless the Cloud Posse context turns the module off. The
# alias is left out: no rule judges it. The label module (module.this) the
# real module calls is replaced by the locals below, which compute only
# what the key reads of it: whether it is enabled, and its tags.

# A key policy the call does not pass is one the module may generate: it
# stands for it, unknown before apply, so that a policy rule says it
# cannot tell rather than judging AWS's default policy.
data "aws_caller_identity" "current" {
  count = local.enabled && var.policy == "" ? 1 : 0
}

locals {
  # The label module's rule: the call's enabled wins, else the context's,
  # which is true unless the caller's context says otherwise. An unknown
  # context leaves the key's count unknown, so the key is judged as one
  # that may exist.
  context_enabled = try(var.context.enabled, null)
  enabled         = var.enabled != null ? var.enabled : (local.context_enabled != null ? local.context_enabled : true)
  # The label's own tags (Name, Namespace, ...) are left out: no rule
  # reads them.
  tags = merge(try(var.context.tags, {}), var.tags)
}

resource "aws_kms_key" "default" {
  count = local.enabled ? 1 : 0

  deletion_window_in_days  = var.deletion_window_in_days
  enable_key_rotation      = var.enable_key_rotation
  description              = var.description
  key_usage                = var.key_usage
  customer_master_key_spec = var.customer_master_key_spec
  multi_region             = var.multi_region
  policy                   = var.policy != "" ? var.policy : data.aws_caller_identity.current[0].account_id

  tags = local.tags
}
