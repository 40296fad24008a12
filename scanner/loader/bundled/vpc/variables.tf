# The input variables of terraform-aws-modules/vpc/aws 6.x: every name it
# accepts, with its defaults, so that a call is read as Terraform reads it.
# Only some of them reach the resources of this model; inputs of object or
# collection type are left untyped (their shape is not judged).

variable "create_vpc" {
  type    = bool
  default = true
}

variable "region" {
  type    = string
  default = null
}

variable "tags" {
  default = {}
}

variable "name" {
  type    = string
  default = ""
}

variable "cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "secondary_cidr_blocks" {
  default = []
}

variable "instance_tenancy" {
  type    = string
  default = "default"
}

variable "azs" {
  default = []
}

variable "enable_dns_hostnames" {
  type    = bool
  default = true
}

variable "enable_dns_support" {
  type    = bool
  default = true
}

variable "enable_network_address_usage_metrics" {
  type    = bool
  default = null
}

variable "use_ipam_pool" {
  type    = bool
  default = false
}

variable "ipv4_ipam_pool_id" {
  type    = string
  default = null
}

variable "ipv4_netmask_length" {
  type    = number
  default = null
}

variable "enable_ipv6" {
  type    = bool
  default = false
}

variable "ipv6_cidr" {
  type    = string
  default = null
}

variable "ipv6_ipam_pool_id" {
  type    = string
  default = null
}

variable "ipv6_netmask_length" {
  type    = number
  default = null
}

variable "ipv6_cidr_block_network_border_group" {
  type    = string
  default = null
}

variable "vpc_tags" {
  default = {}
}

variable "vpc_block_public_access_options" {
  default = {}
}

variable "vpc_block_public_access_exclusions" {
  default = {}
}

variable "enable_dhcp_options" {
  type    = bool
  default = false
}

variable "dhcp_options_domain_name" {
  type    = string
  default = ""
}

variable "dhcp_options_domain_name_servers" {
  default = ["AmazonProvidedDNS"]
}

variable "dhcp_options_ntp_servers" {
  default = []
}

variable "dhcp_options_netbios_name_servers" {
  default = []
}

variable "dhcp_options_netbios_node_type" {
  type    = string
  default = ""
}

variable "dhcp_options_ipv6_address_preferred_lease_time" {
  type    = number
  default = null
}

variable "dhcp_options_tags" {
  default = {}
}

variable "public_subnets" {
  default = []
}

variable "public_subnet_assign_ipv6_address_on_creation" {
  type    = bool
  default = false
}

variable "public_subnet_enable_dns64" {
  type    = bool
  default = true
}

variable "public_subnet_enable_resource_name_dns_aaaa_record_on_launch" {
  type    = bool
  default = true
}

variable "public_subnet_enable_resource_name_dns_a_record_on_launch" {
  type    = bool
  default = false
}

variable "create_multiple_public_route_tables" {
  type    = bool
  default = false
}

variable "public_subnet_ipv6_prefixes" {
  default = []
}

variable "public_subnet_ipv6_native" {
  type    = bool
  default = false
}

variable "map_public_ip_on_launch" {
  type    = bool
  default = false
}

variable "public_subnet_private_dns_hostname_type_on_launch" {
  type    = string
  default = null
}

variable "public_subnet_names" {
  default = []
}

variable "public_subnet_suffix" {
  type    = string
  default = "public"
}

variable "public_subnet_tags" {
  default = {}
}

variable "public_subnet_tags_per_az" {
  default = {}
}

variable "public_route_table_tags" {
  default = {}
}

variable "public_dedicated_network_acl" {
  type    = bool
  default = false
}

variable "public_inbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "public_outbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "public_acl_tags" {
  default = {}
}

variable "private_subnets" {
  default = []
}

variable "private_subnet_assign_ipv6_address_on_creation" {
  type    = bool
  default = false
}

variable "private_subnet_enable_dns64" {
  type    = bool
  default = true
}

variable "private_subnet_enable_resource_name_dns_aaaa_record_on_launch" {
  type    = bool
  default = true
}

variable "private_subnet_enable_resource_name_dns_a_record_on_launch" {
  type    = bool
  default = false
}

variable "private_subnet_ipv6_prefixes" {
  default = []
}

variable "private_subnet_ipv6_native" {
  type    = bool
  default = false
}

variable "private_subnet_private_dns_hostname_type_on_launch" {
  type    = string
  default = null
}

variable "private_subnet_names" {
  default = []
}

variable "private_subnet_suffix" {
  type    = string
  default = "private"
}

variable "create_private_nat_gateway_route" {
  type    = bool
  default = true
}

