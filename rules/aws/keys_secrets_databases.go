package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
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
	Criteria:      secretCriteria,
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
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_128"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_161"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_162"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_359"},
		{Tool: scanner.ToolTfsec, ID: "aws-rds-enable-iam-auth"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0176"},
		{Tool: scanner.ToolKICS, ID: "IAM Database Auth Not Enabled"},
		{Tool: scanner.ToolKICS, ID: "Neptune Cluster With IAM Database Authentication Disabled"},
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

var elasticacheRedisAuthentication = &scanner.Rule{
	ID:    "aws-elasticache-redis-authentication",
	Title: "ElastiCache Redis and Valkey replication groups require clients to authenticate",
	Description: "Without an AUTH token or RBAC user groups, any host that can reach the replication group's port can read " +
		"and overwrite every key, and flush the cache (SOC 2 CC6.1). Set auth_token (which needs " +
		"transit_encryption_enabled) or user_group_ids; neither is set by default.",
	Severity:      scanner.Medium,
	Criteria:      secretCriteria,
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"aws_elasticache_replication_group"},
	Remediation:   "Set transit_encryption_enabled = true and auth_token (from a secret, not a literal), or attach RBAC users with user_group_ids.",
	RemediationCode: `resource "aws_elasticache_replication_group" "cache" {
  # ...
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.app.user_group_id]
}`,
	Links: []string{
		registryDoc("aws_elasticache_replication_group", "auth_token"),
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html",
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_31"},
	},
	Good: []scanner.Example{{Code: `
resource "random_password" "auth" {
  length  = 32
  special = false
}

resource "aws_elasticache_replication_group" "token" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = true
  auth_token                 = random_password.auth.result
}

resource "aws_elasticache_user_group" "app" {
  engine        = "REDIS"
  user_group_id = "app"
  user_ids      = ["default"]
}

resource "aws_elasticache_replication_group" "rbac" {
  replication_group_id       = "carts"
  description                = "carts"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.app.user_group_id]
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "open" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "empty" {
  replication_group_id = "carts"
  description          = "carts"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
  user_group_ids       = []
}

variable "groups" {
  type = list(string)
}

resource "aws_elasticache_replication_group" "maybe" {
  replication_group_id       = "orders"
  description                = "orders"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = true
  user_group_ids             = var.groups
}

# An input variable with no default may be given "" or null: no token.
variable "auth_token" {
  type      = string
  sensitive = true
}

resource "aws_elasticache_replication_group" "token" {
  replication_group_id       = "baskets"
  description                = "baskets"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = true
  auth_token                 = var.auth_token
}`, Fails: []string{"aws_elasticache_replication_group.open", "aws_elasticache_replication_group.empty"},
		Unknowns: []string{"aws_elasticache_replication_group.maybe", "aws_elasticache_replication_group.token"},
		Expect: map[string]scanner.Expected{
			"aws_elasticache_replication_group.open": {Line: 2, Message: "neither auth_token nor user_group_ids"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		token := r.Attr("auth_token")
		return ruleutil.PassIfNamed(token, func() scanner.Result {
			groups := r.Attr("user_group_ids")
			if groups.IsUnknown() {
				return scanner.Unknowable(groups.Range, "user_group_ids is not known until apply")
			}
			ids, incomplete := groups.KnownStrings()
			if len(ids) > 0 {
				return scanner.Passed()
			}
			if incomplete {
				return scanner.Unknowable(groups.Range, "user_group_ids is not known until apply")
			}
			return scanner.Failed(r.Range, "neither auth_token nor user_group_ids is set: any client that reaches the port can read and change every key")
		})
	},
}
