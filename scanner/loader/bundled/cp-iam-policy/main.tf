# A compact model of cloudposse/iam-policy/aws 1.x and 2.x, written for the
# scanner (not the module's own code). The module renders one policy
# document from the call's statements (local.policies, which v2.tf here
# and ../cp-iam-policy-1/v1.tf read from each major's iam_policy and
# deprecated iam_policy_statements), merged with the documents the call
# passes and the one it may download, and creates a managed policy from
# it only when iam_policy_enabled: by default it only outputs the JSON,
# which the caller attaches elsewhere (a role, a queue, a bucket). The
# label module (module.this) it calls is replaced by the locals below.

locals {
  # The label module's rule: the call's enabled wins, else the context's,
  # which is true unless the caller's context says otherwise.
  context_enabled = try(var.context.enabled, null)
  enabled         = var.enabled != null ? var.enabled : (local.context_enabled != null ? local.context_enabled : true)
  tags            = merge(try(var.context.tags, {}), var.tags)

  source_documents   = var.iam_source_policy_documents == null ? [] : var.iam_source_policy_documents
  override_documents = var.iam_override_policy_documents == null ? [] : var.iam_override_policy_documents

  # A downloaded document is known only when Terraform runs: its body is
  # unknown here, so the merged document is too (never judged as if it
  # were absent).
  downloaded = try(length(var.iam_source_json_url), 0) > 0 ? [one(data.http.iam_source_json_url[*].response_body)] : []
}

data "http" "iam_source_json_url" {
  count = local.enabled && try(length(var.iam_source_json_url), 0) > 0 ? 1 : 0

  url = var.iam_source_json_url
}

# The document the module outputs: the statements of the call's
# documents, with the downloaded one and the call's source documents,
# overridden by its override documents. 1.x renders them so; 2.x renders
# each of its iam_policy documents apart and merges them as source
# documents, which gives the same statements (it fails on a sid two of
# them repeat, where this model lets the later one win; each document's
# policy_id and version are dropped in the merge).
data "aws_iam_policy_document" "this" {
  count = local.enabled ? 1 : 0

  source_policy_documents   = concat(local.downloaded, local.source_documents)
  override_policy_documents = local.override_documents

  dynamic "statement" {
    for_each = flatten([for p in local.policies : p.statements])

    content {
      sid           = statement.value.sid
      effect        = statement.value.effect
      actions       = statement.value.actions
      not_actions   = statement.value.not_actions
      resources     = statement.value.resources
      not_resources = statement.value.not_resources

      dynamic "principals" {
        for_each = statement.value.principals
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }

      dynamic "not_principals" {
        for_each = statement.value.not_principals
        content {
          type        = not_principals.value.type
          identifiers = not_principals.value.identifiers
        }
      }

      dynamic "condition" {
        for_each = statement.value.conditions
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_policy" "default" {
  count = local.enabled && var.iam_policy_enabled ? 1 : 0

  name        = var.name
  description = var.description
  policy      = data.aws_iam_policy_document.this[0].json
  tags        = local.tags
}
