package aws

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Backup coverage: whether each database and volume is backed up at all,
// by AWS Backup (an aws_backup_selection that selects it) or by the
// service's own backups.

// coveredTypes are the data stores the coverage rule judges, with the
// service name their ARNs carry (what a wildcard selection names).
var coveredTypes = map[string]string{
	"aws_db_instance":      "rds",
	"aws_rds_cluster":      "rds",
	"aws_docdb_cluster":    "rds",
	"aws_neptune_cluster":  "rds",
	"aws_redshift_cluster": "redshift",
	"aws_dynamodb_table":   "dynamodb",
	"aws_ebs_volume":       "ec2",
	"aws_efs_file_system":  "elasticfilesystem",

	"aws_fsx_lustre_file_system":  "fsx",
	"aws_fsx_windows_file_system": "fsx",
	"aws_fsx_ontap_file_system":   "fsx",
	"aws_fsx_openzfs_file_system": "fsx",
}

// nativeBackup decides whether r is backed up by its service on its own,
// with what for messages.
func nativeBackup(r *scanner.Resource, ix *scanner.Index) (scanner.Tri, string) {
	switch r.Type {
	case "aws_db_instance":
		return positiveOrDefault(r.Attr("backup_retention_period"), "automated backups")
	case "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster":
		// Cluster backups cannot be turned off: retention is 1 to 35 days.
		return scanner.Yes, "cluster backups, which cannot be turned off"
	case "aws_redshift_cluster":
		return positiveOrDefault(r.Attr("automated_snapshot_retention_period"), "automated snapshots")
	case "aws_dynamodb_table":
		pitr := r.Get("point_in_time_recovery", "enabled")
		return pitr.BoolOr(false), "point-in-time recovery"
	case "aws_efs_file_system":
		// A One Zone file system has automatic backups on by default;
		// availability_zone_name from an input variable may be null.
		oneZone := r.Attr("availability_zone_name").Names()
		if oneZone == scanner.Yes {
			return scanner.Yes, "One Zone automatic backups"
		}
		policies, _ := ix.Referrers(r, "aws_efs_backup_policy", []string{"file_system_id"}, "id")
		state := oneZone
		for _, p := range policies {
			status := p.Get("backup_policy", "status")
			state = state.Or(scanner.TriOf(status.Equals("ENABLED"), status.IsUnknown()))
		}
		if oneZone == scanner.Maybe {
			return state, "a One Zone file system's automatic backups (availability_zone_name) or an aws_efs_backup_policy"
		}
		return state, "an aws_efs_backup_policy"
	case "aws_ebs_volume":
		return dlmTargets(r, ix), "a Data Lifecycle Manager policy"
	case "aws_fsx_windows_file_system":
		// The provider defaults the retention to 7 days.
		v := r.Attr("automatic_backup_retention_days")
		if v.IsNull() {
			return scanner.Yes, "FSx automatic backups"
		}
		return positiveOrDefault(v, "FSx automatic backups")
	case "aws_fsx_lustre_file_system", "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system":
		// The provider defaults the retention to 0: no automatic backups.
		v := r.Attr("automatic_backup_retention_days")
		if v.IsNull() {
			return scanner.No, "FSx automatic backups"
		}
		return positiveOrDefault(v, "FSx automatic backups")
	}
	return scanner.No, ""
}

// positiveOrDefault decides a retention argument whose API default (when
// absent) is one day and whose 0 turns the backups off.
func positiveOrDefault(v scanner.Value, what string) (scanner.Tri, string) {
	if v.IsUnknown() {
		return scanner.Maybe, what
	}
	n, ok := v.AsInt()
	return scanner.TriOf(!ok || n > 0, false), what
}

// dlmTargets decides whether an enabled aws_dlm_lifecycle_policy of the
// configuration snapshots the volume: a VOLUME policy one of whose
// target_tags the volume carries.
func dlmTargets(r *scanner.Resource, ix *scanner.Index) scanner.Tri {
	state := scanner.No
	for _, p := range ix.OfType("aws_dlm_lifecycle_policy") {
		if p.Attr("state").Equals("DISABLED") {
			continue
		}
		details, dynamic := p.Follow("policy_details")
		if dynamic != "" {
			state = state.Or(scanner.Maybe)
			continue
		}
		if details == nil {
			continue
		}
		if types, ok := details.Attr("resource_types").AsStrings(); ok && !containsFold(types, "VOLUME") {
			continue
		}
		targets := details.Attr("target_tags")
		if !targets.Val.IsWhollyKnown() {
			state = state.Or(scanner.Maybe)
			continue
		}
		if targets.IsNull() {
			continue
		}
		for it := targets.Val.ElementIterator(); it.Next(); {
			k, v := it.Element()
			if v.IsNull() || v.Type() != cty.String {
				continue
			}
			state = state.Or(tagMatches(r, scanner.Value{Val: k, Present: true}, scanner.Value{Val: v, Present: true}, false, false))
		}
	}
	return state
}

