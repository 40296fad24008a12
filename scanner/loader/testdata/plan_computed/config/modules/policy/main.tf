variable "max_age" {
  type    = number
  default = null
}

variable "volume_key_arn" {
  type    = string
  default = null
}

resource "aws_iam_account_password_policy" "p" {
  minimum_password_length   = 14
  max_password_age          = var.max_age
  password_reuse_prevention = null
}

module "volume" {
  source  = "./volume"
  key_arn = var.volume_key_arn
}
