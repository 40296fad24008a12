# Scan the infrastructure code in a sibling directory with the scanner's
# rules while Terraform plans. path.root scans this configuration itself.
data "soc2_scan" "infra" {
  path               = "${path.root}/../infrastructure"
  severity_threshold = "high"
}

# A failed assertion is a warning in the plan; use a precondition on
# `passed` instead to stop the plan.
check "soc2_scan" {
  assert {
    condition     = data.soc2_scan.infra.passed
    error_message = "SOC 2 scan: ${data.soc2_scan.infra.failed_count} failing findings: ${join(", ", [for f in data.soc2_scan.infra.findings : "${f.rule_id} on ${f.resource} (${f.file}:${f.line})" if f.status == "fail" && !f.suppressed])}"
  }
}

resource "soc2_control_owner" "security" {
  name  = "Dana Security"
  email = "dana@example.com"
}

# The control the scan evidences: its scanner rule is one of those the scan
# runs, and its criterion's counts are in data.soc2_scan.infra.criteria.
resource "soc2_control" "encryption_at_rest" {
  control_id    = "CRY-01"
  title         = "Databases encrypt data at rest"
  description   = "Every RDS instance encrypts its storage; the soc2_scan check in the plan reports any that does not."
  criteria      = ["CC6.1"]
  owner_id      = soc2_control_owner.security.id
  scanner_rules = ["aws-rds-storage-encrypted"]

  # The findings of its rules give automated_status and failing_resources.
  scan_findings = data.soc2_scan.infra.findings
}

# The same gate for one control, naming what fails.
check "encryption_at_rest" {
  assert {
    condition     = soc2_control.encryption_at_rest.automated_status != "failing"
    error_message = "CRY-01 fails on ${join(", ", soc2_control.encryption_at_rest.failing_resources)}"
  }
}

output "cc6_1_scan_results" {
  value = data.soc2_scan.infra.criteria["CC6.1"]
}
