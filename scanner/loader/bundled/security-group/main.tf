# A compact model of terraform-aws-modules/security-group/aws, major
# versions 4 and 5, written for the scanner (not the module's own code): the
# security group and the ingress rules it creates, with the ports, protocol,
# sources and descriptions the network rules judge, at the addresses the root module
# gives them (a wrapper's, flat here, lack its inner module.sg). Egress rules, rules between security groups and rules on `self`
# never admit the internet and are left out, as are timeouts.
#
# local.ingress_rules, local.computed_ingress_rules and
# local.number_of_computed_ingress_rules are the rule names and count the
# module opens to the common CIDR blocks: the call's own in the root module
# (root.tf), with a preset's added in //modules/<preset> (preset.tf).

locals {
  create = var.create && var.putin_khuylo
  # A rule belongs to the group created here or, with create_sg = false,
  # to the one the call names.
  group_id = var.create_sg ? try(aws_security_group.this[0].id, aws_security_group.this_name_prefix[0].id) : var.security_group_id
}

resource "aws_security_group" "this" {
  count = local.create && var.create_sg && !var.use_name_prefix ? 1 : 0

  name                   = var.name
  description            = var.description
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = var.revoke_rules_on_delete
  tags                   = merge({ Name = var.name }, var.tags)
}

resource "aws_security_group" "this_name_prefix" {
  count = local.create && var.create_sg && var.use_name_prefix ? 1 : 0

  name_prefix            = var.name == null ? null : "${var.name}-"
  description            = var.description
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = var.revoke_rules_on_delete
  tags                   = merge({ Name = var.name }, var.tags)
}

# Named rules, each open to every one of the common CIDR blocks and prefix
# lists.
resource "aws_security_group_rule" "ingress_rules" {
  count = local.create ? length(local.ingress_rules) : 0

  security_group_id = local.group_id
  type              = "ingress"
  from_port         = var.rules[local.ingress_rules[count.index]][0]
  to_port           = var.rules[local.ingress_rules[count.index]][1]
  protocol          = var.rules[local.ingress_rules[count.index]][2]
  # The module describes each named rule (the fourth element of its rules
  # map, such as "SSH"); the model writes the rule's name in its place.
  description      = local.ingress_rules[count.index]
  cidr_blocks      = var.ingress_cidr_blocks
  ipv6_cidr_blocks = var.ingress_ipv6_cidr_blocks
  prefix_list_ids  = var.ingress_prefix_list_ids
}

resource "aws_security_group_rule" "computed_ingress_rules" {
  count = local.create ? local.number_of_computed_ingress_rules : 0

  security_group_id = local.group_id
  type              = "ingress"
  from_port         = var.rules[local.computed_ingress_rules[count.index]][0]
  to_port           = var.rules[local.computed_ingress_rules[count.index]][1]
  protocol          = var.rules[local.computed_ingress_rules[count.index]][2]
  # The module describes each named rule (the fourth element of its rules
  # map, such as "SSH"); the model writes the rule's name in its place.
  description      = local.computed_ingress_rules[count.index]
  cidr_blocks      = var.ingress_cidr_blocks
  ipv6_cidr_blocks = var.ingress_ipv6_cidr_blocks
  prefix_list_ids  = var.ingress_prefix_list_ids
}

# Rules written as objects (map(string)): ports and protocol from the
# object, else from its named `rule` ("_", ports "", when it has neither);
# sources from the object as one comma-separated string, else the common
# ones.
resource "aws_security_group_rule" "ingress_with_cidr_blocks" {
  count = local.create ? length(var.ingress_with_cidr_blocks) : 0

  security_group_id = local.group_id
  type              = "ingress"
  from_port         = lookup(var.ingress_with_cidr_blocks[count.index], "from_port", var.rules[lookup(var.ingress_with_cidr_blocks[count.index], "rule", "_")][0])
  to_port           = lookup(var.ingress_with_cidr_blocks[count.index], "to_port", var.rules[lookup(var.ingress_with_cidr_blocks[count.index], "rule", "_")][1])
  protocol          = lookup(var.ingress_with_cidr_blocks[count.index], "protocol", var.rules[lookup(var.ingress_with_cidr_blocks[count.index], "rule", "_")][2])
  description       = lookup(var.ingress_with_cidr_blocks[count.index], "description", "Ingress Rule")
  cidr_blocks       = compact(split(",", lookup(var.ingress_with_cidr_blocks[count.index], "cidr_blocks", join(",", var.ingress_cidr_blocks))))
}

