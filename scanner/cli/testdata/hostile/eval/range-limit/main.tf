locals {
  ids = range(0, 5000)
}

resource "aws_s3_bucket" "b" {
  bucket = "logs-${length(local.ids)}"
}
