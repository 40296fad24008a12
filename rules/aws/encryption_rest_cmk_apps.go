package aws

import (
	"fmt"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Customer-managed keys for application services whose data is encrypted
// with a key AWS owns unless an argument names a customer-managed one.

var appflowFlowCustomerKey = &scanner.Rule{
	ID:    "aws-appflow-flow-customer-key",
	Title: "AppFlow flows encrypt the data they move with a customer-managed KMS key",
	Description: "An AppFlow flow stages the records it moves between SaaS applications and AWS; without kms_arn " +
		"they are encrypted with the AWS managed key for AppFlow, whose policy the account cannot narrow." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_appflow_flow"},
	Remediation:     "Set kms_arn to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_appflow_flow\" \"sync\" {\n  # ...\n  kms_arn = aws_kms_key.appflow.arn\n}",
	Links:           []string{registryDoc("aws_appflow_flow", "kms_arn")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_263"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "appflow" {
  enable_key_rotation = true
}

resource "aws_appflow_flow" "good" {
  name    = "crm-sync"
  kms_arn = aws_kms_key.appflow.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_appflow_flow" "unset" {
  name = "crm-sync"
}`, Fails: []string{"aws_appflow_flow.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_arn", "the flow's data", nil)
	},
}

var appflowConnectorProfileCustomerKey = &scanner.Rule{
	ID:    "aws-appflow-connector-profile-customer-key",
	Title: "AppFlow connector profiles encrypt their credentials with a customer-managed KMS key",
	Description: "A connector profile stores the credentials AppFlow uses to reach a SaaS application or database; " +
		"without kms_arn they are encrypted with the AWS managed key for AppFlow." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_appflow_connector_profile"},
	Remediation:     "Set kms_arn to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_appflow_connector_profile\" \"crm\" {\n  # ...\n  kms_arn = aws_kms_key.appflow.arn\n}",
	Links:           []string{registryDoc("aws_appflow_connector_profile", "kms_arn")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_264"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "appflow" {
  enable_key_rotation = true
}

resource "aws_appflow_connector_profile" "good" {
  name            = "crm"
  connector_type  = "Salesforce"
  connection_mode = "Public"
  kms_arn         = aws_kms_key.appflow.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_appflow_connector_profile" "unset" {
  name            = "crm"
  connector_type  = "Salesforce"
  connection_mode = "Public"
}`, Fails: []string{"aws_appflow_connector_profile.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_arn", "the credential data the profile stores", nil)
	},
}

