resource "aws_db_instance" "scratch" {
  storage_encrypted = true
}
