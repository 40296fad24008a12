# A compact model of terraform-aws-modules/sqs/aws 4.x, written for the
# scanner (not the module's own code): the queue and its dead-letter queue
# with the arguments the SQS rules judge (the KMS key, SQS-managed
# encryption, tags). The module turns SQS-managed encryption off (null)
# when a KMS key is given, and the dead-letter queue takes the queue's key
# and encryption setting unless the call gives its own. The queue
# policies the module generates from policy statements are left out (see
# unmodelled in bundled.go), and so are the redrive and redrive-allow
# policies: no rule judges them.

locals {
  name     = try(trimsuffix(var.name, ".fifo"), "")
  dlq_base = try(coalesce(try(trimsuffix(var.dlq_name, ".fifo"), ""), "${local.name}-dlq"), "")
  dlq_name = var.fifo_queue && !var.use_name_prefix ? "${local.dlq_base}.fifo" : local.dlq_base

  dlq_kms_master_key_id       = try(coalesce(var.dlq_kms_master_key_id, var.kms_master_key_id), null)
  dlq_sqs_managed_sse_enabled = coalesce(var.dlq_sqs_managed_sse_enabled, var.sqs_managed_sse_enabled)
}

resource "aws_sqs_queue" "this" {
  count = var.create ? 1 : 0

  name                              = var.use_name_prefix ? null : (var.fifo_queue ? "${local.name}.fifo" : local.name)
  name_prefix                       = var.use_name_prefix ? "${local.name}-" : null
  fifo_queue                        = var.fifo_queue
  kms_master_key_id                 = var.kms_master_key_id
  kms_data_key_reuse_period_seconds = var.kms_data_key_reuse_period_seconds
  sqs_managed_sse_enabled           = var.kms_master_key_id != null ? null : var.sqs_managed_sse_enabled

  tags = var.tags
}

resource "aws_sqs_queue" "dlq" {
  count = var.create && var.create_dlq ? 1 : 0

  name                              = var.use_name_prefix ? null : local.dlq_name
  name_prefix                       = var.use_name_prefix ? "${local.dlq_name}-" : null
  fifo_queue                        = var.fifo_queue
  kms_master_key_id                 = local.dlq_kms_master_key_id
  kms_data_key_reuse_period_seconds = try(coalesce(var.dlq_kms_data_key_reuse_period_seconds, var.kms_data_key_reuse_period_seconds), null)
  sqs_managed_sse_enabled           = local.dlq_kms_master_key_id != null ? null : local.dlq_sqs_managed_sse_enabled

  tags = merge(var.tags, var.dlq_tags)
}
