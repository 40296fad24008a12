package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// otherIAMFamilies are the IAM families of resources that no dedicated
// public-exposure rule covers. Project, folder and organization policies are
// left out (Google rejects allUsers and allAuthenticatedUsers there), and so
// are compute images, which are shared with allAuthenticatedUsers on purpose
// to publish them.
var otherIAMFamilies = []string{
	"google_service_account_iam",
	"google_compute_instance_iam",
	"google_compute_disk_iam",
	"google_compute_snapshot_iam",
	"google_compute_subnetwork_iam",
	"google_spanner_instance_iam",
	"google_spanner_database_iam",
	"google_bigtable_instance_iam",
	"google_bigtable_table_iam",
	"google_sourcerepo_repository_iam",
	"google_healthcare_dataset_iam",
	"google_cloud_tasks_queue_iam",
	"google_notebooks_instance_iam",
}

var iamNoPublicPrincipals = &scanner.Rule{
	ID:    "google-iam-no-public-principals",
	Title: "Service accounts, VMs, disks, databases and other resources are not open to allUsers or allAuthenticatedUsers",
	Description: "A role granted to allUsers lets anyone on the internet use it without credentials, and " +
		"allAuthenticatedUsers admits any Google account, which is no restriction either. On a service account that " +
		"means anyone can act as it (roles/iam.serviceAccountTokenCreator mints its tokens); on a VM, disk, snapshot, " +
		"Spanner or Bigtable database, source repository, Healthcare dataset or task queue it exposes the data or the " +
		"machine. CC6.6 expects access from outside the boundary restricted to authorised users. The rule checks IAM " +
		"members, bindings and authoritative policies (policy_data, also rendered by data \"google_iam_policy\") of " +
		"resources that no other public-exposure rule covers; a member only known after apply passes when its known " +
		"part already names a kind (\"serviceAccount:${…}\") or it is built only from service accounts of the configuration.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "CC6.3"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: iamTypes(otherIAMFamilies...),
	Remediation:   "Grant the role to the groups and service accounts that need it, never to allUsers or allAuthenticatedUsers.",
	RemediationCode: `resource "google_service_account_iam_member" "deployer" {
  service_account_id = google_service_account.app.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:deployers@example.com"
}`,
	Links: []string{
		googleDocs + "google_service_account_iam",
		googleDocs + "compute_instance_iam",
		"https://cloud.google.com/iam/docs/principals-overview#all-users",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = publicIAMGood("google_service_account_iam",
			`service_account_id = "projects/acme/serviceAccounts/app@acme.iam.gserviceaccount.com"`, "roles/iam.serviceAccountTokenCreator")
		bad = append(publicIAMBad("google_service_account_iam",
			`service_account_id = "projects/acme/serviceAccounts/app@acme.iam.gserviceaccount.com"`, "roles/iam.serviceAccountTokenCreator"),
			scanner.Example{Code: `
resource "google_compute_instance_iam_member" "ssh" {
  zone          = "europe-west1-b"
  instance_name = "bastion"
  role          = "roles/compute.osAdminLogin"
  member        = "allAuthenticatedUsers"
}

resource "google_spanner_database_iam_binding" "readers" {
  instance = "main"
  database = "orders"
  role     = "roles/spanner.databaseReader"
  members  = ["allUsers"]
}`, Fails: []string{"google_compute_instance_iam_member.ssh", "google_spanner_database_iam_binding.readers"}})
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return publicIAMCheck(iamTarget(r.Type))(r, ctx)
	},
}

// iamTarget names what an IAM resource type grants access to, for a
// message: google_compute_instance_iam_member gives "the compute instance".
func iamTarget(typ string) string {
	name := strings.TrimPrefix(typ, "google_")
	if i := strings.Index(name, "_iam_"); i >= 0 {
		name = name[:i]
	}
	return "the " + strings.ReplaceAll(name, "_", " ")
}
