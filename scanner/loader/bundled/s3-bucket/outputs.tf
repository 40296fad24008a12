# The module's outputs, so that what the caller reads of the module
# (module.bucket.s3_bucket_id) refers to the bucket of this model.
output "s3_bucket_id" {
  value = try(aws_s3_bucket.this[0].id, "")
}

output "s3_bucket_arn" {
  value = try(aws_s3_bucket.this[0].arn, "")
}

output "s3_bucket_bucket_domain_name" {
  value = try(aws_s3_bucket.this[0].bucket_domain_name, "")
}

output "s3_bucket_bucket_regional_domain_name" {
  value = try(aws_s3_bucket.this[0].bucket_regional_domain_name, "")
}

output "s3_bucket_bucket_namespace" {
  value = try(aws_s3_bucket.this[0].bucket_namespace, null)
}

output "s3_bucket_hosted_zone_id" {
  value = try(aws_s3_bucket.this[0].hosted_zone_id, "")
}

output "s3_bucket_lifecycle_configuration_rules" {
  value = var.lifecycle_rule
}

output "s3_bucket_policy" {
  value = try(aws_s3_bucket_policy.this[0].policy, "")
}

output "s3_bucket_region" {
  value = try(aws_s3_bucket.this[0].bucket_region, "")
}

output "s3_bucket_website_endpoint" {
  value = try(aws_s3_bucket.this[0].website_endpoint, "")
}

output "s3_bucket_website_domain" {
  value = try(aws_s3_bucket.this[0].website_domain, "")
}

output "s3_directory_bucket_name" {
  value = null
}

output "s3_directory_bucket_arn" {
  value = null
}

output "aws_s3_bucket_versioning_status" {
  value = try(aws_s3_bucket_versioning.this[0].versioning_configuration[0].status, null)
}

output "s3_bucket_tags" {
  value = try(aws_s3_bucket.this[0].tags, {})
}
