resource "aws_db_instance" "main" {
  storage_encrypted = false
}
