# The module's role outputs, so that what the caller reads of it
# (module.pod_identity.iam_role_arn in an add-on or an association) refers
# to the role of this model.

output "iam_role_arn" {
  value = try(aws_iam_role.this[0].arn, null)
}

output "iam_role_name" {
  value = try(aws_iam_role.this[0].name, null)
}

output "iam_role_path" {
  value = try(aws_iam_role.this[0].path, null)
}

output "iam_role_unique_id" {
  value = try(aws_iam_role.this[0].unique_id, null)
}
