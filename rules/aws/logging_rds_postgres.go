package aws

import (
	"fmt"
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
		"log_statement to ddl, mod or all, or pgaudit.log to a class other than none. For an Aurora cluster, each " +
		"declared aws_rds_cluster_instance's DB parameter group (db_parameter_group_name) is read too: a value it sets " +
		"overrides the cluster parameter group's for that instance, as AWS applies them, and the cluster passes only " +
		"when every instance logs. A database on a default " +
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
		"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_WorkingWithDBClusterParamGroups.html",
		"https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-STATEMENT",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_30"},
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_db_instance" "ledger" {
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  parameter_group_name = "pg-logging"
}

# A group of that name in another region: not the instance's group.
resource "aws_db_parameter_group" "eu" {
  provider = aws.eu
  name     = "pg-logging"
  family   = "postgres16"
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

resource "aws_db_instance" "audit" {
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  parameter_group_name = "pg-audit"
}

resource "aws_db_parameter_group" "audit" {
  name   = "pg-audit"
  family = "postgres16"
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

# The group of that name in another region sets nothing: it is not the
# instance's group, so it does not fail it.
resource "aws_db_parameter_group" "audit_eu" {
  provider = aws.eu
  name     = "pg-audit"
  family   = "postgres16"
}`, Unknowns: []string{"aws_db_instance.ledger"}},
		{Code: `
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
}`, NotApplicable: []string{"aws_db_instance.mysql"}}, {Code: `
# Aurora: the cluster parameter group leaves log_statement at none, and
# every instance's DB parameter group sets it, which wins for the instance.
resource "aws_db_parameter_group" "mod" {
  name   = "apg-mod"
  family = "aurora-postgresql16"
  parameter {
    name  = "log_statement"
    value = "mod"
  }
}

resource "aws_rds_cluster" "per_instance" {
  engine = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "writer" {
  cluster_identifier      = aws_rds_cluster.per_instance.id
  instance_class          = "db.r6g.large"
  engine                  = "aurora-postgresql"
  db_parameter_group_name = aws_db_parameter_group.mod.name
}

resource "aws_rds_cluster_instance" "reader" {
  cluster_identifier      = aws_rds_cluster.per_instance.id
  instance_class          = "db.r6g.large"
  engine                  = "aurora-postgresql"
  db_parameter_group_name = aws_db_parameter_group.mod.name
}

# A DB cluster parameter group and a DB parameter group may share a name:
# AWS names each kind apart, and each argument names its own kind.
resource "aws_rds_cluster_parameter_group" "shared_name" {
  name   = "apg-ledger"
  family = "aurora-postgresql16"
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

resource "aws_db_parameter_group" "shared_name" {
  name   = "apg-ledger"
  family = "aurora-postgresql16"
  parameter {
    name  = "work_mem"
    value = "65536"
  }
}

resource "aws_rds_cluster" "shared_name" {
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = "apg-ledger"
}

resource "aws_rds_cluster_instance" "shared_name" {
  cluster_identifier      = aws_rds_cluster.shared_name.id
  instance_class          = "db.r6g.large"
  engine                  = "aurora-postgresql"
  db_parameter_group_name = "apg-ledger"
}`}},
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
}

variable "parameter_group_name" {
  type = string
}

resource "aws_db_instance" "group_from_var" {
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  parameter_group_name = var.parameter_group_name
}`, Fails: []string{"aws_db_instance.default_group", "aws_db_instance.named_default", "aws_db_instance.slow_only", "aws_db_instance.none"},
		Unknowns: []string{"aws_db_instance.from_var", "aws_db_instance.engine_from_var", "aws_db_instance.undeclared_group", "aws_db_instance.group_from_var"},
		Expect: map[string]scanner.Expected{
			"aws_db_instance.undeclared_group": {Message: "names a parameter group this configuration does not declare"},
			"aws_db_instance.group_from_var":   {Message: "parameter_group_name is not known until apply"},
		}}, {Code: `
# Aurora: an instance's DB parameter group overrides the cluster parameter
# group for that instance.
resource "aws_rds_cluster_parameter_group" "ddl" {
  name   = "apg-ddl"
  family = "aurora-postgresql16"
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

resource "aws_db_parameter_group" "quiet" {
  name   = "apg-quiet"
  family = "aurora-postgresql16"
  parameter {
    name  = "log_statement"
    value = "none"
  }
}

resource "aws_rds_cluster" "overridden" {
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.ddl.name
}

resource "aws_rds_cluster_instance" "logged" {
  cluster_identifier = aws_rds_cluster.overridden.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "quiet" {
  cluster_identifier      = aws_rds_cluster.overridden.id
  instance_class          = "db.r6g.large"
  engine                  = "aurora-postgresql"
  db_parameter_group_name = aws_db_parameter_group.quiet.name
}

resource "aws_rds_cluster" "shared_group" {
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.ddl.name
}

# A DB parameter group this configuration does not declare may set
# log_statement either way.
resource "aws_rds_cluster_instance" "shared_group" {
  cluster_identifier      = aws_rds_cluster.shared_group.id
  instance_class          = "db.r6g.large"
  engine                  = "aurora-postgresql"
  db_parameter_group_name = "team-shared-apg"
}

variable "instance_parameter" {
  type = string
}

# The instance's group sets a parameter whose name is a variable without a
# value: it may be log_statement = none, overriding the cluster's ddl.
resource "aws_db_parameter_group" "named_by_var" {
  name   = "apg-named-by-var"
  family = "aurora-postgresql16"
  parameter {
    name  = var.instance_parameter
    value = "none"
  }
}

resource "aws_rds_cluster" "instance_name_unknown" {
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.ddl.name
}

resource "aws_rds_cluster_instance" "instance_name_unknown" {
  cluster_identifier      = aws_rds_cluster.instance_name_unknown.id
  instance_class          = "db.r6g.large"
  engine                  = "aurora-postgresql"
  db_parameter_group_name = aws_db_parameter_group.named_by_var.name
}

variable "cluster_id" {
  type = string
}

# An instance of a cluster named by a variable without a value may be one
# of this cluster's, and its group turns log_statement off.
resource "aws_rds_cluster" "maybe_instance" {
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.ddl.name
}

resource "aws_rds_cluster_instance" "elsewhere" {
  cluster_identifier      = var.cluster_id
  instance_class          = "db.r6g.large"
  engine                  = "aurora-postgresql"
  db_parameter_group_name = aws_db_parameter_group.quiet.name
}`, Fails: []string{"aws_rds_cluster.overridden"},
		Unknowns: []string{"aws_rds_cluster.shared_group", "aws_rds_cluster.instance_name_unknown", "aws_rds_cluster.maybe_instance"},
		Expect:   map[string]scanner.Expected{"aws_rds_cluster.overridden": {Message: `log_statement = "none" in aws_db_parameter_group.quiet over aws_rds_cluster_parameter_group.ddl`}}}},
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
		if r.Type == "aws_rds_cluster" {
			return auroraStatementLogging(r, ctx.Index)
		}
		return postgresGroupLogsStatements(r, r.Attr("parameter_group_name"), "parameter_group_name", dbParameterGroup, ctx.Index)
	},
}

