package google

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var kmsKeyRotation = &scanner.Rule{
	ID:    "google-kms-key-rotation",
	Title: "Cloud KMS symmetric keys rotate automatically within 90 days",
	Description: "A key that never rotates protects ever more data under one key version, so a compromise exposes all of " +
		"it. CC6.1 expects cryptographic keys managed through their lifecycle; CIS asks for rotation at least every 90 " +
		"days. Keys have no automatic rotation unless rotation_period is set (\"7776000s\" is 90 days). Only " +
		"ENCRYPT_DECRYPT keys (the default purpose) can rotate automatically; asymmetric, MAC and raw keys are not " +
		"checked.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"google_kms_crypto_key"},
	Params: []scanner.Param{{
		Name:        "max_rotation_days",
		Description: "Longest allowed automatic rotation period, in days.",
		Default:     90,
		Min:         1,
	}},
	Remediation: "Set rotation_period to 7776000s (90 days) or shorter.",
	RemediationCode: `resource "google_kms_crypto_key" "main" {
  name            = "data"
  key_ring        = google_kms_key_ring.main.id
  rotation_period = "7776000s" # 90 days
}`,
	Links: []string{
		googleDocs + "kms_crypto_key#rotation_period",
		"https://cloud.google.com/kms/docs/key-rotation",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_43"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0065"},
		{Tool: scanner.ToolTfsec, ID: "google-kms-rotate-kms-keys"},
	},
	Good: []scanner.Example{{Code: `
resource "google_kms_crypto_key" "quarterly" {
  name            = "data"
  key_ring        = "projects/acme/locations/europe-west1/keyRings/main"
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = "projects/acme/locations/europe-west1/keyRings/main"
  purpose  = "ASYMMETRIC_SIGN"
  version_template {
    algorithm = "EC_SIGN_P256_SHA256"
  }
}`, NotApplicable: []string{"google_kms_crypto_key.signing"}}, {Code: `
resource "google_kms_crypto_key" "yearly" {
  name            = "data"
  key_ring        = "projects/acme/locations/europe-west1/keyRings/main"
  rotation_period = "31536000s"
}`, Params: map[string]any{"max_rotation_days": 365}}},
	Bad: []scanner.Example{{Code: `
variable "period" {
  type = string
}

resource "google_kms_crypto_key" "never" {
  name     = "data"
  key_ring = "projects/acme/locations/europe-west1/keyRings/main"
}

resource "google_kms_crypto_key" "yearly" {
  name            = "yearly"
  key_ring        = "projects/acme/locations/europe-west1/keyRings/main"
  purpose         = "ENCRYPT_DECRYPT"
  rotation_period = "31536000s"
}

resource "google_kms_crypto_key" "unknown" {
  name            = "unknown"
  key_ring        = "projects/acme/locations/europe-west1/keyRings/main"
  rotation_period = var.period
}`,
		Fails:    []string{"google_kms_crypto_key.never", "google_kms_crypto_key.yearly"},
		Unknowns: []string{"google_kms_crypto_key.unknown"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		purpose := r.Attr("purpose")
		switch {
		case purpose.IsUnknown():
			return scanner.Unknowable(purpose.Range, "purpose is not known until apply")
		case purpose.IsSet() && !purpose.Equals("ENCRYPT_DECRYPT"):
			return scanner.DoesNotApply("Cloud KMS rotates only ENCRYPT_DECRYPT keys automatically; a %s key has no rotation_period", purpose.StringOr("?"))
		}
		maxDays := ctx.Int("max_rotation_days")
		v := r.Attr("rotation_period")
		switch {
		case v.IsNull():
			return scanner.Failed(v.Range, "rotation_period is not set: the key never rotates automatically")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "rotation_period is not known until apply")
		}
		secs, err := durationSeconds(v.StringOr(""))
		if err != nil {
			return scanner.Unknowable(v.Range, "%v", err)
		}
		if secs > float64(maxDays)*86400 {
			return scanner.Failed(v.Range, "rotation_period %s is %.0f days, longer than the allowed %d", v.StringOr("?"), secs/86400, maxDays)
		}
		return scanner.Passed()
	},
}

