package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// hierarchyGrantCheck fails a project, folder or organization grant of one
// of roles (any role when roles is empty) to a member that bad picks out.
// A member only known after apply passes when harmless says its known
// prefix and references rule it out (each unknown element of a binding's
// members likewise); a role only known after apply matters only when some
// member is, or may be, one that bad picks out.
func hierarchyGrantCheck(roles []string, bad func(member string) bool, harmless func(scanner.Value) bool, why string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if strings.HasSuffix(r.Type, "_policy") {
			return policyGrantCheck(r, ctx, roles, bad, why)
		}
		role := r.Attr("role")
		grants, unknown := iamGrants(r, ctx.Index)
		if len(roles) > 0 && !role.IsUnknown() && !role.OneOf(roles...) {
			return scanner.Passed()
		}
		for _, g := range grants {
			if !bad(g.Member) {
				continue
			}
			if role.IsUnknown() {
				return scanner.Unknowable(role.Range, "role is not known until apply")
			}
			return scanner.Failed(g.Range, "%s is granted %s: %s", g.Member, role.StringOr("a role"), why)
		}
		if unknown != nil {
			if prefix, ok := unknownMemberKind(r, *unknown, bad); ok && !role.IsUnknown() {
				return scanner.Failed(unknown.Range, "%s is granted %s: %s", prefix, role.StringOr("a role"), why)
			}
		}
		if unknown != nil && !membersHarmless(r, *unknown, harmless) {
			if len(roles) > 0 && role.IsUnknown() {
				return scanner.Unknowable(role.Range, "role is not known until apply")
			}
			return scanner.Unknowable(unknown.Range, "%s is not known until apply", unknown.Name)
		}
		return scanner.Passed()
	}
}

// policyGrantCheck judges an authoritative *_iam_policy resource, whose
// bindings each carry their own role: it fails on a grant of one of roles
// (any role when roles is empty) to a member bad picks out. A binding whose
// role is only known after apply is unknown when its member is bad, and a
// policy whose bindings are not all known is unknown: the member list an
// authoritative policy replaces is then not known.
func policyGrantCheck(r *scanner.Resource, ctx *scanner.Context, roles []string, bad func(member string) bool, why string) scanner.Result {
	grants, unknown := iamGrants(r, ctx.Index)
	var roleUnknown *iamGrant
	for i, g := range grants {
		if !bad(g.Member) {
			continue
		}
		switch {
		case len(roles) == 0 || oneOfFold(g.Role, roles):
			return scanner.Failed(g.Range, "%s is granted %s: %s", g.Member, g.Role, why)
		case g.Role == "?" && roleUnknown == nil:
			roleUnknown = &grants[i]
		}
	}
	if roleUnknown != nil {
		return scanner.Unknowable(roleUnknown.Range, "the role granted to %s is not known until apply", roleUnknown.Member)
	}
	if unknown != nil {
		return scanner.Unknowable(unknown.Range, "%s is not known until apply", unknown.Name)
	}
	return scanner.Passed()
}

// isPersonOrGroup reports whether an IAM member is a user, group or domain.
func isPersonOrGroup(member string) bool {
	kind, _, _ := strings.Cut(strings.TrimSpace(member), ":")
	switch strings.ToLower(kind) {
	case "user", "group", "domain":
		return true
	}
	return false
}

// isDefaultServiceAccount reports whether an IAM member is the Compute
// Engine or App Engine default service account.
func isDefaultServiceAccount(member string) bool {
	m := strings.ToLower(strings.TrimSpace(member))
	if !strings.HasPrefix(m, "serviceaccount:") {
		return false
	}
	return defaultComputeSA(m) || strings.HasSuffix(m, "@appspot.gserviceaccount.com")
}

