package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Backup region (A1.2 "Addresses Offsite Storage"): a backup copy or replica
// protects against the loss of a region only if it lands in another one.
// Regions come from provider aliases, explicit region arguments and ARNs;
// when one cannot be determined statically the result is unknown.

var backupRegionCriteria = scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}}

// backupCopy is one copy_action of an AWS Backup plan rule.
type backupCopy struct {
	rule  string
	dests []placement
	rng   scanner.Range
}

// backupPlanCopies returns the plan's copy actions grouped by rule name, in
// source order, and whether some rule or copy_action blocks are dynamic over
// unknown values.
func backupPlanCopies(r *scanner.Resource, ix *scanner.Index) (rules []string, copies map[string][]backupCopy, dynamic bool) {
	copies = map[string][]backupCopy{}
	dynamic = r.BlocksUnknown("rule")
	for i, rule := range r.Blocks("rule") {
		name := rule.Attr("rule_name").StringOr(fmt.Sprintf("#%d", i+1))
		dynamic = dynamic || rule.BlocksUnknown("copy_action")
		for _, c := range rule.Blocks("copy_action") {
			dest := c.Attr("destination_vault_arn")
			if _, seen := copies[name]; !seen {
				rules = append(rules, name)
			}
			copies[name] = append(copies[name], backupCopy{rule: name, dests: placementsOfTarget(dest, ix, nil), rng: dest.Range})
		}
	}
	return rules, copies, dynamic
}

var backupPlanHasCrossRegionCopy = &scanner.Rule{
	ID:    "aws-backup-plan-has-cross-region-copy",
	Title: "AWS Backup plans copy recovery points to another region",
	Description: "A backup plan stores recovery points in a vault in its own region; unless a copy_action sends them to a " +
		"vault in another region, a regional outage or a region-wide incident takes the data and every backup of it " +
		"together. SOC 2 A1.2 asks for offsite storage of backups. The plan passes when at least one copy_action lands in a " +
		"region other than the plan's, resolved from the destination vault's ARN or from the aws_backup_vault it refers to " +
		"(its provider alias or region argument); it is unknown when no destination region can be determined. A plan " +
		"that copies offsite in some rules but only in-region in others passes here and is reported by " +
		"aws-backup-copy-cross-region.",
	Severity:      scanner.High,
	Criteria:      backupRegionCriteria,
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"aws_backup_plan"},
	Remediation: "Declare a vault in a second region (a provider alias) and add a copy_action to each rule with " +
		"destination_vault_arn pointing at it.",
	RemediationCode: `provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "main" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_plan#copy_action",
		"https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "main" {
  name = "main"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

# A vault managed elsewhere, read through a data source of the DR provider.
data "aws_backup_vault" "shared_dr" {
  provider = aws.dr
  name     = "shared-dr"
}

resource "aws_backup_plan" "data_source" {
  name = "data-source"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = data.aws_backup_vault.shared_dr.arn
    }
  }
}

# A literal ARN names its region.
resource "aws_backup_plan" "arn" {
  name = "arn"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-east-2:111122223333:backup-vault:dr"
    }
  }
}`}},
	Bad: []scanner.Example{
		{Code: `
provider "aws" {
  region = "us-east-1"
}

# The "DR" alias points at the same region as production.
provider "aws" {
  alias  = "dr"
  region = "us-east-1"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "no_copy" {
  name = "no-copy"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
  }
}

resource "aws_backup_plan" "same_region" {
  name = "same-region"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}`, Fails: []string{"aws_backup_plan.no_copy", "aws_backup_plan.same_region"}},
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

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "unknown_region" {
  name = "unknown-region"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

resource "aws_backup_plan" "same_region_arn" {
  name = "same-region-arn"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:444455556666:backup-vault:other-account"
    }
  }
}`, Fails: []string{"aws_backup_plan.same_region_arn"}, Unknowns: []string{"aws_backup_plan.unknown_region"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		rules, copies, dynamic := backupPlanCopies(r, ctx.Index)
		src := regionOfResource(r)
		if len(rules) == 0 {
			if dynamic {
				return scanner.Unknowable(r.Range, "rule or copy_action blocks are generated from values not known until apply")
			}
			where := "the plan's own region"
			if src.Known() {
				where = src.Region + ", the plan's own region"
			}
			return scanner.Failed(r.Range, "no rule has a copy_action: every recovery point stays in %s", where)
		}
		if !src.Known() {
			return scanner.Unknowable(r.Range, "%s", src.Why)
		}
		var undetermined *placement
		var first scanner.Range
		for _, name := range rules {
			for _, c := range copies[name] {
				verdict, p := judgeOffsite(src.Region, c.dests)
				switch verdict {
				case verdictOffsite:
					return scanner.Passed()
				case verdictUndetermined:
					if undetermined == nil {
						undetermined = &p
						undetermined.Range = c.rng
					}
				}
				if first.IsZero() {
					first = c.rng
				}
			}
		}
		if undetermined != nil {
			return scanner.Unknowable(undetermined.Range, "no copy_action is known to leave %s: %s", src.Region, undetermined.Why)
		}
		if dynamic {
			return scanner.Unknowable(r.Range, "copy_action blocks are generated from values not known until apply")
		}
		return scanner.Failed(first, "every copy_action lands in %s, the plan's own region: a regional outage takes the recovery points and their copies together", src.Region)
	},
}

var backupCopyCrossRegion = &scanner.Rule{
	ID:    "aws-backup-copy-cross-region",
	Title: "AWS Backup copy actions send recovery points to another region",
	Description: "A copy_action whose destination vault is in the plan's own region looks like disaster recovery in review " +
		"but protects nothing against the loss of that region (SOC 2 A1.2, offsite storage). In a plan that copies offsite, " +
		"each backup rule that copies must send at least one copy to another region; an extra same-region copy next to a " +
		"cross-region one (for example to a vault in another account) is accepted. Regions are resolved from the " +
		"destination's ARN or the aws_backup_vault it refers to; when they cannot be determined the result is unknown. " +
		"Plans with no copy known to leave their region — no copy_action at all, or only same-region ones — are reported " +
		"once, by aws-backup-plan-has-cross-region-copy, and pass here.",
	Severity:      scanner.High,
	Criteria:      backupRegionCriteria,
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"aws_backup_plan"},
	Remediation:   "Point destination_vault_arn at a vault declared with a provider alias for another region.",
	RemediationCode: `resource "aws_backup_vault" "dr" {
  provider = aws.dr # a provider configuration for another region
  name     = "dr"
}

