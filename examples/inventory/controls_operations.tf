# System operations (CC7), change management (CC8.1), vendors (CC9.2) and
# availability (A1).

resource "soc2_control" "logging_monitoring" {
  control_id   = "OPS-01"
  title        = "Centralised logging and alerting"
  description  = "CloudTrail records every account and region, GuardDuty watches for threats, and alerts page the on-call engineer; logs are kept for at least 365 days."
  criteria     = ["CC7.2", "CC7.3"]
  owner_id     = soc2_control_owner.security.id
  status       = "implemented"
  control_type = "detective"
  automation   = "automated"
  frequency    = "continuous"
  scanner_rules = [
    "aws-cloudtrail-multi-region",
    "aws-guardduty-detector-enabled",
  ]
  tags = { domain = "operations" }
}

resource "soc2_control" "vulnerability_management" {
  control_id    = "OPS-02"
  title         = "Vulnerability and configuration management"
  description   = "Images and hosts are scanned continuously, AWS Config records configuration drift, and findings are fixed within SLA: critical in 30 days, high in 90."
  criteria      = ["CC7.1"]
  owner_id      = soc2_control_owner.platform.id
  status        = "implemented"
  control_type  = "detective"
  automation    = "semi-automated"
  frequency     = "monthly"
  scanner_rules = ["aws-config-recorder-enabled"]
  tags          = { domain = "operations" }
}

resource "soc2_control" "incident_response" {
  control_id      = "OPS-03"
  title           = "Incident response"
  description     = "Security events are triaged against a written incident response plan; incidents get a ticket, a post-mortem and tracked corrective actions. The plan is exercised in a yearly tabletop."
  criteria        = ["CC7.3", "CC7.4", "CC7.5"]
  owner_id        = soc2_control_owner.security.id
  backup_owner_id = soc2_control_owner.cto.id
  status          = "implemented"
  control_type    = "corrective"
  automation      = "manual"
  frequency       = "per-event"
  tags            = { domain = "operations" }
}

resource "soc2_control" "change_management" {
  control_id   = "CHG-01"
  title        = "Peer-reviewed, tested changes"
  description  = "Every change to application and infrastructure code is a pull request that needs an approving review from someone other than the author and passing CI before it can merge to the protected main branch; only CI deploys to production."
  criteria     = ["CC8.1"]
  owner_id     = soc2_control_owner.engineering.id
  status       = "implemented"
  control_type = "preventive"
  automation   = "automated"
  frequency    = "per-event"
  tags         = { domain = "change" }
}

resource "soc2_control" "vendor_management" {
  control_id   = "VND-01"
  title        = "Vendor risk management"
  description  = "Critical vendors and subprocessors are inventoried and tiered; their SOC 2 reports and security terms are reviewed every year."
  criteria     = ["CC9.2"]
  owner_id     = soc2_control_owner.security.id
  status       = "implemented"
  control_type = "detective"
  automation   = "manual"
  frequency    = "annual"
  tags         = { domain = "vendors" }
}

resource "soc2_control" "backups" {
  control_id   = "BCK-01"
  title        = "Backups with cross-region copies"
  description  = "Production databases are backed up daily by AWS Backup, retained for 35 days and copied to a second region; the backup vault is locked."
  criteria     = ["A1.2", "CC9.1"]
  owner_id     = soc2_control_owner.platform.id
  status       = "implemented"
  control_type = "corrective"
  automation   = "automated"
  frequency    = "daily"
  scanner_rules = [
    "aws-backup-copy-cross-region",
    "aws-backup-plan-has-cross-region-copy",
    "aws-backup-vault-lock",
  ]
  tags = { domain = "availability" }
}

resource "soc2_control" "high_availability" {
  control_id    = "BCK-02"
  title         = "Multi-AZ production"
  description   = "Databases and compute run across at least two availability zones, so the loss of one zone does not take the service down."
  criteria      = ["A1.2", "A1.1"]
  owner_id      = soc2_control_owner.platform.id
  status        = "implemented"
  control_type  = "preventive"
  automation    = "automated"
  frequency     = "continuous"
  scanner_rules = ["aws-autoscaling-group-multi-az"]
  tags          = { domain = "availability" }
}

resource "soc2_control" "recovery_testing" {
  control_id   = "BCK-03"
  title        = "Restore and disaster recovery testing"
  description  = "Once a year a production backup is restored into an isolated account and the service is brought up in the recovery region; results and corrective actions are recorded."
  criteria     = ["A1.3"]
  owner_id     = soc2_control_owner.platform.id
  status       = "implemented"
  control_type = "corrective"
  automation   = "manual"
  frequency    = "annual"
  tags         = { domain = "availability" }
}