variable "private_subnet_tags" {
  default = {}
}

variable "private_subnet_tags_per_az" {
  default = {}
}

variable "private_route_table_tags" {
  default = {}
}

variable "private_dedicated_network_acl" {
  type    = bool
  default = false
}

variable "private_inbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "private_outbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "private_acl_tags" {
  default = {}
}

variable "database_subnets" {
  default = []
}

variable "database_subnet_assign_ipv6_address_on_creation" {
  type    = bool
  default = false
}

variable "database_subnet_enable_dns64" {
  type    = bool
  default = true
}

variable "database_subnet_enable_resource_name_dns_aaaa_record_on_launch" {
  type    = bool
  default = true
}

variable "database_subnet_enable_resource_name_dns_a_record_on_launch" {
  type    = bool
  default = false
}

variable "database_subnet_ipv6_prefixes" {
  default = []
}

variable "database_subnet_ipv6_native" {
  type    = bool
  default = false
}

variable "database_subnet_private_dns_hostname_type_on_launch" {
  type    = string
  default = null
}

variable "database_subnet_names" {
  default = []
}

variable "database_subnet_suffix" {
  type    = string
  default = "db"
}

variable "create_database_subnet_route_table" {
  type    = bool
  default = false
}

variable "create_database_internet_gateway_route" {
  type    = bool
  default = false
}

variable "create_database_nat_gateway_route" {
  type    = bool
  default = false
}

variable "database_route_table_tags" {
  default = {}
}

variable "database_subnet_tags" {
  default = {}
}

variable "create_database_subnet_group" {
  type    = bool
  default = true
}

variable "database_subnet_group_name" {
  type    = string
  default = null
}

variable "database_subnet_group_tags" {
  default = {}
}

variable "database_dedicated_network_acl" {
  type    = bool
  default = false
}

variable "database_inbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "database_outbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "database_acl_tags" {
  default = {}
}

variable "redshift_subnets" {
  default = []
}

variable "redshift_subnet_assign_ipv6_address_on_creation" {
  type    = bool
  default = false
}

variable "redshift_subnet_enable_dns64" {
  type    = bool
  default = true
}

variable "redshift_subnet_enable_resource_name_dns_aaaa_record_on_launch" {
  type    = bool
  default = true
}

variable "redshift_subnet_enable_resource_name_dns_a_record_on_launch" {
  type    = bool
  default = false
}

variable "redshift_subnet_ipv6_prefixes" {
  default = []
}

variable "redshift_subnet_ipv6_native" {
  type    = bool
  default = false
}

variable "redshift_subnet_private_dns_hostname_type_on_launch" {
  type    = string
  default = null
}

variable "redshift_subnet_names" {
  default = []
}

variable "redshift_subnet_suffix" {
  type    = string
  default = "redshift"
}

variable "enable_public_redshift" {
  type    = bool
  default = false
}

variable "create_redshift_subnet_route_table" {
  type    = bool
  default = false
}

variable "redshift_route_table_tags" {
  default = {}
}

variable "redshift_subnet_tags" {
  default = {}
}

variable "create_redshift_subnet_group" {
  type    = bool
  default = true
}

variable "redshift_subnet_group_name" {
  type    = string
  default = null
}

variable "redshift_subnet_group_tags" {
  default = {}
}

variable "redshift_dedicated_network_acl" {
  type    = bool
  default = false
}

variable "redshift_inbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "redshift_outbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "redshift_acl_tags" {
  default = {}
}

variable "elasticache_subnets" {
  default = []
}

variable "elasticache_subnet_assign_ipv6_address_on_creation" {
  type    = bool
  default = false
}

variable "elasticache_subnet_enable_dns64" {
  type    = bool
  default = true
}

variable "elasticache_subnet_enable_resource_name_dns_aaaa_record_on_launch" {
  type    = bool
  default = true
}

variable "elasticache_subnet_enable_resource_name_dns_a_record_on_launch" {
  type    = bool
  default = false
}

variable "elasticache_subnet_ipv6_prefixes" {
  default = []
}

variable "elasticache_subnet_ipv6_native" {
  type    = bool
  default = false
}

variable "elasticache_subnet_private_dns_hostname_type_on_launch" {
  type    = string
  default = null
}

variable "elasticache_subnet_names" {
  default = []
}

variable "elasticache_subnet_suffix" {
  type    = string
  default = "elasticache"
}

variable "elasticache_subnet_tags" {
  default = {}
}

variable "create_elasticache_subnet_route_table" {
  type    = bool
  default = false
}

variable "elasticache_route_table_tags" {
  default = {}
}