# in the plan's rule:
copy_action {
  destination_vault_arn = aws_backup_vault.dr.arn
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_plan#copy_action",
		"https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
	},
	Good: []scanner.Example{
		{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "main" {
  name = "main"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
    # An extra copy to another account in the same region, next to the
    # cross-region copy.
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:444455556666:backup-vault:isolated"
    }
  }
}

# No copy at all, or only copies within the plan's region: reported once,
# by aws-backup-plan-has-cross-region-copy.
resource "aws_backup_plan" "local_only" {
  name = "local-only"
  rule {
    rule_name         = "hourly"
    target_vault_name = "main"
    schedule          = "cron(0 * * * ? *)"
  }
}

resource "aws_backup_plan" "same_region_only" {
  name = "same-region-only"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:111122223333:backup-vault:copy"
    }
  }
}`},
		{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

# A vault with its own region argument (AWS provider v6).
resource "aws_backup_vault" "explicit" {
  region = "eu-north-1"
  name   = "explicit"
}

resource "aws_backup_plan" "dynamic" {
  name = "dynamic"
  dynamic "rule" {
    for_each = { daily = aws_backup_vault.dr.arn, weekly = aws_backup_vault.explicit.arn }
    content {
      rule_name         = rule.key
      target_vault_name = "main"
      schedule          = "cron(0 3 * * ? *)"
      copy_action {
        destination_vault_arn = rule.value
      }
    }
  }
}`},
	},
	Bad: []scanner.Example{
		{Code: `
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_vault" "west" {
  provider = aws.west
  name     = "west"
}

# The weekly rule is copied offsite; the daily one goes to a vault whose
# provider alias is in the plan's own region.
resource "aws_backup_plan" "same_region" {
  name = "same-region"
  rule {
    rule_name         = "weekly"
    target_vault_name = "main"
    schedule          = "cron(0 3 ? * SUN *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.west.arn
    }
  }
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

# The daily rule is copied offsite; the monthly one only next door.
resource "aws_backup_plan" "mixed" {
  name = "mixed"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.west.arn
    }
  }
  rule {
    rule_name         = "monthly"
    target_vault_name = "main"
    schedule          = "cron(0 4 1 * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-east-1:111122223333:backup-vault:archive"
    }
  }
}`, Fails: []string{"aws_backup_plan.same_region", "aws_backup_plan.mixed"}},
		{Code: `
variable "dr_vault_arn" {
  type = string
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_backup_plan" "same" {
  name = "same"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:111122223333:backup-vault:copy"
    }
  }
  rule {
    rule_name         = "monthly"
    target_vault_name = "main"
    schedule          = "cron(0 4 1 * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr"
    }
  }
}

resource "aws_backup_plan" "from_var" {
  name = "from-var"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = var.dr_vault_arn
    }
  }
}`, Fails: []string{"aws_backup_plan.same"}, Unknowns: []string{"aws_backup_plan.from_var"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		rules, copies, dynamic := backupPlanCopies(r, ctx.Index)
		if len(rules) == 0 {
			if dynamic {
				return scanner.Unknowable(r.Range, "rule or copy_action blocks are generated from values not known until apply")
			}
			return scanner.Passed()
		}
		src := regionOfResource(r)
		if !src.Known() {
			return scanner.Unknowable(r.Range, "%s", src.Why)
		}
		var failing []string
		var failAt scanner.Range
		var undetermined *placement
		anyOffsite := false
		for _, name := range rules {
			offsite, same := false, false
			var unknownHere *placement
			var sameAt scanner.Range
			for _, c := range copies[name] {
				verdict, p := judgeOffsite(src.Region, c.dests)
				switch verdict {
				case verdictOffsite:
					offsite = true
				case verdictSameRegion:
					if !same {
						same, sameAt = true, c.rng
					}
				default:
					if unknownHere == nil {
						unknownHere = &p
						unknownHere.Range = c.rng
					}
				}
			}
			switch {
			case offsite:
				anyOffsite = true
			case unknownHere != nil:
				if undetermined == nil {
					undetermined = unknownHere
				}
			case same:
				if len(failing) == 0 {
					failAt = sameAt
				}
				failing = append(failing, fmt.Sprintf("%q", name))
			}
		}
		if !anyOffsite && undetermined == nil && !dynamic {
			// No copy leaves the region: aws-backup-plan-has-cross-region-copy
			// fails the plan, and one problem gets one finding.
			return scanner.Passed()
		}
		if len(failing) > 0 {
			return scanner.Failed(failAt, "rule %s copies recovery points only within %s, the plan's own region: the copy is not offsite",
				strings.Join(failing, ", "), src.Region)
		}
		if undetermined != nil {
			return scanner.Unknowable(undetermined.Range, "%s", undetermined.Why)
		}
		return scanner.Passed()
	},
}

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
}`}},
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
}`, Fails: []string{"aws_s3_bucket_replication_configuration.data", "aws_s3_bucket.legacy"}},
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
}`, Fails: []string{"aws_s3_bucket_replication_configuration.same"}, Unknowns: []string{"aws_s3_bucket_replication_configuration.unknown"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		rules, dynamic := s3ReplicationRules(r, ctx.Index)
		if len(rules) == 0 {
			if dynamic {
				return scanner.Unknowable(r.Range, "replication rules are generated from values not known until apply")
			}
			return scanner.Passed()
		}
		src := s3ReplicationSource(r, ctx.Index)
		if !src.Known() {
			return scanner.Unknowable(r.Range, "%s", src.Why)
		}
		offsiteFilters := map[string]bool{}
		verdicts := make([]offsiteVerdict, len(rules))
		found := make([]placement, len(rules))
		for i, rule := range rules {
			verdicts[i], found[i] = judgeOffsite(src.Region, rule.dests)
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
					rule.id, found[i].What, src.Region)
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

var rdsBackupReplicationCrossRegion = &scanner.Rule{
	ID:    "aws-rds-backup-replication-cross-region",
	Title: "RDS automated backup replication lands in another region",
	Description: "aws_db_instance_automated_backups_replication exists to keep a DB instance's snapshots and transaction logs " +
		"in a second region, so the database can be restored when its own region is lost (SOC 2 A1.2, offsite storage). The " +
		"replication is created in the region of its provider configuration (or region argument); when that is the source " +
		"instance's own region — typically a DR provider alias pointing at the primary region — there is no offsite copy. " +
		"The source region comes from source_db_instance_arn, as an ARN or a reference to a declared instance.",
	Severity:      scanner.High,
	Criteria:      backupRegionCriteria,
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"aws_db_instance_automated_backups_replication"},
	Remediation:   "Create the replication with a provider configuration for another region than the source instance's.",
	RemediationCode: `resource "aws_db_instance_automated_backups_replication" "main" {
  provider               = aws.dr # another region
  source_db_instance_arn = aws_db_instance.main.arn
  kms_key_id             = aws_kms_key.dr.arn
  retention_period       = 14
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance_automated_backups_replication",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html",
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_db_instance" "main" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 14
}

