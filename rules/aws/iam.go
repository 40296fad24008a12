package aws

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Least privilege: identity policies that grant everything, whole services
// or any role to pass; administrator policies attached; policies attached
// to users; trust policies anyone (or any OIDC subject) can assume; and the
// account password policy.

var leastPrivilegeCriteria = scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "CC1.3"}}

// authenticationCriteria is the mapping of authentication controls such as
// the password policy.
var authenticationCriteria = scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.6"}}

const identityPolicyNote = " Every identity policy form is inspected: aws_iam_policy, aws_iam_role_policy, " +
	"aws_iam_user_policy, aws_iam_group_policy, inline_policy blocks of aws_iam_role and SSO permission-set inline " +
	"policies, written as JSON strings, heredocs, jsonencode() or aws_iam_policy_document data sources. Deny " +
	"statements are never findings." + everyResourceNote

// everyResourceNote is the one meaning of "every resource" that every
// least-privilege rule uses (everyResourceScope).
const everyResourceNote = " \"Every resource\" means, in every least-privilege rule: Resource \"*\", an all-resources " +
	"ARN (arn:*, arn:aws:*:*:*:*), NotResource, or an ARN whose resource part is only wildcards, optionally behind " +
	"a resource type (arn:aws:s3:::*, arn:aws:s3:::*/*, arn:aws:logs:*:*:*, arn:aws:ssm:*:*:parameter/*, " +
	"arn:aws:iam::123456789012:role/*), which names every resource of that kind the actions act on: s3:PutObject " +
	"on arn:aws:s3:::* is a write on every bucket, iam:PassRole on arn:aws:iam::*:role/* passes every role, and " +
	"Action \"*\" on arn:aws:s3:::* is every S3 action (a service wildcard, not full administrator access). An " +
	"action known to act on one resource type needs that type (iam:CreateAccessKey on every role grants nothing). " +
	"A pattern that names a resource is scoped even when it ends in a wildcard (arn:aws:s3:::reports/*, a log " +
	"group's :*, arn:aws:iam::…:role/service-role/*). A resource only known after apply is judged by what is known " +
	"of it: when only its partition, region or account is unknown, its written service and resource part decide " +
	"(arn:${local.partition}:iam::${local.account_id}:role/* is every role; the text after an unknown part is " +
	"kept for elements of a list written as a literal, such as a policy document's resources); a beginning that " +
	"names another service, or an unknown part inside the resource part (arn:aws:s3:::${var.bucket}/*, " +
	"…:role/${var.name}, taken as one named resource: a variable set to \"*\" would name every bucket or role, " +
	"but a pattern meant to cover every resource is written as one, and peer scanners read it so too), or an ARN " +
	"attribute AWS assigns to another resource (aws_iam_role.app.arn), is not every resource; anything else, such as a resource whose text after its " +
	"unknown account is not seen, is unknown."

var iamPolicyLinks = []string{
	"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
	"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document",
}

// allOf combines facts about a statement: it breaks the rule when all are
// yes, and is unknown when none is no.
func allOf(facts ...scanner.Tri) statementVerdict {
	all := scanner.AllOf(facts...)
	return statementVerdict{hit: all == scanner.Yes, unknown: all == scanner.Maybe}
}

// actionFact decides whether any action of a statement matches pred.
func actionFact(st iamStatement, pred func(string) bool) scanner.Tri {
	return scanner.TriOf(st.Action.Any(pred), st.Action.Unknown)
}

var iamPolicyNoFullAdmin = &scanner.Rule{
	ID:    "aws-iam-policy-no-full-admin",
	Title: "IAM policies do not grant every action on every resource",
	Description: "A statement that allows Action \"*\" on Resource \"*\" makes whoever holds the policy an " +
		"administrator of the account: they can read every data store, disable logging and grant themselves " +
		"anything else. SOC 2 CC6.3 expects access to follow least privilege and to be granted by role. Scoped " +
		"resources do not count: a log group ARN ending in :* or an S3 object path ending in /* is one " +
		"resource, and every resource of one service (arn:aws:s3:::*) is not every resource. NotResource with Action \"*\" counts as every resource." + identityPolicyNote + standaloneNote,
	Severity:        scanner.High,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Remediation: "Grant the specific actions the workload needs on the specific resources it uses; keep " +
		"administrator access to a break-glass role assumed with MFA, and suppress its finding with the reason.",
	RemediationCode: `data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.uploads.arn}/*"]
  }
}`,
	Links: iamPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "IAM Role With Full Privileges"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_1"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_62"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_63"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_49"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0057"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-no-policy-wildcards"},
		{Tool: scanner.ToolProwler, ID: "iam_customer_attached_policy_no_administrative_privileges"},
		{Tool: scanner.ToolProwler, ID: "iam_inline_policy_no_administrative_privileges"},
		{Tool: scanner.ToolKICS, ID: "IAM Policies With Full Privileges"},
		{Tool: scanner.ToolKICS, ID: "IAM Policy Grants Full Permissions"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_policy" "logs" {
  name = "write-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:aws:logs:eu-west-1:123456789012:log-group:/app/api:*"
      },
      {
        Effect   = "Allow"
        Action   = "s3:*"
        Resource = "arn:aws:s3:::acme-uploads/*"
      },
      {
        # Every action on every S3 resource is a service wildcard, which
        # aws-iam-policy-no-service-wildcard reports, not full admin.
        Effect   = "Allow"
        Action   = "*"
        Resource = "arn:aws:s3:::*"
      },
      {
        Effect   = "Deny"
        Action   = "*"
        Resource = "*"
        Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
      }
    ]
  })
}

data "aws_iam_policy_document" "scoped" {
  statement {
    actions   = ["*"]
    resources = ["arn:aws:s3:::acme-uploads/*"]
  }
}

# A statement naming a principal is a resource or trust policy's: the
# identity-policy rules leave a standalone one to the rules of those policies.
data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}`}},
	Bad: []scanner.Example{
		{Code: `
resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{"Sid": "Everything", "Effect": "Allow", "Action": "*", "Resource": "*"}]
    }
  EOF
}

resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
  inline_policy {
    name = "all"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["*:*"], NotResource = ["arn:aws:iam::*:role/breakglass"] }]
    })
  }
}`, Fails: []string{"aws_iam_policy.admin", "aws_iam_role.ci"},
			Expect: map[string]scanner.Expected{
				"aws_iam_policy.admin": {Line: 4, Message: `statement "Everything"`},
				"aws_iam_role.ci":      {Line: 20},
			}},
		{Code: `
variable "resources" {
  type = list(string)
}

data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "admin" {
  name   = "admin"
  user   = "alice"
  policy = data.aws_iam_policy_document.admin.json
}

data "aws_iam_policy_document" "maybe" {
  statement {
    actions   = ["*"]
    resources = var.resources
  }
}

resource "aws_iam_group_policy" "maybe" {
  name   = "maybe"
  group  = "ops"
  policy = data.aws_iam_policy_document.maybe.json
}`, NotApplicable: []string{"data.aws_iam_policy_document.admin", "data.aws_iam_policy_document.maybe"}, Fails: []string{"aws_iam_user_policy.admin"}, Unknowns: []string{"aws_iam_group_policy.maybe"},
			// A document known when loaded is read from the policy
			// argument; one only partly known, from the data source's
			// statement blocks. Each statement is reported once: on the
			// policy that consumes the document, not on the document.
			Expect: map[string]scanner.Expected{
				"aws_iam_user_policy.admin":  {Line: 16},
				"aws_iam_group_policy.maybe": {Line: 20, Message: "only known after apply"},
			}},
		{Code: `
data "aws_iam_policy_document" "standalone" {
  statement {
    sid       = "Admin"
    actions   = ["*"]
    resources = ["*"]
  }
}`, Fails: []string{"data.aws_iam_policy_document.standalone"},
			// A document no resource consumes is judged on its own, as
			// Checkov's fixtures declare only the data source.
			Expect: map[string]scanner.Expected{"data.aws_iam_policy_document.standalone": {Line: 3, Message: `statement "Admin"`}}},
		{Code: `
