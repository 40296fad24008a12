variable "retention" {
  default = 1
}

locals {
  tier = "dev"
}

resource "aws_db_instance" "db" {
  storage_encrypted       = false
  backup_retention_period = var.retention
  deletion_protection     = false
  tags = {
    tier = local.tier
  }
}

resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
