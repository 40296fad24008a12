locals {
  encryption_rules = ["aws-rds-storage-encrypted"]
}

# The ledger CI appends to on every merge:
#   terraform-provider-soc2 scan --evidence-dir evidence/ infra/
# The rules come from a local rather than from the control, so that the
# ledger is read during plan instead of after the control is applied.
data "soc2_evidence_ledger" "encryption" {
  dir   = "${path.root}/../evidence"
  rules = local.encryption_rules
}

resource "soc2_control_owner" "security" {
  name  = "Dana Security"
  email = "dana@example.com"
}

resource "soc2_control" "encryption_at_rest" {
  control_id    = "CRY-01"
  title         = "Databases encrypt data at rest"
  description   = "Every RDS instance encrypts its storage; CI scans every merge and records the result in the evidence ledger."
  criteria      = ["CC6.1"]
  owner_id      = soc2_control_owner.security.id
  scanner_rules = local.encryption_rules
}

# Collected on the last day CI recorded every rule of the control passing:
# without a passing scan for a month, the requirement turns overdue.
resource "soc2_evidence_requirement" "encryption_scan" {
  control_id     = soc2_control.encryption_at_rest.id
  name           = "Encryption scan in CI"
  frequency      = "monthly"
  source         = "vulnerability_scanner"
  collection     = "automated"
  last_collected = data.soc2_evidence_ledger.encryption.last_passing
}

# A changed, removed or inserted record is a warning; make it fail the plan.
check "evidence_ledger" {
  assert {
    condition     = data.soc2_evidence_ledger.encryption.chain_valid
    error_message = "Evidence ledger chain is broken: ${join("; ", data.soc2_evidence_ledger.encryption.problems)}"
  }
}
