resource "aws_s3_bucket" "b" {
  bucket = data.aws_s3_bucket.nope.id
}
