# The module's outputs, so that what the caller reads of it
# (module.key_pair.key_pair_name in a node group or an instance,
# module.key_pair.private_key_pem in a local file) refers to this model.

output "key_pair_id" {
  value = try(aws_key_pair.this[0].key_pair_id, "")
}

output "key_pair_arn" {
  value = try(aws_key_pair.this[0].arn, "")
}

output "key_pair_name" {
  value = try(aws_key_pair.this[0].key_name, "")
}

output "key_pair_fingerprint" {
  value = try(aws_key_pair.this[0].fingerprint, "")
}

output "private_key_id" {
  value = try(tls_private_key.this[0].id, "")
}

output "private_key_openssh" {
  value     = try(trimspace(tls_private_key.this[0].private_key_openssh), "")
  sensitive = true
}

output "private_key_pem" {
  value     = try(trimspace(tls_private_key.this[0].private_key_pem), "")
  sensitive = true
}

output "public_key_openssh" {
  value = try(trimspace(tls_private_key.this[0].public_key_openssh), "")
}

output "public_key_pem" {
  value = try(trimspace(tls_private_key.this[0].public_key_pem), "")
}

output "public_key_fingerprint_md5" {
  value = try(tls_private_key.this[0].public_key_fingerprint_md5, "")
}

output "public_key_fingerprint_sha256" {
  value = try(tls_private_key.this[0].public_key_fingerprint_sha256, "")
}