# No Effect: IAM rejects the statement, but what it is written to do is
# grant, as a policy document's statement does by default.
resource "aws_iam_role_policy" "no_effect" {
  name = "no-effect"
  role = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = "*", Resource = "*" }]
  })
}`, Fails: []string{"aws_iam_role_policy.no_effect"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return checkIdentityPolicies(r, ctx, func(st iamStatement) statementVerdict {
			grant, _, on := everyResourceGrant(st, isAllActions)
			v := allOf(effectAllows(st), grant)
			v.message = "allows every action (Action \"*\") on " + everyResourceText(on) + ": full administrator access"
			return v
		})
	},
}

var iamPolicyNoServiceWildcard = &scanner.Rule{
	ID:    "aws-iam-policy-no-service-wildcard",
	Title: "IAM policies do not grant every action of a service on every resource, nor every action on any resource",
	Description: "A statement such as s3:* or ec2:* on Resource \"*\" grants every present and future action of " +
		"the service, including destructive and permission-changing ones, on every resource of that kind in the " +
		"account. SOC 2 CC6.3 expects least privilege. Read-only patterns such as s3:Get* and wildcards on scoped " +
		"resources (a bucket's objects, a log group) are not findings. Action \"*\" is a finding on any resource: " +
		"on a named bucket or key it grants every action of every service that applies to it, including deleting " +
		"it and rewriting its policy (aws-iam-policy-no-full-admin also reports it on Resource \"*\")." +
		identityPolicyNote + standaloneNote,
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Params: []scanner.Param{{
		Name:        "allowed_services",
		Description: "Service prefixes (such as \"cloudwatch\") whose service-wide wildcard on every resource is accepted.",
		Default:     []string{},
	}},
	Remediation:     "List the actions the workload needs, and scope Resource to the resources it uses.",
	RemediationCode: "data \"aws_iam_policy_document\" \"queue\" {\n  statement {\n    actions   = [\"sqs:SendMessage\", \"sqs:GetQueueUrl\"]\n    resources = [aws_sqs_queue.jobs.arn]\n  }\n}",
	Links:           iamPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_63"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_49"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0057"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-no-policy-wildcards"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_role_policy" "reader" {
  name = "reader"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:Get*", "s3:List*"], Resource = "*" },
      { Effect = "Allow", Action = "sqs:*", Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" },
      { Effect = "Deny", Action = "iam:*", Resource = "*" },
      { Effect = "Allow", Action = "cloudwatch:*", Resource = "*" }
    ]
  })
}`, Params: map[string]any{"allowed_services": []string{"cloudwatch"}}}, {Code: `
variable "bucket" {
  type = string
}

variable "actions" {
  type = list(string)
}

resource "aws_iam_role_policy" "bucket" {
  name   = "bucket"
  role   = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::${var.bucket}", "arn:aws:s3:::${var.bucket}/*"]
    }
  ]
}
EOF
}

resource "aws_iam_role_policy" "dynamic" {
  name   = "dynamic"
  role   = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": ${jsonencode(var.actions)}, "Resource": "*" }]
}
EOF
}`, Unknowns: []string{"aws_iam_role_policy.dynamic"}}, {Code: `
# The bucket and its objects are both named from the bucket's ARN, which
# AWS assigns: s3:* is scoped to one bucket. A prefix from a variable
# without a value could be "*".
variable "prefix" {
  type = string
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"
}

data "aws_iam_policy_document" "exports" {
  statement {
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.exports.arn, "${aws_s3_bucket.exports.arn}/*"]
  }
}

data "aws_iam_policy_document" "prefixed" {
  statement {
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.exports.arn, "${var.prefix}/*"]
  }
}

resource "aws_iam_role_policy" "exports" {
  name   = "exports"
  role   = "app"
  policy = data.aws_iam_policy_document.exports.json
}

resource "aws_iam_role_policy" "prefixed" {
  name   = "prefixed"
  role   = "app"
  policy = data.aws_iam_policy_document.prefixed.json
}`, Unknowns: []string{"aws_iam_role_policy.prefixed"},
		NotApplicable: []string{"data.aws_iam_policy_document.exports", "data.aws_iam_policy_document.prefixed"}}, {Code: `
# Each value known only after apply is judged by the reference it is read
# from: a bucket's ARN (also with "/*" after it) names that bucket; a
# variable without a value could be "*". A bucket name written in the
# configuration is known, so the ARN built from it is judged as text.
variable "extra" {
  type = string
}

variable "name" {
  type = string
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket" "named" {
  bucket = var.name
}

resource "aws_iam_role_policy" "arn" {
  name = "arn"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_bucket.reports.arn }]
  })
}

resource "aws_iam_role_policy" "objects" {
  name = "objects"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "${aws_s3_bucket.reports.arn}/*" }]
  })
}

resource "aws_iam_role_policy" "by_name" {
  name = "by_name"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::${aws_s3_bucket.reports.bucket}/*" }]
  })
}

resource "aws_iam_role_policy" "heredoc" {
  name   = "heredoc"
  role   = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "${aws_s3_bucket.reports.arn}/*" }]
}
EOF
}

resource "aws_iam_role_policy" "arn_or_extra" {
  name = "arn_or_extra"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = [aws_s3_bucket.reports.arn, var.extra] }]
  })
}

resource "aws_iam_role_policy" "heredoc_extra" {
  name   = "heredoc_extra"
  role   = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": ["${aws_s3_bucket.reports.arn}", "${var.extra}"] }]
}
EOF
}

# The name of this bucket is the variable's value, which could be "*".
resource "aws_iam_role_policy" "by_variable_name" {
  name = "by_variable_name"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "${aws_s3_bucket.named.bucket}" }]
  })
}

# A known bucket name referenced next to a variable: the reference
# produces no unknown, the variable does.
data "aws_iam_policy_document" "name_or_extra" {
  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::${aws_s3_bucket.reports.bucket}/*", var.extra]
  }
}

resource "aws_iam_role_policy" "name_or_extra" {
  name   = "name_or_extra"
  role   = "app"
  policy = data.aws_iam_policy_document.name_or_extra.json
}`, Unknowns: []string{"aws_iam_role_policy.arn_or_extra", "aws_iam_role_policy.heredoc_extra",
		"aws_iam_role_policy.by_variable_name", "aws_iam_role_policy.name_or_extra"},
		NotApplicable: []string{"data.aws_iam_policy_document.name_or_extra"}}, {Code: `
# The aws_arn and aws_iam_session_context data sources return the ARN they
# are given, not one AWS assigns: read from a variable, it could be
# "arn:aws:s3:::*".
variable "target" {
  type = string
}

data "aws_arn" "target" {
  arn = var.target
}

data "aws_iam_session_context" "target" {
  arn = var.target
}

resource "aws_iam_role_policy" "parsed_arn" {
  name = "parsed_arn"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = [data.aws_arn.target.arn, data.aws_arn.target.id] }]
  })
}

resource "aws_iam_role_policy" "session_arn" {
  name = "session_arn"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = data.aws_iam_session_context.target.issuer_arn }]
  })
}`, Unknowns: []string{"aws_iam_role_policy.parsed_arn", "aws_iam_role_policy.session_arn"}}, {Code: `
# An attribute named like an identifier that the configuration writes is
# the configuration's value, read by a splat or a for expression too:
# this source_arn is a variable's, which could be "*".
variable "sources" {
  type = list(string)
}

resource "aws_lambda_permission" "s3" {
  count         = length(var.sources)
  function_name = "ingest"
  action        = "lambda:InvokeFunction"
  principal     = "s3.amazonaws.com"
  source_arn    = var.sources[count.index]
}

resource "aws_iam_role_policy" "splat" {
  name = "splat"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_lambda_permission.s3[*].source_arn }]
  })
}

resource "aws_iam_role_policy" "for" {
  name = "for"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = [for p in aws_lambda_permission.s3 : p.source_arn] }]
  })
}`, Unknowns: []string{"aws_iam_role_policy.splat", "aws_iam_role_policy.for"}}, {Code: `
# The id of an S3 object is the key the configuration gives it, and a key
# may be "*".
variable "key" {
  type = string
}

resource "aws_s3_object" "marker" {
  bucket  = "acme-reports"
  key     = var.key
  content = "ok"
}

resource "aws_iam_role_policy" "object_id" {
  name = "object_id"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_object.marker.id }]
  })
}`, Unknowns: []string{"aws_iam_role_policy.object_id"}}, {Code: `
# A policy document's resources read from an identifier-named argument
# the configuration writes: the variable's value, which could be "*".
variable "source" {
  type = string
}

resource "aws_lambda_permission" "s3" {
  function_name = "ingest"
  action        = "lambda:InvokeFunction"
  principal     = "s3.amazonaws.com"
  source_arn    = var.source
}

data "aws_iam_policy_document" "written" {
  statement {
    actions   = ["s3:*"]
    resources = [aws_lambda_permission.s3.source_arn]
  }
}

resource "aws_iam_role_policy" "written" {
  name   = "written"
  role   = "app"
  policy = data.aws_iam_policy_document.written.json
}`, Unknowns: []string{"aws_iam_role_policy.written"}, NotApplicable: []string{"data.aws_iam_policy_document.written"}}},
	Bad: []scanner.Example{{Code: `
variable "bucket" {
  type = string
}

resource "aws_iam_role_policy" "heredoc" {
  name   = "heredoc"
  role   = "ops"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${var.bucket}/*" },
    { "Effect": "Allow", "Action": "s3:*", "Resource": "*" }
  ]
}
EOF
}`, Fails: []string{"aws_iam_role_policy.heredoc"}}, {Code: `
resource "aws_iam_role_policy" "ops" {
  name = "ops"
  role = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = ["ec2:Describe*"], Resource = "*" },
      { Sid = "AllS3", Effect = "Allow", Action = ["s3:*"], Resource = ["*"] }
    ]
  })
}

resource "aws_iam_role_policy" "buckets" {
  name = "buckets"
  role = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = ["arn:aws:s3:::*"] }]
  })
}

resource "aws_iam_role_policy" "everything_on_s3" {
  name = "everything-on-s3"
  role = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::*" }]
  })
}`, Fails: []string{"aws_iam_role_policy.ops", "aws_iam_role_policy.buckets", "aws_iam_role_policy.everything_on_s3"},
		Expect: map[string]scanner.Expected{
			"aws_iam_role_policy.buckets":          {Message: `allows s3:* on every resource ("arn:aws:s3:::*")`},
			"aws_iam_role_policy.everything_on_s3": {Message: `allows s3:* on every resource ("arn:aws:s3:::*")`},
		}}, {Code: `
variable "archive_arn" {
  type = string
}

data "aws_iam_policy_document" "archive_admin" {
  statement {
    actions   = ["*"]
    resources = ["arn:aws:s3:::audit-archive", "arn:aws:s3:::audit-archive/*"]
  }
}

resource "aws_iam_role_policy" "key_admin" {
  name = "key-admin"
  role = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["*"], Resource = [var.archive_arn] }]
  })
}`, Fails: []string{"data.aws_iam_policy_document.archive_admin", "aws_iam_role_policy.key_admin"},
		Expect: map[string]scanner.Expected{
			"aws_iam_role_policy.key_admin": {Message: `allows every action ("*")`},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		allowed := allowedServices(ctx)
		var svc string
		pred := func(a string) bool {
			s := serviceWildcard(a)
			if s != "" && !allowed[s] {
				svc = a
				return true
			}
			return false
		}
		return checkIdentityPolicies(r, ctx, func(st iamStatement) statementVerdict {
			grant, _, on := everyResourceGrant(st, pred)
			v := allOf(effectAllows(st), grant)
			v.message = "allows " + svc + " on " + everyResourceText(on) + ": every action of the service, present and future"
			if v.hit {
				return v
			}
			// Action "*" on named resources grants every action of every
			// service on them; on Resource "*" the statement is also full
			// admin, which aws-iam-policy-no-full-admin reports as well.
			all := allOf(effectAllows(st), actionFact(st, func(a string) bool { return a == "*" }))
			all.message = "allows every action (\"*\") on " + quoteAll(st.Resource.Values)
			if all.hit {
				return all
			}
			v.unknown = v.unknown || all.unknown
			return v
		})
	},
}

var iamPolicyNoWildcardPassRole = &scanner.Rule{
	ID:    "aws-iam-policy-no-wildcard-passrole",
	Title: "IAM policies do not allow passing any role",
	Description: "iam:PassRole on every role lets the holder hand the most privileged role in the account to an " +
		"EC2 instance, Lambda function or other service they control, and act with its permissions: a classic " +
		"privilege escalation. SOC 2 CC6.3 expects least privilege and separation of duties. Actions that match " +
		"iam:PassRole (iam:PassRole, iam:Pass*, iam:*) on Resource \"*\" or on every role (…:role/*, arn:aws:iam::*:*) are reported, " +
		"with or without an iam:PassedToService condition, which limits the service but not the role. Action \"*\" " +
		"is reported by aws-iam-policy-no-full-admin instead." + identityPolicyNote + standaloneNote,
	Severity:        scanner.High,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Remediation:     "Name the roles that may be passed, and add an iam:PassedToService condition.",
	RemediationCode: `data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.app_task.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}`,
	Links: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0342"},
		{Tool: scanner.ToolProwler, ID: "iam_policy_allows_privilege_escalation"},
	},
	Good: []scanner.Example{{Code: `
data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::123456789012:role/app-task"]
  }
  statement {
    effect    = "Deny"
    actions   = ["iam:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "deployer"
  policy = data.aws_iam_policy_document.deployer.json
}

resource "aws_iam_role" "task" {
  name               = "task"
  assume_role_policy = "{}"
}

data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.task.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "ci" {
  name   = "ci"
  role   = "ci"
  policy = data.aws_iam_policy_document.ci.json
}

variable "role_name" {
  type = string
}

resource "aws_iam_role_policy" "scoped" {
  name = "scoped"
  role = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/service-role/*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:user/*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/${var.role_name}" }
    ]
  })
}`, NotApplicable: []string{"data.aws_iam_policy_document.ci", "data.aws_iam_policy_document.deployer"}}},
	Bad: []scanner.Example{{Code: `
data "aws_iam_policy_document" "deployer" {
  statement {
    sid       = "PassAnything"
    actions   = ["iam:Pass*", "ecs:RunTask"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "deployer"
  policy = data.aws_iam_policy_document.deployer.json
}

resource "aws_iam_role_policy" "ci" {
  name = "ci"
  role = "ci"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/*" }]
  })
}

resource "aws_iam_role_policy" "iam_all" {
  name = "iam-all"
  role = "ci"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::*:*" }]
  })
}

variable "account_id" {
  type = string
}

variable "partition" {
  type = string
}

# The account and partition are unknown, but the resource part is written:
# every role of the account.
data "aws_iam_policy_document" "any_account" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:${var.partition}:iam::${var.account_id}:role/*"]
  }
}

resource "aws_iam_policy" "any_account" {
  name   = "any-account"
  policy = data.aws_iam_policy_document.any_account.json
}

variable "role_arn" {
  type = string
}

data "aws_iam_policy_document" "maybe" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [var.role_arn]
  }
}

resource "aws_iam_policy" "maybe" {
  name   = "maybe"
  policy = data.aws_iam_policy_document.maybe.json
}`, NotApplicable: []string{"data.aws_iam_policy_document.any_account", "data.aws_iam_policy_document.deployer", "data.aws_iam_policy_document.maybe"}, Fails: []string{"aws_iam_policy.deployer", "aws_iam_role_policy.ci", "aws_iam_role_policy.iam_all", "aws_iam_policy.any_account"}, Unknowns: []string{"aws_iam_policy.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		passRole := func(a string) bool { return !isAllActions(a) && iamGlobMatch(a, "iam:PassRole", true) }
		return checkIdentityPolicies(r, ctx, func(st iamStatement) statementVerdict {
			v := allOf(effectAllows(st), actionFact(st, passRole), coversEveryResourceFor(st, "iam:PassRole"))
			v.message = "allows iam:PassRole on every role: the holder can give any role, including administrator roles, to a service they control"
			return v
		})
	},
}

var iamPolicyNoAllowNotAction = &scanner.Rule{
	ID:    "aws-iam-policy-no-allow-notaction",
	Title: "IAM policies do not allow everything except a list of actions",
	Description: "Allow with NotAction on every resource grants every action except the ones listed, including " +
		"every action of every service AWS adds later. It is how PowerUser-style policies are written and is " +
		"almost always broader than intended. SOC 2 CC6.3 expects permissions to be granted, not carved out. Deny " +
		"with NotAction (\"deny everything except\") is a sound pattern and is not a finding." + identityPolicyNote + standaloneNote,
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Remediation:     "Replace NotAction with the list of actions the holder needs.",
	RemediationCode: "data \"aws_iam_policy_document\" \"developer\" {\n  statement {\n    actions   = [\"ecs:UpdateService\", \"ecs:DescribeServices\"]\n    resources = [aws_ecs_service.api.id]\n  }\n}",
	Links:           iamPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0057"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_policy" "require_mfa" {
  name = "require-mfa"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:ChangePassword", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

resource "aws_iam_policy" "one_bucket" {
  name = "one-bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", NotAction = ["s3:DeleteBucket"], Resource = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"] },
      { Effect = "Allow", NotAction = ["s3:*"], Resource = "arn:aws:s3:::*" }
    ]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_policy" "power_user" {
  name = "power-user"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["iam:*", "organizations:*"]
      Resource  = "*"
    }]
  })
}

