# The module's outputs, so that what the caller reads of the module
# (module.vpc.vpc_id, module.vpc.private_subnets) refers to the resources of
# this model. Outputs of what the model leaves out (route tables, gateways,
# NAT, VPN, the flow log's IAM role) are unknown here: they read a data
# source's attribute, known only after apply, as a stand-in with no value
# that refers to no resource.

output "vpc_id" {
  value = try(aws_vpc.this[0].id, null)
}

output "vpc_arn" {
  value = try(aws_vpc.this[0].arn, null)
}

# A block the call leaves to AWS (from an IPAM pool, or Amazon's IPv6
# block) is known only after apply: the VPC's ARN stands for it, where the
# model's null argument would read as no block at all.
output "vpc_cidr_block" {
  value = var.use_ipam_pool ? try(aws_vpc.this[0].arn, null) : try(aws_vpc.this[0].cidr_block, null)
}

output "default_security_group_id" {
  value = try(aws_vpc.this[0].default_security_group_id, null)
}

output "default_network_acl_id" {
  value = try(aws_vpc.this[0].default_network_acl_id, null)
}

output "default_route_table_id" {
  value = try(aws_vpc.this[0].default_route_table_id, null)
}

output "vpc_instance_tenancy" {
  value = try(aws_vpc.this[0].instance_tenancy, null)
}

output "vpc_enable_dns_support" {
  value = try(aws_vpc.this[0].enable_dns_support, null)
}

output "vpc_enable_dns_hostnames" {
  value = try(aws_vpc.this[0].enable_dns_hostnames, null)
}

output "vpc_main_route_table_id" {
  value = try(aws_vpc.this[0].main_route_table_id, null)
}

output "vpc_ipv6_association_id" {
  value = try(aws_vpc.this[0].ipv6_association_id, null)
}

output "vpc_ipv6_cidr_block" {
  value = var.ipv6_cidr == null && (var.enable_ipv6 || var.ipv6_ipam_pool_id != null) ? try(aws_vpc.this[0].arn, null) : try(aws_vpc.this[0].ipv6_cidr_block, null)
}

output "vpc_secondary_cidr_blocks" {
  value = local.create_vpc ? compact(var.secondary_cidr_blocks) : []
}

output "vpc_owner_id" {
  value = try(aws_vpc.this[0].owner_id, null)
}

output "vpc_block_public_access_exclusions" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "dhcp_options_id" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "igw_id" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "igw_arn" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "public_subnet_objects" {
  value = aws_subnet.public
}

output "public_subnets" {
  value = aws_subnet.public[*].id
}

output "public_subnet_arns" {
  value = aws_subnet.public[*].arn
}

output "public_subnets_cidr_blocks" {
  value = compact(aws_subnet.public[*].cidr_block)
}

output "public_subnets_ipv6_cidr_blocks" {
  value = compact(aws_subnet.public[*].ipv6_cidr_block)
}

output "public_route_table_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "public_internet_gateway_route_id" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "public_internet_gateway_ipv6_route_id" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "public_route_table_association_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "public_network_acl_id" {
  value = try(aws_network_acl.public[0].id, null)
}

output "public_network_acl_arn" {
  value = try(aws_network_acl.public[0].arn, null)
}

output "private_subnet_objects" {
  value = aws_subnet.private
}

output "private_subnets" {
  value = aws_subnet.private[*].id
}

output "private_subnet_arns" {
  value = aws_subnet.private[*].arn
}

output "private_subnets_cidr_blocks" {
  value = compact(aws_subnet.private[*].cidr_block)
}

output "private_subnets_ipv6_cidr_blocks" {
  value = compact(aws_subnet.private[*].ipv6_cidr_block)
}

output "private_route_table_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "private_nat_gateway_route_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "private_ipv6_egress_route_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "private_route_table_association_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "private_network_acl_id" {
  value = try(aws_network_acl.private[0].id, null)
}

output "private_network_acl_arn" {
  value = try(aws_network_acl.private[0].arn, null)
}

output "outpost_subnet_objects" {
  value = aws_subnet.outpost
}

output "outpost_subnets" {
  value = aws_subnet.outpost[*].id
}

output "outpost_subnet_arns" {
  value = aws_subnet.outpost[*].arn
}

output "outpost_subnets_cidr_blocks" {
  value = compact(aws_subnet.outpost[*].cidr_block)
}

output "outpost_subnets_ipv6_cidr_blocks" {
  value = compact(aws_subnet.outpost[*].ipv6_cidr_block)
}

output "outpost_network_acl_id" {
  value = try(aws_network_acl.outpost[0].id, null)
}

output "outpost_network_acl_arn" {
  value = try(aws_network_acl.outpost[0].arn, null)
}

output "database_subnet_objects" {
  value = aws_subnet.database
}

output "database_subnets" {
  value = aws_subnet.database[*].id
}

output "database_subnet_arns" {
  value = aws_subnet.database[*].arn
}

output "database_subnets_cidr_blocks" {
  value = compact(aws_subnet.database[*].cidr_block)
}

output "database_subnets_ipv6_cidr_blocks" {
  value = compact(aws_subnet.database[*].ipv6_cidr_block)
}

output "database_subnet_group" {
  value = try(aws_db_subnet_group.database[0].id, null)
}

