# The module's 3.x–4.x outputs (3.0.0 dropped their this_ prefix; 3.3.0
# added the name, id and owner), so that what the caller reads of the
# module (module.topic.sns_topic_arn, in a notification or an alarm)
# refers to the topic of this model.

output "sns_topic_arn" {
  value = try(aws_sns_topic.this[0].arn, "")
}

output "sns_topic_id" {
  value = try(aws_sns_topic.this[0].id, "")
}

output "sns_topic_name" {
  value = try(aws_sns_topic.this[0].name, "")
}

output "sns_topic_owner" {
  value = try(aws_sns_topic.this[0].owner, "")
}