var bigqueryDatasetCMEK = &scanner.Rule{
	ID:    "google-bigquery-dataset-cmek",
	Title: "BigQuery datasets encrypt new tables with a customer-managed key",
	Description: "BigQuery always encrypts data at rest with Google-managed keys, so a dataset without a customer-managed " +
		"key is not unencrypted. A default Cloud KMS key (CMEK) for the dataset puts its tables under a key you can " +
		"rotate, audit and revoke. CC6.1 lists key protection among logical access controls. Low severity.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"google_bigquery_dataset"},
	Remediation:   "Add default_encryption_configuration { kms_key_name = <Cloud KMS key> } (the BigQuery service account needs roles/cloudkms.cryptoKeyEncrypterDecrypter on it).",
	RemediationCode: `resource "google_bigquery_dataset" "main" {
  # ...
  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.bigquery.id
  }
}`,
	Links: []string{
		googleDocs + "bigquery_dataset#default_encryption_configuration",
		"https://cloud.google.com/bigquery/docs/customer-managed-encryption",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_81"},
	},
	Good: []scanner.Example{{Code: `
resource "google_bigquery_dataset" "cmek" {
  dataset_id = "analytics"
  location   = "EU"
  default_encryption_configuration {
    kms_key_name = "projects/acme/locations/eu/keyRings/main/cryptoKeys/bigquery"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_bigquery_dataset" "google_managed" {
  dataset_id = "analytics"
  location   = "EU"
}`, Fails: []string{"google_bigquery_dataset.google_managed"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cfg, dynamic := r.Follow("default_encryption_configuration")
		if dynamic != "" {
			return scanner.Unknowable(r.Range, "default_encryption_configuration is not known until apply")
		}
		if cfg.Attr("kms_key_name").IsSet() {
			return scanner.Passed()
		}
		return scanner.Failed(r.Range, "no default_encryption_configuration.kms_key_name: the dataset's tables use Google-managed keys only")
	},
}

var kmsKeyDestroyDelay = &scanner.Rule{
	ID:    "google-kms-key-destroy-delay",
	Title: "Cloud KMS key versions wait long enough before destruction",
	Description: "Destroying a key version destroys, for good, every piece of data encrypted only with it. Cloud KMS " +
		"keeps a version scheduled for destruction for destroy_scheduled_duration (30 days by default), the window in " +
		"which a mistaken or malicious destroy can be undone. A1.2 expects data protected from loss; this protection " +
		"works whatever Terraform's lifecycle prevent_destroy says, since versions are destroyed through the API too. " +
		"The rule fails durations shorter than min_destroy_delay_days (30 by default).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"google_kms_crypto_key"},
	Params: []scanner.Param{{
		Name:        "min_destroy_delay_days",
		Description: "Fewest days a key version must stay scheduled for destruction.",
		Default:     30,
	}},
	Remediation: "Remove destroy_scheduled_duration (30 days) or set it to at least the required days; it can only be set when the key is created.",
	RemediationCode: `resource "google_kms_crypto_key" "data" {
  name                       = "data"
  key_ring                   = google_kms_key_ring.main.id
  destroy_scheduled_duration = "2592000s" # 30 days
}`,
	Links: []string{
		googleDocs + "kms_crypto_key#destroy_scheduled_duration",
		"https://cloud.google.com/kms/docs/destroy-restore",
	},
	Good: []scanner.Example{{Code: `
resource "google_kms_crypto_key" "default" {
  name     = "data"
  key_ring = "projects/acme/locations/europe-west1/keyRings/main"
}`}},
	Bad: []scanner.Example{{Code: `
variable "delay" {
  type = string
}

resource "google_kms_crypto_key" "one_day" {
  name                       = "data"
  key_ring                   = "projects/acme/locations/europe-west1/keyRings/main"
  destroy_scheduled_duration = "86400s"
}

resource "google_kms_crypto_key" "unknown" {
  name                       = "other"
  key_ring                   = "projects/acme/locations/europe-west1/keyRings/main"
  destroy_scheduled_duration = var.delay
}`,
		Fails:    []string{"google_kms_crypto_key.one_day"},
		Unknowns: []string{"google_kms_crypto_key.unknown"},
		Expect:   map[string]scanner.Expected{"google_kms_crypto_key.one_day": {Line: 9, Message: "1 days"}},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Attr("destroy_scheduled_duration")
		switch {
		case v.IsNull():
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "destroy_scheduled_duration is not known until apply")
		}
		secs, err := durationSeconds(v.StringOr(""))
		if err != nil {
			return scanner.Unknowable(v.Range, "%v", err)
		}
		want := ctx.Int("min_destroy_delay_days")
		if days := secs / 86400; days < float64(want) {
			return scanner.Failed(v.Range, "key versions are destroyed after %g days, fewer than %d: a mistaken destroy cannot be undone for long", days, want)
		}
		return scanner.Passed()
	},
}
