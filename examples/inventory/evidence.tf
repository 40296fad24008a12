# The evidence each control needs for the Type II report. Update
# last_collected every time evidence is collected: next_due and overdue are
# computed from it on every plan, and an overdue requirement is a warning
# naming the requirement and its owner (see checks.tf to act on it).
#
# `continuous` evidence is produced by a system all the time and
# `per-event` evidence is one record per change, joiner or incident; neither
# has a due date.

# IAM-01 Single sign-on with MFA
resource "soc2_evidence_requirement" "idp_mfa_settings" {
  control_id  = soc2_control.sso_mfa.id
  name        = "IdP MFA enforcement settings"
  description = "Export of the identity provider's sign-on policies showing WebAuthn MFA required for every application."
  frequency   = "continuous"
  source      = "identity_provider"
  collection  = "automated"
  format      = "JSON configuration export"
}

# IAM-02 Joiners, movers and leavers
resource "soc2_evidence_requirement" "joiner_leaver_tickets" {
  control_id  = soc2_control.joiners_leavers.id
  name        = "Onboarding and offboarding tickets"
  description = "Population of HR tickets for hires and terminations with the access granted or revoked and its timestamps, for sampling."
  frequency   = "per-event"
  source      = "hr_system_records"
  collection  = "manual"
  format      = "Ticket export (CSV)"
  owner_id    = soc2_control_owner.it.id
}

# IAM-03 Quarterly user access review
resource "soc2_evidence_requirement" "access_review_signoff" {
  control_id     = soc2_control.access_review.id
  name           = "Access review sign-off"
  description    = "User lists per system with each reviewer's decisions, sign-off date and the tickets that removed access."
  frequency      = "quarterly"
  source         = "identity_provider"
  collection     = "manual"
  format         = "Spreadsheet with reviewer sign-off"
  location       = "https://drive.acme.example/compliance/soc2/access-reviews"
  owner_id       = soc2_control_owner.security.id
  last_collected = "2026-10-06"
}

resource "soc2_evidence_requirement" "service_account_review" {
  control_id     = soc2_control.access_review.id
  name           = "Service account review"
  description    = "List of service accounts and API keys with their owners and last use, and the removals that followed."
  frequency      = "annual"
  source         = "service_account_management"
  collection     = "manual"
  format         = "Spreadsheet"
  owner_id       = soc2_control_owner.platform.id
  last_collected = "2026-02-10"
}

# IAM-04 Least-privilege IAM roles
resource "soc2_evidence_requirement" "iam_scan" {
  control_id  = soc2_control.least_privilege.id
  name        = "IAM configuration scan results"
  description = "soc2 scanner results for the IAM rules on every merged pull request."
  frequency   = "continuous"
  source      = "cloud_provider_console"
  collection  = "automated"
  format      = "SARIF"
}

# CRY-01 Encryption at rest
resource "soc2_evidence_requirement" "encryption_scan" {
  control_id  = soc2_control.encryption_at_rest.id
  name        = "Encryption configuration scan results"
  description = "soc2 scanner results for the encryption-at-rest rules, and AWS Config conformance for encrypted volumes and databases."
  frequency   = "continuous"
  source      = "cloud_provider_console"
  collection  = "automated"
  format      = "SARIF"
}

# CRY-02 Encryption in transit
resource "soc2_evidence_requirement" "tls_configuration" {
  control_id  = soc2_control.encryption_in_transit.id
  name        = "TLS configuration of public endpoints"
  description = "Load balancer listener and TLS policy configuration for every public endpoint."
  frequency   = "continuous"
  source      = "cloud_provider_console"
  collection  = "automated"
  format      = "JSON configuration export"
}

# CRY-03 Key management and rotation
resource "soc2_evidence_requirement" "kms_rotation_report" {
  control_id     = soc2_control.key_management.id
  name           = "KMS key rotation report"
  description    = "List of customer-managed KMS keys with rotation status and last rotation date."
  frequency      = "annual"
  source         = "cloud_provider_console"
  collection     = "automated"
  format         = "CSV export"
  last_collected = "2026-03-02"
}

# NET-01 Network boundary protection
resource "soc2_evidence_requirement" "firewall_rule_review" {
  control_id     = soc2_control.network_boundary.id
  name           = "Security group and WAF rule review"
  description    = "Review of internet-facing security group and WAF rules with the approver's sign-off."
  frequency      = "semiannual"
  source         = "cloud_provider_console"
  collection     = "manual"
  format         = "Review ticket"
  last_collected = "2026-07-14"
}

# END-01 Endpoint protection
resource "soc2_evidence_requirement" "mdm_compliance" {
  control_id     = soc2_control.endpoint_protection.id
  name           = "MDM compliance report"
  description    = "Fleet report of disk encryption, OS patch level and EDR status for every company laptop."
  frequency      = "monthly"
  source         = "endpoint_management"
  collection     = "automated"
  format         = "PDF report"
  last_collected = "2026-11-02"
}

# OPS-01 Centralised logging and alerting
resource "soc2_evidence_requirement" "alert_triage" {
  control_id  = soc2_control.logging_monitoring.id
  name        = "Alert triage records"
  description = "Security alerts with the triage decision and, where raised, the incident ticket."
  frequency   = "continuous"
  source      = "siem_log_management"
  collection  = "automated"
  format      = "SIEM case export"
}

# OPS-02 Vulnerability and configuration management
resource "soc2_evidence_requirement" "vulnerability_report" {
  control_id     = soc2_control.vulnerability_management.id
  name           = "Vulnerability scan and remediation report"
  description    = "Open findings by severity with age against the remediation SLA, and the tickets that closed them."
  frequency      = "monthly"
  source         = "vulnerability_scanner"
  collection     = "automated"
  format         = "PDF report"
  last_collected = "2026-11-05"
}

