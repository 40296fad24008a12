# A compact model of terraform-aws-modules/kms/aws 4.x, written for the
# scanner (not the module's own code): the customer managed key with the
# arguments the KMS rules judge. The key policy the module generates (from
# enable_default_policy, key_owners, key_administrators, key_users,
# key_statements and the policy documents) is not modelled: unless the
# call passes its own policy, the key's policy is unknown here, so a policy
# rule says it cannot tell rather than passing. External and replica keys,
# aliases and grants are left out: no rule judges them.

# The module reads the account ID for the policy it generates; here it
# only stands for that policy, unknown before apply.
data "aws_caller_identity" "current" {
  count = local.create_key && var.policy == null ? 1 : 0
}

locals {
  create_key = var.create && !var.create_external && !var.create_replica && !var.create_replica_external
}

resource "aws_kms_key" "this" {
  count = local.create_key ? 1 : 0

  region = var.region

  bypass_policy_lockout_safety_check = var.bypass_policy_lockout_safety_check
  customer_master_key_spec           = var.customer_master_key_spec
  custom_key_store_id                = var.custom_key_store_id
  deletion_window_in_days            = var.deletion_window_in_days
  description                        = var.description
  enable_key_rotation                = var.enable_key_rotation
  is_enabled                         = var.is_enabled
  key_usage                          = var.key_usage
  multi_region                       = var.multi_region
  policy                             = var.policy != null ? var.policy : data.aws_caller_identity.current[0].account_id
  rotation_period_in_days            = var.rotation_period_in_days

  tags = var.tags
}
