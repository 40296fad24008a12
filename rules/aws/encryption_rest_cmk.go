package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Encryption at rest with customer-managed keys: the services whose
// encryption rule accepts an AWS owned or AWS managed key have a second
// rule that asks for a key the account manages (an aws_kms_key, not
// alias/aws/<service>, not an empty string).

// customerKeyNote ends the description of every rule of this file.
const customerKeyNote = " SOC 2 CC6.1 and C1.1 expect keys protecting confidential data to be under the organisation's " +
	"control. The key passes when it is a known key ID, ARN or alias other than alias/aws/…, or a reference to an " +
	"aws_kms_key (or replica, external key or customer alias) of the configuration, or to one a snippet names " +
	"without declaring it (a resource, so never an AWS managed key); an empty string is unset, and a " +
	"key only known after apply from elsewhere (a variable, a module output) is unknown."

var ebsVolumeCustomerKey = &scanner.Rule{
	ID:            "aws-ebs-volume-customer-key",
	Title:         "EBS volumes are encrypted with a customer-managed KMS key",
	Description:   "A volume encrypted with the AWS managed key aws/ebs cannot be shared with another account (so no cross-account backup copy), and its use cannot be restricted by key policy or revoked by disabling the key." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_ebs_volume"},
	Remediation:   "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: `resource "aws_ebs_volume" "example" {
  # ...
  kms_key_id = aws_kms_key.data.arn
}`,
	Links: []string{
		registryDoc("aws_ebs_volume", "kms_key_id"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_189"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0027"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-volume-encryption-customer-key"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_ebs_volume" "good" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.data.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ebs_volume" "managed" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = "alias/aws/ebs"
}

resource "aws_ebs_volume" "empty" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = ""
}

resource "aws_ebs_volume" "unset" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}

variable "key" {
  type = string
}

resource "aws_ebs_volume" "maybe" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = var.key
}`, Fails: []string{"aws_ebs_volume.managed", "aws_ebs_volume.empty", "aws_ebs_volume.unset"}, Unknowns: []string{"aws_ebs_volume.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_key_id"), ctx.Index, "the volume")
	},
}

var efsCustomerKey = &scanner.Rule{
	ID:            "aws-efs-file-system-customer-key",
	Title:         "EFS file systems are encrypted with a customer-managed KMS key",
	Description:   "Without kms_key_id an encrypted file system uses the AWS managed key aws/elasticfilesystem, whose key policy the account cannot narrow and which cannot be disabled to revoke access." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_efs_file_system"},
	Remediation:   "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: `resource "aws_efs_file_system" "example" {
  # ...
  kms_key_id = aws_kms_key.data.arn
}`,
	Links: []string{
		registryDoc("aws_efs_file_system", "kms_key_id"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_184"},
		{Tool: scanner.ToolKICS, ID: "EFS Without KMS"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_efs_file_system" "good" {
  creation_token = "shared"
  encrypted      = true
  kms_key_id     = aws_kms_key.data.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_efs_file_system" "managed" {
  creation_token = "shared"
  encrypted      = true
  kms_key_id     = "alias/aws/rds"
}

resource "aws_efs_file_system" "empty" {
  creation_token = "shared"
  encrypted      = true
  kms_key_id     = ""
}

resource "aws_efs_file_system" "unset" {
  creation_token = "shared"
  encrypted      = true
}

variable "key" {
  type = string
}

resource "aws_efs_file_system" "maybe" {
  creation_token = "shared"
  encrypted      = true
  kms_key_id     = var.key
}`, Fails: []string{"aws_efs_file_system.managed", "aws_efs_file_system.empty", "aws_efs_file_system.unset"}, Unknowns: []string{"aws_efs_file_system.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_key_id"), ctx.Index, "the file system")
	},
}

