# A compact model of terraform-aws-modules/iam/aws//modules/iam-assumable-role
# 5.x, written for the scanner (not the module's own code): the role with
# the trust policy the submodule writes (the trusted ARNs and services,
# MFA conditions unless role_requires_mfa = false, the external IDs and
# session name when given, and the self-assumption statement when asked
# for), or the call's own; the managed policies it attaches (the call's,
# and AdministratorAccess, PowerUserAccess or ReadOnlyAccess when asked
# for); and the instance profile. The inline policy built from
# inline_policy_statements keeps a call not scanned (see unmodelled in
# bundled.go).
#
# The submodule's releases differ on a call that sets
# custom_role_trust_policy without create_custom_role_trust_policy: later
# 5.x releases ignore it and write their own trust policy, earlier ones
# (before create_custom_role_trust_policy existed) use it. Which one a
# call installs is not known here, so its trust policy is unknown.

# The account ID names the role in the self-assumption statement; it also
# stands for the trust policy no release decides (above), unknown before
# apply.
data "aws_caller_identity" "current" {
  count = var.create_role ? 1 : 0
}

data "aws_partition" "current" {
  count = var.create_role ? 1 : 0
}

locals {
  externalids         = flatten([var.role_sts_externalid])
  role_name_condition = var.role_name != null ? var.role_name : "${var.role_name_prefix}*"

  own_trust_policy = var.create_custom_role_trust_policy ? var.custom_role_trust_policy : (
    var.custom_role_trust_policy != "" ? try(data.aws_caller_identity.current[0].account_id, "") : ""
  )
}

data "aws_iam_policy_document" "trust" {
  count = var.create_role ? 1 : 0

  dynamic "statement" {
    for_each = var.allow_self_assume_role ? [true] : []
    content {
      sid     = "ExplicitSelfRoleAssumption"
      effect  = "Allow"
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      condition {
        test     = "ArnLike"
        variable = "aws:PrincipalArn"
        values   = ["arn:${data.aws_partition.current[0].partition}:iam::${data.aws_caller_identity.current[0].account_id}:role${var.role_path}${local.role_name_condition}"]
      }
    }
  }

  statement {
    effect  = "Allow"
    actions = compact(distinct(concat(["sts:AssumeRole"], var.trusted_role_actions)))

    dynamic "principals" {
      for_each = length(var.trusted_role_arns) > 0 ? [true] : []
      content {
        type        = "AWS"
        identifiers = var.trusted_role_arns
      }
    }

    dynamic "principals" {
      for_each = length(var.trusted_role_services) > 0 ? [true] : []
      content {
        type        = "Service"
        identifiers = var.trusted_role_services
      }
    }

    dynamic "condition" {
      for_each = var.role_requires_mfa ? [true] : []
      content {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }

    dynamic "condition" {
      for_each = var.role_requires_mfa ? [true] : []
      content {
        test     = "NumericLessThan"
        variable = "aws:MultiFactorAuthAge"
        values   = [var.mfa_age]
      }
    }

    dynamic "condition" {
      for_each = length(local.externalids) > 0 ? [true] : []
      content {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = local.externalids
      }
    }

    dynamic "condition" {
      for_each = var.role_requires_session_name ? [true] : []
      content {
        test     = "StringEquals"
        variable = "sts:RoleSessionName"
        values   = var.role_session_name
      }
    }
  }
}

resource "aws_iam_role" "this" {
  count = var.create_role ? 1 : 0

  name                  = var.role_name
  name_prefix           = var.role_name_prefix
  path                  = var.role_path
  description           = var.role_description
  max_session_duration  = var.max_session_duration
  force_detach_policies = var.force_detach_policies
  permissions_boundary  = var.role_permissions_boundary_arn

  assume_role_policy = local.own_trust_policy != "" ? local.own_trust_policy : data.aws_iam_policy_document.trust[0].json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "custom" {
  count = var.create_role ? coalesce(var.number_of_custom_role_policy_arns, length(var.custom_role_policy_arns)) : 0

  role       = aws_iam_role.this[0].name
  policy_arn = element(var.custom_role_policy_arns, count.index)
}

resource "aws_iam_role_policy_attachment" "admin" {
  count = var.create_role && var.attach_admin_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.admin_role_policy_arn
}

resource "aws_iam_role_policy_attachment" "poweruser" {
  count = var.create_role && var.attach_poweruser_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.poweruser_role_policy_arn
}

resource "aws_iam_role_policy_attachment" "readonly" {
  count = var.create_role && var.attach_readonly_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.readonly_role_policy_arn
}

resource "aws_iam_instance_profile" "this" {
  count = var.create_role && var.create_instance_profile ? 1 : 0

  name = var.role_name
  path = var.role_path
  role = aws_iam_role.this[0].name

  tags = var.tags
}
