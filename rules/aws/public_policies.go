package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Public exposure through resource policies: ECR repositories, SQS queues,
// SNS topics, EFS file systems, OpenSearch domains and Glacier vaults whose
// policy lets anyone in.

// resourcePolicyCheck returns the check of a rule on a resource policy
// argument.
func resourcePolicyCheck(arg, what string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return publicPolicyResult(r.Attr(arg), ctx.Index, what)
	}
}

const resourcePolicyNote = " A statement is public when it allows Principal \"*\" (or {\"AWS\": \"*\"}, an IAM ARN " +
	"with a wildcard account such as arn:aws:iam::*:root, which IAM rejects but which is written to mean every " +
	"account, or uses NotPrincipal) without a condition that limits the caller (aws:SourceArn, aws:SourceAccount, aws:SourceOwner, " +
	"aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalArn, … with an equality operator and no IfExists). Policies " +
	"are read from JSON strings, jsonencode() and aws_iam_policy_document data sources; a policy only known after " +
	"apply is reported as unknown."

var ecrRepositoryPolicyNotPublic = &scanner.Rule{
	ID:    "aws-ecr-repository-policy-not-public",
	Title: "ECR repository policies do not allow access to everyone",
	Description: "A public repository policy lets any AWS account pull (or push) images, exposing application code " +
		"and baked-in configuration, or letting anyone replace what you deploy. SOC 2 CC6.6 and CC6.1 expect " +
		"access to be limited to authorised principals." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_ecr_repository_policy", "aws_ecrpublic_repository_policy"},
	Remediation:   "Grant pull access to specific accounts or to your organization (aws:PrincipalOrgID).",
	RemediationCode: `data "aws_iam_policy_document" "pull" {
  statement {
    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_32"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0032"},
		{Tool: scanner.ToolTfsec, ID: "aws-ecr-no-public-access"},
		{Tool: scanner.ToolProwler, ID: "ecr_repositories_not_publicly_accessible"},
		{Tool: scanner.ToolKICS, ID: "ECR Repository Is Publicly Accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

data "aws_caller_identity" "current" {}

# A bare-string principal in a JSON template, known to be an account ARN
# before the account ID is: never "*".
resource "aws_ecr_repository_policy" "own_account" {
  repository = "app"
  policy     = <<-EOF
    {
      "Version": "2008-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root",
        "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      }]
    }
  EOF
}`}},
	Bad: []scanner.Example{{Code: `
variable "puller" {
  type = string
}

# The whole principal is only known after apply: it might be "*".
resource "aws_ecr_repository_policy" "maybe" {
  repository = "app"
  policy     = <<-EOF
    {
      "Version": "2008-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": "${var.puller}",
        "Action": ["ecr:BatchGetImage"]
      }]
    }
  EOF
}

resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyonePulls"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}`, Fails: []string{"aws_ecr_repository_policy.app"}, Unknowns: []string{"aws_ecr_repository_policy.maybe"}}},
	Check: resourcePolicyCheck("policy", "repository policy"),
}

var sqsQueuePolicyNotPublic = &scanner.Rule{
	ID:    "aws-sqs-queue-policy-not-public",
	Title: "SQS queue policies do not allow access to everyone",
	Description: "A public queue policy lets anyone send messages into your processing pipeline or read and " +
		"delete the messages in it. SOC 2 CC6.6 and CC6.1 expect access to be limited to authorised principals; " +
		"when a service such as SNS or S3 delivers to the queue, limit it with aws:SourceArn." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_sqs_queue_policy", "aws_sqs_queue"},
	Remediation:   "Name the sending principal, or add an aws:SourceArn condition for the topic or bucket that delivers to the queue.",
	RemediationCode: `data "aws_iam_policy_document" "from_topic" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.jobs.arn]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_sns_topic.jobs.arn]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_168"},
		{Tool: scanner.ToolProwler, ID: "sqs_queues_not_publicly_accessible"},
		{Tool: scanner.ToolKICS, ID: "SQS Policy With Public Access"},
		{Tool: scanner.ToolKICS, ID: "SQS Queue Exposed"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:jobs"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:123456789012:jobs" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:*"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:jobs"
    }]
  })
}`, Fails: []string{"aws_sqs_queue.jobs"}}},
	Check: resourcePolicyCheck("policy", "queue policy"),
}