var elasticacheCustomerKey = &scanner.Rule{
	ID:            "aws-elasticache-replication-group-customer-key",
	Title:         "ElastiCache replication groups are encrypted with a customer-managed KMS key",
	Description:   "Without kms_key_id at-rest encryption uses a key ElastiCache owns, so snapshots cannot be protected by a key policy or revoked by disabling the key." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_elasticache_replication_group"},
	Remediation:   "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: `resource "aws_elasticache_replication_group" "example" {
  # ...
  kms_key_id = aws_kms_key.data.arn
}`,
	Links: []string{
		registryDoc("aws_elasticache_replication_group", "kms_key_id"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_191"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_elasticache_replication_group" "good" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.data.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_elasticache_replication_group" "managed" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
  kms_key_id                 = "alias/aws/rds"
}

resource "aws_elasticache_replication_group" "empty" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
  kms_key_id                 = ""
}

resource "aws_elasticache_replication_group" "unset" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
}

variable "key" {
  type = string
}

resource "aws_elasticache_replication_group" "maybe" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
  kms_key_id                 = var.key
}`, Fails: []string{"aws_elasticache_replication_group.managed", "aws_elasticache_replication_group.empty", "aws_elasticache_replication_group.unset"}, Unknowns: []string{"aws_elasticache_replication_group.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_key_id"), ctx.Index, "the replication group")
	},
}

