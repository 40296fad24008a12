package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Access control that a service's own settings decide, not IAM policy: a
// QLDB ledger's permissions mode, a Cognito user pool's multi-factor
// authentication, and whether a SageMaker notebook's role credentials can be
// read from the metadata service without a session token. All three were
// found missing by comparing the peers' positive cases with the catalogue
// (h-positives).

var qldbLedgerStandardPermissions = &scanner.Rule{
	ID:    "aws-qldb-ledger-standard-permissions",
	Title: "QLDB ledgers use the STANDARD permissions mode",
	Description: "In the ALLOW_ALL permissions mode any principal allowed the ledger-level qldb:SendCommand can " +
		"read and write every table of the ledger: there is no table- or command-level permission, so access " +
		"cannot be limited to what a role needs (SOC 2 CC6.3). STANDARD evaluates an IAM permission for each " +
		"PartiQL command on each table. Older providers default permissions_mode to ALLOW_ALL, so an unset " +
		"mode fails too.",
	Severity:      scanner.Medium,
	Criteria:      leastPrivilegeCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_qldb_ledger"},
	Remediation:   "Set permissions_mode = \"STANDARD\" and grant roles the qldb:PartiQL* actions on the tables they use.",
	RemediationCode: `resource "aws_qldb_ledger" "journal" {
  name             = "journal"
  permissions_mode = "STANDARD"
}`,
	Links: []string{
		registryDoc("aws_qldb_ledger", "permissions_mode"),
		"https://docs.aws.amazon.com/qldb/latest/developerguide/ledger-management.basics.html#ledger-mgmt.basics.permissions",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_170"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_qldb_ledger" "orders" {
  name             = "orders"
  permissions_mode = "STANDARD"
}`}},
	Bad: []scanner.Example{{Code: `
variable "mode" {
  type = string
}

resource "aws_qldb_ledger" "open" {
  name             = "open"
  permissions_mode = "ALLOW_ALL"
}

resource "aws_qldb_ledger" "unset" {
  name = "unset"
}

resource "aws_qldb_ledger" "chosen" {
  name             = "chosen"
  permissions_mode = var.mode
}`, Fails: []string{"aws_qldb_ledger.open", "aws_qldb_ledger.unset"}, Unknowns: []string{"aws_qldb_ledger.chosen"},
		Expect: map[string]scanner.Expected{"aws_qldb_ledger.open": {Line: 8}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		mode := r.Attr("permissions_mode")
		if !mode.IsSet() {
			return scanner.Failed(r.Range, "permissions_mode is unset: older providers create the ledger in ALLOW_ALL mode")
		}
		switch mode.CanBe("STANDARD") {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(mode.Range, "permissions_mode is not known until apply")
		}
		return scanner.Failed(mode.Range, "permissions_mode is not STANDARD: every principal with qldb:SendCommand reads and writes every table")
	},
}

var cognitoUserPoolMFA = &scanner.Rule{
	ID:    "aws-cognito-user-pool-mfa",
	Title: "Cognito user pools offer multi-factor authentication",
	Description: "A user pool with mfa_configuration OFF (the default) signs users in on a password alone, so a " +
		"phished or reused password is enough to take over an account of the application (SOC 2 CC6.1). With ON " +
		"or OPTIONAL the pool needs a second factor to offer: an SMS configuration, software tokens, or email. " +
		"OPTIONAL passes, as it lets each user enrol, and is the setting the other scanners accept.",
	Severity:      scanner.Medium,
	Criteria:      authenticationCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_cognito_user_pool"},
	Remediation:   "Set mfa_configuration = \"ON\" (or \"OPTIONAL\") and enable software_token_mfa_configuration, sms_configuration or email_mfa_configuration.",
	RemediationCode: `resource "aws_cognito_user_pool" "customers" {
  name              = "customers"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = true
  }
}`,
	Links: []string{
		registryDoc("aws_cognito_user_pool", "mfa_configuration"),
		"https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "Cognito UserPool Without MFA"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cognito_user_pool" "staff" {
  name              = "staff"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = true
  }
}

resource "aws_cognito_user_pool" "shop" {
  name              = "shop"
  mfa_configuration = "OPTIONAL"

  sms_configuration {
    external_id    = "shop-sms"
    sns_caller_arn = "arn:aws:iam::111122223333:role/shop-sms"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "mfa" {
  type = string
}

variable "totp" {
  type = bool
}

resource "aws_cognito_user_pool" "default_off" {
  name = "default-off"
}

resource "aws_cognito_user_pool" "off" {
  name              = "off"
  mfa_configuration = "OFF"
}

resource "aws_cognito_user_pool" "no_factor" {
  name              = "no-factor"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = false
  }
}

resource "aws_cognito_user_pool" "chosen" {
  name              = "chosen"
  mfa_configuration = var.mfa
}

resource "aws_cognito_user_pool" "token_from_var" {
  name              = "token-from-var"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = var.totp
  }
}`, Fails: []string{"aws_cognito_user_pool.default_off", "aws_cognito_user_pool.off", "aws_cognito_user_pool.no_factor"},
		Unknowns: []string{"aws_cognito_user_pool.chosen", "aws_cognito_user_pool.token_from_var"},
		Expect:   map[string]scanner.Expected{"aws_cognito_user_pool.off": {Line: 16}}}},
	Check: checkCognitoUserPoolMFA,
}

