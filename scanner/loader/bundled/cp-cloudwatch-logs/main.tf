# A compact model of cloudposse/cloudwatch-logs/aws 0.6.x, written for the
# scanner (not the module's own code): the log group with its retention
# and key, created unless the Cloud Posse context turns the module off.
# The log streams and the IAM role the module creates through
# cloudposse/iam-role/aws (principals, additional_permissions) are left
# out: no log group rule reads them.

locals {
  # The label module's rule, as in every Cloud Posse model: the call's
  # enabled, else the context's, else true.
  context_enabled = try(var.context.enabled, null)
  enabled         = var.enabled != null ? var.enabled : (local.context_enabled != null ? local.context_enabled : true)
  tags            = merge(try(var.context.tags, {}), var.tags)
}

resource "aws_cloudwatch_log_group" "default" {
  count = local.enabled ? 1 : 0

  # The module's retention input is a string ("30"); the provider reads a
  # number.
  retention_in_days = tonumber(var.retention_in_days)
  # An empty key ARN, the default, is no key.
  kms_key_id = var.kms_key_arn == "" ? null : var.kms_key_arn
  tags       = local.tags
}
