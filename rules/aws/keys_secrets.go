package aws

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Key management (KMS) and secret management (Secrets Manager, SSM).

// kmsKeyRotatable reports whether AWS can rotate a key automatically:
// symmetric encryption keys in the AWS KMS key store only. Asymmetric and
// HMAC keys, keys in custom key stores (CloudHSM, external) cannot be.
// It is Maybe when the key spec or usage is only known after apply.
func kmsKeyRotatable(r *scanner.Resource) scanner.Tri {
	spec := r.Attr("customer_master_key_spec")
	usage := r.Attr("key_usage")
	switch {
	case spec.IsUnknown() || usage.IsUnknown():
		return scanner.Maybe
	case spec.IsSet() && !spec.Equals("SYMMETRIC_DEFAULT"),
		usage.IsSet() && !usage.Equals("ENCRYPT_DECRYPT"),
		r.Attr("custom_key_store_id").IsSet():
		return scanner.No
	}
	return scanner.Yes
}

var kmsKeyRotation = &scanner.Rule{
	ID:    "aws-kms-key-rotation-enabled",
	Title: "Symmetric KMS keys rotate their key material automatically",
	Description: "Automatic rotation replaces a customer-managed key's cryptographic material every year (or the chosen " +
		"period) while keeping old material for decryption, limiting how much data one piece of key material protects. " +
		"SOC 2 CC6.1 asks that cryptographic keys be protected and managed through their lifecycle; enable_key_rotation " +
		"defaults to false. Asymmetric and HMAC keys and keys in custom key stores cannot rotate automatically and are " +
		"skipped.",
	Severity:        scanner.Medium,
	Criteria:        keyCriteria,
	Family:          scanner.FamilyKeysSecrets,
	ResourceTypes:   []string{"aws_kms_key"},
	Remediation:     "Set enable_key_rotation = true.",
	RemediationCode: "resource \"aws_kms_key\" \"data\" {\n  description         = \"data at rest\"\n  enable_key_rotation = true\n}",
	Links: []string{
		registryDoc("aws_kms_key", "enable_key_rotation"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_132"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_7"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0065"},
		{Tool: scanner.ToolTfsec, ID: "aws-kms-auto-rotate-keys"},
		{Tool: scanner.ToolProwler, ID: "kms_cmk_rotation_enabled"},
		{Tool: scanner.ToolKICS, ID: "CMK Rotation Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "good" {
  enable_key_rotation = true
}

resource "aws_kms_key" "signing" {
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}

resource "aws_kms_key" "hmac" {
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
}`, NotApplicable: []string{"aws_kms_key.hmac", "aws_kms_key.signing"}}},
	Bad: []scanner.Example{{Code: `
module "kms" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 4.0"

  description         = "data"
  enable_key_rotation = false
}`, Fails: []string{"module.kms.aws_kms_key.this[0]"},
		Expect: map[string]scanner.Expected{"module.kms.aws_kms_key.this[0]": {Line: 7, Message: "enable_key_rotation"}}}, {Code: `
resource "aws_kms_key" "bad" {
  description = "data"
}

resource "aws_kms_key" "off" {
  count               = 2
  enable_key_rotation = false
}

variable "rotate" {
  type = bool
}

resource "aws_kms_key" "unknown" {
  enable_key_rotation = var.rotate
}`, Fails: []string{"aws_kms_key.bad", "aws_kms_key.off[0]", "aws_kms_key.off[1]"}, Unknowns: []string{"aws_kms_key.unknown"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		switch kmsKeyRotatable(r) {
		case scanner.Maybe:
			return scanner.Unknowable(r.Range, "the key spec or usage, which decide whether the key can rotate, is not known until apply")
		case scanner.No:
			return scanner.DoesNotApply("KMS offers no automatic rotation for this key's spec or usage")
		}
		return scanner.RequireTrue(r.Attr("enable_key_rotation"), "enable_key_rotation is not true (default false): the key material never rotates")
	},
}

var kmsKeyRotationPeriod = &scanner.Rule{
	ID:    "aws-kms-key-rotation-period",
	Title: "KMS keys with rotation rotate at least as often as policy requires",
	Description: "rotation_period_in_days (90 to 2560, default 365) sets how long one key material version encrypts new " +
		"data. Organisations whose key-management policy under SOC 2 CC6.1 sets a maximum key lifetime should see it " +
		"enforced in code. The maximum is a parameter, 365 days by default, matching AWS's default.",
	Severity:      scanner.Low,
	Criteria:      keyCriteria,
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"aws_kms_key"},
	Params: []scanner.Param{{
		Name:        "max_rotation_period_days",
		Description: "Longest accepted rotation_period_in_days.",
		Default:     365,
		Min:         90, // AWS accepts 90 to 2560
		Max:         2560,
	}},
	Remediation:     "Set rotation_period_in_days to the policy's maximum key lifetime or less.",
	RemediationCode: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation     = true\n  rotation_period_in_days = 365\n}",
	Links:           []string{registryDoc("aws_kms_key", "rotation_period_in_days")},
	Good: []scanner.Example{
		{Code: `
resource "aws_kms_key" "default_period" {
  enable_key_rotation = true
}

resource "aws_kms_key" "quarterly" {
  enable_key_rotation     = true
  rotation_period_in_days = 90
}

# A key that does not rotate has no period to judge:
# aws-kms-key-rotation-enabled fails it.
resource "aws_kms_key" "static" {
  enable_key_rotation = false
}`, NotApplicable: []string{"aws_kms_key.static"}},
		{Code: `
resource "aws_kms_key" "two_years" {
  enable_key_rotation     = true
  rotation_period_in_days = 730
}`, Params: map[string]any{"max_rotation_period_days": 730}},
	},
	Bad: []scanner.Example{{Code: `
resource "aws_kms_key" "long" {
  enable_key_rotation     = true
  rotation_period_in_days = 2560
}

# Whether the key rotates is only known from the variable: if it does, the
# period is too long.
variable "rotate" {
  type = bool
}

resource "aws_kms_key" "maybe_rotating" {
  enable_key_rotation     = var.rotate
  rotation_period_in_days = 2560
}`, Fails: []string{"aws_kms_key.long"}, Unknowns: []string{"aws_kms_key.maybe_rotating"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		rotates := r.Attr("enable_key_rotation")
		if !rotates.IsTrue() && !rotates.IsUnknown() {
			return scanner.DoesNotApply("the key does not rotate, so it has no rotation period (aws-kms-key-rotation-enabled judges that)")
		}
		res := kmsRotationPeriod(r, ctx)
		if res.Status == scanner.Fail && rotates.IsUnknown() {
			return scanner.Unknowable(rotates.Range, "enable_key_rotation is not known until apply: %s if the key rotates", res.Message)
		}
		return res
	},
}

// kmsRotationPeriod decides rotation_period_in_days of a key that rotates.
func kmsRotationPeriod(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	p := r.Attr("rotation_period_in_days")
	if p.IsUnknown() {
		return scanner.Unknowable(p.Range, "rotation_period_in_days is not known until apply")
	}
	days := int64(365)
	if n, ok := p.AsInt(); ok {
		days = n
	}
	maxDays := ctx.Int("max_rotation_period_days")
	if days > int64(maxDays) {
		return scanner.Failed(p.Range, "rotation_period_in_days = %d exceeds the maximum of %d days", days, maxDays)
	}
	return scanner.Passed()
}

// kmsCallerKeys are KMS condition keys that pin a statement to callers, in
// addition to the global ones restrictsCaller knows.
var kmsCallerKeys = map[string]bool{"kms:calleraccount": true}

// kmsStatementRestricted decides whether an Allow statement's conditions
// limit who may use the key.
func kmsStatementRestricted(st iamStatement) scanner.Tri {
	restricted := statementRestrictsCaller(st)
	if restricted == scanner.Yes {
		return scanner.Yes
	}
	for _, c := range st.Condition {
		if !kmsCallerKeys[strings.ToLower(c.Key)] {
			continue
		}
		if c.Unknown {
			restricted = scanner.Maybe
			continue
		}
		base, ifExists, forAll := conditionOperator(c.Operator)
		if ifExists || forAll || len(c.Values) == 0 || (base != "stringequals" && base != "stringlike") {
			continue
		}
		open := false
		for _, v := range c.Values {
			if isOpenPattern(v) {
				open = true
			}
		}
		if !open {
			return scanner.Yes
		}
	}
	return restricted
}

var kmsKeyPolicyWildcardPrincipal = &scanner.Rule{
	ID:    "aws-kms-key-policy-no-wildcard-principal",
	Title: "KMS key policies do not allow every principal without a condition",
	Description: "A key policy statement that allows Principal \"*\" (or {\"AWS\": \"*\"}) without a condition naming the " +
		"callers (aws:PrincipalOrgID, aws:PrincipalAccount, kms:CallerAccount, aws:SourceVpce, …) lets any AWS account " +
		"use the key, and so decrypt whatever it protects, as far as the key policy is concerned (SOC 2 CC6.1). The " +
		"rule reads the policy of aws_kms_key and of aws_kms_key_policy in every form (JSON, jsonencode, " +
		"aws_iam_policy_document); a key without a policy gets the default policy, which is scoped to its account.",
	Severity:        scanner.Critical,
	Criteria:        keyCriteria,
	Family:          scanner.FamilyKeysSecrets,
	ResourceTypes:   []string{"aws_kms_key", "aws_kms_key_policy"},
	Remediation:     "Name the principals (account roots or roles), or add a condition such as aws:PrincipalOrgID or kms:CallerAccount.",
	RemediationCode: "statement {\n  sid       = \"AllowUseWithinOrg\"\n  actions   = [\"kms:Decrypt\", \"kms:GenerateDataKey\"]\n  resources = [\"*\"]\n  principals {\n    type        = \"AWS\"\n    identifiers = [\"*\"]\n  }\n  condition {\n    test     = \"StringEquals\"\n    variable = \"aws:PrincipalOrgID\"\n    values   = [var.org_id]\n  }\n}",
	Links: []string{
		registryDoc("aws_kms_key", "policy"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_33"},
		{Tool: scanner.ToolProwler, ID: "kms_key_not_publicly_accessible"},
		{Tool: scanner.ToolKICS, ID: "KMS Key With Vulnerable Policy"},
	},
	Good: []scanner.Example{{Code: `
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "default_policy" {
  enable_key_rotation = true
}

resource "aws_kms_key" "org" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Admin"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "OrgUse"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["kms:Decrypt", "kms:DescribeKey"]
        Resource  = "*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
      },
    ]
  })
}

