# Meets the default backup retention (7 days) but not the configuration's
# 30, and fails deletion protection, which the configuration disables.
resource "aws_db_instance" "main" {
  engine                  = "postgres"
  storage_encrypted       = true
  backup_retention_period = 14
  deletion_protection     = false
}
