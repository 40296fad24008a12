package google

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const bucketDocs = googleDocs + "storage_bucket"

var storageUniformAccess = &scanner.Rule{
	ID:    "google-storage-uniform-bucket-level-access",
	Title: "Cloud Storage buckets use uniform bucket-level access",
	Description: "With fine-grained access, every object can carry its own ACL, so one object can be made public or " +
		"shared outside the IAM policy that reviewers look at. Uniform bucket-level access disables ACLs and makes IAM " +
		"the only way in. CC6.3 expects access granted through reviewable roles. uniform_bucket_level_access defaults to " +
		"false.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "CC1.3"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"google_storage_bucket"},
	Remediation:   "Set uniform_bucket_level_access = true (object ACLs are then ignored; move any needed grants to IAM first).",
	RemediationCode: `resource "google_storage_bucket" "main" {
  # ...
  uniform_bucket_level_access = true
}`,
	Links: []string{
		bucketDocs + "#uniform_bucket_level_access",
		"https://cloud.google.com/storage/docs/uniform-bucket-level-access",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_29"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0002"},
		{Tool: scanner.ToolTfsec, ID: "google-storage-enable-ubla"},
	},
	Good: []scanner.Example{{Code: `
resource "google_storage_bucket" "uniform" {
  name                        = "acme-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "ubla" {
  type = bool
}

resource "google_storage_bucket" "default" {
  name     = "acme-data"
  location = "EU"
}

resource "google_storage_bucket" "off" {
  name                        = "acme-data-2"
  location                    = "EU"
  uniform_bucket_level_access = false
}

resource "google_storage_bucket" "unknown" {
  name                        = "acme-data-3"
  location                    = "EU"
  uniform_bucket_level_access = var.ubla
}`,
		Fails:    []string{"google_storage_bucket.default", "google_storage_bucket.off"},
		Unknowns: []string{"google_storage_bucket.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Attr("uniform_bucket_level_access"),
			"uniform_bucket_level_access is not true: object ACLs can grant access outside the bucket's IAM policy")
	},
}