resource "aws_kms_key" "via_service" {
  enable_key_rotation = true
}

data "aws_iam_policy_document" "via_service" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = ["111122223333"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.eu-west-1.amazonaws.com"]
    }
  }
}

resource "aws_kms_key_policy" "via_service" {
  key_id = aws_kms_key.via_service.id
  policy = data.aws_iam_policy_document.via_service.json
}`}, {Code: `
# Cloud Posse's form: the account's root as format builds it, the document
# passed to a module that tests its policy input against "", which a
# document's json never is.
data "aws_caller_identity" "current" {
  count = 1
}

data "aws_partition" "current" {
  count = 1
}

data "aws_iam_policy_document" "key" {
  count = 1
  statement {
    sid       = "Root"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [format("arn:${join("", data.aws_partition.current[*].partition)}:iam::%s:root", join("", data.aws_caller_identity.current[*].account_id))]
    }
  }
}

module "key" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.1"

  enable_key_rotation = true
  policy              = join("", data.aws_iam_policy_document.key[*].json)
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_kms_key" "open" {
  enable_key_rotation = true
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "*"},
    "Action": "kms:*",
    "Resource": "*"
  }]
}
EOF
}

resource "aws_kms_key" "separate" {
  enable_key_rotation = true
}

data "aws_iam_policy_document" "separate" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
}

