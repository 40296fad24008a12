package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// How users authenticate to databases.

// iamAuthEngines are the RDS engines that support IAM database
// authentication (MySQL, MariaDB, PostgreSQL and their Aurora editions).
var iamAuthEngines = []string{"mysql", "mariadb", "postgres", "aurora", "aurora-mysql", "aurora-postgresql"}

var databaseIAMAuthentication = &scanner.Rule{
	ID:    "aws-database-iam-authentication",
	Title: "RDS and Neptune databases accept IAM authentication",
	Description: "With IAM database authentication, people and workloads sign in with short-lived tokens tied to their " +
		"IAM identity: access is granted and revoked in IAM, every connection is attributable, and no long-lived " +
		"database password has to be shared or rotated (SOC 2 CC6.1, CC6.2). iam_database_authentication_enabled " +
		"defaults to false. It applies to MySQL, MariaDB, PostgreSQL, their Aurora editions and Neptune; other " +
		"engines (Oracle, SQL Server, Db2) and Aurora Serverless v1 do not support it and are not applicable.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.2"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster", "aws_neptune_cluster"},
	Remediation:   "Set iam_database_authentication_enabled = true and grant rds-db:connect (neptune-db:connect) to the roles that need access.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  iam_database_authentication_enabled = true
}`,
	Links: []string{
		registryDoc("aws_db_instance", "iam_database_authentication_enabled"),
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html",
		"https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_161"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_162"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_359"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0176"},
		{Tool: scanner.ToolKICS, ID: "IAM Database Auth Not Enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "good" {
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
}

resource "aws_neptune_cluster" "good" {
  cluster_identifier                  = "graph"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
}

resource "aws_db_instance" "oracle" {
  engine            = "oracle-ee"
  instance_class    = "db.m5.large"
  storage_encrypted = true
}

resource "aws_rds_cluster" "serverless_v1" {
  engine      = "aurora-postgresql"
  engine_mode = "serverless"
}`, NotApplicable: []string{"aws_db_instance.oracle", "aws_rds_cluster.serverless_v1"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_db_instance" "bad" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

resource "aws_rds_cluster" "off" {
  engine                              = "aurora-postgresql"
  storage_encrypted                   = true
  iam_database_authentication_enabled = false
}

resource "aws_neptune_cluster" "bad" {
  cluster_identifier = "graph"
  storage_encrypted  = true
}
variable "engine" {
  type = string
}

resource "aws_db_instance" "unknown_engine" {
  engine            = var.engine
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}`, Fails: []string{"aws_db_instance.bad", "aws_rds_cluster.off", "aws_neptune_cluster.bad"}, Unknowns: []string{"aws_db_instance.unknown_engine"},
		Expect: map[string]scanner.Expected{
			"aws_db_instance.bad": {Line: 2, Message: "not set (default false)"},
			"aws_rds_cluster.off": {Line: 11, Message: "= false"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		flag := r.Attr("iam_database_authentication_enabled")
		if flag.IsTrue() {
			return scanner.Passed()
		}
		if r.Type != "aws_neptune_cluster" {
			if mode := r.Attr("engine_mode"); mode.Equals("serverless") {
				return scanner.DoesNotApply("Aurora Serverless v1 does not support IAM database authentication")
			}
			engine := r.Attr("engine")
			switch {
			case engine.IsUnknown():
				return scanner.Unknowable(engine.Range, "engine is not known until apply, so whether it supports IAM database authentication is not either")
			case engine.IsSet() && !engine.OneOf(iamAuthEngines...):
				return scanner.DoesNotApply("engine %s does not support IAM database authentication", scanner.Quote(engine))
			}
		}
		if flag.IsUnknown() {
			return scanner.Unknowable(flag.Range, "iam_database_authentication_enabled is not known until apply")
		}
		if flag.IsNull() {
			return scanner.Failed(r.Range, "iam_database_authentication_enabled is not set (default false): users sign in only with database passwords, outside IAM")
		}
		return scanner.Failed(flag.Range, "iam_database_authentication_enabled = false: users sign in only with database passwords, outside IAM")
	},
}
