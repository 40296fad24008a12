variable "name" {
  type = string
}

resource "aws_kms_key" "this" {
  description         = "key ${var.name}"
  enable_key_rotation = true
}

output "arn" {
  value = aws_kms_key.this.arn
}

output "name" {
  value = var.name
}
