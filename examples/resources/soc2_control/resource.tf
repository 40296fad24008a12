resource "soc2_control" "encryption_at_rest" {
  control_id      = "CRY-01"
  title           = "Encryption at rest"
  description     = "Databases, volumes, object storage and backups holding customer data are encrypted with KMS keys."
  criteria        = ["CC6.1"]
  owner_id        = soc2_control_owner.platform.id
  backup_owner_id = soc2_control_owner.security.id
  status          = "implemented"
  control_type    = "preventive"
  automation      = "automated"
  frequency       = "continuous"

  # Scanner rules that give automated configuration evidence for the control.
  scanner_rules = ["aws-ebs-volume-encrypted"]

  tags = {
    domain = "cryptography"
  }
}

# A control that does not apply must say why.
resource "soc2_control" "physical_security" {
  control_id    = "PHY-01"
  title         = "Physical security of facilities"
  description   = "Physical access to the facilities that host production systems is restricted."
  criteria      = ["CC6.4", "CC6.5"]
  owner_id      = soc2_control_owner.security.id
  status        = "not-applicable"
  justification = "No data centres of our own; production runs on AWS, whose physical controls are covered by its SOC 2 report."
}

# Judge a control by a scan made while Terraform plans. include_passed lists
# the passing results too: a cited rule counts as passing only by them.
data "soc2_scan" "infra" {
  path           = "${path.root}/../infrastructure"
  include_passed = true
}

resource "soc2_control" "database_exposure" {
  control_id    = "NET-03"
  title         = "Databases are not public"
  description   = "No database instance accepts connections from the internet."
  criteria      = ["CC6.6"]
  owner_id      = soc2_control_owner.security.id
  status        = "implemented"
  scanner_rules = ["aws-rds-instance-not-publicly-accessible"]

  # automated_status becomes "passing", "failing", "unknown" or
  # "not-evaluated", and the plan warns the owner when it is failing.
  scan_findings = data.soc2_scan.infra.findings
}

# The gate: a failed assertion is a warning in the plan (a precondition on
# another resource would stop it instead).
check "database_exposure" {
  assert {
    condition     = soc2_control.database_exposure.automated_status != "failing"
    error_message = "NET-03 fails on ${join(", ", soc2_control.database_exposure.failing_resources)}"
  }
}