resource "aws_db_instance_automated_backups_replication" "main" {
  provider               = aws.dr
  source_db_instance_arn = aws_db_instance.main.arn
}

resource "aws_db_instance_automated_backups_replication" "by_arn" {
  provider               = aws.dr
  source_db_instance_arn = "arn:aws:rds:us-east-1:111122223333:db:legacy"
}`}},
	Bad: []scanner.Example{
		{Code: `
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-east-1"
}

resource "aws_db_instance" "main" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 14
}

resource "aws_db_instance_automated_backups_replication" "main" {
  provider               = aws.dr
  source_db_instance_arn = aws_db_instance.main.arn
}`, Fails: []string{"aws_db_instance_automated_backups_replication.main"}},
		{Code: `
variable "source_arn" {
  type = string
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance_automated_backups_replication" "same" {
  source_db_instance_arn = "arn:aws:rds:eu-west-1:111122223333:db:main"
}

resource "aws_db_instance_automated_backups_replication" "from_var" {
  source_db_instance_arn = var.source_arn
}`, Fails: []string{"aws_db_instance_automated_backups_replication.same"}, Unknowns: []string{"aws_db_instance_automated_backups_replication.from_var"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		dest := regionOfResource(r)
		if !dest.Known() {
			return scanner.Unknowable(r.Range, "%s", dest.Why)
		}
		source := r.Attr("source_db_instance_arn")
		sources := placementsOfTarget(source, ctx.Index, nil)
		if len(sources) == 0 {
			return scanner.Unknowable(source.Range, "source_db_instance_arn is not set, so the source region cannot be determined")
		}
		verdict, p := judgeOffsite(dest.Region, sources)
		switch verdict {
		case verdictSameRegion:
			return scanner.Failed(source.Range, "backups of %s are replicated into %s, the region the instance already lives in: the replica is not offsite",
				p.What, dest.Region)
		case verdictUndetermined:
			return scanner.Unknowable(source.Range, "%s", p.Why)
		}
		return scanner.Passed()
	},
}

// dlmCopyTargets returns the cross-region copy targets of a Data Lifecycle
// Manager policy: schedule copy rules, event-based copy actions and default
// policy targets. Outpost ARNs are not regions and are left out.
func dlmCopyTargets(r *scanner.Resource) (targets []placement, dynamic bool) {
	details := r.FirstBlock("policy_details")
	if details == nil {
		return nil, r.BlocksUnknown("policy_details")
	}
	add := func(v scanner.Value) {
		if s, ok := v.AsString(); ok && strings.Contains(s, ":outposts:") {
			return
		}
		targets = append(targets, placementOfRegionName(v, r.Address))
	}
	dynamic = details.BlocksUnknown("schedule")
	for _, s := range details.Blocks("schedule") {
		dynamic = dynamic || s.BlocksUnknown("cross_region_copy_rule")
		for _, c := range s.Blocks("cross_region_copy_rule") {
			target := c.Attr("target")
			if !target.IsSet() {
				target = c.Attr("target_region")
			}
			add(target)
		}
	}
	for _, a := range details.Blocks("action") {
		for _, c := range a.Blocks("cross_region_copy") {
			add(c.Attr("target"))
		}
	}
	for _, c := range details.Blocks("cross_region_copy_target") {
		add(c.Attr("target_region"))
	}
	return targets, dynamic
}

var dlmCrossRegionCopy = &scanner.Rule{
	ID:    "aws-dlm-cross-region-copy",
	Title: "Data Lifecycle Manager cross-region copies target another region",
	Description: "A Data Lifecycle Manager policy copies EBS snapshots and AMIs to other regions so that volumes can be " +
		"restored after the loss of a region (SOC 2 A1.2, offsite storage). A copy rule whose target is the policy's own " +
		"region creates a second copy next to the first and no offsite protection. Policies without cross-region copy " +
		"rules pass; their region cannot be judged when it is not known.",
	Severity:      scanner.Medium,
	Criteria:      backupRegionCriteria,
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"aws_dlm_lifecycle_policy"},
	Remediation:   "Set the copy rule's target to a region other than the policy's.",
	RemediationCode: `cross_region_copy_rule {
  target    = "eu-central-1" # not the policy's region
  encrypted = true
  cmk_arn   = aws_kms_key.dr.arn
  retain_rule {
    interval      = 30
    interval_unit = "DAYS"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dlm_lifecycle_policy#cross-region-copy-rule-arguments",
		"https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-ami-policy.html",
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

resource "aws_dlm_lifecycle_policy" "daily" {
  description        = "daily EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"
  state              = "ENABLED"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      backup = "daily"
    }

    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 14
      }
      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
        retain_rule {
          interval      = 30
          interval_unit = "DAYS"
        }
      }
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

