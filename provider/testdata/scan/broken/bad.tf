resource "aws_db_instance" "oops" {
  storage_encrypted = = true
}
