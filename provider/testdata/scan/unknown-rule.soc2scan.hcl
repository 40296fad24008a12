rules {
  enabled = ["aws-rds-storage-encryption"]
}
