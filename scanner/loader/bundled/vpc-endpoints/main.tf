# A compact model of terraform-aws-modules/vpc/aws//modules/vpc-endpoints
# 6.x, written for the scanner (not the module's own code): the endpoints,
# the security group the module may create for them and its rules, with
# the arguments the network rules judge. A rule of security_group_rules
# is HTTPS ingress (tcp 443) unless it says otherwise, as in the module.
# An endpoint's service name comes from a data source lookup the model
# leaves out (no rule judges it), as are its DNS options, subnet
# configurations and timeouts.

locals {
  endpoints = { for k, v in var.endpoints : k => v if var.create && try(v.create, true) }

  own_security_group = var.create && var.create_security_group
  security_group_ids = local.own_security_group ? concat(var.security_group_ids, [aws_security_group.this[0].id]) : var.security_group_ids
}

resource "aws_vpc_endpoint" "this" {
  for_each = local.endpoints

  region = var.region

  vpc_id            = var.vpc_id
  vpc_endpoint_type = try(each.value.service_type, "Interface")
  auto_accept       = try(each.value.auto_accept, null)

  # Interface endpoints take the module's and the endpoint's groups and
  # subnets; gateway endpoints take route tables instead.
  security_group_ids = try(each.value.service_type, "Interface") != "Interface" ? null : (
    length(distinct(concat(local.security_group_ids, lookup(each.value, "security_group_ids", [])))) > 0
    ? distinct(concat(local.security_group_ids, lookup(each.value, "security_group_ids", [])))
    : null
  )
  subnet_ids          = try(each.value.service_type, "Interface") == "Interface" ? distinct(concat(var.subnet_ids, lookup(each.value, "subnet_ids", []))) : null
  route_table_ids     = try(each.value.service_type, "Interface") == "Gateway" ? lookup(each.value, "route_table_ids", null) : null
  policy              = try(each.value.policy, null)
  private_dns_enabled = try(each.value.service_type, "Interface") == "Interface" ? try(each.value.private_dns_enabled, null) : null

  tags = merge(var.tags, { "Name" = replace(each.key, ".", "-") }, try(each.value.tags, {}))
}

resource "aws_security_group" "this" {
  count = local.own_security_group ? 1 : 0

  region = var.region

  name        = var.security_group_name
  name_prefix = var.security_group_name_prefix
  description = var.security_group_description
  vpc_id      = var.vpc_id

  tags = merge(var.tags, var.security_group_tags, { "Name" = try(coalesce(var.security_group_name, var.security_group_name_prefix), "") })
}

resource "aws_security_group_rule" "this" {
  for_each = { for k, v in var.security_group_rules : k => v if local.own_security_group }

  region = var.region

  security_group_id = aws_security_group.this[0].id
  type              = try(each.value.type, "ingress")
  protocol          = try(each.value.protocol, "tcp")
  from_port         = try(each.value.from_port, 443)
  to_port           = try(each.value.to_port, 443)

  description              = try(each.value.description, null)
  cidr_blocks              = lookup(each.value, "cidr_blocks", null)
  ipv6_cidr_blocks         = lookup(each.value, "ipv6_cidr_blocks", null)
  prefix_list_ids          = lookup(each.value, "prefix_list_ids", null)
  self                     = try(each.value.self, null)
  source_security_group_id = lookup(each.value, "source_security_group_id", null)
}
