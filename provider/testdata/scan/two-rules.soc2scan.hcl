# Used through the config argument: two rules with pinned severities, so
# that the threshold tests do not change when rules are added.
rules {
  enabled = ["aws-rds-storage-encrypted", "aws-rds-multi-az"]
}

rule "aws-rds-storage-encrypted" {
  severity = "high"
}

rule "aws-rds-multi-az" {
  severity = "low"
}
