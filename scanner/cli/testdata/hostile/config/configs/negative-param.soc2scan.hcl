rule "aws-rds-backup-retention" {
  params = { min_days = -1 }
}

rule "azure-keyvault-soft-delete-retention" {
  params = { min_retention_days = 0 }
}