resource "aws_iam_policy" "all_s3_but_delete" {
  name = "all-s3-but-delete"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = ["s3:DeleteBucket"], Resource = "arn:aws:s3:::*" }]
  })
}`, Fails: []string{"aws_iam_policy.power_user", "aws_iam_policy.all_s3_but_delete"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return checkIdentityPolicies(r, ctx, func(st iamStatement) statementVerdict {
			grant, _, on := everyResourceGrant(st, func(string) bool { return true })
			v := allOf(effectAllows(st), scanner.TriOf(st.NotAction.Present && !st.Action.Present, false), grant)
			v.message = "allows " + describeActions(st) + " on " + everyResourceText(on)
			return v
		})
	},
}

// managedPolicyArgs returns the arguments of r that attach managed
// policies.
func managedPolicyArgs(r *scanner.Resource) []scanner.Value {
	switch r.Type {
	case "aws_iam_role":
		return []scanner.Value{r.Attr("managed_policy_arns")}
	case "aws_iam_role_policy_attachments_exclusive", "aws_iam_user_policy_attachments_exclusive", "aws_iam_group_policy_attachments_exclusive":
		return []scanner.Value{r.Attr("policy_arns")}
	case "aws_ssoadmin_managed_policy_attachment":
		return []scanner.Value{r.Attr("managed_policy_arn")}
	}
	return []scanner.Value{r.Attr("policy_arn")}
}

// attachedPolicyNames returns the AWS managed policy names a policy-ARN
// argument (a string or a list) attaches, following references to
// data "aws_iam_policy" lookups; incomplete reports ARNs that cannot be
// decided.
func attachedPolicyNames(v scanner.Value, ix *scanner.Index) (names []string, incomplete bool) {
	if v.IsNull() {
		return nil, false
	}
	var elems []cty.Value
	switch {
	case !v.Val.IsKnown():
		incomplete = true
	case v.Val.Type().IsPrimitiveType():
		elems = []cty.Value{v.Val}
	case v.Val.CanIterateElements():
		for it := v.Val.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, e)
		}
	}
	for _, e := range elems {
		if !e.IsKnown() {
			incomplete = true
			continue
		}
		if s, ok := (scanner.Value{Val: e, Present: true}).AsString(); ok {
			if name, ok := managedPolicyName(s); ok {
				names = append(names, name)
			}
		}
	}
	if !incomplete {
		return names, false
	}
	// An unknown ARN may come from data "aws_iam_policy" looked up by
	// name or ARN, or from a policy managed here.
	decided := true
	for _, ref := range ix.Resolve(v) {
		switch {
		case ref.Mode == "data" && ref.Type == "aws_iam_policy":
			if s, ok := ref.Attr("arn").AsString(); ok {
				if name, ok := managedPolicyName(s); ok {
					names = append(names, name)
				}
			} else if s, ok := ref.Attr("name").AsString(); ok {
				names = append(names, s)
			} else {
				decided = false
			}
		case ref.Mode == "managed" && ref.Type == "aws_iam_policy":
		default:
			decided = false
		}
	}
	return names, !decided || len(ix.Resolve(v)) == 0
}

var iamNoAdministratorAccessAttached = &scanner.Rule{
	ID:    "aws-iam-no-administrator-access-attached",
	Title: "Administrator-equivalent managed policies (AdministratorAccess, IAMFullAccess) are not attached to users, groups or roles",
	Description: "Attaching AWS's AdministratorAccess policy grants every action on every resource; whoever " +
		"holds it can read all data, erase logs and change everyone's permissions. IAMFullAccess is the same in " +
		"two steps: iam:* lets the holder attach AdministratorAccess (or any policy) to itself, so it is listed " +
		"by default too. SOC 2 CC6.3 expects privileged " +
		"access to be exceptional, reviewed and separated. Every attachment form is inspected: " +
		"aws_iam_{role,user,group}_policy_attachment, aws_iam_policy_attachment, managed_policy_arns of aws_iam_role, " +
		"the *_policy_attachments_exclusive resources and SSO permission-set attachments, in any partition, " +
		"including ARNs looked up with data \"aws_iam_policy\". The list of forbidden managed policies is a parameter.",
	Severity:      scanner.High,
	Criteria:      leastPrivilegeCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "aws_iam_role", "aws_iam_role_policy_attachments_exclusive", "aws_iam_user_policy_attachments_exclusive", "aws_iam_group_policy_attachments_exclusive", "aws_ssoadmin_managed_policy_attachment"},
	Params: []scanner.Param{{
		Name:        "privileged_managed_policies",
		Description: "Names of AWS managed policies that must not be attached (such as \"AdministratorAccess\", \"IAMFullAccess\").",
		Default:     []string{"AdministratorAccess", "IAMFullAccess"},
	}},
	Remediation: "Attach a policy scoped to the job instead. Keep administrator access to a break-glass role " +
		"assumed with MFA, and suppress this finding on it with the reason.",
	RemediationCode: `resource "aws_iam_role_policy_attachment" "readonly" {
  role       = aws_iam_role.auditor.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}`,
	Links: []string{
		"https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy_attachment",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_274"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_56"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_51"},
		{Tool: scanner.ToolProwler, ID: "iam_role_administratoraccess_policy"},
		{Tool: scanner.ToolProwler, ID: "iam_user_administrator_access_policy"},
		{Tool: scanner.ToolProwler, ID: "iam_group_administrator_access_policy"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_policy" "custom" {
  name   = "AdministratorAccess"
  policy = "{}"
}

resource "aws_iam_role_policy_attachment" "readonly" {
  role       = "auditor"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "iam_readonly" {
  role       = "auditor"
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "custom" {
  role       = "app"
  policy_arn = aws_iam_policy.custom.arn
}`}},
	Bad: []scanner.Example{{Code: `
variable "policy_arn" {
  type = string
}

data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "deployer" {
  role       = "deployer"
  policy_arn = data.aws_iam_policy.admin.arn
}

resource "aws_iam_role" "breakglass" {
  name                = "breakglass"
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"]
}

resource "aws_iam_policy_attachment" "ops" {
  name       = "ops"
  groups     = ["ops"]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user_policy_attachment" "maybe" {
  user       = "bob"
  policy_arn = var.policy_arn
}

resource "aws_iam_group_policy_attachment" "iam_admins" {
  group      = "iam-admins"
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}`, Fails: []string{"aws_iam_role_policy_attachment.deployer", "aws_iam_role.breakglass", "aws_iam_policy_attachment.ops", "aws_iam_group_policy_attachment.iam_admins"},
		Expect: map[string]scanner.Expected{"aws_iam_group_policy_attachment.iam_admins": {Message: "IAMFullAccess"}}, Unknowns: []string{"aws_iam_user_policy_attachment.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		forbidden := map[string]bool{}
		for _, p := range ctx.Strings("privileged_managed_policies") {
			forbidden[strings.ToLower(p)] = true
		}
		var unknown *scanner.Result
		for _, v := range managedPolicyArgs(r) {
			names, u := attachedPolicyNames(v, ctx.Index)
			for _, n := range names {
				if forbidden[strings.ToLower(n)] {
					return scanner.Failed(v.Range, "attaches the AWS managed policy %s", n)
				}
			}
			if u && unknown == nil {
				res := scanner.Unknowable(v.Range, "%s is only known after apply", v.Name)
				unknown = &res
			}
		}
		if unknown != nil {
			return *unknown
		}
		return scanner.Passed()
	},
}

var iamNoUserPolicies = &scanner.Rule{
	ID:    "aws-iam-no-user-policies",
	Title: "IAM policies are attached to groups or roles, not directly to users",
	Description: "Permissions attached to individual users escape role-based review: they accumulate as people " +
		"change jobs and are missed when access is reviewed by group or role. SOC 2 CC6.3 expects access to be " +
		"granted through roles and reviewed periodically. Inline user policies (aws_iam_user_policy), user " +
		"attachments (aws_iam_user_policy_attachment, aws_iam_user_policy_attachments_exclusive) and " +
		"aws_iam_policy_attachment with users are reported.",
	Severity:      scanner.Low,
	Criteria:      leastPrivilegeCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment", "aws_iam_user_policy_attachments_exclusive"},
	Remediation: "Put the user in a group that carries the policy (aws_iam_user_group_membership), or better, " +
		"give people roles through IAM Identity Center.",
	RemediationCode: `resource "aws_iam_group_policy_attachment" "developers" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.developer.arn
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.developers.name]
}`,
	Links: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_group_policy_attachment",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_40"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0143"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-no-user-attached-policies"},
		{Tool: scanner.ToolProwler, ID: "iam_policy_attached_only_to_group_or_roles"},
		{Tool: scanner.ToolKICS, ID: "IAM Policies Attached To User"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_policy_attachment" "developers" {
  name       = "developers"
  groups     = ["developers"]
  roles      = ["ci"]
  users      = []
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}`}},
	Bad: []scanner.Example{{Code: `
variable "users" {
  type = list(string)
}

resource "aws_iam_user_policy" "alice" {
  name   = "alice"
  user   = "alice"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme/*" }] })
}

resource "aws_iam_user_policy_attachment" "bob" {
  user       = "bob"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "mixed" {
  name       = "mixed"
  users      = ["carol"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "maybe" {
  name       = "maybe"
  users      = var.users
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}`, Fails: []string{"aws_iam_user_policy.alice", "aws_iam_user_policy_attachment.bob", "aws_iam_policy_attachment.mixed"}, Unknowns: []string{"aws_iam_policy_attachment.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		switch r.Type {
		case "aws_iam_user_policy":
			return scanner.Failed(r.Attr("user").Range, "an inline policy is attached directly to user %s", r.Attr("user").StringOr("(unknown)"))
		case "aws_iam_user_policy_attachment":
			return scanner.Failed(r.Attr("user").Range, "a managed policy is attached directly to user %s", r.Attr("user").StringOr("(unknown)"))
		}
		arg := "users"
		if r.Type == "aws_iam_user_policy_attachments_exclusive" {
			arg = "policy_arns"
		}
		v := r.Attr(arg)
		// A list of known length names users even when the names are
		// only known after apply.
		if v.IsSet() && v.Val.IsKnown() && v.Val.CanIterateElements() && v.Val.LengthInt() > 0 {
			return scanner.Failed(v.Range, "the policy is attached directly to users")
		}
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "%s is only known after apply", arg)
		}
		return scanner.Passed()
	},
}

var iamRoleTrustNotPublic = &scanner.Rule{
	ID:    "aws-iam-role-trust-not-public",
	Title: "IAM role trust policies do not let any principal assume the role",
	Description: "A trust policy that allows Principal \"*\" (or {\"AWS\": \"*\"}) to assume the role without a " +
		"condition naming the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, …) lets anyone " +
		"with an AWS account act with the role's permissions. sts:ExternalId alone does not count: it is a shared " +
		"secret, not an identity. SOC 2 CC6.3 and CC6.1 expect only authorised identities to receive access.",
	Severity:      scanner.Critical,
	Criteria:      leastPrivilegeCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_iam_role"},
	Remediation:   "Name the trusted accounts, roles or services, or require aws:PrincipalOrgID for your organization.",
	RemediationCode: `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:role/deployer"]
    }
  }
}`,
	Links: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role#assume_role_policy",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_60"},
		{Tool: scanner.ToolKICS, ID: "IAM Policy Grants 'AssumeRole' Permission Across All Services"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_role" "org" {
  name = "org-reader"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}

resource "aws_iam_role" "lambda" {
  name = "lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role" "deployer" {
  name               = "deployer"
  assume_role_policy = "{}"
}

data "aws_iam_policy_document" "from_deployer" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.deployer.arn]
    }
  }
}

resource "aws_iam_role" "target" {
  name               = "target"
  assume_role_policy = data.aws_iam_policy_document.from_deployer.json
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_role" "anyone" {
  name = "anyone"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { StringEquals = { "sts:ExternalId" = "s3cr3t" } }
    }]
  })
}

variable "trusted" {
  type = list(string)
}

data "aws_iam_policy_document" "maybe" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = var.trusted
    }
  }
}

resource "aws_iam_role" "maybe" {
  name               = "maybe"
  assume_role_policy = data.aws_iam_policy_document.maybe.json
}`, Fails: []string{"aws_iam_role.anyone"}, Unknowns: []string{"aws_iam_role.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return publicPolicyResult(r.Attr("assume_role_policy"), ctx.Index, "trust policy")
	},
}

// oidcSubjectKey returns the condition key that identifies the caller of a
// federated principal: <issuer>:sub for OIDC providers, the identity pool
// (cognito-identity.amazonaws.com:aud) for Cognito; "" for SAML providers,
// which this rule does not judge.
func oidcSubjectKey(federated string) string {
	switch {
	case strings.Contains(federated, ":saml-provider/"):
		return ""
	case strings.EqualFold(federated, "cognito-identity.amazonaws.com"):
		return "cognito-identity.amazonaws.com:aud"
	}
	issuer := federated
	if _, after, ok := strings.Cut(federated, ":oidc-provider/"); ok {
		issuer = after
	}
	return strings.ToLower(issuer) + ":sub"
}

// subIssuerKey reports a :sub condition key of an issuer below the
// provider's own (token.actions.githubusercontent.com/acme:sub for the
// provider token.actions.githubusercontent.com). GitHub Enterprise issues
// such tokens from its own path; a token of the provider's issuer has no
// such key, so a StringEquals or StringLike on it lets none of them in.
func subIssuerKey(k, key string) bool {
	issuer, ok := strings.CutSuffix(key, ":sub")
	return ok && issuer != "" && strings.HasSuffix(k, ":sub") && strings.HasPrefix(k, issuer+"/")
}

// restrictsSubject decides whether a condition pins the token subject.
// "*", and GitHub subjects that leave the owner open (repo:*), do not.
func restrictsSubject(c iamCondition, key string) scanner.Tri {
	// A condition that does not restrict is still a maybe while it is only
	// known after apply.
	otherwise := scanner.TriOf(false, c.Unknown)
	k := strings.ToLower(c.Key)
	if key != "" && k != key && !subIssuerKey(k, key) {
		return otherwise
	}
	if key == "" && !strings.HasSuffix(k, ":sub") {
		return otherwise
	}
	base, ifExists, forAll := conditionOperator(c.Operator)
	if ifExists || forAll || len(c.Values) == 0 {
		return otherwise
	}
	if base != "stringequals" && base != "stringlike" && base != "stringequalsignorecase" {
		return otherwise
	}
	for _, v := range c.Values {
		if isOpenPattern(v) || strings.HasPrefix(v, "repo:*") {
			return scanner.No
		}
	}
	return scanner.Yes
}

// trustDocumentNote says how the trust-policy rules judge policy documents
// (checkTrustPolicy).
const trustDocumentNote = " A standalone data \"aws_iam_policy_document\" with an sts:AssumeRole* statement is " +
	"judged on its own when no resource or data source of the configuration refers to it; one that a role " +
	"consumes is judged through the role, so that a statement is reported once."

var iamRoleOIDCTrustRestricted = &scanner.Rule{
	ID:    "aws-iam-role-oidc-trust-restricted",
	Title: "Roles trusted by OIDC identity providers are limited to specific subjects",
	Description: "A role that trusts an OIDC provider (GitHub Actions, GitLab, Terraform Cloud, an EKS cluster, " +
		"Cognito) without a condition on the token's subject can be assumed by every workload the provider issues " +
		"tokens for: any GitHub repository in the world, any Kubernetes service account in the cluster. The " +
		"audience (aud) alone does not help, because it is the same for everyone (sts.amazonaws.com). SOC 2 CC6.3 " +
		"and CC6.1 expect only authorised identities to receive access. A StringEquals or StringLike condition on " +
		"<issuer>:sub (cognito-identity.amazonaws.com:aud for Cognito) that names a subject passes; \"*\" and " +
		"repo:* do not. SAML federation is not judged." + trustDocumentNote,
	Severity:        scanner.Critical,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_iam_role"},
	DataSourceTypes: identityPolicyDataSources,
	Remediation:     "Add a condition on the token subject naming the repositories, branches or service accounts that may assume the role.",
	RemediationCode: `data "aws_iam_policy_document" "github" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:acme/infrastructure:ref:refs/heads/main"]
    }
  }
}`,
	Links: []string{
		"https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_358"},
		{Tool: scanner.ToolProwler, ID: "iam_role_github_oidc_trust_subject_restricted"},
	},
	Good: []scanner.Example{{Code: `
data "aws_iam_policy_document" "github" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:acme/infrastructure:*"]
    }
  }
}

resource "aws_iam_role" "github" {
  name               = "github-deploy"
  assume_role_policy = data.aws_iam_policy_document.github.json
}

resource "aws_iam_openid_connect_provider" "gitlab" {
  url            = "https://gitlab.com"
  client_id_list = ["https://gitlab.com"]
}

data "aws_iam_policy_document" "gitlab" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.gitlab.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "gitlab.com:sub"
      values   = ["project_path:acme/infrastructure:ref_type:branch:ref:main"]
    }
  }
}

resource "aws_iam_role" "gitlab" {
  name               = "gitlab-deploy"
  assume_role_policy = data.aws_iam_policy_document.gitlab.json
}

# A standalone trust document (its json used outside this configuration).
data "aws_iam_policy_document" "irsa_app" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"]
    }
    condition {
      test     = "StringEquals"
      variable = "oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub"
      values   = ["system:serviceaccount:app:web"]
    }
  }
}

# Not a trust policy: an identity policy.
data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

# The subject under an issuer path below the provider's (GitHub Enterprise):
# a token without that key matches no one.
data "aws_iam_policy_document" "enterprise" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com/acme:sub"
      values   = ["repo:acme/infrastructure:ref:refs/heads/main"]
    }
  }
}`, NotApplicable: []string{"data.aws_iam_policy_document.github", "data.aws_iam_policy_document.gitlab", "data.aws_iam_policy_document.read"}}},
	Bad: []scanner.Example{{Code: `
variable "subjects" {
  type = list(string)
}

resource "aws_iam_role" "github" {
  name = "github-deploy"
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

data "aws_iam_policy_document" "irsa" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"]
    }
    condition {
      test     = "StringLike"
      variable = "oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub"
      values   = var.subjects
    }
  }
}

resource "aws_iam_role" "irsa" {
  name               = "irsa"
  assume_role_policy = data.aws_iam_policy_document.irsa.json
}

# Standalone: judged on its own, as no resource here uses it.
data "aws_iam_policy_document" "github_any" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:*"]
    }
  }
}

# No actions written: a federated principal is only ever trusted to assume
# the role, so the statement is still read as that trust.
data "aws_iam_policy_document" "no_actions" {
  statement {
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
  }
}`, Fails: []string{"aws_iam_role.github", "data.aws_iam_policy_document.github_any", "data.aws_iam_policy_document.no_actions"}, Unknowns: []string{"aws_iam_role.irsa"},
		NotApplicable: []string{"data.aws_iam_policy_document.irsa"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return checkTrustPolicy(r, ctx, func(st iamStatement) statementVerdict {
			if effectAllows(st) == scanner.No {
				return statementVerdict{}
			}
			federated := st.Principal.Identifiers("Federated")
			var keys []string
			for _, f := range federated {
				if k := oidcSubjectKey(f); k != "" {
					keys = append(keys, k)
				}
			}
			if len(keys) == 0 {
				if (st.Principal.Unknown || st.Principal.HasUnknown("Federated")) && st.Action.Any(func(a string) bool { return iamGlobMatch(a, "sts:AssumeRoleWithWebIdentity", true) }) {
					keys = []string{""} // issuer unknown: any :sub key will do
				} else {
					return statementVerdict{}
				}
			}
			for _, key := range keys {
				restricted := scanner.TriOf(false, st.ConditionUnknown)
				for _, c := range st.Condition {
					restricted = restricted.Or(restrictsSubject(c, key))
				}
				if restricted == scanner.Yes {
					continue
				}
				if restricted == scanner.Maybe || key == "" || st.Effect == "" {
					return statementVerdict{unknown: true}
				}
				return statementVerdict{hit: true, message: "trusts an OIDC identity provider without a condition on " + key + ": every identity the provider issues tokens for can assume the role"}
			}
			return statementVerdict{}
		})
	},
}

var passwordPolicyLinks = []string{
	"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_account_password_policy",
	"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
}

var iamPasswordPolicyMinLength = &scanner.Rule{
	ID:    "aws-iam-password-policy-min-length",
	Title: "The IAM password policy requires long passwords",
	Description: "Short passwords fall to guessing and cracking; length is the property that matters most. SOC 2 " +
		"CC6.1 expects users to be authenticated with credentials that resist attack, and CIS AWS asks for at least " +
		"14 characters. minimum_password_length defaults to 6 when unset.",
	Severity:        scanner.Medium,
	Criteria:        authenticationCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_iam_account_password_policy"},
	Params:          []scanner.Param{{Name: "min_length", Description: "Smallest acceptable minimum_password_length.", Default: 14, Min: 6, Max: 128}},
	Remediation:     "Set minimum_password_length to 14 or more (and prefer SSO with MFA over IAM user passwords).",
	RemediationCode: "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length = 14\n}",
	Links:           passwordPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_10"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0063"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-set-minimum-password-length"},
		{Tool: scanner.ToolProwler, ID: "iam_password_policy_minimum_length_14"},
		{Tool: scanner.ToolKICS, ID: "IAM Password Without Minimum Length"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 16
}`}},
	Bad: []scanner.Example{
		{Code: `
resource "aws_iam_account_password_policy" "weak" {
  minimum_password_length = 8
}`, Fails: []string{"aws_iam_account_password_policy.weak"}},
		{Code: `
resource "aws_iam_account_password_policy" "default" {
  require_symbols = true
}`, Fails: []string{"aws_iam_account_password_policy.default"}},
		{Code: `
resource "aws_iam_account_password_policy" "almost" {
  minimum_password_length = 16
}`, Params: map[string]any{"min_length": 20}, Fails: []string{"aws_iam_account_password_policy.almost"}},
		{Code: `
# The iam-account submodule's default is 8 characters.
module "account" {
  source        = "terraform-aws-modules/iam/aws//modules/iam-account"
  version       = "~> 6.0"
  account_alias = "acme"
}`, Fails: []string{"module.account.aws_iam_account_password_policy.this[0]"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireAtLeast(r.Attr("minimum_password_length"), ctx.Int("min_length"), 6, "minimum_password_length")
	},
}

// requireAtLeast passes when v (def when unset) is at least least.
func requireAtLeast(v scanner.Value, least, def int, name string) scanner.Result {
	if v.IsUnknown() {
		return scanner.Unknowable(v.Range, "%s is only known after apply", name)
	}
	n, ok := v.AsInt()
	if !ok {
		if def >= least {
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "%s is not set (AWS uses %d); at least %d is required", name, def, least)
	}
	if int(n) < least {
		return scanner.Failed(v.Range, "%s is %d; at least %d is required", name, n, least)
	}
	return scanner.Passed()
}

var iamPasswordPolicyReusePrevention = &scanner.Rule{
	ID:    "aws-iam-password-policy-reuse-prevention",
	Title: "The IAM password policy prevents password reuse",
	Description: "Without reuse prevention a user forced to change a compromised password can switch back to it. " +
		"SOC 2 CC6.1 expects credentials that, once revoked, stay revoked; CIS AWS asks to remember 24 passwords. " +
		"password_reuse_prevention is off when unset.",
	Severity:        scanner.Medium,
	Criteria:        authenticationCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_iam_account_password_policy"},
	Params:          []scanner.Param{{Name: "min_reuse_prevention", Description: "Smallest acceptable password_reuse_prevention (AWS allows at most 24).", Default: 24, Min: 1, Max: 24}},
	Remediation:     "Set password_reuse_prevention = 24.",
	RemediationCode: "resource \"aws_iam_account_password_policy\" \"strict\" {\n  password_reuse_prevention = 24\n}",
	Links:           passwordPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_13"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0056"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-no-password-reuse"},
		{Tool: scanner.ToolProwler, ID: "iam_password_policy_reuse_24"},
		{Tool: scanner.ToolKICS, ID: "Password Without Reuse Prevention"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_account_password_policy" "strict" {
  password_reuse_prevention = 24
}`}},
	Bad: []scanner.Example{{Code: `
variable "reuse" {
  type = number
}

resource "aws_iam_account_password_policy" "weak" {
  password_reuse_prevention = 5
}

resource "aws_iam_account_password_policy" "maybe" {
  password_reuse_prevention = var.reuse
}`, Fails: []string{"aws_iam_account_password_policy.weak"}, Unknowns: []string{"aws_iam_account_password_policy.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireAtLeast(r.Attr("password_reuse_prevention"), ctx.Int("min_reuse_prevention"), 0, "password_reuse_prevention")
	},
}

var iamPasswordPolicyComplexity = &scanner.Rule{
	ID:    "aws-iam-password-policy-complexity",
	Title: "The IAM password policy requires upper case, lower case, numbers and symbols",
	Description: "Character-class requirements widen the search space for guessing attacks on IAM user " +
		"passwords. SOC 2 CC6.1 expects credentials that resist attack; CIS AWS and most auditors still ask for " +
		"all four classes. Each require_* argument is false when unset. The aws-iam-password-policy-requires-* " +
		"rules of the single classes say which of them is not required.",
	Severity:      scanner.Low,
	Criteria:      authenticationCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_iam_account_password_policy"},
	Remediation:   "Set require_uppercase_characters, require_lowercase_characters, require_numbers and require_symbols to true.",
	RemediationCode: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length      = 14
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = true
  password_reuse_prevention    = 24
}`,
	Links: passwordPolicyLinks,
	Good: []scanner.Example{{Code: `
resource "aws_iam_account_password_policy" "strict" {
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_account_password_policy" "weak" {
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
}

variable "upper" {
  type = bool
}

# A class only known after apply does not hide one known to be off.
resource "aws_iam_account_password_policy" "no_numbers" {
  require_uppercase_characters = var.upper
  require_lowercase_characters = true
  require_numbers              = false
  require_symbols              = true
}`, Fails: []string{"aws_iam_account_password_policy.weak", "aws_iam_account_password_policy.no_numbers"},
		Expect: map[string]scanner.Expected{"aws_iam_account_password_policy.no_numbers": {Line: 16, Message: "require_numbers = false"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		results := make([]scanner.Result, 0, len(passwordClassFlags))
		for _, name := range passwordClassFlags {
			results = append(results, flagOnCheck(name, passwordClassEffect)(r, ctx))
		}
		return worst(results...)
	},
}

var iamPolicyNoWildcardActions = &scanner.Rule{
	ID:    "aws-iam-policy-no-wildcard-actions",
	Title: "IAM policies do not grant every action, or every action of a service, on any resource",
	Description: "Action \"*\" or a service-wide wildcard such as s3:* or dynamodb:* grants every present and future " +
		"action of the service, including deleting, re-configuring and re-permissioning, even when Resource names " +
		"a single bucket or table. SOC 2 CC6.3 expects the actions granted to be the ones the holder needs. This " +
		"rule looks at the actions alone; aws-iam-policy-no-full-admin and aws-iam-policy-no-service-wildcard " +
		"report the same wildcards on Resource \"*\" with a higher severity." + identityPolicyNote + standaloneNote,
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Params: []scanner.Param{{
		Name:        "allowed_services",
		Description: "Service prefixes (such as \"cloudwatch\") whose service-wide wildcard is accepted.",
		Default:     []string{},
	}},
	Remediation:     "List the actions the holder needs instead of the wildcard.",
	RemediationCode: "data \"aws_iam_policy_document\" \"uploads\" {\n  statement {\n    actions   = [\"s3:GetObject\", \"s3:PutObject\"]\n    resources = [\"${aws_s3_bucket.uploads.arn}/*\"]\n  }\n}",
	Links:           iamPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0345"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0057"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-no-policy-wildcards"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_role_policy" "uploads" {
  name = "uploads"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "s3:List*"], Resource = "arn:aws:s3:::uploads/*" },
      { Effect = "Deny", Action = "s3:*", Resource = "arn:aws:s3:::audit/*" }
    ]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_role_policy" "table" {
  name = "table"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "AllDynamo", Effect = "Allow", Action = "dynamodb:*", Resource = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders" }]
  })
}

data "aws_iam_policy_document" "bucket_admin" {
  statement {
    actions   = ["*"]
    resources = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "bucket_admin" {
  name   = "bucket-admin"
  policy = data.aws_iam_policy_document.bucket_admin.json
}

variable "actions" {
  type = list(string)
}

data "aws_iam_policy_document" "maybe" {
  statement {
    actions   = var.actions
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "maybe" {
  name   = "maybe"
  policy = data.aws_iam_policy_document.maybe.json
}

resource "aws_iam_policy" "broken" {
  name   = "broken"
  policy = <<-EOT
    { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject" ]
  EOT
}`, NotApplicable: []string{"data.aws_iam_policy_document.bucket_admin", "data.aws_iam_policy_document.maybe"}, Fails: []string{"aws_iam_role_policy.table", "aws_iam_policy.bucket_admin", "aws_iam_policy.broken"}, Unknowns: []string{"aws_iam_policy.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_iam_role_policy.table": {Message: `"dynamodb:*"`},
			"aws_iam_policy.broken":     {Line: 41, Message: "policy is not valid JSON"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		allowed := allowedServices(ctx)
		var found string
		pred := func(a string) bool {
			if isWildcardAction(a, allowed) {
				found = a
				return true
			}
			return false
		}
		return checkIdentityPolicies(r, ctx, func(st iamStatement) statementVerdict {
			v := allOf(effectAllows(st), actionFact(st, pred))
			v.message = "allows " + quoteAll([]string{found}) + ": every action it covers, present and future, on " + describeResources(st)
			return v
		})
	},
}

// allowedServices reads the allowed_services parameter as a set of
// lower-case service prefixes.
func allowedServices(ctx *scanner.Context) map[string]bool {
	allowed := map[string]bool{}
	for _, s := range ctx.Strings("allowed_services") {
		allowed[strings.ToLower(s)] = true
	}
	return allowed
}

// describeResources renders a statement's resources for a message.
func describeResources(st iamStatement) string {
	switch {
	case st.NotResource.Present:
		return "every resource except " + quoteAll(st.NotResource.Values)
	case len(st.Resource.Values) == 0:
		return "its resources"
	}
	return quoteAll(st.Resource.Values)
}

var iamPolicyNoWriteOnAllResources = &scanner.Rule{
	ID:    "aws-iam-policy-no-write-on-all-resources",
	Title: "IAM policies do not allow write or permission-management actions on every resource without a condition",
	Description: "A write action (s3:PutObject, ec2:TerminateInstances, kms:Decrypt) or a permission-management " +
		"action (iam:AttachRolePolicy, s3:PutBucketPolicy) on Resource \"*\" applies to every resource of that kind " +
		"in the account, including ones created later and ones that belong to other teams. SOC 2 CC6.3 expects " +
		"access scoped to what the holder needs, and CC8.1 that changes are authorised. Read and list actions are " +
		"not findings. Whether an action writes is decided by the verb its name begins with, a documented " +
		"heuristic: names beginning with Get, List, Describe, Head, View, Search, Lookup, Query, Scan, Select, " +
		"BatchGet, BatchDescribe, BatchCheck, Check, Filter, Read, Estimate, Preview, Simulate, Download, Discover, Poll, " +
		"Receive, Validate or Test read; every other action, and any wildcard that can match " +
		"one (s3:*, s3:Put*), writes (athena:StartQueryExecution writes its results, ssm:StartSession opens a " +
		"shell). A table of exceptions by action prefix overrides the verb where AWS's access level differs: " +
		"eks:Access* (AccessKubernetesApi), ec2:ExportClientVpn*, logs:StartQuery and a few others read; " +
		"scaling, lifecycle and retention policies and network and WAF ACLs are writes, not permission " +
		"management. A statement with any Condition is taken as constrained. Actions that AWS " +
		"only grants on Resource \"*\" (cloudwatch:PutMetricData, the network-interface actions of VPC Lambda " +
		"functions, every action of Amazon Inspector Classic, which supports no resource ARN at all, …) are listed in " +
		"the unrestrictable_actions parameter and are not findings. So is " +
		"iam:CreateVirtualMFADevice: users name their own virtual MFA devices, so AWS's self-service MFA policy " +
		"grants it on every device (arn:aws:iam::…:mfa/*), and the device it creates grants nothing until " +
		"iam:EnableMFADevice, scoped to the user's own ARN, binds it. And so is logs:CreateLogGroup, which only " +
		"creates an empty log group: AWS's Lambda execution policies grant it on every log group of the account, " +
		"while writing into log groups (logs:PutLogEvents) stays a finding." + identityPolicyNote + standaloneNote,
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Params: []scanner.Param{{
		Name: "unrestrictable_actions",
		Description: "Write actions accepted on Resource \"*\" because AWS offers no resource-level permission for " +
			"them; entries are action names or IAM patterns (\"xray:Put*\").",
		Default: []string{
			"cloudwatch:PutMetricData", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
			"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
			"ec2:UnassignPrivateIpAddresses", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
			"ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel", "ssm:UpdateInstanceInformation",
			"ec2messages:*", "logs:CreateLogDelivery", "logs:PutResourcePolicy", "kms:CreateKey",
			"iam:CreateVirtualMFADevice", "logs:CreateLogGroup", "inspector:*",
		},
	}},
	Remediation: "Scope Resource to the ARNs the actions apply to, or add a condition (aws:ResourceTag, " +
		"aws:RequestedRegion, …) that limits them.",
	RemediationCode: `data "aws_iam_policy_document" "writer" {
  statement {
    actions   = ["sqs:SendMessage", "sqs:DeleteMessage"]
    resources = [aws_sqs_queue.jobs.arn]
  }
}`,
	Links: iamPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_356"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_355"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_290"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_289"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_111"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_109"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0055"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:Describe*", "s3:ListAllMyBuckets", "logs:StartQuery", "logs:GetQueryResults"], Resource = "*" },
      { Effect = "Allow", Action = ["eks:AccessKubernetesApi", "ec2:ExportClientVpnClientConfiguration"], Resource = "*" },
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = "arn:aws:s3:::uploads/*" },
      { Effect = "Allow", Action = ["logs:PutLogEvents"], Resource = "arn:aws:logs:*:*:log-group:/aws/lambda/*" },
      { Effect = "Allow", Action = ["s3:GetObject", "ec2:StopInstances"], Resource = "arn:aws:s3:::*" },
      { Effect = "Allow", Action = ["cloudwatch:PutMetricData"], Resource = "*" },
      { Effect = "Allow", Action = ["inspector:StartAssessmentRun"], Resource = "*" },
      { Effect = "Allow", Action = ["iam:CreateVirtualMFADevice"], Resource = "arn:aws:iam::123456789012:mfa/*" },
      { Effect = "Allow", Action = "logs:CreateLogGroup", Resource = "arn:aws:logs:eu-west-1:123456789012:*" },
      { Effect = "Allow", Action = ["iam:EnableMFADevice"], Resource = "arn:aws:iam::123456789012:user/$${aws:username}" },
      {
        Effect    = "Allow"
        Action    = ["ec2:StopInstances"]
        Resource  = "*"
        Condition = { StringEquals = { "aws:ResourceTag/team" = "batch" } }
      },
      { Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*" }
    ]
  })
}`}, {Code: `
# Resources built from ARNs AWS assigns name those resources, never "*".
variable "archive" {
  type = string
}

resource "aws_s3_bucket" "uploads" {
  bucket = "uploads"
}

resource "aws_s3_bucket" "inbox" {
  for_each = toset(["eu", "us"])
  bucket   = "inbox-${each.key}"
}

resource "aws_iam_role_policy" "uploader" {
  name = "uploader"
  role = "uploader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = format("%s/*", aws_s3_bucket.uploads.arn) },
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = [for b in aws_s3_bucket.inbox : "${b.arn}/*"] },
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = coalesce(aws_s3_bucket.uploads.arn, "") },
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = [aws_s3_bucket.uploads.arn, "arn:aws:s3:::${var.archive}/*"] },
    ]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_role_policy" "ops" {
  name = "ops"
  role = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = ["ec2:Describe*"], Resource = "*" },
      { Sid = "Stop", Effect = "Allow", Action = ["ec2:StopInstances"], Resource = "*" }
    ]
  })
}

resource "aws_iam_role_policy" "analyst" {
  name = "analyst"
  role = "analyst"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Query", Effect = "Allow", Action = ["athena:GetQueryResults", "athena:StartQueryExecution"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "shell" {
  name = "shell"
  role = "shell"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Shell", Effect = "Allow", Action = "ssm:StartSession", Resource = "*" }]
  })
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Tag"
    actions   = ["ec2:CreateTags"]
    resources = ["arn:aws:ec2:*:*:instance/*"]
  }
}

# Standalone: no resource consumes it. It merges "base", which is therefore
# judged through it, once.
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "every_bucket" {
  name = "every-bucket"
  role = "uploader"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Put", Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::*/*" }]
  })
}