variable "copy_region" {
  type = string
}

resource "aws_dlm_lifecycle_policy" "same" {
  description        = "daily EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      backup = "daily"
    }

    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 14
      }
      cross_region_copy_rule {
        target    = "eu-west-1"
        encrypted = true
      }
    }
  }
}

resource "aws_dlm_lifecycle_policy" "from_var" {
  description        = "weekly EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      backup = "weekly"
    }

    schedule {
      name = "weekly"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 4
      }
      cross_region_copy_rule {
        target    = var.copy_region
        encrypted = true
      }
    }
  }
}`, Fails: []string{"aws_dlm_lifecycle_policy.same"}, Unknowns: []string{"aws_dlm_lifecycle_policy.from_var"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		targets, dynamic := dlmCopyTargets(r)
		if len(targets) == 0 {
			if dynamic {
				return scanner.Unknowable(r.Range, "copy rules are generated from values not known until apply")
			}
			return scanner.Passed()
		}
		src := regionOfResource(r)
		if !src.Known() {
			return scanner.Unknowable(r.Range, "%s", src.Why)
		}
		var undetermined *placement
		for i, t := range targets {
			switch {
			case !t.Known():
				if undetermined == nil {
					undetermined = &targets[i]
				}
			case t.Region == src.Region:
				return scanner.Failed(t.Range, "the cross-region copy targets %s, the policy's own region: the copy is not offsite", t.Region)
			}
		}
		if undetermined != nil {
			return scanner.Unknowable(undetermined.Range, "%s", undetermined.Why)
		}
		return scanner.Passed()
	},
}

// backupPlacements lists where a resource keeps backups, copies or replicas,
// for the allowed-regions check: none for resources that hold none (a
// primary database, a bucket without replication). dynamic reports blocks
// generated from values not known until apply.
func backupPlacements(r *scanner.Resource, ix *scanner.Index) (ps []placement, dynamic bool) {
	own := func(what string) placement {
		p := regionOfResource(r)
		p.What = what
		return p
	}
	switch r.Type {
	case "aws_backup_vault":
		return []placement{own("vault " + r.Address)}, false
	case "aws_db_instance_automated_backups_replication", "aws_dynamodb_table_replica":
		return []placement{own("replica " + r.Address)}, false
	case "aws_db_instance":
		if isReadReplica(r) {
			return []placement{own("read replica " + r.Address)}, false
		}
		return nil, false
	case "aws_rds_cluster":
		if r.Attr("replication_source_identifier").IsSet() || r.Attr("global_cluster_identifier").IsSet() {
			return []placement{own("replicated cluster " + r.Address)}, false
		}
		return nil, false
	case "aws_backup_plan":
		ps = append(ps, own("recovery points of "+r.Address))
		rules, copies, dyn := backupPlanCopies(r, ix)
		for _, name := range rules {
			for _, c := range copies[name] {
				for _, d := range c.dests {
					if d.Known() {
						d.What = fmt.Sprintf("copy of rule %q to %s", name, d.What)
					}
					ps = append(ps, d)
				}
			}
		}
		return ps, dyn
	case "aws_s3_bucket", "aws_s3_bucket_replication_configuration":
		rules, dyn := s3ReplicationRules(r, ix)
		for _, rule := range rules {
			for _, d := range rule.dests {
				if d.Known() {
					d.What = fmt.Sprintf("replica of rule %q in %s", rule.id, d.What)
				}
				ps = append(ps, d)
			}
		}
		return ps, dyn
	case "aws_dynamodb_table":
		for _, rep := range r.Blocks("replica") {
			ps = append(ps, placementOfRegionName(rep.Attr("region_name"), "replica of "+r.Address))
		}
		return ps, r.BlocksUnknown("replica")
	case "aws_dlm_lifecycle_policy":
		targets, dyn := dlmCopyTargets(r)
		for i := range targets {
			targets[i].What = "snapshot copy of " + r.Address
		}
		return append([]placement{own("snapshots of " + r.Address)}, targets...), dyn
	}
	return nil, false
}

var backupRegionAllowed = &scanner.Rule{
	ID:    "aws-backup-region-allowed",
	Title: "Backups, copies and replicas stay in the allowed regions",
	Description: "Data-residency commitments (an EU-only promise to customers, a regulator's requirement) cover backups too: " +
		"a copy or replica in a region outside the agreed set breaks the commitment as surely as production would, and SOC 2 " +
		"C1.1 and A1.2 evidence must show where backups live. With allowed_regions set, every backup vault, AWS Backup copy " +
		"destination, S3 replication destination, RDS backup replication, read replica, DynamoDB replica and DLM snapshot " +
		"copy must be in one of them. Regions come from provider aliases, region arguments and ARNs; when one cannot be " +
		"determined the result is unknown. With allowed_regions empty (the default) the rule passes everything.",
	Severity: scanner.High,
	Criteria: scanner.Criteria{Primary: "A1.2", Secondary: []string{"C1.1", "CC9.1"}},
	Family:   scanner.FamilyBackupRegion,
	ResourceTypes: []string{
		"aws_backup_vault", "aws_backup_plan", "aws_s3_bucket", "aws_s3_bucket_replication_configuration",
		"aws_db_instance_automated_backups_replication", "aws_db_instance", "aws_rds_cluster", "aws_dynamodb_table",
		"aws_dynamodb_table_replica", "aws_dlm_lifecycle_policy",
	},
	Params: []scanner.Param{{
		Name: "allowed_regions",
		Description: "Regions where backups, copies and replicas may live, as names (\"eu-west-1\") or globs (\"eu-*\"). " +
			"Empty (the default) turns the check off: every resource passes.",
		Default: []string{},
	}},
	Remediation: "Move the vault, copy destination or replica to a provider configuration for an allowed region.",
	RemediationCode: `# .soc2scan.hcl