var comprehendModelCustomerKey = &scanner.Rule{
	ID:    "aws-comprehend-model-customer-key",
	Title: "Comprehend custom models are encrypted with a customer-managed KMS key",
	Description: "A Comprehend entity recognizer or document classifier is trained on the organisation's documents; " +
		"without model_kms_key_id the trained model is encrypted with a key AWS owns." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_comprehend_entity_recognizer", "aws_comprehend_document_classifier"},
	Remediation:     "Set model_kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_comprehend_entity_recognizer\" \"names\" {\n  # ...\n  model_kms_key_id = aws_kms_key.ml.arn\n}",
	Links:           []string{registryDoc("aws_comprehend_entity_recognizer", "model_kms_key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_267"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_comprehend_entity_recognizer" "good" {
  name                 = "names"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend"
  language_code        = "en"
  model_kms_key_id     = aws_kms_key.ml.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_comprehend_entity_recognizer" "unset" {
  name                 = "names"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend"
  language_code        = "en"
  volume_kms_key_id    = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_comprehend_document_classifier" "unset" {
  name                 = "tickets"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend"
  language_code        = "en"
}`, Fails: []string{"aws_comprehend_entity_recognizer.unset", "aws_comprehend_document_classifier.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "model_kms_key_id", "the trained model", nil)
	},
}

var comprehendVolumeCustomerKey = &scanner.Rule{
	ID:    "aws-comprehend-training-volume-customer-key",
	Title: "Comprehend training volumes are encrypted with a customer-managed KMS key",
	Description: "Comprehend copies the training documents of an entity recognizer or document classifier to the " +
		"storage volumes of its training instances; without volume_kms_key_id those volumes are encrypted with a key " +
		"AWS owns." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_comprehend_entity_recognizer", "aws_comprehend_document_classifier"},
	Remediation:     "Set volume_kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_comprehend_entity_recognizer\" \"names\" {\n  # ...\n  volume_kms_key_id = aws_kms_key.ml.arn\n}",
	Links:           []string{registryDoc("aws_comprehend_entity_recognizer", "volume_kms_key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_268"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_comprehend_document_classifier" "good" {
  name                 = "tickets"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend"
  language_code        = "en"
  volume_kms_key_id    = aws_kms_key.ml.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_comprehend_entity_recognizer" "unset" {
  name                 = "names"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend"
  language_code        = "en"
  model_kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}`, Fails: []string{"aws_comprehend_entity_recognizer.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "volume_kms_key_id", "each training volume", nil)
	},
}

var connectStorageCustomerKey = &scanner.Rule{
	ID:    "aws-connect-storage-customer-key",
	Title: "Amazon Connect stores call recordings, transcripts and media with a customer-managed KMS key",
	Description: "aws_connect_instance_storage_config sends an instance's call recordings, chat transcripts, reports " +
		"or live media to S3 or Kinesis Video Streams; without encryption_config { key_id } naming a customer-managed " +
		"key they are not under a key whose policy the account controls." + customerKeyNote,
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_connect_instance_storage_config"},
	Remediation:   "Add encryption_config { encryption_type = \"KMS\", key_id = <customer-managed key> } to s3_config or kinesis_video_stream_config.",
	RemediationCode: `storage_config {
  storage_type = "S3"
  s3_config {
    bucket_name   = aws_s3_bucket.calls.id
    bucket_prefix = "recordings"
    encryption_config {
      encryption_type = "KMS"
      key_id          = aws_kms_key.calls.arn
    }
  }
}`,
	Links: []string{registryDoc("aws_connect_instance_storage_config", "encryption_config")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_269"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_270"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "calls" {
  enable_key_rotation = true
}

resource "aws_connect_instance_storage_config" "good" {
  instance_id   = "aaaaaaaa-bbbb-cccc-dddd-111111111111"
  resource_type = "CALL_RECORDINGS"
  storage_config {
    storage_type = "S3"
    s3_config {
      bucket_name   = "calls"
      bucket_prefix = "recordings"
      encryption_config {
        encryption_type = "KMS"
        key_id          = aws_kms_key.calls.arn
      }
    }
  }
}

resource "aws_connect_instance_storage_config" "stream" {
  instance_id   = "aaaaaaaa-bbbb-cccc-dddd-111111111111"
  resource_type = "CONTACT_TRACE_RECORDS"
  storage_config {
    storage_type = "KINESIS_STREAM"
    kinesis_stream_config {
      stream_arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/ctr"
    }
  }
}`, NotApplicable: []string{"aws_connect_instance_storage_config.stream"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_connect_instance_storage_config" "s3" {
  instance_id   = "aaaaaaaa-bbbb-cccc-dddd-111111111111"
  resource_type = "CHAT_TRANSCRIPTS"
  storage_config {
    storage_type = "S3"
    s3_config {
      bucket_name   = "calls"
      bucket_prefix = "chats"
    }
  }
}

resource "aws_connect_instance_storage_config" "media" {
  instance_id   = "aaaaaaaa-bbbb-cccc-dddd-111111111111"
  resource_type = "MEDIA_STREAMS"
  storage_config {
    storage_type = "KINESIS_VIDEO_STREAM"
    kinesis_video_stream_config {
      prefix                 = "media"
      retention_period_hours = 24
      encryption_config {
        encryption_type = "KMS"
        key_id          = "arn:aws:kms:eu-west-1:111122223333:alias/aws/kinesisvideo"
      }
    }
  }
}

variable "recording_buckets" {
  type = list(string)
}

resource "aws_connect_instance_storage_config" "dynamic" {
  instance_id   = "aaaaaaaa-bbbb-cccc-dddd-111111111111"
  resource_type = "CALL_RECORDINGS"
  storage_config {
    storage_type = "S3"
    dynamic "s3_config" {
      for_each = var.recording_buckets
      content {
        bucket_name   = s3_config.value
        bucket_prefix = "recordings"
      }
    }
  }
}

variable "recording_key" {
  type = string
}

resource "aws_connect_instance_storage_config" "dynamic_key" {
  instance_id   = "aaaaaaaa-bbbb-cccc-dddd-111111111111"
  resource_type = "CALL_RECORDINGS"
  storage_config {
    storage_type = "S3"
    s3_config {
      bucket_name   = "calls"
      bucket_prefix = "recordings"
      dynamic "encryption_config" {
        for_each = var.recording_key == "" ? [] : [var.recording_key]
        content {
          encryption_type = "KMS"
          key_id          = encryption_config.value
        }
      }
    }
  }
}`, Fails: []string{"aws_connect_instance_storage_config.s3", "aws_connect_instance_storage_config.media"},
		Unknowns: []string{"aws_connect_instance_storage_config.dynamic", "aws_connect_instance_storage_config.dynamic_key"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		cfg := r.FirstBlock("storage_config")
		if cfg == nil {
			if r.BlocksUnknown("storage_config") {
				return scanner.Unknowable(r.Range, "the storage_config block is dynamic: where the data is stored is not known until apply")
			}
			return scanner.DoesNotApply("no storage_config")
		}
		var results []scanner.Result
		for _, typ := range []string{"s3_config", "kinesis_video_stream_config"} {
			if cfg.BlocksUnknown(typ) {
				results = append(results, scanner.Unknowable(cfg.Range, "the %s block is dynamic: its encryption is not known until apply", typ))
			}
			for _, b := range cfg.Blocks(typ) {
				if _, dynamic := b.Follow("encryption_config"); dynamic != "" {
					results = append(results, scanner.Unknowable(b.Range, "the encryption_config block of %s is dynamic: the key is not known until apply", typ))
					continue
				}
				results = append(results, requireCustomerKeyIn(b.Get("encryption_config", "key_id"), ctx.Index, "the stored "+typ+" data"))
			}
		}
		if len(results) == 0 {
			return scanner.DoesNotApply("the storage is a Kinesis stream or Firehose, encrypted by that resource's own settings")
		}
		return worst(results...)
	},
}

var codeguruReviewerCustomerKey = &scanner.Rule{
	ID:    "aws-codeguru-reviewer-customer-key",
	Title: "CodeGuru Reviewer repository associations encrypt code with a customer-managed KMS key",
	Description: "CodeGuru Reviewer copies the source code it reviews; unless kms_key_details sets encryption_option = " +
		"\"CUSTOMER_MANAGED_CMK\" with a key, the copy is encrypted with a key AWS owns." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_codegurureviewer_repository_association"},
	Remediation:     "Add kms_key_details { encryption_option = \"CUSTOMER_MANAGED_CMK\", kms_key_id = <key> }.",
	RemediationCode: "kms_key_details {\n  encryption_option = \"CUSTOMER_MANAGED_CMK\"\n  kms_key_id        = aws_kms_key.code.key_id\n}",
	Links:           []string{registryDoc("aws_codegurureviewer_repository_association", "kms_key_details")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_381"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "code" {
  enable_key_rotation = true
}

resource "aws_codegurureviewer_repository_association" "good" {
  repository {
    codecommit {
      name = "app"
    }
  }
  kms_key_details {
    encryption_option = "CUSTOMER_MANAGED_CMK"
    kms_key_id        = aws_kms_key.code.key_id
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_codegurureviewer_repository_association" "unset" {
  repository {
    codecommit {
      name = "app"
    }
  }
}

resource "aws_codegurureviewer_repository_association" "owned" {
  repository {
    codecommit {
      name = "lib"
    }
  }
  kms_key_details {
    encryption_option = "AWS_OWNED_CMK"
  }
}

variable "option" {
  type = string
}

resource "aws_codegurureviewer_repository_association" "maybe" {
  repository {
    codecommit {
      name = "tools"
    }
  }
  kms_key_details {
    encryption_option = var.option
  }
}

variable "code_keys" {
  type = list(string)
}

resource "aws_codegurureviewer_repository_association" "dynamic" {
  repository {
    codecommit {
      name = "infra"
    }
  }
  dynamic "kms_key_details" {
    for_each = var.code_keys
    content {
      encryption_option = "CUSTOMER_MANAGED_CMK"
      kms_key_id        = kms_key_details.value
    }
  }
}`, Fails: []string{"aws_codegurureviewer_repository_association.unset", "aws_codegurureviewer_repository_association.owned"},
		Unknowns: []string{"aws_codegurureviewer_repository_association.maybe", "aws_codegurureviewer_repository_association.dynamic"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		opt := r.Get("kms_key_details", "encryption_option")
		switch {
		case opt.IsUnknown():
			// Named kms_key_details.encryption_option when a dynamic
			// block may write it.
			return scanner.Unknowable(opt.Range, "%s is not known until apply", opt.Name)
		case !opt.Equals("CUSTOMER_MANAGED_CMK"):
			return scanner.Failed(opt.Range, "kms_key_details.encryption_option is not CUSTOMER_MANAGED_CMK: the reviewed code is encrypted with a key AWS owns")
		}
		return requireCustomerKeyIn(r.Get("kms_key_details", "kms_key_id"), ctx.Index, "the reviewed code")
	},
}

var ecsClusterExecCustomerKey = &scanner.Rule{
	ID:    "aws-ecs-cluster-exec-customer-key",
	Title: "ECS Exec sessions and their logs are encrypted with a customer-managed KMS key",
	Description: "ECS Exec opens interactive shells into running containers. execute_command_configuration.kms_key_id " +
		"encrypts the session between the operator and the container with a customer-managed key, and the session " +
		"log (log_configuration) should be written encrypted to CloudWatch Logs or S3: otherwise commands and their " +
		"output, which often include secrets, travel and rest under no key the account controls." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionInTransit,
	ResourceTypes:   []string{"aws_ecs_cluster"},
	Remediation:     "Set execute_command_configuration { kms_key_id = <key> } and, when logging = \"OVERRIDE\", cloud_watch_encryption_enabled or s3_bucket_encryption_enabled in log_configuration.",
	RemediationCode: "configuration {\n  execute_command_configuration {\n    kms_key_id = aws_kms_key.exec.arn\n    logging    = \"OVERRIDE\"\n    log_configuration {\n      cloud_watch_encryption_enabled = true\n      cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name\n    }\n  }\n}",
	Links:           []string{registryDoc("aws_ecs_cluster", "execute_command_configuration")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_224"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "exec" {
  enable_key_rotation = true
}

resource "aws_ecs_cluster" "good" {
  name = "apps"
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = "ecs-exec"
      }
    }
  }
}

resource "aws_ecs_cluster" "no_exec" {
  name = "batch"
}`, NotApplicable: []string{"aws_ecs_cluster.no_exec"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_ecs_cluster" "no_key" {
  name = "apps"
  configuration {
    execute_command_configuration {
      logging = "DEFAULT"
    }
  }
}

resource "aws_kms_key" "exec" {
  enable_key_rotation = true
}

resource "aws_ecs_cluster" "plain_log" {
  name = "web"
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
      logging    = "OVERRIDE"
      log_configuration {
        s3_bucket_name = "exec-logs"
      }
    }
  }
}

variable "exec_key" {
  type = string
}

variable "exec_logging" {
  type = list(string)
}

resource "aws_ecs_cluster" "dynamic" {
  name = "jobs"
  dynamic "configuration" {
    for_each = var.exec_key == "" ? [] : [var.exec_key]
    content {
      execute_command_configuration {
        kms_key_id = configuration.value
      }
    }
  }
}

resource "aws_ecs_cluster" "dynamic_log" {
  name = "jobs-2"
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
      logging    = "OVERRIDE"
      dynamic "log_configuration" {
        for_each = var.exec_logging
        content {
          s3_bucket_name = log_configuration.value
        }
      }
    }
  }
}`, Fails: []string{"aws_ecs_cluster.no_key", "aws_ecs_cluster.plain_log"},
		Unknowns: []string{"aws_ecs_cluster.dynamic", "aws_ecs_cluster.dynamic_log"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		exec := r.FirstBlock("configuration").FirstBlock("execute_command_configuration")
		if exec == nil {
			if _, typ := r.Follow("configuration", "execute_command_configuration"); typ != "" {
				return scanner.Unknowable(r.Range, "the %s block is dynamic: whether ECS Exec settings are declared is not known until apply", typ)
			}
			return scanner.DoesNotApply("no execute_command_configuration: ECS Exec settings are not declared")
		}
		if exec.Attr("logging").Equals("NONE") {
			return scanner.DoesNotApply("ECS Exec logging is NONE")
		}
		results := []scanner.Result{requireCustomerKeyIn(exec.Attr("kms_key_id"), ctx.Index, "the ECS Exec session")}
		if exec.FirstBlock("log_configuration") == nil && exec.BlocksUnknown("log_configuration") {
			results = append(results, scanner.Unknowable(exec.Range, "the log_configuration block is dynamic: whether the ECS Exec log is encrypted is not known until apply"))
		}
		if log := exec.FirstBlock("log_configuration"); log != nil {
			cw, s3 := log.Attr("cloud_watch_encryption_enabled"), log.Attr("s3_bucket_encryption_enabled")
			switch {
			case cw.IsTrue() || s3.IsTrue():
			case cw.IsUnknown() || s3.IsUnknown():
				results = append(results, scanner.Unknowable(log.Range, "whether the ECS Exec log is encrypted is not known until apply"))
			default:
				results = append(results, scanner.Failed(log.Range, "log_configuration sets neither cloud_watch_encryption_enabled nor s3_bucket_encryption_enabled: ECS Exec session logs are written unencrypted by the session"))
			}
		}
		return worst(results...)
	},
}

var networkFirewallCustomerKey = &scanner.Rule{
	ID:    "aws-networkfirewall-customer-key",
	Title: "Network Firewall firewalls, policies and rule groups are encrypted with a customer-managed KMS key",
	Description: "A Network Firewall, its firewall policy and its rule groups hold the rules that decide what traffic may pass; " +
		"without encryption_configuration { type = \"CUSTOMER_KMS\", key_id } they are encrypted with a key AWS owns." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_networkfirewall_firewall", "aws_networkfirewall_firewall_policy", "aws_networkfirewall_rule_group"},
	Remediation:     "Add encryption_configuration { type = \"CUSTOMER_KMS\", key_id = <customer-managed key> }.",
	RemediationCode: "encryption_configuration {\n  type   = \"CUSTOMER_KMS\"\n  key_id = aws_kms_key.firewall.arn\n}",
	Links:           []string{registryDoc("aws_networkfirewall_firewall", "encryption_configuration")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_345"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_346"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "firewall" {
  enable_key_rotation = true
}

resource "aws_networkfirewall_firewall_policy" "good" {
  name = "edge"
  firewall_policy {
    stateless_default_actions          = ["aws:forward_to_sfe"]
    stateless_fragment_default_actions = ["aws:forward_to_sfe"]
  }
  encryption_configuration {
    type   = "CUSTOMER_KMS"
    key_id = aws_kms_key.firewall.arn
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_networkfirewall_firewall" "unset" {
  name                = "edge"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/edge"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
}

resource "aws_networkfirewall_firewall_policy" "owned" {
  name = "edge"
  firewall_policy {
    stateless_default_actions          = ["aws:forward_to_sfe"]
    stateless_fragment_default_actions = ["aws:forward_to_sfe"]
  }
  encryption_configuration {
    type = "AWS_OWNED_KMS_KEY"
  }
}

resource "aws_networkfirewall_rule_group" "unset" {
  capacity = 10
  name     = "blocklist"
  type     = "STATEFUL"
  rule_group {
    rules_source {
      rules_source_list {
        generated_rules_type = "DENYLIST"
        target_types         = ["HTTP_HOST"]
        targets              = ["bad.example.com"]
      }
    }
  }
}

variable "firewall_key" {
  type = string
}

resource "aws_networkfirewall_firewall" "dynamic" {
  name                = "edge-2"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/edge"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
  dynamic "encryption_configuration" {
    for_each = var.firewall_key == "" ? [] : [var.firewall_key]
    content {
      type   = "CUSTOMER_KMS"
      key_id = encryption_configuration.value
    }
  }
}`, Fails: []string{"aws_networkfirewall_firewall.unset", "aws_networkfirewall_firewall_policy.owned", "aws_networkfirewall_rule_group.unset"},
		Unknowns: []string{"aws_networkfirewall_firewall.dynamic"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		typ := r.Get("encryption_configuration", "type")
		switch {
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "encryption_configuration.type is not known until apply")
		case typ.Equals("AWS_OWNED_KMS_KEY"):
			return scanner.Failed(typ.Range, "encryption_configuration.type is AWS_OWNED_KMS_KEY: the %s is encrypted with a key AWS owns", firewallWhat(r))
		}
		return requireCustomerKeyIn(r.Get("encryption_configuration", "key_id"), ctx.Index, "the "+firewallWhat(r))
	},
}

