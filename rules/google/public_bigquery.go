package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// datasetAccessPublic decides one dataset access entry (an access block of
// google_bigquery_dataset, or a google_bigquery_dataset_access): public
// when its special_group is allAuthenticatedUsers or its iam_member is a
// public principal.
func datasetAccessPublic(b *scanner.Block) (who string, at scanner.Range, answer scanner.Tri) {
	answer = scanner.No
	for _, arg := range []string{"special_group", "iam_member"} {
		v := b.Attr(arg)
		if v.IsUnknown() {
			answer = scanner.Maybe
			at = v.Range
			continue
		}
		if p, public := publicEntity(v.StringOr("")); public {
			return p, v.Range, scanner.Yes
		}
	}
	return "", at, answer
}

var bigqueryDatasetNotPublic = &scanner.Rule{
	ID:    "google-bigquery-dataset-not-public",
	Title: "BigQuery datasets are not shared with allUsers or allAuthenticatedUsers",
	Description: "A dataset access entry for the special group allAuthenticatedUsers, or an IAM grant to allUsers or " +
		"allAuthenticatedUsers, lets anyone (with any Google account) query every table of the dataset. CC6.6 expects " +
		"access from outside the boundary restricted; C1.1 expects confidential data protected. The rule checks access " +
		"blocks on the dataset, google_bigquery_dataset_access, and dataset IAM members, bindings and policies.",
	Severity: scanner.Critical,
	Criteria: scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "C1.1"}},
	Family:   scanner.FamilyPublicExposure,
	ResourceTypes: append([]string{"google_bigquery_dataset", "google_bigquery_dataset_access"},
		iamTypes("google_bigquery_dataset_iam")...),
	Remediation: "Grant dataset roles to named groups, service accounts or your domain, never to allUsers or allAuthenticatedUsers.",
	RemediationCode: `resource "google_bigquery_dataset_access" "analysts" {
  dataset_id     = google_bigquery_dataset.analytics.dataset_id
  role           = "READER"
  group_by_email = "analysts@example.com"
}`,
	Links: []string{
		googleDocs + "bigquery_dataset#access",
		googleDocs + "bigquery_dataset_access",
		"https://cloud.google.com/bigquery/docs/control-access-to-resources-iam",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_15"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0046"},
	},
	Good: []scanner.Example{{Code: `
resource "google_bigquery_dataset" "private" {
  dataset_id = "analytics"
  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }
  access {
    role   = "READER"
    domain = "example.com"
  }
}

resource "google_bigquery_dataset_access" "group" {
  dataset_id     = "analytics"
  role           = "READER"
  group_by_email = "analysts@example.com"
}

resource "google_bigquery_dataset_iam_member" "sa" {
  dataset_id = "analytics"
  role       = "roles/bigquery.dataViewer"
  member     = "serviceAccount:etl@acme.iam.gserviceaccount.com"
}`}},
	Bad: []scanner.Example{{Code: `
variable "group" {
  type = string
}

resource "google_bigquery_dataset" "public" {
  dataset_id = "open"
  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}

resource "google_bigquery_dataset_access" "all_users" {
  dataset_id = "analytics"
  role       = "READER"
  iam_member = "allUsers"
}

resource "google_bigquery_dataset_iam_binding" "viewers" {
  dataset_id = "analytics"
  role       = "roles/bigquery.dataViewer"
  members    = ["allAuthenticatedUsers"]
}

resource "google_bigquery_dataset_access" "unknown" {
  dataset_id    = "analytics"
  role          = "READER"
  special_group = var.group
}`,
		Fails: []string{
			"google_bigquery_dataset.public",
			"google_bigquery_dataset_access.all_users",
			"google_bigquery_dataset_iam_binding.viewers",
		},
		Unknowns: []string{"google_bigquery_dataset_access.unknown"},
		Expect:   map[string]scanner.Expected{"google_bigquery_dataset.public": {Line: 10, Message: "allAuthenticatedUsers"}},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if strings.Contains(r.Type, "_iam_") {
			return publicIAMCheck("the dataset")(r, ctx)
		}
		entries := []*scanner.Block{r.Block}
		if r.Type == "google_bigquery_dataset" {
			entries = r.Blocks("access")
		}
		unknown := scanner.Range{}
		for _, e := range entries {
			who, at, answer := datasetAccessPublic(e)
			switch answer {
			case scanner.Yes:
				return scanner.Failed(at, "the dataset is shared with %s: %s can query its tables", who, audience(who))
			case scanner.Maybe:
				unknown = at
			}
		}
		if r.Type == "google_bigquery_dataset" && r.BlocksUnknown("access") {
			return scanner.Unknowable(r.Range, "the dataset's access blocks are not known until apply")
		}
		if !unknown.IsZero() {
			return scanner.Unknowable(unknown, "the access entry's principal is not known until apply")
		}
		return scanner.Passed()
	},
}

var bigqueryTableNotPublic = &scanner.Rule{
	ID:    "google-bigquery-table-not-public",
	Title: "BigQuery tables are not shared with allUsers or allAuthenticatedUsers",
	Description: "A table-level IAM grant to allUsers or allAuthenticatedUsers publishes the table's rows to anyone, " +
		"whatever the dataset's own access list says. CC6.6 expects access from outside the boundary restricted; C1.1 " +
		"expects confidential data protected.",
	Severity:      scanner.Critical,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "C1.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: iamTypes("google_bigquery_table_iam"),
	Remediation:   "Grant table roles to named groups and service accounts only.",
	RemediationCode: `resource "google_bigquery_table_iam_member" "reader" {
  dataset_id = google_bigquery_table.events.dataset_id
  table_id   = google_bigquery_table.events.table_id
  role       = "roles/bigquery.dataViewer"
  member     = "group:analysts@example.com"
}`,
	Links: []string{
		googleDocs + "bigquery_table_iam",
		"https://cloud.google.com/bigquery/docs/table-access-controls-intro",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_100"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_bigquery_table_iam", `table_id = "events"`, "roles/bigquery.dataViewer")
		bad = publicIAMBad("google_bigquery_table_iam", `table_id = "events"`, "roles/bigquery.dataViewer")
		return good, bad
	},
	Check: publicIAMCheck("the table"),
}
