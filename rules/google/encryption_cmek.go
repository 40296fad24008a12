package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// cmekDescription is the shared reasoning of the customer-managed key rules.
const cmekDescription = "Google encrypts all data at rest with Google-managed keys, so a resource without a " +
	"customer-managed key is not unencrypted. A Cloud KMS key (CMEK) adds control the auditor can see: rotation on " +
	"your schedule, Cloud Audit Logs of every use of the key, and the ability to revoke access to the data by disabling " +
	"the key. CC6.1 lists the protection of encryption keys among logical access controls; C1.1 expects confidential " +
	"information protected. "

// cmekCheck passes a resource whose key argument (a path of nested blocks
// and an argument) is set to a known or unknown value; what names the
// resource in the message.
func cmekCheck(what string, path ...string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		blocks, arg := path[:len(path)-1], path[len(path)-1]
		b, dynamic := r.Follow(blocks...)
		if dynamic != "" {
			return scanner.Unknowable(r.Range, "%s is not known until apply", strings.Join(blocks, "."))
		}
		if b == nil {
			return scanner.Failed(r.Range, "%s is encrypted only with a Google-managed key: %s is not set", what, strings.Join(path, "."))
		}
		return scanner.RequireSet(b.Attr(arg), what+" is encrypted only with a Google-managed key: "+strings.Join(path, ".")+" is not set")
	}
}

// cmekGood renders a good example: a resource of typ made of base (its
// other arguments) and keyed (the argument or block that sets the key).
func cmekGood(typ, base, keyed string) []scanner.Example {
	return []scanner.Example{{Code: "\nresource \"" + typ + "\" \"cmek\" {\n" + base + keyed + "\n}\n"}}
}

// cmekBad renders a bad example: the resource without its key.
func cmekBad(typ, base string) []scanner.Example {
	return []scanner.Example{{
		Code:  "\nresource \"" + typ + "\" \"google_managed\" {\n" + base + "\n}\n",
		Fails: []string{typ + ".google_managed"},
	}}
}

const exampleKey = `"projects/acme/locations/europe-west1/keyRings/main/cryptoKeys/data"`

var storageBucketCMEK = &scanner.Rule{
	ID:            "google-storage-bucket-cmek",
	Title:         "Cloud Storage buckets encrypt new objects with a customer-managed key",
	Description:   cmekDescription + "A bucket's encryption.default_kms_key_name applies the key to every object written without one.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_storage_bucket"},
	Remediation:   "Add encryption { default_kms_key_name = <Cloud KMS key> } and grant the Cloud Storage service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.",
	RemediationCode: `resource "google_storage_bucket" "data" {
  # ...
  encryption {
    default_kms_key_name = google_kms_crypto_key.data.id
  }
}`,
	Links: []string{
		googleDocs + "storage_bucket#encryption",
		"https://cloud.google.com/storage/docs/encryption/customer-managed-keys",
	},
	References: []scanner.Reference{{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0066"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = cmekGood("google_storage_bucket", `  name     = "acme-data"
  location = "EU"
`, "  encryption {\n    default_kms_key_name = "+exampleKey+"\n  }")
		bad = cmekBad("google_storage_bucket", `  name     = "acme-data"
  location = "EU"`)
		return good, bad
	},
	Check: cmekCheck("the bucket", "encryption", "default_kms_key_name"),
}

var sqlCMEK = &scanner.Rule{
	ID:            "google-sql-cmek",
	Title:         "Cloud SQL instances are encrypted with a customer-managed key",
	Description:   cmekDescription + "encryption_key_name can only be set when the instance is created.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_sql_database_instance"},
	Remediation:   "Set encryption_key_name to a Cloud KMS key in the instance's region (recreates the instance) and grant the Cloud SQL service agent access to it.",
	RemediationCode: `resource "google_sql_database_instance" "main" {
  # ...
  encryption_key_name = google_kms_crypto_key.sql.id
}`,
	Links: []string{
		sqlInstanceDocs + "#encryption_key_name",
		"https://cloud.google.com/sql/docs/postgres/cmek",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = cmekGood("google_sql_database_instance", `  name             = "pg"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
  }
`, "  encryption_key_name = "+exampleKey)
		bad = cmekBad("google_sql_database_instance", `  name             = "pg"
  region           = "europe-west1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
  }`)
		return good, bad
	},
	Check: cmekCheck("the instance", "encryption_key_name"),
}

var pubsubTopicCMEK = &scanner.Rule{
	ID:            "google-pubsub-topic-cmek",
	Title:         "Pub/Sub topics are encrypted with a customer-managed key",
	Description:   cmekDescription + "A topic's kms_key_name encrypts the messages it stores until they are acknowledged.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_pubsub_topic"},
	Remediation:   "Set kms_key_name and grant the Pub/Sub service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.",
	RemediationCode: `resource "google_pubsub_topic" "events" {
  name         = "events"
  kms_key_name = google_kms_crypto_key.pubsub.id
}`,
	Links: []string{
		googleDocs + "pubsub_topic#kms_key_name",
		"https://cloud.google.com/pubsub/docs/encryption",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_83"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = cmekGood("google_pubsub_topic", "  name = \"events\"\n", "  kms_key_name = "+exampleKey)
		bad = cmekBad("google_pubsub_topic", `  name = "events"`)
		return good, bad
	},
	Check: cmekCheck("the topic", "kms_key_name"),
}

var bigqueryTableCMEK = &scanner.Rule{
	ID:    "google-bigquery-table-cmek",
	Title: "BigQuery tables are encrypted with a customer-managed key",
	Description: cmekDescription + "A table takes its dataset's default key when it has no encryption_configuration, so " +
		"the rule passes a table whose dataset (in this configuration) sets default_encryption_configuration; a dataset " +
		"outside the configuration leaves the answer unknown. Views and external tables store no data and are not checked.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_bigquery_table"},
	Remediation:   "Set default_encryption_configuration on the dataset, or encryption_configuration { kms_key_name } on the table.",
	RemediationCode: `resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.bq.id
  }
}`,
	Links: []string{
		googleDocs + "bigquery_table#encryption_configuration",
		"https://cloud.google.com/bigquery/docs/customer-managed-encryption",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_80"}},
	Good: []scanner.Example{{Code: `