rule "aws-backup-region-allowed" {
  params = { allowed_regions = ["eu-*"] }
}

# and in Terraform: copies go to a provider alias in an allowed region
provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}`,
	Links: []string{
		"https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs#aws-configuration-reference",
	},
	Good: []scanner.Example{
		{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "main" {
  name = "main"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  replica {
    region_name = "eu-central-1"
  }
}`, Params: map[string]any{"allowed_regions": []any{"eu-*"}}},
		{Code: `
provider "aws" {
  region = "ap-southeast-2"
}

# Without allowed_regions the rule checks nothing.
resource "aws_backup_vault" "anywhere" {
  name = "anywhere"
}`},
	},
	Bad: []scanner.Example{{Code: `
variable "replica_region" {
  type = string
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault" "us" {
  provider = aws.us
  name     = "us"
}

resource "aws_backup_plan" "main" {
  name = "main"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.us.arn
    }
  }
}

resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  replica {
    region_name = "eu-central-1"
  }
  replica {
    region_name = var.replica_region
  }
}`, Params: map[string]any{"allowed_regions": []any{"eu-west-1", "eu-central-1"}},
		Fails:    []string{"aws_backup_vault.us", "aws_backup_plan.main"},
		Unknowns: []string{"aws_dynamodb_table.orders"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		allowed := ctx.Strings("allowed_regions")
		if len(allowed) == 0 {
			return scanner.Passed()
		}
		ps, dynamic := backupPlacements(r, ctx.Index)
		var outside []placement
		var undetermined *placement
		for i, p := range ps {
			switch {
			case !p.Known():
				if undetermined == nil {
					undetermined = &ps[i]
				}
			case !matchAny(p.Region, allowed):
				outside = append(outside, p)
			}
		}
		if len(outside) > 0 {
			var where []string
			for _, p := range outside {
				where = append(where, fmt.Sprintf("%s is in %s", p.What, p.Region))
			}
			return scanner.Failed(outside[0].Range, "%s, outside the allowed backup regions (%s)",
				strings.Join(where, "; "), strings.Join(allowed, ", "))
		}
		if undetermined != nil {
			return scanner.Unknowable(undetermined.Range, "%s", undetermined.Why)
		}
		if dynamic {
			return scanner.Unknowable(r.Range, "some copy or replica blocks are generated from values not known until apply")
		}
		return scanner.Passed()
	},
}
