variable "rules" {
  type = map(object({
    port = number
    cidr = optional(string, "10.0.0.0/8")
  }))
  default = {
    ssh   = { port = 22 }
    https = { port = 443, cidr = "0.0.0.0/0" }
  }
}

variable "unknown_count" {
  type = number
}

locals {
  zones = toset(["us-east-1a", "us-east-1b"])
  people = {
    "alice@example.com" = { admin = true }
  }
}

resource "aws_ebs_volume" "data" {
  count             = 3
  availability_zone = "us-east-1a"
  size              = 10 + count.index
  encrypted         = count.index != 1
}

resource "aws_vpc_security_group_ingress_rule" "app" {
  for_each          = var.rules
  security_group_id = "sg-123"
  from_port         = each.value.port
  cidr_ipv4         = each.value.cidr
  description       = "allow ${each.key}"
}

resource "aws_subnet" "zone" {
  for_each          = local.zones
  availability_zone = each.value
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, index(sort(tolist(local.zones)), each.key))
}

resource "aws_iam_user" "people" {
  for_each = local.people
  name     = each.key
}

resource "aws_instance" "none" {
  count = 0
  ami   = "ami-123"
}

resource "aws_instance" "maybe" {
  count = var.unknown_count
  ami   = "ami-${count.index}"
}

resource "aws_route_table_association" "zone" {
  for_each  = aws_subnet.zone
  subnet_id = each.value.id
}

resource "aws_ebs_snapshot" "first" {
  volume_id = aws_ebs_volume.data[0].id
}

resource "aws_ebs_snapshot" "all" {
  count     = length(aws_ebs_volume.data)
  volume_id = aws_ebs_volume.data[count.index].id
}

output "splat" {
  value = aws_ebs_volume.data[*].size
}

resource "aws_ebs_snapshot" "sizes" {
  volume_id   = "vol-1"
  description = join(",", aws_ebs_volume.data[*].size)
}

resource "aws_ebs_snapshot" "maybe" {
  volume_id = aws_instance.maybe[0].id
}
