# Public exposure, network ingress and least privilege gone wrong: public
# buckets and databases, SSH open to the world, administrator policies
# everywhere. Names start with "access_" to stay clear of the other files.

# ------------------------------------------------------- public storage

# The account-level block is declared but half off, so it protects nothing.
resource "aws_s3_account_public_access_block" "access" {
  block_public_acls   = true
  block_public_policy = false
}

resource "aws_s3_bucket" "access_website" {
  bucket = "${var.name}-access-website"
}

resource "aws_s3_bucket_acl" "access_website" {
  bucket = aws_s3_bucket.access_website.id
  acl    = "public-read"
}

resource "aws_s3_bucket_policy" "access_website" {
  bucket = aws_s3_bucket.access_website.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::${var.name}-access-website/*"
    }]
  })
}

resource "aws_db_snapshot" "access_release" {
  db_instance_identifier = "${var.name}-orders"
  db_snapshot_identifier = "${var.name}-release"
  shared_accounts        = ["all"]
}

resource "aws_ami_launch_permission" "access_golden" {
  image_id = "ami-0123456789abcdef0"
  group    = "all"
}

resource "aws_ssm_document" "access_runbook" {
  name          = "${var.name}-runbook"
  document_type = "Command"
  content       = jsonencode({ schemaVersion = "2.2", description = "restart", mainSteps = [] })
  permissions = {
    type        = "Share"
    account_ids = "All"
  }
}

# --------------------------------------------------- public data stores

resource "aws_db_instance" "access_reporting" {
  identifier          = "${var.name}-reporting"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  publicly_accessible = true
}

# publicly_accessible is unset: public by default before provider 6.0.
resource "aws_redshift_cluster" "access_warehouse" {
  cluster_identifier = "${var.name}-warehouse"
  node_type          = "ra3.xlplus"
}

resource "aws_dms_replication_instance" "access_migration" {
  replication_instance_id    = "${var.name}-migration"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = true
}

resource "aws_mq_broker" "access_events" {
  broker_name         = "${var.name}-events"
  engine_type         = "RabbitMQ"
  engine_version      = "3.13"
  host_instance_type  = "mq.m5.large"
  publicly_accessible = true
}

resource "aws_neptune_cluster_instance" "access_graph" {
  cluster_identifier  = "${var.name}-graph"
  instance_class      = "db.r6g.large"
  publicly_accessible = true
}

resource "aws_msk_cluster" "access_stream" {
  cluster_name           = "${var.name}-stream"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a", "subnet-0b", "subnet-0c"]
    security_groups = [aws_security_group.access_open.id]
    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
}

resource "aws_opensearch_domain" "access_search" {
  domain_name = "${var.name}-search"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:us-east-1:123456789012:domain/${var.name}-search/*"
    }]
  })
}

# -------------------------------------------- public compute and endpoints

resource "aws_eks_cluster" "access_main" {
  name     = "${var.name}-main"
  role_arn = "arn:aws:iam::123456789012:role/eks-cluster"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_lambda_permission" "access_anyone" {
  statement_id  = "AnyoneMayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "${var.name}-thumbnail"
  principal     = "*"
}

resource "aws_lambda_function_url" "access_api" {
  function_name      = "${var.name}-api"
  authorization_type = "NONE"
}

resource "aws_subnet" "access_public" {
  count                   = 2
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.${count.index}.0/24"
  map_public_ip_on_launch = true
}

resource "aws_instance" "access_jump" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.access_bastion.id]
}

resource "aws_sagemaker_notebook_instance" "access_research" {
  name          = "${var.name}-research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
}

resource "aws_mwaa_environment" "access_etl" {
  name                  = "${var.name}-etl"
  webserver_access_mode = "PUBLIC_ONLY"
}

# ------------------------------------------------ public resource policies

resource "aws_ecr_repository_policy" "access_app" {
  repository = "${var.name}-app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

resource "aws_sqs_queue_policy" "access_jobs" {
  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/${var.name}-jobs"
  policy    = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "sqs:SendMessage",
        "Resource": "arn:aws:sqs:us-east-1:123456789012:${var.name}-jobs"
      }]
    }
  EOF
}

data "aws_iam_policy_document" "access_alerts" {
  statement {
    actions   = ["sns:Subscribe", "sns:Publish"]
    resources = ["arn:aws:sns:us-east-1:123456789012:${var.name}-alerts"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_sns_topic_policy" "access_alerts" {
  arn    = "arn:aws:sns:us-east-1:123456789012:${var.name}-alerts"
  policy = data.aws_iam_policy_document.access_alerts.json
}

resource "aws_efs_file_system_policy" "access_shared" {
  file_system_id = "fs-0123456789abcdef0"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
      Resource  = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0"
    }]
  })
}

resource "aws_glacier_vault" "access_archive" {
  name = "${var.name}-archive"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["glacier:InitiateJob", "glacier:GetJobOutput"]
      Resource  = "arn:aws:glacier:us-east-1:123456789012:vaults/${var.name}-archive"
    }]
  })
}

# ---------------------------------------------------------------- network

resource "aws_security_group" "access_bastion" {
  name   = "${var.name}-bastion"
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    description = "SSH from anywhere"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "access_open" {
  name   = "${var.name}-open"
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    description      = "everything, for now"
    protocol         = "-1"
    from_port        = 0
    to_port          = 0
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

locals {
  access_app_ingress = {
    https = { port = 443, cidr = "0.0.0.0/0" }
    rdp   = { port = 3389, cidr = "0.0.0.0/0" }
    mysql = { port = 3306, cidr = "0.0.0.0/0" }
  }
}

resource "aws_security_group" "access_app" {
  name   = "${var.name}-app"
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_vpc_security_group_ingress_rule" "access_app" {
  for_each          = local.access_app_ingress
  security_group_id = aws_security_group.access_app.id
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}

resource "aws_security_group_rule" "access_postgres" {
  type              = "ingress"
  security_group_id = aws_security_group.access_app.id
  protocol          = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_default_security_group" "access" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_network_acl" "access_public" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }

  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

# ------------------------------------------------------------ identities

resource "aws_iam_account_password_policy" "access" {
  minimum_password_length = 8
  require_numbers         = true
}

resource "aws_iam_policy" "access_admin" {
  name   = "${var.name}-admin"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{"Sid": "Everything", "Effect": "Allow", "Action": "*", "Resource": "*"}]
    }
  EOF
}

data "aws_iam_policy_document" "access_deployer" {
  statement {
    sid       = "PassAnyRole"
    actions   = ["iam:PassRole", "ecs:RunTask"]
    resources = ["*"]
  }
  statement {
    sid         = "PowerUser"
    not_actions = ["iam:*", "organizations:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "access_deployer" {
  name   = "${var.name}-deployer"
  policy = data.aws_iam_policy_document.access_deployer.json
}

resource "aws_iam_role" "access_worker" {
  name = "${var.name}-worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { StringEquals = { "sts:ExternalId" = "not-a-secret" } }
    }]
  })

  inline_policy {
    name = "storage"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "*" }]
    })
  }
}

resource "aws_iam_role_policy_attachment" "access_worker_admin" {
  role       = aws_iam_role.access_worker.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "access_github" {
  name = "${var.name}-github"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
      Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" } }
    }]
  })
}

resource "aws_iam_user" "access_ci" {
  name = "${var.name}-ci"
}

resource "aws_iam_user_policy_attachment" "access_ci" {
  user       = aws_iam_user.access_ci.name
  policy_arn = aws_iam_policy.access_deployer.arn
}