resource "aws_kms_key_policy" "separate" {
  key_id = aws_kms_key.separate.id
  policy = data.aws_iam_policy_document.separate.json
}

variable "policy" {
  type = string
}

resource "aws_kms_key" "unknown" {
  enable_key_rotation = true
  policy              = var.policy
}`, Fails: []string{"aws_kms_key.open", "aws_kms_key_policy.separate"}, Unknowns: []string{"aws_kms_key.unknown"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Attr("policy")
		doc, err := readPolicy(v, ctx.Index)
		if err != nil {
			return invalidPolicyResult(v, err)
		}
		if doc == nil {
			return scanner.Passed() // The default key policy trusts the key's own account.
		}
		unknown := doc.Unknown
		for _, st := range doc.Statements {
			switch scanner.AllOf(effectAllows(st), grantsEveryone(st), kmsStatementRestricted(st).Not()) {
			case scanner.No:
				continue
			case scanner.Maybe:
				unknown = true
				continue
			}
			return scanner.Failed(st.Range, "key policy: %s allows every principal (%s) without a condition that names the callers", statementName(st), describeActions(st))
		}
		if unknown {
			return scanner.Unknowable(v.Range, "parts of the key policy are only known after apply")
		}
		return scanner.Passed()
	},
}

var kmsKeyDeletionWindow = &scanner.Rule{
	ID:    "aws-kms-key-deletion-window",
	Title: "KMS keys keep a deletion waiting period long enough to notice a mistake",
	Description: "Deleting a KMS key makes everything it encrypted unrecoverable; the waiting period (7 to 30 days, default " +
		"30) is the only chance to cancel an accidental or malicious deletion, for example after an alarm on " +
		"ScheduleKeyDeletion. A short window weakens that control (SOC 2 CC6.1, availability of encrypted data). The " +
		"minimum is a parameter, 14 days by default.",
	Severity:      scanner.Low,
	Criteria:      keyCriteria,
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"aws_kms_key"},
	Params: []scanner.Param{{
		Name:        "min_deletion_window_days",
		Description: "Shortest accepted deletion_window_in_days.",
		Default:     14,
		Min:         7, // AWS accepts 7 to 30
		Max:         30,
	}},
	Remediation:     "Remove deletion_window_in_days (default 30) or raise it to at least the minimum.",
	RemediationCode: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation     = true\n  deletion_window_in_days = 30\n}",
	Links:           []string{registryDoc("aws_kms_key", "deletion_window_in_days")},
	Good: []scanner.Example{
		{Code: `