output "database_subnet_group_name" {
  value = try(aws_db_subnet_group.database[0].name, null)
}

output "database_route_table_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "database_internet_gateway_route_id" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "database_nat_gateway_route_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "database_ipv6_egress_route_id" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "database_route_table_association_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "database_network_acl_id" {
  value = try(aws_network_acl.database[0].id, null)
}

output "database_network_acl_arn" {
  value = try(aws_network_acl.database[0].arn, null)
}

output "redshift_subnet_objects" {
  value = aws_subnet.redshift
}

output "redshift_subnets" {
  value = aws_subnet.redshift[*].id
}

output "redshift_subnet_arns" {
  value = aws_subnet.redshift[*].arn
}

output "redshift_subnets_cidr_blocks" {
  value = compact(aws_subnet.redshift[*].cidr_block)
}

output "redshift_subnets_ipv6_cidr_blocks" {
  value = compact(aws_subnet.redshift[*].ipv6_cidr_block)
}

output "redshift_subnet_group" {
  value = try(aws_redshift_subnet_group.redshift[0].id, null)
}

output "redshift_route_table_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "redshift_route_table_association_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "redshift_public_route_table_association_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "redshift_network_acl_id" {
  value = try(aws_network_acl.redshift[0].id, null)
}

output "redshift_network_acl_arn" {
  value = try(aws_network_acl.redshift[0].arn, null)
}

output "elasticache_subnet_objects" {
  value = aws_subnet.elasticache
}

output "elasticache_subnets" {
  value = aws_subnet.elasticache[*].id
}

output "elasticache_subnet_arns" {
  value = aws_subnet.elasticache[*].arn
}

output "elasticache_subnets_cidr_blocks" {
  value = compact(aws_subnet.elasticache[*].cidr_block)
}

output "elasticache_subnets_ipv6_cidr_blocks" {
  value = compact(aws_subnet.elasticache[*].ipv6_cidr_block)
}

output "elasticache_subnet_group" {
  value = try(aws_elasticache_subnet_group.elasticache[0].id, null)
}

output "elasticache_subnet_group_name" {
  value = try(aws_elasticache_subnet_group.elasticache[0].name, null)
}

output "elasticache_route_table_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "elasticache_route_table_association_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "elasticache_network_acl_id" {
  value = try(aws_network_acl.elasticache[0].id, null)
}

output "elasticache_network_acl_arn" {
  value = try(aws_network_acl.elasticache[0].arn, null)
}

output "intra_subnet_objects" {
  value = aws_subnet.intra
}

output "intra_subnets" {
  value = aws_subnet.intra[*].id
}

output "intra_subnet_arns" {
  value = aws_subnet.intra[*].arn
}

output "intra_subnets_cidr_blocks" {
  value = compact(aws_subnet.intra[*].cidr_block)
}

output "intra_subnets_ipv6_cidr_blocks" {
  value = compact(aws_subnet.intra[*].ipv6_cidr_block)
}

output "intra_route_table_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "intra_route_table_association_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "intra_network_acl_id" {
  value = try(aws_network_acl.intra[0].id, null)
}

output "intra_network_acl_arn" {
  value = try(aws_network_acl.intra[0].arn, null)
}

output "nat_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "nat_public_ips" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "natgw_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "natgw_interface_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "egress_only_internet_gateway_id" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "cgw_ids" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "cgw_arns" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "this_customer_gateway" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "vgw_id" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "vgw_arn" {
  value = try(data.aws_caller_identity.current[0].account_id, null)
}

output "default_vpc_id" {
  value = try(aws_default_vpc.this[0].id, null)
}

output "default_vpc_arn" {
  value = try(aws_default_vpc.this[0].arn, null)
}

output "default_vpc_cidr_block" {
  value = try(aws_default_vpc.this[0].cidr_block, null)
}

output "default_vpc_default_security_group_id" {
  value = try(aws_default_vpc.this[0].default_security_group_id, null)
}

output "default_vpc_default_network_acl_id" {
  value = try(aws_default_vpc.this[0].default_network_acl_id, null)
}

output "default_vpc_default_route_table_id" {
  value = try(aws_default_vpc.this[0].default_route_table_id, null)
}

output "default_vpc_instance_tenancy" {
  value = try(aws_default_vpc.this[0].instance_tenancy, null)
}

output "default_vpc_enable_dns_support" {
  value = try(aws_default_vpc.this[0].enable_dns_support, null)
}

output "default_vpc_enable_dns_hostnames" {
  value = try(aws_default_vpc.this[0].enable_dns_hostnames, null)
}

output "default_vpc_main_route_table_id" {
  value = try(aws_default_vpc.this[0].main_route_table_id, null)
}

output "vpc_flow_log_id" {
  value = try(aws_flow_log.this[0].id, null)
}

output "vpc_flow_log_destination_arn" {
  value = local.flow_log_destination_arn
}

output "vpc_flow_log_destination_type" {
  value = var.flow_log_destination_type
}

# A call that has the module create the role is not scanned.
output "vpc_flow_log_cloudwatch_iam_role_arn" {
  value = var.flow_log_cloudwatch_iam_role_arn
}

output "vpc_flow_log_deliver_cross_account_role" {
  value = try(aws_flow_log.this[0].deliver_cross_account_role, null)
}

output "azs" {
  value = var.azs
}

output "name" {
  value = var.name
}