resource "aws_iam_role_policy" "scaling" {
  name = "scaling"
  role = "scaling"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Scale", Effect = "Allow", Action = "autoscaling:PutScalingPolicy", Resource = "*" }]
  })
}

data "aws_iam_policy_document" "grants" {
  statement {
    actions   = ["iam:AttachRolePolicy"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "grants" {
  name   = "grants"
  policy = data.aws_iam_policy_document.grants.json
}

variable "resources" {
  type = list(string)
}

data "aws_iam_policy_document" "maybe" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = var.resources
  }
}

resource "aws_iam_policy" "maybe" {
  name   = "maybe"
  policy = data.aws_iam_policy_document.maybe.json
}

resource "aws_iam_role_policy" "lambda_logs" {
  name = "lambda-logs"
  role = "lambda"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Logs", Effect = "Allow", Action = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" }]
  })
}`, NotApplicable: []string{"data.aws_iam_policy_document.base", "data.aws_iam_policy_document.grants", "data.aws_iam_policy_document.maybe"}, Fails: []string{"aws_iam_role_policy.ops", "aws_iam_policy.grants", "aws_iam_role_policy.analyst", "aws_iam_role_policy.lambda_logs", "aws_iam_role_policy.shell", "aws_iam_role_policy.scaling", "aws_iam_role_policy.every_bucket", "data.aws_iam_policy_document.merged"}, Unknowns: []string{"aws_iam_policy.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_iam_role_policy.lambda_logs":     {Message: `"logs:CreateLogStream"`},
			"aws_iam_role_policy.analyst":         {Message: `allows the write action "athena:StartQueryExecution"`},
			"aws_iam_role_policy.shell":           {Message: `allows the write action "ssm:StartSession"`},
			"aws_iam_role_policy.scaling":         {Message: `allows the write action "autoscaling:PutScalingPolicy"`},
			"aws_iam_role_policy.every_bucket":    {Message: `allows the write action "s3:PutObject" on every resource ("arn:aws:s3:::*/*")`},
			"data.aws_iam_policy_document.merged": {Line: 43, Message: `statement "Tag": allows the write action "ec2:CreateTags" on every resource ("arn:aws:ec2:*:*:instance/*")`},
			"aws_iam_role_policy.ops":             {Message: `statement "Stop": allows the write action "ec2:StopInstances"`},
			"aws_iam_policy.grants":               {Message: "permission-management"},
		}}, {Code: `
