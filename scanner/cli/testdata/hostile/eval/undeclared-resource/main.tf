resource "aws_s3_bucket" "b" {
  bucket = aws_s3_bucket.nope.id
}
