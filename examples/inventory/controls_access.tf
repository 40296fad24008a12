# Logical access (CC6.1–CC6.3, CC6.6–CC6.8) and physical access (CC6.4–CC6.5).

resource "soc2_control" "sso_mfa" {
  control_id      = "IAM-01"
  title           = "Single sign-on with phishing-resistant MFA"
  description     = "All workforce access to production, the cloud consoles and SaaS tools goes through the identity provider, which enforces WebAuthn MFA. Local accounts are disabled."
  criteria        = ["CC6.1", "CC6.6"]
  owner_id        = soc2_control_owner.security.id
  backup_owner_id = soc2_control_owner.it.id
  status          = "implemented"
  control_type    = "preventive"
  automation      = "automated"
  frequency       = "continuous"
  scanner_rules   = ["aws-iam-password-policy-min-length"]
  tags            = { domain = "identity" }
}

resource "soc2_control" "joiners_leavers" {
  control_id   = "IAM-02"
  title        = "Joiner, mover and leaver process"
  description  = "Access is granted from an approved HR ticket before the start date and revoked within one business day of termination, driven by the HR system through SCIM."
  criteria     = ["CC6.2"]
  owner_id     = soc2_control_owner.it.id
  status       = "implemented"
  control_type = "preventive"
  automation   = "semi-automated"
  frequency    = "per-event"
  tags         = { domain = "identity" }
}

resource "soc2_control" "access_review" {
  control_id      = "IAM-03"
  title           = "Quarterly user access review"
  description     = "Every quarter, system owners review who has access to production, the cloud accounts and critical SaaS tools, including privileged and service accounts, and revoke what is no longer needed."
  criteria        = ["CC6.2", "CC6.3"]
  owner_id        = soc2_control_owner.security.id
  backup_owner_id = soc2_control_owner.cto.id
  status          = "implemented"
  control_type    = "detective"
  automation      = "manual"
  frequency       = "quarterly"
  tags            = { domain = "identity" }
}

resource "soc2_control" "least_privilege" {
  control_id   = "IAM-04"
  title        = "Least-privilege IAM roles"
  description  = "Engineers assume role-based, least-privilege IAM roles; no IAM users hold policies directly and no policy grants full administrator access. Terraform changes to IAM are scanned on every pull request."
  criteria     = ["CC6.3"]
  owner_id     = soc2_control_owner.platform.id
  status       = "implemented"
  control_type = "preventive"
  automation   = "automated"
  frequency    = "continuous"
  scanner_rules = [
    "aws-iam-policy-no-full-admin",
    "aws-iam-no-user-policies",
  ]
  tags = { domain = "identity" }
}

resource "soc2_control" "encryption_at_rest" {
  control_id   = "CRY-01"
  title        = "Encryption at rest"
  description  = "Databases, volumes, object storage and backups holding customer data are encrypted with KMS keys managed by the platform team."
  criteria     = ["CC6.1"]
  owner_id     = soc2_control_owner.platform.id
  status       = "implemented"
  control_type = "preventive"
  automation   = "automated"
  frequency    = "continuous"
  scanner_rules = [
    "aws-ebs-volume-encrypted",
    "aws-efs-file-system-encrypted",
  ]
  tags = { domain = "cryptography" }
}

resource "soc2_control" "encryption_in_transit" {
  control_id    = "CRY-02"
  title         = "Encryption in transit"
  description   = "Public endpoints accept TLS 1.2 or later only and redirect HTTP to HTTPS; internal service traffic uses TLS."
  criteria      = ["CC6.7"]
  owner_id      = soc2_control_owner.platform.id
  status        = "implemented"
  control_type  = "preventive"
  automation    = "automated"
  frequency     = "continuous"
  scanner_rules = ["aws-lb-listener-uses-https"]
  tags          = { domain = "cryptography" }
}

resource "soc2_control" "key_management" {
  control_id    = "CRY-03"
  title         = "Key management and rotation"
  description   = "KMS keys rotate automatically every year; key policies name specific principals, and key deletion has a 30-day waiting period."
  criteria      = ["CC6.1"]
  owner_id      = soc2_control_owner.security.id
  status        = "implemented"
  control_type  = "preventive"
  automation    = "automated"
  frequency     = "annual"
  scanner_rules = ["aws-kms-key-rotation-enabled"]
  tags          = { domain = "cryptography" }
}

resource "soc2_control" "network_boundary" {
  control_id    = "NET-01"
  title         = "Network boundary protection"
  description   = "Production runs in private subnets; only load balancers are internet-facing, security groups never open administrative or database ports to the internet, and a WAF filters inbound traffic."
  criteria      = ["CC6.6", "CC6.1"]
  owner_id      = soc2_control_owner.platform.id
  status        = "implemented"
  control_type  = "preventive"
  automation    = "automated"
  frequency     = "continuous"
  scanner_rules = ["aws-ec2-security-group-no-public-admin-ports"]
  tags          = { domain = "network" }
}

resource "soc2_control" "endpoint_protection" {
  control_id   = "END-01"
  title        = "Endpoint protection"
  description  = "Company laptops are enrolled in MDM, with disk encryption, automatic updates and EDR enforced; non-compliant devices lose SSO access."
  criteria     = ["CC6.8", "CC6.7"]
  owner_id     = soc2_control_owner.it.id
  status       = "partial"
  control_type = "preventive"
  automation   = "automated"
  frequency    = "continuous"
  tags         = { domain = "endpoint" }
}

resource "soc2_control" "physical_security" {
  control_id    = "PHY-01"
  title         = "Physical security of facilities"
  description   = "Physical access to the facilities that host production systems is restricted."
  criteria      = ["CC6.4", "CC6.5"]
  owner_id      = soc2_control_owner.cto.id
  status        = "not-applicable"
  justification = "Acme has no data centres or server rooms; production runs on AWS, whose physical controls are carved out and covered by the AWS SOC 2 report reviewed under VND-01."
  tags          = { domain = "physical" }
}
