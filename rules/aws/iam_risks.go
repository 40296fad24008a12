package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Risk classes of identity policies: actions that, granted on every
// resource without a condition, let the holder read the data stores and
// secrets of the account (data exfiltration), obtain credentials (credentials
// exposure), or make themselves more powerful (privilege escalation). Each
// rule asks one question of the same policy sources as the other
// least-privilege rules; a grant is judged per action, so that "s3:*",
// "s3:Get*", Action "*" and Allow with NotAction all count when they cover a
// listed action.

// riskNote explains, for every rule of this file, what counts as unrestricted.
const riskNote = " An action counts when an Allow statement grants it, by name or by a pattern that covers it " +
	"(s3:Get*, s3:*, \"*\", compared case-insensitively as IAM does), or by NotAction that does not exclude it; on " +
	"every resource it acts on (see below); and without any Condition, which is taken as the constraint that " +
	"scopes it. Action \"*\" and " +
	"service-wide wildcards are findings of this rule too, as in Checkov, although " +
	"aws-iam-policy-no-full-admin and aws-iam-policy-no-service-wildcard report them as well: each rule answers " +
	"its own question, and suppressing one must not hide the others. Resource policies (bucket, key and queue " +
	"policies) are not read here: what they grant depends on their Principal, which the public-exposure and " +
	"cross-account rules judge." + identityPolicyNote + standaloneNote

// arnType is the service an action's resources belong to in ARNs and
// their resource type, where the listed actions act on one kind of
// resource: iam:CreateAccessKey acts on users, so a pattern naming every
// role does not grant it, and sts:AssumeRole acts on roles, whose ARNs are
// IAM's.
type arnType struct{ service, typ string }

var actionResourceTypes = map[string]arnType{}

func init() {
	for typ, actions := range map[arnType][]string{
		{"iam", "user"}: {"iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
			"iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential",
			"iam:DeleteUserPermissionsBoundary"},
		{"iam", "group"}: {"iam:AddUserToGroup", "iam:PutGroupPolicy", "iam:AttachGroupPolicy"},
		{"iam", "role"}: {"iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PassRole", "sts:AssumeRole",
			"iam:DeleteRolePermissionsBoundary"},
		{"iam", "policy"}:            {"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"},
		{"ssm", "parameter"}:         {"ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"},
		{"secretsmanager", "secret"}: {"secretsmanager:GetSecretValue"},
		{"lambda", "function"}:       {"lambda:UpdateFunctionCode", "lambda:InvokeFunction"},
		{"glue", "devEndpoint"}:      {"glue:UpdateDevEndpoint", "glue:CreateDevEndpoint"},
		{"ec2", "instance"}:          {"ec2:GetPasswordData"},
		{"rds-db", "dbuser"}:         {"rds-db:connect"},
		{"redshift", "dbuser"}:       {"redshift:GetClusterCredentials", "redshift:GetClusterCredentialsWithIAM"},
	} {
		for _, a := range actions {
			actionResourceTypes[strings.ToLower(a)] = typ
		}
	}
}

// grantsAction decides whether a statement's actions cover action: an
// Action element that matches it, or NotAction with no element that does.
func grantsAction(st iamStatement, action string) scanner.Tri {
	switch {
	case st.Action.Present:
		match := st.Action.Any(func(p string) bool { return iamGlobMatch(p, action, true) })
		return scanner.TriOf(match, st.Action.Unknown)
	case st.NotAction.Present:
		if st.NotAction.Any(func(p string) bool { return iamGlobMatch(p, action, true) }) {
			return scanner.No
		}
		if st.NotAction.Unknown {
			return scanner.Maybe
		}
		return scanner.Yes
	}
	return scanner.No
}

// unrestrictedGrant decides whether a statement grants action on every
// resource it applies to without a condition.
func unrestrictedGrant(st iamStatement, action string) scanner.Tri {
	return scanner.AllOf(effectAllows(st), grantsAction(st, action), coversEveryResourceFor(st, action), unconditioned(st))
}

