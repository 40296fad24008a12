package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// auditConfigTypes are the resources that enable Cloud Audit Logs types.
var auditConfigTypes = []string{
	"google_project_iam_audit_config",
	"google_folder_iam_audit_config",
	"google_organization_iam_audit_config",
}

// enablesDataAccess answers whether an audit config turns on Data Access
// logs (DATA_READ or DATA_WRITE) for some service.
func enablesDataAccess(c *scanner.Resource) scanner.Tri {
	answer := scanner.TriOf(false, c.BlocksUnknown("audit_log_config"))
	for _, l := range c.Blocks("audit_log_config") {
		t := l.Attr("log_type")
		if t.IsUnknown() {
			answer = answer.Or(scanner.Maybe)
			continue
		}
		if t.OneOf("DATA_READ", "DATA_WRITE") {
			return scanner.Yes
		}
	}
	return answer
}

var projectDataAccessAudit = &scanner.Rule{
	ID:    "google-project-data-access-audit-logs",
	Title: "Projects created here have Data Access audit logs enabled",
	Description: "Data Access audit logs, which record who read or changed customer data, are off for almost every " +
		"service until an audit config turns them on; without one, a project keeps only Admin Activity logs. CC7.2 " +
		"expects security-relevant events logged. The rule anchors on each google_project this configuration creates " +
		"(a configuration that only uses existing projects is not judged) and passes when a " +
		"google_project_iam_audit_config for it, or any folder or organization audit config in the configuration " +
		"(which the project may inherit), enables DATA_READ or DATA_WRITE; an audit config whose project is only known " +
		"after apply leaves it unknown. Whether every service and log type is covered is the job of " +
		"google-iam-audit-logging-all-services.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "CC4.1"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_project"},
	Remediation:   "Add a google_project_iam_audit_config for allServices with DATA_READ and DATA_WRITE (or set it once at folder or organization level).",
	RemediationCode: `resource "google_project_iam_audit_config" "data_access" {
  project = google_project.app.project_id
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}`,
	Links: []string{
		googleDocs + "google_project_iam#google_project_iam_audit_config",
		"https://cloud.google.com/logging/docs/audit/configure-data-access",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV2_GCP_5"}},
	Good: []scanner.Example{{Code: `
resource "google_project" "app" {
  name       = "app"
  project_id = "acme-app"
}

resource "google_project_iam_audit_config" "app" {
  project = google_project.app.project_id
  service = "allServices"
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_project" "by_name" {
  name       = "data"
  project_id = "acme-data"
}

resource "google_project_iam_audit_config" "by_name" {
  project = "acme-data"
  service = "storage.googleapis.com"
  audit_log_config {
    log_type = "DATA_READ"
  }
}`}, {Code: `
resource "google_project" "inherits" {
  name       = "app"
  project_id = "acme-app"
  folder_id  = "folders/123"
}

resource "google_folder_iam_audit_config" "all" {
  folder  = "folders/123"
  service = "allServices"
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}`}, {Code: `
variable "project" {
  type = string
}

resource "google_project" "maybe" {
  name       = "maybe"
  project_id = "acme-maybe"
}

resource "google_project_iam_audit_config" "somewhere" {
  project = var.project
  service = "allServices"
  audit_log_config {
    log_type = "DATA_READ"
  }
}`, Unknowns: []string{"google_project.maybe"}}},
	Bad: []scanner.Example{{Code: `
resource "google_project" "bare" {
  name       = "bare"
  project_id = "acme-bare"
}

resource "google_project" "admin_only" {
  name       = "admin"
  project_id = "acme-admin"
}

resource "google_project_iam_audit_config" "admin_only" {
  project = google_project.admin_only.project_id
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
}`,
		Fails:  []string{"google_project.bare", "google_project.admin_only"},
		Expect: map[string]scanner.Expected{"google_project.bare": {Line: 2, Message: "Data Access"}},
	}},

	Check: projectCoverage{
		inherited:       []string{"google_folder_iam_audit_config", "google_organization_iam_audit_config"},
		inheritedCovers: enablesDataAccess,
		direct:          "google_project_iam_audit_config",
		covers:          enablesDataAccess,
		unknown:         "whether an audit config enables Data Access logs is not known until apply",
		mayApply:        "%s may apply to this project: its project is not known until apply",
		failed:          "no audit config enables Data Access logs (DATA_READ or DATA_WRITE) for the project: reads and changes of its data are not logged",
	}.check,
}

