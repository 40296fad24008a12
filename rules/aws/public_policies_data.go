package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Resource policies of data services that can let anyone in: Glue Data
// Catalog, Kinesis Data Streams, DynamoDB, SES sending authorization, and
// Lambda layer version permissions.

var glueResourcePolicyNotPublic = &scanner.Rule{
	ID:    "aws-glue-resource-policy-not-public",
	Title: "Glue Data Catalog resource policies do not allow access to everyone",
	Description: "The Data Catalog resource policy governs cross-account access to the account's databases, tables " +
		"and connections. A statement that allows Principal \"*\" lets any AWS account read the catalog's " +
		"metadata (schemas, locations, connection definitions) or change it. SOC 2 CC6.6 and CC6.1 expect access " +
		"to be limited to authorised principals." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_glue_resource_policy"},
	Remediation:   "Name the consuming accounts, or limit the statement with aws:PrincipalOrgID.",
	RemediationCode: `data "aws_iam_policy_document" "catalog" {
  statement {
    actions   = ["glue:GetDatabase", "glue:GetTable", "glue:GetTables"]
    resources = ["arn:aws:glue:eu-west-1:123456789012:*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
  }
}

resource "aws_glue_resource_policy" "catalog" {
  policy = data.aws_iam_policy_document.catalog.json
}`,
	Links: []string{
		registryDoc("aws_glue_resource_policy", ""),
		"https://docs.aws.amazon.com/glue/latest/dg/glue-resource-policies.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "Glue With Vulnerable Policy"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_glue_resource_policy" "org" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["glue:GetDatabase", "glue:GetTable"]
      Resource  = "arn:aws:glue:eu-west-1:123456789012:*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
variable "policy" {
  type = string
}

resource "aws_glue_resource_policy" "open" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "glue:*"
      Resource  = "arn:aws:glue:eu-west-1:123456789012:*"
    }]
  })
}

resource "aws_glue_resource_policy" "maybe" {
  policy = var.policy
}`, Fails: []string{"aws_glue_resource_policy.open"}, Unknowns: []string{"aws_glue_resource_policy.maybe"}}},
	Check: resourcePolicyCheck("policy", "Data Catalog resource policy"),
}

var kinesisResourcePolicyNotPublic = &scanner.Rule{
	ID:    "aws-kinesis-resource-policy-not-public",
	Title: "Kinesis Data Streams resource policies do not allow access to everyone",
	Description: "A resource policy on a data stream or a stream consumer that allows Principal \"*\" lets any AWS " +
		"account read the stream's records or write records into it. SOC 2 CC6.6 and CC6.1 expect access to be " +
		"limited to authorised principals." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_kinesis_resource_policy"},
	Remediation:   "Name the reading or writing accounts or roles, or limit the statement with aws:PrincipalOrgID.",
	RemediationCode: `resource "aws_kinesis_resource_policy" "events" {
  resource_arn = aws_kinesis_stream.events.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = ["kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords"]
      Resource  = aws_kinesis_stream.events.arn
    }]
  })
}`,
	Links: []string{
		registryDoc("aws_kinesis_resource_policy", ""),
		"https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_kinesis_resource_policy" "partner" {
  resource_arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/events"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "210987654321" }
      Action    = ["kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecord"]
      Resource  = "arn:aws:kinesis:eu-west-1:123456789012:stream/events"
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_kinesis_resource_policy" "open" {
  resource_arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/events/consumer/reader:1700000000"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"]
      Resource  = "arn:aws:kinesis:eu-west-1:123456789012:stream/events/consumer/reader:1700000000"
    }]
  })
}`, Fails: []string{"aws_kinesis_resource_policy.open"}}},
	Check: resourcePolicyCheck("policy", "stream resource policy"),
}

