package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// hierarchyIAMPolicyTypes are the member, binding and authoritative policy
// resources of projects, folders and organizations.
var hierarchyIAMPolicyTypes = iamTypes("google_project_iam", "google_folder_iam", "google_organization_iam")

// isServiceAccountMember reports whether an IAM member is a service account
// a customer manages (serviceAccount:…), leaving out Google's service agents
// (service-<number>@…, <number>@cloudservices.gserviceaccount.com), whose
// roles Google grants and expects.
func isServiceAccountMember(member string) bool {
	m := strings.ToLower(strings.TrimSpace(member))
	email, ok := strings.CutPrefix(m, "serviceaccount:")
	if !ok {
		return false
	}
	return !googleServiceAgentEmail(email)
}

// googleServiceAgentEmail reports whether an email is a Google-managed
// service agent: service-<project number>@<service>.iam.gserviceaccount.com
// or the Google APIs service agent <number>@cloudservices.gserviceaccount.com.
func googleServiceAgentEmail(email string) bool {
	local, domain, ok := strings.Cut(email, "@")
	if !ok {
		return false
	}
	if domain == "cloudservices.gserviceaccount.com" {
		return true
	}
	number, ok := strings.CutPrefix(local, "service-")
	return ok && number != "" && strings.Trim(number, "0123456789") == ""
}

