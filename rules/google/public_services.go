package google

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// publicInvokeDescription is the shared reasoning of the rules on services
// that run code on request.
const publicInvokeDescription = "Granting a role to allUsers lets anyone on the internet call the service without " +
	"credentials; allAuthenticatedUsers admits any Google account, which is no restriction either. CC6.6 expects access " +
	"from outside the system boundary to be restricted to authorised users. The rule checks IAM members, bindings and " +
	"authoritative policies (including policy_data rendered by data \"google_iam_policy\"). A deliberately public " +
	"endpoint (a website, a webhook that verifies signatures) is an accepted exception: suppress the finding with the " +
	"reason."

var cloudFunctionNotPublic = &scanner.Rule{
	ID:            "google-cloudfunctions-function-not-public",
	Title:         "Cloud Functions (1st gen) cannot be invoked by allUsers or allAuthenticatedUsers",
	Description:   publicInvokeDescription,
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: iamTypes("google_cloudfunctions_function_iam"),
	Remediation:   "Grant roles/cloudfunctions.invoker to the service accounts or groups that call the function, never to allUsers or allAuthenticatedUsers.",
	RemediationCode: `resource "google_cloudfunctions_function_iam_member" "invoker" {
  cloud_function = google_cloudfunctions_function.fn.name
  role           = "roles/cloudfunctions.invoker"
  member         = "serviceAccount:caller@acme.iam.gserviceaccount.com"
}`,
	Links: []string{
		googleDocs + "cloudfunctions_function_iam",
		"https://cloud.google.com/functions/docs/securing/managing-access-iam",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_107"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_cloudfunctions_function_iam", `cloud_function = "fn"`, "roles/cloudfunctions.invoker")
		bad = publicIAMBad("google_cloudfunctions_function_iam", `cloud_function = "fn"`, "roles/cloudfunctions.invoker")
		return good, bad
	},
	Check: publicIAMCheck("the function"),
}

var cloudFunction2NotPublic = &scanner.Rule{
	ID:            "google-cloudfunctions2-function-not-public",
	Title:         "Cloud Functions (2nd gen) cannot be invoked by allUsers or allAuthenticatedUsers",
	Description:   publicInvokeDescription + " 2nd-gen functions run on Cloud Run: check roles/run.invoker on the underlying service too.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: iamTypes("google_cloudfunctions2_function_iam"),
	Remediation:   "Grant the invoker role to the service accounts or groups that call the function, never to allUsers or allAuthenticatedUsers.",
	RemediationCode: `resource "google_cloudfunctions2_function_iam_member" "invoker" {
  cloud_function = google_cloudfunctions2_function.fn.name
  location       = google_cloudfunctions2_function.fn.location
  role           = "roles/cloudfunctions.invoker"
  member         = "serviceAccount:caller@acme.iam.gserviceaccount.com"
}`,
	Links: []string{
		googleDocs + "cloudfunctions2_function_iam",
		"https://cloud.google.com/functions/docs/securing/managing-access-iam",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_cloudfunctions2_function_iam", `cloud_function = "fn"`, "roles/cloudfunctions.invoker")
		bad = publicIAMBad("google_cloudfunctions2_function_iam", `cloud_function = "fn"`, "roles/cloudfunctions.invoker")
		return good, bad
	},
	Check: publicIAMCheck("the function"),
}

var cloudRunServiceNotPublic = &scanner.Rule{
	ID:            "google-cloudrun-service-not-public",
	Title:         "Cloud Run services (v1 API) cannot be invoked by allUsers or allAuthenticatedUsers",
	Description:   publicInvokeDescription,
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: iamTypes("google_cloud_run_service_iam"),
	Remediation:   "Grant roles/run.invoker to the callers' service accounts or groups; put public sites behind a load balancer with IAP or Cloud Armor.",
	RemediationCode: `resource "google_cloud_run_service_iam_member" "invoker" {
  service  = google_cloud_run_service.api.name
  location = google_cloud_run_service.api.location
  role     = "roles/run.invoker"
  member   = "serviceAccount:caller@acme.iam.gserviceaccount.com"
}`,
	Links: []string{
		googleDocs + "cloud_run_service_iam",
		"https://cloud.google.com/run/docs/securing/managing-access",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_102"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_cloud_run_service_iam", `service = "api"`, "roles/run.invoker")
		bad = publicIAMBad("google_cloud_run_service_iam", `service = "api"`, "roles/run.invoker")
		return good, bad
	},
	Check: publicIAMCheck("the service"),
}

