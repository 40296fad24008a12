# Found upward from stack/ by both the CLI and the soc2_scan data source
# (TestAccScanDataSource_sameAsCLI): it raises a rule parameter above what
# the stack meets and disables a rule the stack fails. Only the three RDS
# rules it names run, so that the test does not change when rules are
# added.
rules {
  enabled  = ["aws-rds-backup-retention", "aws-rds-storage-encrypted", "aws-rds-deletion-protection"]
  disabled = ["aws-rds-deletion-protection"]
}

rule "aws-rds-backup-retention" {
  params = { min_days = 30 }
}