var sqsQueueCustomerKey = &scanner.Rule{
	ID:            "aws-sqs-queue-customer-key",
	Title:         "SQS queues are encrypted with a customer-managed KMS key",
	Description:   "SSE-SQS (the default) and the AWS managed key alias/aws/sqs encrypt messages with keys the account cannot restrict by key policy, audit per use, or disable to revoke access; an empty kms_master_key_id is read as unset." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_sqs_queue"},
	Remediation:   "Set kms_master_key_id to a customer-managed KMS key.",
	RemediationCode: `resource "aws_sqs_queue" "example" {
  # ...
  kms_master_key_id = aws_kms_key.data.arn
}`,
	Links: []string{
		registryDoc("aws_sqs_queue", "kms_master_key_id"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_73"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0135"},
		{Tool: scanner.ToolTfsec, ID: "aws-sqs-queue-encryption-use-cmk"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_sqs_queue" "good" {
  name              = "jobs"
  kms_master_key_id = aws_kms_key.data.arn
}

variable "primary" {
  type = bool
}

# Either key the choice made after apply picks is a customer-managed one.
resource "aws_sqs_queue" "either_key" {
  name              = "jobs"
  kms_master_key_id = var.primary ? "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" : "arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sqs_queue" "managed" {
  name              = "jobs"
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_sqs_queue" "empty" {
  name              = "jobs"
  kms_master_key_id = ""
}

resource "aws_sqs_queue" "unset" {
  name = "jobs"
}

variable "key" {
  type = string
}

resource "aws_sqs_queue" "maybe" {
  name              = "jobs"
  kms_master_key_id = var.key
}

variable "env" {
  type = string
}

# Whichever environment var.env names, the queue gets no customer key.
resource "aws_sqs_queue" "every_env" {
  name              = "jobs"
  kms_master_key_id = lookup({ prod = "alias/aws/sqs", dev = "" }, var.env, null)
}

# One environment gets a customer key and the other does not: only the
# value known after apply decides.
resource "aws_sqs_queue" "some_env" {
  name              = "jobs"
  kms_master_key_id = lookup({ prod = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", dev = "alias/aws/sqs" }, var.env, "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
}`, Fails: []string{"aws_sqs_queue.managed", "aws_sqs_queue.empty", "aws_sqs_queue.unset", "aws_sqs_queue.every_env"}, Unknowns: []string{"aws_sqs_queue.maybe", "aws_sqs_queue.some_env"},
		Expect: map[string]scanner.Expected{
			"aws_sqs_queue.every_env": {Line: 32, Message: "for every value kms_master_key_id can take"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_master_key_id"), ctx.Index, "the queue")
	},
}

var snsTopicCustomerKey = &scanner.Rule{
	ID:            "aws-sns-topic-customer-key",
	Title:         "SNS topics are encrypted with a customer-managed KMS key",
	Description:   "The AWS managed key alias/aws/sns cannot be used by other accounts' publishers or by CloudWatch alarms, and cannot be restricted by key policy; an empty kms_master_key_id is read as unset and leaves messages unencrypted." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_sns_topic"},
	Remediation:   "Set kms_master_key_id to a customer-managed KMS key.",
	RemediationCode: `resource "aws_sns_topic" "example" {
  # ...
  kms_master_key_id = aws_kms_key.data.arn
}`,
	Links: []string{
		registryDoc("aws_sns_topic", "kms_master_key_id"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0136"},
		{Tool: scanner.ToolTfsec, ID: "aws-sns-topic-encryption-use-cmk"},
		{Tool: scanner.ToolKICS, ID: "SNS Topic Encrypted With AWS Managed Key"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_sns_topic" "good" {
  name              = "alerts"
  kms_master_key_id = aws_kms_key.data.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sns_topic" "managed" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "empty" {
  name              = "alerts"
  kms_master_key_id = ""
}

resource "aws_sns_topic" "unset" {
  name = "alerts"
}

variable "key" {
  type = string
}

resource "aws_sns_topic" "maybe" {
  name              = "alerts"
  kms_master_key_id = var.key
}

data "aws_kms_alias" "sns" {
  name = "alias/aws/sns"
}

resource "aws_sns_topic" "via_data" {
  name              = "alerts"
  kms_master_key_id = data.aws_kms_alias.sns.target_key_arn
}`, Fails: []string{"aws_sns_topic.managed", "aws_sns_topic.empty", "aws_sns_topic.unset", "aws_sns_topic.via_data"}, Unknowns: []string{"aws_sns_topic.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_master_key_id"), ctx.Index, "the topic")
	},
}

var docdbClusterCustomerKey = &scanner.Rule{
	ID:            "aws-docdb-cluster-customer-key",
	Title:         "DocumentDB clusters are encrypted with a customer-managed KMS key",
	Description:   "Without kms_key_id an encrypted cluster uses the AWS managed key aws/rds, whose snapshots cannot be shared with another account and whose use cannot be restricted by key policy." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_docdb_cluster"},
	Remediation:   "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: `resource "aws_docdb_cluster" "example" {
  # ...
  kms_key_id = aws_kms_key.data.arn
}`,
	Links: []string{
		registryDoc("aws_docdb_cluster", "kms_key_id"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_182"},
		{Tool: scanner.ToolKICS, ID: "DOCDB Cluster Encrypted With AWS Managed Key"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0022"},
		{Tool: scanner.ToolTfsec, ID: "aws-documentdb-encryption-customer-key"},
		{Tool: scanner.ToolKICS, ID: "DOCDB Cluster Without KMS"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_docdb_cluster" "good" {
  cluster_identifier = "docs"
  storage_encrypted  = true
  kms_key_id         = aws_kms_key.data.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_docdb_cluster" "managed" {
  cluster_identifier = "docs"
  storage_encrypted  = true
  kms_key_id         = "alias/aws/rds"
}

resource "aws_docdb_cluster" "empty" {
  cluster_identifier = "docs"
  storage_encrypted  = true
  kms_key_id         = ""
}

resource "aws_docdb_cluster" "unset" {
  cluster_identifier = "docs"
  storage_encrypted  = true
}

variable "key" {
  type = string
}

resource "aws_docdb_cluster" "maybe" {
  cluster_identifier = "docs"
  storage_encrypted  = true
  kms_key_id         = var.key
}`, Fails: []string{"aws_docdb_cluster.managed", "aws_docdb_cluster.empty", "aws_docdb_cluster.unset"}, Unknowns: []string{"aws_docdb_cluster.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_key_id"), ctx.Index, "the cluster")
	},
}