// The two kinds of parameter group: AWS names each kind apart, so a DB
// parameter group and a DB cluster parameter group may share a name, and
// each argument names a group of its own kind.
const (
	dbParameterGroup      = "aws_db_parameter_group"
	clusterParameterGroup = "aws_rds_cluster_parameter_group"
)

// postgresGroupLogsStatements judges the parameter group of type kind a
// database names by its log_statement and pgaudit.log parameters.
func postgresGroupLogsStatements(owner *scanner.Resource, group scanner.Value, arg, kind string, ix *scanner.Index) scanner.Result {
	groups, res := statementGroups(owner, group, arg, kind, ix)
	if groups == nil {
		return res
	}
	res = scanner.Passed()
	for _, g := range groups {
		res = worst(res, g.judge())
	}
	return res
}

// statementGroups reads the parameters of the group of type kind a
// database names, one entry per declared group it can be; one empty entry for a default
// group (unset, or named default.*), which sets nothing. With no entry,
// res says why the group cannot be read.
func statementGroups(owner *scanner.Resource, group scanner.Value, arg, kind string, ix *scanner.Index) (groups []statementParams, res scanner.Result) {
	if group.IsNull() {
		return []statementParams{{where: "the default parameter group (" + arg + " is not set)", at: group.Range}}, res
	}
	var declared []*scanner.Resource
	for _, t := range ix.Resolve(group) {
		if t.Type == kind {
			declared = append(declared, t)
		}
	}
	if len(declared) == 0 {
		name, ok := group.AsString()
		switch {
		case ok && strings.HasPrefix(name, "default."):
			return []statementParams{{where: fmt.Sprintf("the default parameter group %q (%s)", name, arg), at: group.Range}}, res
		case ok:
			// A parameter group's name is unique in its account and
			// region only: one declared elsewhere is not this one.
			var maybe *scanner.Resource
			declared, maybe = scanner.Scope(inRegion).Within(owner, parameterGroupsNamed(ix, kind, name))
			if len(declared) == 0 && maybe != nil {
				return nil, scanner.Unknowable(group.Range, "%s names %s, which may be in another region or account: where it is is only known after apply", arg, maybe.Address)
			}
		}
		if len(declared) == 0 && group.IsUnknown() {
			return nil, scanner.Unknowable(group.Range, "%s is not known until apply, so the parameter group it names cannot be read", arg)
		}
		if len(declared) == 0 {
			return nil, scanner.Unknowable(group.Range, "%s names a parameter group this configuration does not declare", arg)
		}
	}
	for _, g := range declared {
		if g.BlocksUnknown("parameter") {
			return nil, scanner.Unknowable(g.Range, "%s's parameters are not known until apply", g.Address)
		}
		groups = append(groups, paramsOf(g))
	}
	return groups, res
}