resource "soc2_evidence_requirement" "penetration_test" {
  control_id     = soc2_control.vulnerability_management.id
  name           = "Penetration test report"
  description    = "Report of the yearly external penetration test and the remediation of its findings."
  frequency      = "annual"
  source         = "penetration_test_report"
  collection     = "manual"
  format         = "PDF report"
  retention_days = 730
  last_collected = "2026-05-20"
}

# OPS-03 Incident response
resource "soc2_evidence_requirement" "incident_records" {
  control_id  = soc2_control.incident_response.id
  name        = "Incident tickets and post-mortems"
  description = "Every security incident with its timeline, post-mortem and corrective actions. A period without incidents is evidenced by the saved zero-result query."
  frequency   = "per-event"
  source      = "incident_records"
  collection  = "manual"
  format      = "Ticket export"
}

resource "soc2_evidence_requirement" "tabletop_exercise" {
  control_id     = soc2_control.incident_response.id
  name           = "Incident response tabletop exercise"
  description    = "Scenario, attendees, findings and follow-up actions of the yearly tabletop exercise."
  frequency      = "annual"
  source         = "incident_records"
  collection     = "manual"
  format         = "Meeting notes"
  last_collected = "2026-04-22"
}

# CHG-01 Peer-reviewed, tested changes
resource "soc2_evidence_requirement" "pull_requests" {
  control_id  = soc2_control.change_management.id
  name        = "Pull request approvals and CI results"
  description = "Population of merged pull requests with approver, CI status and deployment, for sampling."
  frequency   = "per-event"
  source      = "version_control_git"
  collection  = "automated"
  format      = "API export (JSON)"
}

resource "soc2_evidence_requirement" "branch_protection" {
  control_id     = soc2_control.change_management.id
  name           = "Branch protection settings"
  description    = "Screenshot or API export of the protection rules of every production repository's main branch."
  frequency      = "quarterly"
  source         = "version_control_git"
  collection     = "automated"
  format         = "API export (JSON)"
  last_collected = "2026-10-01"
}

# VND-01 Vendor risk management
resource "soc2_evidence_requirement" "vendor_reviews" {
  control_id     = soc2_control.vendor_management.id
  name           = "Vendor SOC 2 report reviews"
  description    = "For each critical vendor, its current SOC 2 report, the review of its exceptions and complementary user entity controls."
  frequency      = "annual"
  source         = "vendor_documentation"
  collection     = "manual"
  format         = "Review checklist per vendor"
  last_collected = "2026-06-30"
}

# BCK-01 Backups with cross-region copies
resource "soc2_evidence_requirement" "backup_jobs" {
  control_id  = soc2_control.backups.id
  name        = "Backup job and cross-region copy report"
  description = "AWS Backup job history showing daily backups and their copies in the recovery region."
  frequency   = "continuous"
  source      = "cloud_provider_console"
  collection  = "automated"
  format      = "CSV export"
}

# BCK-02 Multi-AZ production
resource "soc2_evidence_requirement" "multi_az_configuration" {
  control_id  = soc2_control.high_availability.id
  name        = "Multi-AZ configuration"
  description = "Database and auto scaling group configuration showing two or more availability zones."
  frequency   = "continuous"
  source      = "cloud_provider_console"
  collection  = "automated"
  format      = "JSON configuration export"
}

# BCK-03 Restore and disaster recovery testing
resource "soc2_evidence_requirement" "restore_test" {
  control_id     = soc2_control.recovery_testing.id
  name           = "Restore test results"
  description    = "Restore of a production backup into an isolated account, with the integrity checks run and the time it took."
  frequency      = "annual"
  source         = "bcp_drp_backup_tests"
  collection     = "manual"
  format         = "Test report"
  last_collected = "2026-03-18"
}

resource "soc2_evidence_requirement" "dr_exercise" {
  control_id     = soc2_control.recovery_testing.id
  name           = "Disaster recovery exercise"
  description    = "Failover of the service to the recovery region, measured against the RTO and RPO, with corrective actions."
  frequency      = "annual"
  source         = "bcp_drp_backup_tests"
  collection     = "manual"
  format         = "Test report"
  last_collected = "2026-09-09"
}

# GOV-01 Information security policies
resource "soc2_evidence_requirement" "policy_approval" {
  control_id     = soc2_control.security_policies.id
  name           = "Policy approval record"
  description    = "Current policy versions with leadership approval dates and the announcement to staff."
  frequency      = "annual"
  source         = "security_policy_library"
  collection     = "manual"
  format         = "Signed PDF"
  last_collected = "2026-01-20"
}

# HR-01 Background checks and security awareness training
resource "soc2_evidence_requirement" "training_records" {
  control_id  = soc2_control.security_training.id
  name        = "Training completion and background check records"
  description = "Per employee: background check date, training completion dates and code of conduct acknowledgment, for sampling against the hire list."
  frequency   = "per-event"
  source      = "hr_system_records"
  collection  = "automated"
  format      = "HR system export (CSV)"
}

# RSK-01 Annual risk assessment
resource "soc2_evidence_requirement" "risk_register" {
  control_id     = soc2_control.risk_assessment.id
  name           = "Risk assessment and register"
  description    = "The year's risk assessment with likelihood, impact and treatment of each risk, and leadership's sign-off."
  frequency      = "annual"
  source         = "risk_assessment_document"
  collection     = "manual"
  format         = "Spreadsheet with sign-off"
  last_collected = "2026-02-26"
}
