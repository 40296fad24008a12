package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Snapshot metadata and point-in-time rewind for the relational and graph
// databases: rules on what a snapshot carries and on undoing a bad write
// without a restore.

var databaseCopyTagsToSnapshot = &scanner.Rule{
	ID:    "aws-database-copy-tags-to-snapshot",
	Title: "RDS, Aurora and Neptune databases copy their tags to snapshots",
	Description: "Snapshots outlive the database they were taken from, and tags are how an organisation says what a " +
		"resource holds, who owns it, how long it is kept and who may touch it (tag-based IAM conditions, AWS Backup " +
		"selections by tag, cost and data-classification reports). A snapshot without the database's tags is an " +
		"unlabelled copy of confidential data that those controls no longer see. SOC 2 C1.1 and A1.2 expect backups " +
		"to be identified and governed like the data they copy. copy_tags_to_snapshot defaults to false. DB instances " +
		"that belong to an Aurora, DocumentDB or Neptune cluster are skipped: their snapshots are the cluster's, " +
		"governed by the cluster's setting.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"C1.1", "CC7.4"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster", "aws_neptune_cluster"},
	Remediation:   "Set copy_tags_to_snapshot = true on the DB instance or cluster.",
	RemediationCode: `resource "aws_rds_cluster" "main" {
  # ...
  copy_tags_to_snapshot = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#copy_tags_to_snapshot",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#copy_tags_to_snapshot",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster#copy_tags_to_snapshot",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html#USER_Tagging.CopyTags",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_60"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_313"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_362"},
		{Tool: scanner.ToolProwler, ID: "rds_instance_copy_tags_to_snapshots"},
		{Tool: scanner.ToolProwler, ID: "rds_cluster_copy_tags_to_snapshots"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "orders" {
  engine                = "postgres"
  instance_class        = "db.t3.micro"
  copy_tags_to_snapshot = true
}

resource "aws_rds_cluster" "ledger" {
  engine                = "aurora-postgresql"
  copy_tags_to_snapshot = true
}

resource "aws_rds_cluster_instance" "ledger" {
  cluster_identifier = aws_rds_cluster.ledger.id
  engine             = "aurora-postgresql"
  instance_class     = "db.r6g.large"
}

resource "aws_db_instance" "member" {
  cluster_identifier = aws_rds_cluster.ledger.id
  engine             = "aurora-postgresql"
  instance_class     = "db.r6g.large"
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier    = "graph"
  copy_tags_to_snapshot = true
}`, NotApplicable: []string{"aws_db_instance.member"}}},
	Bad: []scanner.Example{{Code: `
# An input variable with no default may be given null: then the
# instance stands alone and its own copy_tags_to_snapshot (unset) fails.
variable "cluster" {
  type = string
}

resource "aws_db_instance" "maybe_member" {
  engine             = "postgres"
  instance_class     = "db.t3.micro"
  cluster_identifier = var.cluster
}

resource "aws_db_instance" "standalone" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}`, Fails: []string{"aws_db_instance.standalone"}, Unknowns: []string{"aws_db_instance.maybe_member"}}, {Code: `
variable "copy_tags" {
  type = bool
}

variable "engine" {
  type = string
}

resource "aws_db_instance" "orders" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
}

resource "aws_rds_cluster" "ledger" {
  engine                = "aurora-mysql"
  copy_tags_to_snapshot = false
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}

resource "aws_rds_cluster" "from_var" {
  engine                = "aurora-mysql"
  copy_tags_to_snapshot = var.copy_tags
}

resource "aws_db_instance" "engine_from_var" {
  engine         = var.engine
  instance_class = "db.t3.micro"
}`, Fails: []string{"aws_db_instance.orders", "aws_rds_cluster.ledger", "aws_neptune_cluster.graph"},
		Unknowns: []string{"aws_rds_cluster.from_var", "aws_db_instance.engine_from_var"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("copy_tags_to_snapshot")
		require := func() scanner.Result {
			return scanner.RequireTrue(v, "copy_tags_to_snapshot is not true: snapshots lose the database's tags, and "+
				"the ownership, classification and tag-based access and backup controls that rely on them")
		}
		if r.Type != "aws_db_instance" || v.BoolOr(false) != scanner.No {
			return require()
		}
		// A cluster_identifier that may be null leaves a standalone
		// instance, judged on its own (ruleutil.ExemptIfNamed).
		return ruleutil.ExemptIfNamed(r.Attr("cluster_identifier"),
			scanner.DoesNotApply("the instance belongs to a cluster, whose snapshots follow the cluster's setting"), func() scanner.Result {
				engine := r.Attr("engine")
				if engine.IsUnknown() {
					return scanner.Unknowable(engine.Range, "engine is not known until apply, so whether the instance's "+
						"snapshots are its own (not a cluster's) is not known")
				}
				if isClusterEngine(engine.StringOr("")) {
					return scanner.DoesNotApply("the %s instance's snapshots are its cluster's", engine.StringOr(""))
				}
				return require()
			})
	},
}

// isClusterEngine reports whether an aws_db_instance engine only runs as a
// member of a cluster (Aurora, DocumentDB, Neptune).
func isClusterEngine(engine string) bool {
	e := strings.ToLower(engine)
	return strings.HasPrefix(e, "aurora") || e == "docdb" || e == "neptune"
}

var rdsClusterBacktracking = &scanner.Rule{
	ID:    "aws-rds-cluster-backtracking",
	Title: "Aurora MySQL clusters have backtracking enabled",
	Description: "Backtracking rewinds an Aurora MySQL cluster to a point in time in place, in minutes, without " +
		"restoring a new cluster from backup: the quick way back from a bad migration or a mistaken DELETE. SOC 2 A1.2 " +
		"and CC7.4 expect recovery from such incidents to be planned and timely. backtrack_window (seconds, up to 72 " +
		"hours) defaults to 0, which turns backtracking off. Only Aurora MySQL (engine aurora or aurora-mysql, the " +
		"default engine) supports it; clusters on other engines, Aurora Serverless v1 (engine_mode serverless), members " +
		"of a global database and cross-region replicas are skipped, since AWS does not offer backtracking there.",
	Severity:      scanner.Low,
	Criteria:      backupCriteria,
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_rds_cluster"},
	Remediation:   "Set backtrack_window to the number of seconds you want to be able to rewind (up to 259200).",
	RemediationCode: `resource "aws_rds_cluster" "main" {
  engine           = "aurora-mysql"
  # ...
  backtrack_window = 86400 # 24 hours
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#backtrack_window",
		"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_326"},
		{Tool: scanner.ToolProwler, ID: "rds_cluster_backtrack_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_rds_cluster" "mysql" {
  engine           = "aurora-mysql"
  backtrack_window = 86400
}

resource "aws_rds_cluster" "postgres" {
  engine = "aurora-postgresql"
}

resource "aws_rds_cluster" "serverless_v1" {
  engine      = "aurora-mysql"
  engine_mode = "serverless"
}

resource "aws_rds_cluster" "global_member" {
  engine                    = "aurora-mysql"
  global_cluster_identifier = "orders-global"
}`, NotApplicable: []string{"aws_rds_cluster.global_member", "aws_rds_cluster.postgres", "aws_rds_cluster.serverless_v1"}}},
	Bad: []scanner.Example{{Code: `
# An input variable with no default may be given null: then the cluster
# is no global member and can backtrack, which it does not.
variable "global_id" {
  type = string
}

resource "aws_rds_cluster" "maybe_global" {
  engine                    = "aurora-mysql"
  global_cluster_identifier = var.global_id
}

resource "aws_rds_cluster" "no_window" {
  engine = "aurora-mysql"
}`, Fails: []string{"aws_rds_cluster.no_window"}, Unknowns: []string{"aws_rds_cluster.maybe_global"}}, {Code: `
variable "window" {
  type = number
}

variable "engine" {
  type = string
}

resource "aws_rds_cluster" "unset" {
  engine = "aurora-mysql"
}

resource "aws_rds_cluster" "default_engine" {
  cluster_identifier = "legacy"
}

resource "aws_rds_cluster" "zero" {
  engine           = "aurora"
  backtrack_window = 0
}

resource "aws_rds_cluster" "window_from_var" {
  engine           = "aurora-mysql"
  backtrack_window = var.window
}

resource "aws_rds_cluster" "engine_from_var" {
  engine = var.engine
}`, Fails: []string{"aws_rds_cluster.unset", "aws_rds_cluster.default_engine", "aws_rds_cluster.zero"},
		Unknowns: []string{"aws_rds_cluster.window_from_var", "aws_rds_cluster.engine_from_var"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		engine := r.Attr("engine")
		if engine.IsSet() {
			switch engine.CanBe("aurora", "aurora-mysql") {
			case scanner.No:
				return scanner.DoesNotApply("backtracking is only offered for Aurora MySQL")
			case scanner.Maybe:
				return scanner.Unknowable(engine.Range, "engine is not known until apply, so whether the cluster can backtrack is not known")
			}
		}
		if r.Attr("engine_mode").CanBe("serverless") == scanner.Yes {
			return scanner.DoesNotApply("backtracking is not offered for Aurora Serverless v1")
		}
		// A global cluster or replica source that may be null leaves a
		// cluster that can backtrack (ruleutil.ExemptIfNamed).
		na := scanner.DoesNotApply("backtracking is not offered for global databases or cross-region replicas")
		return ruleutil.ExemptIfNamed(r.Attr("global_cluster_identifier"), na, func() scanner.Result {
			return ruleutil.ExemptIfNamed(r.Attr("replication_source_identifier"), na, func() scanner.Result {
				return backtrackWindow(r)
			})
		})
	},
}

// backtrackWindow judges backtrack_window of an Aurora MySQL cluster that
// can backtrack.
func backtrackWindow(r *scanner.Resource) scanner.Result {
	v := r.Attr("backtrack_window")
	if v.IsUnknown() {
		return scanner.Unknowable(v.Range, "backtrack_window is not known until apply")
	}
	if n, ok := v.AsInt(); !v.IsSet() || (ok && n <= 0) {
		return scanner.Failed(v.Range, "backtrack_window is not set above 0: the cluster cannot be rewound in place "+
			"and a bad write is undone only by restoring a new cluster from backup")
	}
	return scanner.Passed()
}
