package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Backups and recovery (A1.2 "Performs Data Backup"): automated backups kept
// long enough, point-in-time recovery, versioning, AWS Backup plans that
// retain, select and protect recovery points.

var backupCriteria = scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "CC9.1"}}

var rdsBackupRetention = &scanner.Rule{
	ID:    "aws-rds-backup-retention",
	Title: "RDS instances and clusters keep automated backups for at least the minimum retention period",
	Description: "Automated backups and point-in-time restore are how a database comes back after corruption, a bad migration or " +
		"a deletion; SOC 2 A1.2 expects backups kept long enough to notice the problem and restore from before it. " +
		"When backup_retention_period is unset, RDS applies its API default of 1 day to DB instances (the console suggests 7, " +
		"the API and Terraform do not) and the provider defaults Aurora and Multi-AZ DB clusters to 1 day; 0 turns automated " +
		"backups and point-in-time restore off, and more than 35 is rejected at apply, so the period asked for never takes " +
		"effect. Read replicas are skipped: they are recovered from their source." + retentionPolicyNote,
	Severity:      scanner.Medium,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster"},
	Params:        []scanner.Param{minDaysParam(7, "automated RDS backups")},
	Remediation:   "Set backup_retention_period to at least the configured minimum number of days (RDS allows up to 35).",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  backup_retention_period = 14
  backup_window           = "02:00-03:00"
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#backup_retention_period",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#backup_retention_period",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html#USER_WorkingWithAutomatedBackups.BackupRetention",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_133"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0077"},
		{Tool: scanner.ToolTfsec, ID: "aws-rds-specify-backup-retention"},
		{Tool: scanner.ToolProwler, ID: "rds_instance_backup_enabled"},
		{Tool: scanner.ToolKICS, ID: "RDS With Backup Disabled"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_db_instance" "main" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 14
}

# A read replica is recovered from its source and needs no backups of its own.
resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.main.identifier
  instance_class      = "db.t3.micro"
}

resource "aws_rds_cluster" "main" {
  engine                  = "aurora-postgresql"
  backup_retention_period = 35
}`, NotApplicable: []string{"aws_db_instance.replica"}},
		{Code: `
resource "aws_rds_cluster" "short" {
  engine                  = "aurora-mysql"
  backup_retention_period = 3
}`, Params: map[string]any{"min_days": 3}},
	},
	Bad: []scanner.Example{
		{Code: `
resource "aws_db_instance" "default_retention" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "no_backups" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 0
}

resource "aws_rds_cluster" "short" {
  engine                  = "aurora-postgresql"
  backup_retention_period = 3
}

# An input variable with no default may be given null: not a replica.
variable "replica_source" {
  type = string
}

resource "aws_db_instance" "maybe_replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = var.replica_source
}`, Fails: []string{"aws_db_instance.default_retention", "aws_db_instance.no_backups", "aws_rds_cluster.short"},
			Unknowns: []string{"aws_db_instance.maybe_replica"},
			Expect: map[string]scanner.Expected{
				"aws_rds_cluster.short":             {Line: 15, Message: "backup_retention_period = 3 is below the configured minimum of 7 days"},
				"aws_db_instance.default_retention": {Message: "below the configured minimum of 7 days"},
			}},
		{Code: `
variable "retention" {
  type = number
}

variable "envs" {
  type    = map(number)
  default = { prod = 14, dev = 1 }
}

resource "aws_db_instance" "per_env" {
  for_each                = var.envs
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = each.value
}

resource "aws_rds_cluster" "from_var" {
  engine                  = "aurora-mysql"
  backup_retention_period = var.retention
}`, Fails: []string{`aws_db_instance.per_env["dev"]`}, Unknowns: []string{"aws_rds_cluster.from_var"},
			Params: map[string]any{"min_days": 14},
			Expect: map[string]scanner.Expected{`aws_db_instance.per_env["dev"]`: {Message: "below the configured minimum of 14 days"}}},
		{Code: `
