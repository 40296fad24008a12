# The module's outputs, so that what the caller reads of the module
# (module.logs.log_group_name) refers to the group of this model. The role
# and streams are not modelled: their outputs read the group's ARN, known
# only after apply, as a stand-in with no value.

output "log_group_arn" {
  value = try(aws_cloudwatch_log_group.default[0].arn, "")
}

output "log_group_name" {
  value = try(aws_cloudwatch_log_group.default[0].name, "")
}

output "role_arn" {
  value = try(aws_cloudwatch_log_group.default[0].arn, "")
}

output "role_name" {
  value = try(aws_cloudwatch_log_group.default[0].arn, "")
}

output "stream_arns" {
  value = [for g in aws_cloudwatch_log_group.default : g.arn]
}
