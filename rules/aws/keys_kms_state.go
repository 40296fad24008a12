package aws

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// The state a KMS key is declared in.

var kmsKeyEnabled = &scanner.Rule{
	ID:    "aws-kms-key-enabled",
	Title: "KMS keys declared in code are enabled",
	Description: "A key created with is_enabled = false cannot encrypt or decrypt: data encrypted under it is " +
		"unreadable until someone re-enables it by hand, outside the reviewed configuration, and a disabled key left " +
		"in code hides whether the key is still meant to protect anything. Keys that are no longer needed should be " +
		"scheduled for deletion deliberately (SOC 2 CC6.1 key management, PI1.5 stored data kept usable).",
	Severity:        scanner.Low,
	Criteria:        keyCriteria,
	Family:          scanner.FamilyKeysSecrets,
	ResourceTypes:   []string{"aws_kms_key"},
	Remediation:     "Remove is_enabled = false (the default is true), or delete the key deliberately.",
	RemediationCode: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation = true\n  is_enabled          = true\n}",
	Links:           []string{registryDoc("aws_kms_key", "is_enabled")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_227"},
		{Tool: scanner.ToolKICS, ID: "CMK Is Unusable"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "default" {
  enable_key_rotation = true
}

resource "aws_kms_key" "explicit" {
  enable_key_rotation = true
  is_enabled          = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_kms_key" "disabled" {
  enable_key_rotation = true
  is_enabled          = false
}

variable "enabled" {
  type = bool
}

resource "aws_kms_key" "maybe" {
  enable_key_rotation = true
  is_enabled          = var.enabled
}`, Fails: []string{"aws_kms_key.disabled"}, Unknowns: []string{"aws_kms_key.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrueOr(r.Attr("is_enabled"), true, "is_enabled is false: the key can neither encrypt nor decrypt")
	},
}

var kmsKeyPolicyDefined = &scanner.Rule{
	ID:    "aws-kms-key-policy-defined",
	Title: "KMS keys declare their key policy",
	Description: "A key created without policy, and without an aws_kms_key_policy, gets the default key policy: the " +
		"account root may do everything with the key, so any IAM principal of the account whose IAM policies allow " +
		"kms:* (an administrator, a broad CI role) can use and manage it. Declaring the key policy names who " +
		"administers and who uses the key, separately, which is the key-management control SOC 2 CC6.1 reviews " +
		"expect to see (PI1.5: the data the key protects stays usable only by the intended callers).",
	Severity:        scanner.Low,
	Criteria:        keyCriteria,
	Family:          scanner.FamilyKeysSecrets,
	ResourceTypes:   []string{"aws_kms_key"},
	Remediation:     "Set policy on the key (or add an aws_kms_key_policy) naming its administrators and users.",
	RemediationCode: "resource \"aws_kms_key_policy\" \"data\" {\n  key_id = aws_kms_key.data.id\n  policy = data.aws_iam_policy_document.data_key.json\n}",
	Links: []string{
		registryDoc("aws_kms_key", "policy"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_64"}},
	Good: []scanner.Example{{Code: `
data "aws_iam_policy_document" "key" {
  statement {
    sid       = "Admin"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/key-admin"]
    }
  }
}

resource "aws_kms_key" "inline" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}

resource "aws_kms_key" "separate" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "separate" {
  key_id = aws_kms_key.separate.id
  policy = data.aws_iam_policy_document.key.json
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_kms_key" "default_policy" {
  enable_key_rotation = true
}

variable "policy" {
  type = string
}

resource "aws_kms_key" "maybe" {
  enable_key_rotation = true
  policy              = var.policy
}

variable "custom_policy" {
  type = bool
}

data "aws_iam_policy_document" "key" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/key-admin"]
    }
  }
}

resource "aws_kms_key" "maybe_default" {
  enable_key_rotation = true
  policy              = var.custom_policy ? data.aws_iam_policy_document.key.json : null
}`, Fails: []string{"aws_kms_key.default_policy"}, Unknowns: []string{"aws_kms_key.maybe", "aws_kms_key.maybe_default"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		p := r.Attr("policy")
		switch {
		case p.IsUnknown():
			if p.MayBeBlank() {
				return scanner.Unknowable(p.Range, "policy is only known after apply and a condition only known then may leave it null, which leaves the default key policy")
			}
			if v, _ := p.Val.Unmark(); v.Range().DefinitelyNotNull() || len(ctx.Index.Resolve(p)) > 0 {
				// jsonencode(…) never returns null, and a policy read from
				// another resource or a data source (a policy document,
				// the account a generated policy names) is one the
				// configuration declares, whatever it will say.
				return scanner.Passed()
			}
			return scanner.Unknowable(p.Range, "policy is only known after apply: it may be null, which leaves the default key policy")
		case p.IsSet() && !isEmptyString(p):
			return scanner.Passed()
		}
		policies, maybe := ctx.Index.Referrers(r, "aws_kms_key_policy", []string{"key_id"}, "key_id", "arn")
		switch {
		case len(policies) > 0:
			return scanner.Passed()
		case maybe != nil:
			return scanner.Unknowable(r.Range, "%s sets the policy of a key that is only known after apply, which may be this one", maybe.Address)
		}
		return scanner.Failed(r.Range, "no policy and no aws_kms_key_policy: the key has the default key policy, which lets any IAM principal of the account with kms:* permissions use and manage it")
	},
}