# RDS accepts 0 to 35 days: a longer period is rejected at apply.
resource "aws_rds_cluster" "too_long" {
  engine                  = "aurora-postgresql"
  backup_retention_period = 36
}`, Fails: []string{"aws_rds_cluster.too_long"},
			Expect: map[string]scanner.Expected{"aws_rds_cluster.too_long": {Line: 5, Message: "above the 35 days AWS accepts"}}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		spec := retentionSpec{
			UnsetDays: 1,
			Unset:     "RDS then keeps automated backups for its API default of 1 day",
			Zero:      "turns automated backups and point-in-time restore off",
			MaxDays:   35,
		}
		if r.Type == "aws_rds_cluster" {
			spec.Unset = "the cluster then keeps automated backups for the default of 1 day"
		}
		return exemptReadReplica(r, scanner.DoesNotApply("a read replica is recovered from its source, whose retention is judged instead"), func() scanner.Result {
			return requireDaysAtLeast(r.Attr("backup_retention_period"), ctx.Int("min_days"), spec)
		})
	},
}

var docdbBackupRetention = &scanner.Rule{
	ID:    "aws-docdb-backup-retention",
	Title: "DocumentDB clusters keep automated backups for at least the minimum retention period",
	Description: "DocumentDB restores a cluster to any point inside its backup retention period and nowhere else, so the period " +
		"bounds how far back a corruption or a bad deployment can be undone (SOC 2 A1.2). When backup_retention_period is " +
		"unset, DocumentDB keeps backups for its default of 1 day." + retentionPolicyNote,
	Severity:      scanner.Medium,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_docdb_cluster"},
	Params:        []scanner.Param{minDaysParam(7, "DocumentDB automated backups")},
	Remediation:   "Set backup_retention_period to at least the configured minimum number of days (up to 35).",
	RemediationCode: `resource "aws_docdb_cluster" "main" {
  # ...
  backup_retention_period = 14
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdb_cluster#backup_retention_period",
		"https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore-understanding_backups.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_360"},
		{Tool: scanner.ToolProwler, ID: "documentdb_cluster_backup_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_docdb_cluster" "main" {
  cluster_identifier      = "docs"
  backup_retention_period = 7
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_docdb_cluster" "default_retention" {
  cluster_identifier = "docs"
}

resource "aws_docdb_cluster" "short" {
  cluster_identifier      = "docs-short"
  backup_retention_period = 2
}`, Fails: []string{"aws_docdb_cluster.default_retention", "aws_docdb_cluster.short"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireDaysAtLeast(r.Attr("backup_retention_period"), ctx.Int("min_days"), retentionSpec{
			UnsetDays: 1,
			Unset:     "DocumentDB then keeps automated backups for its default of 1 day",
			MaxDays:   35,
		})
	},
}

var neptuneBackupRetention = &scanner.Rule{
	ID:    "aws-neptune-backup-retention",
	Title: "Neptune clusters keep automated backups for at least the minimum retention period",
	Description: "Neptune restores a cluster to a point inside its backup retention period only, so the period bounds how far " +
		"back data loss can be undone (SOC 2 A1.2). When backup_retention_period is unset, Neptune keeps backups for its " +
		"default of 1 day." + retentionPolicyNote,
	Severity:      scanner.Medium,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_neptune_cluster"},
	Params:        []scanner.Param{minDaysParam(7, "Neptune automated backups")},
	Remediation:   "Set backup_retention_period to at least the configured minimum number of days (up to 35).",
	RemediationCode: `resource "aws_neptune_cluster" "main" {
  # ...
  backup_retention_period = 14
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster#backup_retention_period",
		"https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-overview-backups.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_361"},
		{Tool: scanner.ToolProwler, ID: "neptune_cluster_backup_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_neptune_cluster" "main" {
  cluster_identifier      = "graph"
  backup_retention_period = 10
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_neptune_cluster" "default_retention" {
  cluster_identifier = "graph"
}`, Fails: []string{"aws_neptune_cluster.default_retention"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireDaysAtLeast(r.Attr("backup_retention_period"), ctx.Int("min_days"), retentionSpec{
			UnsetDays: 1,
			Unset:     "Neptune then keeps automated backups for its default of 1 day",
			MaxDays:   35,
		})
	},
}

var dynamodbPointInTimeRecovery = &scanner.Rule{
	ID:    "aws-dynamodb-point-in-time-recovery",
	Title: "DynamoDB tables have point-in-time recovery enabled",
	Description: "Without point-in-time recovery a DynamoDB table cannot be restored to the moment before an accidental or " +
		"malicious write or delete; only on-demand backups taken beforehand help. SOC 2 A1.2 expects such recovery to be " +
		"possible. Point-in-time recovery is off unless a point_in_time_recovery block enables it.",
	Severity:      scanner.Medium,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_dynamodb_table"},
	Remediation:   "Add point_in_time_recovery { enabled = true } to the table.",
	RemediationCode: `resource "aws_dynamodb_table" "orders" {
  # ...
  point_in_time_recovery {
    enabled = true
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#point_in_time_recovery",
		"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_28"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0024"},
		{Tool: scanner.ToolTfsec, ID: "aws-dynamodb-enable-recovery"},
		{Tool: scanner.ToolProwler, ID: "dynamodb_tables_pitr_enabled"},
		{Tool: scanner.ToolKICS, ID: "DynamoDB Table Point In Time Recovery Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}`}},
	Bad: []scanner.Example{
		{Code: `
module "sessions" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 5.0"

  name                           = "sessions"
  hash_key                       = "id"
  point_in_time_recovery_enabled = false
}`, Fails: []string{"module.sessions.aws_dynamodb_table.this[0]"},
			Expect: map[string]scanner.Expected{"module.sessions.aws_dynamodb_table.this[0]": {Line: 8, Message: "point-in-time recovery is off"}}},
		{Code: `
resource "aws_dynamodb_table" "no_block" {
  name     = "sessions"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "disabled" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = false
  }
}`, Fails: []string{"aws_dynamodb_table.no_block", "aws_dynamodb_table.disabled"}},
		{Code: `
variable "pitr" {
  type = bool
}

variable "tables" {
  type    = map(bool)
  default = { orders = true, cache = false }
}

resource "aws_dynamodb_table" "each" {
  for_each = var.tables
  name     = each.key
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  dynamic "point_in_time_recovery" {
    for_each = [each.value]
    content {
      enabled = point_in_time_recovery.value
    }
  }
}

resource "aws_dynamodb_table" "from_var" {
  name     = "events"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = var.pitr
  }
}`, Fails: []string{`aws_dynamodb_table.each["cache"]`}, Unknowns: []string{"aws_dynamodb_table.from_var"}},
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.FirstBlock("point_in_time_recovery") == nil && r.BlocksUnknown("point_in_time_recovery") {
			return scanner.Unknowable(r.Range, "point_in_time_recovery is generated from a value not known until apply")
		}
		return scanner.RequireTrue(r.Get("point_in_time_recovery", "enabled"),
			"point-in-time recovery is off: the table cannot be restored to the moment before a bad write or delete")
	},
}

var elasticacheSnapshotRetention = &scanner.Rule{
	ID:    "aws-elasticache-snapshot-retention",
	Title: "ElastiCache Redis and Valkey keep automatic snapshots for at least the minimum retention period",
	Description: "A Redis or Valkey dataset that is more than a cache (sessions, queues, leaderboards) is lost on a node or " +
		"cluster failure unless automatic snapshots exist (SOC 2 A1.2). snapshot_retention_limit defaults to 0, which takes " +
		"no automatic snapshots at all. Memcached has no persistence and no snapshots, so Memcached clusters are not applicable, " +
		"nor are cache.t1.micro nodes, which support no backups; clusters that belong to a replication group " +
		"are skipped (the group's setting applies)." + retentionPolicyNote,
	Severity: scanner.Medium,
	Criteria: backupCriteria,
	Family:   scanner.FamilyBackup,
	ResourceTypes: []string{
		"aws_elasticache_replication_group", "aws_elasticache_cluster",
	},
	Params:      []scanner.Param{minDaysParam(7, "automatic ElastiCache snapshots")},
	Remediation: "Set snapshot_retention_limit to at least the configured minimum number of days (up to 35) and a snapshot_window.",
	RemediationCode: `resource "aws_elasticache_replication_group" "sessions" {
  # ...
  snapshot_retention_limit = 7
  snapshot_window          = "03:00-05:00"
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#snapshot_retention_limit",
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_134"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0050"},
		{Tool: scanner.ToolTfsec, ID: "aws-elasticache-enable-backup-retention"},
		{Tool: scanner.ToolKICS, ID: "ElastiCache Redis Cluster Without Backup"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id     = "sessions"
  description              = "sessions"
  node_type                = "cache.t4g.small"
  snapshot_retention_limit = 7
}

resource "aws_elasticache_cluster" "memcached" {
  cluster_id      = "pages"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 2
}

resource "aws_elasticache_cluster" "member" {
  cluster_id           = "sessions-extra"
  replication_group_id = aws_elasticache_replication_group.sessions.id
}

# The previous-generation t1.micro supports no backups at all.
resource "aws_elasticache_cluster" "legacy" {
  cluster_id      = "legacy"
  engine          = "redis"
  node_type       = "cache.t1.micro"
  num_cache_nodes = 1
}`, NotApplicable: []string{"aws_elasticache_cluster.memcached", "aws_elasticache_cluster.legacy", "aws_elasticache_cluster.member"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "default_limit" {
  replication_group_id = "sessions"
  description          = "sessions"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_cluster" "redis" {
  cluster_id               = "queue"
  engine                   = "redis"
  node_type                = "cache.t4g.small"
  num_cache_nodes          = 1
  snapshot_retention_limit = 1
}

variable "engine" {
  type = string
}

resource "aws_elasticache_cluster" "engine_from_var" {
  cluster_id      = "cache"
  engine          = var.engine
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}

# An input variable with no default may be given null: not a member.
variable "group_id" {
  type = string
}

resource "aws_elasticache_cluster" "maybe_member" {
  cluster_id           = "maybe-member"
  engine               = "redis"
  node_type            = "cache.t4g.small"
  num_cache_nodes      = 1
  replication_group_id = var.group_id
}`, Fails: []string{"aws_elasticache_replication_group.default_limit", "aws_elasticache_cluster.redis"}, Unknowns: []string{"aws_elasticache_cluster.maybe_member", "aws_elasticache_cluster.engine_from_var"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type == "aws_elasticache_cluster" {
			// A member of a replication group keeps the group's
			// snapshots, judged on the group.
			return ruleutil.ExemptIfNamed(r.Attr("replication_group_id"),
				scanner.DoesNotApply("a member of a replication group keeps the group's snapshots, judged on the group"), func() scanner.Result {
					engine := r.Attr("engine")
					if engine.IsUnknown() {
						return scanner.Unknowable(engine.Range, "engine is not known until apply, so whether the cluster can keep snapshots is not known")
					}
					if engine.Equals("memcached") {
						return scanner.DoesNotApply("Memcached keeps no snapshots")
					}
					return elasticacheRetentionDays(r, ctx)
				})
		}
		return elasticacheRetentionDays(r, ctx)
	},
}

// elasticacheNoBackupNodeTypes are the node types on which ElastiCache
// supports no backup at all, so no snapshot retention can be set.
var elasticacheNoBackupNodeTypes = []string{"cache.t1.micro"}

// elasticacheRetentionDays decides snapshot_retention_limit of a Redis
// or Valkey cluster or replication group.
func elasticacheRetentionDays(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	if nodeType, ok := r.Attr("node_type").AsString(); ok && slices.Contains(elasticacheNoBackupNodeTypes, nodeType) {
		return scanner.DoesNotApply("%s nodes support no backups", nodeType)
	}
	return requireDaysAtLeast(r.Attr("snapshot_retention_limit"), ctx.Int("min_days"), retentionSpec{
		Unset: "ElastiCache then takes no automatic snapshots (the default is 0)",
		Zero:  "turns automatic snapshots off",
	})
}

var redshiftSnapshotRetention = &scanner.Rule{
	ID:    "aws-redshift-snapshot-retention",
	Title: "Redshift clusters keep automated snapshots for at least the minimum retention period",
	Description: "Automated snapshots are the restore points of a Redshift cluster; SOC 2 A1.2 expects them to reach back far " +
		"enough to recover from a problem found late. automated_snapshot_retention_period defaults to 1 day, and 0 turns " +
		"automated snapshots off." + retentionPolicyNote,
	Severity:      scanner.Medium,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_redshift_cluster"},
	Params:        []scanner.Param{minDaysParam(7, "automated Redshift snapshots")},
	Remediation:   "Set automated_snapshot_retention_period to at least the configured minimum number of days (up to 35).",
	RemediationCode: `resource "aws_redshift_cluster" "warehouse" {
  # ...
  automated_snapshot_retention_period = 14
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster#automated_snapshot_retention_period",
		"https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_343"},
		{Tool: scanner.ToolProwler, ID: "redshift_cluster_automated_snapshot"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier                  = "warehouse"
  node_type                           = "ra3.xlplus"
  automated_snapshot_retention_period = 14
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_redshift_cluster" "default_retention" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "off" {
  cluster_identifier                  = "scratch"
  node_type                           = "ra3.xlplus"
  automated_snapshot_retention_period = 0
}`, Fails: []string{"aws_redshift_cluster.default_retention", "aws_redshift_cluster.off"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireDaysAtLeast(r.Attr("automated_snapshot_retention_period"), ctx.Int("min_days"), retentionSpec{
			UnsetDays: 1,
			Unset:     "Redshift then keeps automated snapshots for its default of 1 day",
			Zero:      "turns automated snapshots off",
			MaxDays:   35,
		})
	},
}

var s3BucketVersioning = &scanner.Rule{
	ID:    "aws-s3-bucket-versioning",
	Title: "S3 buckets have versioning enabled",
	Description: "Without versioning an overwritten or deleted object is gone: there is nothing to restore after a faulty " +
		"deployment, a compromised credential or ransomware. SOC 2 A1.2 (and C1.2 for disposal under control) expects " +
		"recoverable data. Versioning is off on new buckets; it is enabled by an aws_s3_bucket_versioning resource with " +
		"status Enabled, by the legacy inline versioning block, or implicitly by S3 Object Lock.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "C1.2"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_s3_bucket"},
	Remediation: "Add an aws_s3_bucket_versioning resource for the bucket with status = \"Enabled\", and a lifecycle rule " +
		"that expires noncurrent versions after your retention period.",
	RemediationCode: `resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_21"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0090"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-enable-versioning"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_object_versioning"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Without Versioning"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

# Referenced by name rather than by expression.
resource "aws_s3_bucket" "by_name" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket_versioning" "by_name" {
  bucket = "acme-reports"
  versioning_configuration {
    status = "Enabled"
  }
}

# Legacy inline form (AWS provider v3).
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  versioning {
    enabled = true
  }
}

# Object Lock turns versioning on and keeps it on.
resource "aws_s3_bucket" "locked" {
  bucket              = "acme-locked"
  object_lock_enabled = true
}`}, {Code: `
# The bucket and its versioning both take the name from one variable: the
# same bucket, whatever it is called.
variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket" "named_by_var" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_versioning" "named_by_var" {
  bucket = var.bucket_name
  versioning_configuration {
    status = "Enabled"
  }
}`}},
	Bad: []scanner.Example{
		{Code: `
resource "aws_s3_bucket" "none" {
  bucket = "acme-none"
}

resource "aws_s3_bucket" "suspended" {
  bucket = "acme-suspended"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  versioning_configuration {
    status = "Suspended"
  }
}

resource "aws_s3_bucket" "legacy_off" {
  bucket = "acme-legacy-off"
  versioning {
    enabled = false
  }
}`, Fails: []string{"aws_s3_bucket.none", "aws_s3_bucket.suspended", "aws_s3_bucket.legacy_off"}},
		{Code: `
resource "aws_s3_bucket" "primary" {
  count  = 1
  bucket = "acme-primary"
}

resource "aws_s3_bucket_versioning" "primary" {
  bucket = aws_s3_bucket.primary[0].id
  versioning_configuration {
    status = "Disabled"
  }
}

resource "aws_s3_bucket" "fallback" {
  bucket = "acme-fallback"
}

# The condition reads the primary bucket, but the versioning is the
# fallback's (or no bucket's): it does not version the primary.
resource "aws_s3_bucket_versioning" "fallback" {
  bucket = one(aws_s3_bucket.primary[*].id) == "" ? "" : aws_s3_bucket.fallback.id
  versioning_configuration {
    status = "Enabled"
  }
}`, Fails: []string{"aws_s3_bucket.primary[0]"}},
		{Code: `
variable "versioning_status" {
  type = string
}

resource "aws_s3_bucket" "per_env" {
  count  = 2
  bucket = "acme-env-${count.index}"
}

resource "aws_s3_bucket_versioning" "per_env" {
  count  = 2
  bucket = aws_s3_bucket.per_env[count.index].id
  versioning_configuration {
    status = count.index == 0 ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket" "by_key" {
  for_each = toset(["prod", "dev"])
  bucket   = "acme-${each.key}"
}

resource "aws_s3_bucket_versioning" "by_key" {
  for_each = aws_s3_bucket.by_key
  bucket   = each.value.id
  versioning_configuration {
    status = each.key == "prod" ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket" "from_var" {
  bucket = "acme-var"
}

resource "aws_s3_bucket_versioning" "from_var" {
  bucket = aws_s3_bucket.from_var.id
  versioning_configuration {
    status = var.versioning_status
  }
}

variable "legacy_versioning" {
  type = list(bool)
}

# The inline block is generated from a list known only after apply.
resource "aws_s3_bucket" "legacy_dynamic" {
  bucket = "acme-legacy-dynamic"
  dynamic "versioning" {
    for_each = var.legacy_versioning
    content {
      enabled = versioning.value
    }
  }
}`, Fails: []string{"aws_s3_bucket.per_env[1]", `aws_s3_bucket.by_key["dev"]`},
			Unknowns: []string{"aws_s3_bucket.from_var", "aws_s3_bucket.legacy_dynamic"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Attr("object_lock_enabled").IsTrue() || r.Get("object_lock_configuration", "object_lock_enabled").Equals("Enabled") {
			return scanner.Passed()
		}
		failAt := r.Range
		// Get reads versioning.enabled as unknown when a dynamic block
		// may write it.
		if enabled := r.Get("versioning", "enabled"); enabled.Present || r.FirstBlock("versioning") != nil {
			switch {
			case enabled.IsTrue():
				return scanner.Passed()
			case enabled.IsUnknown():
				return scanner.Unknowable(enabled.Range, "versioning.enabled is not known until apply")
			}
			failAt = enabled.Range
		}
		var unknown, bad *scanner.Value
		var badAddr string
		referrers, _ := ctx.Index.Referrers(r, "aws_s3_bucket_versioning", []string{"bucket"}, "bucket", "id")
		for _, v := range referrers {
			status := v.Get("versioning_configuration", "status")
			switch {
			case status.Equals("Enabled"):
				return scanner.Passed()
			case status.IsUnknown():
				unknown = &status
			case bad == nil:
				bad, badAddr = &status, v.Address
			}
		}
		if unknown != nil {
			return scanner.Unknowable(unknown.Range, "versioning status is not known until apply")
		}
		if bad != nil {
			return scanner.Failed(bad.Range, "%s sets versioning status to %q: overwritten and deleted objects cannot be recovered",
				badAddr, bad.StringOr("(unset)"))
		}
		return scanner.Failed(failAt, "versioning is not enabled: overwritten and deleted objects cannot be recovered")
	},
}

var backupPlanRetention = &scanner.Rule{
	ID:    "aws-backup-plan-retention",
	Title: "AWS Backup plans keep recovery points and their copies for at least the minimum retention period",
	Description: "A backup plan whose lifecycle deletes recovery points after a few days cannot restore from before a problem " +
		"that went unnoticed for longer, such as slow data corruption or a dormant intrusion. SOC 2 A1.2 expects retention " +
		"that matches the recovery objectives; 35 days is the common baseline. A rule or copy_action without a lifecycle " +
		"delete_after keeps its recovery points until they are deleted by hand, which passes." + retentionPolicyNote,
	Severity:      scanner.Medium,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_backup_plan"},
	Params:        []scanner.Param{minDaysParam(35, "AWS Backup recovery points and their copies")},
	Remediation:   "Set lifecycle.delete_after (on each rule and each copy_action) to at least the configured minimum number of days.",
	RemediationCode: `resource "aws_backup_plan" "main" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 35
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_plan#lifecycle",
		"https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_backup_plan" "main" {
  name = "main"

  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 35
    }
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr"
      lifecycle {
        delete_after = 90
      }
    }
  }

  # No lifecycle: recovery points are kept until deleted.
  rule {
    rule_name         = "monthly"
    target_vault_name = "main"
    schedule          = "cron(0 4 1 * ? *)"
  }
}`}},
	Bad: []scanner.Example{
		{Code: `
resource "aws_backup_plan" "short" {
  name = "short"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 7
    }
  }
}

resource "aws_backup_plan" "short_copy" {
  name = "short-copy"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 35
    }
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr"
      lifecycle {
        delete_after = 14
      }
    }
  }
}`, Fails: []string{"aws_backup_plan.short", "aws_backup_plan.short_copy"}},
		{Code: `