var neptuneClusterCustomerKey = &scanner.Rule{
	ID:            "aws-neptune-cluster-customer-key",
	Title:         "Neptune clusters are encrypted with a customer-managed KMS key",
	Description:   "Without kms_key_arn an encrypted cluster uses the AWS managed key aws/rds, whose snapshots cannot be shared with another account and whose use cannot be restricted by key policy." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_neptune_cluster"},
	Remediation:   "Set kms_key_arn to a customer-managed KMS key.",
	RemediationCode: `resource "aws_neptune_cluster" "example" {
  # ...
  kms_key_arn = aws_kms_key.data.arn
}`,
	Links: []string{
		registryDoc("aws_neptune_cluster", "kms_key_arn"),
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_347"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0128"},
		{Tool: scanner.ToolTfsec, ID: "aws-neptune-encryption-customer-key"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_neptune_cluster" "good" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.data.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_neptune_cluster" "managed" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = "alias/aws/rds"
}

resource "aws_neptune_cluster" "empty" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = ""
}

resource "aws_neptune_cluster" "unset" {
  cluster_identifier = "graph"
  storage_encrypted  = true
}

variable "key" {
  type = string
}

resource "aws_neptune_cluster" "maybe" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = var.key
}`, Fails: []string{"aws_neptune_cluster.managed", "aws_neptune_cluster.empty", "aws_neptune_cluster.unset"}, Unknowns: []string{"aws_neptune_cluster.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_key_arn"), ctx.Index, "the cluster")
	},
}

// afterUnknown is the result of a customer-key rule whose applicability is
// only known after apply (why says what is unknown): a key that passes
// passes whichever way the answer goes, anything else is unknown.
func afterUnknown(key scanner.Result, rng scanner.Range, why string) scanner.Result {
	if key.Status == scanner.Pass {
		return key
	}
	return scanner.Unknowable(rng, "%s", why)
}

var rdsPerformanceInsightsCustomerKey = &scanner.Rule{
	ID:    "aws-rds-performance-insights-customer-key",
	Title: "RDS Performance Insights data is encrypted with a customer-managed KMS key",
	Description: "Performance Insights keeps samples of the database's load, including the text of the SQL statements that " +
		"ran, which carry literal values from the data. Without performance_insights_kms_key_id RDS encrypts them with " +
		"the AWS managed key aws/rds, whose key policy the account cannot narrow and which cannot be disabled to revoke " +
		"access. Instances and clusters without performance_insights_enabled = true have nothing to judge and are not " +
		"applicable." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance"},
	Remediation:   "Set performance_insights_kms_key_id to a customer-managed KMS key wherever performance_insights_enabled = true.",
	RemediationCode: `resource "aws_db_instance" "example" {
  # ...
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.rds.arn
}`,
	Links: []string{
		registryDoc("aws_db_instance", "performance_insights_kms_key_id"),
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_353"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_354"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0078"},
		{Tool: scanner.ToolTfsec, ID: "aws-rds-enable-performance-insights-encryption"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "rds" {
  enable_key_rotation = true
}

resource "aws_db_instance" "good" {
  instance_class                  = "db.t4g.medium"
  engine                          = "postgres"
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.rds.arn
}

resource "aws_rds_cluster_instance" "good" {
  cluster_identifier              = "orders"
  instance_class                  = "db.r6g.large"
  performance_insights_enabled    = true
  performance_insights_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_db_instance" "no_insights" {
  instance_class = "db.t4g.medium"
  engine         = "postgres"
}

resource "aws_rds_cluster" "insights_off" {
  cluster_identifier           = "orders"
  engine                       = "aurora-postgresql"
  performance_insights_enabled = false
}`, NotApplicable: []string{"aws_db_instance.no_insights", "aws_rds_cluster.insights_off"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_db_instance" "default_key" {
  instance_class               = "db.t4g.medium"
  engine                       = "postgres"
  performance_insights_enabled = true
}