var iamNoServiceAccountImpersonation = &scanner.Rule{
	ID:    "google-iam-no-service-account-impersonation-at-hierarchy",
	Title: "People are not allowed to impersonate every service account of a project, folder or organization",
	Description: "roles/iam.serviceAccountUser and roles/iam.serviceAccountTokenCreator granted on a project, folder or " +
		"organization let the grantee act as every service account below it, including the most privileged ones: one " +
		"grant escalates to all their rights. CC6.3 expects access granted by need. Grant these roles on the single " +
		"service account a person needs to use. A member only known after apply is judged by its known kind " +
		"(\"group:${var.team}\" is a group), and a role only known after apply matters only for a member that may be a person.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: hierarchyIAMPolicyTypes,
	Params: []scanner.Param{{
		Name:        "impersonation_roles",
		Description: "Roles that let a principal act as service accounts.",
		Default:     []string{"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"},
	}},
	Remediation: "Grant the role on the service account (google_service_account_iam_member) instead of the project, folder or organization.",
	RemediationCode: `resource "google_service_account_iam_member" "deployer" {
  service_account_id = google_service_account.app.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:deployers@example.com"
}`,
	Links: []string{
		googleDocs + "google_service_account_iam",
		"https://cloud.google.com/iam/docs/service-account-permissions#user-role",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_41"},
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_49"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0011"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0005"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0009"},
	},
	Good: []scanner.Example{{Code: `
resource "google_project_iam_member" "ci" {
  project = "acme-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "viewer" {
  project = "acme-prod"
  role    = "roles/viewer"
  member  = "group:auditors@example.com"
}

variable "role" {
  type = string
}

resource "google_service_account" "deployer" {
  account_id = "deployer"
}

resource "google_project_iam_member" "created_sa_any_role" {
  project = "acme-prod"
  role    = var.role
  member  = "serviceAccount:${google_service_account.deployer.email}"
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_project_iam_member" "user" {
  project = "acme-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "user:alice@example.com"
}

resource "google_folder_iam_binding" "tokens" {
  folder  = "folders/123"
  role    = "roles/iam.serviceAccountTokenCreator"
  members = ["group:developers@example.com"]
}

variable "team" {
  type = string
}

resource "google_project_iam_binding" "templated_group" {
  project = "acme-prod"
  role    = "roles/iam.serviceAccountUser"
  members = ["serviceAccount:ci@acme-prod.iam.gserviceaccount.com", "group:${var.team}@example.com"]
}

resource "google_project_iam_member" "person_any_role" {
  project = "acme-prod"
  role    = var.team
  member  = "user:alice@example.com"
}

data "google_iam_policy" "org" {
  binding {
    role    = "roles/iam.serviceAccountTokenCreator"
    members = ["group:sre@example.com"]
  }
}

resource "google_organization_iam_policy" "authoritative" {
  org_id      = "123456789"
  policy_data = data.google_iam_policy.org.policy_data
}`, Fails: []string{"google_project_iam_member.user", "google_folder_iam_binding.tokens", "google_project_iam_binding.templated_group",
		"google_organization_iam_policy.authoritative"},
		Unknowns: []string{"google_project_iam_member.person_any_role"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return hierarchyGrantCheck(ctx.Strings("impersonation_roles"), isPersonOrGroup,
			notPerson,
			"they can act as every service account below this level")(r, ctx)
	},
}

var iamNoDefaultServiceAccountGrants = &scanner.Rule{
	ID:    "google-iam-no-default-service-account-grants",
	Title: "Default service accounts are not granted roles on projects, folders or organizations",
	Description: "The Compute Engine and App Engine default service accounts are used by every VM, function and app " +
		"that does not name another; a role granted to them is granted to all those workloads at once. CC6.3 expects " +
		"access granted by need: grant roles to dedicated service accounts instead. A member only known after apply " +
		"fails when its known start and end spell a default account (\"serviceAccount:${…}-compute@developer.gserviceaccount.com\", " +
		"also through a local whose condition is known), and passes when they rule one out (a service agent, a service account of the configuration, " +
		"a member known to end with \".iam.gserviceaccount.com\", as the email of a google_service_account does, also through locals and module inputs, " +
		"and each.value of a for_each over a set whose every element is known to end so).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: hierarchyIAMPolicyTypes,
	Remediation:   "Create a service account per workload and grant roles to it; remove grants to the default accounts.",
	RemediationCode: `resource "google_project_iam_member" "app" {
  project = "acme-prod"
  role    = "roles/storage.objectViewer"
  member  = "serviceAccount:${google_service_account.app.email}"
}`,
	Links: []string{
		googleDocs + "google_project_iam",
		"https://cloud.google.com/iam/docs/service-account-types#default",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_46"},
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_47"},
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_48"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0004"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0006"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0008"},
	},
	Good: []scanner.Example{{Code: `
resource "google_service_account" "etl" {
  account_id = "etl"
}

resource "google_project_iam_member" "app" {
  project = "acme-prod"
  role    = "roles/storage.objectViewer"
  member  = "serviceAccount:app@acme-prod.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "agent" {
  project = "acme-prod"
  role    = "roles/iam.serviceAccountShortTermTokenMinter"
  member  = "serviceAccount:service-${google_project.app.number}@gcp-sa-bigquerydatatransfer.iam.gserviceaccount.com"
}

resource "google_project" "app" {
  name       = "app"
  project_id = "acme-app"
}

resource "google_project_iam_member" "created" {
  project = "acme-prod"
  role    = "roles/bigquery.jobUser"
  member  = "serviceAccount:${google_service_account.etl.email}"
}

resource "google_project_iam_binding" "agents" {
  project = "acme-host"
  role    = "roles/compute.networkUser"
  members = [
    "serviceAccount:service-${google_project.app.number}@container-engine-robot.iam.gserviceaccount.com",
    "serviceAccount:service-${google_project.app.number}@dataproc-accounts.iam.gserviceaccount.com",
  ]
}

data "google_project" "this" {
  project_id = "acme-prod"
}

locals {
  # A created account's email is never empty, so the default is not used.
  runner = google_service_account.etl.email == "" ? "${data.google_project.this.number}-compute@developer.gserviceaccount.com" : google_service_account.etl.email
}

resource "google_project_iam_member" "runner" {
  project = "acme-prod"
  role    = "roles/monitoring.viewer"
  member  = "serviceAccount:${local.runner}"
}

variable "operator_project" {
  type = string
}

locals {
  # Every operator ends with .iam.gserviceaccount.com, whichever prefix
  # the condition picks: so does each.value below.
  operators = [for n in ["ops@${var.operator_project}.iam.gserviceaccount.com"] :
  endswith(n, "gserviceaccount.com") ? "serviceAccount:${n}" : "user:${n}"]
}

resource "google_project_iam_member" "operators" {
  for_each = toset(local.operators)
  project  = "acme-prod"
  role     = "roles/logging.viewAccessor"
  member   = each.value
}`}},
	Bad: []scanner.Example{{Code: `
variable "members" {
  type = list(string)
}

resource "google_project_iam_member" "compute" {
  project = "acme-prod"
  role    = "roles/storage.admin"
  member  = "serviceAccount:123456789-compute@developer.gserviceaccount.com"
}

resource "google_organization_iam_binding" "appspot" {
  org_id  = "123456789"
  role    = "roles/viewer"
  members = ["serviceAccount:acme-prod@appspot.gserviceaccount.com"]
}

resource "google_folder_iam_binding" "unknown" {
  folder  = "folders/123"
  role    = "roles/viewer"
  members = var.members
}

data "google_project" "this" {
  project_id = "acme-prod"
}

resource "google_project_iam_member" "by_number" {
  project = "acme-prod"
  role    = "roles/viewer"
  member  = "serviceAccount:${data.google_project.this.number}-compute@developer.gserviceaccount.com"
}

variable "runner_email" {
  type    = string
  default = ""
}

locals {
  runner = var.runner_email == "" ? "${data.google_project.this.number}-compute@developer.gserviceaccount.com" : var.runner_email
}

resource "google_project_iam_member" "defaulted" {
  project = "acme-prod"
  role    = "roles/monitoring.viewer"
  member  = "serviceAccount:${local.runner}"
}

variable "sa_email" {
  type = string
}

resource "google_project_iam_member" "any_sa" {
  project = "acme-prod"
  role    = "roles/viewer"
  member  = "serviceAccount:${var.sa_email}"
}

locals {
  # Either a created account or the default: only the common end is known.
  maybe_default = var.sa_email == "" ? "${data.google_project.this.number}-compute@developer.gserviceaccount.com" : google_service_account.made.email
}

resource "google_service_account" "made" {
  account_id = "made"
}

resource "google_project_iam_member" "maybe_default" {
  project = "acme-prod"
  role    = "roles/viewer"
  member  = "serviceAccount:${local.maybe_default}"
}`,
		Fails: []string{
			"google_project_iam_member.compute", "google_organization_iam_binding.appspot",
			"google_project_iam_member.by_number", "google_project_iam_member.defaulted",
		},
		Unknowns: []string{"google_folder_iam_binding.unknown", "google_project_iam_member.any_sa", "google_project_iam_member.maybe_default"},
	}},
	Check: hierarchyGrantCheck(nil, isDefaultServiceAccount, func(v scanner.Value) bool {
		k := memberKind(v)
		return (k != "" && k != "serviceaccount") || serviceAgent(v) || userManagedSA(v) || !mayNameDefaultSA(v)
	}, "every workload that runs as the default account gets the role"),
}