var cloudRunV2NotPublic = &scanner.Rule{
	ID:            "google-cloudrun-v2-not-public",
	Title:         "Cloud Run v2 services and jobs cannot be invoked by allUsers or allAuthenticatedUsers",
	Description:   publicInvokeDescription,
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: iamTypes("google_cloud_run_v2_service_iam", "google_cloud_run_v2_job_iam"),
	Remediation:   "Grant roles/run.invoker to the callers' service accounts or groups; put public sites behind a load balancer with IAP or Cloud Armor.",
	RemediationCode: `resource "google_cloud_run_v2_service_iam_member" "invoker" {
  name     = google_cloud_run_v2_service.api.name
  location = google_cloud_run_v2_service.api.location
  role     = "roles/run.invoker"
  member   = "serviceAccount:caller@acme.iam.gserviceaccount.com"
}`,
	Links: []string{
		googleDocs + "cloud_run_v2_service_iam",
		"https://cloud.google.com/run/docs/securing/managing-access",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_cloud_run_v2_service_iam", `name = "api"`, "roles/run.invoker")
		bad = publicIAMBad("google_cloud_run_v2_job_iam", `name = "nightly"`, "roles/run.invoker")
		return good, bad
	},
	Check: publicIAMCheck("the service"),
}

var pubsubNotPublic = &scanner.Rule{
	ID:    "google-pubsub-not-public",
	Title: "Pub/Sub topics and subscriptions are not open to allUsers or allAuthenticatedUsers",
	Description: "A Pub/Sub role granted to allUsers or allAuthenticatedUsers lets anyone publish into the topic (injecting " +
		"data the system trusts) or read the messages of a subscription. CC6.6 expects access from outside the boundary " +
		"restricted. The rule checks IAM members, bindings and policies on topics and subscriptions.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "C1.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: iamTypes("google_pubsub_topic_iam", "google_pubsub_subscription_iam"),
	Remediation:   "Grant publisher and subscriber roles to named service accounts only.",
	RemediationCode: `resource "google_pubsub_topic_iam_member" "publisher" {
  topic  = google_pubsub_topic.events.name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:producer@acme.iam.gserviceaccount.com"
}`,
	Links: []string{
		googleDocs + "pubsub_topic_iam",
		"https://cloud.google.com/pubsub/docs/access-control",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_99"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_pubsub_topic_iam", `topic = "events"`, "roles/pubsub.publisher")
		bad = publicIAMBad("google_pubsub_subscription_iam", `subscription = "events-sub"`, "roles/pubsub.subscriber")
		return good, bad
	},
	Check: publicIAMCheck("the topic or subscription"),
}

var secretNotPublic = &scanner.Rule{
	ID:    "google-secretmanager-secret-not-public",
	Title: "Secret Manager secrets are not readable by allUsers or allAuthenticatedUsers",
	Description: "A role on a secret granted to allUsers or allAuthenticatedUsers hands its value (a password, an API key) " +
		"to anyone. CC6.1 expects credentials protected by logical access controls. The rule checks IAM members, bindings " +
		"and policies on secrets.",
	Severity:      scanner.Critical,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.6", "C1.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: iamTypes("google_secret_manager_secret_iam"),
	Remediation:   "Grant roles/secretmanager.secretAccessor to the workloads' service accounts only.",
	RemediationCode: `resource "google_secret_manager_secret_iam_member" "app" {
  secret_id = google_secret_manager_secret.db_password.id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:app@acme.iam.gserviceaccount.com"
}`,
	Links: []string{
		googleDocs + "secret_manager_secret_iam",
		"https://cloud.google.com/secret-manager/docs/access-control",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_secret_manager_secret_iam", `secret_id = "db-password"`, "roles/secretmanager.secretAccessor")
		bad = publicIAMBad("google_secret_manager_secret_iam", `secret_id = "db-password"`, "roles/secretmanager.secretAccessor")
		return good, bad
	},
	Check: publicIAMCheck("the secret"),
}

