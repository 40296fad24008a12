# The module's outputs, so that what the caller reads of the module
# (module.kms.key_arn) refers to the key of this model. Outputs of what
# the model leaves out (external keys, aliases, grants) are unknown here:
# they read the key's ARN, known only after apply, as a stand-in with no
# value.

output "key_arn" {
  value = try(aws_kms_key.this[0].arn, null)
}

output "key_id" {
  value = try(aws_kms_key.this[0].key_id, null)
}

output "key_region" {
  value = try(aws_kms_key.this[0].region, null)
}

output "key_policy" {
  value = try(aws_kms_key.this[0].policy, null)
}

output "external_key_expiration_model" {
  value = try(aws_kms_key.this[0].arn, null)
}

output "external_key_state" {
  value = try(aws_kms_key.this[0].arn, null)
}

output "external_key_usage" {
  value = try(aws_kms_key.this[0].arn, null)
}

output "aliases" {
  value = try(aws_kms_key.this[0].arn, null)
}

output "grants" {
  value = try(aws_kms_key.this[0].arn, null)
}
