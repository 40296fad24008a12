package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Backup region of S3: replication rules whose destination bucket is in
// another region.

// s3ReplicationRule is one enabled replication rule of a bucket.
type s3ReplicationRule struct {
	id     string
	filter string
	dests  []placement
	rng    scanner.Range
}

// s3ReplicationRules reads the enabled replication rules of an
// aws_s3_bucket_replication_configuration or of a bucket's legacy inline
// replication_configuration, and whether some are dynamic over unknowns.
func s3ReplicationRules(r *scanner.Resource, ix *scanner.Index) (rules []s3ReplicationRule, dynamic bool) {
	var blocks []*scanner.Block
	switch r.Type {
	case "aws_s3_bucket":
		cfg := r.FirstBlock("replication_configuration")
		if cfg == nil {
			return nil, r.BlocksUnknown("replication_configuration")
		}
		blocks, dynamic = cfg.Blocks("rules"), cfg.BlocksUnknown("rules")
	default:
		blocks, dynamic = r.Blocks("rule"), r.BlocksUnknown("rule")
	}
	for i, b := range blocks {
		if b.Attr("status").Equals("Disabled") {
			continue
		}
		dest := b.Get("destination", "bucket")
		rules = append(rules, s3ReplicationRule{
			id:     b.Attr("id").StringOr(fmt.Sprintf("#%d", i+1)),
			filter: s3ReplicationFilter(b),
			dests:  placementsOfTarget(dest, ix, bucketsNamed(ix)),
			rng:    dest.Range,
		})
	}
	return rules, dynamic
}

// s3ReplicationFilter summarises which objects a replication rule covers;
// "" means every object.
func s3ReplicationFilter(b *scanner.Block) string {
	var parts []string
	add := func(v scanner.Value) {
		if s, ok := v.AsString(); ok && s != "" {
			parts = append(parts, "prefix="+s)
		}
	}
	add(b.Attr("prefix"))
	add(b.Get("filter", "prefix"))
	if f := b.FirstBlock("filter"); f != nil {
		add(f.Get("and", "prefix"))
		if t := f.FirstBlock("tag"); t != nil {
			parts = append(parts, "tag="+t.Attr("key").StringOr("?")+"="+t.Attr("value").StringOr("?"))
		}
		for _, tags := range []scanner.Value{f.Attr("tags"), f.Get("and", "tags")} {
			if tags.IsKnown() && !tags.Val.IsNull() && (tags.Val.Type().IsMapType() || tags.Val.Type().IsObjectType()) {
				var kv []string
				for it := tags.Val.ElementIterator(); it.Next(); {
					k, v := it.Element()
					val := "?"
					if v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
						val = v.AsString()
					}
					kv = append(kv, k.AsString()+"="+val)
				}
				sort.Strings(kv)
				parts = append(parts, "tags="+strings.Join(kv, ","))
			}
		}
	}
	return strings.Join(parts, ";")
}

// s3ReplicationSource returns where the replicated bucket lives: the bucket
// the configuration refers to, else the configuration's own region.
func s3ReplicationSource(r *scanner.Resource, ix *scanner.Index) placement {
	if r.Type == "aws_s3_bucket" {
		return regionOfResource(r)
	}
	bucket := r.Attr("bucket")
	sources := ix.Resolve(bucket)
	if len(sources) == 0 {
		if name, ok := bucket.AsString(); ok {
			sources = bucketsNamed(ix)(name)
		}
	}
	var ps []placement
	for _, s := range sources {
		if s.Type == "aws_s3_bucket" {
			ps = append(ps, regionOfResource(s))
		}
	}
	if len(ps) == 0 {
		return regionOfResource(r)
	}
	for _, p := range ps[1:] {
		if !p.Known() || p.Region != ps[0].Region {
			return placement{What: r.Address, Range: bucket.Range, Why: fmt.Sprintf("%s refers to buckets in several or unknown regions", bucket.Name)}
		}
	}
	return ps[0]
}