var storagePublicAccessPrevention = &scanner.Rule{
	ID:    "google-storage-public-access-prevention",
	Title: "Cloud Storage buckets enforce public access prevention",
	Description: "Public access prevention makes Cloud Storage reject any IAM binding or ACL that would grant allUsers or " +
		"allAuthenticatedUsers access, so a later mistake cannot publish the bucket. CC6.6 expects boundary protection " +
		"that holds even when individual grants are wrong. public_access_prevention defaults to inherited (from the " +
		"organization policy, which is not visible in the configuration); this low-severity rule asks for \"enforced\" " +
		"on the bucket itself.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"google_storage_bucket"},
	Remediation:   "Set public_access_prevention = \"enforced\" (or enforce the storage.publicAccessPrevention organization policy and suppress this rule).",
	RemediationCode: `resource "google_storage_bucket" "main" {
  # ...
  public_access_prevention = "enforced"
}`,
	Links: []string{
		bucketDocs + "#public_access_prevention",
		"https://cloud.google.com/storage/docs/public-access-prevention",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_114"},
	},
	Good: []scanner.Example{{Code: `
resource "google_storage_bucket" "enforced" {
  name                     = "acme-data"
  location                 = "EU"
  public_access_prevention = "enforced"
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_storage_bucket" "inherited" {
  name     = "acme-data"
  location = "EU"
}`, Fails: []string{"google_storage_bucket.inherited"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("public_access_prevention")
		switch {
		case v.Equals("enforced"):
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "public_access_prevention is not known until apply")
		}
		return scanner.Failed(v.Range, "public_access_prevention is %q: nothing on the bucket stops a later grant to allUsers", v.StringOr("inherited"))
	},
}

// publicMembers are the IAM principals that mean "anyone".
var publicMembers = map[string]bool{"allusers": true, "allauthenticatedusers": true}

// publicEntity reports whether an ACL entity or IAM member names everyone,
// and returns the matching principal.
func publicEntity(s string) (string, bool) {
	p := strings.TrimSpace(s)
	// ACL role entities are written ROLE:entity, IAM members bare.
	if i := strings.LastIndexByte(p, ':'); i >= 0 {
		p = p[i+1:]
	}
	if publicMembers[strings.ToLower(p)] {
		return p, true
	}
	return "", false
}

// audience describes who a public principal lets in.
func audience(principal string) string {
	if strings.EqualFold(principal, "allUsers") {
		return "anyone on the internet"
	}
	return "anyone with a Google account"
}

var storageNoPublicAccess = &scanner.Rule{
	ID:    "google-storage-no-public-access",
	Title: "Cloud Storage buckets are not readable by allUsers or allAuthenticatedUsers",
	Description: "Granting a role to allUsers makes the bucket's objects readable by anyone on the internet; " +
		"allAuthenticatedUsers means any Google account, which is no restriction at all. CC6.6 expects access from outside " +
		"the boundary restricted. The rule checks IAM members, bindings and authoritative policies (policy_data, also " +
		"rendered by data \"google_iam_policy\"), bucket and default object ACL entries, and " +
		"public predefined ACLs. An IAM member only known after apply passes when its known part already names a kind " +
		"(\"serviceAccount:${…}\") or it is built only from service accounts of the configuration: neither can be a public principal.",
	Severity: scanner.High,
	Criteria: scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:   scanner.FamilyPublicExposure,
	ResourceTypes: []string{
		"google_storage_bucket_iam_member",
		"google_storage_bucket_iam_binding",
		"google_storage_bucket_iam_policy",
		"google_storage_bucket_access_control",
		"google_storage_default_object_access_control",
		"google_storage_bucket_acl",
	},
	Remediation: "Remove allUsers / allAuthenticatedUsers grants; serve public content through Cloud CDN with signed URLs, or grant specific groups and service accounts.",
	RemediationCode: `resource "google_storage_bucket_iam_member" "reader" {
  bucket = google_storage_bucket.main.name
  role   = "roles/storage.objectViewer"
  member = "group:data-readers@example.com"
}`,
	Links: []string{
		googleDocs + "storage_bucket_iam",
		googleDocs + "storage_bucket_access_control",
		"https://cloud.google.com/storage/docs/access-control/making-data-public",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_28"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0001"},
		{Tool: scanner.ToolTfsec, ID: "google-storage-no-public-access"},
	},
	Good: []scanner.Example{{Code: `
resource "google_storage_bucket_iam_member" "group" {
  bucket = "acme-data"
  role   = "roles/storage.objectViewer"
  member = "group:readers@example.com"
}

resource "google_storage_bucket_iam_binding" "sa" {
  bucket  = "acme-data"
  role    = "roles/storage.objectAdmin"
  members = ["serviceAccount:app@acme.iam.gserviceaccount.com"]
}

resource "google_storage_bucket_acl" "private" {
  bucket         = "acme-data"
  predefined_acl = "private"
}

resource "google_service_account" "reader" {
  account_id = "reader"
}

resource "google_storage_bucket_iam_member" "created_sa" {
  bucket = "acme-data"
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.reader.email}"
}

resource "google_storage_bucket_iam_binding" "created_sas" {
  bucket  = "acme-data"
  role    = "roles/storage.objectViewer"
  members = ["serviceAccount:${google_service_account.reader.email}", "group:readers@example.com"]
}

data "google_iam_policy" "private" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["group:readers@example.com"]
  }
}

resource "google_storage_bucket_iam_policy" "private" {
  bucket      = "acme-data"
  policy_data = data.google_iam_policy.private.policy_data
}`}},
	Bad: []scanner.Example{{Code: `
variable "members" {
  type = list(string)
}

resource "google_storage_bucket_iam_member" "public" {
  bucket = "acme-data"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_iam_binding" "any_google_account" {
  bucket  = "acme-data"
  role    = "roles/storage.objectViewer"
  members = ["group:readers@example.com", "allAuthenticatedUsers"]
}

resource "google_storage_bucket_access_control" "public" {
  bucket = "acme-data"
  role   = "READER"
  entity = "allUsers"
}

resource "google_storage_default_object_access_control" "public" {
  bucket = "acme-data"
  role   = "READER"
  entity = "allUsers"
}

resource "google_storage_bucket_acl" "predefined" {
  bucket         = "acme-data"
  predefined_acl = "publicRead"
}

resource "google_storage_bucket_acl" "entities" {
  bucket      = "acme-data-2"
  role_entity = ["OWNER:user-admin@example.com", "READER:allUsers"]
}

resource "google_storage_bucket_iam_binding" "unknown" {
  bucket  = "acme-data"
  role    = "roles/storage.objectViewer"
  members = var.members
}

data "google_iam_policy" "public" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["allUsers"]
  }
}

resource "google_storage_bucket_iam_policy" "public" {
  bucket      = "acme-data"
  policy_data = data.google_iam_policy.public.policy_data
}`,
		Fails: []string{
			"google_storage_bucket_iam_policy.public",
			"google_storage_bucket_iam_member.public",
			"google_storage_bucket_iam_binding.any_google_account",
			"google_storage_bucket_access_control.public",
			"google_storage_default_object_access_control.public",
			"google_storage_bucket_acl.predefined",
			"google_storage_bucket_acl.entities",
		},
		Unknowns: []string{"google_storage_bucket_iam_binding.unknown"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type == "google_storage_bucket_iam_policy" {
			return publicIAMCheck("the bucket's data")(r, ctx)
		}
		if r.Type == "google_storage_bucket_acl" {
			acl := r.Attr("predefined_acl")
			if acl.OneOf("publicRead", "publicReadWrite", "authenticatedRead") {
				return scanner.Failed(acl.Range, "predefined_acl %q makes the bucket readable outside the organization", acl.StringOr("?"))
			}
			if acl.IsUnknown() {
				return scanner.Unknowable(acl.Range, "predefined_acl is not known until apply")
			}
		}
		var v scanner.Value
		switch r.Type {
		case "google_storage_bucket_iam_member":
			v = r.Attr("member")
		case "google_storage_bucket_iam_binding":
			v = r.Attr("members")
		case "google_storage_bucket_acl":
			v = r.Attr("role_entity")
		default:
			v = r.Attr("entity")
		}
		members, incomplete := v.KnownStrings()
		for _, m := range members {
			if who, public := publicEntity(m); public {
				return scanner.Failed(v.Range, "%s includes %s: %s can reach the bucket's data", v.Name, who, audience(who))
			}
		}
		if incomplete && (!strings.Contains(r.Type, "_iam_") || !membersHarmless(r, v, notPublicMember)) {
			return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
		}
		return scanner.Passed()
	},
}

var storageVersioning = &scanner.Rule{
	ID:    "google-storage-versioning",
	Title: "Cloud Storage buckets keep previous object versions",
	Description: "Without object versioning, an overwritten or deleted object is gone (soft delete keeps deleted objects " +
		"for 7 days by default, but not overwritten ones). Versioning keeps noncurrent versions so data damaged by a bug " +
		"or ransomware can be restored. A1.2 expects data to be recoverable. versioning is off by default.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "C1.2"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"google_storage_bucket"},
	Remediation:   "Add versioning { enabled = true } and a lifecycle_rule that deletes old noncurrent versions.",
	RemediationCode: `resource "google_storage_bucket" "main" {
  # ...
  versioning {
    enabled = true
  }
  lifecycle_rule {
    condition {
      num_newer_versions = 10
      with_state         = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }
}`,
	Links: []string{
		bucketDocs + "#versioning",
		"https://cloud.google.com/storage/docs/object-versioning",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_78"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0078"},
		{Tool: scanner.ToolTfsec, ID: "google-storage-enable-bucket-versioning"},
	},
	Good: []scanner.Example{{Code: `
resource "google_storage_bucket" "versioned" {
  name     = "acme-data"
  location = "EU"
  versioning {
    enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_storage_bucket" "default" {
  name     = "acme-data"
  location = "EU"
}

resource "google_storage_bucket" "off" {
  name     = "acme-data-2"
  location = "EU"
  versioning {
    enabled = false
  }
}`, Fails: []string{"google_storage_bucket.default", "google_storage_bucket.off"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		block, dynamic := r.Follow("versioning")
		if dynamic != "" {
			return scanner.Unknowable(r.Range, "versioning is not known until apply")
		}
		v := block.Attr("enabled")
		rng := attrRange(v, r.Range)
		switch {
		case v.IsTrue():
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(rng, "versioning.enabled is not known until apply")
		}
		return scanner.Failed(rng, "object versioning is not enabled: overwritten or deleted objects cannot be restored")
	},
}

// Predefined dual-regions; multi-regions are US, EU and ASIA. Every
// single region's name contains a hyphen (us-central1, europe-west1).
var predefinedDualRegions = map[string]bool{
	"ASIA1": true, "EUR4": true, "EUR5": true, "EUR7": true, "EUR8": true, "NAM4": true,
}

var storageMultiRegion = &scanner.Rule{
	ID:    "google-storage-multi-region",
	Title: "Cloud Storage buckets keep data in more than one region",
	Description: "A bucket in a single region (such as EUROPE-WEST1) stores every copy of every object there; a regional " +
		"outage or disaster makes the data unavailable or lost. Multi-region (US, EU, ASIA) and dual-region (EUR4, NAM4, " +
		"or a custom pair in custom_placement_config) buckets replicate objects across regions. A1.2 expects backups and " +
		"critical data stored off site.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"google_storage_bucket"},
	Remediation: "Create the bucket in a multi-region (EU) or dual-region (EUR4, or location = \"EU\" with " +
		"custom_placement_config listing two regions) and move the data; a bucket's location cannot be changed.",
	RemediationCode: `resource "google_storage_bucket" "main" {
  name     = "acme-data"
  location = "EU"
  custom_placement_config {
    data_locations = ["EUROPE-WEST1", "EUROPE-WEST4"]
  }
}`,
	Links: []string{
		bucketDocs + "#location",
		"https://cloud.google.com/storage/docs/locations",
	},
	Good: []scanner.Example{{Code: `
resource "google_storage_bucket" "multi" {
  name     = "acme-multi"
  location = "EU"
}

resource "google_storage_bucket" "dual" {
  name     = "acme-dual"
  location = "EUR4"
}

resource "google_storage_bucket" "custom_dual" {
  name     = "acme-custom"
  location = "EU"
  custom_placement_config {
    data_locations = ["EUROPE-WEST1", "EUROPE-WEST4"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "location" {
  type = string
}

resource "google_storage_bucket" "regional" {
  name     = "acme-regional"
  location = "EUROPE-WEST1"
}

resource "google_storage_bucket" "lowercase" {
  for_each = toset(["a", "b"])
  name     = "acme-${each.key}"
  location = "us-central1"
}

resource "google_storage_bucket" "unknown" {
  name     = "acme-unknown"
  location = var.location
}`,
		Fails: []string{
			"google_storage_bucket.regional",
			`google_storage_bucket.lowercase["a"]`,
			`google_storage_bucket.lowercase["b"]`,
		},
		Unknowns: []string{"google_storage_bucket.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		loc := r.Attr("location")
		if loc.IsUnknown() {
			return scanner.Unknowable(loc.Range, "location is not known until apply")
		}
		s, ok := loc.AsString()
		if !ok {
			return scanner.Unknowable(attrRange(loc, r.Range), "the bucket's location is not set")
		}
		name := strings.ToUpper(strings.TrimSpace(s))
		if !strings.Contains(name, "-") || predefinedDualRegions[name] {
			return scanner.Passed()
		}
		return scanner.Failed(loc.Range, "location %q is a single region: every copy of the bucket's objects is in that region", s)
	},
}

var storageBucketLogging = &scanner.Rule{
	ID:    "google-storage-bucket-access-logging",
	Title: "Cloud Storage buckets record usage logs in another bucket",
	Description: "Usage logs record every request to a bucket (who read or wrote which object, from where). Data Access " +
		"audit logs give the same for authenticated requests when they are enabled; usage logs also cover anonymous " +
		"access and are cheaper to keep. CC7.2 expects security-relevant events logged. The rule passes a bucket with " +
		"a logging block whose log_bucket is another bucket, and fails one without, or logging to itself. A bucket that " +
		"receives other buckets' usage logs is not applicable: it is the end of the log chain.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"google_storage_bucket"},
	Remediation:   "Add logging { log_bucket = <a dedicated log bucket> }, or enable DATA_READ/DATA_WRITE audit logs for storage.googleapis.com and suppress this finding.",
	RemediationCode: `resource "google_storage_bucket" "data" {
  # ...
  logging {
    log_bucket = google_storage_bucket.access_logs.name
  }
}`,
	Links: []string{
		googleDocs + "storage_bucket#logging",
		"https://cloud.google.com/storage/docs/access-logs",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_62"},
		{Tool: scanner.ToolCheckov, ID: "CKV_GCP_63"},
		{Tool: scanner.ToolTrivy, ID: "AVD-GCP-0077"},
	},
	Good: []scanner.Example{{Code: `
resource "google_storage_bucket" "data" {
  name     = "acme-data"
  location = "EU"
  logging {
    log_bucket = "acme-access-logs"
  }
}`}, {Code: `
resource "google_storage_bucket" "data" {
  name     = "acme-data"
  location = "EU"
  logging {
    log_bucket = google_storage_bucket.logs.name
  }
}

# The end of the log chain: it receives the usage logs.
resource "google_storage_bucket" "logs" {
  name     = "acme-access-logs"
  location = "EU"
}`, NotApplicable: []string{"google_storage_bucket.logs"}}},
	Bad: []scanner.Example{{Code: `
resource "google_storage_bucket" "silent" {
  name     = "acme-data"
  location = "EU"
}

resource "google_storage_bucket" "itself" {
  name     = "acme-logs"
  location = "EU"
  logging {
    log_bucket = "acme-logs"
  }
}

variable "bucket_name" {
  type = string
}

resource "google_storage_bucket" "maybe_itself" {
  name     = var.bucket_name
  location = "EU"
  logging {
    log_bucket = "acme-logs"
  }
}`, Fails: []string{"google_storage_bucket.silent", "google_storage_bucket.itself"}, Unknowns: []string{"google_storage_bucket.maybe_itself"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.BlocksUnknown("logging") {
			return scanner.Unknowable(r.Range, "logging is not known until apply")
		}
		l := r.FirstBlock("logging")
		if l == nil {
			// A bucket that receives other buckets' usage logs cannot
			// usefully log into itself, and logging it elsewhere only
			// moves the question: it is the end of the chain.
			if sinks, _ := ctx.Index.Referrers(r, "google_storage_bucket", []string{"logging", "log_bucket"}, "name"); len(sinks) > 0 {
				return scanner.DoesNotApply("the bucket receives the usage logs of %s", sinks[0].Address)
			}
			return scanner.Failed(r.Range, "the bucket has no logging block: requests to it are not recorded in usage logs")
		}
		target, name := l.Attr("log_bucket"), r.Attr("name")
		if t, ok := target.AsString(); ok {
			if name.Equals(t) {
				return scanner.Failed(target.Range, "the bucket logs to itself: whoever can change its data can change its logs")
			}
			// A name only known after apply may be the log bucket's,
			// unless what is known of it rules that out.
			if name.IsUnknown() && strings.HasPrefix(t, name.KnownPrefix()) && strings.HasSuffix(t, name.KnownSuffix()) {
				return scanner.Unknowable(name.Range, "name is not known until apply: the bucket may log to itself")
			}
		}
		return scanner.RequireSet(target, "logging.log_bucket is not set")
	},
}