var snsTopicPolicyNotPublic = &scanner.Rule{
	ID:    "aws-sns-topic-policy-not-public",
	Title: "SNS topic policies do not allow access to everyone",
	Description: "A public topic policy lets anyone publish to the topic (and so to every subscriber) or " +
		"subscribe and receive its messages. SOC 2 CC6.6 and CC6.1 expect access to be limited to authorised " +
		"principals. The default topic policy's AWS:SourceOwner condition counts as a limit." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_sns_topic_policy", "aws_sns_topic"},
	Remediation:   "Name the publishing principals, or add aws:SourceArn / aws:SourceAccount conditions for the services that publish.",
	RemediationCode: `data "aws_iam_policy_document" "alarms" {
  statement {
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_169"},
		{Tool: scanner.ToolProwler, ID: "sns_topics_not_publicly_accessible"},
		{Tool: scanner.ToolKICS, ID: "SNS Topic is Publicly Accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sns_topic_policy" "default" {
  arn = "arn:aws:sns:eu-west-1:123456789012:alarms"
  policy = jsonencode({
    Version = "2008-10-17"
    Statement = [{
      Sid       = "__default_statement_ID"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["SNS:Publish", "SNS:Subscribe"]
      Resource  = "arn:aws:sns:eu-west-1:123456789012:alarms"
      Condition = { StringEquals = { "AWS:SourceOwner" = "123456789012" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sns_topic" "alarms" {
  name = "alarms"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "SNS:Subscribe"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:alarms"
    }]
  })
}`, Fails: []string{"aws_sns_topic.alarms"}}},
	Check: resourcePolicyCheck("policy", "topic policy"),
}

var secretsManagerSecretPolicyNotPublic = &scanner.Rule{
	ID:    "aws-secretsmanager-secret-policy-not-public",
	Title: "Secrets Manager secret policies do not allow access to everyone",
	Description: "A secret's resource policy that allows Principal \"*\" lets principals of any AWS account read " +
		"or change the secret (GetSecretValue, PutSecretValue) as far as the secret's KMS key allows it, which " +
		"for a customer-managed key with a permissive key policy is everything. SOC 2 CC6.1 and C1.1 expect " +
		"credentials and confidential data to be readable only by authorised principals. The policy is read " +
		"from aws_secretsmanager_secret_policy and from the secret's own policy argument." + resourcePolicyNote,
	Severity:      scanner.Critical,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_secretsmanager_secret_policy", "aws_secretsmanager_secret"},
	Remediation:   "Name the roles that read the secret, or limit the statement with aws:PrincipalOrgID or aws:SourceVpce.",
	RemediationCode: `resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret_policy",
		"https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "secretsmanager_not_publicly_accessible"},
		{Tool: scanner.ToolKICS, ID: "Secrets Manager With Vulnerable Policy"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/app" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}

resource "aws_secretsmanager_secret" "org" {
  name = "shared"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdef1234" } }
    }]
  })
}

resource "aws_secretsmanager_secret" "no_policy" {
  name = "plain"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}

resource "aws_secretsmanager_secret" "inline" {
  name = "inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
      Resource  = "*"
    }]
  })
}`, Fails: []string{"aws_secretsmanager_secret_policy.db", "aws_secretsmanager_secret.inline"}}},
	Check: resourcePolicyCheck("policy", "secret policy"),
}

var efsFileSystemPolicyNotPublic = &scanner.Rule{
	ID:    "aws-efs-file-system-policy-not-public",
	Title: "EFS file system policies do not allow access to everyone",
	Description: "A file system policy that allows Principal \"*\" lets any AWS principal that can reach a mount " +
		"target mount (and possibly write) the file system. SOC 2 CC6.6 and CC6.1 expect access to be limited to " +
		"authorised principals. A Bool elasticfilesystem:AccessedViaMountTarget = true condition counts as a " +
		"limit (only clients in the file system's VPC)." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_efs_file_system_policy"},
	Remediation:   "Grant access to specific roles, or require elasticfilesystem:AccessedViaMountTarget.",
	RemediationCode: `data "aws_iam_policy_document" "efs" {
  statement {
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = [aws_efs_file_system.shared.arn]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.app.arn]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "efs_not_publicly_accessible"},
		{Tool: scanner.ToolKICS, ID: "EFS With Vulnerable Policy"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_efs_file_system_policy" "shared" {
  file_system_id = "fs-12345678"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount"]
      Resource  = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-12345678"
      Condition = { Bool = { "elasticfilesystem:AccessedViaMountTarget" = "true" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_efs_file_system_policy" "shared" {
  file_system_id = "fs-12345678"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
      Resource  = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-12345678"
    }]
  })
}`, Fails: []string{"aws_efs_file_system_policy.shared"}}},
	Check: resourcePolicyCheck("policy", "file system policy"),
}

