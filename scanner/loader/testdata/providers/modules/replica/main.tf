terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.primary]
    }
  }
}

resource "aws_backup_vault" "replica" {
  name = "replica"
}

resource "aws_backup_vault" "source" {
  provider = aws.primary
  name     = "source"
}
