# A compact model of terraform-aws-modules/iam/aws//modules/iam-policy 5.x,
# written for the scanner (not the module's own code): the module creates
# one customer managed policy from the call's document, which the IAM
# policy rules judge as written. It is the whole module; 6.x renamed its
# create_policy to create and dropped the description and path defaults.

resource "aws_iam_policy" "policy" {
  count = var.create_policy ? 1 : 0

  description = var.description
  name        = var.name
  name_prefix = var.name_prefix
  path        = var.path
  policy      = var.policy

  tags = var.tags
}
