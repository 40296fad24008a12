# The module's outputs, so that what the caller reads of the module
# (module.sg.security_group_id) refers to the group of this model.
locals {
  group = concat(aws_security_group.this, aws_security_group.this_name_prefix)
}

output "security_group_id" {
  value = length(local.group) > 0 ? local.group[0].id : ""
}

output "security_group_arn" {
  value = length(local.group) > 0 ? local.group[0].arn : ""
}

output "security_group_vpc_id" {
  value = length(local.group) > 0 ? local.group[0].vpc_id : ""
}

output "security_group_owner_id" {
  value = length(local.group) > 0 ? local.group[0].owner_id : ""
}

output "security_group_name" {
  value = length(local.group) > 0 ? local.group[0].name : ""
}

output "security_group_description" {
  value = length(local.group) > 0 ? local.group[0].description : ""
}
