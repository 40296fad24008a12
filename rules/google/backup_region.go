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

var firestoreMultiRegion = &scanner.Rule{
	ID:    "google-firestore-database-multi-region",
	Title: "Firestore databases replicate data across regions",
	Description: "A Firestore database's location_id cannot be changed. A regional location (such as europe-west1) keeps " +
		"every replica in one region, and Firestore backups are stored in the database's own location, so a regional " +
		"outage or disaster takes the database and its backups; the multi-region locations (nam5, eur3) replicate across " +
		"regions. A1.2 expects backups and critical data stored off site. Native and Datastore mode databases are both checked.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"google_firestore_database"},
	Remediation:   "Create the database in a multi-region location (nam5 or eur3) and move the data; a database's location cannot be changed.",
	RemediationCode: `resource "google_firestore_database" "main" {
  name        = "(default)"
  location_id = "eur3"
  type        = "FIRESTORE_NATIVE"
}`,
	Links: []string{
		googleDocs + "firestore_database#location_id",
		"https://cloud.google.com/firestore/docs/locations",
	},
	Good: []scanner.Example{{Code: `
resource "google_firestore_database" "multi" {
  name        = "(default)"
  location_id = "nam5"
  type        = "FIRESTORE_NATIVE"
}

resource "google_firestore_database" "datastore" {
  name        = "datastore"
  location_id = "EUR3"
  type        = "DATASTORE_MODE"
}`}},
	Bad: []scanner.Example{{Code: `
variable "location" {
  type = string
}

resource "google_firestore_database" "regional" {
  name        = "(default)"
  location_id = "europe-west1"
  type        = "FIRESTORE_NATIVE"
}

resource "google_firestore_database" "unknown" {
  name        = "unknown"
  location_id = var.location
  type        = "FIRESTORE_NATIVE"
}`,
		Fails:    []string{"google_firestore_database.regional"},
		Unknowns: []string{"google_firestore_database.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		loc := r.Attr("location_id")
		if loc.IsUnknown() {
			return scanner.Unknowable(loc.Range, "location_id is not known until apply")
		}
		s, ok := loc.AsString()
		if !ok {
			return scanner.Unknowable(attrRange(loc, r.Range), "the database's location_id is not set")
		}
		if strings.Contains(s, "-") {
			return scanner.Failed(loc.Range, "location_id %q is a single region: every replica of the database and its backups are in that region", s)
		}
		return scanner.Passed() // a multi-region: nam5, eur3
	},
}