resource "aws_rds_cluster" "managed" {
  cluster_identifier              = "orders"
  engine                          = "aurora-postgresql"
  performance_insights_enabled    = true
  performance_insights_kms_key_id = "alias/aws/rds"
}

resource "aws_rds_cluster_instance" "empty" {
  cluster_identifier              = "orders"
  instance_class                  = "db.r6g.large"
  performance_insights_enabled    = true
  performance_insights_kms_key_id = ""
}

variable "insights" {
  type = bool
}

variable "key" {
  type = string
}

resource "aws_db_instance" "maybe_enabled" {
  instance_class               = "db.t4g.medium"
  engine                       = "postgres"
  performance_insights_enabled = var.insights
}

resource "aws_db_instance" "maybe_key" {
  instance_class                  = "db.t4g.medium"
  engine                          = "postgres"
  performance_insights_enabled    = true
  performance_insights_kms_key_id = var.key
}`, Fails: []string{"aws_db_instance.default_key", "aws_rds_cluster.managed", "aws_rds_cluster_instance.empty"},
		Unknowns: []string{"aws_db_instance.maybe_enabled", "aws_db_instance.maybe_key"},
		Expect: map[string]scanner.Expected{
			"aws_db_instance.default_key": {Message: "performance_insights_kms_key_id is not set"},
			"aws_rds_cluster.managed":     {Line: 12, Message: "AWS managed key"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		enabled := r.Attr("performance_insights_enabled")
		key := requireCustomerKeyIn(r.Attr("performance_insights_kms_key_id"), ctx.Index, "the Performance Insights data (samples of the SQL that ran)")
		switch {
		case enabled.IsUnknown():
			return afterUnknown(key, enabled.Range, "performance_insights_enabled is not known until apply, and performance_insights_kms_key_id names no customer-managed key")
		case !enabled.IsTrue():
			return scanner.DoesNotApply("Performance Insights is not enabled, so it keeps no data to encrypt")
		}
		return key
	},
}

var mqBrokerCustomerKey = &scanner.Rule{
	ID:    "aws-mq-broker-customer-key",
	Title: "Amazon MQ ActiveMQ brokers are encrypted with a customer-managed KMS key",
	Description: "An ActiveMQ broker stores the messages it holds on its storage volume. encryption_options.use_aws_owned_key " +
		"defaults to true, which encrypts them with a key AWS owns outside the account, and use_aws_owned_key = false " +
		"without kms_key_id uses the AWS managed key aws/mq; neither can be restricted by key policy or disabled to " +
		"revoke access. RabbitMQ brokers can only use an AWS owned key, so they are not applicable." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_mq_broker"},
	Remediation:   "Add encryption_options { use_aws_owned_key = false, kms_key_id = <customer-managed key ARN> }.",
	RemediationCode: `resource "aws_mq_broker" "events" {
  # ...
  engine_type = "ActiveMQ"
  encryption_options {
    use_aws_owned_key = false
    kms_key_id        = aws_kms_key.mq.arn
  }
}`,
	Links: []string{
		registryDoc("aws_mq_broker", "encryption_options"),
		"https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/data-protection.html#data-protection-encryption-at-rest",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_209"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "mq" {
  enable_key_rotation = true
}

resource "aws_mq_broker" "good" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
  encryption_options {
    use_aws_owned_key = false
    kms_key_id        = aws_kms_key.mq.arn
  }
}

resource "aws_mq_broker" "rabbit" {
  broker_name        = "jobs"
  engine_type        = "RabbitMQ"
  host_instance_type = "mq.m5.large"
}`, NotApplicable: []string{"aws_mq_broker.rabbit"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_mq_broker" "default_owned" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
}

resource "aws_mq_broker" "owned" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
  encryption_options {
    use_aws_owned_key = true
  }
}

