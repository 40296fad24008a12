# A compact model of terraform-aws-modules/iam/aws//modules/iam-account 6.x,
# written for the scanner (not the module's own code): the account's
# password policy, which the password policy rules judge. The account
# alias the module also sets is left out: no rule judges it.

resource "aws_iam_account_password_policy" "this" {
  count = var.create && var.create_account_password_policy ? 1 : 0

  allow_users_to_change_password = var.allow_users_to_change_password
  hard_expiry                    = var.hard_expiry
  max_password_age               = var.max_password_age
  minimum_password_length        = var.minimum_password_length
  password_reuse_prevention      = var.password_reuse_prevention
  require_lowercase_characters   = var.require_lowercase_characters
  require_numbers                = var.require_numbers
  require_symbols                = var.require_symbols
  require_uppercase_characters   = var.require_uppercase_characters
}
