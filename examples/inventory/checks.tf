locals {
  controls = [
    soc2_control.sso_mfa,
    soc2_control.joiners_leavers,
    soc2_control.access_review,
    soc2_control.least_privilege,
    soc2_control.encryption_at_rest,
    soc2_control.encryption_in_transit,
    soc2_control.key_management,
    soc2_control.network_boundary,
    soc2_control.endpoint_protection,
    soc2_control.physical_security,
    soc2_control.logging_monitoring,
    soc2_control.vulnerability_management,
    soc2_control.incident_response,
    soc2_control.change_management,
    soc2_control.vendor_management,
    soc2_control.backups,
    soc2_control.high_availability,
    soc2_control.recovery_testing,
    soc2_control.security_policies,
    soc2_control.security_training,
    soc2_control.risk_assessment,
  ]

  evidence_requirements = [
    soc2_evidence_requirement.idp_mfa_settings,
    soc2_evidence_requirement.joiner_leaver_tickets,
    soc2_evidence_requirement.access_review_signoff,
    soc2_evidence_requirement.service_account_review,
    soc2_evidence_requirement.iam_scan,
    soc2_evidence_requirement.encryption_scan,
    soc2_evidence_requirement.tls_configuration,
    soc2_evidence_requirement.kms_rotation_report,
    soc2_evidence_requirement.firewall_rule_review,
    soc2_evidence_requirement.mdm_compliance,
    soc2_evidence_requirement.alert_triage,
    soc2_evidence_requirement.vulnerability_report,
    soc2_evidence_requirement.penetration_test,
    soc2_evidence_requirement.incident_records,
    soc2_evidence_requirement.tabletop_exercise,
    soc2_evidence_requirement.pull_requests,
    soc2_evidence_requirement.branch_protection,
    soc2_evidence_requirement.vendor_reviews,
    soc2_evidence_requirement.backup_jobs,
    soc2_evidence_requirement.multi_az_configuration,
    soc2_evidence_requirement.restore_test,
    soc2_evidence_requirement.dr_exercise,
    soc2_evidence_requirement.policy_approval,
    soc2_evidence_requirement.training_records,
    soc2_evidence_requirement.risk_register,
  ]

  overdue_evidence = [
    for e in local.evidence_requirements : "${e.id} (due ${e.next_due})" if e.overdue
  ]

  controls_with_evidence = toset([for e in local.evidence_requirements : e.control_id])
  controls_without_evidence = [
    for c in local.controls : c.control_id
    if c.status != "not-applicable" && !contains(local.controls_with_evidence, c.id)
  ]
}

# A failed check block is reported on every plan and apply (and in HCP
# Terraform's health assessments) without blocking the run. To block applies
# while evidence is overdue instead, move the condition into a
# `lifecycle { postcondition { ... } }` of a resource.
check "evidence_is_current" {
  assert {
    condition     = length(local.overdue_evidence) == 0
    error_message = "Overdue SOC 2 evidence: ${join(", ", local.overdue_evidence)}. Collect it and update last_collected."
  }
}

check "every_control_has_evidence" {
  assert {
    condition     = length(local.controls_without_evidence) == 0
    error_message = "Controls without an evidence requirement: ${join(", ", local.controls_without_evidence)}."
  }
}
