package aws

import (
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Encryption in transit of in-memory caches (DAX, MemoryDB, Memcached),
// DocumentDB connections, the certificates RDS presents, DMS endpoints and
// Transfer Family servers.

var daxClusterEncryptedInTransit = &scanner.Rule{
	ID:    "aws-dax-cluster-encrypted-in-transit",
	Title: "DAX clusters encrypt traffic between clients and the cluster endpoint",
	Description: "A DAX cluster caches DynamoDB items, often customer records, and serves them over its endpoint. " +
		"cluster_endpoint_encryption_type defaults to NONE, so reads and writes cross the network in clear text " +
		"(SOC 2 CC6.7). It can only be chosen when the cluster is created.",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_dax_cluster"},
	Remediation:     "Set cluster_endpoint_encryption_type = \"TLS\" (this replaces the cluster).",
	RemediationCode: "resource \"aws_dax_cluster\" \"cache\" {\n  # ...\n  cluster_endpoint_encryption_type = \"TLS\"\n}",
	Links: []string{
		registryDoc("aws_dax_cluster", "cluster_endpoint_encryption_type"),
		"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_239"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_dax_cluster" "good" {
  cluster_name                     = "orders"
  iam_role_arn                     = "arn:aws:iam::111122223333:role/dax"
  node_type                        = "dax.r5.large"
  replication_factor               = 3
  cluster_endpoint_encryption_type = "TLS"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_dax_cluster" "default" {
  cluster_name       = "orders"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3
}

resource "aws_dax_cluster" "none" {
  cluster_name                     = "sessions"
  iam_role_arn                     = "arn:aws:iam::111122223333:role/dax"
  node_type                        = "dax.r5.large"
  replication_factor               = 3
  cluster_endpoint_encryption_type = "NONE"
}
variable "endpoint_encryption" {
  type = string
}

resource "aws_dax_cluster" "unknown" {
  cluster_name                     = "orders"
  iam_role_arn                     = "arn:aws:iam::111122223333:role/dax"
  node_type                        = "dax.r5.large"
  replication_factor               = 3
  cluster_endpoint_encryption_type = var.endpoint_encryption
}`, Fails: []string{"aws_dax_cluster.default", "aws_dax_cluster.none"}, Unknowns: []string{"aws_dax_cluster.unknown"},
		Expect: map[string]scanner.Expected{
			"aws_dax_cluster.default": {Line: 2, Message: "defaults to NONE"},
			"aws_dax_cluster.none":    {Line: 14, Message: "NONE"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		typ := r.Attr("cluster_endpoint_encryption_type")
		switch {
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "cluster_endpoint_encryption_type is not known until apply")
		case typ.IsNull():
			return scanner.Failed(r.Range, "cluster_endpoint_encryption_type is not set and defaults to NONE: clients reach the cache without TLS")
		case strings.EqualFold(typ.StringOr(""), "TLS"):
			return scanner.Passed()
		}
		return scanner.Failed(typ.Range, "cluster_endpoint_encryption_type = %s: clients reach the cache without TLS", scanner.Quote(typ))
	},
}

var memorydbClusterTLS = &scanner.Rule{
	ID:    "aws-memorydb-cluster-encrypted-in-transit",
	Title: "MemoryDB clusters keep TLS on",
	Description: "MemoryDB is a durable primary database: its clients send credentials and data over the cluster " +
		"endpoint. tls_enabled defaults to true; a cluster created with tls_enabled = false accepts plain-text " +
		"connections (SOC 2 CC6.7), and the setting cannot be changed afterwards.",
	Severity:        scanner.High,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_memorydb_cluster"},
	Remediation:     "Remove tls_enabled = false (or set it to true); the cluster is replaced.",
	RemediationCode: "resource \"aws_memorydb_cluster\" \"db\" {\n  # ...\n  tls_enabled = true\n}",
	Links: []string{
		registryDoc("aws_memorydb_cluster", "tls_enabled"),
		"https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_202"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_memorydb_cluster" "default" {
  name      = "sessions"
  node_type = "db.t4g.small"
  acl_name  = "app-acl"
}

resource "aws_memorydb_cluster" "explicit" {
  name        = "carts"
  node_type   = "db.t4g.small"
  acl_name    = "app-acl"
  tls_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_memorydb_cluster" "bad" {
  name        = "sessions"
  node_type   = "db.t4g.small"
  acl_name    = "open-access"
  tls_enabled = false
}`, Fails: []string{"aws_memorydb_cluster.bad"}, Expect: map[string]scanner.Expected{
		"aws_memorydb_cluster.bad": {Line: 6, Message: "tls_enabled = false"},
	}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrueOr(r.Attr("tls_enabled"), true,
			"tls_enabled = false: the cluster accepts connections without TLS")
	},
}

