variable "ingress" {
  default = [
    { port = 22, cidrs = ["10.0.0.0/8"] },
    { port = 443, cidrs = ["0.0.0.0/0", "::/0"] },
  ]
}

variable "unknown_list" {
  type = list(string)
}

resource "aws_security_group" "web" {
  name = "web"

  dynamic "ingress" {
    for_each = var.ingress
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      cidr_blocks = rule.value.cidrs
      description = "rule ${rule.key}"
    }
  }

  dynamic "egress" {
    for_each = var.unknown_list
    content {
      cidr_blocks = [egress.value]
    }
  }
}

resource "aws_wafv2_web_acl" "acl" {
  name = "acl"

  dynamic "rule" {
    for_each = { block = 1, count = 2 }
    content {
      name     = rule.key
      priority = rule.value

      dynamic "statement" {
        for_each = [for cc in ["US", "CA"] : { country = cc }]
        content {
          geo_match_statement {
            country_codes = [statement.value.country]
          }
        }
      }
    }
  }
}
