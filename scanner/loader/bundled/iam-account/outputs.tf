output "iam_account_password_policy_expire_passwords" {
  value = try(aws_iam_account_password_policy.this[0].expire_passwords, null)
}
