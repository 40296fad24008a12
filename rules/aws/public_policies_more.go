package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// More resource policies that can let anyone in: API Gateway REST APIs,
// backup vaults, CloudWatch Logs resource policies, and standalone
// aws_iam_policy_document data sources whose statements name a principal.

var apiGatewayRestAPIPolicyNotPublic = &scanner.Rule{
	ID:    "aws-api-gateway-rest-api-policy-not-public",
	Title: "API Gateway REST API resource policies do not allow access to everyone",
	Description: "A REST API resource policy that allows execute-api:Invoke to Principal \"*\" without a condition " +
		"that limits the caller (a source VPC endpoint, an organization, an account) opens a private " +
		"or restricted API to any caller. SOC 2 CC6.6 and CC6.1 expect access to be limited to authorised " +
		"principals." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_api_gateway_rest_api", "aws_api_gateway_rest_api_policy"},
	Remediation:   "Limit the Allow statement with aws:SourceVpce (private APIs) or aws:PrincipalOrgID, or name the calling accounts.",
	RemediationCode: `resource "aws_api_gateway_rest_api_policy" "private" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "${aws_api_gateway_rest_api.api.execution_arn}/*"
      Condition = { StringEquals = { "aws:SourceVpce" = aws_vpc_endpoint.api.id } }
    }]
  })
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api_policy",
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_283"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_api_gateway_rest_api" "api" {
  name = "internal"
}

resource "aws_api_gateway_rest_api_policy" "private" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1a2b3c4d" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
variable "policy" {
  type = string
}

resource "aws_api_gateway_rest_api" "open" {
  name = "open"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "execute-api:Invoke", Resource = "*" }]
  })
}

resource "aws_api_gateway_rest_api_policy" "maybe" {
  rest_api_id = "abc123"
  policy      = var.policy
}`, Fails: []string{"aws_api_gateway_rest_api.open"}, Unknowns: []string{"aws_api_gateway_rest_api_policy.maybe"}}},
	Check: resourcePolicyCheck("policy", "REST API policy"),
}

var backupVaultPolicyNotPublic = &scanner.Rule{
	ID:    "aws-backup-vault-policy-not-public",
	Title: "Backup vault access policies do not allow access to everyone",
	Description: "A backup vault policy that allows Principal \"*\" lets any AWS account act on the recovery points " +
		"(copy them out, or delete them where the vault is not locked). Backups are the last line of availability " +
		"and hold copies of production data; SOC 2 CC6.6, CC6.1 and A1.2 expect them to be reachable by authorised " +
		"principals only." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_backup_vault_policy"},
	Remediation:   "Grant vault access to named accounts or roles, or limit it with aws:PrincipalOrgID.",
	RemediationCode: `data "aws_iam_policy_document" "vault" {
  statement {
    actions   = ["backup:CopyIntoBackupVault"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_vault_policy"},
	Good: []scanner.Example{{Code: `
resource "aws_backup_vault_policy" "org" {
  backup_vault_name = "central"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "backup:CopyIntoBackupVault"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
variable "accounts" {
  type = list(string)
}

data "aws_iam_policy_document" "maybe" {
  statement {
    actions   = ["backup:CopyIntoBackupVault"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = var.accounts
    }
  }
}

resource "aws_backup_vault_policy" "open" {
  backup_vault_name = "central"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "backup:DeleteRecoveryPoint", Resource = "*" }]
  })
}

resource "aws_backup_vault_policy" "maybe" {
  backup_vault_name = "other"
  policy            = data.aws_iam_policy_document.maybe.json
}`, Fails: []string{"aws_backup_vault_policy.open"}, Unknowns: []string{"aws_backup_vault_policy.maybe"}}},
	Check: resourcePolicyCheck("policy", "vault access policy"),
}

var cloudwatchLogResourcePolicyNotPublic = &scanner.Rule{
	ID:    "aws-cloudwatch-log-resource-policy-not-public",
	Title: "CloudWatch Logs resource policies do not allow access to everyone",
	Description: "A CloudWatch Logs resource policy that allows Principal \"*\" lets any account write into (or " +
		"read) your log groups, which can poison or flood the audit trail. A service principal " +
		"(route53.amazonaws.com, es.amazonaws.com, …) is not a finding; limit it with aws:SourceArn or " +
		"aws:SourceAccount. SOC 2 CC6.6, CC6.1 and CC7.2 expect logs to be protected from unauthorised change." +
		resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_cloudwatch_log_resource_policy"},
	Remediation:   "Name the delivering service as the principal and limit it with aws:SourceArn or aws:SourceAccount.",
	RemediationCode: `data "aws_iam_policy_document" "route53" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:*:*:log-group:/aws/route53/*"]
    principals {
      type        = "Service"
      identifiers = ["route53.amazonaws.com"]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_resource_policy"},
	Good: []scanner.Example{{Code: `
resource "aws_cloudwatch_log_resource_policy" "route53" {
  policy_name = "route53"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "route53.amazonaws.com" }
      Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource  = "arn:aws:logs:*:*:log-group:/aws/route53/*"
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
variable "doc" {
  type = string
}

resource "aws_cloudwatch_log_resource_policy" "open" {
  policy_name = "open"
  policy_document = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "logs:PutLogEvents", Resource = "*" }]
  })
}

resource "aws_cloudwatch_log_resource_policy" "maybe" {
  policy_name     = "maybe"
  policy_document = var.doc
}`, Fails: []string{"aws_cloudwatch_log_resource_policy.open"}, Unknowns: []string{"aws_cloudwatch_log_resource_policy.maybe"}}},
	Check: resourcePolicyCheck("policy_document", "log resource policy"),
}

var iamPolicyDocumentNotPublic = &scanner.Rule{
	ID:    "aws-iam-policy-document-not-public",
	Title: "Standalone IAM policy documents do not grant access to any principal",
	Description: "A data \"aws_iam_policy_document\" whose statements allow Principal \"*\" (or {\"AWS\": \"*\"}, " +
		"or use NotPrincipal) without a condition that limits the caller is a resource or trust policy that lets " +
		"anyone in, wherever it is used. This rule judges a document only when no resource or data source of the " +
		"configuration refers to it (for example when it is used by a module that is not scanned, or its json is " +
		"an output); a document that a bucket policy, a role or another resource consumes is judged by the rule " +
		"of that resource, so that a statement is reported once. SOC 2 CC6.6 and CC6.1 expect access to be " +
		"limited to authorised principals." + resourcePolicyNote,
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	DataSourceTypes: identityPolicyDataSources,
	Remediation:     "Name the trusted accounts, roles or services, or add a condition on aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount.",
	RemediationCode: `data "aws_iam_policy_document" "partner" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_283"},
	},
	Good: []scanner.Example{{Code: `
data "aws_iam_policy_document" "org" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}

data "aws_iam_policy_document" "lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "used" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "used" {
  name               = "used"
  assume_role_policy = data.aws_iam_policy_document.used.json
}`, NotApplicable: []string{"data.aws_iam_policy_document.used"}}},
	Bad: []scanner.Example{{Code: `
variable "principals" {
  type = list(string)
}

data "aws_iam_policy_document" "anyone" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "maybe" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = var.principals
    }
  }
}`, Fails: []string{"data.aws_iam_policy_document.anyone"}, Unknowns: []string{"data.aws_iam_policy_document.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if skip := standaloneDocument(r, ctx.Index); skip != nil {
			return *skip
		}
		policies, _ := identityPolicies(r)
		return publicPolicyResult(policies[0], ctx.Index, "policy document")
	},
}