variable "create_elasticache_subnet_group" {
  type    = bool
  default = true
}

variable "elasticache_subnet_group_name" {
  type    = string
  default = null
}

variable "elasticache_subnet_group_tags" {
  default = {}
}

variable "elasticache_dedicated_network_acl" {
  type    = bool
  default = false
}

variable "elasticache_inbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "elasticache_outbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "elasticache_acl_tags" {
  default = {}
}

variable "intra_subnets" {
  default = []
}

variable "intra_subnet_assign_ipv6_address_on_creation" {
  type    = bool
  default = false
}

variable "intra_subnet_enable_dns64" {
  type    = bool
  default = true
}

variable "intra_subnet_enable_resource_name_dns_aaaa_record_on_launch" {
  type    = bool
  default = true
}

variable "intra_subnet_enable_resource_name_dns_a_record_on_launch" {
  type    = bool
  default = false
}

variable "create_multiple_intra_route_tables" {
  type    = bool
  default = false
}

variable "intra_subnet_ipv6_prefixes" {
  default = []
}

variable "intra_subnet_ipv6_native" {
  type    = bool
  default = false
}

variable "intra_subnet_private_dns_hostname_type_on_launch" {
  type    = string
  default = null
}

variable "intra_subnet_names" {
  default = []
}

variable "intra_subnet_suffix" {
  type    = string
  default = "intra"
}

variable "intra_subnet_tags" {
  default = {}
}

variable "intra_route_table_tags" {
  default = {}
}

variable "intra_dedicated_network_acl" {
  type    = bool
  default = false
}

variable "intra_inbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "intra_outbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "intra_acl_tags" {
  default = {}
}

variable "outpost_subnets" {
  default = []
}

variable "outpost_subnet_assign_ipv6_address_on_creation" {
  type    = bool
  default = false
}

variable "outpost_az" {
  type    = string
  default = null
}

variable "customer_owned_ipv4_pool" {
  type    = string
  default = null
}

variable "outpost_subnet_enable_dns64" {
  type    = bool
  default = true
}

variable "outpost_subnet_enable_resource_name_dns_aaaa_record_on_launch" {
  type    = bool
  default = true
}

variable "outpost_subnet_enable_resource_name_dns_a_record_on_launch" {
  type    = bool
  default = false
}

variable "outpost_subnet_ipv6_prefixes" {
  default = []
}

variable "outpost_subnet_ipv6_native" {
  type    = bool
  default = false
}

variable "map_customer_owned_ip_on_launch" {
  type    = bool
  default = false
}

variable "outpost_arn" {
  type    = string
  default = null
}

variable "outpost_subnet_private_dns_hostname_type_on_launch" {
  type    = string
  default = null
}

variable "outpost_subnet_names" {
  default = []
}

variable "outpost_subnet_suffix" {
  type    = string
  default = "outpost"
}

variable "outpost_subnet_tags" {
  default = {}
}

variable "outpost_dedicated_network_acl" {
  type    = bool
  default = false
}

variable "outpost_inbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "outpost_outbound_acl_rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

variable "outpost_acl_tags" {
  default = {}
}

variable "create_igw" {
  type    = bool
  default = true
}

variable "create_egress_only_igw" {
  type    = bool
  default = true
}

variable "igw_tags" {
  default = {}
}

variable "enable_nat_gateway" {
  type    = bool
  default = false
}

variable "nat_gateway_destination_cidr_block" {
  type    = string
  default = "0.0.0.0/0"
}

variable "single_nat_gateway" {
  type    = bool
  default = false
}

variable "one_nat_gateway_per_az" {
  type    = bool
  default = false
}

variable "reuse_nat_ips" {
  type    = bool
  default = false
}

variable "external_nat_ip_ids" {
  default = []
}

variable "external_nat_ips" {
  default = []
}

variable "nat_gateway_tags" {
  default = {}
}

variable "nat_eip_tags" {
  default = {}
}

variable "customer_gateways" {
  default = {}
}

variable "customer_gateway_tags" {
  default = {}
}

variable "enable_vpn_gateway" {
  type    = bool
  default = false
}

variable "vpn_gateway_id" {
  type    = string
  default = ""
}

variable "amazon_side_asn" {
  type    = string
  default = "64512"
}

variable "vpn_gateway_az" {
  type    = string
  default = null
}

variable "propagate_intra_route_tables_vgw" {
  type    = bool
  default = false
}

variable "propagate_private_route_tables_vgw" {
  type    = bool
  default = false
}

variable "propagate_public_route_tables_vgw" {
  type    = bool
  default = false
}

variable "vpn_gateway_tags" {
  default = {}
}

