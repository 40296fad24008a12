package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Resource policies that grant every action on the resource: whoever the
// principal is, it can also change the policy, purge or delete.

var sqsQueuePolicyNoWildcardActions = &scanner.Rule{
	ID:    "aws-sqs-queue-policy-no-wildcard-actions",
	Title: "SQS queue policies do not allow every action",
	Description: "A queue policy statement that allows \"*\" or \"sqs:*\" gives its principals not only " +
		"sending and receiving but also purging the queue, changing its attributes and policy, and deleting it. " +
		"SOC 2 CC6.3 expects access limited to what each principal needs: a producer needs sqs:SendMessage, a " +
		"consumer sqs:ReceiveMessage and sqs:DeleteMessage. Policies are read from JSON strings, jsonencode() and " +
		"aws_iam_policy_document data sources; a policy only known after apply is reported as unknown.",
	Severity:      scanner.Medium,
	Criteria:      leastPrivilegeCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_sqs_queue_policy", "aws_sqs_queue"},
	Remediation:   "List the actions each principal needs instead of \"*\" or \"sqs:*\".",
	RemediationCode: `data "aws_iam_policy_document" "jobs" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.jobs.arn]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
  }
}`,
	Links: []string{"https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-using-identity-based-policies.html"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_72"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0097"},
		{Tool: scanner.ToolTfsec, ID: "aws-sqs-no-wildcards-in-policy-documents"},
		{Tool: scanner.ToolKICS, ID: "SQS Policy Allows All Actions"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/producer" }
      Action    = ["sqs:SendMessage", "sqs:GetQueueUrl"]
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:jobs"
    }, {
      Effect    = "Deny"
      Principal = "*"
      Action    = "sqs:*"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:jobs"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
  policy    = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    "Action": "*",
    "Resource": "arn:aws:sqs:eu-west-1:123456789012:jobs"
  }]
}
EOF
}

