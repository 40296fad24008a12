package aws

import (
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Encryption at rest of databases, caches and search domains.

var rdsStorageEncrypted = &scanner.Rule{
	ID:    "aws-rds-storage-encrypted",
	Title: "RDS instances and Aurora clusters encrypt their storage",
	Description: "An unencrypted database volume, its automated backups, snapshots and read replicas expose customer data " +
		"to anyone who obtains the underlying storage or a shared snapshot. SOC 2 CC6.1 expects encryption of data at rest " +
		"and auditors ask for it on every production datastore. storage_encrypted defaults to false (true only for Aurora " +
		"Serverless v1), and can only be chosen at creation. Read replicas and restores inherit the source's encryption, " +
		"and so does an aws_rds_global_cluster built from an existing cluster (source_db_cluster_identifier); a new " +
		"global cluster without storage_encrypted is unencrypted. The rule follows a source the configuration declares; " +
		"a read replica of a database outside it is unknown (a replica cannot choose its encryption), a restore from a " +
		"snapshot outside it without storage_encrypted or kms_key_id fails. " + inheritedEncryptionNote,
	Severity:      scanner.High,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster", "aws_rds_global_cluster"},
	Remediation: "Set storage_encrypted = true (and kms_key_id to a customer-managed key). An existing instance must be " +
		"restored from an encrypted copy of a snapshot.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  storage_encrypted = true
  kms_key_id        = aws_kms_key.rds.arn
}`,
	Links: []string{
		registryDoc("aws_db_instance", "storage_encrypted"),
		registryDoc("aws_rds_cluster", "storage_encrypted"),
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_16"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_96"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0080"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0079"},
		{Tool: scanner.ToolTfsec, ID: "aws-rds-encrypt-instance-storage-data"},
		{Tool: scanner.ToolTfsec, ID: "aws-rds-encrypt-cluster-storage-data"},
		{Tool: scanner.ToolKICS, ID: "RDS Storage Not Encrypted"},
		{Tool: scanner.ToolProwler, ID: "rds_instance_storage_encrypted"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_140"},
		{Tool: scanner.ToolKICS, ID: "Aurora With Disabled at Rest Encryption"},
		{Tool: scanner.ToolKICS, ID: "DB Instance Storage Not Encrypted"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_db_instance" "good" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

resource "aws_rds_cluster" "serverless_v1" {
  engine      = "aurora-postgresql"
  engine_mode = "serverless"
}

resource "aws_rds_cluster" "serverless_v1_says_false" {
  engine            = "aurora-mysql"
  engine_mode       = "serverless"
  storage_encrypted = false
}`},
		{Code: `
resource "aws_db_instance" "primary" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

# A replica inherits the primary's encryption.
resource "aws_db_instance" "replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.primary.identifier
}

resource "aws_rds_global_cluster" "new" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
  storage_encrypted         = true
}

resource "aws_rds_cluster" "encrypted" {
  engine            = "aurora-postgresql"
  storage_encrypted = true
}

resource "aws_rds_global_cluster" "from_cluster" {
  global_cluster_identifier    = "payments"
  source_db_cluster_identifier = aws_rds_cluster.encrypted.arn
}`},
	},
	Bad: []scanner.Example{
		{Code: `
module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 7.0"

  identifier        = "orders"
  engine            = "postgres"
  storage_encrypted = false
}`, Fails: []string{"module.db.aws_db_instance.this[0]"},
			Expect: map[string]scanner.Expected{"module.db.aws_db_instance.this[0]": {Line: 8, Message: "storage_encrypted"}}},
		{Code: `
resource "aws_db_instance" "bad" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

variable "encrypt" {
  type    = bool
  default = false
}

resource "aws_rds_cluster" "bad" {
  engine            = "aurora-postgresql"
  storage_encrypted = var.encrypt
}`, Fails: []string{"aws_db_instance.bad", "aws_rds_cluster.bad"},
			// An argument left out is reported at the resource, one
			// written false at the argument.
			Expect: map[string]scanner.Expected{
				"aws_db_instance.bad": {Line: 2, Message: "storage_encrypted"},
				"aws_rds_cluster.bad": {Line: 14, Message: "storage_encrypted"},
			}},
		{Code: `
resource "aws_db_instance" "plain" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.plain.identifier
}

# Restored from a snapshot outside the configuration without
# storage_encrypted: nothing shows it encrypted.
resource "aws_db_instance" "restored" {
  instance_class      = "db.t3.micro"
  snapshot_identifier = "prod-final-snapshot"
}

variable "encrypt" {
  type = bool
}

resource "aws_rds_cluster" "unknown" {
  engine            = "aurora-mysql"
  storage_encrypted = var.encrypt
}

resource "aws_rds_global_cluster" "unencrypted" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
}

variable "env" {
  type = string
}

locals {
  encrypted = { prod = false, dev = null }
}

# Left out (null) or false, whichever var.env picks: unencrypted.
resource "aws_db_instance" "every_env" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = try(local.encrypted[var.env], false)
}

# Encrypted in prod only: unknown until var.env is.
resource "aws_db_instance" "prod_only" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = var.env == "prod" ? true : false
}

# An input variable with no default may be given "" or null.
variable "db_key" {
  type = string
}

resource "aws_db_instance" "maybe_key" {
  identifier     = "maybe-key"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  kms_key_id     = var.db_key
}`, Fails: []string{"aws_db_instance.plain", "aws_db_instance.replica", "aws_db_instance.restored", "aws_rds_global_cluster.unencrypted", "aws_db_instance.every_env"}, Unknowns: []string{"aws_db_instance.maybe_key", "aws_rds_cluster.unknown", "aws_db_instance.prod_only"}},
		{Code: `
resource "aws_db_instance" "primary" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

variable "replica" {
  type = bool
}

# A replica of the encrypted primary only when var.replica is true;
# otherwise a new database that does not ask for encryption.
resource "aws_db_instance" "maybe_replica" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  replicate_source_db = var.replica ? aws_db_instance.primary.identifier : null
}

resource "aws_db_snapshot" "primary" {
  db_instance_identifier = aws_db_instance.primary.identifier
  db_snapshot_identifier = "primary"
}

variable "settings" {
  type = any
}

# Restored from the encrypted snapshot only when the caller's settings
# name it.
resource "aws_db_instance" "maybe_restored" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  snapshot_identifier = try(var.settings.restore ? aws_db_snapshot.primary.id : null, null)
}

resource "aws_db_instance" "replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.primary.identifier
}

resource "aws_db_instance" "plain" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}`, Fails: []string{"aws_db_instance.plain"}, Unknowns: []string{"aws_db_instance.maybe_replica", "aws_db_instance.maybe_restored"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return rdsEncryption(r, ctx, 0)
	},
}

// rdsEncryption decides an RDS instance or cluster, following a read
// replica to its source.
func rdsEncryption(r *scanner.Resource, ctx *scanner.Context, depth int) scanner.Result {
	enc := r.Attr("storage_encrypted")
	if r.Type == "aws_rds_cluster" && r.Attr("engine_mode").Equals("serverless") {
		// Aurora Serverless v1 is always encrypted: AWS ignores
		// storage_encrypted = false there.
		return scanner.Passed()
	}
	if enc.IsSet() || enc.IsUnknown() {
		return scanner.RequireTrue(enc, "storage_encrypted = false: the database, its backups and snapshots are stored unencrypted")
	}
	// A key without storage_encrypted is only accepted for replicas and
	// restores, which it encrypts.
	return ruleutil.PassIfNamed(r.Attr("kms_key_id"), func() scanner.Result { return inheritedEncryption(r, ctx, depth) })
}

// inheritedEncryption decides an RDS instance or cluster without
// storage_encrypted or a key by the source it is built from.
func inheritedEncryption(r *scanner.Resource, ctx *scanner.Context, depth int) scanner.Result {
	enc := r.Attr("storage_encrypted")
	for _, inherit := range []string{"replicate_source_db", "replication_source_identifier", "source_db_cluster_identifier", "snapshot_identifier"} {
		v := r.Attr(inherit)
		if !v.IsSet() {
			continue
		}
		if inherit == "snapshot_identifier" {
			return restoredEncryption(v, ctx, depth, "storage_encrypted is not set: the database is restored from a snapshot and takes its encryption, which this configuration does not show")
		}
		if depth < 3 && ctx != nil && ctx.Index != nil {
			for _, src := range ctx.Index.Resolve(v) {
				if src.Type != "aws_db_instance" && src.Type != "aws_rds_cluster" {
					continue
				}
				res := rdsEncryption(src, ctx, depth+1)
				if res.Status == scanner.Fail {
					res = scanner.Failed(v.Range, "%s is %s, which is not encrypted: this database inherits unencrypted storage", inherit, src.Address)
				}
				return ruleutil.ThroughRef(v, res)
			}
		}
		return scanner.Unknowable(v.Range, "storage_encrypted is not set and the database inherits the encryption of its source (%s), which is not visible in the configuration", inherit)
	}
	return scanner.Failed(enc.Range, "storage_encrypted is not set (default false): the database, its backups and snapshots are stored unencrypted")
}

// restoredEncryption decides a database or cluster restored from the
// snapshot v without its own storage_encrypted: by the snapshot when the
// configuration declares it, otherwise it fails with msg, since nothing the
// configuration shows encrypts it (inheritedEncryptionNote).
func restoredEncryption(v scanner.Value, ctx *scanner.Context, depth int, msg string) scanner.Result {
	if depth < 3 && ctx != nil && ctx.Index != nil {
		for _, src := range ctx.Index.Resolve(v) {
			switch src.Type {
			case "aws_db_snapshot", "aws_db_cluster_snapshot", "aws_db_snapshot_copy", "aws_rds_cluster_snapshot_copy":
				res := snapshotEncryption(src, ctx, depth+1)
				if res.Status == scanner.Fail {
					res = scanner.Failed(v.Range, "%s is %s, which is not encrypted: the restored database is not either", v.Name, src.Address)
				}
				return ruleutil.ThroughRef(v, res)
			}
		}
	}
	return scanner.Failed(v.Range, "%s", msg)
}

var docdbClusterEncrypted = &scanner.Rule{
	ID:    "aws-docdb-cluster-encrypted",
	Title: "DocumentDB clusters encrypt their storage",
	Description: "DocumentDB clusters hold application documents, often personal data; without storage encryption the " +
		"cluster volume, backups and snapshots are readable by whoever obtains them (SOC 2 CC6.1). storage_encrypted " +
		"defaults to false and cannot be changed after creation. A new global cluster is judged the same way; one built " +
		"from an existing cluster (source_db_cluster_identifier) takes that cluster's encryption and is not applicable. " +
		inheritedEncryptionNote + " " + keyOnlyEncryptionNote,
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_docdb_cluster", "aws_docdb_global_cluster"},
	Remediation:     "Set storage_encrypted = true and kms_key_id to a customer-managed key; migrate existing data through a snapshot restore.",
	RemediationCode: "resource \"aws_docdb_cluster\" \"main\" {\n  # ...\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.docdb.arn\n}",
	Links:           []string{registryDoc("aws_docdb_cluster", "storage_encrypted")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_74"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0021"},
		{Tool: scanner.ToolTfsec, ID: "aws-documentdb-enable-storage-encryption"},
		{Tool: scanner.ToolProwler, ID: "documentdb_cluster_storage_encrypted"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_292"},
		{Tool: scanner.ToolKICS, ID: "DOCDB Cluster Not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_docdb_cluster" "good" {
  cluster_identifier = "docs"
  storage_encrypted  = true
}

resource "aws_docdb_global_cluster" "good" {
  global_cluster_identifier = "docs-global"
  engine                    = "docdb"
  storage_encrypted         = true
}

resource "aws_docdb_global_cluster" "from_cluster" {
  global_cluster_identifier    = "docs-global-2"
  source_db_cluster_identifier = aws_docdb_cluster.good.arn
}

# A key encrypts the restore whatever the snapshot.
resource "aws_docdb_cluster" "restored" {
  cluster_identifier  = "docs-restored"
  snapshot_identifier = "docs-final"
  kms_key_id          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}`, NotApplicable: []string{"aws_docdb_global_cluster.from_cluster"}}},
	Bad: []scanner.Example{{Code: `
# An input variable with no default may be given null: then the global
# cluster is new, and unencrypted as storage_encrypted is unset.
variable "source_cluster" {
  type = string
}

resource "aws_docdb_global_cluster" "maybe_from_existing" {
  global_cluster_identifier    = "docs-global"
  source_db_cluster_identifier = var.source_cluster
}

resource "aws_docdb_global_cluster" "new" {
  global_cluster_identifier = "docs-new"
}`, Fails: []string{"aws_docdb_global_cluster.new"}, Unknowns: []string{"aws_docdb_global_cluster.maybe_from_existing"}}, {Code: `
resource "aws_docdb_cluster" "bad" {
  cluster_identifier = "docs"
}

# Restored from a snapshot outside the configuration without
# storage_encrypted: nothing shows it encrypted.
resource "aws_docdb_cluster" "restored" {
  cluster_identifier  = "docs-restored"
  snapshot_identifier = "docs-final"
}

resource "aws_docdb_global_cluster" "bad" {
  global_cluster_identifier = "docs-global"
  engine                    = "docdb"
  storage_encrypted         = false
}

# An input variable with no default may be given "" or null.
variable "docdb_key" {
  type = string
}

resource "aws_docdb_cluster" "maybe_key" {
  cluster_identifier  = "maybe-key"
  snapshot_identifier = "docs-final"
  kms_key_id          = var.docdb_key
}`, Fails: []string{"aws_docdb_cluster.bad", "aws_docdb_cluster.restored", "aws_docdb_global_cluster.bad"}, Unknowns: []string{"aws_docdb_cluster.maybe_key"}}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "aws_kms_key" "docs" {
  description         = "DocumentDB"
  enable_key_rotation = true
}

# A new cluster with a key and no storage_encrypted: the API accepts a key
# only for an encrypted cluster.
resource "aws_docdb_cluster" "key_only" {
  cluster_identifier = "orders"
  kms_key_id         = aws_kms_key.docs.arn
}`}}
		bad = []scanner.Example{{Code: `
variable "docs_key" {
  type = string
}

resource "aws_docdb_cluster" "maybe_key" {
  cluster_identifier = "orders"
  kms_key_id         = var.docs_key
}

# An empty key is read as unset: nothing encrypts the cluster.
resource "aws_docdb_cluster" "empty_key" {
  cluster_identifier = "invoices"
  kms_key_id         = ""
}`, Fails: []string{"aws_docdb_cluster.empty_key"}, Unknowns: []string{"aws_docdb_cluster.maybe_key"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return clusterStorageEncrypted(r)
	},
}

// clusterStorageEncrypted is the storage_encrypted check of DocumentDB and
// Neptune clusters and global clusters, where a restore inherits the
// snapshot's encryption and a global cluster built from an existing cluster
// (source_db_cluster_identifier) that cluster's.
func clusterStorageEncrypted(r *scanner.Resource) scanner.Result {
	enc := r.Attr("storage_encrypted")
	if enc.IsNull() {
		return ruleutil.ExemptIfNamed(r.Attr("source_db_cluster_identifier"),
			scanner.DoesNotApply("the global cluster is built from an existing cluster and takes its encryption, judged on that cluster"),
			func() scanner.Result { return clusterEncryptionOwn(r, enc) })
	}
	return clusterEncryptionOwn(r, enc)
}

// clusterEncryptionOwn judges the storage_encrypted of a cluster that
// does not take its encryption from an existing cluster.
func clusterEncryptionOwn(r *scanner.Resource, enc scanner.Value) scanner.Result {
	unset := func() scanner.Result {
		if snapshot := r.Attr("snapshot_identifier"); snapshot.IsSet() {
			return scanner.Failed(snapshot.Range, "storage_encrypted is not set: the cluster is restored from a snapshot and takes its encryption, which this configuration does not show")
		}
		return scanner.Failed(enc.Range, "storage_encrypted is not set (default false): the cluster volume, backups and snapshots are unencrypted")
	}
	if enc.IsNull() {
		// A key encrypts a restore whatever the snapshot, and a new
		// cluster is accepted with a key only when it is encrypted.
		return keyImpliesEncryption(enc, r.Attr("kms_key_id"), func() scanner.Result {
			return keyImpliesEncryption(enc, r.Attr("kms_key_arn"), unset)
		})
	}
	return scanner.RequireTrue(enc, "storage_encrypted = false: the cluster volume, backups and snapshots are unencrypted")
}

var neptuneClusterEncrypted = &scanner.Rule{
	ID:    "aws-neptune-cluster-encrypted",
	Title: "Neptune clusters encrypt their storage",
	Description: "Neptune graphs often model identities and relationships between customers; without storage encryption " +
		"the cluster volume, backups and snapshots are readable by whoever obtains them (SOC 2 CC6.1). storage_encrypted " +
		"defaults to false and cannot be changed after creation. A new global cluster is judged the same way; one built " +
		"from an existing cluster (source_db_cluster_identifier) takes that cluster's encryption and is not applicable. " +
		inheritedEncryptionNote + " " + keyOnlyEncryptionNote,
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_neptune_cluster", "aws_neptune_global_cluster"},
	Remediation:     "Set storage_encrypted = true and kms_key_arn to a customer-managed key.",
	RemediationCode: "resource \"aws_neptune_cluster\" \"main\" {\n  # ...\n  storage_encrypted = true\n  kms_key_arn       = aws_kms_key.neptune.arn\n}",
	Links:           []string{registryDoc("aws_neptune_cluster", "storage_encrypted")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_44"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0076"},
		{Tool: scanner.ToolTfsec, ID: "aws-neptune-enable-storage-encryption"},
		{Tool: scanner.ToolKICS, ID: "Neptune Database Cluster Encryption Disabled"},
		{Tool: scanner.ToolProwler, ID: "neptune_cluster_storage_encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_neptune_cluster" "good" {
  cluster_identifier = "graph"
  storage_encrypted  = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_neptune_cluster" "bad" {
  cluster_identifier = "graph"
  storage_encrypted  = false
}

resource "aws_neptune_cluster" "unset" {
  cluster_identifier = "graph2"
}

resource "aws_neptune_global_cluster" "unset" {
  global_cluster_identifier = "graph-global"
  engine                    = "neptune"
}

# An input variable with no default may be given "" or null.
variable "graph_key" {
  type = string
}

resource "aws_neptune_cluster" "maybe_key" {
  cluster_identifier  = "maybe-key"
  snapshot_identifier = "graph-final"
  kms_key_arn         = var.graph_key
}`, Fails: []string{"aws_neptune_cluster.bad", "aws_neptune_cluster.unset", "aws_neptune_global_cluster.unset"}, Unknowns: []string{"aws_neptune_cluster.maybe_key"}}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "aws_kms_key" "graph" {
  description         = "Neptune"
  enable_key_rotation = true
}

# kms_key_arn without storage_encrypted: accepted only for an encrypted
# cluster.
resource "aws_neptune_cluster" "key_only" {
  cluster_identifier = "identity-graph"
  kms_key_arn        = aws_kms_key.graph.arn
}`}}
		bad = []scanner.Example{{Code: `
variable "graph_key" {
  type = string
}

resource "aws_neptune_cluster" "maybe_key" {
  cluster_identifier = "identity-graph"
  kms_key_arn        = var.graph_key
}

# An empty key is read as unset: nothing encrypts the cluster.
resource "aws_neptune_cluster" "empty_key" {
  cluster_identifier = "access-graph"
  kms_key_arn        = ""
}`, Fails: []string{"aws_neptune_cluster.empty_key"}, Unknowns: []string{"aws_neptune_cluster.maybe_key"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return clusterStorageEncrypted(r)
	},
}

var dynamodbTableCustomerKey = &scanner.Rule{
	ID:    "aws-dynamodb-table-customer-key",
	Title: "DynamoDB tables are encrypted with a customer-managed KMS key",
	Description: "DynamoDB always encrypts tables at rest, by default with a key AWS owns: you cannot see its use in CloudTrail, " +
		"restrict it by key policy or revoke it. A customer-managed key gives the key-usage evidence and the kill switch " +
		"SOC 2 CC6.1 reviewers look for on sensitive tables. Without kms_key_arn, enabled = true uses the AWS managed " +
		"key aws/dynamodb, which is auditable but not under your policy. Disable this rule for tables that hold no " +
		"sensitive data.",
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_dynamodb_table"},
	Remediation:   "Add server_side_encryption { enabled = true, kms_key_arn = <customer-managed key ARN> }.",
	RemediationCode: `resource "aws_dynamodb_table" "orders" {
  # ...
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.dynamodb.arn
  }
}`,
	Links: []string{
		registryDoc("aws_dynamodb_table", "server_side_encryption"),
		"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_119"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0025"},
		{Tool: scanner.ToolTfsec, ID: "aws-dynamodb-table-customer-key"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "ddb" {
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "good" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.ddb.arn
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_dynamodb_table" "default_key" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "aws_managed" {
  name     = "sessions"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled = true
  }
}`, Fails: []string{"aws_dynamodb_table.aws_managed", "aws_dynamodb_table.default_key"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		sse := r.FirstBlock("server_side_encryption")
		if sse == nil {
			if r.BlocksUnknown("server_side_encryption") {
				return scanner.Unknowable(r.Range, "server_side_encryption is not known until apply")
			}
			return scanner.Failed(r.Range, "no server_side_encryption block: the table is encrypted with an AWS owned key, not a customer-managed KMS key")
		}
		enabled := sse.Attr("enabled")
		if enabled.IsUnknown() {
			return scanner.Unknowable(enabled.Range, "server_side_encryption.enabled is not known until apply")
		}
		if !enabled.IsTrue() {
			return scanner.Failed(enabled.Range, "server_side_encryption.enabled is not true: the table is encrypted with an AWS owned key, not a customer-managed KMS key")
		}
		key := sse.Attr("kms_key_arn")
		if key.IsNull() {
			return scanner.Failed(sse.Range, "server_side_encryption has no kms_key_arn: the table uses the AWS managed key aws/dynamodb, not a customer-managed KMS key")
		}
		return requireCustomerKeyIn(key, ctx.Index, "the table")
	},
}

var daxClusterEncrypted = &scanner.Rule{
	ID:    "aws-dax-cluster-encrypted",
	Title: "DAX clusters encrypt their cache at rest",
	Description: "A DAX cluster caches DynamoDB items on its nodes' disks and in memory; without server-side encryption the " +
		"cached copy of the table is stored unencrypted (SOC 2 CC6.1), even when the table itself is encrypted. " +
		"server_side_encryption defaults to disabled and can only be set at creation.",
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_dax_cluster"},
	Remediation:     "Add server_side_encryption { enabled = true }; the cluster must be re-created.",
	RemediationCode: "resource \"aws_dax_cluster\" \"cache\" {\n  # ...\n  server_side_encryption {\n    enabled = true\n  }\n}",
	Links:           []string{registryDoc("aws_dax_cluster", "server_side_encryption")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_47"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0023"},
		{Tool: scanner.ToolTfsec, ID: "aws-dynamodb-enable-at-rest-encryption"},
		{Tool: scanner.ToolKICS, ID: "DAX Cluster Not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_dax_cluster" "good" {
  cluster_name       = "cache"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r4.large"
  replication_factor = 1
  server_side_encryption {
    enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_dax_cluster" "bad" {
  cluster_name       = "cache"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r4.large"
  replication_factor = 1
}`, Fails: []string{"aws_dax_cluster.bad"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.FirstBlock("server_side_encryption") == nil && r.BlocksUnknown("server_side_encryption") {
			return scanner.Unknowable(r.Range, "server_side_encryption is not known until apply")
		}
		return scanner.RequireTrue(r.Get("server_side_encryption", "enabled"), "server_side_encryption is not enabled: the cached items are stored unencrypted")
	},
}

var elasticacheAtRestEncryption = &scanner.Rule{
	ID:    "aws-elasticache-replication-group-encrypted-at-rest",
	Title: "ElastiCache replication groups encrypt data at rest",
	Description: "Valkey and Redis OSS replication groups write data to disk during synchronisation, backups and swap, and " +
		"export backups to S3; without at-rest encryption those copies are readable by whoever obtains them (SOC 2 CC6.1). " +
		"AWS encrypts at rest by default for the valkey engine only; for redis the default is false. It can only be " +
		"chosen at creation.",
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_elasticache_replication_group"},
	Remediation:     "Set at_rest_encryption_enabled = true (and kms_key_id to a customer-managed key).",
	RemediationCode: "resource \"aws_elasticache_replication_group\" \"cache\" {\n  # ...\n  at_rest_encryption_enabled = true\n  kms_key_id                 = aws_kms_key.cache.arn\n}",
	Links: []string{
		registryDoc("aws_elasticache_replication_group", "at_rest_encryption_enabled"),
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_29"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0045"},
		{Tool: scanner.ToolTfsec, ID: "aws-elasticache-enable-at-rest-encryption"},
		{Tool: scanner.ToolKICS, ID: "ElastiCache Replication Group Not Encrypted At Rest"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "good" {
  replication_group_id       = "cache"
  description                = "cache"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "valkey" {
  replication_group_id = "cache2"
  description          = "valkey encrypts at rest by default"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "bad" {
  replication_group_id = "cache"
  description          = "redis defaults to unencrypted"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "off" {
  replication_group_id       = "cache2"
  description                = "explicitly off"
  engine                     = "valkey"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = false
}`, Fails: []string{"aws_elasticache_replication_group.bad", "aws_elasticache_replication_group.off"}}, {Code: `
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

# A secondary only when the caller asks; unencrypted otherwise.
resource "aws_elasticache_replication_group" "maybe_secondary" {
  replication_group_id        = "cache2"
  description                 = "redis unless it joins a global datastore"
  node_type                   = "cache.t4g.small"
  global_replication_group_id = var.join_global ? aws_elasticache_global_replication_group.g.global_replication_group_id : null
}

# valkey encrypts at rest by default, so it passes whether or not it joins
# a global datastore.
resource "aws_elasticache_replication_group" "maybe_secondary_valkey" {
  replication_group_id        = "cache3"
  description                 = "valkey either way"
  engine                      = "valkey"
  node_type                   = "cache.t4g.small"
  global_replication_group_id = var.join_global ? aws_elasticache_global_replication_group.g.global_replication_group_id : null
}`, Fails: []string{"aws_elasticache_replication_group.blank_group"}, Unknowns: []string{"aws_elasticache_replication_group.maybe_secondary"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		own := func() scanner.Result { return elasticacheRestEncryptionOwn(r) }
		if !r.Attr("at_rest_encryption_enabled").IsNull() {
			return own()
		}
		// A secondary of a global datastore inherits the primary's setting; a
		// blank group ID is no group, and one that may be null leaves the
		// result unknown only when the group would fail on its own.
		group := r.Attr("global_replication_group_id")
		return ruleutil.ExemptIfNamed(group,
			scanner.Unknowable(group.Range, "a secondary of a global datastore inherits at-rest encryption from its primary, which is not visible here"),
			own)
	},
}

// elasticacheRestEncryptionOwn judges the at-rest encryption of a
// replication group that does not inherit it from a global datastore.
func elasticacheRestEncryptionOwn(r *scanner.Resource) scanner.Result {
	engine := r.Attr("engine")
	if engine.IsUnknown() && r.Attr("at_rest_encryption_enabled").IsNull() {
		return scanner.Unknowable(engine.Range, "the engine, which decides the at-rest encryption default, is not known until apply")
	}
	def := engine.Equals("valkey")
	return scanner.RequireTrueOr(r.Attr("at_rest_encryption_enabled"), def,
		"at_rest_encryption_enabled is not true (default false for redis): disk, swap and backups in S3 are unencrypted")
}

var redshiftClusterEncrypted = &scanner.Rule{
	ID:    "aws-redshift-cluster-encrypted",
	Title: "Redshift clusters are not created unencrypted",
	Description: "A data warehouse concentrates an organisation's most sensitive data; unencrypted, its blocks and snapshots are " +
		"readable by whoever obtains them (SOC 2 CC6.1). An absent encrypted argument is read as not encrypted: the " +
		"AWS provider before version 6.0 defaults encrypted to false and sends that to the API, which creates the " +
		"cluster unencrypted even though Amazon Redshift itself encrypts new clusters by default since January " +
		"2025. Version 6.0 of the provider changed the default to true: when the root's .terraform.lock.hcl or " +
		"required_providers pins the provider to 6.x or later, an absent encrypted passes; when the version " +
		"cannot be told, absent is read as not encrypted.",
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_redshift_cluster"},
	Remediation:     "Set encrypted = true and kms_key_id to a customer-managed key.",
	RemediationCode: "resource \"aws_redshift_cluster\" \"dw\" {\n  # ...\n  encrypted  = true\n  kms_key_id = aws_kms_key.redshift.arn\n}",
	Links: []string{
		registryDoc("aws_redshift_cluster", "encrypted"),
		"https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_64"},
		{Tool: scanner.ToolKICS, ID: "Redshift Not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_redshift_cluster" "good" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
  encrypted          = true
}`}, {Code: `
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

# Provider 6.x defaults encrypted to true.
resource "aws_redshift_cluster" "default" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_redshift_cluster" "bad" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
  encrypted          = false
}

resource "aws_redshift_cluster" "default" {
  cluster_identifier = "dw2"
  node_type          = "ra3.xlplus"
}

variable "encrypted" {
  type = bool
}

resource "aws_redshift_cluster" "maybe" {
  cluster_identifier = "dw3"
  node_type          = "ra3.xlplus"
  encrypted          = var.encrypted
}`, Fails: []string{"aws_redshift_cluster.bad", "aws_redshift_cluster.default"}, Unknowns: []string{"aws_redshift_cluster.maybe"},
		Expect: map[string]scanner.Expected{"aws_redshift_cluster.default": {Message: "before version 6.0"}}}, {Code: `
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

resource "aws_redshift_cluster" "default" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
}`, Fails: []string{"aws_redshift_cluster.default"}, Expect: map[string]scanner.Expected{"aws_redshift_cluster.default": {Message: "AWS provider 5.x"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		enc := r.Attr("encrypted")
		if enc.IsNull() {
			switch {
			case r.ProviderMajor >= 6:
				return scanner.Passed()
			case r.ProviderMajor > 0:
				return scanner.Failed(r.Range, "encrypted is not set: the configuration runs AWS provider %d.x, which defaults it to false and creates the cluster unencrypted", r.ProviderMajor)
			}
			return scanner.Failed(r.Range, "encrypted is not set: the AWS provider before version 6.0 defaults it to false and creates the cluster unencrypted")
		}
		return scanner.RequireTrue(enc, "encrypted = false: the warehouse and its snapshots are stored unencrypted")
	},
}

var opensearchEncryptAtRest = &scanner.Rule{
	ID:    "aws-opensearch-domain-encrypted-at-rest",
	Title: "OpenSearch and Elasticsearch domains encrypt data at rest",
	Description: "Search indices copy the documents they index, logs and customer records alike; without encryption at rest " +
		"indices, swap files and automated snapshots are stored unencrypted (SOC 2 CC6.1). encrypt_at_rest defaults " +
		"to disabled and is required for fine-grained access control.",
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_opensearch_domain", "aws_elasticsearch_domain"},
	Remediation:     "Add encrypt_at_rest { enabled = true } (and kms_key_id for a customer-managed key).",
	RemediationCode: "resource \"aws_opensearch_domain\" \"search\" {\n  # ...\n  encrypt_at_rest {\n    enabled    = true\n    kms_key_id = aws_kms_key.search.arn\n  }\n}",
	Links: []string{
		registryDoc("aws_opensearch_domain", "encrypt_at_rest"),
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_5"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0048"},
		{Tool: scanner.ToolTfsec, ID: "aws-elastic-search-enable-domain-encryption"},
		{Tool: scanner.ToolProwler, ID: "opensearch_service_domains_encryption_at_rest_enabled"},
		{Tool: scanner.ToolKICS, ID: "ElasticSearch Not Encrypted At Rest"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "good" {
  domain_name = "search"
  encrypt_at_rest {
    enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "bad" {
  domain_name = "search"
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"
  encrypt_at_rest {
    enabled = false
  }
}`, Fails: []string{"aws_elasticsearch_domain.legacy", "aws_opensearch_domain.bad"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.FirstBlock("encrypt_at_rest") == nil && r.BlocksUnknown("encrypt_at_rest") {
			return scanner.Unknowable(r.Range, "encrypt_at_rest is not known until apply")
		}
		return scanner.RequireTrue(r.Get("encrypt_at_rest", "enabled"), "encrypt_at_rest is not enabled: indices and snapshots are stored unencrypted")
	},
}

// snapshotSource returns the argument that names what a snapshot was taken
// or copied from, and the types it may resolve to.
func snapshotSource(r *scanner.Resource) (scanner.Value, []string) {
	switch r.Type {
	case "aws_db_snapshot":
		return r.Attr("db_instance_identifier"), []string{"aws_db_instance"}
	case "aws_db_cluster_snapshot":
		return r.Attr("db_cluster_identifier"), []string{"aws_rds_cluster"}
	case "aws_db_snapshot_copy":
		return r.Attr("source_db_snapshot_identifier"), []string{"aws_db_snapshot", "aws_db_snapshot_copy"}
	}
	return r.Attr("source_db_cluster_snapshot_identifier"), []string{"aws_db_cluster_snapshot", "aws_rds_cluster_snapshot_copy"}
}

// snapshotEncryption decides an RDS snapshot or snapshot copy: a copy with
// kms_key_id is encrypted with that key; otherwise a snapshot is encrypted
// exactly when its source is. The computed storage_encrypted/encrypted
// attributes decide when a plan knows them.
func snapshotEncryption(r *scanner.Resource, ctx *scanner.Context, depth int) scanner.Result {
	for _, name := range []string{"storage_encrypted", "encrypted"} {
		if v := r.Attr(name); v.IsKnown() && v.IsSet() {
			return scanner.RequireTrue(v, name+" = false: the snapshot is stored unencrypted")
		}
	}
	return ruleutil.PassIfNamed(r.Attr("kms_key_id"), func() scanner.Result { return snapshotSourceEncryption(r, ctx, depth) })
}

// snapshotSourceEncryption decides a snapshot or a copy without a key by
// the snapshot or database it is taken from.
func snapshotSourceEncryption(r *scanner.Resource, ctx *scanner.Context, depth int) scanner.Result {
	src, types := snapshotSource(r)
	for _, s := range ctx.Index.Resolve(src) {
		if !slices.Contains(types, s.Type) || depth >= 4 {
			continue
		}
		var res scanner.Result
		if strings.HasPrefix(s.Type, "aws_db_snapshot") || strings.HasPrefix(s.Type, "aws_db_cluster_snapshot") || s.Type == "aws_rds_cluster_snapshot_copy" {
			res = snapshotEncryption(s, ctx, depth+1)
		} else {
			res = rdsEncryption(s, ctx, depth+1)
		}
		if res.Status == scanner.Fail {
			return scanner.Failed(src.Range, "%s is %s, which is not encrypted, and no kms_key_id encrypts the snapshot: it is stored unencrypted", src.Name, s.Address)
		}
		return res
	}
	if r.Type == "aws_db_snapshot" || r.Type == "aws_db_cluster_snapshot" {
		// A snapshot cannot ask for encryption: it is exactly as
		// encrypted as a database the configuration does not show.
		return scanner.Unknowable(src.Range, "the snapshot inherits the encryption of %s, which is not in the configuration", src.Name)
	}
	// A copy can always ask for a key; one that does not, of a source the
	// configuration does not show, is not shown encrypted
	// (inheritedEncryptionNote).
	return scanner.Failed(src.Range, "the copy does not set kms_key_id: its encryption is that of %s, which this configuration does not show", src.Name)
}

var rdsSnapshotEncrypted = &scanner.Rule{
	ID:    "aws-rds-snapshot-encrypted",
	Title: "RDS snapshots and snapshot copies are encrypted",
	Description: "A manual snapshot outlives its database and is the copy most often shared or copied to other " +
		"accounts and regions; unencrypted, anyone it reaches can restore the data. SOC 2 CC6.1 and C1.1 expect " +
		"encryption of data at rest in every copy. A snapshot (aws_db_snapshot, aws_db_cluster_snapshot) is " +
		"encrypted exactly when the database it is taken from is; a copy (aws_db_snapshot_copy, " +
		"aws_rds_cluster_snapshot_copy) is encrypted when kms_key_id is set or its source snapshot is. The rule " +
		"follows the source through the configuration; a snapshot of a database outside it is unknown, a copy of a " +
		"snapshot outside it without kms_key_id fails. " + inheritedEncryptionNote,
	Severity:      scanner.High,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_db_snapshot", "aws_db_cluster_snapshot", "aws_db_snapshot_copy", "aws_rds_cluster_snapshot_copy"},
	Remediation:   "Encrypt the source database, or copy the snapshot with kms_key_id set and delete the unencrypted one.",
	RemediationCode: `resource "aws_db_snapshot_copy" "encrypted" {
  source_db_snapshot_identifier = aws_db_snapshot.nightly.db_snapshot_arn
  target_db_snapshot_identifier = "nightly-encrypted"
  kms_key_id                    = aws_kms_key.rds.arn
}`,
	Links: []string{
		registryDoc("aws_db_snapshot_copy", "kms_key_id"),
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_146"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_266"},
		{Tool: scanner.ToolKICS, ID: "RDS Database Cluster not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

resource "aws_db_snapshot" "nightly" {
  db_instance_identifier = aws_db_instance.main.identifier
  db_snapshot_identifier = "nightly"
}

resource "aws_db_snapshot_copy" "copy" {
  source_db_snapshot_identifier = aws_db_snapshot.nightly.db_snapshot_arn
  target_db_snapshot_identifier = "nightly-copy"
}

resource "aws_db_snapshot_copy" "with_key" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:external"
  target_db_snapshot_identifier = "external-copy"
  kms_key_id                    = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_rds_cluster" "plain" {
  engine = "aurora-mysql"
}

resource "aws_db_cluster_snapshot" "nightly" {
  db_cluster_identifier          = aws_rds_cluster.plain.id
  db_cluster_snapshot_identifier = "nightly"
}

resource "aws_db_instance" "plain" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
}

resource "aws_db_snapshot" "nightly" {
  db_instance_identifier = aws_db_instance.plain.identifier
  db_snapshot_identifier = "nightly"
}

resource "aws_db_snapshot_copy" "copy" {
  source_db_snapshot_identifier = aws_db_snapshot.nightly.db_snapshot_arn
  target_db_snapshot_identifier = "nightly-copy"
}

# The source is not in the configuration and the copy asks for no key:
# nothing shows the copy encrypted.
resource "aws_db_snapshot_copy" "external" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:external"
  target_db_snapshot_identifier = "external-copy"
}

# A snapshot cannot ask for encryption: it is as encrypted as a database
# the configuration does not show.
resource "aws_db_snapshot" "outside" {
  db_instance_identifier = "legacy-db"
  db_snapshot_identifier = "legacy-nightly"
}

# An input variable with no default may be given "" or null: no key.
variable "copy_key" {
  type = string
}

resource "aws_db_snapshot_copy" "maybe_key" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:external"
  target_db_snapshot_identifier = "external-copy-2"
  kms_key_id                    = var.copy_key
}`, Fails: []string{"aws_db_cluster_snapshot.nightly", "aws_db_snapshot.nightly", "aws_db_snapshot_copy.copy", "aws_db_snapshot_copy.external"},
		Unknowns: []string{"aws_db_snapshot_copy.maybe_key", "aws_db_snapshot.outside"},
		Expect:   map[string]scanner.Expected{"aws_db_snapshot_copy.copy": {Line: 22, Message: "aws_db_snapshot.nightly, which is not encrypted"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return snapshotEncryption(r, ctx, 0)
	},
}
