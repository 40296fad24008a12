rules {
  disabled = ["aws-rds-storage-encryption"]
}
