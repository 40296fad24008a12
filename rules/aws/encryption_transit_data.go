package aws

import (
	"strconv"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Encryption in transit inside the data tier: caches, search domains,
// Kafka, and databases that must refuse unencrypted client connections.

var opensearchTypes = []string{"aws_opensearch_domain", "aws_elasticsearch_domain"}

var elasticacheTransitEncryption = &scanner.Rule{
	ID:    "aws-elasticache-replication-group-encrypted-in-transit",
	Title: "ElastiCache replication groups encrypt traffic in transit",
	Description: "Without in-transit encryption, cached sessions, tokens and query results travel between clients and " +
		"nodes, and between nodes during replication, in clear text, and AUTH passwords cannot be used (SOC 2 CC6.7). " +
		"transit_encryption_enabled defaults to false.",
	Severity:        scanner.High,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_elasticache_replication_group"},
	Remediation:     "Set transit_encryption_enabled = true (with transit_encryption_mode = \"required\" once clients use TLS).",
	RemediationCode: "resource \"aws_elasticache_replication_group\" \"cache\" {\n  # ...\n  transit_encryption_enabled = true\n  transit_encryption_mode    = \"required\"\n}",
	Links: []string{
		registryDoc("aws_elasticache_replication_group", "transit_encryption_enabled"),
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_31"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_30"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0051"},
		{Tool: scanner.ToolTfsec, ID: "aws-elasticache-enable-in-transit-encryption"},
		{Tool: scanner.ToolKICS, ID: "ElastiCache Replication Group Not Encrypted At Transit"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "good" {
  replication_group_id       = "cache"
  description                = "cache"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "bad" {
  replication_group_id = "cache"
  description          = "cache"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "preferred" {
  replication_group_id       = "cache2"
  description                = "accepts plain-text clients too"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
  transit_encryption_mode    = "preferred"
}`, Fails: []string{"aws_elasticache_replication_group.bad", "aws_elasticache_replication_group.preferred"}}, {Code: `
variable "join_global" {
  type = bool
}

resource "aws_elasticache_global_replication_group" "g" {
  global_replication_group_id_suffix = "cache"
  primary_replication_group_id       = "primary"
}

# A blank group ID is no global datastore: judged on its own.
resource "aws_elasticache_replication_group" "blank_group" {
  replication_group_id        = "cache"
  description                 = "not a secondary"
  node_type                   = "cache.t4g.small"
  global_replication_group_id = ""
}

# A secondary only when the caller asks; plain text otherwise.
resource "aws_elasticache_replication_group" "maybe_secondary" {
  replication_group_id        = "cache2"
  description                 = "plain text unless it joins a global datastore"
  node_type                   = "cache.t4g.small"
  global_replication_group_id = var.join_global ? aws_elasticache_global_replication_group.g.global_replication_group_id : null
}`, Fails: []string{"aws_elasticache_replication_group.blank_group"}, Unknowns: []string{"aws_elasticache_replication_group.maybe_secondary"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		enabled := r.Attr("transit_encryption_enabled")
		own := func() scanner.Result { return elasticacheTransitEncryptionOwn(r, enabled) }
		if !enabled.IsNull() {
			return own()
		}
		// A secondary of a global datastore inherits the primary's setting; a
		// blank group ID is no group, and one that may be null leaves the
		// result unknown only when the group would fail on its own.
		group := r.Attr("global_replication_group_id")
		return ruleutil.ExemptIfNamed(group,
			scanner.Unknowable(group.Range, "a secondary of a global datastore inherits in-transit encryption from its primary, which is not visible here"),
			own)
	},
}

// elasticacheTransitEncryptionOwn judges the in-transit encryption of a
// replication group that does not inherit it from a global datastore.
func elasticacheTransitEncryptionOwn(r *scanner.Resource, enabled scanner.Value) scanner.Result {
	if res := scanner.RequireTrue(enabled, "transit_encryption_enabled is not true (default false): client and replication traffic is unencrypted"); res.Status != scanner.Pass {
		return res
	}
	mode := r.Attr("transit_encryption_mode")
	switch {
	case mode.IsUnknown():
		return scanner.Unknowable(mode.Range, "transit_encryption_mode is not known until apply")
	case mode.Equals("preferred"):
		return scanner.Failed(mode.Range, "transit_encryption_mode = \"preferred\" still accepts unencrypted client connections (a migration setting)")
	}
	return scanner.Passed()
}

var opensearchNodeToNode = &scanner.Rule{
	ID:    "aws-opensearch-node-to-node-encryption",
	Title: "OpenSearch and Elasticsearch domains encrypt traffic between nodes",
	Description: "Shards, queries and results travel between the nodes of a domain; without node-to-node encryption that " +
		"traffic is clear text inside the VPC (SOC 2 CC6.7). It defaults to disabled and is required for fine-grained " +
		"access control.",
	Severity:        scanner.High,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   opensearchTypes,
	Remediation:     "Add node_to_node_encryption { enabled = true }.",
	RemediationCode: "resource \"aws_opensearch_domain\" \"search\" {\n  # ...\n  node_to_node_encryption {\n    enabled = true\n  }\n}",
	Links: []string{
		registryDoc("aws_opensearch_domain", "node_to_node_encryption"),
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_6"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0043"},
		{Tool: scanner.ToolTfsec, ID: "aws-elastic-search-enable-in-transit-encryption"},
		{Tool: scanner.ToolProwler, ID: "opensearch_service_domains_node_to_node_encryption_enabled"},
		{Tool: scanner.ToolKICS, ID: "Elasticsearch Domain Not Encrypted Node To Node"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "good" {
  domain_name = "search"
  node_to_node_encryption {
    enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "bad" {
  domain_name = "search"
}`, Fails: []string{"aws_opensearch_domain.bad"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.FirstBlock("node_to_node_encryption") == nil && r.BlocksUnknown("node_to_node_encryption") {
			return scanner.Unknowable(r.Range, "node_to_node_encryption is not known until apply")
		}
		return scanner.RequireTrue(r.Get("node_to_node_encryption", "enabled"), "node_to_node_encryption is not enabled: traffic between nodes is unencrypted")
	},
}

var opensearchEnforceHTTPS = &scanner.Rule{
	ID:    "aws-opensearch-enforce-https",
	Title: "OpenSearch and Elasticsearch domains accept HTTPS only",
	Description: "A domain that does not enforce HTTPS answers plain-HTTP requests on its endpoint, exposing queries, " +
		"documents and signed requests (SOC 2 CC6.7). Without a domain_endpoint_options block AWS leaves EnforceHTTPS " +
		"off; inside the block the provider defaults enforce_https to true.",
	Severity:        scanner.High,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   opensearchTypes,
	Remediation:     "Add domain_endpoint_options { enforce_https = true, tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\" }.",
	RemediationCode: "domain_endpoint_options {\n  enforce_https       = true\n  tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"\n}",
	Links:           []string{registryDoc("aws_opensearch_domain", "domain_endpoint_options")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_83"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0046"},
		{Tool: scanner.ToolTfsec, ID: "aws-elastic-search-enforce-https"},
		{Tool: scanner.ToolKICS, ID: "Elasticsearch with HTTPS disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "good" {
  domain_name = "search"
  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "no_options" {
  domain_name = "search"
}

resource "aws_elasticsearch_domain" "off" {
  domain_name = "legacy"
  domain_endpoint_options {
    enforce_https = false
  }
}`, Fails: []string{"aws_elasticsearch_domain.off", "aws_opensearch_domain.no_options"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		opts := r.FirstBlock("domain_endpoint_options")
		if opts == nil {
			if r.BlocksUnknown("domain_endpoint_options") {
				return scanner.Unknowable(r.Range, "domain_endpoint_options is not known until apply")
			}
			return scanner.Failed(r.Range, "no domain_endpoint_options: the domain does not enforce HTTPS and accepts plain-HTTP requests")
		}
		return scanner.RequireTrueOr(opts.Attr("enforce_https"), true, "enforce_https = false: the domain accepts plain-HTTP requests")
	},
}

var opensearchTLSPolicy = &scanner.Rule{
	ID:    "aws-opensearch-tls-1-2",
	Title: "OpenSearch and Elasticsearch domains refuse TLS versions older than 1.2",
	Description: "The domain's tls_security_policy decides which TLS versions clients may use on the HTTPS endpoint. " +
		"Policy-Min-TLS-1-0-2019-07 (also what a domain gets when the policy is not chosen) accepts TLS 1.0 and 1.1, which " +
		"SOC 2 CC6.7 reviews expect to be refused.",
	Severity:      scanner.Medium,
	Criteria:      transitCriteria,
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: opensearchTypes,
	Params: []scanner.Param{{
		Name:        "allowed_policies",
		Description: "Glob patterns of the accepted tls_security_policy values.",
		Default:     []string{"Policy-Min-TLS-1-2-*", "Policy-Min-TLS-1-3-*"},
	}},
	Remediation:     "Set domain_endpoint_options { tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\" }.",
	RemediationCode: "domain_endpoint_options {\n  enforce_https       = true\n  tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"\n}",
	Links: []string{
		registryDoc("aws_opensearch_domain", "tls_security_policy"),
		"https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0126"},
		{Tool: scanner.ToolTfsec, ID: "aws-elastic-search-use-secure-tls-policy"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_228"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "good" {
  domain_name = "search"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "unset" {
  domain_name = "search"
  domain_endpoint_options {
    enforce_https = true
  }
}

resource "aws_opensearch_domain" "old" {
  domain_name = "search2"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}`, Fails: []string{"aws_opensearch_domain.old", "aws_opensearch_domain.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.FirstBlock("domain_endpoint_options") == nil && r.BlocksUnknown("domain_endpoint_options") {
			return scanner.Unknowable(r.Range, "domain_endpoint_options is not known until apply")
		}
		p := r.Get("domain_endpoint_options", "tls_security_policy")
		switch {
		case p.IsUnknown():
			return scanner.Unknowable(p.Range, "tls_security_policy is not known until apply")
		case p.IsNull():
			return scanner.Failed(p.Range, "tls_security_policy is not set: the domain keeps Policy-Min-TLS-1-0-2019-07, which accepts TLS 1.0 and 1.1")
		}
		name, _ := p.AsString()
		if matchAny(name, ctx.Strings("allowed_policies")) {
			return scanner.Passed()
		}
		return scanner.Failed(p.Range, "tls_security_policy %q accepts TLS versions older than 1.2", name)
	},
}

var mskClientTLS = &scanner.Rule{
	ID:    "aws-msk-cluster-encrypted-in-transit",
	Title: "MSK clusters accept only TLS from clients and encrypt traffic between brokers",
	Description: "client_broker = \"PLAINTEXT\" or \"TLS_PLAINTEXT\" lets producers and consumers exchange records in clear " +
		"text, and in_cluster = false leaves replication between brokers unencrypted (SOC 2 CC6.7). The defaults (TLS, " +
		"in_cluster = true) are secure; this rule fails when they are weakened.",
	Severity:        scanner.High,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_msk_cluster"},
	Remediation:     "Set encryption_in_transit { client_broker = \"TLS\", in_cluster = true } (or remove the overrides).",
	RemediationCode: "encryption_info {\n  encryption_in_transit {\n    client_broker = \"TLS\"\n    in_cluster    = true\n  }\n}",
	Links: []string{
		registryDoc("aws_msk_cluster", "encryption_in_transit"),
		"https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_81"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0073"},
		{Tool: scanner.ToolTfsec, ID: "aws-msk-enable-in-transit-encryption"},
		{Tool: scanner.ToolProwler, ID: "kafka_cluster_in_transit_encryption_enabled"},
		{Tool: scanner.ToolKICS, ID: "MSK Cluster Encryption Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_msk_cluster" "good" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_msk_cluster" "bad" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
  encryption_info {
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
    }
  }
}

resource "aws_msk_cluster" "in_cluster_off" {
  cluster_name           = "events2"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
  encryption_info {
    encryption_in_transit {
      in_cluster = false
    }
  }
}`, Fails: []string{"aws_msk_cluster.bad", "aws_msk_cluster.in_cluster_off"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		// Without the blocks, the defaults: TLS from clients, encrypted
		// in cluster. Get reads arguments a dynamic block may write as
		// unknown.
		cb := r.Get("encryption_info", "encryption_in_transit", "client_broker")
		res := scanner.Passed()
		switch {
		case cb.IsUnknown():
			res = scanner.Unknowable(cb.Range, "client_broker is not known until apply")
		case cb.IsSet() && !cb.Equals("TLS"):
			res = scanner.Failed(cb.Range, "client_broker = %s accepts unencrypted client connections", describeValue(cb))
		}
		return worst(res, scanner.RequireTrueOr(r.Get("encryption_info", "encryption_in_transit", "in_cluster"), true, "in_cluster = false: replication traffic between brokers is unencrypted"))
	},
}

var familyVersion = lazyre.New(`^([a-z-]+?)(\d+)`)

// sslParameter returns, for a parameter group family, the parameter that
// makes the engine refuse unencrypted connections and whether the engine
// refuses them by default. known is false for families the rule does not
// judge (Oracle, …) or whose default is not established. Db2 is judged
// apart, by db2comm (see db2OnlyTLS).
func sslParameter(family string) (name string, onByDefault, judged bool) {
	f := strings.ToLower(family)
	m := familyVersion().FindStringSubmatch(f)
	major := 0
	if m != nil {
		major, _ = strconv.Atoi(m[2])
	}
	switch {
	case strings.HasPrefix(f, "aurora-postgresql"):
		return "rds.force_ssl", false, true
	case strings.HasPrefix(f, "postgres"):
		// RDS for PostgreSQL 15 and later default rds.force_ssl to 1.
		return "rds.force_ssl", major >= 15, true
	case strings.HasPrefix(f, "sqlserver"):
		return "rds.force_ssl", false, true
	case strings.HasPrefix(f, "aurora-mysql"), strings.HasPrefix(f, "mysql"), strings.HasPrefix(f, "mariadb"):
		return "require_secure_transport", false, true
	}
	return "", false, false
}

// db2Family reports whether a family is RDS for Db2's (db2-ae-11.5,
// db2-se-11.5): its listener is chosen by db2comm, not an on/off switch.
func db2Family(family string) bool {
	return strings.Contains(strings.ToLower(family), "db2")
}

// db2OnlyTLS reports whether a db2comm value opens only the TLS listener:
// "SSL" does, while TCPIP (the default) or "TCPIP,SSL" also accept plain
// text connections.
func db2OnlyTLS(s string) bool {
	return strings.EqualFold(strings.TrimSpace(s), "SSL")
}

func isOnValue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "on", "true":
		return true
	}
	return false
}

var rdsParameterGroupRequiresSSL = &scanner.Rule{
	ID:    "aws-rds-parameter-group-requires-tls",
	Title: "RDS and Aurora parameter groups make the database refuse unencrypted connections",
	Description: "RDS offers TLS on every engine but accepts plain-text connections unless the parameter group requires TLS: " +
		"rds.force_ssl for PostgreSQL, Aurora PostgreSQL and SQL Server, require_secure_transport for MySQL, MariaDB and " +
		"Aurora MySQL, db2comm = \"SSL\" for Db2 (its default, TCPIP, and \"TCPIP,SSL\" keep a plain-text listener). Until then a misconfigured client sends credentials and query results in clear text (SOC 2 CC6.7). " +
		"RDS for PostgreSQL 15 and later already default rds.force_ssl to 1. The rule inspects declared parameter groups; " +
		"databases on the default group keep the engine default.",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_db_parameter_group", "aws_rds_cluster_parameter_group"},
	Remediation:     "Add parameter { name = \"rds.force_ssl\", value = \"1\" } (PostgreSQL, SQL Server) or parameter { name = \"require_secure_transport\", value = \"ON\" } (MySQL, MariaDB).",
	RemediationCode: "resource \"aws_rds_cluster_parameter_group\" \"pg\" {\n  name   = \"pg-tls\"\n  family = \"aurora-postgresql16\"\n\n  parameter {\n    name  = \"rds.force_ssl\"\n    value = \"1\"\n  }\n}",
	Links: []string{
		registryDoc("aws_db_parameter_group", "parameter"),
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "rds_instance_transport_encrypted"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_69"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_parameter_group" "pg14" {
  name   = "pg14"
  family = "postgres14"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_parameter_group" "pg16_default" {
  name   = "pg16"
  family = "postgres16"
}

resource "aws_rds_cluster_parameter_group" "mysql" {
  name   = "aurora-mysql"
  family = "aurora-mysql8.0"
  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

resource "aws_db_parameter_group" "oracle" {
  name   = "oracle"
  family = "oracle-ee-19"
}

resource "aws_db_parameter_group" "db2" {
  name   = "db2"
  family = "db2-se-11.5"
  parameter {
    name  = "db2comm"
    value = "SSL"
  }
}`, NotApplicable: []string{"aws_db_parameter_group.oracle"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_db_parameter_group" "mysql" {
  name   = "mysql"
  family = "mysql8.0"
}

resource "aws_db_parameter_group" "pg16_off" {
  name   = "pg16"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}

resource "aws_rds_cluster_parameter_group" "aurora_pg" {
  name   = "aurora-pg"
  family = "aurora-postgresql15"
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

variable "force_ssl" {
  type = string
}

resource "aws_db_parameter_group" "unknown" {
  name   = "pg13"
  family = "postgres13"
  parameter {
    name  = "rds.force_ssl"
    value = var.force_ssl
  }
}

resource "aws_db_parameter_group" "db2_default" {
  name   = "db2"
  family = "db2-ae-11.5"
}

resource "aws_db_parameter_group" "db2_both" {
  name   = "db2-both"
  family = "db2-ae-11.5"
  parameter {
    name  = "db2comm"
    value = "TCPIP,SSL"
  }
}

resource "aws_db_parameter_group" "db2_unknown" {
  name   = "db2-var"
  family = "db2-se-11.5"
  parameter {
    name  = "db2comm"
    value = var.force_ssl
  }
}`, Fails: []string{"aws_db_parameter_group.mysql", "aws_db_parameter_group.pg16_off", "aws_rds_cluster_parameter_group.aurora_pg",
		"aws_db_parameter_group.db2_default", "aws_db_parameter_group.db2_both"}, Unknowns: []string{"aws_db_parameter_group.unknown", "aws_db_parameter_group.db2_unknown"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		fam := r.Attr("family")
		if fam.IsUnknown() {
			return scanner.Unknowable(fam.Range, "family is not known until apply")
		}
		family, _ := fam.AsString()
		if db2Family(family) {
			return requireParameter(r, "db2comm", false, db2OnlyTLS)
		}
		name, def, judged := sslParameter(family)
		if !judged {
			return scanner.DoesNotApply("the %s family has no parameter that makes the engine require TLS", family)
		}
		return requireParameter(r, name, def, isOnValue)
	},
}

// requireParameter decides a parameter group by one parameter: passes when
// ok(value) holds, or when the parameter is absent and def holds.
func requireParameter(r *scanner.Resource, name string, def bool, ok func(string) bool) scanner.Result {
	v, unknownName := groupParameter(r, name)
	switch {
	case v.IsUnknown():
		return scanner.Unknowable(v.Range, "%s is not known until apply", name)
	case v.Present:
		s, _ := v.AsString()
		if ok(s) {
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "%s = %q: the database accepts unencrypted connections", name, s)
	case unknownName != nil:
		return scanner.Unknowable(unknownName.Range, "a parameter name is not known until apply")
	case r.BlocksUnknown("parameter"):
		return scanner.Unknowable(r.Range, "the parameters are not known until apply")
	case def:
		return scanner.Passed()
	}
	return scanner.Failed(r.Range, "%s is not set and its default for family %s allows unencrypted connections", name, describeValue(r.Attr("family")))
}

// groupParameter returns the value of the parameter block of a parameter
// group whose name is name (Present false when none is), and the first
// parameter name only known after apply, which may be name too (nil when
// every name is known).
func groupParameter(g *scanner.Resource, name string) (v scanner.Value, unknownName *scanner.Value) {
	for _, p := range g.Blocks("parameter") {
		n := p.Attr("name")
		switch {
		case n.IsUnknown():
			if unknownName == nil {
				unknownName = &n
			}
		case n.Equals(name) && !v.Present:
			v = p.Attr("value")
		}
	}
	return v, unknownName
}

var redshiftParameterGroupRequiresSSL = &scanner.Rule{
	ID:    "aws-redshift-parameter-group-requires-tls",
	Title: "Redshift parameter groups do not allow unencrypted connections",
	Description: "require_ssl = false lets SQL clients connect to the warehouse without TLS, sending credentials and result " +
		"sets in clear text (SOC 2 CC6.7). Since January 2025 Amazon Redshift defaults require_ssl to true for new " +
		"parameter groups, so the rule fails only where it is explicitly turned off.",
	Severity:        scanner.Medium,
	Criteria:        transitCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_redshift_parameter_group"},
	Remediation:     "Set parameter { name = \"require_ssl\", value = \"true\" }.",
	RemediationCode: "resource \"aws_redshift_parameter_group\" \"dw\" {\n  name   = \"dw\"\n  family = \"redshift-1.0\"\n\n  parameter {\n    name  = \"require_ssl\"\n    value = \"true\"\n  }\n}",
	Links: []string{
		registryDoc("aws_redshift_parameter_group", "parameter"),
		"https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_105"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_redshift_parameter_group" "good" {
  name   = "dw"
  family = "redshift-1.0"
  parameter {
    name  = "require_ssl"
    value = "true"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_redshift_parameter_group" "bad" {
  name   = "dw"
  family = "redshift-1.0"
  parameter {
    name  = "require_ssl"
    value = "false"
  }
}`, Fails: []string{"aws_redshift_parameter_group.bad"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireParameter(r, "require_ssl", true, isOnValue)
	},
}

var ecsTaskDefinitionEFSTransit = &scanner.Rule{
	ID:    "aws-ecs-task-definition-efs-encrypted-in-transit",
	Title: "ECS task definitions encrypt traffic to their EFS volumes",
	Description: "A task's EFS volume is mounted over NFS; without efs_volume_configuration.transit_encryption = \"ENABLED\" " +
		"every file the containers read or write crosses the network in clear text (SOC 2 CC6.7). transit_encryption " +
		"defaults to DISABLED. Volumes that are not EFS (bind mounts, Docker volumes, FSx) are not judged, and a task " +
		"definition without EFS volumes is not applicable.",
	Severity:      scanner.Medium,
	Criteria:      transitCriteria,
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"aws_ecs_task_definition"},
	Remediation:   "Set transit_encryption = \"ENABLED\" in every volume's efs_volume_configuration.",
	RemediationCode: `resource "aws_ecs_task_definition" "app" {
  # ...
  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.shared.id
      transit_encryption = "ENABLED"
      authorization_config {
        access_point_id = aws_efs_access_point.app.id
        iam             = "ENABLED"
      }
    }
  }
}`,
	Links: []string{
		registryDoc("aws_ecs_task_definition", "transit_encryption"),
		"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_97"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0035"},
		{Tool: scanner.ToolTfsec, ID: "aws-ecs-enable-in-transit-encryption"},
		{Tool: scanner.ToolKICS, ID: "EFS Volume With Disabled Transit Encryption"},
		{Tool: scanner.ToolKICS, ID: "ECS Task Definition Volume Not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ecs_task_definition" "good" {
  family                = "app"
  container_definitions = "[]"
  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = "ENABLED"
    }
  }
  volume {
    name = "scratch"
  }
}

resource "aws_ecs_task_definition" "no_efs" {
  family                = "batch"
  container_definitions = "[]"
  volume {
    name      = "tmp"
    host_path = "/tmp"
  }
}`, NotApplicable: []string{"aws_ecs_task_definition.no_efs"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_ecs_task_definition" "default" {
  family                = "app"
  container_definitions = "[]"
  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id = "fs-0123456789abcdef0"
    }
  }
}

resource "aws_ecs_task_definition" "one_of_two" {
  family                = "app"
  container_definitions = "[]"
  volume {
    name = "encrypted"
    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = "ENABLED"
    }
  }
  volume {
    name = "plain"
    efs_volume_configuration {
      file_system_id     = "fs-0fedcba9876543210"
      transit_encryption = "DISABLED"
    }
  }
}

variable "transit" {
  type = string
}

resource "aws_ecs_task_definition" "maybe" {
  family                = "app"
  container_definitions = "[]"
  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = var.transit
    }
  }
}`, Fails: []string{"aws_ecs_task_definition.default", "aws_ecs_task_definition.one_of_two"},
		Unknowns: []string{"aws_ecs_task_definition.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_ecs_task_definition.default":    {Line: 7, Message: `volume "shared": transit_encryption is not set`},
			"aws_ecs_task_definition.one_of_two": {Line: 27, Message: `volume "plain": transit_encryption = "DISABLED"`},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		var results []scanner.Result
		volumes, dynamic := r.BlocksAt("volume")
		for _, vol := range volumes {
			efs := vol.FirstBlock("efs_volume_configuration")
			if efs == nil {
				if vol.BlocksUnknown("efs_volume_configuration") {
					results = append(results, scanner.Unknowable(vol.Range, "%s: efs_volume_configuration is generated by a dynamic block only known after apply", ecsVolumeName(vol)))
				}
				continue
			}
			te := efs.Attr("transit_encryption")
			switch {
			case te.IsUnknown():
				results = append(results, scanner.Unknowable(te.Range, "%s: transit_encryption is not known until apply", ecsVolumeName(vol)))
			case te.IsNull():
				results = append(results, scanner.Failed(efs.Range, "%s: transit_encryption is not set (default DISABLED), so NFS traffic to the EFS file system is unencrypted", ecsVolumeName(vol)))
			case !strings.EqualFold(te.StringOr(""), "ENABLED"):
				results = append(results, scanner.Failed(te.Range, "%s: transit_encryption = %s, so NFS traffic to the EFS file system is unencrypted", ecsVolumeName(vol), scanner.Quote(te)))
			default:
				results = append(results, scanner.Passed())
			}
		}
		if dynamic {
			// Judged with the volumes written: a failing one still fails.
			results = append(results, scanner.Unknowable(r.Range, "volume is generated by a dynamic block only known after apply"))
		}
		if len(results) == 0 {
			return scanner.DoesNotApply("the task definition mounts no EFS volume")
		}
		return worst(results...)
	},
}

// ecsVolumeName names an ECS volume block in messages.
func ecsVolumeName(vol *scanner.Block) string {
	if s, ok := vol.Attr("name").AsString(); ok {
		return "volume " + strconv.Quote(s)
	}
	return "a volume"
}
