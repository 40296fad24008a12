variable "encrypted" {
  type    = bool
  default = false
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  storage_encrypted = var.encrypted
}
