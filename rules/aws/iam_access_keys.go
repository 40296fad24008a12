package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var iamUserNoActiveAccessKeys = &scanner.Rule{
	ID:    "aws-iam-user-no-active-access-keys",
	Title: "IAM users are not given active long-lived access keys",
	Description: "An aws_iam_access_key creates a long-lived credential for an IAM user: it stays valid until " +
		"someone rotates or deletes it, works from anywhere, and its secret is written to the Terraform state " +
		"(in clear unless pgp_key encrypts it), so everyone who can read the state holds it. SOC 2 CC6.1 expects " +
		"credentials to be issued, protected and retired deliberately; AWS recommends temporary credentials instead: " +
		"roles for workloads, IAM Identity Center for people, OIDC federation for CI. A key is active unless " +
		"status = \"Inactive\" (the default is Active). Keys of a user named root are no different: Terraform " +
		"cannot create access keys for the account's root user, only for an IAM user of that name.",
	Severity:      scanner.Medium,
	Criteria:      authenticationCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_iam_access_key"},
	Remediation: "Replace the key with a role the workload assumes (an instance profile, an ECS task role, IRSA, " +
		"OIDC federation for CI); where a key cannot be avoided, create it outside Terraform so that its secret " +
		"never reaches the state, and rotate it.",
	RemediationCode: `data "aws_iam_policy_document" "ci_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:acme/app:ref:refs/heads/main"]
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_access_key",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "IAM Access Key Is Exposed"},
		{Tool: scanner.ToolKICS, ID: "Root Account Has Active Access Keys"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_348"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_user" "legacy" {
  name = "legacy-batch"
}

# Deactivated while its consumers move to a role.
resource "aws_iam_access_key" "retired" {
  user   = aws_iam_user.legacy.name
  status = "Inactive"
}`}},
	Bad: []scanner.Example{{Code: `
variable "status" {
  type = string
}

resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

resource "aws_iam_access_key" "explicit" {
  user    = aws_iam_user.ci.name
  status  = "Active"
  pgp_key = "keybase:acme"
}

resource "aws_iam_access_key" "maybe" {
  user   = aws_iam_user.ci.name
  status = var.status
}`, Fails: []string{"aws_iam_access_key.ci", "aws_iam_access_key.explicit"}, Unknowns: []string{"aws_iam_access_key.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_iam_access_key.ci":       {Message: "status is not set (Active by default)"},
			"aws_iam_access_key.explicit": {Line: 16, Message: "status = \"Active\""},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		status := r.Attr("status")
		switch {
		case status.IsUnknown():
			return scanner.Unknowable(status.Range, "status is only known after apply")
		case status.IsNull():
			return scanner.Failed(r.Range, "status is not set (Active by default): %s", accessKeyRisk(r))
		case strings.EqualFold(status.StringOr(""), "Inactive"):
			return scanner.Passed()
		}
		return scanner.Failed(status.Range, "status = %s: %s", scanner.Quote(status), accessKeyRisk(r))
	},
}

// accessKeyRisk says what an active key costs, with where its secret ends
// up.
func accessKeyRisk(r *scanner.Resource) string {
	where := "its secret is stored in the Terraform state in clear"
	if p := r.Attr("pgp_key"); !p.IsNull() {
		where = "its secret is stored in the Terraform state, encrypted with pgp_key"
	}
	return "the IAM user gets a long-lived credential that stays valid until rotated; " + where
}
