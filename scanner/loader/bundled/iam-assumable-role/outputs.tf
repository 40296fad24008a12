# The submodule's 5.x outputs, so that what the caller reads of it
# (module.role.iam_role_arn in a trust or a service) refers to the role of
# this model.

output "iam_role_arn" {
  value = try(aws_iam_role.this[0].arn, "")
}

output "iam_role_name" {
  value = try(aws_iam_role.this[0].name, "")
}

output "iam_role_path" {
  value = try(aws_iam_role.this[0].path, "")
}

output "iam_role_unique_id" {
  value = try(aws_iam_role.this[0].unique_id, "")
}

output "role_requires_mfa" {
  value = var.role_requires_mfa
}

output "iam_instance_profile_arn" {
  value = try(aws_iam_instance_profile.this[0].arn, "")
}

output "iam_instance_profile_id" {
  value = try(aws_iam_instance_profile.this[0].id, "")
}

output "iam_instance_profile_name" {
  value = try(aws_iam_instance_profile.this[0].name, "")
}

output "iam_instance_profile_path" {
  value = try(aws_iam_instance_profile.this[0].path, "")
}

output "role_sts_externalid" {
  value = var.role_sts_externalid
}