var dynamodbResourcePolicyNotPublic = &scanner.Rule{
	ID:    "aws-dynamodb-resource-policy-not-public",
	Title: "DynamoDB resource policies do not allow access to everyone",
	Description: "A resource policy on a DynamoDB table or stream that allows Principal \"*\" lets principals of " +
		"any AWS account read, change or delete the table's items. SOC 2 CC6.6 and CC6.1 expect access to data " +
		"stores to be limited to authorised principals." + resourcePolicyNote,
	Severity:      scanner.Critical,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_dynamodb_resource_policy"},
	Remediation:   "Name the roles that use the table, or limit the statement with aws:PrincipalOrgID or aws:SourceVpce.",
	RemediationCode: `resource "aws_dynamodb_resource_policy" "orders" {
  resource_arn = aws_dynamodb_table.orders.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.reporting.arn }
      Action    = ["dynamodb:GetItem", "dynamodb:Query"]
      Resource  = aws_dynamodb_table.orders.arn
    }]
  })
}`,
	Links: []string{
		registryDoc("aws_dynamodb_resource_policy", ""),
		"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_dynamodb_resource_policy" "vpce" {
  resource_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "dynamodb:GetItem"
      Resource  = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1a2b3c4d" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_dynamodb_resource_policy" "open" {
  resource_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Anyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["dynamodb:GetItem", "dynamodb:Scan"]
      Resource  = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}`, Fails: []string{"aws_dynamodb_resource_policy.open"}}},
	Check: resourcePolicyCheck("policy", "table resource policy"),
}

var sesIdentityPolicyNotPublic = &scanner.Rule{
	ID:    "aws-ses-identity-policy-not-public",
	Title: "SES sending authorization policies do not let everyone send as the identity",
	Description: "A sending authorization policy on an SES email address or domain identity that allows Principal " +
		"\"*\" lets any AWS account send email as the identity (ses:SendEmail, ses:SendRawEmail): phishing from a " +
		"domain your customers trust, and a reputation that suspends your own sending. SOC 2 CC6.6 and CC6.1 " +
		"expect access to be limited to authorised principals. Policies of aws_ses_identity_policy and " +
		"aws_sesv2_email_identity_policy are read." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_ses_identity_policy", "aws_sesv2_email_identity_policy"},
	Remediation:   "Name the delegate sender accounts or roles, or limit the statement with aws:SourceAccount or aws:PrincipalOrgID.",
	RemediationCode: `resource "aws_sesv2_email_identity_policy" "delegate" {
  email_identity = aws_sesv2_email_identity.example.email_identity
  policy_name    = "delegate"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = ["ses:SendEmail", "ses:SendRawEmail"]
      Resource  = aws_sesv2_email_identity.example.arn
    }]
  })
}`,
	Links: []string{
		registryDoc("aws_ses_identity_policy", ""),
		registryDoc("aws_sesv2_email_identity_policy", ""),
		"https://docs.aws.amazon.com/ses/latest/dg/sending-authorization-policies.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_ses_identity_policy" "delegate" {
  identity = "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
  name     = "delegate"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = ["SES:SendEmail", "SES:SendRawEmail"]
      Resource  = "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
data "aws_iam_policy_document" "anyone" {
  statement {
    actions   = ["SES:SendEmail", "SES:SendRawEmail"]
    resources = ["arn:aws:ses:eu-west-1:123456789012:identity/example.com"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_ses_identity_policy" "anyone" {
  identity = "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
  name     = "anyone"
  policy   = data.aws_iam_policy_document.anyone.json
}

resource "aws_sesv2_email_identity_policy" "anyone" {
  email_identity = "example.com"
  policy_name    = "anyone"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "ses:SendEmail", Resource = "*" }]
  })
}`, Fails: []string{"aws_ses_identity_policy.anyone", "aws_sesv2_email_identity_policy.anyone"}}},
	Check: resourcePolicyCheck("policy", "sending authorization policy"),
}

var lambdaLayerPermissionNotPublic = &scanner.Rule{
	ID:    "aws-lambda-layer-version-permission-not-public",
	Title: "Lambda layer version permissions do not share a layer with every AWS account",
	Description: "An aws_lambda_layer_version_permission for principal \"*\" without organization_id lets every " +
		"AWS account use the layer version, and so download its code: libraries, internal tooling, and whatever " +
		"configuration or credentials were packaged with it. SOC 2 CC6.6 and CC6.1 expect access to be limited " +
		"to authorised principals; with organization_id, \"*\" means the accounts of that organization only.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_lambda_layer_version_permission"},
	Remediation:   "Share the layer with a specific account, or keep principal \"*\" and set organization_id.",
	RemediationCode: `resource "aws_lambda_layer_version_permission" "org" {
  layer_name      = aws_lambda_layer_version.shared.layer_name
  version_number  = aws_lambda_layer_version.shared.version
  statement_id    = "org-use"
  action          = "lambda:GetLayerVersion"
  principal       = "*"
  organization_id = data.aws_organizations_organization.current.id
}`,
	Links: []string{
		registryDoc("aws_lambda_layer_version_permission", ""),
		"https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_lambda_layer_version_permission" "org" {
  layer_name      = "shared"
  version_number  = 3
  statement_id    = "org-use"
  action          = "lambda:GetLayerVersion"
  principal       = "*"
  organization_id = "o-abc123"
}

resource "aws_lambda_layer_version_permission" "account" {
  layer_name     = "shared"
  version_number = 3
  statement_id   = "partner-use"
  action         = "lambda:GetLayerVersion"
  principal      = "210987654321"
}`}},
	Bad: []scanner.Example{{Code: `
variable "principal" {
  type = string
}

resource "aws_lambda_layer_version_permission" "anyone" {
  layer_name     = "shared"
  version_number = 3
  statement_id   = "anyone"
  action         = "lambda:GetLayerVersion"
  principal      = "*"
}

resource "aws_lambda_layer_version_permission" "maybe" {
  layer_name     = "shared"
  version_number = 3
  statement_id   = "maybe"
  action         = "lambda:GetLayerVersion"
  principal      = var.principal
}

# An input variable with no default may be given null: no limit.
variable "organization_id" {
  type = string
}

resource "aws_lambda_layer_version_permission" "maybe_org" {
  layer_name      = "shared"
  version_number  = 3
  statement_id    = "maybe-org"
  action          = "lambda:GetLayerVersion"
  principal       = "*"
  organization_id = var.organization_id
}`, Fails: []string{"aws_lambda_layer_version_permission.anyone"}, Unknowns: []string{"aws_lambda_layer_version_permission.maybe_org", "aws_lambda_layer_version_permission.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return checkPermissionPrincipal(r, []string{"organization_id"},
			"principal is \"*\" and organization_id is not set: every AWS account can use the layer version and download its code")
	},
}
