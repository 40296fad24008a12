# Public exposure, network ingress and least privilege for the production
# stack: nothing public except the load balancer's HTTPS listener, no
# administrative ports on the internet (operators use SSM Session Manager),
# roles scoped to what each workload does. Names start with "access_" to stay
# clear of the other files.

variable "access_vpc_id" {
  description = "VPC of the production stack, owned by the network team's configuration."
  type        = string
  default     = "vpc-0a1b2c3d4e5f60718"
}

variable "access_github_repository" {
  description = "Repository whose main branch may deploy with the GitHub Actions role."
  type        = string
  default     = "acme/infrastructure"
}

data "aws_caller_identity" "access" {}

# -------------------------------------------------------------- storage

# Every bucket in the account, now and later, is covered by the account-level
# block; the buckets in this stack need no public access at all.
resource "aws_s3_account_public_access_block" "access" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ---------------------------------------------------------------- network

# The default security group of the VPC keeps no rules.
resource "aws_default_security_group" "access" {
  vpc_id = var.access_vpc_id
}

resource "aws_security_group" "access_lb" {
  name        = "${var.name}-lb"
  description = "Public HTTPS load balancer"
  vpc_id      = var.access_vpc_id
}

# HTTPS from anywhere is what a public load balancer is for.
resource "aws_vpc_security_group_ingress_rule" "access_lb_https" {
  for_each          = toset(["0.0.0.0/0", "::/0"])
  security_group_id = aws_security_group.access_lb.id
  description       = "HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = strcontains(each.value, ":") ? null : each.value
  cidr_ipv6         = strcontains(each.value, ":") ? each.value : null
}

resource "aws_vpc_security_group_egress_rule" "access_lb_to_app" {
  security_group_id            = aws_security_group.access_lb.id
  description                  = "Forward to the application"
  ip_protocol                  = "tcp"
  from_port                    = 8443
  to_port                      = 8443
  referenced_security_group_id = aws_security_group.access_app.id
}

resource "aws_security_group" "access_app" {
  name        = "${var.name}-app"
  description = "Application tasks"
  vpc_id      = var.access_vpc_id

  ingress {
    description     = "From the load balancer only"
    protocol        = "tcp"
    from_port       = 8443
    to_port         = 8443
    security_groups = [aws_security_group.access_lb.id]
  }

  egress {
    description = "HTTPS to AWS APIs and partners"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "access_db" {
  name        = "${var.name}-db"
  description = "PostgreSQL, reachable from the application only"
  vpc_id      = var.access_vpc_id
}

resource "aws_security_group_rule" "access_db_from_app" {
  type                     = "ingress"
  security_group_id        = aws_security_group.access_db.id
  description              = "PostgreSQL from the application"
  protocol                 = "tcp"
  from_port                = 5432
  to_port                  = 5432
  source_security_group_id = aws_security_group.access_app.id
}

# The public subnets' network ACL: administrative ports are denied before
# anything is allowed, for IPv4 and IPv6 alike.
resource "aws_network_acl" "access_public" {
  vpc_id = var.access_vpc_id
}

locals {
  access_nacl_ingress = {
    deny_ssh_v4       = { rule = 50, action = "deny", v4 = "0.0.0.0/0", v6 = null, from = 22, to = 22 }
    deny_ssh_v6       = { rule = 51, action = "deny", v4 = null, v6 = "::/0", from = 22, to = 22 }
    deny_rdp_v4       = { rule = 52, action = "deny", v4 = "0.0.0.0/0", v6 = null, from = 3389, to = 3389 }
    deny_rdp_v6       = { rule = 53, action = "deny", v4 = null, v6 = "::/0", from = 3389, to = 3389 }
    deny_winrm_v4     = { rule = 54, action = "deny", v4 = "0.0.0.0/0", v6 = null, from = 5985, to = 5986 }
    deny_winrm_v6     = { rule = 55, action = "deny", v4 = null, v6 = "::/0", from = 5985, to = 5986 }
    https_v4          = { rule = 100, action = "allow", v4 = "0.0.0.0/0", v6 = null, from = 443, to = 443 }
    https_v6          = { rule = 101, action = "allow", v4 = null, v6 = "::/0", from = 443, to = 443 }
    ephemeral_v4      = { rule = 200, action = "allow", v4 = "0.0.0.0/0", v6 = null, from = 1024, to = 65535 }
    ephemeral_v6      = { rule = 201, action = "allow", v4 = null, v6 = "::/0", from = 1024, to = 65535 }
    vpc_internal_only = { rule = 300, action = "allow", v4 = "10.40.0.0/16", v6 = null, from = 0, to = 65535 }
  }
}

resource "aws_network_acl_rule" "access_public_ingress" {
  for_each        = local.access_nacl_ingress
  network_acl_id  = aws_network_acl.access_public.id
  rule_number     = each.value.rule
  egress          = false
  protocol        = "tcp"
  rule_action     = each.value.action
  cidr_block      = each.value.v4
  ipv6_cidr_block = each.value.v6
  from_port       = each.value.from
  to_port         = each.value.to
}

resource "aws_network_acl_rule" "access_public_egress" {
  network_acl_id = aws_network_acl.access_public.id
  rule_number    = 100
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 0
  to_port        = 0
}

# ------------------------------------------------------------- identities

resource "aws_iam_account_password_policy" "access" {
  minimum_password_length        = 16
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  password_reuse_prevention      = 24
  max_password_age               = 90
  allow_users_to_change_password = true
}

# Application tasks: ECS may assume the role on behalf of this account only.
data "aws_iam_policy_document" "access_app_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.access.account_id]
    }
  }
}

