# The module's outputs, so that what the caller reads of the module
# (module.queue.queue_arn, in a policy or an event source) refers to the
# queues of this model.

output "queue_id" {
  value = try(aws_sqs_queue.this[0].id, null)
}

output "queue_arn" {
  value = try(aws_sqs_queue.this[0].arn, null)
}

output "queue_arn_static" {
  value = try(aws_sqs_queue.this[0].arn, null)
}

output "queue_url" {
  value = try(aws_sqs_queue.this[0].url, null)
}

output "queue_name" {
  value = try(aws_sqs_queue.this[0].name, null)
}

output "dead_letter_queue_id" {
  value = try(aws_sqs_queue.dlq[0].id, null)
}

output "dead_letter_queue_arn" {
  value = try(aws_sqs_queue.dlq[0].arn, null)
}

output "dead_letter_queue_arn_static" {
  value = try(aws_sqs_queue.dlq[0].arn, null)
}

output "dead_letter_queue_url" {
  value = try(aws_sqs_queue.dlq[0].url, null)
}

output "dead_letter_queue_name" {
  value = try(aws_sqs_queue.dlq[0].name, null)
}
