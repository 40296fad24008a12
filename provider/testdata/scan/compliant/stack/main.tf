resource "aws_db_instance" "main" {
  engine              = "postgres"
  storage_encrypted   = true
  deletion_protection = true
}
