variable "key_arn" {
  type = string
}

resource "aws_ebs_volume" "v" {
  availability_zone = "us-east-1a"
  size              = 8
  kms_key_id        = var.key_arn
}