var elasticacheMemcachedInTransit = &scanner.Rule{
	ID:    "aws-elasticache-memcached-encrypted-in-transit",
	Title: "ElastiCache Memcached clusters encrypt traffic in transit",
	Description: "A Memcached cluster (aws_elasticache_cluster with engine = \"memcached\") serves cached data, often " +
		"sessions and query results, over the network. transit_encryption_enabled defaults to false, so the cache " +
		"is read and written in clear text (SOC 2 CC6.7); Memcached 1.6.12 and later support TLS. Redis and Valkey " +
		"clusters are judged through their replication group (aws-elasticache-replication-group-encrypted-in-transit).",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_elasticache_cluster"},
	Remediation:     "Set transit_encryption_enabled = true (engine_version 1.6.12 or later; the cluster is replaced).",
	RemediationCode: "resource \"aws_elasticache_cluster\" \"cache\" {\n  engine                     = \"memcached\"\n  engine_version             = \"1.6.22\"\n  # ...\n  transit_encryption_enabled = true\n}",
	Links: []string{
		registryDoc("aws_elasticache_cluster", "transit_encryption_enabled"),
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-mc.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_elasticache_cluster" "good" {
  cluster_id                 = "sessions"
  engine                     = "memcached"
  engine_version             = "1.6.22"
  node_type                  = "cache.t4g.small"
  num_cache_nodes            = 2
  transit_encryption_enabled = true
}

resource "aws_elasticache_cluster" "redis_member" {
  cluster_id           = "member"
  replication_group_id = "orders"
}`, NotApplicable: []string{"aws_elasticache_cluster.redis_member"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_elasticache_cluster" "default" {
  cluster_id      = "sessions"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 2
}

resource "aws_elasticache_cluster" "off" {
  cluster_id                 = "carts"
  engine                     = "memcached"
  node_type                  = "cache.t4g.small"
  num_cache_nodes            = 2
  transit_encryption_enabled = false
}
variable "engine" {
  type = string
}

resource "aws_elasticache_cluster" "unknown" {
  cluster_id      = "sessions"
  engine          = var.engine
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}

variable "group" {
  type = string
}

# A replication group from a variable with no default may be null: then
# this is a Memcached cluster of its own without TLS.
resource "aws_elasticache_cluster" "maybe_member" {
  cluster_id           = "maybe"
  engine               = "memcached"
  node_type            = "cache.t4g.small"
  num_cache_nodes      = 1
  replication_group_id = var.group
}`, Fails: []string{"aws_elasticache_cluster.default", "aws_elasticache_cluster.off"}, Unknowns: []string{"aws_elasticache_cluster.unknown", "aws_elasticache_cluster.maybe_member"},
		Expect: map[string]scanner.Expected{
			"aws_elasticache_cluster.default": {Line: 2, Message: "transit_encryption_enabled"},
			"aws_elasticache_cluster.off":     {Line: 14, Message: "transit_encryption_enabled"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return ruleutil.ExemptIfNamed(r.Attr("replication_group_id"),
			scanner.DoesNotApply("the cluster belongs to a replication group, which decides its encryption in transit"),
			func() scanner.Result { return memcachedTransitResult(r) })
	},
}

// memcachedTransitResult judges an ElastiCache cluster of its own, not a
// member of a replication group: Memcached must set
// transit_encryption_enabled.
func memcachedTransitResult(r *scanner.Resource) scanner.Result {
	engine := r.Attr("engine")
	switch {
	case engine.IsUnknown():
		return scanner.Unknowable(engine.Range, "engine is not known until apply")
	case !strings.EqualFold(engine.StringOr(""), "memcached"):
		return scanner.DoesNotApply("engine is not memcached: Redis and Valkey encryption in transit is set on their replication group")
	}
	return scanner.RequireTrue(r.Attr("transit_encryption_enabled"),
		"transit_encryption_enabled is not true: the Memcached cluster is read and written without TLS")
}

var docdbParameterGroupRequiresTLS = &scanner.Rule{
	ID:    "aws-docdb-parameter-group-requires-tls",
	Title: "DocumentDB cluster parameter groups do not turn TLS off",
	Description: "DocumentDB requires TLS from clients by default; a cluster parameter group with tls = \"disabled\" lets " +
		"drivers connect in clear text, sending credentials and documents unencrypted (SOC 2 CC6.7). The other values " +
		"(enabled, fips-140-3, tls1.2+, tls1.3+) keep TLS on.",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_docdb_cluster_parameter_group"},
	Remediation:     "Remove the tls parameter or set it to \"enabled\" (or \"tls1.2+\").",
	RemediationCode: "resource \"aws_docdb_cluster_parameter_group\" \"docs\" {\n  family = \"docdb5.0\"\n  name   = \"docs\"\n\n  parameter {\n    name  = \"tls\"\n    value = \"enabled\"\n  }\n}",
	Links: []string{
		registryDoc("aws_docdb_cluster_parameter_group", "parameter"),
		"https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_90"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_docdb_cluster_parameter_group" "default_tls" {
  family = "docdb5.0"
  name   = "docs"
}

resource "aws_docdb_cluster_parameter_group" "tls12" {
  family = "docdb5.0"
  name   = "docs-tls12"
  parameter {
    name  = "tls"
    value = "tls1.2+"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_docdb_cluster_parameter_group" "bad" {
  family = "docdb5.0"
  name   = "docs"
  parameter {
    name  = "tls"
    value = "disabled"
  }
}
variable "tls" {
  type = string
}

resource "aws_docdb_cluster_parameter_group" "unknown" {
  family = "docdb5.0"
  name   = "docs"
  parameter {
    name  = "tls"
    value = var.tls
  }
}`, Fails: []string{"aws_docdb_cluster_parameter_group.bad"}, Unknowns: []string{"aws_docdb_cluster_parameter_group.unknown"}, Expect: map[string]scanner.Expected{
		"aws_docdb_cluster_parameter_group.bad": {Line: 7, Message: "unencrypted connections"},
	}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireParameter(r, "tls", true, func(s string) bool {
			return !strings.EqualFold(strings.TrimSpace(s), "disabled")
		})
	},
}

// expiredRDSCAs are the RDS certificate authorities whose certificates have
// expired: rds-ca-2015 in March 2020, rds-ca-2019 in August 2024.
var expiredRDSCAs = []string{"rds-ca-2015", "rds-ca-2019"}

var rdsCACertificateCurrent = &scanner.Rule{
	ID:    "aws-rds-ca-certificate-current",
	Title: "RDS databases do not use an expired certificate authority",
	Description: "Clients verify the database's TLS certificate against the certificate authority named by " +
		"ca_cert_identifier. rds-ca-2015 and rds-ca-2019 have expired: clients that verify the certificate fail to " +
		"connect, and the usual workaround, turning verification off, leaves connections open to interception " +
		"(SOC 2 CC6.7). Unset, new databases get the current default (rds-ca-rsa2048-g1).",
	Severity:      scanner.Medium,
	Criteria:      transitCriteria,
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster_instance", "aws_rds_cluster"},
	Remediation:   "Set ca_cert_identifier (ca_certificate_identifier on aws_rds_cluster) to rds-ca-rsa2048-g1, rds-ca-rsa4096-g1 or rds-ca-ecc384-g1, and update the clients' trust store.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  ca_cert_identifier = "rds-ca-rsa2048-g1"
}`,
	Links: []string{
		registryDoc("aws_db_instance", "ca_cert_identifier"),
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_211"},
		{Tool: scanner.ToolKICS, ID: "CA Certificate Identifier Is Outdated"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "default_ca" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

resource "aws_db_instance" "current" {
  engine             = "postgres"
  instance_class     = "db.t3.micro"
  storage_encrypted  = true
  ca_cert_identifier = "rds-ca-rsa2048-g1"
}

resource "aws_rds_cluster" "multi_az" {
  engine                    = "postgres"
  storage_encrypted         = true
  ca_certificate_identifier = "rds-ca-ecc384-g1"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_db_instance" "old" {
  engine             = "mysql"
  instance_class     = "db.t3.micro"
  storage_encrypted  = true
  ca_cert_identifier = "rds-ca-2019"
}

resource "aws_rds_cluster_instance" "older" {
  cluster_identifier = "orders"
  instance_class     = "db.r6g.large"
  engine             = "aurora-mysql"
  ca_cert_identifier = "rds-ca-2015"
}
variable "ca" {
  type = string
}

resource "aws_db_instance" "unknown" {
  engine             = "mysql"
  instance_class     = "db.t3.micro"
  storage_encrypted  = true
  ca_cert_identifier = var.ca
}`, Fails: []string{"aws_db_instance.old", "aws_rds_cluster_instance.older"}, Unknowns: []string{"aws_db_instance.unknown"},
		Expect: map[string]scanner.Expected{
			"aws_db_instance.old":            {Line: 6, Message: "expired"},
			"aws_rds_cluster_instance.older": {Line: 13, Message: "rds-ca-2015"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		name := "ca_cert_identifier"
		if r.Type == "aws_rds_cluster" {
			name = "ca_certificate_identifier"
		}
		ca := r.Attr(name)
		switch {
		case ca.IsNull():
			return scanner.Passed()
		case ca.IsUnknown():
			return scanner.Unknowable(ca.Range, "%s is not known until apply", name)
		}
		s := strings.ToLower(strings.TrimSpace(ca.StringOr("")))
		for _, old := range expiredRDSCAs {
			if s == old {
				return scanner.Failed(ca.Range, "%s = %s names an expired certificate authority: clients that verify the server certificate cannot trust it", name, scanner.Quote(ca))
			}
		}
		return scanner.Passed()
	},
}

var transferServerNoPlainFTP = &scanner.Rule{
	ID:    "aws-transfer-server-no-plain-ftp",
	Title: "Transfer Family servers do not accept plain FTP",
	Description: "FTP sends user names, passwords and files in clear text (SOC 2 CC6.7). A Transfer Family server " +
		"accepts the protocols listed in protocols (SFTP by default); SFTP, FTPS and AS2 encrypt, FTP does not.",
	Severity:        scanner.High,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_transfer_server"},
	Remediation:     "Remove \"FTP\" from protocols; use SFTP, or FTPS with a certificate.",
	RemediationCode: "resource \"aws_transfer_server\" \"files\" {\n  # ...\n  protocols = [\"SFTP\"]\n}",
	Links: []string{
		registryDoc("aws_transfer_server", "protocols"),
		"https://docs.aws.amazon.com/transfer/latest/userguide/create-server-ftp.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_357"},
		{Tool: scanner.ToolProwler, ID: "transfer_server_in_transit_encryption_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_transfer_server" "sftp" {
  identity_provider_type = "SERVICE_MANAGED"
}

resource "aws_transfer_server" "ftps" {
  identity_provider_type = "API_GATEWAY"
  url                    = "https://abc.execute-api.eu-west-1.amazonaws.com/prod"
  invocation_role        = "arn:aws:iam::111122223333:role/transfer"
  endpoint_type          = "VPC"
  protocols              = ["SFTP", "FTPS"]
  certificate            = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  endpoint_details {
    vpc_id     = "vpc-0a1b2c3d"
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_transfer_server" "ftp" {
  identity_provider_type = "API_GATEWAY"
  url                    = "https://abc.execute-api.eu-west-1.amazonaws.com/prod"
  invocation_role        = "arn:aws:iam::111122223333:role/transfer"
  endpoint_type          = "VPC"
  protocols              = ["SFTP", "FTP"]
  endpoint_details {
    vpc_id     = "vpc-0a1b2c3d"
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}

variable "protocols" {
  type = list(string)
}

resource "aws_transfer_server" "maybe" {
  protocols = var.protocols
}`, Fails: []string{"aws_transfer_server.ftp"}, Unknowns: []string{"aws_transfer_server.maybe"},
		Expect: map[string]scanner.Expected{"aws_transfer_server.ftp": {Line: 7, Message: "FTP"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		protocols := r.Attr("protocols")
		have, incomplete := protocols.KnownStrings()
		for _, p := range have {
			if strings.EqualFold(strings.TrimSpace(p), "FTP") {
				return scanner.Failed(protocols.Range, "protocols includes \"FTP\": credentials and files cross the network in clear text")
			}
		}
		if incomplete || protocols.IsUnknown() {
			return scanner.Unknowable(protocols.Range, "protocols is not known until apply")
		}
		return scanner.Passed()
	},
}

// dmsTLSEngines are the DMS endpoint engines that connect to a database
// server over a network protocol that ssl_mode protects.
var dmsTLSEngines = []string{
	"aurora", "aurora-postgresql", "aurora-serverless", "azuredb", "azure-sql-managed-instance", "babelfish",
	"db2", "db2-zos", "docdb", "mariadb", "mongodb", "mysql", "oracle", "postgres", "redshift",
	"redshift-serverless", "sqlserver", "sybase",
}

var dmsEndpointSSL = &scanner.Rule{
	ID:    "aws-dms-endpoint-ssl",
	Title: "DMS database endpoints connect with TLS",
	Description: "A DMS endpoint copies a whole database between the source and target servers; with ssl_mode = \"none\" " +
		"(the default) the replication instance reads and writes the data, and sends the credentials, in clear text " +
		"(SOC 2 CC6.7). A Redis target is reached over the Redis protocol, whose TLS redis_settings.ssl_security_protocol " +
		"chooses: \"plaintext\" fails, unset keeps the DMS default ssl-encryption. Endpoints for services reached " +
		"through AWS APIs (S3, DynamoDB, Kinesis, OpenSearch, Neptune, Kafka) have their own settings and are not " +
		"applicable.",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_dms_endpoint"},
	Remediation:     "Set ssl_mode to require, or verify-ca/verify-full with certificate_arn.",
	RemediationCode: "resource \"aws_dms_endpoint\" \"source\" {\n  # ...\n  ssl_mode        = \"verify-full\"\n  certificate_arn = aws_dms_certificate.rds.certificate_arn\n}",
	Links: []string{
		registryDoc("aws_dms_endpoint", "ssl_mode"),
		"https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_49"}},
	Good: []scanner.Example{{Code: `
resource "aws_dms_endpoint" "source" {
  endpoint_id                     = "orders-source"
  endpoint_type                   = "source"
  engine_name                     = "postgres"
  server_name                     = "orders.abc.eu-west-1.rds.amazonaws.com"
  port                            = 5432
  database_name                   = "orders"
  secrets_manager_arn             = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders"
  secrets_manager_access_role_arn = "arn:aws:iam::111122223333:role/dms-secrets"
  ssl_mode                        = "verify-full"
  certificate_arn                 = "arn:aws:dms:eu-west-1:111122223333:cert:abc"
}

resource "aws_dms_endpoint" "s3" {
  endpoint_id   = "lake"
  endpoint_type = "target"
  engine_name   = "s3"
}

# DMS encrypts Redis connections unless told otherwise.
resource "aws_dms_endpoint" "redis" {
  endpoint_id   = "cache"
  endpoint_type = "target"
  engine_name   = "redis"
  redis_settings {
    auth_type   = "auth-token"
    server_name = "cache.example.com"
    port        = 6379
  }
}`, NotApplicable: []string{"aws_dms_endpoint.s3"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_dms_endpoint" "default" {
  endpoint_id                     = "orders-source"
  endpoint_type                   = "source"
  engine_name                     = "mysql"
  server_name                     = "orders.example.com"
  port                            = 3306
  secrets_manager_arn             = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders"
  secrets_manager_access_role_arn = "arn:aws:iam::111122223333:role/dms-secrets"
}

resource "aws_dms_endpoint" "none" {
  endpoint_id                     = "orders-target"
  endpoint_type                   = "target"
  engine_name                     = "postgres"
  server_name                     = "warehouse.example.com"
  port                            = 5432
  database_name                   = "orders"
  secrets_manager_arn             = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:warehouse"
  secrets_manager_access_role_arn = "arn:aws:iam::111122223333:role/dms-secrets"
  ssl_mode                        = "none"
}

variable "engine" {
  type = string
}

resource "aws_dms_endpoint" "maybe" {
  endpoint_id   = "other"
  endpoint_type = "source"
  engine_name   = var.engine
}

resource "aws_dms_endpoint" "redis_plaintext" {
  endpoint_id   = "cache"
  endpoint_type = "target"
  engine_name   = "redis"
  redis_settings {
    auth_type             = "none"
    server_name           = "cache.example.com"
    port                  = 6379
    ssl_security_protocol = "plaintext"
  }
}`, Fails: []string{"aws_dms_endpoint.default", "aws_dms_endpoint.none", "aws_dms_endpoint.redis_plaintext"}, Unknowns: []string{"aws_dms_endpoint.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_dms_endpoint.default": {Line: 2, Message: "default none"},
			"aws_dms_endpoint.none":    {Line: 21, Message: "ssl_mode = \"none\""},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		engine := r.Attr("engine_name")
		switch {
		case engine.IsUnknown():
			return scanner.Unknowable(engine.Range, "engine_name is not known until apply")
		case strings.EqualFold(engine.StringOr(""), "redis"):
			return dmsRedisTLS(r)
		case !slices.Contains(dmsTLSEngines, strings.ToLower(engine.StringOr(""))):
			return scanner.DoesNotApply("engine %s is not reached over a database connection that ssl_mode protects", describeValue(engine))
		}
		mode := r.Attr("ssl_mode")
		switch {
		case mode.IsUnknown():
			return scanner.Unknowable(mode.Range, "ssl_mode is not known until apply")
		case mode.IsNull():
			return scanner.Failed(r.Range, "ssl_mode is not set (default none): the endpoint connects without TLS")
		case strings.EqualFold(mode.StringOr(""), "none"):
			return scanner.Failed(mode.Range, "ssl_mode = \"none\": the endpoint connects without TLS")
		}
		return scanner.Passed()
	},
}

// dmsRedisTLS decides a Redis target endpoint, whose connection is
// encrypted unless redis_settings.ssl_security_protocol asks for plain text
// (DMS defaults it to ssl-encryption).
func dmsRedisTLS(r *scanner.Resource) scanner.Result {
	if r.FirstBlock("redis_settings") == nil && r.BlocksUnknown("redis_settings") {
		return scanner.Unknowable(r.Range, "redis_settings is not known until apply")
	}
	proto := r.Get("redis_settings", "ssl_security_protocol")
	switch {
	case proto.IsUnknown():
		return scanner.Unknowable(proto.Range, "redis_settings.ssl_security_protocol is not known until apply")
	case strings.EqualFold(proto.StringOr(""), "plaintext"):
		return scanner.Failed(proto.Range, "redis_settings.ssl_security_protocol = \"plaintext\": the endpoint connects to Redis without TLS")
	}
	return scanner.Passed()
}