data "aws_iam_policy_document" "events" {
  statement {
    actions   = ["SQS:*"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:events"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

resource "aws_sqs_queue" "events" {
  name   = "events"
  policy = data.aws_iam_policy_document.events.json
}`, Fails: []string{"aws_sqs_queue_policy.jobs", "aws_sqs_queue.events"}}, {Code: `
variable "policy" {
  type = string
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
  policy    = var.policy
}

resource "aws_sqs_queue" "all" {
  name   = "all"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/worker" }
      Action    = ["sqs:SendMessage", "*"]
      Resource  = "*"
    }]
  })
}`, Fails: []string{"aws_sqs_queue.all"}, Unknowns: []string{"aws_sqs_queue_policy.jobs"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return wildcardActionPolicyResult(r.Attr("policy"), ctx.Index, "sqs", "queue policy", false)
	},
}

// wildcardActionPolicyResult fails a resource policy with an Allow
// statement whose actions include "*" or "<service>:*" (any case: IAM
// compares action names case-insensitively) and, with notAction, one that
// names its actions by NotAction: it allows every action on the resource
// but the listed ones, including ones AWS adds later.
func wildcardActionPolicyResult(v scanner.Value, ix *scanner.Index, service, what string, notAction bool) scanner.Result {
	if isEmptyPolicy(v) {
		return scanner.Passed()
	}
	doc, err := readPolicy(v, ix)
	if err != nil {
		return invalidPolicyResult(v, err)
	}
	if doc == nil {
		return scanner.Passed()
	}
	unknown := doc.Unknown
	for _, st := range doc.Statements {
		if st.IsDeny() {
			continue
		}
		for _, a := range st.Action.Values {
			if isAllActions(a) || strings.EqualFold(a, service+":*") {
				if !st.IsAllow() {
					unknown = true
					continue
				}
				return scanner.Failed(st.Range, "%s: %s allows %q, every action on the resource", what, statementName(st), a)
			}
		}
		if st.Action.Unknown && (st.Action.UnknownCouldBe("*") || st.Action.UnknownCouldBe(service+":*")) {
			unknown = true
		}
		if notAction && st.NotAction.Present && !st.Action.Present {
			if !st.IsAllow() {
				unknown = true
				continue
			}
			return scanner.Failed(st.Range, "%s: %s allows every action but NotAction %q", what, statementName(st), st.NotAction.Values)
		}
	}
	if unknown {
		return scanner.Unknowable(doc.Range, "%s is only fully known after apply; whether it allows every action cannot be decided", what)
	}
	return scanner.Passed()
}

// wildcardActionPolicyArgs names, per resource type, the argument that
// holds a resource policy, the IAM service prefix of its actions and what
// the policy is called in messages.
var wildcardActionPolicyArgs = map[string]struct{ arg, service, what string }{
	"aws_cloudwatch_log_destination_policy": {"access_policy", "logs", "log destination policy"},
	"aws_efs_file_system_policy":            {"policy", "elasticfilesystem", "file system policy"},
	"aws_elasticsearch_domain":              {"access_policies", "es", "domain access policy"},
	"aws_elasticsearch_domain_policy":       {"access_policies", "es", "domain access policy"},
	"aws_opensearch_domain":                 {"access_policies", "es", "domain access policy"},
	"aws_opensearch_domain_policy":          {"access_policies", "es", "domain access policy"},
	"aws_glue_resource_policy":              {"policy", "glue", "Data Catalog resource policy"},
	"aws_secretsmanager_secret":             {"policy", "secretsmanager", "secret policy"},
	"aws_secretsmanager_secret_policy":      {"policy", "secretsmanager", "secret policy"},
	"aws_sns_topic":                         {"policy", "sns", "topic policy"},
	"aws_sns_topic_policy":                  {"policy", "sns", "topic policy"},
}

var resourcePolicyNoWildcardActions = &scanner.Rule{
	ID:    "aws-resource-policy-no-wildcard-actions",
	Title: "Resource policies of log destinations, file systems, search domains, the Data Catalog, secrets and topics do not allow every action",
	Description: "A resource policy statement that allows \"*\" or \"<service>:*\" (logs:*, elasticfilesystem:*, es:*, " +
		"glue:*, secretsmanager:*, sns:*), or allows everything but a NotAction list, gives its principals every " +
		"action on the resource: not only the subscription, mount, query, read or publish they need but also " +
		"changing or deleting the policy, the index, the secret or the topic. Even " +
		"when the principal is a trusted account, every identity of that account with matching IAM permissions " +
		"then holds all of it. SOC 2 CC6.3 expects access limited to what each principal needs. Policies are read " +
		"from JSON strings, jsonencode() and aws_iam_policy_document data sources; a policy only known after " +
		"apply is reported as unknown. Whether the principal is public is asked by the *-policy-not-public rules.",
	Severity:      scanner.Medium,
	Criteria:      leastPrivilegeCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: sortedKeys(wildcardActionPolicyArgs),
	Remediation:   "List the actions each principal needs instead of \"*\" or \"<service>:*\".",
	RemediationCode: `resource "aws_cloudwatch_log_destination_policy" "central" {
  destination_name = aws_cloudwatch_log_destination.central.name
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "210987654321" }
      Action    = "logs:PutSubscriptionFilter"
      Resource  = aws_cloudwatch_log_destination.central.arn
    }]
  })
}`,
	Links: []string{
		"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestination.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "CloudWatch Logs Destination With Vulnerable Policy"},
		{Tool: scanner.ToolKICS, ID: "EFS With Vulnerable Policy"},
		{Tool: scanner.ToolKICS, ID: "Elasticsearch Domain With Vulnerable Policy"},
		{Tool: scanner.ToolKICS, ID: "Glue With Vulnerable Policy"},
		{Tool: scanner.ToolKICS, ID: "Secrets Manager With Vulnerable Policy"},
		{Tool: scanner.ToolKICS, ID: "SNS Topic Publicity Has Allow and NotAction Simultaneously"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cloudwatch_log_destination_policy" "central" {
  destination_name = "central"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "210987654321" }
      Action    = "logs:PutSubscriptionFilter"
      Resource  = "arn:aws:logs:eu-west-1:123456789012:destination:central"
    }]
  })
}

data "aws_iam_policy_document" "mount" {
  statement {
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = ["arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0a1b2c3d"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/app"]
    }
  }
  statement {
    effect    = "Deny"
    actions   = ["elasticfilesystem:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_efs_file_system_policy" "shared" {
  file_system_id = "fs-0a1b2c3d"
  policy         = data.aws_iam_policy_document.mount.json
}

resource "aws_secretsmanager_secret" "db" {
  name = "db"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:alerts"
    }, {
      Effect    = "Deny"
      Principal = "*"
      NotAction = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:alerts"
      Condition = { StringNotEquals = { "aws:PrincipalAccount" = "123456789012" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
data "aws_iam_policy_document" "everything" {
  statement {
    actions   = ["Logs:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["210987654321"]
    }
  }
}

resource "aws_cloudwatch_log_destination_policy" "central" {
  destination_name = "central"
  access_policy    = data.aws_iam_policy_document.everything.json
}

resource "aws_opensearch_domain_policy" "search" {
  domain_name = "search"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/indexer" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/search/*"
    }]
  })
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/app" }
      Action    = ["secretsmanager:GetSecretValue", "*"]
      Resource  = "*"
    }]
  })
}

resource "aws_sns_topic_policy" "alerts" {
  arn = "arn:aws:sns:eu-west-1:123456789012:alerts"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      NotAction = "sns:DeleteTopic"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:alerts"
    }]
  })
}

variable "catalog_policy" {
  type = string
}

resource "aws_glue_resource_policy" "catalog" {
  policy = var.catalog_policy
}

variable "actions" {
  type = list(string)
}

resource "aws_efs_file_system_policy" "shared" {
  file_system_id = "fs-0a1b2c3d"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/app" }
      Action    = var.actions
      Resource  = "*"
    }]
  })
}`, Fails: []string{"aws_cloudwatch_log_destination_policy.central", "aws_opensearch_domain_policy.search", "aws_secretsmanager_secret_policy.db", "aws_sns_topic_policy.alerts"},
		Unknowns: []string{"aws_glue_resource_policy.catalog", "aws_efs_file_system_policy.shared"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		p := wildcardActionPolicyArgs[r.Type]
		return wildcardActionPolicyResult(r.Attr(p.arg), ctx.Index, p.service, p.what, true)
	},
}
