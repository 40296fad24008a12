# Only the two rules this stack is meant to satisfy run.
rules {
  enabled = ["aws-rds-storage-encrypted", "aws-rds-deletion-protection"]
}
