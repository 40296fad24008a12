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
