package aws

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// Encryption at rest with customer-managed keys: the services whose
// encryption rule accepts an AWS owned or AWS managed key have a second
// rule that asks for a key the account manages (an aws_kms_key, not
// alias/aws/<service>, not an empty string).

// customerKeyNote ends the description of every rule of this file.
const customerKeyNote = " SOC 2 CC6.1 and C1.1 expect keys protecting confidential data to be under the organisation's " +
	"control. The key passes when it is a known key ID, ARN or alias other than alias/aws/…, or a reference to an " +
	"aws_kms_key (or replica, external key or customer alias) of the configuration; an empty string is unset, and a " +
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
}`, Fails: []string{"aws_sqs_queue.managed", "aws_sqs_queue.empty", "aws_sqs_queue.unset"}, Unknowns: []string{"aws_sqs_queue.maybe"}}},
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
}`, Fails: []string{"aws_sns_topic.managed", "aws_sns_topic.empty", "aws_sns_topic.unset"}, Unknowns: []string{"aws_sns_topic.maybe"}}},
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
