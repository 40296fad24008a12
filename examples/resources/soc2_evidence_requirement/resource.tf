resource "soc2_evidence_requirement" "access_review" {
  control_id     = soc2_control.access_review.id
  name           = "Access review sign-off"
  description    = "User lists per system with each reviewer's decisions and the tickets that removed access."
  frequency      = "quarterly"
  source         = "identity_provider"
  collection     = "manual"
  format         = "Spreadsheet with reviewer sign-off"
  location       = "https://drive.example.com/compliance/access-reviews"
  owner_id       = soc2_control_owner.security.id
  last_collected = "2026-10-06"
}

# Fail a check (a warning on every plan) while the evidence is overdue.
check "access_review_is_current" {
  assert {
    condition     = !soc2_evidence_requirement.access_review.overdue
    error_message = "The access review was due on ${soc2_evidence_requirement.access_review.next_due}."
  }
}