resource "aws_security_group_rule" "computed_ingress_with_cidr_blocks" {
  count = local.create ? var.number_of_computed_ingress_with_cidr_blocks : 0

  security_group_id = local.group_id
  type              = "ingress"
  from_port         = lookup(var.computed_ingress_with_cidr_blocks[count.index], "from_port", var.rules[lookup(var.computed_ingress_with_cidr_blocks[count.index], "rule", "_")][0])
  to_port           = lookup(var.computed_ingress_with_cidr_blocks[count.index], "to_port", var.rules[lookup(var.computed_ingress_with_cidr_blocks[count.index], "rule", "_")][1])
  protocol          = lookup(var.computed_ingress_with_cidr_blocks[count.index], "protocol", var.rules[lookup(var.computed_ingress_with_cidr_blocks[count.index], "rule", "_")][2])
  description       = lookup(var.computed_ingress_with_cidr_blocks[count.index], "description", "Ingress Rule")
  cidr_blocks       = compact(split(",", lookup(var.computed_ingress_with_cidr_blocks[count.index], "cidr_blocks", join(",", var.ingress_cidr_blocks))))
}

resource "aws_security_group_rule" "ingress_with_ipv6_cidr_blocks" {
  count = local.create ? length(var.ingress_with_ipv6_cidr_blocks) : 0

  security_group_id = local.group_id
  type              = "ingress"
  from_port         = lookup(var.ingress_with_ipv6_cidr_blocks[count.index], "from_port", var.rules[lookup(var.ingress_with_ipv6_cidr_blocks[count.index], "rule", "_")][0])
  to_port           = lookup(var.ingress_with_ipv6_cidr_blocks[count.index], "to_port", var.rules[lookup(var.ingress_with_ipv6_cidr_blocks[count.index], "rule", "_")][1])
  protocol          = lookup(var.ingress_with_ipv6_cidr_blocks[count.index], "protocol", var.rules[lookup(var.ingress_with_ipv6_cidr_blocks[count.index], "rule", "_")][2])
  description       = lookup(var.ingress_with_ipv6_cidr_blocks[count.index], "description", "Ingress Rule")
  ipv6_cidr_blocks  = compact(split(",", lookup(var.ingress_with_ipv6_cidr_blocks[count.index], "ipv6_cidr_blocks", join(",", var.ingress_ipv6_cidr_blocks))))
  prefix_list_ids   = var.ingress_prefix_list_ids
}

resource "aws_security_group_rule" "computed_ingress_with_ipv6_cidr_blocks" {
  count = local.create ? var.number_of_computed_ingress_with_ipv6_cidr_blocks : 0

  security_group_id = local.group_id
  type              = "ingress"
  from_port         = lookup(var.computed_ingress_with_ipv6_cidr_blocks[count.index], "from_port", var.rules[lookup(var.computed_ingress_with_ipv6_cidr_blocks[count.index], "rule", "_")][0])
  to_port           = lookup(var.computed_ingress_with_ipv6_cidr_blocks[count.index], "to_port", var.rules[lookup(var.computed_ingress_with_ipv6_cidr_blocks[count.index], "rule", "_")][1])
  protocol          = lookup(var.computed_ingress_with_ipv6_cidr_blocks[count.index], "protocol", var.rules[lookup(var.computed_ingress_with_ipv6_cidr_blocks[count.index], "rule", "_")][2])
  description       = lookup(var.computed_ingress_with_ipv6_cidr_blocks[count.index], "description", "Ingress Rule")
  ipv6_cidr_blocks  = compact(split(",", lookup(var.computed_ingress_with_ipv6_cidr_blocks[count.index], "ipv6_cidr_blocks", join(",", var.ingress_ipv6_cidr_blocks))))
  prefix_list_ids   = var.ingress_prefix_list_ids
}

resource "aws_security_group_rule" "ingress_with_prefix_list_ids" {
  count = local.create ? length(var.ingress_with_prefix_list_ids) : 0

  security_group_id = local.group_id
  type              = "ingress"
  from_port         = lookup(var.ingress_with_prefix_list_ids[count.index], "from_port", var.rules[lookup(var.ingress_with_prefix_list_ids[count.index], "rule", "_")][0])
  to_port           = lookup(var.ingress_with_prefix_list_ids[count.index], "to_port", var.rules[lookup(var.ingress_with_prefix_list_ids[count.index], "rule", "_")][1])
  protocol          = lookup(var.ingress_with_prefix_list_ids[count.index], "protocol", var.rules[lookup(var.ingress_with_prefix_list_ids[count.index], "rule", "_")][2])
  description       = lookup(var.ingress_with_prefix_list_ids[count.index], "description", "Ingress Rule")
  prefix_list_ids   = compact(split(",", lookup(var.ingress_with_prefix_list_ids[count.index], "prefix_list_ids", join(",", var.ingress_prefix_list_ids))))
}
