package aws

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Backup region, across services: every backup copy and replica lands in
// a region the organisation allows.

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
		if named, _ := replicaNames(r); named != scanner.No {
			return []placement{own("read replica " + r.Address)}, false
		}
		return nil, false
	case "aws_rds_cluster":
		if named, _ := replicaNames(r); named != scanner.No {
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

// replicaNames reports whether a database names a source it replicates (or
// a global cluster it joins), which makes its own region a replica's: Yes
// or Maybe with the deciding argument, as Value.Names says, and No for a
// primary or another resource type.
func replicaNames(r *scanner.Resource) (scanner.Tri, scanner.Value) {
	var args []string
	switch r.Type {
	case "aws_db_instance":
		args = []string{"replicate_source_db"}
	case "aws_rds_cluster":
		args = []string{"replication_source_identifier", "global_cluster_identifier"}
	}
	named, at := scanner.No, scanner.Value{}
	for _, arg := range args {
		v := r.Attr(arg)
		switch v.Names() {
		case scanner.Yes:
			return scanner.Yes, v
		case scanner.Maybe:
			if named == scanner.No {
				named, at = scanner.Maybe, v
			}
		}
	}
	return named, at
}

var backupRegionAllowed = &scanner.Rule{
	ID:    "aws-backup-region-allowed",
	Title: "Backups, copies and replicas stay in the allowed regions",
	Description: "Data-residency commitments (an EU-only promise to customers, a regulator's requirement) cover backups too: " +
		"a copy or replica in a region outside the agreed set breaks the commitment as surely as production would, and SOC 2 " +
		"C1.1 and A1.2 evidence must show where backups live. With allowed_regions set, every backup vault, AWS Backup copy " +
		"destination, S3 replication destination, RDS backup replication, read replica, DynamoDB replica and DLM snapshot " +
		"copy must be in one of them. Regions come from provider aliases, region arguments and ARNs; when one cannot be " +
		"determined the result is unknown. With allowed_regions empty (the default) the rule has nothing to judge and reports not applicable.",
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
			"Empty (the default) turns the check off: every resource is not applicable.",
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

# Without allowed_regions the rule has nothing to judge.
resource "aws_backup_vault" "anywhere" {
  name = "anywhere"
}`, NotApplicable: []string{"aws_backup_vault.anywhere"}},
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
		Unknowns: []string{"aws_dynamodb_table.orders"}}, {Code: `
provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "primary" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.t3.micro"
}

# An input variable with no default may be given null: then this is a
# primary, with no replica to place, so only apply tells.
variable "replica_source" {
  type = string
}

resource "aws_db_instance" "maybe_replica" {
  replicate_source_db = var.replica_source
  instance_class      = "db.t3.micro"
}

# A blank source is no source: a primary.
resource "aws_db_instance" "blank_source" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  replicate_source_db = ""
}`, Params: map[string]any{"allowed_regions": []any{"eu-*"}},
		Fails:         []string{"aws_db_instance.replica"},
		Unknowns:      []string{"aws_db_instance.maybe_replica"},
		NotApplicable: []string{"aws_db_instance.primary", "aws_db_instance.blank_source"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		res := checkBackupRegions(r, ctx)
		// A database whose source may be null may be a primary, with
		// nothing to place: it fails only as a replica.
		if named, v := replicaNames(r); named == scanner.Maybe && res.Status == scanner.Fail {
			return scanner.UnknownName(v)
		}
		return res
	},
}

// checkBackupRegions judges where r keeps backups, copies or replicas
// against the allowed regions.
func checkBackupRegions(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	allowed := ctx.Strings("allowed_regions")
	if len(allowed) == 0 {
		return scanner.DoesNotApply("no allowed_regions are configured")
	}
	ps, dynamic := backupPlacements(r, ctx.Index)
	if len(ps) == 0 && !dynamic {
		return scanner.DoesNotApply("%s has no copy or replica to place", r.Address)
	}
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
}