var iamNoServiceAccountKeys = &scanner.Rule{
	ID:    "google-iam-no-user-managed-service-account-keys",
	Title: "Service accounts have no user-managed keys",
	Description: "A user-managed service account key is a long-lived credential that works from anywhere until someone " +
		"deletes it; it ends up in Terraform state, CI variables and laptops. CC6.1 expects credentials protected and " +
		"CC6.2 removed when no longer needed. Use Workload Identity (Federation), attached service accounts or " +
		"short-lived impersonation tokens instead; the constraint iam.disableServiceAccountKeyCreation enforces it.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.2"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"google_service_account", "google_service_account_key"},
	Remediation:   "Remove the google_service_account_key and authenticate with Workload Identity Federation or an attached service account.",
	RemediationCode: `resource "google_iam_workload_identity_pool" "ci" {
  workload_identity_pool_id = "ci"
}`,
	Links: []string{
		googleDocs + "google_service_account_key",
		"https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV2_GCP_3"}},
	Good: []scanner.Example{{Code: `
resource "google_service_account" "app" {
  account_id = "app"
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_service_account" "ci" {
  account_id = "ci"
}

resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.ci.name
}

resource "google_service_account_key" "elsewhere" {
  service_account_id = "projects/acme/serviceAccounts/legacy@acme.iam.gserviceaccount.com"
}`, NotApplicable: []string{"google_service_account_key.ci"}, Fails: []string{"google_service_account.ci", "google_service_account_key.elsewhere"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type == "google_service_account" {
			keys, _ := ctx.Index.Referrers(r, "google_service_account_key", []string{"service_account_id"}, "name", "email", "id")
			if len(keys) == 0 {
				return scanner.Passed()
			}
			return scanner.Failed(r.Range, "%s creates a user-managed key for the service account: a long-lived credential outside Google's control", keys[0].Address)
		}
		// A key on a service account of this configuration is reported
		// once, on the account.
		for _, sa := range ctx.Index.Resolve(r.Attr("service_account_id")) {
			if sa.Type == "google_service_account" {
				return scanner.DoesNotApply("the key is reported on %s, the service account it belongs to", sa.Address)
			}
		}
		return scanner.Failed(r.Range, "a user-managed key is created for the service account: a long-lived credential outside Google's control")
	},
}

// memberKind returns the principal kind of an IAM member only known after
// apply, when its template fixes it ("serviceAccount:${google_service_account.a.email}"
// is a service account whatever the email): the lowercased text before the
// colon of the value's known prefix, or "" when the prefix does not reach it.
func memberKind(v scanner.Value) string {
	if v.IsKnown() {
		return ""
	}
	kind, _, found := strings.Cut(v.KnownPrefix(), ":")
	if !found {
		return ""
	}
	return strings.ToLower(kind)
}

// mayNameDefaultSA reports whether an unknown member's expression may spell
// a default service account's email: it refers to the project (its number
// or ID) or a default service account data source, or to nothing the scan
// knows (a variable). An email read from another resource (a service
// account, a connection's service agent) cannot be a default account.
func mayNameDefaultSA(v scanner.Value) bool {
	for _, ref := range v.Refs {
		switch refType(ref) {
		case "google_project", "google_compute_default_service_account", "google_app_engine_default_service_account", "google_app_engine_application":
			return true
		}
	}
	return len(v.Refs) == 0
}

// refsOnlyServiceAccounts reports whether an unknown member is built only
// from service accounts of the configuration (their email is only known
// after apply, their kind is).
func refsOnlyServiceAccounts(v scanner.Value) bool {
	for _, ref := range v.Refs {
		switch refType(ref) {
		case "google_service_account", "google_project_service_identity":
		default:
			return false
		}
	}
	return len(v.Refs) > 0
}

// userManagedSA reports whether an unknown member is known to end with
// ".iam.gserviceaccount.com", as a service account a project creates does
// (google_service_account.x.email, also passed through locals and module
// inputs): the default accounts end with "@developer.gserviceaccount.com"
// and "@appspot.gserviceaccount.com".
func userManagedSA(v scanner.Value) bool {
	return !v.IsKnown() && strings.HasSuffix(strings.ToLower(v.KnownSuffix()), ".iam.gserviceaccount.com")
}

// serviceAgent reports whether an unknown member's known prefix names a
// Google service agent (serviceAccount:service-<number>@gcp-sa-….), which is
// never a default service account.
func serviceAgent(v scanner.Value) bool {
	return !v.IsKnown() && strings.HasPrefix(strings.ToLower(v.KnownPrefix()), "serviceaccount:service-")
}
