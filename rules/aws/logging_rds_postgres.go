package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// PostgreSQL databases on RDS whose parameter group makes the engine log the
// statements that change the schema or the data.

// postgresStatementLogValues are the log_statement settings that record at
// least every DDL statement; "none", the engine default, records none.
var postgresStatementLogValues = []string{"ddl", "mod", "all"}

var rdsPostgresStatementLogging = &scanner.Rule{
	ID:    "aws-rds-postgres-statement-logging",
	Title: "RDS PostgreSQL databases log schema and data changing statements",
	Description: "PostgreSQL writes no statement to its log unless log_statement says so, and RDS keeps the engine " +
		"default, none, in its default parameter groups: who dropped a table, granted a role or altered a column is " +
		"then recorded nowhere in the database's own logs, which is the evidence SOC 2 CC7.2 and CC8.1 reviews ask " +
		"for when a change has to be traced. The rule follows parameter_group_name (aws_db_instance) or " +
		"db_cluster_parameter_group_name (aws_rds_cluster) to the declared parameter group and passes when it sets " +
		"log_statement to ddl, mod or all, or pgaudit.log to a class other than none. A database on a default " +
		"group (unset, or a name beginning with default.) fails; a group this configuration does not declare is " +
		"unknown. log_min_duration_statement (slow query logging) is a performance setting and is not required. " +
		"Engines other than postgres and aurora-postgresql are not applicable.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC8.1"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster"},
	Remediation:   "Give the database a parameter group that sets log_statement = \"ddl\" (or \"mod\"), and export the postgresql log to CloudWatch Logs.",
	RemediationCode: `resource "aws_db_parameter_group" "pg" {
  name   = "pg-logging"
  family = "postgres16"

  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

resource "aws_db_instance" "db" {
  # ...
  engine               = "postgres"
  parameter_group_name = aws_db_parameter_group.pg.name
}`,
	Links: []string{
		registryDoc("aws_db_parameter_group", "parameter"),
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.html",
		"https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-STATEMENT",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_30"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_parameter_group" "ddl" {
  name   = "pg-ddl"
  family = "postgres16"
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

resource "aws_db_instance" "orders" {
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.ddl.name
}

resource "aws_rds_cluster_parameter_group" "audit" {
  name   = "apg-audit"
  family = "aurora-postgresql16"
  parameter {
    name  = "shared_preload_libraries"
    value = "pgaudit"
  }
  parameter {
    name  = "pgaudit.log"
    value = "ddl,role"
  }
}

resource "aws_rds_cluster" "ledger" {
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.audit.name
}

resource "aws_db_instance" "mysql" {
  engine         = "mysql"
  instance_class = "db.t4g.micro"
}`, NotApplicable: []string{"aws_db_instance.mysql"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_db_instance" "default_group" {
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}

resource "aws_db_instance" "named_default" {
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  parameter_group_name = "default.postgres16"
}

resource "aws_db_parameter_group" "slow_only" {
  name   = "pg-slow"
  family = "postgres16"
  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }
}

resource "aws_db_instance" "slow_only" {
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.slow_only.name
}

resource "aws_db_parameter_group" "none" {
  name   = "pg-none"
  family = "postgres16"
  parameter {
    name  = "log_statement"
    value = "none"
  }
}

resource "aws_db_instance" "none" {
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.none.name
}

variable "log_statement" {
  type = string
}

variable "engine" {
  type = string
}

resource "aws_db_parameter_group" "from_var" {
  name   = "pg-var"
  family = "postgres16"
  parameter {
    name  = "log_statement"
    value = var.log_statement
  }
}

resource "aws_db_instance" "from_var" {
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.from_var.name
}

resource "aws_db_instance" "engine_from_var" {
  engine         = var.engine
  instance_class = "db.t4g.micro"
}

resource "aws_db_instance" "undeclared_group" {
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  parameter_group_name = "shared-pg-logging"
}`, Fails: []string{"aws_db_instance.default_group", "aws_db_instance.named_default", "aws_db_instance.slow_only", "aws_db_instance.none"},
		Unknowns: []string{"aws_db_instance.from_var", "aws_db_instance.engine_from_var", "aws_db_instance.undeclared_group"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		engine := r.Attr("engine")
		if engine.IsNull() {
			return scanner.DoesNotApply("engine is not set: the database is a replica or an Aurora MySQL cluster, not a PostgreSQL one declared here")
		}
		switch engine.CanBe("postgres", "aurora-postgresql") {
		case scanner.No:
			return scanner.DoesNotApply("only PostgreSQL engines are judged")
		case scanner.Maybe:
			return scanner.Unknowable(engine.Range, "engine is not known until apply, so whether the database is PostgreSQL is not known")
		}
		arg := "parameter_group_name"
		if r.Type == "aws_rds_cluster" {
			arg = "db_cluster_parameter_group_name"
		}
		return postgresGroupLogsStatements(r.Attr(arg), arg, ctx.Index)
	},
}

// postgresGroupLogsStatements judges the parameter group a database names by
// its log_statement and pgaudit.log parameters.
func postgresGroupLogsStatements(group scanner.Value, arg string, ix *scanner.Index) scanner.Result {
	if group.IsNull() {
		return scanner.Failed(group.Range, "%s is not set: the default parameter group leaves log_statement = none, so no statement is logged", arg)
	}
	var declared []*scanner.Resource
	for _, t := range ix.Resolve(group) {
		if t.Type == "aws_db_parameter_group" || t.Type == "aws_rds_cluster_parameter_group" {
			declared = append(declared, t)
		}
	}
	if len(declared) == 0 {
		name, ok := group.AsString()
		switch {
		case ok && strings.HasPrefix(name, "default."):
			return scanner.Failed(group.Range, "%s = %q is a default parameter group: log_statement = none, so no statement is logged", arg, name)
		case ok:
			declared = parameterGroupsNamed(ix, name)
		}
		if len(declared) == 0 {
			return scanner.Unknowable(group.Range, "%s names a parameter group this configuration does not declare", arg)
		}
	}
	res := scanner.Passed()
	for _, g := range declared {
		res = worst(res, postgresStatementParameters(g))
	}
	return res
}

// parameterGroupsNamed returns the declared parameter groups whose known name
// is name.
func parameterGroupsNamed(ix *scanner.Index, name string) []*scanner.Resource {
	var out []*scanner.Resource
	for _, g := range ix.OfType("aws_db_parameter_group", "aws_rds_cluster_parameter_group") {
		if g.Attr("name").Equals(name) {
			out = append(out, g)
		}
	}
	return out
}

// postgresStatementParameters passes a parameter group that sets log_statement
// to ddl, mod or all, or pgaudit.log to a class other than none.
func postgresStatementParameters(g *scanner.Resource) scanner.Result {
	if g.BlocksUnknown("parameter") {
		return scanner.Unknowable(g.Range, "%s's parameters are not known until apply", g.Address)
	}
	logStatement, unknownName := groupParameter(g, "log_statement")
	audit, _ := groupParameter(g, "pgaudit.log")
	if s, ok := audit.AsString(); ok && !strings.EqualFold(strings.TrimSpace(s), "none") && strings.TrimSpace(s) != "" {
		return scanner.Passed()
	}
	if s, ok := logStatement.AsString(); ok {
		for _, want := range postgresStatementLogValues {
			if strings.EqualFold(strings.TrimSpace(s), want) {
				return scanner.Passed()
			}
		}
	}
	switch {
	case logStatement.IsUnknown():
		return scanner.Unknowable(logStatement.Range, "log_statement of %s is not known until apply", g.Address)
	case audit.IsUnknown():
		return scanner.Unknowable(audit.Range, "pgaudit.log of %s is not known until apply", g.Address)
	case unknownName != nil:
		return scanner.Unknowable(unknownName.Range, "a parameter name of %s is not known until apply", g.Address)
	case logStatement.IsSet():
		s, _ := logStatement.AsString()
		return scanner.Failed(logStatement.Range, "log_statement = %q in %s: schema and data changes are not logged", s, g.Address)
	}
	return scanner.Failed(g.Range, "%s does not set log_statement (default none) or pgaudit.log: schema and data changes are not logged", g.Address)
}
