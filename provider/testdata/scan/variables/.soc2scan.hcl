rules {
  enabled = ["aws-rds-storage-encrypted"]
}
