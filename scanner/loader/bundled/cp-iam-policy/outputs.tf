# The module's outputs: the rendered document, which callers attach to
# what they create, and the managed policy's ARN.

output "json" {
  value = try(data.aws_iam_policy_document.this[0].json, "")
}

output "policy_arn" {
  value = one(aws_iam_policy.default[*].arn)
}
