# The import ID is a JSON object of the control's arguments, as written in its
# configuration; an owner_id that references an owner is written as the
# owner's e-mail address.
import {
  to = soc2_control.encryption_at_rest
  id = jsonencode({
    control_id      = "CRY-01"
    title           = "Encryption at rest"
    description     = "Databases, volumes, object storage and backups holding customer data are encrypted with KMS keys."
    criteria        = ["CC6.1"]
    owner_id        = "marco.lindqvist@acme.example"
    backup_owner_id = "priya.raman@acme.example"
    status          = "implemented"
    control_type    = "preventive"
    automation      = "automated"
    frequency       = "continuous"
    scanner_rules   = ["aws-ebs-volume-encrypted"]
    tags = {
      domain = "cryptography"
    }
  })
}