resource "aws_mq_broker" "aws_managed" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
  encryption_options {
    use_aws_owned_key = false
  }
}

variable "engine" {
  type = string
}

resource "aws_mq_broker" "engine_from_var" {
  broker_name        = "events"
  engine_type        = var.engine
  host_instance_type = "mq.m5.large"
}`, Fails: []string{"aws_mq_broker.default_owned", "aws_mq_broker.owned", "aws_mq_broker.aws_managed"},
		Unknowns: []string{"aws_mq_broker.engine_from_var"},
		Expect: map[string]scanner.Expected{
			"aws_mq_broker.default_owned": {Message: "encryption_options is not set"},
			"aws_mq_broker.owned":         {Line: 13, Message: "use_aws_owned_key = true"},
			"aws_mq_broker.aws_managed":   {Message: "aws/mq"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		engine := r.Attr("engine_type")
		if s, ok := engine.AsString(); ok && strings.EqualFold(s, "RabbitMQ") {
			return scanner.DoesNotApply("RabbitMQ brokers can only be encrypted with an AWS owned key")
		}
		res := mqBrokerKey(r, ctx)
		if engine.IsUnknown() {
			return afterUnknown(res, engine.Range, "engine_type is not known until apply (RabbitMQ brokers cannot use a customer-managed key), and the broker names no customer-managed key")
		}
		return res
	},
}

// mqBrokerKey decides an Amazon MQ broker's encryption_options.
func mqBrokerKey(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	enc := r.FirstBlock("encryption_options")
	if enc == nil {
		if r.BlocksUnknown("encryption_options") {
			return scanner.Unknowable(r.Range, "encryption_options is generated by a dynamic block only known after apply")
		}
		return scanner.Failed(r.Range, "encryption_options is not set: the broker's messages are encrypted with a key AWS owns (use_aws_owned_key defaults to true), not a customer-managed KMS key")
	}
	owned, key := enc.Attr("use_aws_owned_key"), enc.Attr("kms_key_id")
	switch {
	case owned.IsUnknown():
		return scanner.Unknowable(owned.Range, "use_aws_owned_key is not known until apply")
	case owned.IsTrue():
		return scanner.Failed(owned.Range, "use_aws_owned_key = true: the broker's messages are encrypted with a key AWS owns, not a customer-managed KMS key")
	case owned.IsNull() && !key.IsSet():
		return scanner.Failed(enc.Range, "encryption_options sets neither use_aws_owned_key = false nor kms_key_id: the broker's messages are encrypted with a key AWS owns (the default)")
	case key.IsNull():
		return scanner.Failed(enc.Range, "use_aws_owned_key = false without kms_key_id: the broker uses the AWS managed key aws/mq, not a customer-managed KMS key")
	}
	return requireCustomerKeyIn(key, ctx.Index, "the broker's messages")
}

var lambdaEnvironmentCustomerKey = &scanner.Rule{
	ID:    "aws-lambda-environment-customer-key",
	Title: "Lambda functions encrypt their environment variables with a customer-managed KMS key",
	Description: "Environment variables are where functions usually receive connection strings, endpoints and, too often, " +
		"secrets. Without kms_key_arn Lambda encrypts them with the AWS managed key aws/lambda, so anyone allowed to read " +
		"the function's configuration reads them in clear, and the key's use cannot be restricted by key policy. A " +
		"function without environment variables has nothing to encrypt and is not applicable." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_lambda_function"},
	Remediation:   "Set kms_key_arn to a customer-managed KMS key on functions with environment variables.",
	RemediationCode: `resource "aws_lambda_function" "worker" {
  # ...
  kms_key_arn = aws_kms_key.lambda.arn
  environment {
    variables = {
      QUEUE_URL = aws_sqs_queue.jobs.url
    }
  }
}`,
	Links: []string{
		registryDoc("aws_lambda_function", "kms_key_arn"),
		"https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_173"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "lambda" {
  enable_key_rotation = true
}

resource "aws_lambda_function" "good" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  kms_key_arn   = aws_kms_key.lambda.arn
  environment {
    variables = {
      STAGE = "prod"
    }
  }
}

resource "aws_lambda_function" "no_env" {
  function_name = "pure"
  role          = "arn:aws:iam::111122223333:role/worker"
}

resource "aws_lambda_function" "empty_env" {
  function_name = "pure"
  role          = "arn:aws:iam::111122223333:role/worker"
  environment {
    variables = {}
  }
}`, NotApplicable: []string{"aws_lambda_function.no_env", "aws_lambda_function.empty_env"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_lambda_function" "default_key" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  environment {
    variables = {
      STAGE = "prod"
    }
  }
}

