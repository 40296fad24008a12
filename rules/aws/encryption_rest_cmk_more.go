package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// More customer-managed-key rules, for services whose key is one argument
// that defaults to a key AWS owns or manages.

// keyArgument is the check of a rule on one key argument: skip, when not
// nil, makes a resource not applicable (a non-empty reason) before the key
// is read; what names the data the key protects, for messages. attr may be
// a path into a nested block ("encrypt_at_rest.kms_key_id").
func keyArgument(r *scanner.Resource, ctx *scanner.Context, attr, what string, skip func(*scanner.Resource) string) scanner.Result {
	if skip != nil {
		if why := skip(r); why != "" {
			return scanner.DoesNotApply("%s", why)
		}
	}
	return requireCustomerKeyIn(r.Get(strings.Split(attr, ".")...), ctx.Index, what)
}

var kinesisStreamCustomerKey = &scanner.Rule{
	ID:    "aws-kinesis-stream-customer-key",
	Title: "Kinesis data streams encrypt records with a customer-managed KMS key",
	Description: "A stream encrypted with alias/aws/kinesis uses a key whose policy the account cannot narrow and which " +
		"cannot be disabled to cut off readers; a customer-managed key makes every decrypt visible and revocable." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_kinesis_stream"},
	Remediation:     "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_kinesis_stream\" \"example\" {\n  # ...\n  kms_key_id = aws_kms_key.data.arn\n}",
	Links:           []string{registryDoc("aws_kinesis_stream", "kms_key_id")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_185"},
		{Tool: scanner.ToolKICS, ID: "Kinesis Not Encrypted With KMS"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "stream" {
  enable_key_rotation = true
}

resource "aws_kinesis_stream" "good" {
  name            = "events"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.stream.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_kinesis_stream" "managed" {
  name            = "events"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}

resource "aws_kinesis_stream" "unset" {
  name        = "clicks"
  shard_count = 1
}

variable "key" {
  type = string
}

resource "aws_kinesis_stream" "maybe" {
  name            = "orders"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = var.key
}`, Fails: []string{"aws_kinesis_stream.managed", "aws_kinesis_stream.unset"}, Unknowns: []string{"aws_kinesis_stream.maybe"},
		Expect: map[string]scanner.Expected{"aws_kinesis_stream.managed": {Line: 6, Message: "AWS managed key"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "the stream", nil)
	},
}

var timestreamDatabaseCustomerKey = &scanner.Rule{
	ID:    "aws-timestream-database-customer-key",
	Title: "Timestream databases encrypt their tables with a customer-managed KMS key",
	Description: "Timestream always encrypts, by default with the AWS managed key aws/timestream, which the account " +
		"cannot restrict by key policy or disable to revoke access to the time series." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_timestreamwrite_database"},
	Remediation:     "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_timestreamwrite_database\" \"example\" {\n  # ...\n  kms_key_id = aws_kms_key.data.arn\n}",
	Links:           []string{registryDoc("aws_timestreamwrite_database", "kms_key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_160"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "metrics" {
  enable_key_rotation = true
}

resource "aws_timestreamwrite_database" "good" {
  database_name = "metrics"
  kms_key_id    = aws_kms_key.metrics.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_timestreamwrite_database" "unset" {
  database_name = "metrics"
}

variable "key" {
  type = string
}

resource "aws_timestreamwrite_database" "maybe" {
  database_name = "telemetry"
  kms_key_id    = var.key
}`, Fails: []string{"aws_timestreamwrite_database.unset"}, Unknowns: []string{"aws_timestreamwrite_database.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "the database", nil)
	},
}

var memorydbClusterCustomerKey = &scanner.Rule{
	ID:    "aws-memorydb-cluster-customer-key",
	Title: "MemoryDB clusters encrypt data at rest with a customer-managed KMS key",
	Description: "MemoryDB is a durable primary database that always encrypts at rest, by default with a key AWS owns: " +
		"its use is invisible in CloudTrail and cannot be restricted or revoked." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_memorydb_cluster"},
	Remediation:     "Set kms_key_arn to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_memorydb_cluster\" \"example\" {\n  # ...\n  kms_key_arn = aws_kms_key.data.arn\n}",
	Links:           []string{registryDoc("aws_memorydb_cluster", "kms_key_arn")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_201"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "sessions" {
  enable_key_rotation = true
}

resource "aws_memorydb_cluster" "good" {
  name        = "sessions"
  node_type   = "db.t4g.small"
  acl_name    = "app-acl"
  kms_key_arn = aws_kms_key.sessions.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_memorydb_cluster" "unset" {
  name      = "sessions"
  node_type = "db.t4g.small"
  acl_name  = "app-acl"
}

variable "key" {
  type = string
}

resource "aws_memorydb_cluster" "maybe" {
  name        = "carts"
  node_type   = "db.t4g.small"
  acl_name    = "app-acl"
  kms_key_arn = var.key
}`, Fails: []string{"aws_memorydb_cluster.unset"}, Unknowns: []string{"aws_memorydb_cluster.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_arn", "the cluster", nil)
	},
}

var redshiftServerlessCustomerKey = &scanner.Rule{
	ID:    "aws-redshift-serverless-namespace-customer-key",
	Title: "Redshift Serverless namespaces encrypt with a customer-managed KMS key",
	Description: "A Redshift Serverless namespace always encrypts its data, by default with a key AWS owns, whose use " +
		"the account cannot audit, restrict or revoke." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_redshiftserverless_namespace"},
	Remediation:     "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_redshiftserverless_namespace\" \"example\" {\n  # ...\n  kms_key_id = aws_kms_key.data.arn\n}",
	Links:           []string{registryDoc("aws_redshiftserverless_namespace", "kms_key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_282"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "warehouse" {
  enable_key_rotation = true
}

resource "aws_redshiftserverless_namespace" "good" {
  namespace_name = "warehouse"
  kms_key_id     = aws_kms_key.warehouse.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_redshiftserverless_namespace" "unset" {
  namespace_name = "warehouse"
}

resource "aws_redshiftserverless_namespace" "empty" {
  namespace_name = "analytics"
  kms_key_id     = ""
}`, Fails: []string{"aws_redshiftserverless_namespace.unset", "aws_redshiftserverless_namespace.empty"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "the namespace", nil)
	},
}

func ssmParameterCustomerKeySkip(r *scanner.Resource) string {
	if t := r.Attr("type"); t.IsKnown() && !t.Equals("SecureString") {
		return "the parameter is not a SecureString, so no key encrypts it"
	}
	return ""
}

var ssmParameterCustomerKey = &scanner.Rule{
	ID:    "aws-ssm-parameter-customer-key",
	Title: "SecureString SSM parameters are encrypted with a customer-managed KMS key",
	Description: "Without key_id a SecureString parameter is encrypted with the AWS managed key aws/ssm: anyone in the " +
		"account allowed ssm:GetParameter with decryption can read it, and the key cannot be narrowed or revoked. " +
		"String and StringList parameters are not encrypted at all and are not applicable (see " +
		"aws-ssm-parameter-secret-is-secure-string)." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_ssm_parameter"},
	Remediation:     "Set key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_ssm_parameter\" \"example\" {\n  # ...\n  key_id = aws_kms_key.data.arn\n}",
	Links:           []string{registryDoc("aws_ssm_parameter", "key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_337"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "params" {
  enable_key_rotation = true
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_ssm_parameter" "good" {
  name   = "/app/db/password"
  type   = "SecureString"
  value  = var.db_password
  key_id = aws_kms_key.params.arn
}

resource "aws_ssm_parameter" "plain" {
  name  = "/app/region"
  type  = "String"
  value = "eu-west-1"
}`, NotApplicable: []string{"aws_ssm_parameter.plain"}}},
	Bad: []scanner.Example{{Code: `
variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_ssm_parameter" "default_key" {
  name  = "/app/db/password"
  type  = "SecureString"
  value = var.db_password
}

resource "aws_ssm_parameter" "managed" {
  name   = "/app/api/token"
  type   = "SecureString"
  value  = var.db_password
  key_id = "alias/aws/ssm"
}`, Fails: []string{"aws_ssm_parameter.default_key", "aws_ssm_parameter.managed"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "key_id", "the parameter", ssmParameterCustomerKeySkip)
	},
}

var rdsCustomerKey = &scanner.Rule{
	ID:    "aws-rds-customer-key",
	Title: "RDS instances and Aurora clusters are encrypted with a customer-managed KMS key",
	Description: "Without kms_key_id an encrypted database uses the AWS managed key aws/rds: its snapshots cannot be " +
		"shared with another account (so no cross-account backup copy), and its use cannot be restricted by key policy " +
		"or revoked by disabling the key. Read replicas in the source's region take the source's key and are not " +
		"applicable." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_db_instance", "aws_rds_cluster"},
	Remediation:     "Set kms_key_id (with storage_encrypted = true) to a customer-managed KMS key; an existing database is restored from a snapshot copied with that key.",
	RemediationCode: "resource \"aws_db_instance\" \"main\" {\n  # ...\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.data.arn\n}",
	Links:           []string{registryDoc("aws_db_instance", "kms_key_id"), registryDoc("aws_rds_cluster", "kms_key_id")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_327"},
		// AVD-AWS-0079 also fails an encrypted Aurora cluster without a customer
		// managed key; the storage half is aws-rds-storage-encrypted.
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0079"},
		{Tool: scanner.ToolTfsec, ID: "aws-rds-encrypt-cluster-storage-data"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "db" {
  enable_key_rotation = true
}

resource "aws_db_instance" "good" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}

resource "aws_db_instance" "replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.good.identifier
}

resource "aws_rds_cluster" "good" {
  engine            = "aurora-mysql"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}`, NotApplicable: []string{"aws_db_instance.replica"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_db_instance" "default_key" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

resource "aws_rds_cluster" "managed" {
  engine            = "aurora-postgresql"
  storage_encrypted = true
  kms_key_id        = "alias/aws/rds"
}

variable "key" {
  type = string
}

resource "aws_rds_cluster" "maybe" {
  engine            = "aurora-postgresql"
  storage_encrypted = true
  kms_key_id        = var.key
}

# An input variable with no default may be given null: then this is no
# replica but a database on the AWS managed key.
variable "replica_source" {
  type = string
}

resource "aws_db_instance" "maybe_replica" {
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  replicate_source_db = var.replica_source
}

# A blank source is no source: a database on the AWS managed key.
resource "aws_db_instance" "blank_source" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  replicate_source_db = ""
}`, Fails: []string{"aws_db_instance.default_key", "aws_rds_cluster.managed", "aws_db_instance.blank_source"}, Unknowns: []string{"aws_rds_cluster.maybe", "aws_db_instance.maybe_replica"},
		Expect: map[string]scanner.Expected{"aws_rds_cluster.managed": {Line: 11, Message: "AWS managed key"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Attr("kms_key_id").IsNull() {
			// A read replica without a key of its own, in its source's
			// region, is encrypted with the source's key.
			return exemptReadReplica(r, scanner.DoesNotApply("a read replica in the source's region is encrypted with the source's key, judged on the source"), func() scanner.Result {
				return keyArgument(r, ctx, "kms_key_id", "the database", nil)
			})
		}
		return keyArgument(r, ctx, "kms_key_id", "the database", nil)
	},
}

func opensearchCustomerKeySkip(r *scanner.Resource) string {
	if r.BlocksUnknown("encrypt_at_rest") {
		return ""
	}
	if on := r.Get("encrypt_at_rest", "enabled"); !on.IsUnknown() && !on.IsTrue() {
		return "encrypt_at_rest is not enabled, so no key is used (aws-opensearch-domain-encrypted-at-rest judges that)"
	}
	return ""
}

var opensearchCustomerKey = &scanner.Rule{
	ID:    "aws-opensearch-domain-customer-key",
	Title: "OpenSearch and Elasticsearch domains encrypt at rest with a customer-managed KMS key",
	Description: "With encrypt_at_rest enabled and no kms_key_id a domain uses the AWS managed key aws/es, whose key " +
		"policy the account cannot narrow and which cannot be disabled to revoke access to the indices, snapshots and " +
		"logs. Domains without encryption at rest are not applicable here." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_opensearch_domain", "aws_elasticsearch_domain"},
	Remediation:     "Set encrypt_at_rest.kms_key_id to a customer-managed KMS key (the domain is replaced).",
	RemediationCode: "resource \"aws_opensearch_domain\" \"search\" {\n  # ...\n  encrypt_at_rest {\n    enabled    = true\n    kms_key_id = aws_kms_key.search.arn\n  }\n}",
	Links:           []string{registryDoc("aws_opensearch_domain", "encrypt_at_rest")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_247"},
		{Tool: scanner.ToolKICS, ID: "Elasticsearch Encryption With KMS Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "search" {
  enable_key_rotation = true
}

resource "aws_opensearch_domain" "good" {
  domain_name = "search"
  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.search.arn
  }
}

resource "aws_elasticsearch_domain" "plain" {
  domain_name = "legacy"
}`, NotApplicable: []string{"aws_elasticsearch_domain.plain"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "default_key" {
  domain_name = "search"
  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "managed" {
  domain_name = "legacy"
  encrypt_at_rest {
    enabled    = true
    kms_key_id = "alias/aws/es"
  }
}`, Fails: []string{"aws_opensearch_domain.default_key", "aws_elasticsearch_domain.managed"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "encrypt_at_rest.kms_key_id", "the domain", opensearchCustomerKeySkip)
	},
}

var dynamodbReplicaCustomerKey = &scanner.Rule{
	ID:    "aws-dynamodb-table-replica-customer-key",
	Title: "DynamoDB global table replicas are encrypted with a customer-managed KMS key",
	Description: "A replica created with aws_dynamodb_table_replica is encrypted with the AWS managed key aws/dynamodb " +
		"of its region unless kms_key_arn names a key the account manages; its use cannot then be restricted or revoked " +
		"in that region." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_dynamodb_table_replica"},
	Remediation:     "Set kms_key_arn to a customer-managed KMS key in the replica's region.",
	RemediationCode: "resource \"aws_dynamodb_table_replica\" \"eu\" {\n  provider         = aws.eu\n  global_table_arn = aws_dynamodb_table.orders.arn\n  kms_key_arn      = aws_kms_key.orders_eu.arn\n}",
	Links:           []string{registryDoc("aws_dynamodb_table_replica", "kms_key_arn")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_271"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "orders" {
  enable_key_rotation = true
}

resource "aws_dynamodb_table_replica" "good" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
  kms_key_arn      = aws_kms_key.orders.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_dynamodb_table_replica" "default_key" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
}`, Fails: []string{"aws_dynamodb_table_replica.default_key"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_arn", "the replica", nil)
	},
}

var keyspacesTableCustomerKey = &scanner.Rule{
	ID:    "aws-keyspaces-table-customer-key",
	Title: "Keyspaces tables are encrypted with a customer-managed KMS key",
	Description: "Amazon Keyspaces encrypts every table, by default with a key AWS owns (encryption_specification type " +
		"AWS_OWNED_KMS_KEY), whose use is invisible in CloudTrail and cannot be restricted or revoked. Set type " +
		"CUSTOMER_MANAGED_KMS_KEY with kms_key_identifier." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_keyspaces_table"},
	Remediation:     "Add encryption_specification { type = \"CUSTOMER_MANAGED_KMS_KEY\", kms_key_identifier = <key ARN> }.",
	RemediationCode: "resource \"aws_keyspaces_table\" \"events\" {\n  # ...\n  encryption_specification {\n    type               = \"CUSTOMER_MANAGED_KMS_KEY\"\n    kms_key_identifier = aws_kms_key.events.arn\n  }\n}",
	Links:           []string{registryDoc("aws_keyspaces_table", "encryption_specification")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_265"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "events" {
  enable_key_rotation = true
}

resource "aws_keyspaces_table" "good" {
  keyspace_name = "app"
  table_name    = "events"
  schema_definition {
    column {
      name = "id"
      type = "text"
    }
    partition_key {
      name = "id"
    }
  }
  encryption_specification {
    type               = "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_identifier = aws_kms_key.events.arn
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_keyspaces_table" "owned" {
  keyspace_name = "app"
  table_name    = "events"
  schema_definition {
    column {
      name = "id"
      type = "text"
    }
    partition_key {
      name = "id"
    }
  }
}

resource "aws_keyspaces_table" "explicit_owned" {
  keyspace_name = "app"
  table_name    = "sessions"
  schema_definition {
    column {
      name = "id"
      type = "text"
    }
    partition_key {
      name = "id"
    }
  }
  encryption_specification {
    type = "AWS_OWNED_KMS_KEY"
  }
}

resource "aws_keyspaces_table" "misspelt" {
  keyspace_name = "app"
  table_name    = "audit"
  schema_definition {
    column {
      name = "id"
      type = "text"
    }
    partition_key {
      name = "id"
    }
  }
  encryption_specification {
    type               = "CUSTOMER_KEY"
    kms_key_identifier = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}`, Fails: []string{"aws_keyspaces_table.owned", "aws_keyspaces_table.explicit_owned", "aws_keyspaces_table.misspelt"},
		Expect: map[string]scanner.Expected{
			"aws_keyspaces_table.explicit_owned": {Line: 29, Message: "AWS_OWNED_KMS_KEY"},
			"aws_keyspaces_table.misspelt":       {Line: 46, Message: "not a type Keyspaces accepts"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.BlocksUnknown("encryption_specification") {
			return scanner.Unknowable(r.Range, "encryption_specification is not known until apply")
		}
		typ := r.Get("encryption_specification", "type")
		switch {
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "encryption_specification.type is not known until apply")
		case typ.IsNull():
			return scanner.Failed(r.Range, "no encryption_specification: the table is encrypted with a key AWS owns, not a customer-managed KMS key")
		case typ.Equals("AWS_OWNED_KMS_KEY"):
			return scanner.Failed(typ.Range, "encryption_specification.type = %s: the table is encrypted with a key AWS owns, not a customer-managed KMS key", scanner.Quote(typ))
		case !typ.Equals("CUSTOMER_MANAGED_KMS_KEY"):
			// Neither value Keyspaces accepts (a misspelt
			// CUSTOMER_MANAGED_KEY, say): the table is not created.
			return scanner.Failed(typ.Range, "encryption_specification.type = %s is not a type Keyspaces accepts (CUSTOMER_MANAGED_KMS_KEY or AWS_OWNED_KMS_KEY): the provider rejects it", scanner.Quote(typ))
		}
		return keyArgument(r, ctx, "encryption_specification.kms_key_identifier", "the table", nil)
	},
}

var kinesisVideoStreamCustomerKey = &scanner.Rule{
	ID:    "aws-kinesis-video-stream-customer-key",
	Title: "Kinesis video streams encrypt with a customer-managed KMS key",
	Description: "Kinesis Video Streams always encrypts media, by default with the AWS managed key aws/kinesisvideo, " +
		"whose use the account cannot restrict by key policy or revoke; camera and call recordings are often " +
		"personal data." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_kinesis_video_stream"},
	Remediation:     "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_kinesis_video_stream\" \"cameras\" {\n  # ...\n  kms_key_id = aws_kms_key.video.arn\n}",
	Links:           []string{registryDoc("aws_kinesis_video_stream", "kms_key_id")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_177"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "video" {
  enable_key_rotation = true
}

resource "aws_kinesis_video_stream" "good" {
  name       = "cameras"
  kms_key_id = aws_kms_key.video.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_kinesis_video_stream" "default_key" {
  name = "cameras"
}`, Fails: []string{"aws_kinesis_video_stream.default_key"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "the stream", nil)
	},
}

var docdbElasticClusterCustomerKey = &scanner.Rule{
	ID:    "aws-docdb-elastic-cluster-customer-key",
	Title: "DocumentDB elastic clusters are encrypted with a customer-managed KMS key",
	Description: "DocumentDB elastic clusters are always encrypted, by default with a key AWS owns, whose use cannot be " +
		"audited in CloudTrail, restricted or revoked." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_docdb_elastic_cluster"},
	Remediation:     "Set kms_key_id to a customer-managed KMS key (the cluster is replaced).",
	RemediationCode: "resource \"aws_docdb_elastic_cluster\" \"docs\" {\n  # ...\n  kms_key_id = aws_kms_key.docs.arn\n}",
	Links:           []string{registryDoc("aws_docdb_elastic_cluster", "kms_key_id")},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "docs" {
  enable_key_rotation = true
}

variable "admin_password" {
  type      = string
  sensitive = true
}

resource "aws_docdb_elastic_cluster" "good" {
  name                = "docs"
  admin_user_name     = "docsadmin"
  admin_user_password = var.admin_password
  auth_type           = "PLAIN_TEXT"
  shard_capacity      = 2
  shard_count         = 1
  kms_key_id          = aws_kms_key.docs.arn
}`}},
	Bad: []scanner.Example{{Code: `
variable "admin_password" {
  type      = string
  sensitive = true
}

resource "aws_docdb_elastic_cluster" "default_key" {
  name                = "docs"
  admin_user_name     = "docsadmin"
  admin_user_password = var.admin_password
  auth_type           = "PLAIN_TEXT"
  shard_capacity      = 2
  shard_count         = 1
}`, Fails: []string{"aws_docdb_elastic_cluster.default_key"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "the cluster", nil)
	},
}
