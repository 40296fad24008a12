data "soc2_criteria" "security" {
  category = "security"
}

data "soc2_criteria" "availability" {
  category = "availability"
}

locals {
  in_scope_criteria = concat(data.soc2_criteria.security.ids, data.soc2_criteria.availability.ids)

  # A not-applicable control still accounts for its criteria: the auditor
  # reads its justification (for example a carve-out to the cloud provider).
  covered_criteria = toset(flatten([for c in local.controls : c.criteria]))
}

output "controls_by_criterion" {
  description = "Control IDs addressing each in-scope criterion, the auditor's cross-reference."
  value = {
    for id in local.in_scope_criteria : id => sort([
      for c in local.controls : c.control_id if contains(c.criteria, id)
    ])
    if contains(local.covered_criteria, id)
  }
}

output "criteria_without_controls" {
  description = "In-scope criteria no control addresses yet: the gaps to close before the audit."
  value       = [for id in local.in_scope_criteria : id if !contains(local.covered_criteria, id)]
}

output "controls_by_category" {
  description = "Number of controls per Trust Services Category, by the category of each of their criteria."
  value = {
    for category in distinct(flatten([for c in local.controls : [for id in c.criteria : provider::soc2::criterion_category(id)]])) :
    category => length([for c in local.controls : c if contains(c.categories, category)])
  }
}

output "overdue_evidence" {
  description = "Evidence requirements past their due date."
  value       = local.overdue_evidence
}

output "evidence_calendar" {
  description = "Next due date of every periodic evidence requirement, soonest first."
  value = [
    for e in sort([for e in local.evidence_requirements : "${e.next_due} ${e.id}" if e.next_due != null]) : e
  ]
}
