# The submodule's outputs, so that what the caller reads of the module
# (module.endpoints.security_group_id, module.endpoints.endpoints) refers
# to the resources of this model.

output "endpoints" {
  value = aws_vpc_endpoint.this
}

output "security_group_arn" {
  value = try(aws_security_group.this[0].arn, null)
}

output "security_group_id" {
  value = try(aws_security_group.this[0].id, null)
}
