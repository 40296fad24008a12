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

variable "rotation" {
  type     = bool
  default  = true
  nullable = false
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
  # nullable = false: a null input means the default
  depends_on = [aws_kms_key.this]
}

output "rotation" {
  value = var.rotation
}
