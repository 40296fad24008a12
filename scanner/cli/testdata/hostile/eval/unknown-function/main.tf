resource "aws_s3_bucket" "b" {
  bucket = no_such_function("logs")
}
