package google

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const resourcePolicyDocs = googleDocs + "compute_resource_policy"

// snapshotLocations returns the storage locations of snapshots a resource
// policy schedules or a snapshot is stored in, with the value to point at.
func snapshotLocations(r *scanner.Resource) (scanner.Value, bool) {
	if r.Type == "google_compute_snapshot" {
		return r.Attr("storage_locations"), false
	}
	props, dynamic := r.Follow("snapshot_schedule_policy", "snapshot_properties")
	if dynamic != "" || props == nil {
		return scanner.Value{Name: "storage_locations", Range: r.Range}, dynamic != ""
	}
	return props.Attr("storage_locations"), false
}

var snapshotOtherRegion = &scanner.Rule{
	ID:    "google-compute-snapshot-location-other-region",
	Title: "Disk snapshots are not stored only in the disk's own region",
	Description: "Without storage_locations, Compute Engine stores snapshots in the multi-region closest to the disk, " +
		"which survives the loss of one region. Pinning them to the disk's own region keeps every restore point next to " +
		"the data it protects, so a regional outage takes both. A1.2 expects backups stored off site. The rule checks " +
		"snapshot schedules (google_compute_resource_policy) and snapshots; a multi-region (eu, us, asia) or another " +
		"region passes, and a region that cannot be determined is unknown.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"google_compute_resource_policy", "google_compute_snapshot"},
	Remediation:   "Remove storage_locations (the default multi-region spans regions) or set a multi-region such as \"eu\".",
	RemediationCode: schedulePolicyHCL("daily", `snapshot_properties {
  storage_locations = ["eu"]
}`),
	Links: []string{
		resourcePolicyDocs + "#storage_locations",
		"https://cloud.google.com/compute/docs/disks/snapshots#selecting_a_storage_location",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
` + schedulePolicyHCL("multi", `snapshot_properties {
  storage_locations = ["eu"]
}`) + `

resource "google_compute_snapshot" "elsewhere" {
  name              = "elsewhere"
  source_disk       = "data"
  zone              = "europe-west1-b"
  storage_locations = ["europe-west4"]
}`}}
		bad = []scanner.Example{{Code: `
variable "locations" {
  type = list(string)
}

` + schedulePolicyHCL("local", `snapshot_properties {
  storage_locations = ["europe-west1"]
}`) + `

` + schedulePolicyHCL("unknown", `snapshot_properties {
  storage_locations = var.locations
}`),
			Fails:    []string{"google_compute_resource_policy.local"},
			Unknowns: []string{"google_compute_resource_policy.unknown"},
		}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == "google_compute_resource_policy" && r.FirstBlock("snapshot_schedule_policy") == nil && !r.BlocksUnknown("snapshot_schedule_policy") {
			return scanner.DoesNotApply("the resource policy schedules no snapshots")
		}
		locs, unknown := snapshotLocations(r)
		if unknown {
			return scanner.Unknowable(r.Range, "snapshot_properties is not known until apply")
		}
		list, incomplete := locs.KnownStrings()
		for _, l := range list {
			if !strings.Contains(l, "-") {
				return scanner.Passed() // a multi-region
			}
		}
		switch {
		case incomplete:
			return scanner.Unknowable(locs.Range, "storage_locations is not known until apply")
		case len(list) == 0:
			return scanner.Passed()
		}
		region, ok := r.Region().AsString()
		if r.Type == "google_compute_snapshot" {
			zone, zok := r.Attr("zone").AsString()
			if zok && strings.Count(zone, "-") >= 2 {
				region, ok = zone[:strings.LastIndex(zone, "-")], true
			}
		}
		if !ok {
			return scanner.Unknowable(locs.Range, "the region cannot be determined statically, so whether snapshots leave it is unknown")
		}
		for _, l := range list {
			if !strings.EqualFold(strings.TrimSpace(l), strings.TrimSpace(region)) {
				return scanner.Passed()
			}
		}
		return scanner.Failed(locs.Range, "snapshots are stored only in %s, the disk's own region: a regional outage takes the disk and its snapshots", region)
	},
}

var diskSnapshotSchedule = &scanner.Rule{
	ID:    "google-compute-disk-snapshot-schedule",
	Title: "Persistent disks are backed up by a snapshot schedule",
	Description: "A persistent disk without a snapshot schedule has no restore point: deleted or corrupted data is gone. " +
		"A1.2 expects data backed up. The rule passes a disk whose resource_policies name a policy, or that a " +
		"google_compute_disk_resource_policy_attachment (regional: google_compute_region_disk_resource_policy_attachment) " +
		"attaches to; an attachment whose disk is only known after apply leaves it unknown. Disks backed up by Backup and " +
		"DR plans outside this configuration can suppress the finding.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"google_compute_disk", "google_compute_region_disk"},
	Remediation:   "Attach a snapshot schedule with resource_policies or a google_compute_disk_resource_policy_attachment.",
	RemediationCode: `resource "google_compute_disk_resource_policy_attachment" "data" {
  name = google_compute_resource_policy.daily.name
  disk = google_compute_disk.data.name
  zone = google_compute_disk.data.zone
}`,
	Links: []string{
		googleDocs + "compute_disk_resource_policy_attachment",
		"https://cloud.google.com/compute/docs/disks/scheduled-snapshots",
	},
	Good: []scanner.Example{{Code: `
resource "google_compute_disk" "inline" {
  name              = "inline"
  zone              = "europe-west1-b"
  resource_policies = ["daily"]
}

resource "google_compute_disk" "attached" {
  name = "attached"
  zone = "europe-west1-b"
}

resource "google_compute_disk_resource_policy_attachment" "attached" {
  name = "daily"
  disk = google_compute_disk.attached.name
  zone = "europe-west1-b"
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_compute_disk" "bare" {
  name = "bare"
  zone = "europe-west1-b"
}`, Fails: []string{"google_compute_disk.bare"}}, {Code: `
variable "disk" {
  type = string
}

resource "google_compute_region_disk" "bare" {
  name          = "bare"
  region        = "europe-west1"
  replica_zones = ["europe-west1-b", "europe-west1-c"]
}

resource "google_compute_disk" "maybe" {
  name = "maybe"
  zone = "europe-west1-b"
}

resource "google_compute_disk_resource_policy_attachment" "somewhere" {
  name = "daily"
  disk = var.disk
  zone = "europe-west1-b"
}`, Fails: []string{"google_compute_region_disk.bare"}, Unknowns: []string{"google_compute_disk.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		pol := r.Attr("resource_policies")
		list, incomplete := pol.KnownStrings()
		if len(list) > 0 {
			return scanner.Passed()
		}
		attachment := "google_compute_disk_resource_policy_attachment"
		if r.Type == "google_compute_region_disk" {
			attachment = "google_compute_region_disk_resource_policy_attachment"
		}
		found, maybe := ctx.Index.Referrers(r, attachment, []string{"disk"}, "name")
		switch {
		case len(found) > 0:
			return scanner.Passed()
		case incomplete:
			return scanner.Unknowable(pol.Range, "resource_policies is not known until apply")
		case maybe != nil:
			return scanner.Unknowable(maybe.Attr("disk").Range, "%s may attach a schedule to this disk: its disk is not known until apply", maybe.Address)
		}
		return scanner.Failed(r.Range, "no snapshot schedule is attached to the disk: it has no restore point")
	},
}

var snapshotScheduleRetention = &scanner.Rule{
	ID:    "google-compute-snapshot-schedule-retention",
	Title: "Snapshot schedules keep restore points long enough",
	Description: "A snapshot schedule keeps snapshots for max_retention_days; a schedule that keeps one or two days " +
		"cannot restore data corrupted or deleted last week. A1.2 expects backups retained to meet recovery objectives. " +
		"The rule compares retention_policy.max_retention_days with min_retention_days (7 by default).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"google_compute_resource_policy"},
	Params: []scanner.Param{{
		Name:        "min_retention_days",
		Description: "Fewest days a snapshot schedule must keep its snapshots.",
		Default:     7,
	}},
	Remediation: "Set snapshot_schedule_policy.retention_policy.max_retention_days to at least the required days.",
	RemediationCode: `resource "google_compute_resource_policy" "daily" {
  # ...
  snapshot_schedule_policy {
    retention_policy {
      max_retention_days    = 14
      on_source_disk_delete = "KEEP_AUTO_SNAPSHOTS"
    }
  }
}`,
	Links: []string{
		resourcePolicyDocs + "#retention_policy",
		"https://cloud.google.com/compute/docs/disks/scheduled-snapshots#retention_policy",
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
` + schedulePolicyHCL("fortnight", `retention_policy {
  max_retention_days = 14
}`) + `

resource "google_compute_resource_policy" "not_snapshots" {
  name   = "start-stop"
  region = "europe-west1"
  instance_schedule_policy {
    time_zone = "UTC"
    vm_start_schedule {
      schedule = "0 8 * * *"
    }
  }
}`, NotApplicable: []string{"google_compute_resource_policy.not_snapshots"}}}
		bad = []scanner.Example{{Code: `
` + schedulePolicyHCL("short", `retention_policy {
  max_retention_days = 2
}`) + ``, Fails: []string{"google_compute_resource_policy.short"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.BlocksUnknown("snapshot_schedule_policy") {
			return scanner.Unknowable(r.Range, "snapshot_schedule_policy is not known until apply")
		}
		sp := r.FirstBlock("snapshot_schedule_policy")
		if sp == nil {
			return scanner.DoesNotApply("the resource policy schedules no snapshots")
		}
		ret, dynamic := sp.Follow("retention_policy")
		if dynamic != "" {
			return scanner.Unknowable(sp.Range, "retention_policy is not known until apply")
		}
		v := scanner.Value{Name: "max_retention_days", Range: sp.Range}
		if ret != nil {
			v = ret.Attr("max_retention_days")
		}
		want := ctx.Int("min_retention_days")
		got, atLeast := v.IntAtLeast(0, want)
		switch atLeast {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "max_retention_days is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		if ret == nil {
			return scanner.Failed(sp.Range, "the schedule has no retention_policy: set max_retention_days to at least %d", want)
		}
		return scanner.Failed(v.Range, "snapshots are kept %d days, fewer than %d", got, want)
	},
}

var storageSoftDelete = &scanner.Rule{
	ID:    "google-storage-soft-delete",
	Title: "Cloud Storage buckets keep soft-deleted objects",
	Description: "Soft delete keeps deleted and overwritten objects restorable for a retention period (7 days by " +
		"default); setting soft_delete_policy.retention_duration_seconds to 0 turns it off, so a mistaken or malicious " +
		"delete is final. A1.2 expects data recoverable. Only an explicit 0 fails.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"google_storage_bucket"},
	Remediation:   "Remove retention_duration_seconds = 0 (the default keeps 7 days) or set a longer period.",
	RemediationCode: `resource "google_storage_bucket" "data" {
  # ...
  soft_delete_policy {
    retention_duration_seconds = 604800 # 7 days
  }
}`,
	Links: []string{
		googleDocs + "storage_bucket#soft_delete_policy",
		"https://cloud.google.com/storage/docs/soft-delete",
	},
	Good: []scanner.Example{{Code: `
resource "google_storage_bucket" "default" {
  name     = "acme-data"
  location = "EU"
}`}},
	Bad: []scanner.Example{{Code: `
resource "google_storage_bucket" "off" {
  name     = "acme-data"
  location = "EU"
  soft_delete_policy {
    retention_duration_seconds = 0
  }
}`, Fails: []string{"google_storage_bucket.off"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		p, dynamic := r.Follow("soft_delete_policy")
		switch {
		case dynamic != "":
			return scanner.Unknowable(r.Range, "soft_delete_policy is not known until apply")
		case p == nil:
			return scanner.Passed()
		}
		v := p.Attr("retention_duration_seconds")
		_, atLeast := v.IntAtLeast(604800, 1)
		switch atLeast {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "retention_duration_seconds is not known until apply")
		case scanner.No:
			return scanner.Failed(v.Range, "soft delete is off: deleted objects cannot be restored")
		}
		return scanner.Passed()
	},
}

// schedulePolicyHCL renders a daily snapshot schedule in europe-west1 for
// examples; body holds more blocks of its snapshot_schedule_policy.
func schedulePolicyHCL(name, body string) string {
	return fmt.Sprintf(`resource "google_compute_resource_policy" %q {
  name   = %q
  region = "europe-west1"
  snapshot_schedule_policy {
    schedule {
      daily_schedule {
        days_in_cycle = 1
        start_time    = "04:00"
      }
    }
    %s
  }
}`, name, name, strings.ReplaceAll(body, "\n", "\n    "))
}
