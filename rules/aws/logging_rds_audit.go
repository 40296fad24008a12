package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Aurora MySQL clusters that send their audit log, not only their error
// and query logs, to CloudWatch Logs.

var rdsClusterAuditLogExport = &scanner.Rule{
	ID:    "aws-rds-cluster-audit-log-export",
	Title: "Aurora MySQL clusters export the audit log to CloudWatch Logs",
	Description: "The Aurora MySQL audit log (Advanced Auditing) is the database's record of who connected, who was " +
		"refused, and which queries read or changed which tables: the evidence SOC 2 CC7.2 and CC6.1 reviews ask for " +
		"when a privileged or unexpected access has to be traced. The error, general and slow query logs do not carry " +
		"it, and on the cluster's instances it rotates away within days, so \"audit\" must be among " +
		"enabled_cloudwatch_logs_exports (empty by default); the cluster parameter group must also set " +
		"server_audit_logging = 1 for events to be written. Only Aurora MySQL (engine aurora or aurora-mysql, the " +
		"default engine) has this log; other engines, and Aurora Serverless v1 (engine_mode serverless), which " +
		"publishes its logs through the parameter group instead, are not applicable.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_rds_cluster"},
	Remediation:   "Add \"audit\" to enabled_cloudwatch_logs_exports and set server_audit_logging = 1 (with server_audit_events) in the cluster parameter group.",
	RemediationCode: `resource "aws_rds_cluster" "orders" {
  engine                          = "aurora-mysql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.audit.name
  enabled_cloudwatch_logs_exports = ["audit", "error", "slowquery"]
  # ...
}

resource "aws_rds_cluster_parameter_group" "audit" {
  family = "aurora-mysql8.0"
  parameter {
    name  = "server_audit_logging"
    value = "1"
  }
  parameter {
    name  = "server_audit_events"
    value = "CONNECT,QUERY_DCL,QUERY_DDL"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#enabled_cloudwatch_logs_exports",
		"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Auditing.html",
		"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Integrating.CloudWatch.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_325"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_rds_cluster" "orders" {
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = ["audit", "error", "slowquery"]
}

resource "aws_rds_cluster" "legacy" {
  cluster_identifier              = "legacy"
  enabled_cloudwatch_logs_exports = ["audit"]
}

resource "aws_rds_cluster" "postgres" {
  engine = "aurora-postgresql"
}

resource "aws_rds_cluster" "serverless_v1" {
  engine      = "aurora-mysql"
  engine_mode = "serverless"
}

variable "cluster_engine" {
  type = string
}

# Serverless v1, whichever engine the variable picks.
resource "aws_rds_cluster" "serverless_v1_any_engine" {
  engine      = var.cluster_engine
  engine_mode = "serverless"
}`, NotApplicable: []string{"aws_rds_cluster.postgres", "aws_rds_cluster.serverless_v1", "aws_rds_cluster.serverless_v1_any_engine"}}},
	Bad: []scanner.Example{{Code: `
variable "log_exports" {
  type = list(string)
}

variable "engine" {
  type = string
}

resource "aws_rds_cluster" "default_engine" {
  cluster_identifier = "legacy"
}

resource "aws_rds_cluster" "no_audit" {
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = ["error", "general", "slowquery"]
}

resource "aws_rds_cluster" "exports_from_var" {
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = var.log_exports
}

resource "aws_rds_cluster" "engine_from_var" {
  engine                          = var.engine
  enabled_cloudwatch_logs_exports = ["error"]
}

variable "engine_mode" {
  type = string
}

# Provisioned needs "audit" exported; serverless v1 would not.
resource "aws_rds_cluster" "mode_from_var" {
  engine      = "aurora-mysql"
  engine_mode = var.engine_mode
}`, Fails: []string{"aws_rds_cluster.default_engine", "aws_rds_cluster.no_audit"},
		Unknowns: []string{"aws_rds_cluster.exports_from_var", "aws_rds_cluster.engine_from_var", "aws_rds_cluster.mode_from_var"},
		Expect: map[string]scanner.Expected{
			"aws_rds_cluster.no_audit": {Line: 16, Message: `does not include "audit"`},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		// Serverless v1 is not applicable whatever its engine, so its
		// mode is read before an engine that may be unknown.
		mode := r.Attr("engine_mode")
		serverless := mode.CanBe("serverless")
		if serverless == scanner.Yes {
			return scanner.DoesNotApply("Aurora Serverless v1 publishes its logs through the cluster parameter group, not enabled_cloudwatch_logs_exports")
		}
		engine := r.Attr("engine")
		if engine.IsSet() {
			switch engine.CanBe("aurora", "aurora-mysql") {
			case scanner.No:
				return scanner.DoesNotApply("only Aurora MySQL writes the Advanced Auditing log")
			case scanner.Maybe:
				return scanner.Unknowable(engine.Range, "engine is not known until apply, so whether the cluster has an audit log is not known")
			}
		}
		res := requireListHas(r.Attr("enabled_cloudwatch_logs_exports"), []string{"audit"},
			"who connected and which queries read or changed data is not sent to CloudWatch Logs and rotates away on the instances")
		if res.Status == scanner.Fail && serverless == scanner.Maybe {
			return scanner.Unknowable(mode.Range, "engine_mode is not known until apply: Aurora Serverless v1 publishes its logs through the cluster parameter group, other modes need \"audit\" in enabled_cloudwatch_logs_exports")
		}
		return res
	},
}
