# Scanned whatever the other file holds: the database is not encrypted.
resource "aws_db_instance" "ok" {
  storage_encrypted = false
}