// actionGrant is what the policies of a resource decide about one action:
// whether some statement grants it without restriction, the first statement
// that does (or might), and where the policy is only known after apply.
type actionGrant struct {
	tri scanner.Tri
	st  iamStatement
	at  scanner.Range
	// action is the action this grant is about.
	action string
	// partly reports a Maybe that comes from a policy only partly known
	// (a statement or a whole document that cannot be read yet) rather
	// than from a statement that is read.
	partly bool
}

// unknownResult is the unknown result of a grant that is Maybe.
func (g actionGrant) unknownResult() scanner.Result {
	if g.partly {
		return scanner.Unknowable(g.at, "the policy is only fully known after apply; what it grants on every resource cannot be decided yet")
	}
	if grantsAction(g.st, g.action) == scanner.Maybe {
		return scanner.Unknowable(g.at, "%s: its actions are only known after apply, and may include one this rule looks for on every resource",
			statementName(g.st))
	}
	return scanner.Unknowable(g.at, "%s: whether it grants %s on every resource without a condition depends on values only known after apply",
		statementName(g.st), g.action)
}

// unrestrictedGrants reads every identity policy of r once and decides,
// for each action, whether some statement grants it without restriction.
// A policy that is not valid is returned as a failing result. A policy
// with parts only known after apply makes every action it is not known to
// grant Maybe.
func unrestrictedGrants(r *scanner.Resource, ctx *scanner.Context, actions []string) (map[string]actionGrant, *scanner.Result) {
	if skip := standaloneDocument(r, ctx.Index); skip != nil {
		return nil, skip
	}
	grants := make(map[string]actionGrant, len(actions))
	var unknownAt *scanner.Range
	policies, incomplete := identityPolicies(r)
	if incomplete {
		rng := r.Range
		unknownAt = &rng
	}
	for _, v := range policies {
		if isEmptyPolicy(v) {
			continue
		}
		doc, err := readPolicy(v, ctx.Index)
		if err != nil {
			res := invalidPolicyResult(v, err)
			return nil, &res
		}
		if doc == nil {
			continue
		}
		if doc.Unknown && unknownAt == nil {
			rng := doc.Range
			unknownAt = &rng
		}
		for _, st := range doc.Statements {
			if skipStatement(r, st) {
				continue
			}
			for _, a := range actions {
				if t := unrestrictedGrant(st, a); t > grants[a].tri {
					grants[a] = actionGrant{tri: t, st: st, at: st.Range, action: a}
				}
			}
		}
	}
	if unknownAt != nil {
		for _, a := range actions {
			if grants[a].tri == scanner.No {
				grants[a] = actionGrant{tri: scanner.Maybe, at: *unknownAt, action: a, partly: true}
			}
		}
	}
	return grants, nil
}

// grantedBy names the elements of a statement that grant action, for a
// message: `"s3:Get*"`, or NotAction.
func grantedBy(st iamStatement, action string) string {
	if !st.Action.Present {
		return "NotAction " + quoteAll(st.NotAction.Values)
	}
	var out []string
	for _, p := range st.Action.Values {
		if iamGlobMatch(p, action, true) {
			out = append(out, p)
		}
	}
	return quoteAll(out)
}

// describeGrant renders one granted action for a message.
func describeGrant(action string, g actionGrant) string {
	by := grantedBy(g.st, action)
	if by == `"`+action+`"` {
		return action
	}
	return action + " (through " + by + ")"
}

// checkRiskyActions fails r when some statement grants one of actions
// without restriction. The message names the action and how it is granted.
func checkRiskyActions(r *scanner.Resource, ctx *scanner.Context, actions []string, what string) scanner.Result {
	grants, invalid := unrestrictedGrants(r, ctx, actions)
	if invalid != nil {
		return *invalid
	}
	var unknown *actionGrant
	for _, a := range actions {
		switch g := grants[a]; g.tri {
		case scanner.Yes:
			return scanner.Failed(g.st.Range, "%s: allows %s on every resource without a condition: %s",
				statementName(g.st), describeGrant(a, g), what)
		case scanner.Maybe:
			if unknown == nil || (unknown.partly && !g.partly) {
				unknown = &g
			}
		}
	}
	if unknown != nil {
		return unknown.unknownResult()
	}
	return scanner.Passed()
}