variable "delete_after" {
  type = number
}

variable "rules" {
  type = map(number)
  default = {
    daily  = 35
    hourly = 2
  }
}

resource "aws_backup_plan" "dynamic" {
  name = "dynamic"
  dynamic "rule" {
    for_each = var.rules
    content {
      rule_name         = rule.key
      target_vault_name = "main"
      schedule          = "cron(0 3 * * ? *)"
      lifecycle {
        delete_after = rule.value
      }
    }
  }
}

resource "aws_backup_plan" "from_var" {
  name = "from-var"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = var.delete_after
    }
  }
}`, Fails: []string{"aws_backup_plan.dynamic"}, Unknowns: []string{"aws_backup_plan.from_var"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		minDays := ctx.Int("min_days")
		var short []string
		var shortAt scanner.Range
		var unknown *scanner.Value
		judge := func(v scanner.Value, what string) {
			switch {
			case v.IsUnknown():
				if unknown == nil {
					unknown = &v
				}
			case v.IsNull():
			default:
				if n, ok := v.AsInt(); ok && n < int64(minDays) {
					if len(short) == 0 {
						shortAt = v.Range
					}
					short = append(short, fmt.Sprintf("%s deletes after %d days", what, n))
				}
			}
		}
		dynamic := r.BlocksUnknown("rule")
		for i, rule := range r.Blocks("rule") {
			name := rule.Attr("rule_name").StringOr(fmt.Sprintf("#%d", i+1))
			dynamic = dynamic || rule.BlocksUnknown("lifecycle") || rule.BlocksUnknown("copy_action")
			judge(rule.Get("lifecycle", "delete_after"), fmt.Sprintf("rule %q", name))
			for _, c := range rule.Blocks("copy_action") {
				dynamic = dynamic || c.BlocksUnknown("lifecycle")
				dest := c.Attr("destination_vault_arn").StringOr("its destination vault")
				judge(c.Get("lifecycle", "delete_after"), fmt.Sprintf("rule %q's copy to %s", name, dest))
			}
		}
		if len(short) > 0 {
			return scanner.Failed(shortAt, "%s, below the configured minimum of %d days", strings.Join(short, "; "), minDays)
		}
		if unknown != nil {
			return scanner.Unknowable(unknown.Range, "lifecycle delete_after is not known until apply")
		}
		if dynamic {
			return scanner.Unknowable(r.Range, "some rule, lifecycle or copy_action blocks are generated from values not known until apply")
		}
		return scanner.Passed()
	},
}

var backupVaultLock = &scanner.Rule{
	ID:    "aws-backup-vault-lock",
	Title: "AWS Backup vaults are protected by Vault Lock",
	Description: "Without Vault Lock, anyone who gains backup-administrator rights (an attacker preparing ransomware, or a " +
		"mistaken cleanup) can delete every recovery point or shorten its retention. Vault Lock enforces minimum and maximum " +
		"retention on the vault, in compliance mode even against the root user, which is what keeps backups usable for " +
		"SOC 2 A1.2 recovery and C1.1 retention. Vaults without an aws_backup_vault_lock_configuration fail.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"C1.1", "CC7.4"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_backup_vault"},
	Remediation: "Add an aws_backup_vault_lock_configuration for the vault with min_retention_days; set changeable_for_days " +
		"to move it to compliance mode once the settings are proven.",
	RemediationCode: `resource "aws_backup_vault_lock_configuration" "main" {
  backup_vault_name   = aws_backup_vault.main.name
  min_retention_days  = 35
  max_retention_days  = 365
  changeable_for_days = 3
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_vault_lock_configuration",
		"https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault_lock_configuration" "main" {
  backup_vault_name  = aws_backup_vault.main.name
  min_retention_days = 35
}

resource "aws_backup_vault" "by_name" {
  name = "archive"
}

resource "aws_backup_vault_lock_configuration" "by_name" {
  backup_vault_name  = "archive"
  min_retention_days = 365
}`}},
	Bad: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

variable "dr_region" {
  type = string
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_backup_vault" "main" {
  name = "main"
}

# A vault's name is unique per region: this lock is of the vault
# named "main" in a region only known after apply, maybe another.
resource "aws_backup_vault_lock_configuration" "dr" {
  provider           = aws.dr
  backup_vault_name  = "main"
  min_retention_days = 365
}

# Another account in the same region: the role it assumes is there.
provider "aws" {
  alias  = "audit"
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/terraform"
  }
}

resource "aws_backup_vault" "logs" {
  name = "logs"
}

# The vault named "logs" of another account.
resource "aws_backup_vault_lock_configuration" "audit" {
  provider           = aws.audit
  backup_vault_name  = "logs"
  min_retention_days = 365
}`, Fails: []string{"aws_backup_vault.logs"}, Unknowns: []string{"aws_backup_vault.main"}},
		{Code: `
resource "aws_backup_vault" "unlocked" {
  name = "main"
}`, Fails: []string{"aws_backup_vault.unlocked"}}, {Code: `
# A vault name is unique within its region only: the lock of the
# eu-west-1 vault named "main" does not lock the us-east-1 one.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-west-1"
}

resource "aws_backup_vault" "primary" {
  name = "main"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "main"
}

resource "aws_backup_vault_lock_configuration" "dr" {
  provider           = aws.dr
  backup_vault_name  = "main"
  min_retention_days = 365
}`, Fails: []string{"aws_backup_vault.primary"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		// A vault's name is unique in its account and region only: a
		// lock of another region's vault of the same name is not this
		// one's, and one that may be in another region or account is
		// only a maybe.
		found, maybe := ctx.Index.ReferrersIn(inRegion, r, "aws_backup_vault_lock_configuration", []string{"backup_vault_name"}, "name")
		switch {
		case len(found) > 0:
			return scanner.Passed()
		case maybe != nil:
			return scanner.Unknowable(r.Range, "%s may lock this vault: the vault it names, or where it is (region, account), is only known after apply", maybe.Address)
		}
		return scanner.Failed(r.Range, "no aws_backup_vault_lock_configuration locks this vault: its recovery points can be deleted by anyone with backup permissions")
	},
}