// auroraStatementLogging judges an Aurora PostgreSQL cluster instance by
// instance: a parameter an instance's DB parameter group sets
// (aws_rds_cluster_instance.db_parameter_group_name) overrides the
// cluster parameter group's for that instance, as AWS applies them, and
// the cluster logs statements only if every declared instance does. With
// no instance declared, the cluster parameter group decides. An instance
// whose cluster_identifier is not known until apply may be one of the
// cluster's: if it would not log, the verdict is unknown, not a pass.
func auroraStatementLogging(r *scanner.Resource, ix *scanner.Index) scanner.Result {
	const arg = "db_cluster_parameter_group_name"
	clusterGroups, clusterRes := statementGroups(r, r.Attr(arg), arg, clusterParameterGroup, ix)
	// A cluster identifier is unique in its account and region only.
	instances, maybe := ix.ReferrersIn(inRegion, r, "aws_rds_cluster_instance", []string{"cluster_identifier"}, "cluster_identifier")
	res := scanner.Passed()
	if len(instances) == 0 {
		res = postgresGroupLogsStatements(r, r.Attr(arg), arg, clusterParameterGroup, ix)
	}
	for _, inst := range instances {
		res = worst(res, instanceStatementLogging(inst, clusterGroups, clusterRes, ix))
	}
	if maybe != nil && res.Status == scanner.Pass {
		if got := instanceStatementLogging(maybe, clusterGroups, clusterRes, ix); got.Status != scanner.Pass {
			return scanner.Unknowable(maybe.Attr("cluster_identifier").Range,
				"the cluster_identifier of %s is not known until apply: if it names this cluster, that instance's parameters decide, and %s",
				maybe.Address, got.Message)
		}
	}
	return res
}