resource "aws_kms_key" "default_window" {
  enable_key_rotation = true
}

resource "aws_kms_key" "month" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
}`},
		{Code: `
resource "aws_kms_key" "dev" {
  enable_key_rotation     = true
  deletion_window_in_days = 7
}`, Params: map[string]any{"min_deletion_window_days": 7}},
	},
	Bad: []scanner.Example{{Code: `
resource "aws_kms_key" "short" {
  enable_key_rotation     = true
  deletion_window_in_days = 7
}`, Fails: []string{"aws_kms_key.short"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		w := r.Attr("deletion_window_in_days")
		if w.IsUnknown() {
			return scanner.Unknowable(w.Range, "deletion_window_in_days is not known until apply")
		}
		days := int64(30)
		if n, ok := w.AsInt(); ok {
			days = n
		}
		minDays := ctx.Int("min_deletion_window_days")
		if days < int64(minDays) {
			return scanner.Failed(w.Range, "deletion_window_in_days = %d is below the configured minimum of %d days", days, minDays)
		}
		return scanner.Passed()
	},
}

var rateExpr = lazyre.New(`^rate\(\s*(\d+)\s+(hour|hours|day|days)\s*\)$`)

// rotationDays returns the longest interval between rotations that a
// rotation_rules block schedules, in days. ok is false when the schedule is
// unknown or cannot be evaluated (a cron expression that does not run
// every month).
func rotationDays(rules *scanner.Block) (days int64, ok bool, res scanner.Result) {
	after := rules.Attr("automatically_after_days")
	sched := rules.Attr("schedule_expression")
	switch {
	case after.IsUnknown():
		return 0, false, scanner.Unknowable(after.Range, "automatically_after_days is not known until apply")
	case sched.IsUnknown():
		return 0, false, scanner.Unknowable(sched.Range, "schedule_expression is not known until apply")
	}
	if n, ok := after.AsInt(); ok {
		return n, true, scanner.Passed()
	}
	expr := strings.TrimSpace(strings.ToLower(sched.StringOr("")))
	if m := rateExpr().FindStringSubmatch(expr); m != nil {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		if strings.HasPrefix(m[2], "hour") {
			return (n + 23) / 24, true, scanner.Passed()
		}
		return n, true, scanner.Passed()
	}
	if strings.HasPrefix(expr, "cron(") {
		fields := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(expr, "cron("), ")"))
		// Minutes Hours Day-of-month Month Day-of-week Year: every month
		// when the month and year fields are wildcards.
		if len(fields) == 6 && (fields[3] == "*" || fields[3] == "?") && (fields[5] == "*" || fields[5] == "?") {
			return 31, true, scanner.Passed()
		}
		return 0, false, scanner.Unknowable(sched.Range, "the rotation schedule %s does not run every month and is not evaluated", describeValue(sched))
	}
	return 0, false, scanner.Failed(rules.Range, "rotation_rules sets neither automatically_after_days nor a schedule_expression")
}

var secretsManagerRotation = &scanner.Rule{
	ID:    "aws-secretsmanager-secret-rotation",
	Title: "Secrets Manager secrets rotate automatically",
	Description: "A secret that never rotates stays valid for as long as anyone who ever read it (a departed engineer, a " +
		"leaked log) keeps a copy. SOC 2 CC6.1 asks that credentials be managed through their lifecycle; automatic " +
		"rotation with aws_secretsmanager_secret_rotation, at least every max_rotation_days (90 by default), is the " +
		"evidence auditors accept. A secret passes when a rotation refers to it (or, in provider v3, it has inline " +
		"rotation_rules); each aws_secretsmanager_secret_rotation is judged on its own interval, also when the secret it " +
		"rotates is declared elsewhere. Suppress the rule for secrets that cannot be rotated by a function (third-party " +
		"keys rotated by hand under a documented procedure).",
	Severity:      scanner.Medium,
	Criteria:      secretCriteria,
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"aws_secretsmanager_secret", "aws_secretsmanager_secret_rotation"},
	Params: []scanner.Param{{
		Name:        "max_rotation_days",
		Description: "Longest accepted interval between automatic rotations, in days.",
		Default:     90,
		Min:         1, // AWS accepts 1 to 1000
		Max:         1000,
	}},
	Remediation: "Add aws_secretsmanager_secret_rotation for the secret with a rotation Lambda and rotation_rules of " +
		"at most the maximum interval.",
	RemediationCode: `resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = aws_lambda_function.rotate_db.arn

  rotation_rules {
    automatically_after_days = 30
  }
}`,
	Links: []string{
		registryDoc("aws_secretsmanager_secret_rotation", ""),
		"https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_57"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_304"},
		{Tool: scanner.ToolProwler, ID: "secretsmanager_automatic_rotation_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_secretsmanager_secret" "db" {
  name = "prod/db"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret" "api" {
  name = "prod/api"
}

resource "aws_secretsmanager_secret_rotation" "api" {
  secret_id           = aws_secretsmanager_secret.api.arn
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    schedule_expression = "rate(4 hours)"
  }
}`}},
	Bad: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_secretsmanager_secret" "db" {
  name = "prod/db"
}

