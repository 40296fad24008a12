variable "name" {
  type    = string
  default = null
}

variable "flag" {
  type    = string
  default = "maybe" # a plan may well pass "true"
}

variable "extra" {
  type    = list(string)
  default = null
}

module "remote" {
  source = "terraform-aws-modules/s3-bucket/aws"
}

resource "aws_s3_bucket" "b" {
  bucket        = coalesce(var.name, module.remote.s3_bucket_id)
  force_destroy = tobool(var.flag)
  tags = {
    arn_service = provider::aws::arn_parse("arn:aws:s3:::logs").service
    yaml        = yamlencode({ a = 1 })
    upper       = core::upper("x")
    extra       = join(",", concat(var.extra, ["x"]))
    fallback    = try(no_such_function("x"), "fallback")
    ids         = length([for s in ["a", "b"] : s])
  }

  dynamic "grant" {
    for_each = ["a"]
    iterator = g
    content {
      id = g.value
    }
  }
}