// instanceStatementLogging judges one Aurora instance: its DB parameter
// group over the cluster's (clusterGroups, or clusterRes when the
// cluster's group cannot be read).
func instanceStatementLogging(inst *scanner.Resource, clusterGroups []statementParams, clusterRes scanner.Result, ix *scanner.Index) scanner.Result {
	own := inst.Attr("db_parameter_group_name")
	instGroups, instRes := statementGroups(inst, own, "db_parameter_group_name of "+inst.Address, dbParameterGroup, ix)
	if instGroups == nil {
		// A group not declared may set log_statement either way.
		return instRes
	}
	res := scanner.Passed()
	for _, ig := range instGroups {
		if clusterGroups == nil {
			// The cluster's group is not known: only a value the
			// instance's group sets that passes alone decides.
			if ig.sets() && ig.judge().Status == scanner.Pass {
				continue
			}
			res = worst(res, clusterRes)
			continue
		}
		for _, cg := range clusterGroups {
			res = worst(res, ig.over(cg).judge())
		}
	}
	return res
}

// parameterGroupsNamed returns the declared parameter groups of type kind
// whose known name is name.
func parameterGroupsNamed(ix *scanner.Index, kind, name string) []*scanner.Resource {
	var out []*scanner.Resource
	for _, g := range ix.OfType(kind) {
		if g.Attr("name").Equals(name) {
			out = append(out, g)
		}
	}
	return out
}

// statementParams are the statement-logging parameters of a parameter
// group, or of an instance's group over its cluster's.
type statementParams struct {
	logStatement, audit scanner.Value
	unknownName         *scanner.Value
	// where names the group(s) for messages, at where its block is.
	where string
	at    scanner.Range
}

// paramsOf reads g's statement-logging parameters.
func paramsOf(g *scanner.Resource) statementParams {
	p := statementParams{where: g.Address, at: g.Range}
	p.logStatement, p.unknownName = groupParameter(g, "log_statement")
	p.audit, _ = groupParameter(g, "pgaudit.log")
	return p
}

// sets reports whether p sets a statement-logging parameter or may set
// one (a parameter name not known).
func (p statementParams) sets() bool {
	return p.logStatement.Present || p.audit.Present || p.unknownName != nil
}

// over returns p (an instance's DB parameter group) with cluster's
// parameters wherever p sets none: a value in the DB parameter group
// overrides the cluster parameter group's for that instance. A parameter
// of p whose name is not known may override either, so then only p's
// own values count and the rest is unknown.
func (p statementParams) over(cluster statementParams) statementParams {
	if !p.sets() {
		return cluster
	}
	out := p
	out.where = p.where + " over " + cluster.where
	if p.unknownName != nil {
		return out
	}
	if !out.logStatement.Present {
		out.logStatement = cluster.logStatement
	}
	if !out.audit.Present {
		out.audit = cluster.audit
	}
	out.unknownName = cluster.unknownName
	return out
}

// judge passes parameters that set log_statement to ddl, mod or all, or
// pgaudit.log to a class other than none.
func (p statementParams) judge() scanner.Result {
	if s, ok := p.audit.AsString(); ok && !strings.EqualFold(strings.TrimSpace(s), "none") && strings.TrimSpace(s) != "" {
		return scanner.Passed()
	}
	if s, ok := p.logStatement.AsString(); ok {
		for _, want := range postgresStatementLogValues {
			if strings.EqualFold(strings.TrimSpace(s), want) {
				return scanner.Passed()
			}
		}
	}
	switch {
	case p.logStatement.IsUnknown():
		return scanner.Unknowable(p.logStatement.Range, "log_statement of %s is not known until apply", p.where)
	case p.audit.IsUnknown():
		return scanner.Unknowable(p.audit.Range, "pgaudit.log of %s is not known until apply", p.where)
	case p.unknownName != nil:
		return scanner.Unknowable(p.unknownName.Range, "a parameter name of %s is not known until apply", p.where)
	case p.logStatement.IsSet():
		s, _ := p.logStatement.AsString()
		return scanner.Failed(p.logStatement.Range, "log_statement = %q in %s: schema and data changes are not logged", s, p.where)
	}
	return scanner.Failed(p.at, "%s does not set log_statement (default none) or pgaudit.log: schema and data changes are not logged", p.where)
}