var backupPlanHasSelection = &scanner.Rule{
	ID:    "aws-backup-plan-has-selection",
	Title: "AWS Backup plans have a resource selection",
	Description: "A backup plan backs up only what an aws_backup_selection assigns to it; a plan without one produces no " +
		"recovery points while looking like a backup control in review. SOC 2 A1.2 needs backups that actually run.",
	Severity:      scanner.Medium,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_backup_plan"},
	Remediation:   "Add an aws_backup_selection with plan_id pointing at the plan and the resources or tags to back up.",
	RemediationCode: `resource "aws_backup_selection" "main" {
  name         = "tagged"
  plan_id      = aws_backup_plan.main.id
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
	Good: []scanner.Example{{Code: `
resource "aws_backup_plan" "main" {
  name = "main"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
  }
}

resource "aws_backup_selection" "main" {
  name         = "all-tagged"
  plan_id      = aws_backup_plan.main.id
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = ["*"]
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_backup_plan" "orphan" {
  name = "orphan"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
  }
}`, Fails: []string{"aws_backup_plan.orphan"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if found, _ := ctx.Index.Referrers(r, "aws_backup_selection", []string{"plan_id"}); len(found) > 0 {
			return scanner.Passed()
		}
		return scanner.Failed(r.Range, "no aws_backup_selection assigns resources to this plan: it backs nothing up")
	},
}

var efsBackupPolicy = &scanner.Rule{
	ID:    "aws-efs-backup-enabled",
	Title: "EFS file systems are backed up",
	Description: "An EFS file system without backups cannot be restored after deletion or corruption (SOC 2 A1.2). " +
		"File systems created through the API, as Terraform does, have automatic backups off unless an aws_efs_backup_policy " +
		"enables them; One Zone file systems are the exception and get automatic backups by default. A file system selected " +
		"by an aws_backup_selection (by reference, wildcard or a matching tag) is backed up by that plan instead.",
	Severity:      scanner.Medium,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_efs_file_system"},
	Remediation:   "Add an aws_efs_backup_policy with status ENABLED, or select the file system in an AWS Backup plan.",
	RemediationCode: `resource "aws_efs_backup_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  backup_policy {
    status = "ENABLED"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_backup_policy",
		"https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "efs_have_backup_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_efs_file_system" "shared" {
  encrypted = true
}

