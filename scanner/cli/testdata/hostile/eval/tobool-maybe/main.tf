resource "aws_s3_bucket" "b" {
  bucket = "logs"
  force_destroy = tobool("maybe")
}