# Rotates the secret named "prod/db" in another region.
resource "aws_secretsmanager_secret_rotation" "eu" {
  provider            = aws.eu
  secret_id           = "prod/db"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}`, Fails: []string{"aws_secretsmanager_secret.db"}},
		{Code: `
resource "aws_secretsmanager_secret" "never" {
  name = "prod/db"
}

resource "aws_secretsmanager_secret" "slow" {
  name = "prod/api"
}

resource "aws_secretsmanager_secret_rotation" "slow" {
  secret_id           = aws_secretsmanager_secret.slow.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 365
  }
}

resource "aws_secretsmanager_secret" "yearly" {
  name = "prod/cron"
}

resource "aws_secretsmanager_secret_rotation" "yearly" {
  secret_id           = aws_secretsmanager_secret.yearly.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    schedule_expression = "cron(0 3 1 1 ? *)"
  }
}

# A rotation of a secret declared in another configuration is judged on its own.
variable "days" {
  type = number
}

resource "aws_secretsmanager_secret_rotation" "elsewhere" {
  secret_id           = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shared"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    schedule_expression = "rate(180 days)"
  }
}

resource "aws_secretsmanager_secret_rotation" "from_var" {
  secret_id           = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:other"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = var.days
  }
}`, Fails: []string{"aws_secretsmanager_secret.never", "aws_secretsmanager_secret_rotation.slow", "aws_secretsmanager_secret_rotation.elsewhere"},
			Unknowns: []string{"aws_secretsmanager_secret_rotation.yearly", "aws_secretsmanager_secret_rotation.from_var"},
			Expect: map[string]scanner.Expected{
				"aws_secretsmanager_secret_rotation.elsewhere": {Message: "rotates every 180 days, longer than the maximum of 90"},
			}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		maxDays := int64(ctx.Int("max_rotation_days"))
		if r.Type == "aws_secretsmanager_secret_rotation" {
			if r.BlocksUnknown("rotation_rules") {
				return scanner.Unknowable(r.Range, "rotation_rules are not known until apply")
			}
			rules := r.Blocks("rotation_rules")
			if len(rules) == 0 {
				return scanner.Failed(r.Range, "the rotation has no rotation_rules: the secret is never rotated on a schedule")
			}
			return rotationIntervals(rules, maxDays)
		}
		// Provider v3 wrote rotation inline on the secret.
		if inline := r.Blocks("rotation_rules"); len(inline) > 0 {
			return rotationIntervals(inline, maxDays)
		}
		// The interval of a rotation resource is judged on that resource,
		// where it is set; the secret only needs one to exist.
		// A secret's name is unique in its account and region only.
		rotations, maybe := ctx.Index.ReferrersIn(inRegion, r, "aws_secretsmanager_secret_rotation", []string{"secret_id"}, "arn", "name")
		switch {
		case len(rotations) > 0:
			return scanner.Passed()
		case maybe != nil:
			return scanner.Unknowable(r.Range, "%s rotates a secret that is only known after apply, which may be this one", maybe.Address)
		}
		return scanner.Failed(r.Range, "no aws_secretsmanager_secret_rotation refers to this secret: it never rotates")
	},
}

// rotationIntervals fails each rotation_rules block that rotates less often
// than every maxDays days.
func rotationIntervals(rules []*scanner.Block, maxDays int64) scanner.Result {
	var results []scanner.Result
	for _, rr := range rules {
		days, ok, res := rotationDays(rr)
		if !ok {
			results = append(results, res)
			continue
		}
		if days > maxDays {
			results = append(results, scanner.Failed(rr.Range, "the secret rotates every %d days, longer than the maximum of %d", days, maxDays))
		}
	}
	return worst(results...)
}

var ssmParameterSecureString = &scanner.Rule{
	ID:    "aws-ssm-parameter-secret-is-secure-string",
	Title: "SSM parameters that hold secrets are SecureString",
	Description: "A String or StringList parameter is stored and returned in plain text to anyone with ssm:GetParameter and " +
		"shows in the console and in CloudTrail-adjacent tooling; a SecureString is encrypted with KMS and needs " +
		"kms:Decrypt as a second permission (SOC 2 CC6.1). The rule flags plain parameters whose name looks like a " +
		"secret (the secret_name_pattern parameter, a case-insensitive regular expression).",
	Severity:      scanner.High,
	Criteria:      secretCriteria,
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"aws_ssm_parameter"},
	Params: []scanner.Param{{
		Name:        "secret_name_pattern",
		Description: "Case-insensitive regular expression matched against parameter names that denote secrets.",
		Default:     `(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)`,
	}},
	Remediation:     "Set type = \"SecureString\" (and key_id to a customer-managed key); better, keep rotating credentials in Secrets Manager.",
	RemediationCode: "resource \"aws_ssm_parameter\" \"db_password\" {\n  name   = \"/prod/db/password\"\n  type   = \"SecureString\"\n  key_id = aws_kms_key.ssm.arn\n  value  = random_password.db.result\n}",
	Links: []string{
		registryDoc("aws_ssm_parameter", "type"),
		"https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html",
	},
	// Checkov's CKV2_AWS_34 flags every plain parameter; this rule keeps to
	// the ones whose name says they hold a secret.
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_34"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ssm_parameter" "password" {
  name  = "/prod/db/password"
  type  = "SecureString"
  value = "ignored-in-example"
}

resource "aws_ssm_parameter" "endpoint" {
  name  = "/prod/db/endpoint"
  type  = "String"
  value = "db.internal"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ssm_parameter" "token" {
  name  = "/prod/slack/api_token"
  type  = "String"
  value = "xoxb-not-a-real-token"
}

variable "name" {
  type = string
}

resource "aws_ssm_parameter" "unknown" {
  name  = var.name
  type  = "String"
  value = "x"
}`, Fails: []string{"aws_ssm_parameter.token"}, Unknowns: []string{"aws_ssm_parameter.unknown"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		typ := r.Attr("type")
		switch {
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "type is not known until apply")
		case typ.Equals("SecureString"):
			return scanner.Passed()
		}
		re, err := regexp.Compile("(?i)" + ctx.String("secret_name_pattern"))
		if err != nil {
			return scanner.Unknowable(r.Range, "secret_name_pattern is not a valid regular expression: %v", err)
		}
		name := r.Attr("name")
		if name.IsUnknown() {
			return scanner.Unknowable(name.Range, "the parameter name, which decides whether it holds a secret, is not known until apply")
		}
		if s, ok := name.AsString(); ok && re.MatchString(s) {
			// The value, written beside the type the excerpt shows, is
			// the secret: name it for the engine to redact.
			return scanner.Failed(typ.Range, "parameter %s looks like a secret but its type is %s: the value is stored unencrypted", scanner.Quote(name), describeValue(typ)).
				WithSecrets(literalValues(r, "value", "insecure_value")...)
		}
		return scanner.Passed()
	},
}

// literalValues are the known, non-blank strings of r's arguments args,
// as literal secrets for the engine to redact from code excerpts
// (scanner.Result.Secrets): for a rule whose finding shows an argument
// that holds a secret, though the rule is not about its literal text.
func literalValues(r *scanner.Resource, args ...string) []scanner.Secret {
	var out []scanner.Secret
	for _, arg := range args {
		v := r.Attr(arg)
		if s, ok := v.AsString(); ok && strings.TrimSpace(s) != "" {
			out = append(out, scanner.Secret{Text: s, Range: v.Range})
		}
	}
	return out
}
