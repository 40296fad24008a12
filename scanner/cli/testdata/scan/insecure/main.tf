resource "aws_db_instance" "main" {
  engine            = "postgres"
  storage_encrypted = false
}

resource "aws_s3_bucket" "logs" {
  bucket = "audit-trail"
}