var s3ReplicationCrossRegion = &scanner.Rule{
	ID:    "aws-s3-replication-cross-region",
	Title: "S3 replication copies objects to a bucket in another region",
	Description: "Same-Region Replication keeps the replica next to the source: a regional outage or incident takes both, so " +
		"it is not the offsite copy SOC 2 A1.2 asks for, however much it looks like one in review. No other scanner checks " +
		"where the destination bucket lives. The destination's region is resolved from the aws_s3_bucket it refers to (its " +
		"provider alias or region argument), matched by reference or by the name in its ARN; the source's from the " +
		"replicated bucket. An extra same-region rule is accepted when another enabled rule replicates the same objects to " +
		"another region. Unresolvable regions give unknown.",
	Severity: scanner.High,
	Criteria: backupRegionCriteria,
	Family:   scanner.FamilyBackupRegion,
	ResourceTypes: []string{
		"aws_s3_bucket_replication_configuration", "aws_s3_bucket",
	},
	Remediation: "Replicate to a bucket declared with a provider alias for another region.",
	RemediationCode: `resource "aws_s3_bucket" "replica" {
  provider = aws.dr # another region
  bucket   = "acme-data-replica"
}

resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = aws_iam_role.replication.arn
  rule {
    id     = "everything"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_replication_configuration",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_144"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_cross_region_replication"},
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.dr
  bucket   = "acme-data-replica"
}

resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}

# Destination named by ARN; the declared bucket of that name tells the region.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_replication_configuration" "logs" {
  bucket = "acme-logs"
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Disabled"
    }
    destination {
      bucket = "arn:aws:s3:::acme-data-replica"
    }
  }
}

# A plain bucket without replication is not this rule's business.
resource "aws_s3_bucket" "scratch" {
  bucket = "acme-scratch"
}`, NotApplicable: []string{"aws_s3_bucket.data", "aws_s3_bucket.logs", "aws_s3_bucket.replica", "aws_s3_bucket.scratch"}}},
	Bad: []scanner.Example{
		{Code: `
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-east-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.dr
  bucket   = "acme-data-replica"
}

resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}

# Legacy inline replication (AWS provider v3).
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  replication_configuration {
    role = "arn:aws:iam::111122223333:role/replication"
    rules {
      id     = "all"
      status = "Enabled"
      destination {
        bucket = aws_s3_bucket.replica.arn
      }
    }
  }
}`, Fails: []string{"aws_s3_bucket_replication_configuration.data", "aws_s3_bucket.legacy"},
			NotApplicable: []string{"aws_s3_bucket.data", "aws_s3_bucket.replica"}},
		{Code: `
variable "dr_region" {
  type = string
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.dr
  bucket   = "acme-data-replica"
}

resource "aws_s3_bucket" "nearby" {
  bucket = "acme-data-nearby"
}

resource "aws_s3_bucket_replication_configuration" "unknown" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket_replication_configuration" "same" {
  bucket = aws_s3_bucket.reports.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = aws_s3_bucket.nearby.arn
    }
  }
}`, Fails: []string{"aws_s3_bucket_replication_configuration.same"}, Unknowns: []string{"aws_s3_bucket_replication_configuration.unknown"},
			NotApplicable: []string{"aws_s3_bucket.data", "aws_s3_bucket.nearby", "aws_s3_bucket.replica", "aws_s3_bucket.reports"}},
		{Code: `
# The "replica" provider reads its region from the variable the default
# provider does: whatever region that is, the replica sits beside the source.
variable "region" {
  type = string
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "replica"
  region = var.region
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "acme-data-replica"
}

resource "aws_s3_bucket_replication_configuration" "one_variable" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}

variable "dr_region" {
  type = string
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket" "logs_dr" {
  provider = aws.dr
  bucket   = "acme-logs-dr"
}

# Another variable may name the source's region or another: only apply tells.
resource "aws_s3_bucket_replication_configuration" "two_variables" {
  bucket = aws_s3_bucket.logs.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = aws_s3_bucket.logs_dr.arn
    }
  }
}`, Fails: []string{"aws_s3_bucket_replication_configuration.one_variable"},
			Unknowns:      []string{"aws_s3_bucket_replication_configuration.two_variables"},
			NotApplicable: []string{"aws_s3_bucket.data", "aws_s3_bucket.replica", "aws_s3_bucket.logs", "aws_s3_bucket.logs_dr"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		rules, dynamic := s3ReplicationRules(r, ctx.Index)
		if len(rules) == 0 {
			if dynamic {
				return scanner.Unknowable(r.Range, "replication rules are generated from values not known until apply")
			}
			return scanner.DoesNotApply("the configuration has no replication rule to judge")
		}
		src := s3ReplicationSource(r, ctx.Index)
		if !src.Comparable() {
			return scanner.Unknowable(r.Range, "%s", src.Why)
		}
		offsiteFilters := map[string]bool{}
		verdicts := make([]offsiteVerdict, len(rules))
		found := make([]placement, len(rules))
		for i, rule := range rules {
			verdicts[i], found[i] = judgeOffsite(src, rule.dests)
			if verdicts[i] == verdictOffsite {
				offsiteFilters[rule.filter] = true
			}
		}
		var undetermined *placement
		for i, rule := range rules {
			switch verdicts[i] {
			case verdictSameRegion:
				if offsiteFilters[""] || offsiteFilters[rule.filter] {
					continue
				}
				return scanner.Failed(rule.rng, "replication rule %q copies to %s in %s, the source bucket's own region: same-region replication is not an offsite copy",
					rule.id, found[i].What, src.Label())
			case verdictUndetermined:
				if undetermined == nil {
					p := found[i]
					p.Range = rule.rng
					undetermined = &p
				}
			}
		}
		if undetermined != nil {
			return scanner.Unknowable(undetermined.Range, "%s", undetermined.Why)
		}
		return scanner.Passed()
	},
}

// replicationRulesOn decides whether a replication configuration copies
// anything: some rule has status "Enabled". A configuration whose rules are
// all "Disabled" (or that has none) replicates nothing; Maybe when a status,
// or the rules themselves, are only known after apply.
func replicationRulesOn(rules []*scanner.Block, dynamic bool) scanner.Tri {
	state := scanner.TriOf(false, dynamic)
	for _, rule := range rules {
		status := rule.Attr("status")
		state = state.Or(scanner.TriOf(status.Equals("Enabled"), !status.IsKnown()))
	}
	return state
}

// isReplicaDestination decides whether bucket is the destination of a
// replication rule of another bucket: it is itself the copy. Maybe when a
// replication configuration's rules, or a destination that refers to
// nothing of the configuration, are only known after apply.
func isReplicaDestination(bucket *scanner.Resource, ix *scanner.Index) scanner.Tri {
	d := scanner.Memo(ix, replicaDestinationsKey{}, findReplicaDestinations)
	return scanner.TriOf(d.buckets[bucket], d.maybe)
}

// replicaDestinationsKey is the scanner.Memo key of findReplicaDestinations.
type replicaDestinationsKey struct{}

// replicaDestinations are the buckets that replication rules copy to, found
// once per scan rather than per bucket.
type replicaDestinations struct {
	buckets map[*scanner.Resource]bool
	// maybe is set when some rules, or a destination that refers to
	// nothing of the configuration, are only known after apply.
	maybe bool
}

// refersToManaged reports whether v refers to a managed resource of type
// typ by its address (aws_s3_bucket.replica.arn, or one inside a module),
// whether or not that resource is among those scanned: the value then names
// that resource and no other, so it cannot turn out to name a scanned one
// it does not refer to.
func refersToManaged(v scanner.Value, typ string) bool {
	for _, ref := range v.Refs {
		parts := strings.Split(scanner.BaseAddress(ref), ".")
		if n := len(parts); n >= 2 && parts[n-2] == typ && (n == 2 || parts[n-3] != "data") {
			return true
		}
	}
	return false
}

func findReplicaDestinations(ix *scanner.Index) replicaDestinations {
	byName := bucketsNamed(ix)
	d := replicaDestinations{buckets: map[*scanner.Resource]bool{}}
	add := func(v scanner.Value) {
		// Only a bucket it refers to names the destination: a name
		// built from something else ("replica-${random_pet.p.id}")
		// may be any bucket.
		buckets := 0
		for _, r := range ix.Resolve(v) {
			if r.Type == "aws_s3_bucket" {
				d.buckets[r] = true
				buckets++
			}
		}
		if s, ok := v.AsString(); ok {
			for _, r := range byName(s) {
				d.buckets[r] = true
			}
			return
		}
		d.maybe = d.maybe || v.IsUnknown() && buckets == 0 && !refersToManaged(v, "aws_s3_bucket")
	}
	for _, cfg := range ix.OfType("aws_s3_bucket_replication_configuration", "aws_s3_bucket") {
		var rules []*scanner.Block
		dynamic := false
		if cfg.Type == "aws_s3_bucket" {
			if inline := cfg.FirstBlock("replication_configuration"); inline != nil {
				rules, dynamic = inline.Blocks("rules"), inline.BlocksUnknown("rules")
			}
		} else {
			rules, dynamic = cfg.Blocks("rule"), cfg.BlocksUnknown("rule")
		}
		d.maybe = d.maybe || dynamic
		for _, rule := range rules {
			// A dynamic destination over values known after apply may
			// name any bucket.
			d.maybe = d.maybe || rule.BlocksUnknown("destination")
			add(rule.Get("destination", "bucket"))
		}
	}
	return d
}

var s3BucketReplicationConfigured = &scanner.Rule{
	ID:    "aws-s3-bucket-replication-configured",
	Title: "S3 buckets that hold data are replicated to another region",
	Description: "A bucket without replication has its only copy in one region: a regional outage, or a deletion " +
		"that versioning does not cover, leaves no copy to recover from. SOC 2 A1.2 expects recovery " +
		"infrastructure, including copies of data kept apart from the primary. A bucket passes when an " +
		"aws_s3_bucket_replication_configuration (or the legacy inline replication_configuration) with a rule whose " +
		"status is \"Enabled\" names it (rules that are all \"Disabled\" copy nothing); " +
		"aws-s3-bucket-replication-cross-region then checks that the destination is in another region. Buckets " +
		"that hold no primary data are not applicable, where the configuration shows it: the destination of another " +
		"bucket's replication (it is the copy), and the buckets AWS delivers access logs into (the target of S3 " +
		"server access logging, of load-balancer or CloudFront access logs, or a bucket with a log-delivery " +
		"ACL). Every other bucket is judged, since the configuration cannot tell a cache from customer data: " +
		"suppress the finding for buckets whose contents can be rebuilt.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"aws_s3_bucket"},
	Remediation:   "Replicate the bucket to a bucket in another region with aws_s3_bucket_replication_configuration.",
	RemediationCode: `resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = aws_iam_role.replication.arn
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = aws_s3_bucket.replica.arn # a bucket of a provider in another region
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_replication_configuration",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_144"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_cross_region_replication"},
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.dr
  bucket   = "acme-data-replica"
}

resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "data/"
}`, NotApplicable: []string{"aws_s3_bucket.replica", "aws_s3_bucket.access_logs"}}, {Code: `
resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

variable "bucket" {
  type = string
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket_replication_configuration" "maybe" {
  bucket = var.bucket
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = "arn:aws:s3:::acme-dr"
    }
  }
}`, Unknowns: []string{"aws_s3_bucket.uploads", "aws_s3_bucket.reports"}},
		{Code: `
variable "replica_name" {
  type = string
}

resource "aws_s3_bucket" "source" {
  bucket = "acme-source"
}

resource "aws_s3_bucket_replication_configuration" "source" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = "arn:aws:s3:::${var.replica_name}"
    }
  }
}

resource "aws_s3_bucket" "maybe_replica" {
  bucket = var.replica_name
}`, Unknowns: []string{"aws_s3_bucket.maybe_replica"}},
		{Code: `
resource "random_pet" "p" {}

resource "aws_s3_bucket" "source" {
  bucket = "acme-source"
}

resource "aws_s3_bucket_replication_configuration" "source" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = "arn:aws:s3:::replica-${random_pet.p.id}"
    }
  }
}

resource "aws_s3_bucket" "replica" {
  bucket = "replica-${random_pet.p.id}"
}`, Unknowns: []string{"aws_s3_bucket.replica"}},
		{Code: `
variable "destinations" {
  type = list(object({ bucket = string }))
}

resource "aws_s3_bucket" "source" {
  bucket = "acme-source"
}

resource "aws_s3_bucket_replication_configuration" "source" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    dynamic "destination" {
      for_each = var.destinations
      content {
        bucket = destination.value.bucket
      }
    }
  }
}

resource "aws_s3_bucket" "copy" {
  bucket = "acme-copy"
}`, Unknowns: []string{"aws_s3_bucket.copy"}},
	},
	Bad: []scanner.Example{{Code: `
resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"
}

resource "aws_s3_bucket_replication_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication {
      status = "Enabled"
    }
    destination {
      bucket = "arn:aws:s3:::acme-assets-dr"
    }
  }
}`, Fails: []string{"aws_s3_bucket.uploads"}, Expect: map[string]scanner.Expected{"aws_s3_bucket.uploads": {Line: 2, Message: "no replication"}}}, {Code: `
resource "aws_s3_bucket" "paused" {
  bucket = "acme-paused"
}

resource "aws_s3_bucket_replication_configuration" "paused" {
  bucket = aws_s3_bucket.paused.id
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "all"
    status = "Disabled"
    filter {}
    delete_marker_replication {
      status = "Disabled"
    }
    destination {
      bucket = aws_s3_bucket.paused_dr.arn
    }
  }
}

resource "aws_s3_bucket" "paused_dr" {
  bucket = "acme-paused-dr"
}

resource "aws_s3_bucket" "legacy_paused" {
  bucket = "acme-legacy-paused"
  replication_configuration {
    role = "arn:aws:iam::111122223333:role/replication"
    rules {
      id     = "all"
      status = "Disabled"
      destination {
        bucket = "arn:aws:s3:::acme-legacy-dr"
      }
    }
  }
}

variable "replication_status" {
  type = string
}

resource "aws_s3_bucket" "maybe_paused" {
  bucket = "acme-maybe-paused"
  replication_configuration {
    role = "arn:aws:iam::111122223333:role/replication"
    rules {
      id     = "all"
      status = var.replication_status
      destination {
        bucket = "arn:aws:s3:::acme-maybe-dr"
      }
    }
  }
}`, Fails: []string{"aws_s3_bucket.paused", "aws_s3_bucket.legacy_paused"}, Unknowns: []string{"aws_s3_bucket.maybe_paused"},
		NotApplicable: []string{"aws_s3_bucket.paused_dr"},
		Expect:        map[string]scanner.Expected{"aws_s3_bucket.paused": {Message: `every replication rule of aws_s3_bucket_replication_configuration.paused has status "Disabled"`}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		on, disabled := scanner.No, ""
		if inline := r.FirstBlock("replication_configuration"); inline != nil {
			on, disabled = replicationRulesOn(inline.Blocks("rules"), inline.BlocksUnknown("rules")), r.Address
		} else if r.BlocksUnknown("replication_configuration") {
			return scanner.Unknowable(r.Range, "replication_configuration is generated from values not known until apply")
		}
		found, maybe := ctx.Index.Referrers(r, "aws_s3_bucket_replication_configuration", []string{"bucket"}, "bucket", "id")
		for _, cfg := range found {
			on, disabled = on.Or(replicationRulesOn(cfg.Blocks("rule"), cfg.BlocksUnknown("rule"))), cfg.Address
		}
		replica := isReplicaDestination(r, ctx.Index)
		switch {
		case on == scanner.Yes:
			return scanner.Passed()
		case on == scanner.Maybe:
			return scanner.Unknowable(r.Range, "whether a replication rule of %s is enabled is only known after apply", disabled)
		case disabled != "":
			return scanner.Failed(r.Range, "every replication rule of %s has status \"Disabled\": no object is copied, so they exist in one region only", disabled)
		case replica == scanner.Yes:
			return scanner.DoesNotApply("the bucket is the destination of a replication rule: it is the copy, not primary data")
		case isLogDeliveryTarget(r, ctx.Index):
			return scanner.DoesNotApply("AWS delivers access logs into the bucket: it holds no primary data")
		}
		if maybe != nil {
			return scanner.Unknowable(r.Range, "%s names a bucket only known after apply; it may replicate this one", maybe.Address)
		}
		if replica == scanner.Maybe {
			return scanner.Unknowable(r.Range, "a replication rule's destination is only known after apply; this bucket may be the copy")
		}
		return scanner.Failed(r.Range, "no replication configuration copies this bucket: its objects exist in one region only")
	},
}