var opensearchDomainPolicyNotPublic = &scanner.Rule{
	ID:    "aws-opensearch-domain-policy-not-public",
	Title: "OpenSearch domains outside a VPC do not allow access to everyone",
	Description: "An OpenSearch (or Elasticsearch) domain with a public endpoint and an access policy for " +
		"Principal \"*\" lets anyone on the internet query, change or delete the indexed data. SOC 2 CC6.6 and " +
		"CC6.1 expect access to be limited to authorised principals. Domains placed in a VPC (vpc_options) are " +
		"reachable only from the VPC and pass; an aws:SourceIp condition other than 0.0.0.0/0 counts as a limit." +
		resourcePolicyNote,
	Severity:      scanner.Critical,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_opensearch_domain", "aws_elasticsearch_domain", "aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy"},
	Remediation:   "Place the domain in a VPC, or grant access to specific IAM principals and enable fine-grained access control.",
	RemediationCode: `resource "aws_opensearch_domain" "search" {
  # ...
  vpc_options {
    subnet_ids         = [aws_subnet.private_a.id]
    security_group_ids = [aws_security_group.search.id]
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain_policy",
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_137"},
		{Tool: scanner.ToolProwler, ID: "opensearch_service_domains_not_publicly_accessible"},
		{Tool: scanner.ToolKICS, ID: "Elasticsearch Domain With Vulnerable Policy"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "vpc" {
  domain_name = "vpc"
  vpc_options {
    subnet_ids = ["subnet-1"]
  }
}

resource "aws_opensearch_domain_policy" "vpc" {
  domain_name = aws_opensearch_domain.vpc.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/vpc/*"
    }]
  })
}

resource "aws_opensearch_domain" "office" {
  domain_name = "office"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttpGet"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/office/*"
      Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "public" {
  domain_name = "public"
}

resource "aws_opensearch_domain_policy" "public" {
  domain_name = aws_opensearch_domain.public.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/public/*"
    }]
  })
}`, Fails: []string{"aws_opensearch_domain_policy.public"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		domain := r
		if strings.HasSuffix(r.Type, "_domain_policy") {
			domain = nil
			for _, d := range ctx.Index.Resolve(r.Attr("domain_name")) {
				if d.Type == "aws_opensearch_domain" || d.Type == "aws_elasticsearch_domain" {
					domain = d
				}
			}
		}
		if domain != nil && domain.FirstBlock("vpc_options") != nil {
			return scanner.Passed()
		}
		return publicPolicyResult(r.Attr("access_policies"), ctx.Index, "domain access policy")
	},
}

var glacierVaultPolicyNotPublic = &scanner.Rule{
	ID:    "aws-glacier-vault-policy-not-public",
	Title: "S3 Glacier vault access policies do not allow access to everyone",
	Description: "Glacier vaults hold archives, often backups; a public access policy lets anyone retrieve or " +
		"delete them. SOC 2 CC6.6 and CC6.1 expect access to be limited to authorised principals." + resourcePolicyNote,
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_glacier_vault"},
	Remediation:     "Grant vault access to specific principals.",
	RemediationCode: "resource \"aws_glacier_vault\" \"archive\" {\n  name          = \"archive\"\n  access_policy = data.aws_iam_policy_document.archive_readers.json\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/glacier_vault#access_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_167"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_glacier_vault" "archive" {
  name = "archive"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_glacier_vault" "archive" {
  name          = "archive"
  access_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": ["glacier:InitiateJob", "glacier:GetJobOutput"],
        "Resource": "arn:aws:glacier:eu-west-1:123456789012:vaults/archive"
      }]
    }
  EOF
}`, Fails: []string{"aws_glacier_vault.archive"}}},
	Check: resourcePolicyCheck("access_policy", "vault access policy"),
}
