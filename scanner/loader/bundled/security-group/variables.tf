# The input variables of terraform-aws-modules/security-group/aws 4.x-5.x
# and of its //modules/<preset> wrappers: every name either accepts, so
# that a call is read as Terraform reads it, with the defaults the module
# declares. Only some of them reach the resources of this model.

variable "computed_egress_cidr_blocks" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "computed_egress_ipv6_cidr_blocks" {
  type    = list(string)
  default = ["::/0"]
}

variable "computed_egress_prefix_list_ids" {
  type    = list(string)
  default = []
}

variable "computed_egress_rules" {
  type    = list(string)
  default = []
}

variable "computed_egress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "computed_egress_with_ipv6_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "computed_egress_with_prefix_list_ids" {
  type    = list(map(string))
  default = []
}

variable "computed_egress_with_self" {
  type    = list(map(string))
  default = []
}

variable "computed_egress_with_source_security_group_id" {
  type    = list(map(string))
  default = []
}

variable "computed_ingress_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "computed_ingress_ipv6_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "computed_ingress_prefix_list_ids" {
  type    = list(string)
  default = []
}

variable "computed_ingress_rules" {
  type    = list(string)
  default = []
}

variable "computed_ingress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "computed_ingress_with_ipv6_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "computed_ingress_with_prefix_list_ids" {
  type    = list(map(string))
  default = []
}

variable "computed_ingress_with_self" {
  type    = list(map(string))
  default = []
}

variable "computed_ingress_with_source_security_group_id" {
  type    = list(map(string))
  default = []
}

variable "create" {
  type    = bool
  default = true
}

variable "create_sg" {
  type    = bool
  default = true
}

variable "create_timeout" {
  type    = string
  default = "10m"
}

variable "delete_timeout" {
  type    = string
  default = "15m"
}

variable "description" {
  type    = string
  default = "Security Group managed by Terraform"
}

variable "egress_cidr_blocks" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "egress_ipv6_cidr_blocks" {
  type    = list(string)
  default = ["::/0"]
}

variable "egress_prefix_list_ids" {
  type    = list(string)
  default = []
}

variable "egress_rules" {
  type    = list(string)
  default = []
}

variable "egress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "egress_with_ipv6_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "egress_with_prefix_list_ids" {
  type    = list(map(string))
  default = []
}

variable "egress_with_self" {
  type    = list(map(string))
  default = []
}

variable "egress_with_source_security_group_id" {
  type    = list(map(string))
  default = []
}

variable "ingress_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "ingress_ipv6_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "ingress_prefix_list_ids" {
  type    = list(string)
  default = []
}

variable "ingress_rules" {
  type    = list(string)
  default = []
}

variable "ingress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "ingress_with_ipv6_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "ingress_with_prefix_list_ids" {
  type    = list(map(string))
  default = []
}

variable "ingress_with_self" {
  type    = list(map(string))
  default = []
}

variable "ingress_with_source_security_group_id" {
  type    = list(map(string))
  default = []
}

variable "name" {
  type    = string
  default = null
}

variable "number_of_computed_egress_cidr_blocks" {
  type    = number
  default = 0
}

variable "number_of_computed_egress_ipv6_cidr_blocks" {
  type    = number
  default = 0
}

variable "number_of_computed_egress_prefix_list_ids" {
  type    = number
  default = 0
}

variable "number_of_computed_egress_rules" {
  type    = number
  default = 0
}

variable "number_of_computed_egress_with_cidr_blocks" {
  type    = number
  default = 0
}

variable "number_of_computed_egress_with_ipv6_cidr_blocks" {
  type    = number
  default = 0
}

variable "number_of_computed_egress_with_prefix_list_ids" {
  type    = number
  default = 0
}

variable "number_of_computed_egress_with_self" {
  type    = number
  default = 0
}

variable "number_of_computed_egress_with_source_security_group_id" {
  type    = number
  default = 0
}

variable "number_of_computed_ingress_cidr_blocks" {
  type    = number
  default = 0
}

variable "number_of_computed_ingress_ipv6_cidr_blocks" {
  type    = number
  default = 0
}

variable "number_of_computed_ingress_prefix_list_ids" {
  type    = number
  default = 0
}

variable "number_of_computed_ingress_rules" {
  type    = number
  default = 0
}

variable "number_of_computed_ingress_with_cidr_blocks" {
  type    = number
  default = 0
}

variable "number_of_computed_ingress_with_ipv6_cidr_blocks" {
  type    = number
  default = 0
}

variable "number_of_computed_ingress_with_prefix_list_ids" {
  type    = number
  default = 0
}

variable "number_of_computed_ingress_with_self" {
  type    = number
  default = 0
}

variable "number_of_computed_ingress_with_source_security_group_id" {
  type    = number
  default = 0
}

variable "putin_khuylo" {
  type    = bool
  default = true
}

variable "revoke_rules_on_delete" {
  type    = bool
  default = false
}

variable "security_group_id" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "use_name_prefix" {
  type    = bool
  default = true
}

variable "vpc_id" {
  type    = string
  default = null
}