# The text around a variable decides nothing when the variable may be "*".
variable "resource" {
  type = string
}

resource "aws_iam_role_policy" "formatted" {
  name = "formatted"
  role = "uploader"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = format("%s", var.resource) }]
  })
}

resource "aws_s3_bucket" "drop" {
  bucket = "drop"
}

resource "aws_iam_role_policy" "fallback" {
  name = "fallback"
  role = "uploader"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = coalesce(aws_s3_bucket.drop.arn, var.resource) }]
  })
}

resource "aws_iam_role_policy" "beside" {
  name = "beside"
  role = "uploader"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = [aws_s3_bucket.drop.arn, var.resource] }]
  })
}

resource "aws_iam_role_policy" "every_object" {
  name = "every-object"
  role = "uploader"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = format("arn:aws:s3:::%s/*", "*") }]
  })
}`, Fails: []string{"aws_iam_role_policy.every_object"}, Unknowns: []string{"aws_iam_role_policy.formatted", "aws_iam_role_policy.fallback", "aws_iam_role_policy.beside"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		exempt := ctx.Strings("unrestrictable_actions")
		var found string
		pred := func(a string) bool {
			if !isWriteAction(a) || isExemptAction(a, exempt) {
				return false
			}
			found = a
			return true
		}
		return checkIdentityPolicies(r, ctx, func(st iamStatement) statementVerdict {
			grant, _, on := everyResourceGrant(st, pred)
			v := allOf(effectAllows(st), grant, unconditioned(st))
			kind := "write action"
			if isPermissionsManagement(found) || isAllActions(found) {
				kind = "permission-management action"
			}
			what := quoteAll([]string{found})
			if !st.Action.Present {
				what = quoteAll([]string{found}) + " (" + describeActions(st) + ")"
			}
			v.message = "allows the " + kind + " " + what + " on " + everyResourceText(on) + " without a condition"
			return v
		})
	},
}

// isExemptAction reports whether an action pattern is one of the accepted
// patterns: the same pattern, or a single action an accepted pattern
// matches.
func isExemptAction(a string, exempt []string) bool {
	for _, e := range exempt {
		if strings.EqualFold(e, a) || (!strings.ContainsAny(a, "*?") && iamGlobMatch(e, a, true)) {
			return true
		}
	}
	return false
}

var iamPolicyNoAllowNotResource = &scanner.Rule{
	ID:    "aws-iam-policy-no-allow-notresource",
	Title: "IAM policies do not allow actions on everything except a list of resources",
	Description: "Allow with NotResource grants the actions on every resource except the ones listed, including " +
		"every resource created later, in every account the policy's holder can reach. It is almost always " +
		"broader than intended. SOC 2 CC6.3 expects permissions to be granted, not carved out. Deny with " +
		"NotResource is a sound pattern and is not a finding." + identityPolicyNote + standaloneNote,
	Severity:        scanner.Medium,
	Criteria:        leastPrivilegeCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Remediation:     "Replace NotResource with the list of resources the holder needs.",
	RemediationCode: "data \"aws_iam_policy_document\" \"reports\" {\n  statement {\n    actions   = [\"s3:GetObject\"]\n    resources = [\"${aws_s3_bucket.reports.arn}/*\"]\n  }\n}",
	Links:           iamPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0057"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_policy" "protect_audit" {
  name = "protect-audit"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Deny"
      Action      = "s3:*"
      NotResource = ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"]
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_policy" "all_but_audit" {
  name = "all-but-audit"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Allow"
      Action      = ["s3:GetObject"]
      NotResource = "arn:aws:s3:::audit/*"
    }]
  })
}

variable "effect" {
  type = string
}

resource "aws_iam_policy" "maybe" {
  name = "maybe"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = var.effect
      Action      = ["s3:GetObject"]
      NotResource = "arn:aws:s3:::audit/*"
    }]
  })
}`, Fails: []string{"aws_iam_policy.all_but_audit"}, Unknowns: []string{"aws_iam_policy.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return checkIdentityPolicies(r, ctx, func(st iamStatement) statementVerdict {
			v := allOf(effectAllows(st), scanner.TriOf(st.NotResource.Present, false))
			v.message = "allows " + describeActions(st) + " on " + describeResources(st)
			return v
		})
	},
}