var artifactRegistryNotPublic = &scanner.Rule{
	ID:    "google-artifactregistry-repository-not-public",
	Title: "Artifact Registry repositories are not open to allUsers or allAuthenticatedUsers",
	Description: "A reader role granted to allUsers publishes every image and package of the repository, with whatever " +
		"code, configuration and secrets were baked in; a writer role lets anyone replace them. CC6.6 expects access " +
		"from outside the boundary restricted. Repositories meant to be public (open-source images) are an accepted " +
		"exception: suppress the finding with the reason.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "CC8.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: iamTypes("google_artifact_registry_repository_iam"),
	Remediation:   "Grant roles/artifactregistry.reader to the deploying service accounts or groups only.",
	RemediationCode: `resource "google_artifact_registry_repository_iam_member" "reader" {
  repository = google_artifact_registry_repository.images.name
  location   = google_artifact_registry_repository.images.location
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:deployer@acme.iam.gserviceaccount.com"
}`,
	Links: []string{
		googleDocs + "artifact_registry_repository_iam",
		"https://cloud.google.com/artifact-registry/docs/access-control",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_101"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_artifact_registry_repository_iam", `repository = "images"`, "roles/artifactregistry.reader")
		bad = publicIAMBad("google_artifact_registry_repository_iam", `repository = "images"`, "roles/artifactregistry.reader")
		return good, bad
	},
	Check: publicIAMCheck("the repository"),
}

var dataprocNotPublic = &scanner.Rule{
	ID:    "google-dataproc-cluster-not-public",
	Title: "Dataproc clusters are not open to allUsers or allAuthenticatedUsers",
	Description: "A role on a Dataproc cluster granted to allUsers or allAuthenticatedUsers lets anyone submit jobs that " +
		"run code with the cluster's service account and read the data it processes. CC6.6 expects access from outside " +
		"the boundary restricted.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: iamTypes("google_dataproc_cluster_iam"),
	Remediation:   "Grant Dataproc roles to named groups and service accounts only.",
	RemediationCode: `resource "google_dataproc_cluster_iam_member" "editor" {
  cluster = google_dataproc_cluster.etl.name
  role    = "roles/dataproc.editor"
  member  = "group:data-eng@example.com"
}`,
	Links: []string{
		googleDocs + "dataproc_cluster_iam",
		"https://cloud.google.com/dataproc/docs/concepts/iam/iam",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_GCP_98"}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_dataproc_cluster_iam", `cluster = "etl"`, "roles/dataproc.editor")
		bad = publicIAMBad("google_dataproc_cluster_iam", `cluster = "etl"`, "roles/dataproc.editor")
		return good, bad
	},
	Check: publicIAMCheck("the cluster"),
}

var kmsNotPublic = &scanner.Rule{
	ID:    "google-kms-key-not-public",
	Title: "Cloud KMS keys and key rings are not open to allUsers or allAuthenticatedUsers",
	Description: "A role on a key or key ring granted to allUsers or allAuthenticatedUsers lets anyone encrypt, decrypt " +
		"or sign with it, and so read every piece of data the key protects. CC6.1 lists key protection among logical " +
		"access controls. The rule checks IAM members, bindings and policies on crypto keys and key rings.",
	Severity:      scanner.Critical,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.6"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: iamTypes("google_kms_crypto_key_iam", "google_kms_key_ring_iam"),
	Remediation:   "Grant roles/cloudkms.cryptoKeyEncrypterDecrypter to the service agents and workloads that use the key only.",
	RemediationCode: `resource "google_kms_crypto_key_iam_member" "gcs" {
  crypto_key_id = google_kms_crypto_key.data.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-123@gs-project-accounts.iam.gserviceaccount.com"
}`,
	Links: []string{
		googleDocs + "kms_crypto_key_iam",
		"https://cloud.google.com/kms/docs/iam",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_112"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_GCP_6"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_GCP_8"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_kms_crypto_key_iam", `crypto_key_id = "projects/acme/locations/europe-west1/keyRings/main/cryptoKeys/data"`, "roles/cloudkms.cryptoKeyEncrypterDecrypter")
		bad = publicIAMBad("google_kms_key_ring_iam", `key_ring_id = "projects/acme/locations/europe-west1/keyRings/main"`, "roles/cloudkms.cryptoKeyDecrypter")
		return good, bad
	},
	Check: publicIAMCheck("the key"),
}