// checkCognitoUserPoolMFA fails a pool that does not ask for a second
// factor, and one that asks for it without configuring any factor to give.
func checkCognitoUserPoolMFA(r *scanner.Resource, _ *scanner.Context) scanner.Result {
	mfa := r.Attr("mfa_configuration")
	if !mfa.IsSet() {
		return scanner.Failed(r.Range, "mfa_configuration is unset (OFF): users sign in with a password alone")
	}
	switch mfa.CanBe("ON", "OPTIONAL") {
	case scanner.No:
		return scanner.Failed(mfa.Range, "mfa_configuration is OFF: users sign in with a password alone")
	case scanner.Maybe:
		return scanner.Unknowable(mfa.Range, "mfa_configuration is not known until apply")
	}
	return cognitoMFAFactor(r)
}

// cognitoMFAFactor passes when the pool configures a second factor: an SMS
// configuration, email MFA, or software tokens that are enabled.
func cognitoMFAFactor(r *scanner.Resource) scanner.Result {
	if r.FirstBlock("sms_configuration") != nil || r.FirstBlock("email_mfa_configuration") != nil {
		return scanner.Passed()
	}
	unknown := r.BlocksUnknown("sms_configuration") || r.BlocksUnknown("email_mfa_configuration") ||
		r.BlocksUnknown("software_token_mfa_configuration")
	for _, tok := range r.Blocks("software_token_mfa_configuration") {
		switch tok.Attr("enabled").BoolOr(false) {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(tok.Attr("enabled").Range, "software_token_mfa_configuration.enabled is not known until apply")
		}
	}
	if unknown {
		return scanner.Unknowable(r.Range, "a dynamic block only known after apply may configure the MFA factor")
	}
	return scanner.Failed(r.Range, "MFA is required but no factor is configured: enable software tokens, SMS or email MFA")
}

var sagemakerNotebookIMDSv2 = &scanner.Rule{
	ID:    "aws-sagemaker-notebook-imdsv2",
	Title: "SageMaker notebook instances require IMDSv2",
	Description: "A notebook instance runs user code and holds its execution role's credentials in the instance " +
		"metadata service. With IMDSv1 allowed, any request forgery from code or a library on the notebook reads " +
		"those credentials with a single GET; IMDSv2 requires a session token that such requests cannot obtain " +
		"(SOC 2 CC6.1, CC6.8). CreateNotebookInstance defaults the minimum version to 1, so a notebook without " +
		"instance_metadata_service_configuration fails.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.8"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"aws_sagemaker_notebook_instance"},
	Remediation:   "Add instance_metadata_service_configuration { minimum_instance_metadata_service_version = \"2\" }.",
	RemediationCode: `resource "aws_sagemaker_notebook_instance" "research" {
  # ...
  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}`,
	Links: []string{
		registryDoc("aws_sagemaker_notebook_instance", "minimum_instance_metadata_service_version"),
		"https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-imds.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_371"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::111122223333:role/research-notebook"
  instance_type = "ml.t3.medium"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "imds" {
  type = string
}

resource "aws_sagemaker_notebook_instance" "default_v1" {
  name          = "default-v1"
  role_arn      = "arn:aws:iam::111122223333:role/research-notebook"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "v1" {
  name          = "v1"
  role_arn      = "arn:aws:iam::111122223333:role/research-notebook"
  instance_type = "ml.t3.medium"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "1"
  }
}

resource "aws_sagemaker_notebook_instance" "chosen" {
  name          = "chosen"
  role_arn      = "arn:aws:iam::111122223333:role/research-notebook"
  instance_type = "ml.t3.medium"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = var.imds
  }
}`, Fails: []string{"aws_sagemaker_notebook_instance.default_v1", "aws_sagemaker_notebook_instance.v1"},
		Unknowns: []string{"aws_sagemaker_notebook_instance.chosen"},
		Expect:   map[string]scanner.Expected{"aws_sagemaker_notebook_instance.v1": {Line: 18}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Get("instance_metadata_service_configuration", "minimum_instance_metadata_service_version")
		if !v.IsSet() {
			return scanner.Failed(r.Range, "no minimum IMDS version: the notebook allows IMDSv1, which hands out the role's credentials without a session token")
		}
		switch v.CanBe("2") {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
		}
		return scanner.Failed(v.Range, "minimum_instance_metadata_service_version is 1: IMDSv1 hands out the role's credentials without a session token")
	},
}
