# The module's outputs, so that what the caller reads of the module
# (module.security_group.id) refers to the group of this model.

output "id" {
  value = local.enabled ? local.security_group_id : null
}

output "arn" {
  value = try(aws_security_group.cbd[0].arn, aws_security_group.default[0].arn, null)
}

output "name" {
  value = try(aws_security_group.cbd[0].name, aws_security_group.default[0].name, null)
}

output "rules_terraform_ids" {
  value = concat([for r in aws_security_group_rule.keyed : r.id], [for r in aws_security_group_rule.dbc : r.id])
}
