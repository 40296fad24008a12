locals {
  c = "${local.b}-c"
  b = "${local.a}-b"
  a = upper(var.base)
  d = { for k, v in local.m : k => "${v}-${local.a}" }
  m = { x = "1", y = "2" }
  loop1 = local.loop2
  loop2 = local.loop1
}

variable "base" {
  default = "a"
}

resource "aws_sns_topic" "t" {
  name         = local.c
  display_name = local.d["y"]
  policy       = local.loop1
}