resource "google_bigquery_dataset" "keyed" {
  dataset_id = "keyed"
  default_encryption_configuration {
    kms_key_name = ` + exampleKey + `
  }
}

resource "google_bigquery_table" "inherits" {
  dataset_id = google_bigquery_dataset.keyed.dataset_id
  table_id   = "events"
}

resource "google_bigquery_table" "view" {
  dataset_id = "other"
  table_id   = "recent"
  view {
    query          = "SELECT 1"
    use_legacy_sql = false
  }
}

resource "google_bigquery_table" "own" {
  dataset_id = "other"
  table_id   = "events"
  encryption_configuration {
    kms_key_name = ` + exampleKey + `
  }
}`, NotApplicable: []string{"google_bigquery_table.view"}}},
	Bad: []scanner.Example{{Code: `
variable "dataset" {
  type = string
}

resource "google_bigquery_dataset" "plain" {
  dataset_id = "plain"
}

resource "google_bigquery_table" "plain" {
  dataset_id = google_bigquery_dataset.plain.dataset_id
  table_id   = "events"
}

resource "google_bigquery_table" "unknown" {
  dataset_id = var.dataset
  table_id   = "events"
}

resource "google_bigquery_table" "outside" {
  dataset_id = "managed_elsewhere"
  table_id   = "events"
}`,
		Fails:    []string{"google_bigquery_table.plain"},
		Unknowns: []string{"google_bigquery_table.unknown", "google_bigquery_table.outside"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		// Views and external tables keep no data in BigQuery storage.
		if r.FirstBlock("view") != nil || r.FirstBlock("external_data_configuration") != nil {
			return scanner.DoesNotApply("a view or external table stores no data in BigQuery")
		}
		if r.BlocksUnknown("encryption_configuration") {
			return scanner.Unknowable(r.Range, "encryption_configuration is not known until apply")
		}
		if c := r.FirstBlock("encryption_configuration"); c != nil && c.Attr("kms_key_name").IsSet() {
			return scanner.Passed()
		}
		ds := r.Attr("dataset_id")
		datasets := ctx.Index.Resolve(ds)
		if len(datasets) == 0 {
			name, known := ds.AsString()
			for _, d := range ctx.Index.OfType("google_bigquery_dataset") {
				if known && d.Attr("dataset_id").Equals(name) {
					datasets = append(datasets, d)
				}
			}
			if !known {
				return scanner.Unknowable(ds.Range, "the table has no key of its own and its dataset is not known until apply")
			}
			if len(datasets) == 0 {
				return scanner.Unknowable(ds.Range, "the table has no key of its own and its dataset %q is not in this configuration", name)
			}
		}
		for _, d := range datasets {
			if d.Type != "google_bigquery_dataset" {
				continue
			}
			if d.BlocksUnknown("default_encryption_configuration") {
				return scanner.Unknowable(ds.Range, "the dataset's default_encryption_configuration is not known until apply")
			}
			if c := d.FirstBlock("default_encryption_configuration"); c != nil && c.Attr("kms_key_name").IsSet() {
				return scanner.Passed()
			}
		}
		return scanner.Failed(r.Range, "neither the table nor its dataset sets a Cloud KMS key: the table is encrypted only with a Google-managed key")
	},
}

var artifactRegistryCMEK = &scanner.Rule{
	ID:            "google-artifactregistry-repository-cmek",
	Title:         "Artifact Registry repositories are encrypted with a customer-managed key",
	Description:   cmekDescription + "kms_key_name can only be set when the repository is created.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_artifact_registry_repository"},
	Remediation:   "Set kms_key_name (recreates the repository) and grant the Artifact Registry service agent access to the key.",
	RemediationCode: `resource "google_artifact_registry_repository" "images" {
  repository_id = "images"
  format        = "DOCKER"
  kms_key_name  = google_kms_crypto_key.artifacts.id
}`,
	Links: []string{
		googleDocs + "artifact_registry_repository#kms_key_name",
		"https://cloud.google.com/artifact-registry/docs/cmek",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_84"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = cmekGood("google_artifact_registry_repository", `  repository_id = "images"
  format        = "DOCKER"
  location      = "europe-west1"
