package google

import (
	"fmt"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var iamNoPrimitiveRolesForUsers = &scanner.Rule{
	ID:    "google-iam-no-primitive-roles-for-users",
	Title: "People are not granted the basic Owner or Editor roles",
	Description: "roles/owner and roles/editor grant thousands of permissions across every service in the project, folder " +
		"or organization; granting them to users, groups or whole domains defeats least privilege and makes access " +
		"reviews meaningless. CC6.3 expects access granted by role according to need. The rule checks IAM members, " +
		"bindings and authoritative policies (policy_data, also rendered by data \"google_iam_policy\") at project, folder and organization level for user:, group: and domain: principals; service accounts " +
		"are left to other rules. A member only known after apply is judged by its known kind (\"user:${var.name}\" is a " +
		"user, \"serviceAccount:${…}\" is not a person), and a role only known after apply matters only for a member that may be a person.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "CC1.3"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: hierarchyIAMPolicyTypes,
	Params: []scanner.Param{{
		Name:        "forbidden_roles",
		Description: "Roles that must not be granted to users, groups or domains.",
		Default:     []string{"roles/owner", "roles/editor"},
	}},
	Remediation: "Replace the basic role with predefined or custom roles scoped to the job, granted to groups.",
	RemediationCode: `resource "google_project_iam_member" "devs" {
  project = "acme-prod"
  role    = "roles/cloudsql.client"
  member  = "group:developers@example.com"
}`,
	Links: []string{
		googleDocs + "google_project_iam",
		"https://cloud.google.com/iam/docs/understanding-roles#basic",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_117"},
	},
	Good: []scanner.Example{{Code: `
resource "google_project_iam_member" "scoped" {
  project = "acme-prod"
  role    = "roles/cloudsql.client"
  member  = "group:developers@example.com"
}

resource "google_project_iam_member" "ci" {
  project = "acme-prod"
  role    = "roles/editor"
  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"
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
}

resource "google_project_iam_binding" "created_sas" {
  project = "acme-prod"
  role    = "roles/editor"
  members = ["serviceAccount:${google_service_account.deployer.email}"]
}

data "google_iam_policy" "scoped" {
  binding {
    role    = "roles/owner"
    members = ["serviceAccount:terraform@acme-prod.iam.gserviceaccount.com"]
  }
  binding {
    role    = "roles/viewer"
    members = ["group:auditors@example.com"]
  }
}

resource "google_folder_iam_policy" "scoped" {
  folder      = "folders/123"
  policy_data = data.google_iam_policy.scoped.policy_data
}`}},
	Bad: []scanner.Example{{Code: `
variable "owners" {
  type = list(string)
}

resource "google_project_iam_member" "owner" {
  project = "acme-prod"
  role    = "roles/owner"
  member  = "user:alice@example.com"
}

resource "google_project_iam_binding" "editors" {
  project = "acme-prod"
  role    = "roles/editor"
  members = ["serviceAccount:ci@acme-prod.iam.gserviceaccount.com", "group:developers@example.com"]
}

resource "google_organization_iam_member" "domain" {
  org_id = "123456789"
  role   = "roles/editor"
  member = "domain:example.com"
}

resource "google_folder_iam_binding" "unknown" {
  folder  = "folders/123"
  role    = "roles/owner"
  members = var.owners
}

variable "admin" {
  type = string
}

resource "google_folder_iam_member" "templated_user" {
  folder = "folders/123"
  role   = "roles/owner"
  member = "user:${var.admin}"
}

resource "google_project_iam_member" "user_any_role" {
  project = "acme-prod"
  role    = var.admin
  member  = "user:alice@example.com"
}

data "google_iam_policy" "owners" {
  binding {
    role    = "roles/viewer"
    members = ["group:auditors@example.com"]
  }
  binding {
    role    = "roles/owner"
    members = ["user:alice@example.com"]
  }
}

resource "google_project_iam_policy" "authoritative" {
  project     = "acme-prod"
  policy_data = data.google_iam_policy.owners.policy_data
}`,
		Fails: []string{
			"google_project_iam_policy.authoritative",
			"google_project_iam_member.owner",
			"google_project_iam_binding.editors",
			"google_organization_iam_member.domain",
			"google_folder_iam_member.templated_user",
		},
		Unknowns: []string{"google_folder_iam_binding.unknown", "google_project_iam_member.user_any_role"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if strings.HasSuffix(r.Type, "_policy") {
			return policyGrantCheck(r, ctx, ctx.Strings("forbidden_roles"), isPersonOrGroup,
				"basic roles give broad access to every service")
		}
		role := r.Attr("role")
		forbidden := scanner.No
		if role.IsUnknown() {
			forbidden = scanner.Maybe
		}
		for _, f := range ctx.Strings("forbidden_roles") {
			if role.Equals(f) {
				forbidden = scanner.Yes
			}
		}
		if forbidden == scanner.No {
			return scanner.Passed()
		}
		v := r.Attr("member")
		if strings.HasSuffix(r.Type, "_binding") {
			v = r.Attr("members")
		}
		members, incomplete := v.KnownStrings()
		for _, m := range members {
			if !isPersonOrGroup(m) {
				continue
			}
			if forbidden == scanner.Maybe {
				return scanner.Unknowable(role.Range, "role is not known until apply")
			}
			return scanner.Failed(role.Range, "%s is granted to %s: basic roles give broad access to every service", role.StringOr("?"), m)
		}
		if prefix, ok := unknownMemberKind(r, v, isPersonOrGroup); incomplete && ok {
			if forbidden == scanner.Maybe {
				return scanner.Unknowable(role.Range, "role is not known until apply")
			}
			return scanner.Failed(role.Range, "%s is granted to %s: basic roles give broad access to every service", role.StringOr("?"), prefix)
		}
		if incomplete && !membersHarmless(r, v, notPerson) {
			if forbidden == scanner.Maybe {
				return scanner.Unknowable(role.Range, "role is not known until apply")
			}
			return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
		}
		return scanner.Passed()
	},
}

var iamAuditLogging = &scanner.Rule{
	ID:    "google-iam-audit-logging-all-services",
	Title: "Data Access audit logs are enabled for all services",
	Description: "Admin Activity audit logs are always on, but Data Access logs (ADMIN_READ, DATA_READ, DATA_WRITE), which " +
		"record who read or changed customer data, are off for most services by default. CC7.2 expects security-relevant " +
		"events to be logged. An audit config for allServices must enable every required log type. High-traffic " +
		"services can generate large volumes; exempt service accounts with exempted_members rather than dropping a type.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC2.1", "CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_project_iam_audit_config", "google_folder_iam_audit_config", "google_organization_iam_audit_config"},
	Params: []scanner.Param{{
		Name:        "required_log_types",
		Description: "Log types an allServices audit config must enable.",
		Default:     []string{"ADMIN_READ", "DATA_READ", "DATA_WRITE"},
	}},
	Remediation: "Add audit_log_config blocks for ADMIN_READ, DATA_READ and DATA_WRITE to the allServices audit config.",
	RemediationCode: `resource "google_project_iam_audit_config" "all" {
  project = "acme-prod"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}`,
	Links: []string{
		googleDocs + "google_project_iam#google_project_iam_audit_config",
		"https://cloud.google.com/logging/docs/audit/configure-data-access",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0079"},
	},
	Good: []scanner.Example{{Code: `
resource "google_project_iam_audit_config" "all" {
  project = "acme-prod"
  service = "allServices"
  dynamic "audit_log_config" {
    for_each = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]
    content {
      log_type = audit_log_config.value
    }
  }
}

resource "google_project_iam_audit_config" "storage" {
  project = "acme-prod"
  service = "storage.googleapis.com"
  audit_log_config {
    log_type = "DATA_READ"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_project_iam_audit_config" "writes_only" {
  project = "acme-prod"
  service = "allServices"
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}`, Fails: []string{"google_project_iam_audit_config.writes_only"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		service := r.Attr("service")
		switch {
		case service.IsUnknown():
			return scanner.Unknowable(service.Range, "service is not known until apply")
		case !service.Equals("allServices"):
			return scanner.Passed()
		}
		if r.BlocksUnknown("audit_log_config") {
			return scanner.Unknowable(r.Range, "audit_log_config is not known until apply")
		}
		enabled := map[string]bool{}
		for _, c := range r.Blocks("audit_log_config") {
			t := c.Attr("log_type")
			if t.IsUnknown() {
				return scanner.Unknowable(t.Range, "audit_log_config.log_type is not known until apply")
			}
			enabled[strings.ToUpper(t.StringOr(""))] = true
		}
		var missing []string
		for _, want := range ctx.Strings("required_log_types") {
			if !enabled[strings.ToUpper(want)] {
				missing = append(missing, want)
			}
		}
		if len(missing) == 0 {
			return scanner.Passed()
		}
		sort.Strings(missing)
		return scanner.Failed(r.Range, "the allServices audit config does not enable %s", joinTypes(missing))
	},
}

// joinTypes lists log types for a message.
func joinTypes(types []string) string {
	if len(types) == 1 {
		return types[0]
	}
	return fmt.Sprintf("%s and %s", strings.Join(types[:len(types)-1], ", "), types[len(types)-1])
}