var iamNoBasicRolesForServiceAccounts = &scanner.Rule{
	ID:    "google-iam-no-basic-roles-for-service-accounts",
	Title: "Service accounts are not granted the basic Owner or Editor roles",
	Description: "roles/owner and roles/editor granted to a service account on a project, folder or organization give every " +
		"workload that runs as it, and everyone who can act as it or holds a key for it, write access to every service " +
		"below that level (Owner also lets it change IAM policy). A compromised VM, pipeline or function then takes over " +
		"the project. CC6.3 expects access granted by role according to need; CIS Google Cloud Foundations 1.5 asks that " +
		"service accounts have no admin privileges. The rule checks IAM members, bindings and policies at project, folder " +
		"and organization level for serviceAccount: principals; Google's service agents (service-<number>@…, " +
		"<number>@cloudservices.gserviceaccount.com) are left out, since Google grants and expects their roles. A member " +
		"only known after apply is judged by its known kind (\"serviceAccount:${var.email}\" is a service account) or by " +
		"what it refers to (the email of a google_service_account), and a role only known after apply matters only for a " +
		"member that is, or may be, a service account.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "CC6.8"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: hierarchyIAMPolicyTypes,
	Params: []scanner.Param{{
		Name:        "forbidden_roles",
		Description: "Roles that must not be granted to service accounts.",
		Default:     []string{"roles/owner", "roles/editor"},
	}},
	Remediation: "Grant the service account the predefined or custom roles its workload needs instead of Owner or Editor.",
	RemediationCode: `resource "google_project_iam_member" "ci" {
  project = "acme-prod"
  role    = "roles/run.developer"
  member  = "serviceAccount:${google_service_account.ci.email}"
}`,
	Links: []string{
		googleDocs + "google_project_iam",
		"https://cloud.google.com/iam/docs/understanding-roles#basic",
		"https://cloud.google.com/iam/docs/best-practices-service-accounts#restrict-admin-privileges",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_117"},
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_114"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0007"},
		{Tool: scanner.ToolKICS, ID: "Service Account with Improper Privileges"},
	},
	Good: []scanner.Example{{Code: `
resource "google_service_account" "ci" {
  account_id = "ci"
}

variable "role" {
  type = string
}

resource "google_project_iam_member" "scoped" {
  project = "acme-prod"
  role    = "roles/run.developer"
  member  = "serviceAccount:${google_service_account.ci.email}"
}

resource "google_project_iam_member" "people_left_to_other_rules" {
  project = "acme-prod"
  role    = "roles/editor"
  member  = "group:admins@example.com"
}

resource "google_project_iam_member" "agent" {
  project = "acme-prod"
  role    = "roles/editor"
  member  = "serviceAccount:123456789@cloudservices.gserviceaccount.com"
}

resource "google_project" "app" {
  name       = "app"
  project_id = "acme-app"
}

resource "google_project_iam_binding" "agents" {
  project = "acme-prod"
  role    = "roles/editor"
  members = ["serviceAccount:service-${google_project.app.number}@container-engine-robot.iam.gserviceaccount.com"]
}

resource "google_project_service_identity" "gke" {
  provider = google-beta
  project  = "acme-prod"
  service  = "container.googleapis.com"
}

resource "google_project_iam_member" "service_identity" {
  project = "acme-prod"
  role    = var.role
  member  = "serviceAccount:${google_project_service_identity.gke.email}"
}

resource "google_folder_iam_member" "any_role_for_a_group" {
  folder = "folders/123"
  role   = var.role
  member = "group:${var.role}@example.com"
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_service_account" "ci" {
  account_id = "ci"
}

resource "google_project_iam_member" "owner" {
  project = "acme-prod"
  role    = "roles/owner"
  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"
}

resource "google_project_iam_binding" "editors" {
  project = "acme-prod"
  role    = "roles/editor"
  members = ["group:admins@example.com", "serviceAccount:${google_service_account.ci.email}"]
}

resource "google_organization_iam_member" "created" {
  org_id = "123456789"
  role   = "roles/editor"
  member = google_service_account.ci.member
}

variable "sa_email" {
  type = string
}

resource "google_folder_iam_member" "templated" {
  folder = "folders/123"
  role   = "roles/owner"
  member = "serviceAccount:${var.sa_email}"
}

data "google_iam_policy" "admins" {
  binding {
    role    = "roles/owner"
    members = ["serviceAccount:deployer@acme-prod.iam.gserviceaccount.com"]
  }
}

resource "google_project_iam_policy" "authoritative" {
  project     = "acme-prod"
  policy_data = data.google_iam_policy.admins.policy_data
}

variable "members" {
  type = list(string)
}

resource "google_project_iam_binding" "unknown_members" {
  project = "acme-prod"
  role    = "roles/editor"
  members = var.members
}

resource "google_project_iam_member" "unknown_role" {
  project = "acme-prod"
  role    = var.sa_email
  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"
}`,
		Fails: []string{
			"google_project_iam_member.owner", "google_project_iam_binding.editors",
			"google_organization_iam_member.created", "google_folder_iam_member.templated",
			"google_project_iam_policy.authoritative",
		},
		Unknowns: []string{"google_project_iam_binding.unknown_members", "google_project_iam_member.unknown_role"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		forbidden := ctx.Strings("forbidden_roles")
		isPolicy := strings.HasSuffix(r.Type, "_policy")
		role := r.Attr("role")
		if !isPolicy && !role.IsUnknown() && !role.OneOf(forbidden...) {
			return scanner.Passed()
		}
		grants, unknown := iamGrants(r, ctx.Index)
		roleUnknown := false
		for _, g := range grants {
			if !isServiceAccountMember(g.Member) {
				continue
			}
			switch {
			case !isPolicy && role.IsUnknown(), isPolicy && g.Role == "?":
				roleUnknown = true
			case isPolicy && !oneOfFold(g.Role, forbidden):
			default:
				return scanner.Failed(g.Range, "%s is granted to %s: every workload running as the service account can change every service", g.Role, g.Member)
			}
		}
		if roleUnknown {
			return scanner.Unknowable(role.Range, "role is not known until apply")
		}
		if unknown == nil {
			return scanner.Passed()
		}
		if isPolicy {
			return scanner.Unknowable(unknown.Range, "%s is not known until apply", unknown.Name)
		}
		if who, ok := unknownServiceAccount(r, *unknown); ok {
			if role.IsUnknown() {
				return scanner.Unknowable(role.Range, "role is not known until apply")
			}
			return scanner.Failed(unknown.Range, "%s is granted to %s: every workload running as the service account can change every service", role.StringOr("?"), who)
		}
		if !membersHarmless(r, *unknown, func(v scanner.Value) bool {
			k := memberKind(v)
			return (k != "" && k != "serviceaccount") || serviceAgent(v) || refsOnlyServiceIdentities(v)
		}) {
			if role.IsUnknown() {
				return scanner.Unknowable(role.Range, "role is not known until apply")
			}
			return scanner.Unknowable(unknown.Range, "%s is not known until apply", unknown.Name)
		}
		return scanner.Passed()
	},
}

// unknownServiceAccount returns how to name a member of an IAM member or
// binding resource r, only known after apply, that is certainly a service
// account other than a service agent: its known prefix says
// "serviceAccount:" ("serviceAccount:${var.email}"), or it is built only
// from service accounts of the configuration (google_service_account.a.member).
func unknownServiceAccount(r *scanner.Resource, v scanner.Value) (string, bool) {
	var vals []scanner.Value
	switch {
	case strings.HasSuffix(r.Type, "_member"):
		vals = []scanner.Value{v}
	case strings.HasSuffix(r.Type, "_binding") && v.Val.IsKnown() && !v.Val.IsNull() && v.Val.CanIterateElements() &&
		!v.Val.Type().IsObjectType() && !v.Val.Type().IsMapType():
		for it := v.Val.ElementIterator(); it.Next(); {
			if _, e := it.Element(); !e.IsWhollyKnown() {
				vals = append(vals, scanner.Value{Name: v.Name, Val: e, Range: v.Range, Present: true, Refs: v.Refs})
			}
		}
	}
	for _, e := range vals {
		if e.IsKnown() || serviceAgent(e) || refsOnlyServiceIdentities(e) {
			continue
		}
		switch k := memberKind(e); {
		case k == "serviceaccount":
			return e.KnownPrefix() + "…", true
		case k == "" && refsOnlyUserServiceAccounts(e):
			return "a service account of the configuration", true
		}
	}
	return "", false
}

// refsOnlyUserServiceAccounts reports whether an unknown value is built
// only from google_service_account resources of the configuration.
func refsOnlyUserServiceAccounts(v scanner.Value) bool {
	for _, ref := range v.Refs {
		if refType(ref) != "google_service_account" {
			return false
		}
	}
	return len(v.Refs) > 0
}

// refsOnlyServiceIdentities reports whether an unknown value is built only
// from google_project_service_identity resources: the email of a service
// agent.
func refsOnlyServiceIdentities(v scanner.Value) bool {
	for _, ref := range v.Refs {
		if refType(ref) != "google_project_service_identity" {
			return false
		}
	}
	return len(v.Refs) > 0
}

// oneOfFold reports whether s is one of list, ignoring case.
func oneOfFold(s string, list []string) bool {
	for _, l := range list {
		if strings.EqualFold(s, l) {
			return true
		}
	}
	return false
}