resource "aws_lambda_function" "managed" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  kms_key_arn   = "arn:aws:kms:eu-west-1:111122223333:alias/aws/lambda"
  environment {
    variables = {
      STAGE = "prod"
    }
  }
}

resource "aws_lambda_function" "empty_key" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  kms_key_arn   = ""
  environment {
    variables = {
      STAGE = "prod"
    }
  }
}

variable "env" {
  type = map(string)
}

resource "aws_lambda_function" "env_from_var" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  environment {
    variables = var.env
  }
}`, Fails: []string{"aws_lambda_function.default_key", "aws_lambda_function.managed", "aws_lambda_function.empty_key"},
		Unknowns: []string{"aws_lambda_function.env_from_var"},
		Expect: map[string]scanner.Expected{
			"aws_lambda_function.default_key": {Message: "kms_key_arn is not set: the function's environment (its variables) is encrypted with a key AWS owns or manages"},
			"aws_lambda_function.managed":     {Line: 15, Message: "AWS managed key"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		env := r.FirstBlock("environment")
		if env == nil {
			if r.BlocksUnknown("environment") {
				return afterUnknown(requireCustomerKeyIn(r.Attr("kms_key_arn"), ctx.Index, "the function's environment (its variables)"),
					r.Range, "environment is generated by a dynamic block only known after apply")
			}
			return scanner.DoesNotApply("the function has no environment variables")
		}
		vars := env.Attr("variables")
		key := requireCustomerKeyIn(r.Attr("kms_key_arn"), ctx.Index, "the function's environment (its variables)")
		if vars.IsNull() {
			return scanner.DoesNotApply("the function's environment block sets no variables")
		}
		if n, ok := knownMapLength(vars); ok {
			if n == 0 {
				return scanner.DoesNotApply("the function's environment block sets no variables")
			}
			return key
		}
		return afterUnknown(key, vars.Range, "environment.variables is not known until apply (it may be empty), and kms_key_arn names no customer-managed key")
	},
}

// knownMapLength returns the number of entries of a map or object whose
// keys are known, even when the values are not.
func knownMapLength(v scanner.Value) (int, bool) {
	if !v.Present || v.Val.IsNull() || !v.Val.IsKnown() {
		return 0, false
	}
	t := v.Val.Type()
	if !t.IsMapType() && !t.IsObjectType() {
		return 0, false
	}
	return v.Val.LengthInt(), true
}

// fsxTypes are the FSx file system resources.
var fsxTypes = []string{
	"aws_fsx_lustre_file_system", "aws_fsx_windows_file_system", "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system",
}

// fsxLustreScratch decides whether a Lustre file system is of a SCRATCH
// deployment type (the provider's default is SCRATCH_1): scratch file
// systems keep temporary data, take no automatic backups and cannot use a
// customer-managed key.
func fsxLustreScratch(r *scanner.Resource) scanner.Tri {
	if r.Type != "aws_fsx_lustre_file_system" {
		return scanner.No
	}
	dt := r.Attr("deployment_type")
	if dt.IsNull() {
		return scanner.Yes
	}
	if dt.IsUnknown() {
		return scanner.Maybe
	}
	return scanner.TriOf(strings.HasPrefix(strings.ToUpper(dt.StringOr("")), "SCRATCH"), false)
}

var fsxFileSystemCustomerKey = &scanner.Rule{
	ID:    "aws-fsx-file-system-customer-key",
	Title: "FSx file systems are encrypted with a customer-managed KMS key",
	Description: "FSx for Windows File Server, NetApp ONTAP, OpenZFS and persistent Lustre file systems are always " +
		"encrypted, but without kms_key_id with the AWS managed key aws/fsx, whose key policy the account cannot narrow " +
		"and whose backups cannot be copied to another account. Lustre SCRATCH file systems (the provider's default " +
		"deployment type) cannot use a customer-managed key and are not applicable." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: fsxTypes,
	Remediation:   "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: `resource "aws_fsx_windows_file_system" "shares" {
  # ...
  kms_key_id = aws_kms_key.fsx.arn
}`,
	Links: []string{
		registryDoc("aws_fsx_windows_file_system", "kms_key_id"),
		"https://docs.aws.amazon.com/fsx/latest/WindowsGuide/encryption-at-rest.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_178"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_179"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_203"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_190"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "fsx" {
  enable_key_rotation = true
}

resource "aws_fsx_ontap_file_system" "good" {
  storage_capacity    = 1024
  subnet_ids          = ["subnet-0123456789abcdef0"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 512
  preferred_subnet_id = "subnet-0123456789abcdef0"
  kms_key_id          = aws_kms_key.fsx.arn
}

resource "aws_fsx_lustre_file_system" "persistent" {
  storage_capacity = 1200
  subnet_ids       = ["subnet-0123456789abcdef0"]
  deployment_type  = "PERSISTENT_2"
  kms_key_id       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_fsx_lustre_file_system" "scratch" {
  storage_capacity = 1200
  subnet_ids       = ["subnet-0123456789abcdef0"]
}`, NotApplicable: []string{"aws_fsx_lustre_file_system.scratch"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_fsx_windows_file_system" "default_key" {
  storage_capacity    = 300
  subnet_ids          = ["subnet-0123456789abcdef0"]
  throughput_capacity = 32
}

