package google

import (
	"fmt"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// The public-IAM rules share one shape of example per resource family: a
// member, a binding and a policy (through data "google_iam_policy"), each
// written with the family's parent arguments and a role that family knows.

// publicIAMGood returns a good example for an IAM family: grants to a group
// and a service account only.
func publicIAMGood(prefix, parent, role string) []scanner.Example {
	return []scanner.Example{{Code: fmt.Sprintf(`
resource "%[1]s_member" "group" {
  %[2]s
  role   = "%[3]s"
  member = "group:callers@example.com"
}

resource "google_service_account" "caller" {
  account_id = "caller"
}

resource "%[1]s_member" "created" {
  %[2]s
  role   = "%[3]s"
  member = "serviceAccount:${google_service_account.caller.email}"
}

data "google_iam_policy" "private" {
  binding {
    role    = "%[3]s"
    members = ["serviceAccount:app@acme.iam.gserviceaccount.com"]
  }
}

resource "%[1]s_policy" "private" {
  %[2]s
  policy_data = data.google_iam_policy.private.policy_data
}`, prefix, parent, role)}}
}

// publicIAMBad returns a bad example for an IAM family: allUsers on a member,
// allAuthenticatedUsers in a binding and in a policy, and members only known
// after apply.
func publicIAMBad(prefix, parent, role string) []scanner.Example {
	return []scanner.Example{{Code: fmt.Sprintf(`
variable "members" {
  type = list(string)
}

resource "%[1]s_member" "public" {
  %[2]s
  role   = "%[3]s"
  member = "allUsers"
}

resource "%[1]s_binding" "any_account" {
  %[2]s
  role    = "%[3]s"
  members = ["group:callers@example.com", "allAuthenticatedUsers"]
}

data "google_iam_policy" "public" {
  binding {
    role    = "%[3]s"
    members = ["allAuthenticatedUsers"]
  }
}

resource "%[1]s_policy" "public" {
  %[2]s
  policy_data = data.google_iam_policy.public.policy_data
}

resource "%[1]s_binding" "unknown" {
  %[2]s
  role    = "%[3]s"
  members = var.members
}`, prefix, parent, role),
		Fails:    []string{prefix + "_member.public", prefix + "_binding.any_account", prefix + "_policy.public"},
		Unknowns: []string{prefix + "_binding.unknown"},
		Expect: map[string]scanner.Expected{
			prefix + "_member.public": {Line: 9, Message: "allUsers"},
		},
	}}
}
