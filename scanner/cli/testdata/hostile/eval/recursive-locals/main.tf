locals {
  a = "${local.b}-x"
  b = "${local.a}-y"
}

resource "aws_s3_bucket" "b" {
  bucket = local.a
}