variable "manage_default_vpc" {
  type    = bool
  default = false
}

variable "default_vpc_name" {
  type    = string
  default = null
}

variable "default_vpc_enable_dns_support" {
  type    = bool
  default = true
}

variable "default_vpc_enable_dns_hostnames" {
  type    = bool
  default = true
}

variable "default_vpc_tags" {
  default = {}
}

variable "manage_default_security_group" {
  type    = bool
  default = true
}

variable "default_security_group_name" {
  type    = string
  default = null
}

variable "default_security_group_ingress" {
  default = []
}

variable "default_security_group_egress" {
  default = []
}

variable "default_security_group_tags" {
  default = {}
}

variable "manage_default_network_acl" {
  type    = bool
  default = true
}

variable "default_network_acl_name" {
  type    = string
  default = null
}

variable "default_network_acl_ingress" {
  default = [
    {
      rule_no    = 100
      action     = "allow"
      from_port  = 0
      to_port    = 0
      protocol   = "-1"
      cidr_block = "0.0.0.0/0"
    },
    {
      rule_no         = 101
      action          = "allow"
      from_port       = 0
      to_port         = 0
      protocol        = "-1"
      ipv6_cidr_block = "::/0"
    },
  ]
}

variable "default_network_acl_egress" {
  default = [
    {
      rule_no    = 100
      action     = "allow"
      from_port  = 0
      to_port    = 0
      protocol   = "-1"
      cidr_block = "0.0.0.0/0"
    },
    {
      rule_no         = 101
      action          = "allow"
      from_port       = 0
      to_port         = 0
      protocol        = "-1"
      ipv6_cidr_block = "::/0"
    },
  ]
}

variable "default_network_acl_tags" {
  default = {}
}

variable "manage_default_route_table" {
  type    = bool
  default = true
}

variable "default_route_table_name" {
  type    = string
  default = null
}

variable "default_route_table_propagating_vgws" {
  default = []
}

variable "default_route_table_routes" {
  default = []
}

variable "default_route_table_tags" {
  default = {}
}

variable "enable_flow_log" {
  type    = bool
  default = false
}

variable "vpc_flow_log_iam_role_name" {
  type    = string
  default = "vpc-flow-log-role"
}

variable "vpc_flow_log_iam_role_path" {
  type    = string
  default = null
}

variable "vpc_flow_log_iam_role_use_name_prefix" {
  type    = bool
  default = true
}

variable "vpc_flow_log_permissions_boundary" {
  type    = string
  default = null
}

variable "vpc_flow_log_iam_policy_name" {
  type    = string
  default = "vpc-flow-log-to-cloudwatch"
}

variable "vpc_flow_log_iam_policy_use_name_prefix" {
  type    = bool
  default = true
}

variable "flow_log_max_aggregation_interval" {
  type    = number
  default = 600
}

variable "flow_log_traffic_type" {
  type    = string
  default = "ALL"
}

variable "flow_log_destination_type" {
  type    = string
  default = "cloud-watch-logs"
}

variable "flow_log_log_format" {
  type    = string
  default = null
}

variable "flow_log_destination_arn" {
  type    = string
  default = ""
}

variable "flow_log_deliver_cross_account_role" {
  type    = string
  default = null
}

variable "flow_log_file_format" {
  type    = string
  default = null
}

variable "flow_log_hive_compatible_partitions" {
  type    = bool
  default = false
}

variable "flow_log_per_hour_partition" {
  type    = bool
  default = false
}

variable "vpc_flow_log_tags" {
  default = {}
}

variable "create_flow_log_cloudwatch_log_group" {
  type    = bool
  default = false
}

variable "create_flow_log_cloudwatch_iam_role" {
  type    = bool
  default = false
}

variable "flow_log_cloudwatch_iam_role_conditions" {
  default = []
}

variable "flow_log_cloudwatch_iam_role_arn" {
  type    = string
  default = ""
}

variable "flow_log_cloudwatch_log_group_name_prefix" {
  type    = string
  default = "/aws/vpc-flow-log/"
}

variable "flow_log_cloudwatch_log_group_name_suffix" {
  type    = string
  default = ""
}

variable "flow_log_cloudwatch_log_group_retention_in_days" {
  type    = number
  default = null
}

variable "flow_log_cloudwatch_log_group_kms_key_id" {
  type    = string
  default = null
}

variable "flow_log_cloudwatch_log_group_skip_destroy" {
  type    = bool
  default = false
}

variable "flow_log_cloudwatch_log_group_class" {
  type    = string
  default = null
}

variable "putin_khuylo" {
  type    = bool
  default = true
}