var backupResourceCovered = &scanner.Rule{
	ID:    "aws-backup-resource-covered",
	Title: "Databases and volumes are backed up",
	Description: "A data store that nothing backs up cannot be restored after deletion, corruption or ransomware; " +
		"SOC 2 A1.2 asks for exactly this: data backup processes and recovery infrastructure. A database or volume " +
		"passes when an aws_backup_selection of the configuration selects it (by a reference in resources, by " +
		"resources = [\"*\"] or a wildcard ARN of its service, subject to the selection's conditions and " +
		"not_resources, or by a selection_tag or aws:ResourceTag condition its tags match) or when the service backs " +
		"it up natively: RDS instances with a backup retention above 0 (the default is 1 day; read replicas are " +
		"not applicable, their source is judged), Aurora, DocumentDB " +
		"and Neptune clusters (always), Redshift clusters with automated snapshots, DynamoDB tables with " +
		"point-in-time recovery, EFS file systems with an enabled aws_efs_backup_policy (or One Zone), EBS " +
		"volumes targeted by a Data Lifecycle Manager policy, FSx file systems with automatic backups (on by default " +
		"only for Windows File Server; Lustre SCRATCH file systems cannot be backed up and are not applicable). " +
		"Tags are the resource's effective tags: tags_all in a plan, " +
		"otherwise its own tags merged over the default_tags of the provider configuration it uses (its own tag " +
		"wins), as the AWS provider applies them. The result is unknown when a " +
		"selection's resources, tags or conditions, or the resource's tags or default tags, are only known after apply.",
	Severity:      scanner.High,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: sortedKeys(coveredTypes),
	Remediation:   "Select the resource in an AWS Backup plan (by reference or by a tag it carries), or turn on the service's own backups.",
	RemediationCode: `resource "aws_backup_selection" "data" {
  name         = "data"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "daily"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_selection",
		"https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_8"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_18"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_9"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_16"},
		{Tool: scanner.ToolProwler, ID: "backup_plans_exist"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ebs_volume" "by_reference" {
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_dynamodb_table" "by_tag" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  tags = {
    backup = "daily"
  }
}

resource "aws_backup_selection" "explicit" {
  name         = "explicit"
  plan_id      = "plan-id"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = [aws_ebs_volume.by_reference.arn]
}

resource "aws_backup_selection" "tagged" {
  name         = "tagged"
  plan_id      = "plan-id"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "daily"
  }
}

resource "aws_db_instance" "native" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 7
}

resource "aws_db_instance" "replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.native.identifier
}`, NotApplicable: []string{"aws_db_instance.replica"}}, {Code: `
resource "aws_backup_selection" "everything_tagged_prod" {
  name         = "all"
  plan_id      = "plan-id"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = ["*"]
  condition {
    string_equals {
      key   = "aws:ResourceTag/env"
      value = "prod"
    }
  }
}

resource "aws_ebs_volume" "prod" {
  availability_zone = "eu-west-1a"
  size              = 100
  tags = {
    env = "prod"
  }
}

resource "aws_efs_file_system" "all_file_systems" {
  tags = {
    env = "prod"
  }
}

resource "aws_dlm_lifecycle_policy" "snapshots" {
  description        = "daily volume snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"
  state              = "ENABLED"
  policy_details {
    resource_types = ["VOLUME"]
    target_tags = {
      snapshot = "daily"
    }
    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 14
      }
    }
  }
}

resource "aws_ebs_volume" "dlm" {
  availability_zone = "eu-west-1a"
  size              = 100
  tags = {
    snapshot = "daily"
  }
}`}, {Code: `
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      backup = "daily"
    }
  }
}

resource "aws_backup_selection" "tagged" {
  name         = "tagged"
  plan_id      = "plan-id"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "daily"
  }
}

resource "aws_dynamodb_table" "default_tagged" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_db_instance" "no_backups" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 0
}

resource "aws_dynamodb_table" "untagged" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_ebs_volume" "dev" {
  availability_zone = "eu-west-1a"
  size              = 100
  tags = {
    env = "dev"
  }
}

resource "aws_backup_selection" "prod_only" {
  name         = "prod"
  plan_id      = "plan-id"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = ["arn:aws:ec2:*:*:volume/*"]
  condition {
    string_equals {
      key   = "aws:ResourceTag/env"
      value = "prod"
    }
  }
}

# An input variable with no default may be given null: a Regional file
# system, without automatic backups.
variable "efs_zone" {
  type = string
}

resource "aws_efs_file_system" "maybe_one_zone" {
  creation_token         = "maybe-one-zone"
  availability_zone_name = var.efs_zone
}`, Fails: []string{"aws_db_instance.no_backups", "aws_dynamodb_table.untagged", "aws_ebs_volume.dev"}, Unknowns: []string{"aws_efs_file_system.maybe_one_zone"},
		Expect: map[string]scanner.Expected{"aws_ebs_volume.dev": {Message: "no aws_backup_selection selects"}}}, {Code: `
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 10
}

variable "selected" {
  type = list(string)
}

resource "aws_backup_selection" "maybe" {
  name         = "maybe"
  plan_id      = "plan-id"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = var.selected
  not_resources = [aws_ebs_volume.scratch.arn]
}`, Fails: []string{"aws_ebs_volume.scratch"}, Unknowns: []string{"aws_ebs_volume.data"}}, {Code: `
variable "backup" {
  type = bool
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 10
}

# The list keeps the volume only when var.backup is true: it may select
# nothing.
resource "aws_backup_selection" "maybe" {
  name         = "maybe"
  plan_id      = "plan-id"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = [for v in [aws_ebs_volume.data] : v.arn if var.backup]
}

# The logs volume, unless the list leaves it out, which it does only when
# var.backup is false.
resource "aws_backup_selection" "logs_unless" {
  name          = "logs-unless"
  plan_id       = "plan-id"
  iam_role_arn  = "arn:aws:iam::111122223333:role/backup"
  resources     = [aws_ebs_volume.logs.arn]
  not_resources = [for v in [aws_ebs_volume.logs] : v.arn if !var.backup]
}`, Fails: []string{"aws_ebs_volume.scratch"}, Unknowns: []string{"aws_ebs_volume.data", "aws_ebs_volume.logs"}}, {Code: `
variable "default_tags" {
  type = map(string)
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      backup = "daily"
    }
  }
}

provider "aws" {
  alias  = "later"
  region = "eu-west-1"
  default_tags {
    tags = var.default_tags
  }
}

provider "aws" {
  alias  = "untagged"
  region = "eu-west-1"
}

resource "aws_backup_selection" "tagged" {
  name         = "tagged"
  plan_id      = "plan-id"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "daily"
  }
}

resource "aws_ebs_volume" "opted_out" {
  availability_zone = "eu-west-1a"
  size              = 100
  tags = {
    backup = "none"
  }
}

resource "aws_ebs_volume" "other_provider" {
  provider          = aws.untagged
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_ebs_volume" "later" {
  provider          = aws.later
  availability_zone = "eu-west-1a"
  size              = 100
}`, Fails: []string{"aws_ebs_volume.opted_out", "aws_ebs_volume.other_provider"}, Unknowns: []string{"aws_ebs_volume.later"},
		Expect: map[string]scanner.Expected{
			"aws_ebs_volume.other_provider": {Message: "is not backed up by a Data Lifecycle Manager policy either"},
			"aws_ebs_volume.later":          {Message: "provider default_tags"},
		}}, {Code: `
resource "aws_fsx_ontap_file_system" "no_backups" {
  storage_capacity    = 1024
  subnet_ids          = ["subnet-0123456789abcdef0"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 512
  preferred_subnet_id = "subnet-0123456789abcdef0"
}

resource "aws_fsx_windows_file_system" "default_backups" {
  storage_capacity    = 300
  subnet_ids          = ["subnet-0123456789abcdef0"]
  throughput_capacity = 32
}

resource "aws_fsx_lustre_file_system" "scratch" {
  storage_capacity = 1200
  subnet_ids       = ["subnet-0123456789abcdef0"]
}

resource "aws_fsx_openzfs_file_system" "selected" {
  storage_capacity    = 64
  subnet_ids          = ["subnet-0123456789abcdef0"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
}

resource "aws_backup_selection" "zfs" {
  name         = "zfs"
  plan_id      = "plan-id"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = [aws_fsx_openzfs_file_system.selected.arn]
}`, Fails: []string{"aws_fsx_ontap_file_system.no_backups"}, NotApplicable: []string{"aws_fsx_lustre_file_system.scratch"},
		Expect: map[string]scanner.Expected{
			"aws_fsx_ontap_file_system.no_backups": {Message: "not backed up by FSx automatic backups either"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return exemptReadReplica(r, scanner.DoesNotApply("a read replica is recovered from its source, which is judged instead"), func() scanner.Result {
			return backupCovers(r, ctx)
		})
	},
}

// backupCovers decides aws-backup-resource-covered for a resource
// that is not a read replica.
func backupCovers(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	if fsxLustreScratch(r) == scanner.Yes {
		return scanner.DoesNotApply("a Lustre SCRATCH file system holds temporary data and cannot be backed up")
	}
	selected, how := backupSelects(r, ctx.Index, coveredTypes[r.Type])
	if selected == scanner.Yes {
		return scanner.Passed()
	}
	native, what := nativeBackup(r, ctx.Index)
	switch {
	case native == scanner.Yes:
		return scanner.Passed()
	case selected == scanner.Maybe:
		return scanner.Unknowable(r.Range, "%s may select this resource: its resources, tags or conditions, or this resource's tags or provider default_tags, are only known after apply", how)
	case native == scanner.Maybe:
		return scanner.Unknowable(r.Range, "whether %s is on is only known after apply", what)
	}
	if what == "" {
		return scanner.Failed(r.Range, "no aws_backup_selection selects this resource: nothing backs it up")
	}
	return scanner.Failed(r.Range, "no aws_backup_selection selects this resource and it is not backed up by %s either: nothing backs it up", what)
}
