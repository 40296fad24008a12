# A compact model of cloudposse/security-group/aws 2.x, written for the
# scanner (not the module's own code): the security group the module
# creates unless the call targets an existing one, and the rules it creates
# as aws_security_group_rule resources, from `rules`, `rules_map` and the
# allow-all-egress rule, with the ports, protocol, sources and descriptions
# the network rules judge; all off when the Cloud Posse context disables
# the module. rule_matrix and inline rules are left out (a call that sets
# them is not scanned), as are the random name suffix, timeouts and the
# null_resource that orders replacements.

locals {
  # The label module's rule, as in every Cloud Posse model: the call's
  # enabled, else the context's, else true.
  context_enabled = try(var.context.enabled, null)
  enabled         = var.enabled != null ? var.enabled : (local.context_enabled != null ? local.context_enabled : true)
  tags            = merge(try(var.context.tags, {}), var.tags)

  create_security_group = local.enabled && length(var.target_security_group_id) == 0
  # Rules are created before the old ones are destroyed only on a group
  # this module creates and does not preserve. (The module also asks for
  # enabled here; a disabled module has no rules either way.)
  rule_create_before_destroy = var.create_before_destroy && !(var.preserve_security_group_id && length(var.target_security_group_id) == 0)
  security_group_id = local.create_security_group ? try(aws_security_group.cbd[0].id, aws_security_group.default[0].id) : try(var.target_security_group_id[0], "")

  # Every rule of `rules` and of each list of `rules_map`, with the keys
  # the module fills in: a rule without a description is described as the
  # module describes it.
  rule_lists = merge({ _list_ = var.rules }, var.rules_map)
  norm_rules = flatten([for k, rules in local.rule_lists : [for i, rule in rules : {
    key              = coalesce(lookup(rule, "key", null), "${k}[${i}]")
    type             = rule.type
    from_port        = rule.from_port
    to_port          = rule.to_port
    protocol         = rule.protocol
    description      = lookup(rule, "description", "Managed by Terraform")
    cidr_blocks      = try(length(rule.cidr_blocks), 0) > 0 ? rule.cidr_blocks : []
    ipv6_cidr_blocks = try(length(rule.ipv6_cidr_blocks), 0) > 0 ? rule.ipv6_cidr_blocks : []
    prefix_list_ids  = try(length(rule.prefix_list_ids), 0) > 0 ? rule.prefix_list_ids : []
    self             = lookup(rule, "self", null)

    source_security_group_id = lookup(rule, "source_security_group_id", null)
  }]])

  # allow_all_egress (true by default in 2.x) adds egress to everywhere,
  # every protocol.
  egress_rules = var.allow_all_egress ? [{
    key                      = "_allow_all_egress_"
    type                     = "egress"
    from_port                = 0
    to_port                  = 0
    protocol                 = "-1"
    description              = "Allow all egress"
    cidr_blocks              = ["0.0.0.0/0"]
    ipv6_cidr_blocks         = ["::/0"]
    prefix_list_ids          = []
    self                     = null
    source_security_group_id = null
  }] : []

  # A disabled module has no rules. The expression names the rule inputs
  # before enabled and context (the length test is always true): an
  # argument of a rule points at the first input its value is computed from
  # that the call sets (rules, rules_map, allow_all_egress).
  all_rules   = concat(local.norm_rules, local.egress_rules)
  keyed_rules = length(local.all_rules) >= 0 && local.enabled ? { for r in local.all_rules : r.key => r } : {}
}

resource "aws_security_group" "default" {
  count = local.create_security_group && !var.create_before_destroy ? 1 : 0

  name                   = try(var.security_group_name[0], null)
  description            = var.security_group_description
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = var.revoke_rules_on_delete
  tags                   = local.tags
}

resource "aws_security_group" "cbd" {
  count = local.create_security_group && var.create_before_destroy ? 1 : 0

  name_prefix            = try(var.security_group_name[0], null)
  description            = var.security_group_description
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = var.revoke_rules_on_delete
  tags                   = local.tags
}

resource "aws_security_group_rule" "keyed" {
  for_each = local.rule_create_before_destroy ? local.keyed_rules : {}

  security_group_id        = local.security_group_id
  type                     = each.value.type
  from_port                = each.value.from_port
  to_port                  = each.value.to_port
  protocol                 = each.value.protocol
  description              = each.value.description
  cidr_blocks              = length(each.value.cidr_blocks) == 0 ? null : each.value.cidr_blocks
  ipv6_cidr_blocks         = length(each.value.ipv6_cidr_blocks) == 0 ? null : each.value.ipv6_cidr_blocks
  prefix_list_ids          = each.value.prefix_list_ids
  self                     = each.value.self
  source_security_group_id = each.value.source_security_group_id
}

resource "aws_security_group_rule" "dbc" {
  for_each = local.rule_create_before_destroy ? {} : local.keyed_rules

  security_group_id        = local.security_group_id
  type                     = each.value.type
  from_port                = each.value.from_port
  to_port                  = each.value.to_port
  protocol                 = each.value.protocol
  description              = each.value.description
  cidr_blocks              = length(each.value.cidr_blocks) == 0 ? null : each.value.cidr_blocks
  ipv6_cidr_blocks         = length(each.value.ipv6_cidr_blocks) == 0 ? null : each.value.ipv6_cidr_blocks
  prefix_list_ids          = each.value.prefix_list_ids
  self                     = each.value.self
  source_security_group_id = each.value.source_security_group_id
}
