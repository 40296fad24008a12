resource "aws_s3_bucket" "b" {
  bucket = "logs-${local.nope}"
}
