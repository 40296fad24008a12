package aws

import (
	"fmt"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var iamPasswordPolicyMaxAge = &scanner.Rule{
	ID:    "aws-iam-password-policy-max-age",
	Title: "The IAM password policy expires passwords",
	Description: "A password that never expires stays valid for as long as it is known, including after it leaks " +
		"in a breach or is shared and forgotten. CIS AWS (1.11 of its first versions) and the checks of Checkov, " +
		"Trivy and Prowler ask IAM user passwords to expire within 90 days; SOC 2 CC6.1 expects credentials to be " +
		"managed over their lifetime. NIST SP 800-63B advises against forced periodic changes when passwords are " +
		"long, screened against breach lists and backed by MFA: an organisation that follows it can raise max_age " +
		"or turn the rule off in its configuration. max_password_age is 0 (never expire) when unset; AWS accepts " +
		"1 to 1095 days.",
	Severity:      scanner.Low,
	Criteria:      authenticationCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_iam_account_password_policy"},
	Params: []scanner.Param{{Name: "max_age", Description: "Largest acceptable max_password_age in days.",
		Default: 90, Min: 1, Max: 1095}},
	Remediation:     "Set max_password_age to 90 or fewer days (and prefer SSO with MFA over IAM user passwords).",
	RemediationCode: "resource \"aws_iam_account_password_policy\" \"strict\" {\n  max_password_age = 90\n}",
	Links:           passwordPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_9"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0062"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-set-max-password-age"},
		{Tool: scanner.ToolProwler, ID: "iam_password_policy_expires_passwords_within_90_days_or_less"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
  max_password_age        = 60
}`}},
	Bad: []scanner.Example{
		{Code: `
variable "age" {
  type = number
}

resource "aws_iam_account_password_policy" "never" {
  minimum_password_length = 14
}

resource "aws_iam_account_password_policy" "zero" {
  max_password_age = 0
}

resource "aws_iam_account_password_policy" "yearly" {
  max_password_age = 365
}

resource "aws_iam_account_password_policy" "maybe" {
  max_password_age = var.age
}`, Fails: []string{"aws_iam_account_password_policy.never", "aws_iam_account_password_policy.zero",
			"aws_iam_account_password_policy.yearly"}, Unknowns: []string{"aws_iam_account_password_policy.maybe"},
			Expect: map[string]scanner.Expected{
				"aws_iam_account_password_policy.never":  {Message: "max_password_age is not set: passwords never expire"},
				"aws_iam_account_password_policy.zero":   {Line: 11, Message: "max_password_age is 0: passwords never expire"},
				"aws_iam_account_password_policy.yearly": {Message: "max_password_age is 365 days; at most 90 is required"},
			}},
		{Code: `
resource "aws_iam_account_password_policy" "quarterly" {
  max_password_age = 90
}`, Params: map[string]any{"max_age": 30}, Fails: []string{"aws_iam_account_password_policy.quarterly"}},
		{Code: `
# The iam-account submodule's default is 0: passwords never expire.
module "account" {
  source        = "terraform-aws-modules/iam/aws//modules/iam-account"
  version       = "~> 6.0"
  account_alias = "acme"
}`, Fails: []string{"module.account.aws_iam_account_password_policy.this[0]"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v, most := r.Attr("max_password_age"), ctx.Int("max_age")
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "max_password_age is only known after apply")
		}
		n, ok := v.AsInt()
		switch {
		case !ok:
			return scanner.Failed(v.Range, "max_password_age is not set: passwords never expire; at most %d days is required", most)
		case n == 0:
			return scanner.Failed(v.Range, "max_password_age is 0: passwords never expire; at most %d days is required", most)
		case int(n) > most:
			return scanner.Failed(v.Range, "max_password_age is %d days; at most %d is required", n, most)
		}
		return scanner.Passed()
	},
}

// One rule per character class of aws_iam_account_password_policy.
// aws-iam-password-policy-complexity says whether all four classes are
// required; these say which one is not, so that a policy written to require
// one class is judged on that class, as Checkov, Trivy and Prowler each
// judge it.

var iamPasswordPolicyRequiresUppercase = &scanner.Rule{
	ID:              "aws-iam-password-policy-requires-uppercase",
	Title:           "The IAM password policy requires an upper case letter",
	Description:     passwordClassDescription("require_uppercase_characters", "an upper case letter (A-Z)"),
	Severity:        scanner.Low,
	Criteria:        authenticationCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_iam_account_password_policy"},
	Remediation:     "Set require_uppercase_characters = true.",
	RemediationCode: passwordClassRemediationCode,
	Links:           passwordPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_14"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0061"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-require-uppercase-in-passwords"},
		{Tool: scanner.ToolProwler, ID: "iam_password_policy_uppercase"},
		{Tool: scanner.ToolKICS, ID: "IAM Password Without Uppercase Letter"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_iam_account_password_policy", passwordClassBase, "require_uppercase_characters")
		bad = flagOnBad("aws_iam_account_password_policy", passwordClassBase, "require_uppercase_characters", passwordClassFlags)
		return good, bad
	},
	Check: flagOnCheck("require_uppercase_characters", passwordClassEffect),
}

var iamPasswordPolicyRequiresLowercase = &scanner.Rule{
	ID:              "aws-iam-password-policy-requires-lowercase",
	Title:           "The IAM password policy requires a lower case letter",
	Description:     passwordClassDescription("require_lowercase_characters", "a lower case letter (a-z)"),
	Severity:        scanner.Low,
	Criteria:        authenticationCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_iam_account_password_policy"},
	Remediation:     "Set require_lowercase_characters = true.",
	RemediationCode: passwordClassRemediationCode,
	Links:           passwordPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_11"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0058"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-require-lowercase-in-passwords"},
		{Tool: scanner.ToolProwler, ID: "iam_password_policy_lowercase"},
		{Tool: scanner.ToolKICS, ID: "IAM Password Without Lowercase Letter"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_iam_account_password_policy", passwordClassBase, "require_lowercase_characters")
		bad = flagOnBad("aws_iam_account_password_policy", passwordClassBase, "require_lowercase_characters", passwordClassFlags)
		return good, bad
	},
	Check: flagOnCheck("require_lowercase_characters", passwordClassEffect),
}

var iamPasswordPolicyRequiresNumbers = &scanner.Rule{
	ID:              "aws-iam-password-policy-requires-numbers",
	Title:           "The IAM password policy requires a number",
	Description:     passwordClassDescription("require_numbers", "a digit (0-9)"),
	Severity:        scanner.Low,
	Criteria:        authenticationCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_iam_account_password_policy"},
	Remediation:     "Set require_numbers = true.",
	RemediationCode: passwordClassRemediationCode,
	Links:           passwordPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_12"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0059"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-require-numbers-in-passwords"},
		{Tool: scanner.ToolProwler, ID: "iam_password_policy_number"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_iam_account_password_policy", passwordClassBase, "require_numbers")
		bad = flagOnBad("aws_iam_account_password_policy", passwordClassBase, "require_numbers", passwordClassFlags)
		return good, bad
	},
	Check: flagOnCheck("require_numbers", passwordClassEffect),
}

var iamPasswordPolicyRequiresSymbols = &scanner.Rule{
	ID:              "aws-iam-password-policy-requires-symbols",
	Title:           "The IAM password policy requires a symbol",
	Description:     passwordClassDescription("require_symbols", "a symbol (! @ # $ % ^ & * ( ) _ + - = [ ] { } | ')"),
	Severity:        scanner.Low,
	Criteria:        authenticationCriteria,
	Family:          scanner.FamilyLeastPrivilege,
	ResourceTypes:   []string{"aws_iam_account_password_policy"},
	Remediation:     "Set require_symbols = true.",
	RemediationCode: passwordClassRemediationCode,
	Links:           passwordPolicyLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_15"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0060"},
		{Tool: scanner.ToolTfsec, ID: "aws-iam-require-symbols-in-passwords"},
		{Tool: scanner.ToolProwler, ID: "iam_password_policy_symbol"},
		{Tool: scanner.ToolKICS, ID: "IAM Password Without Symbol"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_iam_account_password_policy", passwordClassBase, "require_symbols")
		bad = flagOnBad("aws_iam_account_password_policy", passwordClassBase, "require_symbols", passwordClassFlags)
		return good, bad
	},
	Check: flagOnCheck("require_symbols", passwordClassEffect),
}

const passwordClassRemediationCode = `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length      = 14
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = true
}`

// passwordClassDescription explains the rule of one character class.
func passwordClassDescription(flag, class string) string {
	return fmt.Sprintf("%s = true makes every IAM user password contain %s. Character-class requirements widen "+
		"the search space for guessing attacks on IAM user passwords; SOC 2 CC6.1 expects credentials that "+
		"resist attack, and CIS AWS (1.5 to 1.8 of its first versions) asks for each class. The setting is false "+
		"when unset. aws-iam-password-policy-complexity reports a policy that leaves any of the four classes "+
		"out; this rule names this one.", flag, class)
}

// passwordClassFlags are the four character-class settings of
// aws_iam_account_password_policy.
var passwordClassFlags = []string{"require_uppercase_characters", "require_lowercase_characters", "require_numbers", "require_symbols"}

// passwordClassEffect is what a character class that is not required
// allows.
const passwordClassEffect = "passwords need not contain this character class"

// passwordClassBase is the first argument of a policy in the examples.
func passwordClassBase(string) string { return "minimum_password_length = 14" }