// accountOf returns the account a principal identifier names as a whole:
// a bare account ID or the account's root ARN
// (arn:aws:iam::123456789012:root); ok is false for specific roles and
// users, services and anything else.
func accountOf(id string) (string, bool) {
	if awsAccountID().MatchString(id) {
		return id, true
	}
	m := accountRootARN().FindStringSubmatch(id)
	if m == nil {
		return "", false
	}
	return m[1], true
}

var (
	awsAccountID   = lazyre.New(`^\d{12}$`)
	accountRootARN = lazyre.New(`^arn:aws[a-z-]*:iam::(\d{12}):root$`)
)

var iamRoleTrustCrossAccountCondition = &scanner.Rule{
	ID:    "aws-iam-role-trust-cross-account-condition",
	Title: "IAM role trust policies that trust another account require a condition",
	Description: "A trust policy that names a whole account (its ID or arn:aws:iam::<account>:root) lets every " +
		"identity of that account whose own policies allow it assume the role: the other account's " +
		"administrators decide who gets in. Without a condition (sts:ExternalId for a third party, " +
		"aws:PrincipalArn, aws:PrincipalOrgID, aws:MultiFactorAuthPresent, …) nothing on this side narrows it, " +
		"and a vendor's account can be used as a confused deputy. SOC 2 CC6.3 and CC9.2 expect access granted to " +
		"outside parties to be limited. The accounts of your own organisation are listed in the " +
		"trusted_accounts parameter; a statement naming only those, or naming specific roles or users, is not " +
		"a finding. A condition that only requires aws:MultiFactorAuthPresent to be false narrows nothing and does " +
		"not count. Anyone (Principal \"*\") is reported by aws-iam-role-trust-not-public." + trustDocumentNote,
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "CC9.2"}},
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_iam_role"},
	DataSourceTypes: identityPolicyDataSources,
	Params: []scanner.Param{{
		Name:        "trusted_accounts",
		Description: "Account IDs (your own organisation's) that may be trusted as a whole without a condition.",
		Default:     []string{},
	}},
	Remediation: "Require sts:ExternalId for a third party, or name the specific role that may assume this one, " +
		"or add a condition such as aws:PrincipalOrgID.",
	RemediationCode: `data "aws_iam_policy_document" "vendor" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.vendor_external_id]
    }
  }
}`,
	Links: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_61"},
		{Tool: scanner.ToolKICS, ID: "IAM Role Allows All Principals To Assume"},
		{Tool: scanner.ToolKICS, ID: "Cross-Account IAM Assume Role Policy Without ExternalId or MFA"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_role" "vendor" {
  name = "vendor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Condition = { StringEquals = { "sts:ExternalId" = "7d1f0c" } }
    }]
  })
}

