variable "retention" {
  default = 35
}

locals {
  tier = "prod"
}

resource "aws_db_instance" "db" {
  deletion_protection = true
}

resource "aws_s3_bucket" "nowhere" {
  bucket = "x"
}