resource "aws_fsx_openzfs_file_system" "managed" {
  storage_capacity    = 64
  subnet_ids          = ["subnet-0123456789abcdef0"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
  kms_key_id          = "alias/aws/fsx"
}

resource "aws_fsx_lustre_file_system" "persistent" {
  storage_capacity = 1200
  subnet_ids       = ["subnet-0123456789abcdef0"]
  deployment_type  = "PERSISTENT_1"
  kms_key_id       = ""
}

variable "deployment" {
  type = string
}

resource "aws_fsx_lustre_file_system" "maybe" {
  storage_capacity = 1200
  subnet_ids       = ["subnet-0123456789abcdef0"]
  deployment_type  = var.deployment
}`, Fails: []string{"aws_fsx_windows_file_system.default_key", "aws_fsx_openzfs_file_system.managed", "aws_fsx_lustre_file_system.persistent"},
		Unknowns: []string{"aws_fsx_lustre_file_system.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_fsx_windows_file_system.default_key": {Message: "kms_key_id is not set"},
			"aws_fsx_lustre_file_system.persistent":   {Line: 20, Message: "empty"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		key := requireCustomerKeyIn(r.Attr("kms_key_id"), ctx.Index, "the file system")
		switch fsxLustreScratch(r) {
		case scanner.Yes:
			return scanner.DoesNotApply("a Lustre SCRATCH file system cannot be encrypted with a customer-managed key")
		case scanner.Maybe:
			return afterUnknown(key, r.Attr("deployment_type").Range, "deployment_type is not known until apply (SCRATCH file systems cannot use a customer-managed key), and kms_key_id names no customer-managed key")
		}
		return key
	},
}
