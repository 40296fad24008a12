# A compact model of terraform-aws-modules/sns/aws 3.x–4.x, written for the
# scanner (not the module's own code): the one topic, with the arguments
# the SNS rules judge (its KMS key and its policy) and those that name it.
# The module passes each input to the topic argument of the same name and
# generates nothing: 3.x–4.x has no topic policy resource and no
# subscriptions (both came with 5.0.0), so the topic's own policy
# argument is the only policy a call sets. The delivery status feedback
# roles reach no rule and are left out.

resource "aws_sns_topic" "this" {
  count = var.create_sns_topic ? 1 : 0

  name                        = var.name
  name_prefix                 = var.name_prefix
  display_name                = var.display_name
  policy                      = var.policy
  delivery_policy             = var.delivery_policy
  kms_master_key_id           = var.kms_master_key_id
  fifo_topic                  = var.fifo_topic
  content_based_deduplication = var.content_based_deduplication

  tags = var.tags
}
