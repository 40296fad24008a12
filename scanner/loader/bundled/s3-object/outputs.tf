# The submodule's outputs, so that what the caller reads of the module
# (module.object.s3_object_id) refers to the object of this model.

output "s3_object_id" {
  value = try(aws_s3_object.this[0].id, "")
}

output "s3_object_etag" {
  value = try(aws_s3_object.this[0].etag, "")
}

output "s3_object_version_id" {
  value = try(aws_s3_object.this[0].version_id, "")
}
