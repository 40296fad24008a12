variable "encrypted" {
  type = bool
}

resource "aws_db_instance" "main" {
  storage_encrypted = var.encrypted
}