`, "  kms_key_name = "+exampleKey)
		bad = cmekBad("google_artifact_registry_repository", `  repository_id = "images"
  format        = "DOCKER"
  location      = "europe-west1"`)
		return good, bad
	},
	Check: cmekCheck("the repository", "kms_key_name"),
}

var bigqueryTableDeletionProtection = &scanner.Rule{
	ID:    "google-bigquery-table-deletion-protection",
	Title: "BigQuery tables keep Terraform deletion protection on",
	Description: "deletion_protection (true by default) makes terraform destroy and replacing changes fail instead of " +
		"dropping the table and its data; BigQuery's time travel keeps deleted tables only 7 days at most. A1.2 expects " +
		"data protected from accidental loss. Views and external tables (whose data stays in Cloud Storage or elsewhere) " +
		"store no data in BigQuery and are not checked; only an explicit false fails.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC8.1"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"google_bigquery_table"},
	Remediation:   "Remove deletion_protection = false (set it only in the change that drops the table).",
	RemediationCode: `resource "google_bigquery_table" "events" {
  dataset_id          = google_bigquery_dataset.analytics.dataset_id
  table_id            = "events"
  deletion_protection = true
}`,
	Links: []string{
		googleDocs + "bigquery_table#deletion_protection",
		"https://cloud.google.com/bigquery/docs/managing-tables#undeletetable",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_121"}},
	Good: []scanner.Example{{Code: `
resource "google_bigquery_table" "events" {
  dataset_id = "analytics"
  table_id   = "events"
}

resource "google_bigquery_table" "view" {
  dataset_id          = "analytics"
  table_id            = "recent"
  deletion_protection = false
  view {
    query          = "SELECT 1"
    use_legacy_sql = false
  }
}

resource "google_bigquery_table" "external" {
  dataset_id          = "analytics"
  table_id            = "raw"
  deletion_protection = false
  external_data_configuration {
    autodetect    = true
    source_format = "PARQUET"
    source_uris   = ["gs://acme-raw/*.parquet"]
  }
}`, NotApplicable: []string{"google_bigquery_table.view", "google_bigquery_table.external"}}},
	Bad: []scanner.Example{{Code: `
resource "google_bigquery_table" "events" {
  dataset_id          = "analytics"
  table_id            = "events"
  deletion_protection = false
}`, Fails: []string{"google_bigquery_table.events"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.FirstBlock("view") != nil || r.FirstBlock("external_data_configuration") != nil {
			return scanner.DoesNotApply("a view or external table stores no data in BigQuery: dropping it loses no data")
		}
		return scanner.RequireTrueOr(r.Attr("deletion_protection"), true, "deletion_protection is false: a destroy or replacing change drops the table and its data")
	},
}
