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
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_227"}},
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