resource "aws_efs_backup_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  backup_policy {
    status = "ENABLED"
  }
}

resource "aws_efs_file_system" "tagged" {
  encrypted = true
  tags = {
    backup = "daily"
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

resource "aws_efs_file_system" "one_zone" {
  availability_zone_name = "eu-west-1a"
  encrypted              = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_efs_file_system" "unprotected" {
  encrypted = true
}

resource "aws_efs_file_system" "disabled" {
  encrypted = true
}

resource "aws_efs_backup_policy" "disabled" {
  file_system_id = aws_efs_file_system.disabled.id
  backup_policy {
    status = "DISABLED"
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
}`, Fails: []string{"aws_efs_file_system.unprotected", "aws_efs_file_system.disabled"}, Unknowns: []string{"aws_efs_file_system.maybe_one_zone"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if backupSelectionCovers(r, ctx.Index, "elasticfilesystem") {
			return scanner.Passed()
		}
		referrers, _ := ctx.Index.Referrers(r, "aws_efs_backup_policy", []string{"file_system_id"}, "id")
		for _, p := range referrers {
			status := p.Get("backup_policy", "status")
			switch {
			case status.Equals("ENABLED"):
				return scanner.Passed()
			case status.IsUnknown():
				return scanner.Unknowable(status.Range, "backup_policy status is not known until apply")
			default:
				return scanner.Failed(status.Range, "%s sets automatic backups to %s", p.Address, status.StringOr("(unset)"))
			}
		}
		// A One Zone file system has automatic backups on by default.
		return ruleutil.PassIfNamed(r.Attr("availability_zone_name"), func() scanner.Result {
			return scanner.Failed(r.Range, "automatic backups are off (the API default) and no aws_efs_backup_policy or aws_backup_selection covers the file system")
		})
	},
}

var databaseFinalSnapshot = &scanner.Rule{
	ID:    "aws-database-final-snapshot",
	Title: "Databases take a final snapshot when they are deleted",
	Description: "With skip_final_snapshot = true, destroying the resource (a rename, a replacement forced by a changed " +
		"argument, a mistaken destroy) deletes the database without a last snapshot, and RDS deletes its automated backups " +
		"with it by default. SOC 2 A1.2 and C1.1 expect data to survive such changes. The provider default is false (take " +
		"a final snapshot); read replicas are skipped.",
	Severity: scanner.Low,
	Criteria: scanner.Criteria{Primary: "A1.2", Secondary: []string{"C1.1", "CC7.4"}},
	Family:   scanner.FamilyBackup,
	ResourceTypes: []string{
		"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster", "aws_redshift_cluster",
	},
	Remediation: "Remove skip_final_snapshot = true (or set it to false) and set final_snapshot_identifier.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  skip_final_snapshot       = false
  final_snapshot_identifier = "main-final"
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#skip_final_snapshot",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#skip_final_snapshot",
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "main" {
  engine                    = "postgres"
  instance_class            = "db.t3.micro"
  final_snapshot_identifier = "main-final"
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.main.identifier
  instance_class      = "db.t3.micro"
  skip_final_snapshot = true
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier        = "warehouse"
  node_type                 = "ra3.xlplus"
  skip_final_snapshot       = false
  final_snapshot_identifier = "warehouse-final"
}`, NotApplicable: []string{"aws_db_instance.replica"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_rds_cluster" "main" {
  engine              = "aurora-postgresql"
  skip_final_snapshot = true
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier  = "docs"
  skip_final_snapshot = true
}

# An input variable with no default may be given null: not a replica.
variable "replica_source" {
  type = string
}

resource "aws_db_instance" "maybe_replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = var.replica_source
  skip_final_snapshot = true
}`, Fails: []string{"aws_rds_cluster.main", "aws_docdb_cluster.docs"}, Unknowns: []string{"aws_db_instance.maybe_replica"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return exemptReadReplica(r, scanner.DoesNotApply("RDS takes no final snapshot of a read replica: its data is its source's"), func() scanner.Result {
			return scanner.RequireFalseOr(r.Attr("skip_final_snapshot"), false,
				"skip_final_snapshot = true: destroying or replacing this resource deletes the data without a final snapshot")
		})
	},
}

var fsxBackupRetention = &scanner.Rule{
	ID:    "aws-fsx-automatic-backup-retention",
	Title: "FSx file systems keep automatic backups for at least the minimum retention period",
	Description: "FSx takes a daily automatic backup of a file system only while automatic_backup_retention_days is above " +
		"0; without backups, a deleted share, a ransomware encryption or a corrupted volume cannot be restored " +
		"(SOC 2 A1.2). The provider defaults the argument to 7 days for Windows File Server and to 0 (no automatic " +
		"backups) for Lustre, NetApp ONTAP and OpenZFS. Lustre SCRATCH file systems (the provider's default " +
		"deployment type) hold temporary data and cannot be backed up, so they are not applicable. A file system an " +
		"aws_backup_selection selects is backed up by AWS Backup instead and is not applicable here (its plan's " +
		"retention is judged by aws-backup-plan-retention)." + retentionPolicyNote,
	Severity:      scanner.Medium,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: fsxTypes,
	Params:        []scanner.Param{minDaysParam(7, "automatic FSx backups")},
	Remediation:   "Set automatic_backup_retention_days to at least the configured minimum number of days (up to 90) and a daily_automatic_backup_start_time.",
	RemediationCode: `resource "aws_fsx_ontap_file_system" "shares" {
  # ...
  automatic_backup_retention_days   = 14
  daily_automatic_backup_start_time = "03:00"
}`,
	Links: []string{
		registryDoc("aws_fsx_ontap_file_system", "automatic_backup_retention_days"),
		"https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/using-backups.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_fsx_windows_file_system" "default_week" {
  storage_capacity    = 300
  subnet_ids          = ["subnet-0123456789abcdef0"]
  throughput_capacity = 32
}

resource "aws_fsx_ontap_file_system" "two_weeks" {
  storage_capacity                = 1024
  subnet_ids                      = ["subnet-0123456789abcdef0"]
  deployment_type                 = "SINGLE_AZ_1"
  throughput_capacity             = 512
  preferred_subnet_id             = "subnet-0123456789abcdef0"
  automatic_backup_retention_days = 14
}

resource "aws_fsx_lustre_file_system" "scratch" {
  storage_capacity = 1200
  subnet_ids       = ["subnet-0123456789abcdef0"]
  deployment_type  = "SCRATCH_2"
}`, NotApplicable: []string{"aws_fsx_lustre_file_system.scratch"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_fsx_openzfs_file_system" "default_none" {
  storage_capacity    = 64
  subnet_ids          = ["subnet-0123456789abcdef0"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
}

resource "aws_fsx_windows_file_system" "off" {
  storage_capacity                = 300
  subnet_ids                      = ["subnet-0123456789abcdef0"]
  throughput_capacity             = 32
  automatic_backup_retention_days = 0
}

resource "aws_fsx_lustre_file_system" "short" {
  storage_capacity                = 1200
  subnet_ids                      = ["subnet-0123456789abcdef0"]
  deployment_type                 = "PERSISTENT_2"
  automatic_backup_retention_days = 3
}

variable "days" {
  type = number
}

resource "aws_fsx_ontap_file_system" "from_var" {
  storage_capacity                = 1024
  subnet_ids                      = ["subnet-0123456789abcdef0"]
  deployment_type                 = "SINGLE_AZ_1"
  throughput_capacity             = 512
  preferred_subnet_id             = "subnet-0123456789abcdef0"
  automatic_backup_retention_days = var.days
}`, Fails: []string{"aws_fsx_openzfs_file_system.default_none", "aws_fsx_windows_file_system.off", "aws_fsx_lustre_file_system.short"},
		Unknowns: []string{"aws_fsx_ontap_file_system.from_var"},
		Expect: map[string]scanner.Expected{
			"aws_fsx_openzfs_file_system.default_none": {Message: "no automatic backups"},
			"aws_fsx_windows_file_system.off":          {Line: 13, Message: "turns automatic backups off, below the configured minimum of 7 days"},
			"aws_fsx_lustre_file_system.short":         {Line: 20, Message: "= 3 is below the configured minimum of 7 days"},
		}}, {Code: `
resource "aws_fsx_windows_file_system" "default_week" {
  storage_capacity    = 300
  subnet_ids          = ["subnet-0123456789abcdef0"]
  throughput_capacity = 32
}

resource "aws_fsx_ontap_file_system" "aws_backup" {
  storage_capacity    = 1024
  subnet_ids          = ["subnet-0123456789abcdef0"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 512
  preferred_subnet_id = "subnet-0123456789abcdef0"
  tags = {
    backup = "daily"
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
}`, Params: map[string]any{"min_days": 30}, Fails: []string{"aws_fsx_windows_file_system.default_week"},
		NotApplicable: []string{"aws_fsx_ontap_file_system.aws_backup"},
		Expect: map[string]scanner.Expected{
			"aws_fsx_windows_file_system.default_week": {Message: "7 days (the default), below the configured minimum of 30 days"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		spec := retentionSpec{Unset: "FSx then takes no automatic backups (the default is 0)", Zero: "turns automatic backups off"}
		if r.Type == "aws_fsx_windows_file_system" {
			spec.UnsetDays, spec.Unset = 7, "FSx keeps automatic backups for 7 days (the default)"
		}
		res := requireDaysAtLeast(r.Attr("automatic_backup_retention_days"), ctx.Int("min_days"), spec)
		if res.Status != scanner.Pass {
			switch selected, how := backupSelects(r, ctx.Index, "fsx"); selected {
			case scanner.Yes:
				return scanner.DoesNotApply("AWS Backup backs the file system up through %s, whose plan's retention aws-backup-plan-retention judges", how)
			case scanner.Maybe:
				if res.Status == scanner.Fail {
					res = scanner.Unknowable(res.Range, "%s; %s may select the file system for AWS Backup, which is not known until apply", res.Message, how)
				}
			}
		}
		switch fsxLustreScratch(r) {
		case scanner.Yes:
			return scanner.DoesNotApply("a Lustre SCRATCH file system holds temporary data and cannot take automatic backups")
		case scanner.Maybe:
			if res.Status == scanner.Pass {
				return res
			}
			return scanner.Unknowable(r.Attr("deployment_type").Range, "deployment_type is not known until apply (SCRATCH file systems cannot be backed up), and automatic backups are not kept for the configured minimum of %d days", ctx.Int("min_days"))
		}
		return res
	},
}