var auditConfigNoExemptions = &scanner.Rule{
	ID:    "google-iam-audit-config-no-exempted-members",
	Title: "Audit log configs exempt no one",
	Description: "exempted_members turns Data Access logging off for the listed principals: their reads and changes " +
		"of data leave no trace, and an exempted account is the one an attacker wants. CC7.2 expects security-relevant " +
		"events logged for everyone. Exempting a noisy service account is sometimes a cost decision; suppress the " +
		"finding with the reason rather than exempting people.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: auditConfigTypes,
	Remediation:   "Remove exempted_members from the audit_log_config blocks.",
	RemediationCode: `resource "google_project_iam_audit_config" "all" {
  project = "acme-prod"
  service = "allServices"
  audit_log_config {
    log_type = "DATA_READ"
  }
}`,
	Links: []string{
		googleDocs + "google_project_iam#google_project_iam_audit_config",
		"https://cloud.google.com/logging/docs/audit/configure-data-access#exempt_principals",
	},
	Good: []scanner.Example{{Code: `
resource "google_organization_iam_audit_config" "all" {
  org_id  = "123456789"
  service = "allServices"
  audit_log_config {
    log_type = "DATA_READ"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "exempt" {
  type = list(string)
}

resource "google_project_iam_audit_config" "exempt" {
  project = "acme-prod"
  service = "allServices"
  audit_log_config {
    log_type         = "DATA_READ"
    exempted_members = ["user:admin@example.com"]
  }
}

resource "google_folder_iam_audit_config" "unknown" {
  folder  = "folders/123"
  service = "allServices"
  audit_log_config {
    log_type         = "DATA_WRITE"
    exempted_members = var.exempt
  }
}`,
		Fails:    []string{"google_project_iam_audit_config.exempt"},
		Unknowns: []string{"google_folder_iam_audit_config.unknown"},
		Expect:   map[string]scanner.Expected{"google_project_iam_audit_config.exempt": {Line: 11, Message: "user:admin@example.com"}},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("audit_log_config") {
			return scanner.Unknowable(r.Range, "audit_log_config is not known until apply")
		}
		for _, l := range r.Blocks("audit_log_config") {
			ex := l.Attr("exempted_members")
			members, incomplete := ex.KnownStrings()
			if len(members) > 0 {
				return scanner.Failed(ex.Range, "%s logs are not recorded for %s", l.Attr("log_type").StringOr("audit"), strings.Join(members, ", "))
			}
			if incomplete {
				return scanner.Unknowable(ex.Range, "exempted_members is not known until apply")
			}
		}
		return scanner.Passed()
	},
}

var loggingBucketRetention = &scanner.Rule{
	ID:    "google-logging-bucket-retention",
	Title: "Cloud Logging buckets keep logs long enough for audits",
	Description: "Log buckets keep entries for retention_days, 30 by default: a SOC 2 Type 2 period is usually a year, " +
		"and an investigation of an incident found months later needs the logs of the time. CC7.2 and CC7.3 expect " +
		"security events recorded and available for evaluation. The rule checks the retention of project, folder, " +
		"organization and billing-account bucket configs against min_retention_days (365 by default, as the AWS and " +
		"Azure log retention rules); retention_days unset keeps the API's 30 days. The minimum is a policy, not a " +
		"fact: SOC 2 prescribes no number of days, so findings say \"below the configured minimum of N days\".",
	Severity: scanner.Medium,
	Criteria: scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "CC4.1"}},
	Family:   scanner.FamilyLogging,
	ResourceTypes: []string{
		"google_logging_project_bucket_config", "google_logging_folder_bucket_config",
		"google_logging_organization_bucket_config", "google_logging_billing_account_bucket_config",
	},
	Params: []scanner.Param{{
		Name:        "min_retention_days",
		Description: "Fewest days a log bucket must keep its entries. The default, 365 days, is this scanner's policy choice, not a number SOC 2 prescribes.",
		Default:     365,
		Min:         1,
	}},
	Remediation: "Set retention_days to at least a year (or route logs with a sink to a bucket or BigQuery dataset that keeps them).",
	RemediationCode: `resource "google_logging_project_bucket_config" "audit" {
  project        = "acme-prod"
  location       = "global"
  bucket_id      = "_Default"
  retention_days = 400
}`,
	Links: []string{
		googleDocs + "logging_project_bucket_config#retention_days",
		"https://cloud.google.com/logging/docs/buckets#custom-retention",
	},
	Good: []scanner.Example{{Code: `
resource "google_logging_project_bucket_config" "audit" {
  project        = "acme-prod"
  location       = "global"
  bucket_id      = "audit"
  retention_days = 400
}`}},
	Bad: []scanner.Example{{Code: `
variable "days" {
  type = number
}

resource "google_logging_project_bucket_config" "default" {
  project   = "acme-prod"
  location  = "global"
  bucket_id = "_Default"
}

resource "google_logging_folder_bucket_config" "short" {
  folder         = "folders/123"
  location       = "global"
  bucket_id      = "_Default"
  retention_days = 90
}

resource "google_logging_project_bucket_config" "unknown" {
  project        = "acme-prod"
  location       = "global"
  bucket_id      = "custom"
  retention_days = var.days
}`,
		Fails:    []string{"google_logging_project_bucket_config.default", "google_logging_folder_bucket_config.short"},
		Unknowns: []string{"google_logging_project_bucket_config.unknown"},
		Expect: map[string]scanner.Expected{
			"google_logging_project_bucket_config.default": {Line: 6, Message: "retention_days is not set: the bucket keeps logs for 30 days, below the configured minimum of 365 days"},
			"google_logging_folder_bucket_config.short":    {Line: 16, Message: "retention_days = 90 is below the configured minimum of 365 days"},
		},
	}, {Code: `
resource "google_logging_billing_account_bucket_config" "quarter" {
  billing_account = "000000-000000-000000"
  location        = "global"
  bucket_id       = "_Default"
  retention_days  = 90
}`, Params: map[string]any{"min_retention_days": 180}, Fails: []string{"google_logging_billing_account_bucket_config.quarter"},
		Expect: map[string]scanner.Expected{
			"google_logging_billing_account_bucket_config.quarter": {Message: "below the configured minimum of 180 days"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Attr("retention_days")
		minDays := ctx.Int("min_retention_days")
		got, atLeast := v.IntAtLeast(30, minDays)
		switch atLeast {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "retention_days is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		if v.IsNull() {
			return scanner.Failed(attrRange(v, r.Range), "retention_days is not set: the bucket keeps logs for %d days, below the configured minimum of %d days", got, minDays)
		}
		return scanner.Failed(attrRange(v, r.Range), "retention_days = %d is below the configured minimum of %d days", got, minDays)
	},
}
