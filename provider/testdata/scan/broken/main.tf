resource "aws_db_instance" "ok" {
  storage_encrypted = true
}
