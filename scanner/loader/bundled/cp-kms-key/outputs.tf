# The module's outputs, so that what the caller reads of the module
# (module.kms_key.key_arn) refers to the key of this model. The alias is
# not modelled: its outputs read the key's ARN, known only after apply, as
# a stand-in with no value.

output "key_arn" {
  value = try(aws_kms_key.default[0].arn, "")
}

output "key_id" {
  value = try(aws_kms_key.default[0].key_id, "")
}

output "alias_arn" {
  value = try(aws_kms_key.default[0].arn, "")
}

output "alias_name" {
  value = try(aws_kms_key.default[0].arn, "")
}