resource "aws_iam_role" "access_app" {
  name               = "${var.name}-app"
  assume_role_policy = data.aws_iam_policy_document.access_app_trust.json
}

data "aws_iam_policy_document" "access_app" {
  statement {
    sid       = "Documents"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::${var.name}-enc-documents/*"]
  }

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:${var.primary_region}:${data.aws_caller_identity.access.account_id}:log-group:/${var.name}/app:*"]
  }

  statement {
    sid       = "Jobs"
    actions   = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]
    resources = ["arn:aws:sqs:${var.primary_region}:${data.aws_caller_identity.access.account_id}:${var.name}-jobs"]
  }
}

resource "aws_iam_policy" "access_app" {
  name        = "${var.name}-app"
  description = "What the application tasks do, and nothing else"
  policy      = data.aws_iam_policy_document.access_app.json
}

resource "aws_iam_role_policy_attachment" "access_app" {
  role       = aws_iam_role.access_app.name
  policy_arn = aws_iam_policy.access_app.arn
}

# Deployments from GitHub Actions: the main branch of one repository, with a
# policy that can roll out the service and pass only the application's role.
resource "aws_iam_openid_connect_provider" "access_github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "access_github_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.access_github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.access_github_repository}:ref:refs/heads/main"]
    }
  }
}

resource "aws_iam_role" "access_deployer" {
  name                 = "${var.name}-deployer"
  assume_role_policy   = data.aws_iam_policy_document.access_github_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "access_deployer" {
  statement {
    sid       = "RollOut"
    actions   = ["ecs:UpdateService"]
    resources = ["arn:aws:ecs:*:${data.aws_caller_identity.backup.account_id}:service/${var.name}/*"]
  }

  statement {
    sid       = "ReadServices"
    actions   = ["ecs:DescribeServices"]
    resources = ["*"]
  }

  # RegisterTaskDefinition has no resource-level permissions: keep it to
  # the regions this stack deploys to.
  statement {
    sid       = "RegisterTaskDefinitions"
    actions   = ["ecs:RegisterTaskDefinition"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }

  statement {
    sid       = "PassTheApplicationRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.access_app.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "access_deployer" {
  name   = "deploy"
  role   = aws_iam_role.access_deployer.id
  policy = data.aws_iam_policy_document.access_deployer.json
}

# People get read-only access through a group; nothing is attached to users.
resource "aws_iam_group" "access_auditors" {
  name = "${var.name}-auditors"
}

resource "aws_iam_group_policy_attachment" "access_auditors" {
  group      = aws_iam_group.access_auditors.name
  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"
}

# S3 may invoke the thumbnail function for this stack's upload bucket only.
resource "aws_lambda_permission" "access_uploads" {
  statement_id   = "AllowUploadsBucket"
  action         = "lambda:InvokeFunction"
  function_name  = "${var.name}-thumbnail"
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::${var.name}-uploads"
  source_account = data.aws_caller_identity.access.account_id
}
