rules {
  enabled  = ["aws-rds-storage-encrypted", "aws-rds-backup-retention"]
  disabled = ["aws-rds-backup-retention"]
}
