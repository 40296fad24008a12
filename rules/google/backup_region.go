package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var spannerMultiRegion = &scanner.Rule{
	ID:    "google-spanner-instance-multi-region",
	Title: "Spanner instances replicate data across regions",
	Description: "A Spanner instance's config fixes where its replicas live. A regional configuration (regional-<region>) " +
		"keeps every replica in one region, so a regional outage or disaster makes the databases unavailable and can lose " +
		"them; dual-region and multi-region configurations (such as eur3, nam6, nam-eur-asia1) keep read-write replicas " +
		"in several regions. A1.2 expects backups and critical data stored off site. Custom configurations (custom-...) " +
		"may only add read-only replicas to a regional base, so the rule leaves them unknown.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"google_spanner_instance"},
	Remediation: "Create the instance in a dual-region or multi-region configuration (eur3, nam6...) and move the data; " +
		"or copy backups to an instance in another region (Spanner backup copy) and suppress this finding.",
	RemediationCode: `resource "google_spanner_instance" "main" {
  name             = "main"
  config           = "eur3"
  display_name     = "main"
  processing_units = 1000
}`,
	Links: []string{
		googleDocs + "spanner_instance#config",
		"https://cloud.google.com/spanner/docs/instance-configurations",
	},
	Good: []scanner.Example{{Code: `
resource "google_spanner_instance" "multi" {
  name         = "multi"
  config       = "nam-eur-asia1"
  display_name = "multi"
  num_nodes    = 1
}

resource "google_spanner_instance" "path" {
  name         = "path"
  config       = "projects/acme/instanceConfigs/eur3"
  display_name = "path"
  num_nodes    = 1
}`}},
	Bad: []scanner.Example{{Code: `
variable "config" {
  type = string
}

resource "google_spanner_instance" "regional" {
  name         = "regional"
  config       = "regional-europe-west1"
  display_name = "regional"
  num_nodes    = 1
}

resource "google_spanner_instance" "regional_path" {
  name         = "regional-path"
  config       = "projects/acme/instanceConfigs/regional-us-central1"
  display_name = "regional path"
  num_nodes    = 1
}

resource "google_spanner_instance" "custom" {
  name         = "custom"
  config       = "custom-europe-west1-reads"
  display_name = "custom"
  num_nodes    = 1
}

resource "google_spanner_instance" "unknown" {
  name         = "unknown"
  config       = var.config
  display_name = "unknown"
  num_nodes    = 1
}`,
		Fails: []string{
			"google_spanner_instance.regional",
			"google_spanner_instance.regional_path",
		},
		Unknowns: []string{"google_spanner_instance.custom", "google_spanner_instance.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cfg := r.Attr("config")
		if cfg.IsUnknown() {
			return scanner.Unknowable(cfg.Range, "config is not known until apply")
		}
		s, ok := cfg.AsString()
		if !ok {
			return scanner.Unknowable(attrRange(cfg, r.Range), "the instance's config is not set")
		}
		name := strings.ToLower(strings.TrimSpace(s))
		name = name[strings.LastIndex(name, "/")+1:]
		switch {
		case strings.HasPrefix(name, "regional-"):
			return scanner.Failed(cfg.Range, "config %q is a regional configuration: every replica of the instance is in one region", s)
		case strings.HasPrefix(name, "custom-"):
			return scanner.Unknowable(cfg.Range, "config %q is a custom configuration, whose replicas cannot be read from the configuration", s)
		}
		return scanner.Passed()
	},
}
