# Found upward from stack/ by both the CLI and the soc2_scan data source
# (TestAccScanDataSource_sameAsCLI): it raises a rule parameter above what
# the stack meets and leaves out a rule the stack fails
# (aws-rds-deletion-protection). Only the two RDS rules it enables run, so
# that the test does not change when rules are added.
rules {
  enabled = ["aws-rds-backup-retention", "aws-rds-storage-encrypted"]
}

rule "aws-rds-backup-retention" {
  params = { min_days = 30 }
}
