variable "encrypted" {
  type    = bool
  default = false
}

resource "aws_db_instance" "this" {
  storage_encrypted       = var.encrypted
  backup_retention_period = 14
}
