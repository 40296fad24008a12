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
		return wildcardActionPolicyResult(r.Attr("policy"), ctx.Index, "sqs", "queue policy")
	},
}

// wildcardActionPolicyResult fails a resource policy with an Allow
// statement whose actions include "*" or "<service>:*" (any case: IAM
// compares action names case-insensitively).
func wildcardActionPolicyResult(v scanner.Value, ix *scanner.Index, service, what string) scanner.Result {
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
	}
	if unknown {
		return scanner.Unknowable(doc.Range, "%s is only fully known after apply; whether it allows every action cannot be decided", what)
	}
	return scanner.Passed()
}