func firewallWhat(r *scanner.Resource) string {
	switch r.Type {
	case "aws_networkfirewall_firewall_policy":
		return "firewall policy"
	case "aws_networkfirewall_rule_group":
		return "rule group"
	}
	return "firewall"
}

var sagemakerFlowDefinitionCustomerKey = &scanner.Rule{
	ID:    "aws-sagemaker-flow-definition-customer-key",
	Title: "SageMaker human review workflows encrypt their output with a customer-managed KMS key",
	Description: "A flow definition (Augmented AI human review) writes the reviewed data and the reviewers' answers to " +
		"S3; without output_config.kms_key_id the output is encrypted with the bucket's default key." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_sagemaker_flow_definition"},
	Remediation:     "Set output_config { kms_key_id = <customer-managed key> }.",
	RemediationCode: "output_config {\n  s3_output_path = \"s3://reviews/output\"\n  kms_key_id     = aws_kms_key.ml.arn\n}",
	Links:           []string{registryDoc("aws_sagemaker_flow_definition", "output_config")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_372"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_sagemaker_flow_definition" "good" {
  flow_definition_name = "review"
  role_arn             = "arn:aws:iam::111122223333:role/a2i"
  output_config {
    s3_output_path = "s3://reviews/output"
    kms_key_id     = aws_kms_key.ml.arn
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sagemaker_flow_definition" "unset" {
  flow_definition_name = "review"
  role_arn             = "arn:aws:iam::111122223333:role/a2i"
  output_config {
    s3_output_path = "s3://reviews/output"
  }
}

variable "review_outputs" {
  type = list(object({ path = string, key = string }))
}

resource "aws_sagemaker_flow_definition" "dynamic" {
  flow_definition_name = "review-2"
  role_arn             = "arn:aws:iam::111122223333:role/a2i"
  dynamic "output_config" {
    for_each = var.review_outputs
    content {
      s3_output_path = output_config.value.path
      kms_key_id     = output_config.value.key
    }
  }
}`, Fails: []string{"aws_sagemaker_flow_definition.unset"}, Unknowns: []string{"aws_sagemaker_flow_definition.dynamic"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if _, dynamic := r.Follow("output_config"); dynamic != "" {
			return scanner.Unknowable(r.Range, "the output_config block is dynamic: kms_key_id is not known until apply")
		}
		return keyArgument(r, ctx, "output_config.kms_key_id", "the review output", nil)
	},
}

const dataQualityJobStart = `
resource "aws_sagemaker_data_quality_job_definition" `

var sagemakerDataQualityJobEncrypted = &scanner.Rule{
	ID:    "aws-sagemaker-data-quality-job-encrypted",
	Title: "SageMaker data quality monitoring jobs encrypt their output, volumes and inter-node traffic",
	Description: "A data quality monitoring job reads samples of the data a model serves. Its results should be " +
		"encrypted with KMS (data_quality_job_output_config.kms_key_id), the storage volumes of its instances too " +
		"(job_resources.cluster_config.volume_kms_key_id), and traffic between its instances " +
		"(network_config.enable_inter_container_traffic_encryption); otherwise the samples rest and travel under no " +
		"key the account controls (SOC 2 CC6.1, C1.1).",
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_sagemaker_data_quality_job_definition"},
	Remediation:   "Set data_quality_job_output_config.kms_key_id, job_resources.cluster_config.volume_kms_key_id and network_config.enable_inter_container_traffic_encryption = true.",
	RemediationCode: `data_quality_job_output_config {
  kms_key_id = aws_kms_key.ml.arn
  # ...
}
job_resources {
  cluster_config {
    # ...
    volume_kms_key_id = aws_kms_key.ml.arn
  }
}
network_config {
  enable_inter_container_traffic_encryption = true
}`,
	Links: []string{registryDoc("aws_sagemaker_data_quality_job_definition", "network_config")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_367"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_368"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_369"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}
` + dataQualityJobStart + `"good" {
  role_arn = "arn:aws:iam::111122223333:role/monitor"
  data_quality_app_specification {
    image_uri = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/monitor:latest"
  }
  data_quality_job_input {
    endpoint_input {
      endpoint_name = "model"
    }
  }
  data_quality_job_output_config {
    kms_key_id = aws_kms_key.ml.arn
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://monitor/output"
      }
    }
  }
  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.t3.medium"
      volume_size_in_gb = 20
      volume_kms_key_id = aws_kms_key.ml.arn
    }
  }
  network_config {
    enable_inter_container_traffic_encryption = true
  }
}`}},
	Bad: []scanner.Example{{Code: dataQualityJobStart + `"plain" {
  role_arn = "arn:aws:iam::111122223333:role/monitor"
  data_quality_app_specification {
    image_uri = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/monitor:latest"
  }
  data_quality_job_input {
    endpoint_input {
      endpoint_name = "model"
    }
  }
  data_quality_job_output_config {
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://monitor/output"
      }
    }
  }
  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.t3.medium"
      volume_size_in_gb = 20
    }
  }
}

variable "monitor_network" {
  type = list(bool)
}
` + dataQualityJobStart + `"dynamic" {
  role_arn = "arn:aws:iam::111122223333:role/monitor"
  data_quality_app_specification {
    image_uri = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/monitor:latest"
  }
  data_quality_job_input {
    endpoint_input {
      endpoint_name = "model"
    }
  }
  data_quality_job_output_config {
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://monitor/output"
      }
    }
  }
  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.t3.medium"
      volume_size_in_gb = 20
      volume_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
  dynamic "network_config" {
    for_each = var.monitor_network
    content {
      enable_inter_container_traffic_encryption = network_config.value
    }
  }
}`, Fails: []string{"aws_sagemaker_data_quality_job_definition.plain"},
		Unknowns: []string{"aws_sagemaker_data_quality_job_definition.dynamic"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		// judge reads the argument at path, unknown when a block on
		// the way is dynamic.
		judge := func(decide func(scanner.Value) scanner.Result, path ...string) scanner.Result {
			if _, typ := r.Follow(path[:len(path)-1]...); typ != "" {
				return scanner.Unknowable(r.Range, "the %s block is dynamic: %s is not known until apply", typ, path[len(path)-1])
			}
			return decide(r.Get(path...))
		}
		return worst(
			judge(func(v scanner.Value) scanner.Result { return kmsKeySet(v, "the monitoring results") },
				"data_quality_job_output_config", "kms_key_id"),
			judge(func(v scanner.Value) scanner.Result { return kmsKeySet(v, "each storage volume of the job") },
				"job_resources", "cluster_config", "volume_kms_key_id"),
			judge(func(v scanner.Value) scanner.Result {
				return scanner.RequireTrue(v, "network_config.enable_inter_container_traffic_encryption is not true: traffic between the job's instances is not encrypted")
			}, "network_config", "enable_inter_container_traffic_encryption"),
		)
	},
}

// kmsKeySet passes when v names a KMS key, AWS managed or not: the
// question is whether the data is encrypted with KMS at all.
func kmsKeySet(v scanner.Value, what string) scanner.Result {
	if !v.IsSet() || isEmptyString(v) {
		return scanner.Failed(v.Range, "%s is not set: %s is not encrypted with a KMS key", v.Name, what)
	}
	return scanner.Passed()
}

var imagebuilderDistributionCustomerKey = &scanner.Rule{
	ID:    "aws-imagebuilder-distribution-customer-key",
	Title: "Image Builder distributions encrypt the AMIs they publish with a customer-managed KMS key",
	Description: "An Image Builder distribution configuration copies each new image to its target regions and accounts; " +
		"without ami_distribution_configuration.kms_key_id the copies are encrypted, if at all, with the default EBS " +
		"key of each region." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_imagebuilder_distribution_configuration"},
	Remediation:     "Set kms_key_id in every distribution's ami_distribution_configuration.",
	RemediationCode: "distribution {\n  region = \"eu-west-1\"\n  ami_distribution_configuration {\n    kms_key_id = aws_kms_key.images.arn\n  }\n}",
	Links:           []string{registryDoc("aws_imagebuilder_distribution_configuration", "ami_distribution_configuration")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_199"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "images" {
  enable_key_rotation = true
}

resource "aws_imagebuilder_distribution_configuration" "good" {
  name = "golden"
  distribution {
    region = "eu-west-1"
    ami_distribution_configuration {
      name       = "golden-{{ imagebuilder:buildDate }}"
      kms_key_id = aws_kms_key.images.arn
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_imagebuilder_distribution_configuration" "second" {
  name = "golden"
  distribution {
    region = "eu-west-1"
    ami_distribution_configuration {
      kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
  distribution {
    region = "eu-central-1"
    ami_distribution_configuration {
      name = "golden-{{ imagebuilder:buildDate }}"
    }
  }
}

variable "ami_keys" {
  type = list(string)
}

resource "aws_imagebuilder_distribution_configuration" "dynamic" {
  name = "golden-2"
  distribution {
    region = "eu-west-1"
    dynamic "ami_distribution_configuration" {
      for_each = var.ami_keys
      content {
        kms_key_id = ami_distribution_configuration.value
      }
    }
  }
}`, Fails: []string{"aws_imagebuilder_distribution_configuration.second"},
		Unknowns: []string{"aws_imagebuilder_distribution_configuration.dynamic"},
		Expect:   map[string]scanner.Expected{"aws_imagebuilder_distribution_configuration.second": {Message: "distribution #2"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return nestedKeys(r, ctx, "distribution", "ami_distribution_configuration", "kms_key_id",
			func(i int, _ *scanner.Block) string { return fmt.Sprintf("the AMI of distribution #%d", i+1) },
			"no distribution publishes an AMI")
	},
}

var imagebuilderRecipeCustomerKey = &scanner.Rule{
	ID:    "aws-imagebuilder-image-recipe-customer-key",
	Title: "Image Builder recipes encrypt the EBS volumes they map with a customer-managed KMS key",
	Description: "The block device mappings of an image recipe become the volumes of every image it builds; an EBS " +
		"mapping without kms_key_id is encrypted, if at all, with the default EBS key (alias/aws/ebs)." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_imagebuilder_image_recipe"},
	Remediation:     "Set ebs { encrypted = true, kms_key_id = <customer-managed key> } in every block_device_mapping.",
	RemediationCode: "block_device_mapping {\n  device_name = \"/dev/xvda\"\n  ebs {\n    encrypted  = true\n    kms_key_id = aws_kms_key.images.arn\n  }\n}",
	Links:           []string{registryDoc("aws_imagebuilder_image_recipe", "ebs")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_200"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "images" {
  enable_key_rotation = true
}

resource "aws_imagebuilder_image_recipe" "good" {
  name         = "golden"
  parent_image = "arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2-x86/x.x.x"
  version      = "1.0.0"
  component {
    component_arn = "arn:aws:imagebuilder:eu-west-1:aws:component/update-linux/x.x.x"
  }
  block_device_mapping {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      kms_key_id  = aws_kms_key.images.arn
      volume_size = 8
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_imagebuilder_image_recipe" "unset" {
  name         = "golden"
  parent_image = "arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2-x86/x.x.x"
  version      = "1.0.0"
  component {
    component_arn = "arn:aws:imagebuilder:eu-west-1:aws:component/update-linux/x.x.x"
  }
  block_device_mapping {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      volume_size = 8
    }
  }
}`, Fails: []string{"aws_imagebuilder_image_recipe.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return nestedKeys(r, ctx, "block_device_mapping", "ebs", "kms_key_id",
			func(i int, m *scanner.Block) string { return volumeName("block_device_mapping", i, m) },
			"the recipe maps no EBS volumes: they come from the parent image")
	},
}

var schedulerScheduleCustomerKey = &scanner.Rule{
	ID:    "aws-scheduler-schedule-customer-key",
	Title: "EventBridge Scheduler schedules encrypt their payloads with a customer-managed KMS key",
	Description: "A schedule stores the input it sends to its target, often a request body with identifiers or " +
		"credentials; without kms_key_arn it is encrypted with a key AWS owns." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_scheduler_schedule"},
	Remediation:     "Set kms_key_arn to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_scheduler_schedule\" \"nightly\" {\n  # ...\n  kms_key_arn = aws_kms_key.events.arn\n}",
	Links:           []string{registryDoc("aws_scheduler_schedule", "kms_key_arn")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_297"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "events" {
  enable_key_rotation = true
}

resource "aws_scheduler_schedule" "good" {
  name                = "nightly"
  schedule_expression = "cron(0 2 * * ? *)"
  kms_key_arn         = aws_kms_key.events.arn
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    role_arn = "arn:aws:iam::111122223333:role/scheduler"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_scheduler_schedule" "unset" {
  name                = "nightly"
  schedule_expression = "cron(0 2 * * ? *)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    role_arn = "arn:aws:iam::111122223333:role/scheduler"
  }
}`, Fails: []string{"aws_scheduler_schedule.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_arn", "the schedule's payload", nil)
	},
}

// nestedKeys judges the customer key at outer.inner.key of every outer
// block of r that has an inner block: what names the data an outer block
// protects, none is the reason r is not applicable when no block has one.
func nestedKeys(r *scanner.Resource, ctx *scanner.Context, outer, inner, key string, what func(int, *scanner.Block) string, none string) scanner.Result {
	var results []scanner.Result
	for i, b := range r.Blocks(outer) {
		if in := b.FirstBlock(inner); in != nil {
			results = append(results, requireCustomerKeyIn(in.Attr(key), ctx.Index, what(i, b)))
		} else if b.BlocksUnknown(inner) {
			results = append(results, scanner.Unknowable(b.Range, "the %s block of %s is dynamic: its %s is not known until apply", inner, what(i, b), key))
		}
	}
	if r.BlocksUnknown(outer) {
		results = append(results, scanner.Unknowable(r.Range, "the %s blocks are not known until apply", outer))
	}
	if len(results) == 0 {
		return scanner.DoesNotApply("%s", none)
	}
	return worst(results...)
}
