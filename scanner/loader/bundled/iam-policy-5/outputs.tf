# The module's outputs, so that what the caller reads of the module
# (module.policy.arn, attached to a role) refers to the policy of this
# model.

output "id" {
  value = try(aws_iam_policy.policy[0].id, null)
}

output "arn" {
  value = try(aws_iam_policy.policy[0].arn, null)
}

output "description" {
  value = try(aws_iam_policy.policy[0].description, null)
}

output "name" {
  value = try(aws_iam_policy.policy[0].name, null)
}

output "path" {
  value = try(aws_iam_policy.policy[0].path, null)
}

output "policy" {
  value = try(aws_iam_policy.policy[0].policy, null)
}
