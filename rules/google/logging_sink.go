package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// inheritedSinkTypes are the sinks that export the logs of the projects
// below a folder or organization when include_children is true.
var inheritedSinkTypes = []string{"google_logging_folder_sink", "google_logging_organization_sink"}

// exportsAllEntries answers whether a sink exports every log entry: it is
// not disabled, its inclusion filter is empty, and none of its enabled
// exclusions names the audit logs (whose log names all contain
// cloudaudit.googleapis.com). An exclusion of other logs, such as noisy
// debug output, leaves the audit trail exported and is accepted.
func exportsAllEntries(s *scanner.Resource) scanner.Tri {
	answer := s.Attr("disabled").BoolOr(false).Not()
	filter := s.Attr("filter")
	switch {
	case filter.IsUnknown():
		answer = answer.And(scanner.Maybe)
	case strings.TrimSpace(filter.StringOr("")) != "":
		return scanner.No
	}
	if s.BlocksUnknown("exclusions") {
		answer = answer.And(scanner.Maybe)
	}
	for _, e := range s.Blocks("exclusions") {
		off := e.Attr("disabled").BoolOr(false)
		if off == scanner.Yes {
			continue
		}
		f := e.Attr("filter")
		switch {
		case f.IsUnknown() || off == scanner.Maybe:
			answer = answer.And(scanner.Maybe)
		case strings.Contains(strings.ToLower(f.StringOr("")), "cloudaudit"):
			return scanner.No
		}
	}
	return answer
}

var projectLogSinkAllEntries = &scanner.Rule{
	ID:    "google-logging-project-sink-all-entries",
	Title: "Projects created here export all their log entries with a sink",
	Description: "Cloud Logging keeps entries only as long as its buckets' retention, in the project an intruder may " +
		"control; a sink that exports every entry to a bucket, BigQuery or Pub/Sub elsewhere keeps a copy for audits " +
		"and a SIEM. CC7.2 expects security events logged and kept for evaluation (CIS Google Cloud benchmark 2.2). The " +
		"rule anchors on each google_project this configuration creates (a configuration that only uses existing " +
		"projects is not judged), as google-project-data-access-audit-logs does, and passes when a " +
		"google_logging_project_sink for the project, or any folder or organization sink with include_children = true " +
		"in the configuration (which the project may sit under), exports all entries: no inclusion filter, not " +
		"disabled, and no enabled exclusion of the audit logs (cloudaudit.googleapis.com). A sink whose project or " +
		"filter is only known after apply leaves the project unknown. A sink without a project argument belongs to the " +
		"provider's project, not to one the configuration creates.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "CC4.1"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_project"},
	Remediation:   "Add a google_logging_project_sink for the project without a filter (or an organization or folder sink with include_children = true) that exports to a bucket, dataset or topic outside it.",
	RemediationCode: `resource "google_logging_project_sink" "all" {
  project                = google_project.app.project_id
  name                   = "all-entries"
  destination            = "storage.googleapis.com/acme-log-archive"
  unique_writer_identity = true
}`,
	Links: []string{
		googleDocs + "logging_project_sink",
		"https://cloud.google.com/logging/docs/export/configure_export_v2",
	},
	References: []scanner.Reference{{Tool: scanner.ToolProwler, ID: "logging_sink_created"}},
	Good: []scanner.Example{{Code: `
resource "google_project" "app" {
  name       = "app"
  project_id = "acme-app"
}

resource "google_logging_project_sink" "all" {
  project     = google_project.app.project_id
  name        = "all-entries"
  destination = "storage.googleapis.com/acme-log-archive"
  exclusions {
    name   = "no-debug"
    filter = "severity < INFO"
  }
}

resource "google_project" "by_name" {
  name       = "data"
  project_id = "acme-data"
}

resource "google_logging_project_sink" "by_name" {
  project     = "acme-data"
  name        = "all-entries"
  destination = "bigquery.googleapis.com/projects/acme-logs/datasets/all"
  filter      = ""
}`}, {Code: `
resource "google_project" "under_org" {
  name       = "app"
  project_id = "acme-app"
  org_id     = "123456789"
}

resource "google_logging_organization_sink" "all" {
  org_id           = "123456789"
  name             = "all-entries"
  destination      = "storage.googleapis.com/acme-log-archive"
  include_children = true
}`}, {Code: `
variable "project" {
  type = string
}

resource "google_project" "maybe" {
  name       = "maybe"
  project_id = "acme-maybe"
}

resource "google_logging_project_sink" "somewhere" {
  project     = var.project
  name        = "all-entries"
  destination = "storage.googleapis.com/acme-log-archive"
}`, Unknowns: []string{"google_project.maybe"}}},
	Bad: []scanner.Example{{Code: `
variable "filter" {
  type = string
}

resource "google_project" "bare" {
  name       = "bare"
  project_id = "acme-bare"
}

resource "google_project" "filtered" {
  name       = "filtered"
  project_id = "acme-filtered"
}

resource "google_logging_project_sink" "errors_only" {
  project     = google_project.filtered.project_id
  name        = "errors"
  destination = "storage.googleapis.com/acme-log-archive"
  filter      = "severity >= ERROR"
}

resource "google_project" "no_audit" {
  name       = "no-audit"
  project_id = "acme-no-audit"
}

resource "google_logging_project_sink" "no_audit" {
  project     = google_project.no_audit.project_id
  name        = "all-but-audit"
  destination = "storage.googleapis.com/acme-log-archive"
  exclusions {
    name   = "audit"
    filter = "logName:\"cloudaudit.googleapis.com\""
  }
}

resource "google_project" "own_children_only" {
  name       = "app"
  project_id = "acme-app"
  folder_id  = "folders/123"
}

resource "google_logging_folder_sink" "folder_only" {
  folder      = "folders/123"
  name        = "folder-entries"
  destination = "storage.googleapis.com/acme-log-archive"
}

resource "google_project" "unknown_filter" {
  name       = "unknown"
  project_id = "acme-unknown"
}

resource "google_logging_project_sink" "unknown_filter" {
  project     = google_project.unknown_filter.project_id
  name        = "maybe-all"
  destination = "storage.googleapis.com/acme-log-archive"
  filter      = var.filter
}`,
		Fails: []string{
			"google_project.bare", "google_project.filtered", "google_project.no_audit", "google_project.own_children_only",
		},
		Unknowns: []string{"google_project.unknown_filter"},
		Expect:   map[string]scanner.Expected{"google_project.bare": {Line: 6, Message: "no sink exports all"}},
	}},
	Check: projectCoverage{
		inherited: inheritedSinkTypes,
		inheritedCovers: func(s *scanner.Resource) scanner.Tri {
			return exportsAllEntries(s).And(s.Attr("include_children").BoolOr(false))
		},
		direct:   "google_logging_project_sink",
		covers:   exportsAllEntries,
		unknown:  "whether a sink exports all log entries is not known until apply",
		mayApply: "%s may export this project's logs: its project is not known until apply",
		failed:   "no sink exports all the project's log entries (no filter, audit logs not excluded): its logs stay only in the project's own buckets",
	}.check,
}