// dataExfiltrationActions are the read actions that return the contents of
// data stores and secrets: those Checkov (through Cloudsplaining) lists,
// plus the data-plane reads of the other stores that hold customer data
// (an object's older versions, DynamoDB items, SQS messages, Kinesis
// records). Each acts on named resources, so granting it on every one is a
// choice, never a limit of IAM; metadata reads (List*, Describe*) are not
// listed: they name data but do not return it.
var dataExfiltrationActions = []string{
	"s3:GetObject",
	"s3:GetObjectVersion",
	"ssm:GetParameter",
	"ssm:GetParameters",
	"ssm:GetParametersByPath",
	"secretsmanager:GetSecretValue",
	"dynamodb:GetItem",
	"dynamodb:BatchGetItem",
	"dynamodb:Query",
	"dynamodb:Scan",
	"sqs:ReceiveMessage",
	"kinesis:GetRecords",
}

var iamPolicyNoDataExfiltration = &scanner.Rule{
	ID:    "aws-iam-policy-no-data-exfiltration",
	Title: "IAM policies do not allow reading every object, item, message, parameter or secret without a condition",
	Description: "s3:GetObject, ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath and " +
		"secretsmanager:GetSecretValue on every resource let the holder read every object in every bucket and " +
		"every parameter and secret of the account, including those of other teams and those created later: " +
		"unrestricted s3:GetObject is behind many data leaks, and Parameter Store and Secrets Manager hold " +
		"credentials. The same holds for the other data-plane reads listed by default: s3:GetObjectVersion, " +
		"DynamoDB's GetItem, BatchGetItem, Query and Scan, sqs:ReceiveMessage and kinesis:GetRecords return the " +
		"items, messages and records of every table, queue and stream. Metadata reads (List*, Describe*) are not " +
		"listed. These are read actions, which aws-iam-policy-no-write-on-all-resources does not report. " +
		"SOC 2 CC6.1 and CC6.3 expect access to data to be limited to what the holder needs, and C1.1 that " +
		"confidential information is protected. The list of actions is a parameter." + riskNote,
	Severity:        scanner.Medium,
	Criteria:        scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "C1.1"}},
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Params: []scanner.Param{{
		Name:        "actions",
		Description: "Read actions that are findings when granted on every resource without a condition.",
		Default:     dataExfiltrationActions,
	}},
	Remediation: "Scope the read actions to the buckets, parameter paths and secrets the workload uses, or add a " +
		"condition (aws:ResourceTag, s3:prefix, …) that limits them.",
	RemediationCode: `data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.uploads.arn}/*"]
  }
  statement {
    actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:eu-west-1:123456789012:parameter/app/*"]
  }
}`,
	Links: append([]string{"https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/"}, iamPolicyLinks...),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_288"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_108"},
	},
	Good: []scanner.Example{{Code: `
variable "bucket" {
  type = string
}

resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"], Resource = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"] },
      { Effect = "Allow", Action = "s3:Get*", Resource = "arn:aws:s3:::${var.bucket}/*" },
      { Effect = "Allow", Action = "ssm:GetParameter*", Resource = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/*" },
      { Effect = "Allow", Action = "s3:ListAllMyBuckets", Resource = "*" },
      { Effect = "Allow", Action = ["dynamodb:ListTables", "dynamodb:DescribeTable", "sqs:ListQueues"], Resource = "*" },
      { Effect = "Allow", Action = ["dynamodb:Query", "dynamodb:GetItem"], Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/*"] },
      { Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" },
      {
        Effect    = "Allow"
        Action    = "secretsmanager:GetSecretValue"
        Resource  = "*"
        Condition = { StringEquals = { "aws:ResourceTag/app" = "api" } }
      },
      { Effect = "Deny", Action = "s3:*", Resource = "*" },
      { Effect = "Allow", NotAction = ["s3:*", "ssm:*", "secretsmanager:*"], Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" }
    ]
  })
}

resource "aws_iam_role" "secret" {
  name               = "secret"
  assume_role_policy = "{}"
}

resource "aws_secretsmanager_secret" "db" {
  name = "db"
}

data "aws_iam_policy_document" "db" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.db.arn]
  }
}

resource "aws_iam_policy" "db" {
  name   = "db"
  policy = data.aws_iam_policy_document.db.json
}`, NotApplicable: []string{"data.aws_iam_policy_document.db"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_role_policy" "reader" {
  name = "reader"
  role = "reader"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "ReadAll", Effect = "Allow", Action = ["S3:getobject"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "buckets" {
  name   = "buckets"
  role   = "reader"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::*/*" }]
    }
  EOF
}

data "aws_iam_policy_document" "params" {
  statement {
    sid       = "Params"
    actions   = ["ssm:*"]
    resources = ["arn:aws:ssm:*:*:parameter/*"]
  }
}

resource "aws_iam_policy" "params" {
  name   = "params"
  policy = data.aws_iam_policy_document.params.json
}

resource "aws_iam_role_policy" "tables" {
  name = "tables"
  role = "reader"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = { Effect = "Allow", Action = ["dynamodb:Query", "dynamodb:GetItem"], Resource = "arn:aws:dynamodb:*:*:table/*" }
  })
}

resource "aws_iam_user_policy" "notaction" {
  name = "notaction"
  user = "alice"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = ["iam:*"], Resource = "*" }]
  })
}

variable "actions" {
  type = list(string)
}

resource "aws_iam_group_policy" "maybe" {
  name  = "maybe"
  group = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}

variable "secret_arns" {
  type = list(string)
}

data "aws_iam_policy_document" "maybe_secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = var.secret_arns
  }
}

resource "aws_iam_policy" "maybe_secrets" {
  name   = "maybe-secrets"
  policy = data.aws_iam_policy_document.maybe_secrets.json
}`, NotApplicable: []string{"data.aws_iam_policy_document.maybe_secrets", "data.aws_iam_policy_document.params"}, Fails: []string{"aws_iam_role_policy.reader", "aws_iam_role_policy.buckets", "aws_iam_policy.params", "aws_iam_role_policy.tables", "aws_iam_user_policy.notaction"},
		Unknowns: []string{"aws_iam_group_policy.maybe", "aws_iam_policy.maybe_secrets"},
		Expect: map[string]scanner.Expected{
			"aws_iam_role_policy.reader":    {Message: `statement "ReadAll": allows s3:GetObject (through "S3:getobject")`},
			"aws_iam_role_policy.buckets":   {Message: `s3:GetObject (through "s3:Get*")`},
			"aws_iam_policy.params":         {Line: 32, Message: `ssm:GetParameter (through "ssm:*")`},
			"aws_iam_role_policy.tables":    {Message: "allows dynamodb:GetItem on every resource"},
			"aws_iam_user_policy.notaction": {Message: `through NotAction "iam:*"`},
			"aws_iam_group_policy.maybe":    {Message: "its actions are only known after apply"},
			"aws_iam_policy.maybe_secrets":  {Message: "whether it grants secretsmanager:GetSecretValue on every resource"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return checkRiskyActions(r, ctx, ctx.Strings("actions"),
			"the holder can read every object, item, message, parameter or secret it covers")
	},
}

// credentialsExposureActions are the actions whose response holds
// credentials (access keys, passwords, tokens, temporary security
// credentials), as Cloudsplaining lists them for Checkov, without
// ecr:GetAuthorizationToken and ecr-public:GetAuthorizationToken: AWS only
// grants those on Resource "*", every image pull needs them, and the token
// they return allows only what the holder's other ECR permissions allow.
var credentialsExposureActions = []string{
	"airflow:CreateCliToken",
	"airflow:CreateWebLoginToken",
	"appsync:CreateApiKey",
	"chime:CreateApiKey",
	"cloud9:CreateEnvironmentToken",
	"codeartifact:GetAuthorizationToken",
	"codepipeline:PollForJobs",
	"cognito-identity:GetCredentialsForIdentity",
	"cognito-identity:GetOpenIdToken",
	"cognito-identity:GetOpenIdTokenForDeveloperIdentity",
	"cognito-idp:GetSigningCertificate",
	"connect:GetFederationToken",
	"ec2:GetPasswordData",
	"emr-containers:GetManagedEndpointSessionCredentials",
	"finspace-api:GetProgrammaticAccessCredentials",
	"gamelift:GetComputeAccess",
	"gamelift:GetComputeAuthToken",
	"gamelift:GetInstanceAccess",
	"gamelift:RequestUploadCredentials",
	"grafana:CreateWorkspaceApiKey",
	"iam:CreateAccessKey",
	"iam:CreateLoginProfile",
	"iam:CreateServiceSpecificCredential",
	"iam:ResetServiceSpecificCredential",
	"iam:UpdateAccessKey",
	"license-manager:GetAccessToken",
	"lightsail:CreateBucketAccessKey",
	"lightsail:DownloadDefaultKeyPair",
	"lightsail:GetInstanceAccessDetails",
	"lightsail:GetRelationalDatabaseMasterUserPassword",
	"mediapackage:RotateChannelCredentials",
	"mediapackage:RotateIngestEndpointCredentials",
	"rds-db:connect",
	"redshift:GetClusterCredentials",
	"redshift:GetClusterCredentialsWithIAM",
	"redshift-serverless:GetCredentials",
	"sso:GetRoleCredentials",
	"sts:AssumeRole",
	"sts:AssumeRoleWithSAML",
	"sts:AssumeRoleWithWebIdentity",
	"sts:GetFederationToken",
	"sts:GetSessionToken",
}

var iamPolicyNoCredentialsExposure = &scanner.Rule{
	ID:    "aws-iam-policy-no-credentials-exposure",
	Title: "IAM policies do not allow obtaining credentials for every resource without a condition",
	Description: "Actions such as iam:CreateAccessKey, iam:UpdateAccessKey, iam:CreateLoginProfile, sts:AssumeRole, " +
		"sts:GetFederationToken, ec2:GetPasswordData, redshift:GetClusterCredentials and rds-db:connect return " +
		"credentials. On every resource they let the holder mint access keys or passwords for any user, assume any " +
		"role that trusts the account, or sign in to any database, and so act as someone else: the credentials " +
		"outlive the session that obtained them and escape the holder's own controls. SOC 2 CC6.1 expects " +
		"credentials to be issued to authorised users only, and CC6.3 least privilege. The list of actions is a " +
		"parameter; by default it is Checkov's list without ecr:GetAuthorizationToken and " +
		"ecr-public:GetAuthorizationToken, which AWS grants only on Resource \"*\", every image pull needs, and whose " +
		"token allows only what the holder's other ECR permissions allow (Checkov excludes the first too)." + riskNote,
	Severity:        scanner.High,
	Criteria:        scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.3", "CC6.2"}},
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Params: []scanner.Param{{
		Name:        "actions",
		Description: "Actions that return credentials and are findings when granted on every resource without a condition.",
		Default:     credentialsExposureActions,
	}},
	Remediation: "Name the roles that may be assumed and the users whose keys may be managed (for self-service, " +
		"arn:aws:iam::ACCOUNT:user/${aws:username}), or add a condition that limits them.",
	RemediationCode: `data "aws_iam_policy_document" "self_service" {
  statement {
    actions   = ["iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey"]
    resources = ["arn:aws:iam::123456789012:user/$${aws:username}"]
  }
  statement {
    actions   = ["sts:AssumeRole"]
    resources = [aws_iam_role.deploy.arn]
  }
}`,
	Links: append([]string{"https://cloudsplaining.readthedocs.io/en/latest/glossary/credentials-exposure/"}, iamPolicyLinks...),
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_287"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_107"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_user_policy" "self_service" {
  name = "self-service"
  user = "alice"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["iam:*AccessKey*"], Resource = "arn:aws:iam::123456789012:user/$${aws:username}" },
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::123456789012:role/deploy" },
      { Effect = "Allow", Action = "ecr:GetAuthorizationToken", Resource = "*" },
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Resource  = "*"
        Condition = { StringEquals = { "aws:ResourceTag/assumable-by" = "ci" } }
      },
      { Effect = "Deny", Action = "iam:*", Resource = "*" },
      {
        Effect    = "Deny"
        NotAction = ["iam:ChangePassword", "sts:GetSessionToken"]
        Resource  = "*"
        Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
      }
    ]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_role_policy" "keys" {
  name = "keys"
  role = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Keys", Effect = "Allow", Action = ["IAM:createAccessKey"], Resource = ["*"] }]
  })
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = "{}"
  inline_policy {
    name = "assume"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "sts:Assume*", Resource = "arn:aws:iam::*:role/*" }]
    })
  }
}

data "aws_iam_policy_document" "users" {
  statement {
    actions   = ["iam:Update*"]
    resources = ["arn:aws:iam::123456789012:user/*"]
  }
}

resource "aws_iam_policy" "users" {
  name   = "users"
  policy = data.aws_iam_policy_document.users.json
}

variable "role_arn" {
  type = string
}

resource "aws_iam_policy" "maybe" {
  name = "maybe"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = var.role_arn }]
  })
}`, NotApplicable: []string{"data.aws_iam_policy_document.users"}, Fails: []string{"aws_iam_role_policy.keys", "aws_iam_role.ci", "aws_iam_policy.users"},
		Unknowns: []string{"aws_iam_policy.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_iam_role_policy.keys": {Message: `allows iam:CreateAccessKey (through "IAM:createAccessKey")`},
			"aws_iam_role.ci":          {Message: `sts:AssumeRole (through "sts:Assume*")`},
			"aws_iam_policy.users":     {Message: `iam:UpdateAccessKey (through "iam:Update*")`},
			"aws_iam_policy.maybe":     {Message: "whether it grants sts:AssumeRole on every resource"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return checkRiskyActions(r, ctx, ctx.Strings("actions"),
			"the holder can obtain credentials and act as another user, role or database user")
	},
}

// privilegeEscalationPaths are the known ways to gain more permissions, as
// sets of actions that together form one (Rhino Security Labs' methods, as
// Cloudsplaining lists them for Checkov): acting on other users' access,
// changing policies, changing a role's trust, and passing a role to a new
// compute resource or editing code that runs with a role.
var privilegeEscalationPaths = [][]string{
	{"iam:CreateAccessKey"},
	{"iam:CreateLoginProfile"},
	{"iam:UpdateLoginProfile"},
	{"iam:AddUserToGroup"},
	{"iam:CreatePolicyVersion"},
	{"iam:SetDefaultPolicyVersion"},
	{"iam:AttachUserPolicy"},
	{"iam:AttachGroupPolicy"},
	{"iam:AttachRolePolicy"},
	{"iam:PutUserPolicy"},
	{"iam:PutGroupPolicy"},
	{"iam:PutRolePolicy"},
	{"iam:UpdateAssumeRolePolicy"},
	{"glue:UpdateDevEndpoint"},
	{"lambda:UpdateFunctionCode"},
	{"iam:PassRole", "ec2:RunInstances"},
	{"iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"},
	{"iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"},
	{"iam:PassRole", "glue:CreateDevEndpoint"},
	{"iam:PassRole", "cloudformation:CreateStack"},
	{"iam:PassRole", "datapipeline:CreatePipeline"},
	// Removing a permissions boundary (as Trivy's AVD-AWS-0353 and
	// Pathfinding.cloud list it) frees every permission the boundary held
	// back, on the holder or on any user or role it can reach.
	{"iam:DeleteUserPermissionsBoundary"},
	{"iam:DeleteRolePermissionsBoundary"},
}

// kicsEscalationActions are the escalation paths KICS checks, one query
// for each of groups, roles and users, named by their actions as KICS
// writes them.
var kicsEscalationActions = []string{
	"'iam:AddUserToGroup'", "'iam:AttachGroupPolicy'", "'iam:AttachRolePolicy'", "'iam:AttachUserPolicy'",
	"'iam:CreateAccessKey'", "'iam:CreateLoginProfile'", "'iam:CreatePolicyVersion'", "'iam:PutGroupPolicy'",
	"'iam:PutRolePolicy'", "'iam:PutUserPolicy'", "'iam:SetDefaultPolicyVersion'", "'iam:UpdateLoginProfile'",
	"'glue:UpdateDevEndpoint'", "'lambda:UpdateFunctionCode'",
	"'ec2:RunInstances' And 'iam:PassRole'", "'glue:CreateDevEndpoint' And 'iam:PassRole'",
	"'cloudformation:CreateStack' And 'iam:PassRole'",
	"'lambda:CreateFunction' And 'iam:PassRole' And 'lambda:InvokeFunction'",
	"'iam:UpdateAssumeRolePolicy' And 'sts:AssumeRole'",
}

// kicsEscalationReferences names KICS's privilege escalation queries: each
// asks whether a group's, role's or user's policies grant one path of
// privilegeEscalationPaths on every resource, as this rule does.
func kicsEscalationReferences() []scanner.Reference {
	var refs []scanner.Reference
	for _, who := range []string{"Group", "Role", "User"} {
		for _, actions := range kicsEscalationActions {
			refs = append(refs, scanner.Reference{Tool: scanner.ToolKICS, ID: who + " With Privilege Escalation By Actions " + actions})
		}
	}
	return refs
}

var iamPolicyNoPrivilegeEscalation = &scanner.Rule{
	ID:    "aws-iam-policy-no-privilege-escalation",
	Title: "IAM policies do not allow privilege escalation on every resource without a condition",
	Description: "Some actions, alone or together, let the holder give themselves any permission: " +
		"iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:Attach*Policy and iam:Put*Policy rewrite or " +
		"attach policies; iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile and " +
		"iam:AddUserToGroup act on other users; iam:UpdateAssumeRolePolicy makes any role assumable; " +
		"iam:DeleteUserPermissionsBoundary and iam:DeleteRolePermissionsBoundary lift the guardrail a boundary sets; " +
		"lambda:UpdateFunctionCode and glue:UpdateDevEndpoint run code with an existing role; and iam:PassRole " +
		"together with ec2:RunInstances, lambda:CreateFunction with lambda:InvokeFunction or " +
		"lambda:CreateEventSourceMapping, glue:CreateDevEndpoint, cloudformation:CreateStack or " +
		"datapipeline:CreatePipeline runs new resources with any role. A policy fails when every action of one " +
		"such path is granted without restriction, in one statement or several of the resource's policies. SOC 2 " +
		"CC6.3 expects least privilege and separation of duties, and CC6.2 that access is granted through an " +
		"authorised process, which an escalation path bypasses. iam:PassRole alone on any role is reported by " +
		"aws-iam-policy-no-wildcard-passrole." + riskNote,
	Severity:        scanner.High,
	Criteria:        scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "CC6.2"}},
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   identityPolicyTypes,
	DataSourceTypes: identityPolicyDataSources,
	Remediation: "Grant the IAM write actions on the specific users, roles and policies they manage, add a " +
		"permissions boundary condition (iam:PermissionsBoundary) to those that create or change access, and " +
		"name the roles that may be passed and the functions that may be updated.",
	RemediationCode: `data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["lambda:UpdateFunctionCode"]
    resources = [aws_lambda_function.api.arn]
  }
  statement {
    actions   = ["iam:AttachRolePolicy"]
    resources = ["arn:aws:iam::123456789012:role/app-*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = ["arn:aws:iam::123456789012:policy/app-boundary"]
    }
  }
}`,
	Links: append([]string{
		"https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
		"https://cloudsplaining.readthedocs.io/en/latest/glossary/privilege-escalation/",
	}, iamPolicyLinks...),
	References: append([]scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_286"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_110"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_40"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0347"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0348"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0349"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0350"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0351"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0352"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0353"},
		{Tool: scanner.ToolProwler, ID: "iam_policy_allows_privilege_escalation"},
	}, kicsEscalationReferences()...),
	Good: []scanner.Example{{Code: `
resource "aws_iam_role_policy" "deployer" {
  name = "deployer"
  role = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["lambda:UpdateFunctionCode"], Resource = "arn:aws:lambda:eu-west-1:123456789012:function:api" },
      { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction", "ec2:RunInstances"], Resource = "*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/app-task" },
      { Effect = "Allow", Action = ["iam:Get*", "iam:List*"], Resource = "*" },
      {
        Effect    = "Allow"
        Action    = ["iam:AttachRolePolicy", "iam:PutRolePolicy"]
        Resource  = "*"
        Condition = { StringEquals = { "iam:PermissionsBoundary" = "arn:aws:iam::123456789012:policy/boundary" } }
      },
      { Effect = "Deny", Action = "iam:*", Resource = "*" }
    ]
  })
}

variable "account_id" {
  type = string
}

resource "aws_iam_role_policy" "pass_only" {
  name = "pass-only"
  role = "scheduler"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
      { Effect = "Allow", Action = "lambda:UpdateFunctionCode", Resource = "arn:aws:lambda:eu-west-1:$${var.account_id}:function:api" },
      { Effect = "Allow", Action = "iam:CreateAccessKey", Resource = "arn:aws:iam::123456789012:user/$${aws:username}" },
      { Effect = "Allow", Action = "iam:DeleteRolePermissionsBoundary", Resource = "arn:aws:iam::123456789012:role/sandbox-runner" }
    ]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_iam_role" "builder" {
  name               = "builder"
  assume_role_policy = "{}"
  inline_policy {
    name   = "pass"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
  }
  inline_policy {
    name   = "functions"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["lambda:Create*", "lambda:Invoke*"], Resource = "*" }] })
  }
}

resource "aws_iam_role_policy" "versions" {
  name = "versions"
  role = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Versions", Effect = "Allow", Action = ["IAM:createpolicyversion"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "put" {
  name   = "put"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Action": "iam:Put*", "Resource": "arn:aws:iam::*:role/*" }]
    }
  EOF
}

data "aws_iam_policy_document" "runner" {
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
  statement {
    sid       = "Run"
    actions   = ["ec2:Run*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "runner" {
  name   = "runner"
  policy = data.aws_iam_policy_document.runner.json
}

resource "aws_iam_group_policy" "everything" {
  name  = "everything"
  group = "admins"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }]
  })
}

resource "aws_iam_user_policy" "boundaries" {
  name = "boundaries"
  user = "platform-bot"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:DeleteRolePermissionsBoundary", Resource = "arn:aws:iam::123456789012:role/*" }]
  })
}

variable "function_arn" {
  type = string
}

resource "aws_iam_policy" "maybe" {
  name = "maybe"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "lambda:UpdateFunctionCode", Resource = var.function_arn }]
  })
}`, NotApplicable: []string{"data.aws_iam_policy_document.runner"}, Fails: []string{"aws_iam_role.builder", "aws_iam_role_policy.versions", "aws_iam_policy.put", "aws_iam_policy.runner", "aws_iam_group_policy.everything", "aws_iam_user_policy.boundaries"},
		Unknowns: []string{"aws_iam_policy.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_iam_role.builder":           {Message: `iam:PassRole and lambda:CreateFunction (through "lambda:Create*") and lambda:InvokeFunction (through "lambda:Invoke*")`},
			"aws_iam_role_policy.versions":   {Message: `iam:CreatePolicyVersion (through "IAM:createpolicyversion")`},
			"aws_iam_policy.put":             {Message: `iam:PutRolePolicy (through "iam:Put*")`},
			"aws_iam_policy.runner":          {Message: `iam:PassRole and ec2:RunInstances (through "ec2:Run*")`},
			"aws_iam_policy.maybe":           {Message: "whether it grants lambda:UpdateFunctionCode on every resource"},
			"aws_iam_user_policy.boundaries": {Message: "iam:DeleteRolePermissionsBoundary"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		var actions []string
		for _, path := range privilegeEscalationPaths {
			actions = append(actions, path...)
		}
		grants, invalid := unrestrictedGrants(r, ctx, actions)
		if invalid != nil {
			return *invalid
		}
		var unknown *actionGrant
		for _, path := range privilegeEscalationPaths {
			tris := make([]scanner.Tri, len(path))
			for i, a := range path {
				tris[i] = grants[a].tri
			}
			switch scanner.AllOf(tris...) {
			case scanner.Yes:
				parts := make([]string, len(path))
				for i, a := range path {
					parts[i] = describeGrant(a, grants[a])
				}
				last := grants[path[len(path)-1]]
				return scanner.Failed(last.st.Range, "%s: allows %s on every resource without a condition: the holder can escalate their own privileges",
					statementName(last.st), strings.Join(parts, " and "))
			case scanner.Maybe:
				for _, a := range path {
					if g := grants[a]; g.tri == scanner.Maybe && (unknown == nil || (unknown.partly && !g.partly)) {
						unknown = &g
						break
					}
				}
			}
		}
		if unknown != nil {
			return unknown.unknownResult()
		}
		return scanner.Passed()
	},
}
