# A compact model of terraform-aws-modules/s3-bucket/aws//modules/object
# 5.x, written for the scanner (not the module's own code): the one object,
# with the arguments the S3 object rule judges (its server-side encryption
# and KMS key) and those that place it (bucket, key, region). The module
# passes each input to the argument of the same name. Its content, cache
# and object lock settings reach no rule and are left out, and so is the
# provider override that override_default_tags adds: it drops the
# provider's default tags, which no rule reads of an object.

resource "aws_s3_object" "this" {
  count = var.create ? 1 : 0

  region = var.region

  bucket = var.bucket
  key    = var.key
  acl    = var.acl

  server_side_encryption = var.server_side_encryption
  kms_key_id             = var.kms_key_id
  bucket_key_enabled     = var.bucket_key_enabled

  tags = var.tags
}
