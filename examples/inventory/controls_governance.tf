# Governance (CC1–CC5): policies, people and risk. These controls are
# processes rather than infrastructure, so their evidence is collected by hand.

resource "soc2_control" "security_policies" {
  control_id   = "GOV-01"
  title        = "Information security policies"
  description  = "The information security policy set (acceptable use, access, change, incident, vendor, backup) is approved by leadership every year and published to all staff."
  criteria     = ["CC5.3", "CC2.2", "CC1.1"]
  owner_id     = soc2_control_owner.security.id
  status       = "implemented"
  control_type = "preventive"
  automation   = "manual"
  frequency    = "annual"
  tags         = { domain = "governance" }
}

resource "soc2_control" "security_training" {
  control_id   = "HR-01"
  title        = "Background checks and security awareness training"
  description  = "New hires pass a background check before their start date, and every employee completes security awareness training within 30 days of hire and every year after, acknowledging the code of conduct."
  criteria     = ["CC1.4", "CC1.1"]
  owner_id     = soc2_control_owner.it.id
  status       = "implemented"
  control_type = "preventive"
  automation   = "semi-automated"
  frequency    = "annual"
  tags         = { domain = "people" }
}

resource "soc2_control" "risk_assessment" {
  control_id      = "RSK-01"
  title           = "Annual risk assessment"
  description     = "Leadership assesses security, fraud, vendor and change risks every year and on significant change, and records treatment decisions in the risk register."
  criteria        = ["CC3.1", "CC3.2", "CC3.3", "CC3.4"]
  owner_id        = soc2_control_owner.cto.id
  backup_owner_id = soc2_control_owner.security.id
  status          = "implemented"
  control_type    = "preventive"
  automation      = "manual"
  frequency       = "annual"
  tags            = { domain = "governance" }
}
