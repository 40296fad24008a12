# A billion buckets: the scan caps them at max_instances and says so.
resource "aws_s3_bucket" "many" {
  count  = 1000000000
  bucket = "logs-${count.index}"
}
