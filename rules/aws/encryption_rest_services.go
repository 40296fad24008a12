package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Encryption at rest of messaging, streaming, file, container, log, secret
// and backup services, and API Gateway caches.

var efsEncrypted = &scanner.Rule{
	ID:    "aws-efs-file-system-encrypted",
	Title: "EFS file systems are encrypted at rest",
	Description: "EFS file systems are shared by many instances and containers and tend to accumulate uploads, exports and " +
		"home directories; unencrypted, the data and its backups are readable by whoever obtains the storage (SOC 2 " +
		"CC6.1). encrypted defaults to false in the provider and can only be chosen at creation. " + keyOnlyEncryptionNote,
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_efs_file_system"},
	Remediation:     "Set encrypted = true (and kms_key_id to a customer-managed key); copy data to a new encrypted file system.",
	RemediationCode: "resource \"aws_efs_file_system\" \"shared\" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.efs.arn\n}",
	Links: []string{
		registryDoc("aws_efs_file_system", "encrypted"),
		"https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_42"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0037"},
		{Tool: scanner.ToolTfsec, ID: "aws-efs-enable-at-rest-encryption"},
		{Tool: scanner.ToolProwler, ID: "efs_encryption_at_rest_enabled"},
		{Tool: scanner.ToolKICS, ID: "EFS Not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_efs_file_system" "good" {
  encrypted = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_efs_file_system" "bad" {
  creation_token = "shared"
}

resource "aws_efs_file_system" "off" {
  for_each  = toset(["a", "b"])
  encrypted = each.key == "a"
}`, Fails: []string{"aws_efs_file_system.bad", `aws_efs_file_system.off["b"]`}}},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "aws_kms_key" "files" {
  description         = "EFS"
  enable_key_rotation = true
}

# EFS accepts a KMS key only with encryption on.
resource "aws_efs_file_system" "key_only" {
  creation_token = "uploads"
  kms_key_id     = aws_kms_key.files.arn
}`}}
		bad = []scanner.Example{{Code: `
variable "files_key" {
  type = string
}

resource "aws_efs_file_system" "maybe_key" {
  creation_token = "uploads"
  kms_key_id     = var.files_key
}

resource "aws_efs_file_system" "empty_key" {
  creation_token = "exports"
  kms_key_id     = ""
}`, Fails: []string{"aws_efs_file_system.empty_key"}, Unknowns: []string{"aws_efs_file_system.maybe_key"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		enc := r.Attr("encrypted")
		return keyImpliesEncryption(enc, r.Attr("kms_key_id"), func() scanner.Result {
			return scanner.RequireTrue(enc, "encrypted is not true (default false): files and their backups are stored unencrypted")
		})
	},
}

var snsTopicEncrypted = &scanner.Rule{
	ID:    "aws-sns-topic-encrypted",
	Title: "SNS topics encrypt messages at rest with KMS",
	Description: "SNS stores published messages until they are delivered; notifications frequently carry order details, " +
		"alerts with customer identifiers or tokens. Without kms_master_key_id the topic has no server-side encryption " +
		"(SOC 2 CC6.1). The AWS managed key alias/aws/sns satisfies this rule but cannot be used by publishers such as " +
		"CloudWatch alarms or EventBridge; prefer a customer-managed key.",
	Severity:        scanner.Medium,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_sns_topic"},
	Remediation:     "Set kms_master_key_id to a customer-managed KMS key whose policy lets the publishing services use it.",
	RemediationCode: "resource \"aws_sns_topic\" \"alerts\" {\n  name              = \"alerts\"\n  kms_master_key_id = aws_kms_key.sns.id\n}",
	Links: []string{
		registryDoc("aws_sns_topic", "kms_master_key_id"),
		"https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_26"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0095"},
		{Tool: scanner.ToolTfsec, ID: "aws-sns-enable-topic-encryption"},
		{Tool: scanner.ToolProwler, ID: "sns_topics_kms_encryption_at_rest_enabled"},
		{Tool: scanner.ToolKICS, ID: "SNS Topic Not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "sns" {
  enable_key_rotation = true
}

resource "aws_sns_topic" "good" {
  name              = "alerts"
  kms_master_key_id = aws_kms_key.sns.id
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sns_topic" "bad" {
  name = "alerts"
}

resource "aws_sns_topic" "empty_key" {
  name              = "alerts-empty-key"
  kms_master_key_id = ""
}

# An input variable with no default may be given "" or null.
variable "topic_key" {
  type = string
}

resource "aws_sns_topic" "maybe" {
  name              = "alerts-maybe"
  kms_master_key_id = var.topic_key
}`, Fails: []string{"aws_sns_topic.bad", "aws_sns_topic.empty_key"}, Unknowns: []string{"aws_sns_topic.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		key := r.Attr("kms_master_key_id")
		if isEmptyString(key) {
			return scanner.Failed(key.Range, "kms_master_key_id is empty, which the provider reads as unset: messages are stored without server-side encryption")
		}
		return requireNamed(key, "kms_master_key_id is not set: messages are stored without server-side encryption")
	},
}

var sqsQueueEncrypted = &scanner.Rule{
	ID:    "aws-sqs-queue-encrypted",
	Title: "SQS queues keep server-side encryption on",
	Description: "Queued messages can sit for up to 14 days and often carry the payloads services exchange. Since October " +
		"2022 SQS encrypts new queues with SQS-managed keys (SSE-SQS) unless told otherwise, and the provider leaves " +
		"sqs_managed_sse_enabled to that default; a queue fails only when it turns SSE-SQS off without a KMS key, " +
		"which stores messages unencrypted (SOC 2 CC6.1).",
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_sqs_queue"},
	Remediation:     "Remove sqs_managed_sse_enabled = false, or set kms_master_key_id to a KMS key (SSE-KMS).",
	RemediationCode: "resource \"aws_sqs_queue\" \"jobs\" {\n  name              = \"jobs\"\n  kms_master_key_id = aws_kms_key.sqs.id\n}",
	Links: []string{
		registryDoc("aws_sqs_queue", "sqs_managed_sse_enabled"),
		"https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_27"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0096"},
		{Tool: scanner.ToolTfsec, ID: "aws-sqs-enable-queue-encryption"},
		{Tool: scanner.ToolProwler, ID: "sqs_queues_server_side_encryption_enabled"},
		{Tool: scanner.ToolKICS, ID: "SQS With SSE Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sqs_queue" "default_sse" {
  name = "jobs"
}

resource "aws_sqs_queue" "kms" {
  name              = "payments"
  kms_master_key_id = "alias/payments"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sqs_queue" "bad" {
  name                    = "jobs"
  sqs_managed_sse_enabled = false
}

resource "aws_sqs_queue" "empty_key" {
  name                    = "jobs-empty-key"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = ""
}

variable "sse" {
  type = bool
}

resource "aws_sqs_queue" "unknown" {
  name                    = "maybe"
  sqs_managed_sse_enabled = var.sse
}

# An input variable with no default may be given "" or null: no key.
variable "queue_key" {
  type = string
}

resource "aws_sqs_queue" "maybe_key" {
  name                    = "jobs-maybe-key"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = var.queue_key
}`, Fails: []string{"aws_sqs_queue.bad", "aws_sqs_queue.empty_key"}, Unknowns: []string{"aws_sqs_queue.maybe_key", "aws_sqs_queue.unknown"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return ruleutil.PassIfNamed(r.Attr("kms_master_key_id"), func() scanner.Result {
			return scanner.RequireTrueOr(r.Attr("sqs_managed_sse_enabled"), true,
				"sqs_managed_sse_enabled = false and no kms_master_key_id: messages are stored unencrypted")
		})
	},
}

var kinesisStreamEncrypted = &scanner.Rule{
	ID:    "aws-kinesis-stream-encrypted",
	Title: "Kinesis data streams encrypt records with KMS",
	Description: "Stream records are retained for 24 hours to a year and typically carry clickstreams, events and change " +
		"data with personal information. encryption_type defaults to NONE, storing records unencrypted (SOC 2 CC6.1).",
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_kinesis_stream"},
	Remediation:     "Set encryption_type = \"KMS\" and kms_key_id (a customer-managed key, or alias/aws/kinesis).",
	RemediationCode: "resource \"aws_kinesis_stream\" \"events\" {\n  name            = \"events\"\n  encryption_type = \"KMS\"\n  kms_key_id      = aws_kms_key.kinesis.id\n}",
	Links:           []string{registryDoc("aws_kinesis_stream", "encryption_type")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_43"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0064"},
		{Tool: scanner.ToolTfsec, ID: "aws-kinesis-enable-in-transit-encryption"},
		{Tool: scanner.ToolProwler, ID: "kinesis_stream_encrypted_at_rest"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kinesis_stream" "good" {
  name            = "events"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_kinesis_stream" "bad" {
  name        = "events"
  shard_count = 1
}

resource "aws_kinesis_stream" "no_key" {
  name            = "events2"
  shard_count     = 1
  encryption_type = "KMS"
}

# An input variable with no default may be given "" or null.
variable "stream_key" {
  type = string
}

resource "aws_kinesis_stream" "maybe" {
  name            = "events-maybe"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = var.stream_key
}`, Fails: []string{"aws_kinesis_stream.bad", "aws_kinesis_stream.no_key"}, Unknowns: []string{"aws_kinesis_stream.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		typ := r.Attr("encryption_type")
		switch {
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "encryption_type is not known until apply")
		case !typ.Equals("KMS"):
			return scanner.Failed(typ.Range, "encryption_type is %s (default NONE): records are stored unencrypted", describeValue(typ))
		}
		return requireNamed(r.Attr("kms_key_id"), "encryption_type is KMS but kms_key_id is not set: the stream cannot be encrypted")
	},
}

var mskClusterCustomerKey = &scanner.Rule{
	ID:    "aws-msk-cluster-customer-key",
	Title: "MSK clusters encrypt broker storage with a customer-managed KMS key",
	Description: "MSK always encrypts broker volumes, by default with the AWS managed key aws/kafka, which you cannot restrict " +
		"by key policy or revoke. Event streams usually carry the data other systems are built from; a customer-managed " +
		"key gives SOC 2 CC6.1 reviewers key-usage evidence and revocation. Disable this rule where the AWS managed key " +
		"is accepted.",
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_msk_cluster"},
	Remediation:     "Set encryption_info { encryption_at_rest_kms_key_arn = <customer-managed key ARN> } (requires re-creation).",
	RemediationCode: "resource \"aws_msk_cluster\" \"events\" {\n  # ...\n  encryption_info {\n    encryption_at_rest_kms_key_arn = aws_kms_key.msk.arn\n  }\n}",
	Links:           []string{registryDoc("aws_msk_cluster", "encryption_at_rest_kms_key_arn")},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0179"},
		{Tool: scanner.ToolTfsec, ID: "aws-msk-enable-at-rest-encryption"},
		{Tool: scanner.ToolKICS, ID: "MSK Cluster Encryption Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "msk" {
  enable_key_rotation = true
}

resource "aws_msk_cluster" "good" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.msk.arn
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
}`, Fails: []string{"aws_msk_cluster.bad"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Get("encryption_info", "encryption_at_rest_kms_key_arn"), ctx.Index, "broker storage")
	},
}

var cloudwatchLogGroupCustomerKey = &scanner.Rule{
	ID:    "aws-cloudwatch-log-group-customer-key",
	Title: "CloudWatch log groups are encrypted with a customer-managed KMS key",
	Description: "CloudWatch Logs always encrypts log data with a service key; logs nonetheless collect request payloads, " +
		"tokens and personal data by accident. A customer-managed key (kms_key_id) lets you restrict who can read the " +
		"logs through the key policy, evidence every decryption in CloudTrail and revoke access (SOC 2 CC6.1). Disable " +
		"this rule for log groups that hold no sensitive data.",
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_cloudwatch_log_group"},
	Remediation:     "Set kms_key_id to a customer-managed key whose policy allows logs.<region>.amazonaws.com to use it.",
	RemediationCode: "resource \"aws_cloudwatch_log_group\" \"app\" {\n  name              = \"/app/prod\"\n  retention_in_days = 365\n  kms_key_id        = aws_kms_key.logs.arn\n}",
	Links: []string{
		registryDoc("aws_cloudwatch_log_group", "kms_key_id"),
		"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_158"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0017"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudwatch-log-group-customer-key"},
		{Tool: scanner.ToolKICS, ID: "CloudWatch Log Group Without KMS"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "logs" {
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "good" {
  name       = "/app/prod"
  kms_key_id = aws_kms_key.logs.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_cloudwatch_log_group" "bad" {
  name = "/app/prod"
}`, Fails: []string{"aws_cloudwatch_log_group.bad"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_key_id"), ctx.Index, "the log data")
	},
}

var secretsManagerCustomerKey = &scanner.Rule{
	ID:    "aws-secretsmanager-secret-customer-key",
	Title: "Secrets Manager secrets are encrypted with a customer-managed KMS key",
	Description: "Secrets are always encrypted, by default with the AWS managed key aws/secretsmanager, which every principal " +
		"in the account with secretsmanager:GetSecretValue can use. A customer-managed key adds a second, independent " +
		"permission check (the key policy), is required to share a secret with another account, and can be revoked " +
		"(SOC 2 CC6.1).",
	Severity:        scanner.Low,
	Criteria:        secretCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_secretsmanager_secret"},
	Remediation:     "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_secretsmanager_secret\" \"db\" {\n  name       = \"prod/db\"\n  kms_key_id = aws_kms_key.secrets.arn\n}",
	Links: []string{
		registryDoc("aws_secretsmanager_secret", "kms_key_id"),
		"https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_149"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0098"},
		{Tool: scanner.ToolTfsec, ID: "aws-ssm-secret-use-customer-key"},
		{Tool: scanner.ToolKICS, ID: "Secretsmanager Secret Without KMS"},
		{Tool: scanner.ToolKICS, ID: "Secretsmanager Secret Encrypted With AWS Managed Key"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "secrets" {
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "good" {
  name       = "prod/db"
  kms_key_id = aws_kms_key.secrets.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_secretsmanager_secret" "bad" {
  name = "prod/db"
}

resource "aws_secretsmanager_secret" "aws_managed" {
  name       = "prod/api"
  kms_key_id = "alias/aws/secretsmanager"
}`, Fails: []string{"aws_secretsmanager_secret.aws_managed", "aws_secretsmanager_secret.bad"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_key_id"), ctx.Index, "the secret")
	},
}

var ecrRepositoryKMS = &scanner.Rule{
	ID:    "aws-ecr-repository-kms-encrypted",
	Title: "ECR repositories encrypt images with KMS",
	Description: "ECR encrypts images with S3-managed AES-256 keys by default. Images embed application code and, too often, " +
		"configuration and credentials; KMS encryption (encryption_type = \"KMS\", ideally with a customer-managed " +
		"kms_key) puts image access under a key policy with CloudTrail evidence of every use (SOC 2 CC6.1). The setting " +
		"can only be chosen when the repository is created.",
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_ecr_repository"},
	Remediation:     "Add encryption_configuration { encryption_type = \"KMS\", kms_key = <customer-managed key ARN> }.",
	RemediationCode: "resource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n  encryption_configuration {\n    encryption_type = \"KMS\"\n    kms_key         = aws_kms_key.ecr.arn\n  }\n}",
	Links: []string{
		registryDoc("aws_ecr_repository", "encryption_configuration"),
		"https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_136"},
		{Tool: scanner.ToolKICS, ID: "ECR Repository Not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ecr_repository" "good" {
  name = "app"
  encryption_configuration {
    encryption_type = "KMS"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ecr_repository" "bad" {
  name = "app"
}

resource "aws_ecr_repository" "aes" {
  name = "app2"
  encryption_configuration {
    encryption_type = "AES256"
  }
}`, Fails: []string{"aws_ecr_repository.aes", "aws_ecr_repository.bad"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		typ := r.Get("encryption_configuration", "encryption_type")
		switch {
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "encryption_type is not known until apply")
		case typ.OneOf("KMS", "KMS_DSSE"):
			return scanner.Passed()
		}
		return scanner.Failed(typ.Range, "encryption_type is %s (default AES256): images are encrypted with S3-managed keys outside any key policy", describeValue(typ))
	},
}

var ecrRepositoryCustomerKey = &scanner.Rule{
	ID:    "aws-ecr-repository-customer-key",
	Title: "ECR repositories encrypt images with a customer-managed KMS key",
	Description: "encryption_type = \"KMS\" without kms_key encrypts images with the AWS managed key aws/ecr, whose " +
		"policy the account cannot change: every principal allowed to pull can decrypt, and access cannot be revoked " +
		"by disabling the key. The default AES256 uses S3-managed keys outside KMS altogether. The key can only be " +
		"chosen when the repository is created." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_ecr_repository"},
	Remediation:     "Set encryption_configuration { encryption_type = \"KMS\", kms_key = <customer-managed key ARN> } (re-creates the repository).",
	RemediationCode: "resource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n  encryption_configuration {\n    encryption_type = \"KMS\"\n    kms_key         = aws_kms_key.ecr.arn\n  }\n}",
	Links: []string{
		registryDoc("aws_ecr_repository", "encryption_configuration"),
		"https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0033"},
		{Tool: scanner.ToolTfsec, ID: "aws-ecr-repository-customer-key"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "ecr" {
  enable_key_rotation = true
}

resource "aws_ecr_repository" "good" {
  name = "app"
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ecr_repository" "default" {
  name = "app"
}

resource "aws_ecr_repository" "aws_managed" {
  name = "app2"
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_repository" "alias" {
  name = "app3"
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = "arn:aws:kms:eu-west-1:111122223333:alias/aws/ecr"
  }
}

variable "kms_key_arn" {
  type = string
}

resource "aws_ecr_repository" "from_var" {
  name = "app"
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.kms_key_arn
  }
}`, Fails: []string{"aws_ecr_repository.default", "aws_ecr_repository.aws_managed", "aws_ecr_repository.alias"},
		Unknowns: []string{"aws_ecr_repository.from_var"},
		Expect:   map[string]scanner.Expected{"aws_ecr_repository.aws_managed": {Message: "AWS managed key aws/ecr"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		typ := r.Get("encryption_configuration", "encryption_type")
		switch {
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "encryption_type is not known until apply")
		case !typ.OneOf("KMS", "KMS_DSSE"):
			return scanner.Failed(typ.Range, "encryption_type is %s (default AES256): images are encrypted with S3-managed keys, not a customer-managed KMS key", describeValue(typ))
		}
		key := r.Get("encryption_configuration", "kms_key")
		if key.IsNull() || isEmptyString(key) {
			return scanner.Failed(typ.Range, "encryption_type is %s without kms_key: images are encrypted with the AWS managed key aws/ecr", describeValue(typ))
		}
		return requireCustomerKeyIn(key, ctx.Index, "the repository's images")
	},
}

var backupVaultCustomerKey = &scanner.Rule{
	ID:    "aws-backup-vault-customer-key",
	Title: "Backup vaults encrypt recovery points with a customer-managed KMS key",
	Description: "A backup vault holds copies of every protected resource; without kms_key_arn it uses the AWS managed key " +
		"aws/backup, which cannot be shared, so copies to another account (the usual defence against a compromised " +
		"production account) are impossible, and access cannot be restricted by key policy (SOC 2 CC6.1).",
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_backup_vault"},
	Remediation:     "Set kms_key_arn to a customer-managed KMS key (the vault must be re-created).",
	RemediationCode: "resource \"aws_backup_vault\" \"main\" {\n  name        = \"main\"\n  kms_key_arn = aws_kms_key.backup.arn\n}",
	Links: []string{
		registryDoc("aws_backup_vault", "kms_key_arn"),
		"https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_166"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "backup" {
  enable_key_rotation = true
}

resource "aws_backup_vault" "good" {
  name        = "main"
  kms_key_arn = aws_kms_key.backup.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_backup_vault" "bad" {
  name = "main"
}

variable "encrypt" {
  type = bool
}

resource "aws_kms_key" "backup" {
  enable_key_rotation = true
}

resource "aws_backup_vault" "maybe" {
  name        = "maybe"
  kms_key_arn = var.encrypt ? aws_kms_key.backup.arn : null
}`, Fails: []string{"aws_backup_vault.bad"}, Unknowns: []string{"aws_backup_vault.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireCustomerKeyIn(r.Attr("kms_key_arn"), ctx.Index, "every recovery point in the vault")
	},
}

var eksSecretsEncrypted = &scanner.Rule{
	ID:    "aws-eks-cluster-secrets-encrypted",
	Title: "EKS clusters envelope-encrypt Kubernetes secrets with a customer-managed KMS key",
	Description: "Kubernetes secrets hold database passwords, tokens and TLS keys. Without encryption_config for \"secrets\" " +
		"they are protected in etcd only by the encryption EKS applies itself, under a key you can neither restrict, " +
		"audit nor revoke; envelope encryption with your KMS key adds all three (SOC 2 CC6.1).",
	Severity:        scanner.Medium,
	Criteria:        secretCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_eks_cluster"},
	Remediation:     "Add encryption_config { resources = [\"secrets\"], provider { key_arn = <KMS key ARN> } }.",
	RemediationCode: "resource \"aws_eks_cluster\" \"main\" {\n  # ...\n  encryption_config {\n    resources = [\"secrets\"]\n    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n  }\n}",
	Links: []string{
		registryDoc("aws_eks_cluster", "encryption_config"),
		"https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_58"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0039"},
		{Tool: scanner.ToolTfsec, ID: "aws-eks-encrypt-secrets"},
		{Tool: scanner.ToolProwler, ID: "eks_cluster_kms_cmk_encryption_in_secrets_enabled"},
		{Tool: scanner.ToolKICS, ID: "EKS Cluster Encryption Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "eks" {
  enable_key_rotation = true
}

resource "aws_eks_cluster" "good" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_eks_cluster" "bad" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

# An input variable with no default may be given "" or null.
variable "secrets_key" {
  type = string
}

resource "aws_eks_cluster" "maybe" {
  name     = "maybe"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = var.secrets_key
    }
  }
}`, Fails: []string{"aws_eks_cluster.bad"}, Unknowns: []string{"aws_eks_cluster.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("encryption_config") {
			return scanner.Unknowable(r.Range, "encryption_config is not known until apply")
		}
		for _, ec := range r.Blocks("encryption_config") {
			res := ec.Attr("resources")
			if res.IsUnknown() {
				return scanner.Unknowable(res.Range, "encryption_config.resources is not known until apply")
			}
			list, _ := res.AsStrings()
			for _, s := range list {
				if s == "secrets" {
					return requireNamed(ec.Get("provider", "key_arn"), "encryption_config has no provider key_arn")
				}
			}
		}
		return scanner.Failed(r.Range, "no encryption_config for \"secrets\": Kubernetes secrets are not envelope-encrypted with a customer-managed KMS key")
	},
}

var workspacesVolumesEncrypted = &scanner.Rule{
	ID:    "aws-workspaces-volumes-encrypted",
	Title: "WorkSpaces encrypt their root and user volumes",
	Description: "A WorkSpace is an employee's desktop: its user volume holds downloaded customer data, documents and browser " +
		"profiles. Both volumes are unencrypted unless root_volume_encryption_enabled and user_volume_encryption_enabled " +
		"are set (SOC 2 CC6.1); encryption can only be chosen when the WorkSpace is created.",
	Severity:        scanner.High,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_workspaces_workspace"},
	Remediation:     "Set root_volume_encryption_enabled and user_volume_encryption_enabled to true with volume_encryption_key.",
	RemediationCode: "resource \"aws_workspaces_workspace\" \"desk\" {\n  # ...\n  root_volume_encryption_enabled = true\n  user_volume_encryption_enabled = true\n  volume_encryption_key          = aws_kms_key.workspaces.arn\n}",
	Links:           []string{registryDoc("aws_workspaces_workspace", "root_volume_encryption_enabled")},
	References: []scanner.Reference{
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0109"},
		{Tool: scanner.ToolTfsec, ID: "aws-workspaces-enable-disk-encryption"},
		{Tool: scanner.ToolKICS, ID: "Workspaces Workspace Volume Not Encrypted"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_155"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_156"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_workspaces_workspace" "good" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-abcdefghi"
  user_name                      = "jane"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = true
  volume_encryption_key          = "alias/workspaces"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_workspaces_workspace" "bad" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-abcdefghi"
  user_name                      = "jane"
  root_volume_encryption_enabled = true
}`, Fails: []string{"aws_workspaces_workspace.bad"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return worst(
			scanner.RequireTrue(r.Attr("root_volume_encryption_enabled"), "root_volume_encryption_enabled is not true: the system volume is unencrypted"),
			scanner.RequireTrue(r.Attr("user_volume_encryption_enabled"), "user_volume_encryption_enabled is not true: the user's files are stored unencrypted"),
		)
	},
}

var apiGatewayCacheEncrypted = &scanner.Rule{
	ID:    "aws-api-gateway-cache-encrypted",
	Title: "API Gateway REST API caches encrypt the responses they keep",
	Description: "A stage with a cache cluster keeps copies of method responses, which hold whatever data the API " +
		"returns, for the cache's time to live; cache_data_encrypted defaults to false, which stores them unencrypted " +
		"(SOC 2 CC6.1, C1.1). An aws_api_gateway_method_settings whose settings turn caching_enabled on must set " +
		"cache_data_encrypted = true, and one that sets cache_data_encrypted = false without turning caching_enabled off " +
		"fails as a standing instruction not to encrypt; a stage with cache_cluster_enabled = true (where API Gateway caches GET methods " +
		"by default) needs method settings for \"*/*\" that set it. Method settings that turn caching off, and stages " +
		"without a cache cluster, are not applicable.",
	Severity:      scanner.Medium,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_api_gateway_method_settings", "aws_api_gateway_stage"},
	Remediation:   "Set settings { cache_data_encrypted = true } in the method settings of every cached method, or of \"*/*\" for the whole stage.",
	RemediationCode: `resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}`,
	Links: []string{
		registryDoc("aws_api_gateway_method_settings", "cache_data_encrypted"),
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_308"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0002"},
		{Tool: scanner.ToolTfsec, ID: "aws-api-gateway-enable-cache-encryption"},
		{Tool: scanner.ToolProwler, ID: "apigateway_restapi_cache_encrypted"},
		{Tool: scanner.ToolKICS, ID: "API Gateway Method Settings Cache Not Encrypted"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = "a1b2c3"
  deployment_id         = "d4e5f6"
  stage_name            = "prod"
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "a1b2c3"
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}

resource "aws_api_gateway_stage" "dev" {
  rest_api_id   = "a1b2c3"
  deployment_id = "d4e5f6"
  stage_name    = "dev"
}

resource "aws_api_gateway_method_settings" "metrics_only" {
  rest_api_id = "a1b2c3"
  stage_name  = aws_api_gateway_stage.dev.stage_name
  method_path = "*/*"
  settings {
    metrics_enabled = true
    logging_level   = "INFO"
  }
}`, NotApplicable: []string{"aws_api_gateway_stage.dev", "aws_api_gateway_method_settings.metrics_only"}}, {Code: `
# The stage and its method settings read one stage name variable and name
# one REST API.
variable "stage" {
  type = string
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
}

resource "aws_api_gateway_stage" "orders" {
  rest_api_id           = aws_api_gateway_rest_api.orders.id
  deployment_id         = "d4e5f6"
  stage_name            = var.stage
  cache_cluster_enabled = true
}

resource "aws_api_gateway_method_settings" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  stage_name  = var.stage
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_api_gateway_method_settings" "unencrypted" {
  rest_api_id = "a1b2c3"
  stage_name  = "prod"
  method_path = "orders/GET"
  settings {
    caching_enabled = true
  }
}

resource "aws_api_gateway_method_settings" "off" {
  rest_api_id = "a1b2c3"
  stage_name  = "prod"
  method_path = "items/GET"
  settings {
    caching_enabled      = true
    cache_data_encrypted = false
  }
}

resource "aws_api_gateway_method_settings" "opted_out" {
  rest_api_id = "a1b2c3"
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    metrics_enabled      = true
    cache_data_encrypted = false
  }
}

resource "aws_api_gateway_method_settings" "caching_off" {
  rest_api_id = "a1b2c3"
  stage_name  = "prod"
  method_path = "reports/GET"
  settings {
    caching_enabled      = false
    cache_data_encrypted = false
  }
}

resource "aws_api_gateway_stage" "cached" {
  rest_api_id           = "a1b2c3"
  deployment_id         = "d4e5f6"
  stage_name            = "cached"
  cache_cluster_enabled = true
}

variable "caching" {
  type = bool
}

resource "aws_api_gateway_method_settings" "maybe" {
  rest_api_id = "a1b2c3"
  stage_name  = "prod"
  method_path = "users/GET"
  settings {
    caching_enabled = var.caching
  }
}`, Fails: []string{"aws_api_gateway_method_settings.unencrypted", "aws_api_gateway_method_settings.off", "aws_api_gateway_method_settings.opted_out", "aws_api_gateway_stage.cached"},
		Unknowns:      []string{"aws_api_gateway_method_settings.maybe"},
		NotApplicable: []string{"aws_api_gateway_method_settings.caching_off"},
		Expect: map[string]scanner.Expected{
			"aws_api_gateway_method_settings.unencrypted": {Line: 6, Message: "cache_data_encrypted is not set"},
			"aws_api_gateway_method_settings.off":         {Line: 17, Message: "cache_data_encrypted = false"},
			"aws_api_gateway_method_settings.opted_out":   {Line: 27, Message: "cache_data_encrypted = false: whatever these methods cache"},
			"aws_api_gateway_stage.cached":                {Line: 45, Message: `no aws_api_gateway_method_settings for "*/*"`},
		}}, {Code: `
# A stage name is unique within its REST API only: the billing API's
# settings of a stage named from the same variable are not the orders API's.
variable "stage" {
  type = string
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
}

resource "aws_api_gateway_rest_api" "billing" {
  name = "billing"
}

resource "aws_api_gateway_stage" "orders" {
  rest_api_id           = aws_api_gateway_rest_api.orders.id
  deployment_id         = "d4e5f6"
  stage_name            = var.stage
  cache_cluster_enabled = true
}

resource "aws_api_gateway_method_settings" "billing" {
  rest_api_id = aws_api_gateway_rest_api.billing.id
  stage_name  = var.stage
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}`, Fails: []string{"aws_api_gateway_stage.orders"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type == "aws_api_gateway_stage" {
			return apiGatewayStageCacheEncrypted(r, ctx.Index)
		}
		s := r.FirstBlock("settings")
		if s == nil {
			if r.BlocksUnknown("settings") {
				return scanner.Unknowable(r.Range, "settings is generated by a dynamic block only known after apply")
			}
			return scanner.DoesNotApply("the method settings set nothing")
		}
		caching, enc := s.Attr("caching_enabled"), s.Attr("cache_data_encrypted")
		switch {
		case enc.IsTrue():
			return scanner.Passed()
		case caching.IsUnknown():
			return scanner.Unknowable(caching.Range, "caching_enabled is not known until apply, and cache_data_encrypted is not true")
		case caching.IsNull() && enc.IsFalse():
			return scanner.Failed(enc.Range, "cache_data_encrypted = false: whatever these methods cache (once caching is on for them, as it is for GET methods when the stage has a cache cluster) is stored unencrypted")
		case !caching.IsTrue():
			return scanner.DoesNotApply("caching_enabled is not true: these methods cache nothing")
		case enc.IsUnknown():
			return scanner.Unknowable(enc.Range, "cache_data_encrypted is not known until apply")
		case enc.IsNull():
			return scanner.Failed(s.Range, "caching_enabled = true but cache_data_encrypted is not set (default false): cached responses are stored unencrypted")
		}
		return scanner.Failed(enc.Range, "cache_data_encrypted = false with caching_enabled = true: cached responses are stored unencrypted")
	},
}

// apiGatewayStageCacheEncrypted decides a stage: with a cache cluster it
// needs method settings for every method ("*/*") that encrypt the cache.
func apiGatewayStageCacheEncrypted(r *scanner.Resource, ix *scanner.Index) scanner.Result {
	cc := r.Attr("cache_cluster_enabled")
	switch {
	case cc.IsUnknown():
		return scanner.Unknowable(cc.Range, "cache_cluster_enabled is not known until apply")
	case !cc.IsTrue():
		return scanner.DoesNotApply("the stage has no cache cluster")
	}
	// A stage name is unique within its REST API only: settings of
	// another API's stage of the same name (a literal "prod", or one
	// variable every API's stage reads) are not this stage's.
	found, maybe := ix.ReferrersIn(inParent("rest_api_id", "id"), r, "aws_api_gateway_method_settings", []string{"stage_name"}, "stage_name")
	var unknown *scanner.Resource
	for _, ms := range found {
		path := ms.Attr("method_path")
		s := ms.FirstBlock("settings")
		if s == nil {
			continue
		}
		enc := s.Attr("cache_data_encrypted")
		switch {
		case path.IsUnknown() || enc.IsUnknown():
			unknown = ms
		case path.Equals("*/*") && enc.IsTrue():
			return scanner.Passed()
		case path.Equals("*/*") && s.Attr("caching_enabled").IsFalse():
			return scanner.DoesNotApply("%s turns caching off for every method of the stage", ms.Address)
		}
	}
	if unknown == nil {
		unknown = maybe
	}
	if unknown != nil {
		return scanner.Unknowable(cc.Range, "cache_cluster_enabled = true, and whether %s encrypts the cache for all methods is not known until apply", unknown.Address)
	}
	return scanner.Failed(cc.Range, "cache_cluster_enabled = true but no aws_api_gateway_method_settings for \"*/*\" of this stage sets cache_data_encrypted = true: responses API Gateway caches (GET methods by default) are stored unencrypted")
}