resource "aws_iam_role" "people" {
  name = "people"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::210987654321:role/ci" } }]
  })
}

resource "aws_iam_role" "own_org" {
  name = "own-org"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "111111111111" } }]
  })
}

# A standalone trust document (its json used outside this configuration).
data "aws_iam_policy_document" "vendor_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["7d1f0c"]
    }
  }
}

# Not a trust policy: a resource policy for another account.
data "aws_iam_policy_document" "bucket_read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
  }
}`, Params: map[string]any{"trusted_accounts": []string{"111111111111"}},
		NotApplicable: []string{"data.aws_iam_policy_document.bucket_read"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_role" "vendor" {
  name = "vendor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = ["arn:aws:iam::210987654321:root"] }
    }]
  })
}

variable "accounts" {
  type = list(string)
}

data "aws_iam_policy_document" "maybe" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = var.accounts
    }
  }
}

resource "aws_iam_role" "maybe" {
  name               = "maybe"
  assume_role_policy = data.aws_iam_policy_document.maybe.json
}

# Asking for MFA to be absent narrows nothing down.
resource "aws_iam_role" "no_mfa" {
  name = "no-mfa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

# Standalone: judged on its own, as no resource here uses it.
data "aws_iam_policy_document" "vendor_trust" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "AWS"
      identifiers = ["210987654321"]
    }
  }
}`, Fails: []string{"aws_iam_role.vendor", "aws_iam_role.no_mfa", "data.aws_iam_policy_document.vendor_trust"}, Unknowns: []string{"aws_iam_role.maybe"},
		NotApplicable: []string{"data.aws_iam_policy_document.maybe"},
		Expect:        map[string]scanner.Expected{"aws_iam_role.vendor": {Message: "210987654321"}, "data.aws_iam_policy_document.vendor_trust": {Message: "210987654321"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		trusted := map[string]bool{}
		for _, a := range ctx.Strings("trusted_accounts") {
			trusted[a] = true
		}
		var found string
		return checkTrustPolicy(r, ctx, func(st iamStatement) statementVerdict {
			outside := scanner.No
			for _, id := range st.Principal.Identifiers("AWS") {
				if acct, ok := accountOf(id); ok && !trusted[acct] {
					outside, found = scanner.Yes, acct
					break
				}
			}
			if outside == scanner.No && st.Principal.HasUnknown("AWS") {
				outside = scanner.Maybe
			}
			v := allOf(effectAllows(st), outside, trustUnconditioned(st))
			v.message = "trusts every identity of account " + found + " without a condition (sts:ExternalId, aws:PrincipalArn, aws:PrincipalOrgID, …)"
			return v
		})
	},
}

// trustUnconditioned is unconditioned for a trust statement, except that a
// condition which only asks for the absence of MFA (Bool or BoolIfExists
// aws:MultiFactorAuthPresent = false) does not count: it narrows nothing
// down to a person or a party, it only lets in the sessions that skipped
// MFA.
func trustUnconditioned(st iamStatement) scanner.Tri {
	if st.ConditionUnknown || len(st.Condition) == 0 {
		return unconditioned(st)
	}
	for _, c := range st.Condition {
		if !mfaAbsentCondition(c) {
			return scanner.No
		}
	}
	return scanner.Yes
}

// mfaAbsentCondition reports whether c is known to be
// aws:MultiFactorAuthPresent = false under a Bool operator.
func mfaAbsentCondition(c iamCondition) bool {
	if c.Unknown || !strings.EqualFold(c.Key, "aws:MultiFactorAuthPresent") || len(c.Values) == 0 {
		return false
	}
	switch strings.ToLower(c.Operator) {
	case "bool", "boolifexists":
	default:
		return false
	}
	for _, v := range c.Values {
		if !strings.EqualFold(v, "false") {
			return false
		}
	}
	return true
}
