package aws

import (
	"cmp"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Audit logging, log retention, threat detection and configuration
// recording (CC7.2 "Implements Detection Policies, Procedures, and Tools";
// CC7.1 for configuration change detection).

var (
	auditLogCriteria     = scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC2.1", "CC7.3"}}
	logIntegrityCriteria = scanner.Criteria{Primary: "CC7.3", Secondary: []string{"CC6.1"}}
	detectionCriteria    = scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC6.8", "CC7.3", "CC7.4"}}
	configCriteria       = scanner.Criteria{Primary: "CC7.1", Secondary: []string{"CC2.1", "CC3.4", "CC8.1"}}
)

const cloudtrailGood = `
resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "acme-cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  cloud_watch_logs_group_arn    = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}`

var cloudtrailMultiRegion = &scanner.Rule{
	ID:    "aws-cloudtrail-multi-region",
	Title: "CloudTrail trails record API activity in all regions",
	Description: "A single-region trail misses everything done in the other regions, which is exactly where an intruder " +
		"starts resources they do not want seen; SOC 2 CC7.2 expects monitoring of all system components. " +
		"is_multi_region_trail defaults to false. A trail that sets include_global_service_events = false also " +
		"fails: it leaves out the events of global services (IAM, STS, CloudFront), among them every change to " +
		"users, roles and policies.",
	Severity:      scanner.Medium,
	Criteria:      auditLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudtrail"},
	Remediation:   "Set is_multi_region_trail = true (and keep include_global_service_events = true).",
	RemediationCode: `resource "aws_cloudtrail" "main" {
  # ...
  is_multi_region_trail = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#is_multi_region_trail",
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_67"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0014"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudtrail-enable-all-regions"},
		{Tool: scanner.ToolProwler, ID: "cloudtrail_multi_region_enabled"},
		{Tool: scanner.ToolKICS, ID: "CloudTrail Multi Region Disabled"},
	},
	Good: []scanner.Example{{Code: cloudtrailGood}},
	Bad: []scanner.Example{{Code: `
variable "all_regions" {
  type = bool
}

resource "aws_cloudtrail" "regional" {
  name           = "regional"
  s3_bucket_name = "acme-cloudtrail"
}

resource "aws_cloudtrail" "from_var" {
  name                  = "from-var"
  s3_bucket_name        = "acme-cloudtrail"
  is_multi_region_trail = var.all_regions
}

resource "aws_cloudtrail" "no_global_events" {
  name                          = "no-global"
  s3_bucket_name                = "acme-cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = false
}

resource "aws_cloudtrail" "global_from_var" {
  name                          = "global-from-var"
  s3_bucket_name                = "acme-cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = var.all_regions
}`, Fails: []string{"aws_cloudtrail.regional", "aws_cloudtrail.no_global_events"}, Unknowns: []string{"aws_cloudtrail.from_var", "aws_cloudtrail.global_from_var"},
		Expect: map[string]scanner.Expected{"aws_cloudtrail.no_global_events": {Line: 21, Message: "include_global_service_events = false"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		// include_global_service_events defaults to true; only an explicit
		// false drops IAM, STS and CloudFront events.
		global := r.Attr("include_global_service_events")
		if global.IsFalse() {
			return scanner.Failed(global.Range, "include_global_service_events = false: IAM, STS and CloudFront activity is not recorded")
		}
		res := scanner.RequireTrue(r.Attr("is_multi_region_trail"),
			"is_multi_region_trail is not true: activity in the other regions is not recorded")
		if res.Status == scanner.Pass && global.IsUnknown() {
			return scanner.Unknowable(global.Range, "include_global_service_events is not known until apply")
		}
		return res
	},
}

var cloudtrailLogFileValidation = &scanner.Rule{
	ID:    "aws-cloudtrail-log-file-validation",
	Title: "CloudTrail log file validation is enabled",
	Description: "Log file validation writes signed digest files that prove whether a CloudTrail log was changed or deleted " +
		"after delivery; without it an intruder who reaches the log bucket can edit their tracks undetectably, and the logs " +
		"lose their value as evidence (SOC 2 CC7.3). enable_log_file_validation defaults to false.",
	Severity:      scanner.Medium,
	Criteria:      logIntegrityCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudtrail"},
	Remediation:   "Set enable_log_file_validation = true.",
	RemediationCode: `resource "aws_cloudtrail" "main" {
  # ...
  enable_log_file_validation = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#enable_log_file_validation",
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_36"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0016"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudtrail-enable-log-validation"},
		{Tool: scanner.ToolProwler, ID: "cloudtrail_log_file_validation_enabled"},
		{Tool: scanner.ToolKICS, ID: "CloudTrail Log File Validation Disabled"},
	},
	Good: []scanner.Example{{Code: cloudtrailGood}},
	Bad: []scanner.Example{{Code: `
resource "aws_cloudtrail" "unvalidated" {
  name                  = "main"
  s3_bucket_name        = "acme-cloudtrail"
  is_multi_region_trail = true
}`, Fails: []string{"aws_cloudtrail.unvalidated"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Attr("enable_log_file_validation"),
			"enable_log_file_validation is not true: changed or deleted log files cannot be detected")
	},
}

var cloudtrailKMSEncryption = &scanner.Rule{
	ID:    "aws-cloudtrail-kms-encryption",
	Title: "CloudTrail logs are encrypted with a KMS key",
	Description: "CloudTrail logs are encrypted with S3-managed keys by default, so anyone who can read the log bucket can " +
		"read the account's complete activity history. With SSE-KMS (kms_key_id) reading also requires kms:Decrypt on a key " +
		"whose policy the security team controls, which protects the integrity and confidentiality of the audit trail " +
		"(SOC 2 CC7.3, CC6.1).",
	Severity:      scanner.Medium,
	Criteria:      logIntegrityCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudtrail"},
	Remediation:   "Set kms_key_id to a customer-managed KMS key whose policy allows CloudTrail to encrypt.",
	RemediationCode: `resource "aws_cloudtrail" "main" {
  # ...
  kms_key_id = aws_kms_key.cloudtrail.arn
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#kms_key_id",
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_35"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0015"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudtrail-encryption-customer-key"},
		{Tool: scanner.ToolProwler, ID: "cloudtrail_kms_encryption_enabled"},
		{Tool: scanner.ToolKICS, ID: "CloudTrail Log Files Not Encrypted With KMS"},
	},
	Good: []scanner.Example{{Code: cloudtrailGood}},
	Bad: []scanner.Example{{Code: `
resource "aws_cloudtrail" "sse_s3" {
  name           = "main"
  s3_bucket_name = "acme-cloudtrail"
}

resource "aws_cloudtrail" "empty_key" {
  name           = "empty-key"
  s3_bucket_name = "acme-cloudtrail"
  kms_key_id     = ""
}

# An input variable with no default may be given "" or null.
variable "trail_key" {
  type = string
}

resource "aws_cloudtrail" "maybe" {
  name           = "maybe"
  s3_bucket_name = "acme-cloudtrail"
  kms_key_id     = var.trail_key
}`, Fails: []string{"aws_cloudtrail.sse_s3", "aws_cloudtrail.empty_key"}, Unknowns: []string{"aws_cloudtrail.maybe"},
		Expect: map[string]scanner.Expected{"aws_cloudtrail.empty_key": {Line: 10, Message: "kms_key_id is empty"}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireNamed(r.Attr("kms_key_id"),
			"kms_key_id is not set: the logs are encrypted with S3-managed keys and readable by anyone who can read the bucket")
	},
}

var cloudtrailCloudWatchLogs = &scanner.Rule{
	ID:    "aws-cloudtrail-cloudwatch-logs",
	Title: "CloudTrail trails deliver events to CloudWatch Logs",
	Description: "Logs sitting in S3 are evidence after the fact; delivering the trail to CloudWatch Logs is what lets metric " +
		"filters and alarms flag root logins, policy changes and disabled trails as they happen (SOC 2 CC7.2, CC7.3). " +
		"The trail needs cloud_watch_logs_group_arn (and a role to write with).",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudtrail"},
	Remediation:   "Set cloud_watch_logs_group_arn (\"${aws_cloudwatch_log_group.x.arn}:*\") and cloud_watch_logs_role_arn.",
	RemediationCode: `resource "aws_cloudtrail" "main" {
  # ...
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.cloudtrail_to_cloudwatch.arn
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#cloud_watch_logs_group_arn",
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_10"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0162"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudtrail-ensure-cloudwatch-integration"},
		{Tool: scanner.ToolProwler, ID: "cloudtrail_cloudwatch_logging_enabled"},
		{Tool: scanner.ToolKICS, ID: "CloudTrail Not Integrated With CloudWatch"},
	},
	Good: []scanner.Example{{Code: cloudtrailGood}},
	Bad: []scanner.Example{{Code: `
resource "aws_cloudtrail" "s3_only" {
  name           = "main"
  s3_bucket_name = "acme-cloudtrail"
}

# An input variable with no default may be given "" or null.
variable "trail_log_group_arn" {
  type = string
}

resource "aws_cloudtrail" "maybe" {
  name                       = "maybe"
  s3_bucket_name             = "acme-cloudtrail"
  cloud_watch_logs_group_arn = var.trail_log_group_arn
}`, Fails: []string{"aws_cloudtrail.s3_only"}, Unknowns: []string{"aws_cloudtrail.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireNamed(r.Attr("cloud_watch_logs_group_arn"),
			"cloud_watch_logs_group_arn is not set: events reach S3 only, where no alarm sees them")
	},
}

var cloudtrailLoggingEnabled = &scanner.Rule{
	ID:    "aws-cloudtrail-logging-enabled",
	Title: "CloudTrail trails are logging",
	Description: "enable_logging = false keeps the trail configured but stops it recording, which looks like an audit trail " +
		"in review and records nothing (SOC 2 CC7.2). enable_logging defaults to true.",
	Severity:      scanner.High,
	Criteria:      auditLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudtrail"},
	Remediation:   "Remove enable_logging = false.",
	RemediationCode: `resource "aws_cloudtrail" "main" {
  # ...
  enable_logging = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#enable_logging",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_251"},
		{Tool: scanner.ToolKICS, ID: "CloudTrail Logging Disabled"},
	},
	Good: []scanner.Example{{Code: cloudtrailGood}},
	Bad: []scanner.Example{{Code: `
resource "aws_cloudtrail" "stopped" {
  name                  = "main"
  s3_bucket_name        = "acme-cloudtrail"
  is_multi_region_trail = true
  enable_logging        = false
}`, Fails: []string{"aws_cloudtrail.stopped"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrueOr(r.Attr("enable_logging"), true, "enable_logging = false: the trail records nothing")
	},
}

var cloudwatchLogGroupRetention = &scanner.Rule{
	ID:    "aws-cloudwatch-log-group-retention",
	Title: "CloudWatch log groups keep logs for at least the minimum retention period",
	Description: "An investigation, and a SOC 2 Type II audit covering up to a year, needs the logs of the whole period; " +
		"a log group that expires events after days or weeks destroys that evidence (CC7.2, C1.2). 365 days is the common " +
		"baseline. retention_in_days unset or 0 keeps events forever and passes." + retentionPolicyNote,
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3", "C1.2"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_cloudwatch_log_group"},
	Params:        []scanner.Param{minDaysParam(365, "log events")},
	Remediation:   "Set retention_in_days to at least the required value (365, 400, 545, 731, 1096, 1827, … 3653).",
	RemediationCode: `resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/api"
  retention_in_days = 365
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group#retention_in_days",
		"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_338"},
		{Tool: scanner.ToolProwler, ID: "cloudwatch_log_group_retention_policy_specific_days_enabled"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_cloudwatch_log_group" "year" {
  name              = "/app/api"
  retention_in_days = 400
}

resource "aws_cloudwatch_log_group" "forever" {
  name = "/app/audit"
}

resource "aws_cloudwatch_log_group" "zero_is_forever" {
  name              = "/app/jobs"
  retention_in_days = 0
}`},
		{Code: `
resource "aws_cloudwatch_log_group" "quarter" {
  name              = "/app/debug"
  retention_in_days = 90
}`, Params: map[string]any{"min_days": 90}},
	},
	Bad: []scanner.Example{{Code: `
variable "retention" {
  type = number
}

resource "aws_cloudwatch_log_group" "short" {
  name              = "/app/api"
  retention_in_days = 14
}

resource "aws_cloudwatch_log_group" "from_var" {
  name              = "/app/web"
  retention_in_days = var.retention
}`, Fails: []string{"aws_cloudwatch_log_group.short"}, Unknowns: []string{"aws_cloudwatch_log_group.from_var"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Attr("retention_in_days")
		if n, ok := v.AsInt(); v.IsNull() || (ok && n == 0) {
			// Unset or 0: events never expire.
			return scanner.Passed()
		}
		return requireDaysAtLeast(v, ctx.Int("min_days"), retentionSpec{})
	},
}

var guarddutyDetectorEnabled = &scanner.Rule{
	ID:    "aws-guardduty-detector-enabled",
	Title: "GuardDuty detectors are enabled",
	Description: "A declared GuardDuty detector with enable = false analyses nothing: no findings for compromised " +
		"credentials, crypto-mining or exfiltration, while the account appears covered (SOC 2 CC7.2). enable defaults to " +
		"true; this rule catches a detector switched off, and a delegated administrator's detector whose " +
		"aws_guardduty_organization_configuration turns GuardDuty off for member accounts " +
		"(auto_enable_organization_members = \"NONE\", or the older auto_enable = false): accounts that join the " +
		"organization are then not monitored. Without an organization configuration the detector covers its own account " +
		"and passes.",
	Severity:      scanner.High,
	Criteria:      detectionCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_guardduty_detector"},
	Remediation:   "Remove enable = false (or set it to true).",
	RemediationCode: `resource "aws_guardduty_detector" "main" {
  enable = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/guardduty_detector#enable",
		"https://docs.aws.amazon.com/guardduty/latest/ug/what-is-guardduty.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_3"},
		{Tool: scanner.ToolProwler, ID: "guardduty_is_enabled"},
		{Tool: scanner.ToolKICS, ID: "GuardDuty Detector Disabled"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_238"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_guardduty_detector" "main" {
  enable = true
}

resource "aws_guardduty_detector" "default" {}

resource "aws_guardduty_detector" "org" {}

resource "aws_guardduty_organization_configuration" "org" {
  detector_id                      = aws_guardduty_detector.org.id
  auto_enable_organization_members = "ALL"
}`}},
	Bad: []scanner.Example{{Code: `
variable "guardduty_enabled" {
  type = bool
}

resource "aws_guardduty_detector" "off" {
  enable = false
}

resource "aws_guardduty_detector" "from_var" {
  provider = aws.other
  enable   = var.guardduty_enabled
}

provider "aws" {
  alias  = "other"
  region = "eu-central-1"
}`, Fails: []string{"aws_guardduty_detector.off"}, Unknowns: []string{"aws_guardduty_detector.from_var"}}, {Code: `
resource "aws_guardduty_detector" "members_off" {}

resource "aws_guardduty_organization_configuration" "members_off" {
  detector_id                      = aws_guardduty_detector.members_off.id
  auto_enable_organization_members = "NONE"
}

resource "aws_guardduty_detector" "legacy_off" {}

resource "aws_guardduty_organization_configuration" "legacy_off" {
  detector_id = aws_guardduty_detector.legacy_off.id
  auto_enable = false
}`, Fails: []string{"aws_guardduty_detector.members_off", "aws_guardduty_detector.legacy_off"},
		Expect: map[string]scanner.Expected{
			"aws_guardduty_detector.members_off": {Line: 6, Message: "accounts that join the organization are not monitored"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if res := scanner.RequireTrueOr(r.Attr("enable"), true, "enable = false: the detector analyses nothing and raises no findings"); res.Status != scanner.Pass {
			return res
		}
		orgs, _ := ctx.Index.Referrers(r, "aws_guardduty_organization_configuration", []string{"detector_id"}, "id")
		for _, org := range orgs {
			members, legacy := org.Attr("auto_enable_organization_members"), org.Attr("auto_enable")
			switch {
			case members.Equals("NONE"):
				return scanner.Failed(members.Range, "%s sets auto_enable_organization_members = \"NONE\": accounts that join the organization are not monitored", org.Address)
			case members.IsNull() && legacy.IsFalse():
				return scanner.Failed(legacy.Range, "%s sets auto_enable = false: accounts that join the organization are not monitored", org.Address)
			case members.IsUnknown() || members.IsNull() && legacy.IsUnknown():
				return scanner.Unknowable(org.Range, "whether %s enables GuardDuty in member accounts is not known until apply", org.Address)
			}
		}
		return scanner.Passed()
	},
}

var guarddutyFindingsExported = &scanner.Rule{
	ID:    "aws-guardduty-findings-exported",
	Title: "GuardDuty findings are exported to S3",
	Description: "GuardDuty keeps findings for 90 days only. An incident discovered later, or a Type II audit over a longer " +
		"window, needs them exported: an aws_guardduty_publishing_destination writes every finding to an S3 bucket where " +
		"its retention is under your control (SOC 2 CC7.2, CC7.3).",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_guardduty_detector"},
	Remediation:   "Add an aws_guardduty_publishing_destination for the detector with an S3 bucket and a KMS key.",
	RemediationCode: `resource "aws_guardduty_publishing_destination" "main" {
  detector_id     = aws_guardduty_detector.main.id
  destination_arn = aws_s3_bucket.findings.arn
  kms_key_arn     = aws_kms_key.findings.arn
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/guardduty_publishing_destination",
		"https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_guardduty_detector" "main" {
  enable = true
}

resource "aws_guardduty_publishing_destination" "main" {
  detector_id     = aws_guardduty_detector.main.id
  destination_arn = "arn:aws:s3:::acme-guardduty-findings"
  kms_key_arn     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_guardduty_detector" "main" {
  enable = true
}`, Fails: []string{"aws_guardduty_detector.main"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if found, _ := ctx.Index.Referrers(r, "aws_guardduty_publishing_destination", []string{"detector_id"}, "id"); len(found) > 0 {
			return scanner.Passed()
		}
		return scanner.Failed(r.Range, "no aws_guardduty_publishing_destination exports this detector's findings: they expire after 90 days")
	},
}

var configRecorderAllResources = &scanner.Rule{
	ID:    "aws-config-recorder-all-resources",
	Title: "AWS Config recorders record all supported resource types",
	Description: "AWS Config's history of resource configurations is the evidence for change detection and the baseline " +
		"SOC 2 CC7.1 relies on; a recorder limited to a list of types (all_supported = false, or an inclusion or exclusion " +
		"recording strategy) leaves every other resource type unrecorded. Without a recording_group the recorder records " +
		"all supported types, which passes.",
	Severity:      scanner.Medium,
	Criteria:      configCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_config_configuration_recorder"},
	Remediation:   "Set recording_group.all_supported = true and remove resource_types and exclusion lists.",
	RemediationCode: `resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = aws_iam_role.config.arn
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder#recording_group",
		"https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_configuration_recorder" "defaults" {
  name     = "defaults"
  role_arn = "arn:aws:iam::111122223333:role/config"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_config_configuration_recorder" "listed" {
  name     = "listed"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported  = false
    resource_types = ["AWS::EC2::Instance"]
  }
}

resource "aws_config_configuration_recorder" "excluding" {
  name     = "excluding"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported = false
    exclusion_by_resource_types {
      resource_types = ["AWS::EC2::NetworkInterface"]
    }
    recording_strategy {
      use_only = "EXCLUSION_BY_RESOURCE_TYPES"
    }
  }
}`, Fails: []string{"aws_config_configuration_recorder.listed", "aws_config_configuration_recorder.excluding"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		group := r.FirstBlock("recording_group")
		if group == nil {
			if r.BlocksUnknown("recording_group") {
				return scanner.Unknowable(r.Range, "recording_group is generated from values not known until apply")
			}
			return scanner.Passed()
		}
		strategy := group.Get("recording_strategy", "use_only")
		if strategy.IsSet() && !strategy.IsUnknown() && !strategy.Equals("ALL_SUPPORTED_RESOURCE_TYPES") {
			return scanner.Failed(strategy.Range, "the recording strategy is %s: only part of the resource types is recorded", strategy.StringOr("?"))
		}
		return scanner.RequireTrueOr(group.Attr("all_supported"), true,
			"recording_group.all_supported = false: only the listed resource types are recorded")
	},
}

var configRecorderGlobalResources = &scanner.Rule{
	ID:    "aws-config-recorder-global-resources",
	Title: "An AWS Config recorder records global resources such as IAM",
	Description: "IAM users, roles and policies are global resources that AWS Config records only where a recorder sets " +
		"include_global_resource_types = true (the default is false). Without one recorder doing so, changes to who can " +
		"access what go unrecorded (SOC 2 CC7.1). One recorder in the configuration that includes them is enough — AWS " +
		"recommends a single region, to avoid duplicate configuration items.",
	Severity:      scanner.Low,
	Criteria:      configCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_config_configuration_recorder"},
	Remediation:   "Set recording_group.include_global_resource_types = true on the recorder of your home region.",
	RemediationCode: `resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = aws_iam_role.config.arn
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder#include_global_resource_types",
		"https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html#select-resources-all",
	},
	Good: []scanner.Example{{Code: `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_config_configuration_recorder" "home" {
  name     = "home"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

# The second region leaves global resources to the home region.
resource "aws_config_configuration_recorder" "dr" {
  provider = aws.dr
  name     = "dr"
  role_arn = "arn:aws:iam::111122223333:role/config"
}`}},
	Bad: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

# Another account in the same region: the role it assumes is there.
provider "aws" {
  alias  = "audit"
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/terraform"
  }
}

resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

# Records the global resources (IAM) of another account only.
resource "aws_config_configuration_recorder" "audit" {
  provider = aws.audit
  name     = "default"
  role_arn = "arn:aws:iam::444455556666:role/config"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}`, Fails: []string{"aws_config_configuration_recorder.main"}},
		{Code: `
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported = true
  }
}`, Fails: []string{"aws_config_configuration_recorder.main"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		var unknown *scanner.Value
		var elsewhere *scanner.Resource
		for _, rec := range ctx.Index.OfType("aws_config_configuration_recorder") {
			// Global resource types are the account's: a recorder of
			// another account records none of this one's.
			place := inAccount(r, rec)
			v := rec.Get("recording_group", "include_global_resource_types")
			switch {
			case place == scanner.No:
			case v.IsTrue() && place == scanner.Yes:
				return scanner.Passed()
			case v.IsTrue():
				elsewhere = cmp.Or(elsewhere, rec)
			case v.IsUnknown() && rec == r:
				unknown = &v
			}
		}
		switch {
		case unknown != nil:
			return scanner.Unknowable(unknown.Range, "include_global_resource_types is not known until apply")
		case elsewhere != nil:
			return scanner.Unknowable(r.Range, "%s records global resource types in an account that may be this recorder's: its account is only known after apply", elsewhere.Address)
		}
		v := r.Get("recording_group", "include_global_resource_types")
		return scanner.Failed(v.Range, "no AWS Config recorder in this configuration includes global resource types: IAM changes are not recorded")
	},
}

var configRecorderEnabled = &scanner.Rule{
	ID:    "aws-config-recorder-enabled",
	Title: "AWS Config recorders are started",
	Description: "aws_config_configuration_recorder creates a recorder in the stopped state; it records nothing until an " +
		"aws_config_configuration_recorder_status with is_enabled = true starts it (which also needs a delivery channel). " +
		"A stopped recorder gives the appearance of CC7.1 change detection without any history.",
	Severity:      scanner.Medium,
	Criteria:      configCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_config_configuration_recorder"},
	Remediation:   "Add an aws_config_configuration_recorder_status with is_enabled = true (after the delivery channel).",
	RemediationCode: `resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.main]
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder_status",
		"https://docs.aws.amazon.com/config/latest/APIReference/API_StartConfigurationRecorder.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_delivery_channel" "main" {
  name           = "main"
  s3_bucket_name = "acme-config"
  depends_on     = [aws_config_configuration_recorder.main]
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.main]
}`}},
	Bad: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

# Another account in the same region: the role it assumes is there.
provider "aws" {
  alias  = "audit"
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/terraform"
  }
}

resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

# Starts the recorder named "default" of another account.
resource "aws_config_configuration_recorder_status" "audit" {
  provider   = aws.audit
  name       = "default"
  is_enabled = true
}`, Fails: []string{"aws_config_configuration_recorder.main"}},
		{Code: `
resource "aws_config_configuration_recorder" "never_started" {
  name     = "never-started"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder" "stopped" {
  name     = "stopped"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder_status" "stopped" {
  name       = "stopped"
  is_enabled = false
}`, Fails: []string{"aws_config_configuration_recorder.never_started", "aws_config_configuration_recorder.stopped"}}, {Code: `
# A recorder's name is unique within its region only: the status that
# starts the eu-west-1 recorder named "default" does not start the
# us-east-1 one.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_config_configuration_recorder" "us" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder" "eu" {
  provider = aws.eu
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder_status" "eu" {
  provider   = aws.eu
  name       = "default"
  is_enabled = true
}`, Fails: []string{"aws_config_configuration_recorder.us"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		// A recorder's name is unique in its account and region only: the
		// status of another region's recorder of the same name is not
		// this one's, and one that may be elsewhere is only a maybe.
		statuses, maybe := ctx.Index.ReferrersIn(inRegion, r, "aws_config_configuration_recorder_status", []string{"name"}, "name")
		if len(statuses) == 0 && maybe != nil {
			return scanner.Unknowable(r.Range, "%s may start this recorder: the recorder it names, or where it is (region, account), is only known after apply", maybe.Address)
		}
		if len(statuses) == 0 {
			return scanner.Failed(r.Range, "no aws_config_configuration_recorder_status starts this recorder: it is created stopped and records nothing")
		}
		for _, s := range statuses {
			if res := scanner.RequireTrue(s.Attr("is_enabled"), s.Address+" has is_enabled = false: the recorder is stopped"); res.Status != scanner.Fail {
				return res
			}
		}
		v := statuses[0].Attr("is_enabled")
		return scanner.Failed(v.Range, "%s has is_enabled = false: the recorder is stopped", statuses[0].Address)
	},
}

var configAggregatorAllRegions = &scanner.Rule{
	ID:    "aws-config-aggregator-all-regions",
	Title: "AWS Config aggregators aggregate every region",
	Description: "An aggregator is the one place where the configuration history of many accounts and regions is reviewed; " +
		"one that lists its regions leaves every other region, including any enabled later, out of that view, so a " +
		"resource created there is changed unnoticed (SOC 2 CC7.1). An aggregator passes when its " +
		"account_aggregation_source or organization_aggregation_source sets all_regions = true.",
	Severity:      scanner.Low,
	Criteria:      configCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_config_configuration_aggregator"},
	Remediation:   "Set all_regions = true on the aggregation source instead of listing regions.",
	RemediationCode: `resource "aws_config_configuration_aggregator" "org" {
  name = "org"
  organization_aggregation_source {
    all_regions = true
    role_arn    = aws_iam_role.config_aggregator.arn
  }
}`,
	Links: []string{
		registryDoc("aws_config_configuration_aggregator", "organization_aggregation_source"),
		"https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_121"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0019"},
		{Tool: scanner.ToolTfsec, ID: "aws-config-aggregate-all-regions"},
		{Tool: scanner.ToolKICS, ID: "Configuration Aggregator to All Regions Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_config_configuration_aggregator" "org" {
  name = "org"
  organization_aggregation_source {
    all_regions = true
    role_arn    = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}

resource "aws_config_configuration_aggregator" "accounts" {
  name = "accounts"
  account_aggregation_source {
    account_ids = ["111122223333", "444455556666"]
    all_regions = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_config_configuration_aggregator" "listed" {
  name = "listed"
  account_aggregation_source {
    account_ids = ["111122223333"]
    regions     = ["eu-west-1", "us-east-1"]
  }
}

resource "aws_config_configuration_aggregator" "org_listed" {
  name = "org-listed"
  organization_aggregation_source {
    all_regions = false
    regions     = ["eu-west-1"]
    role_arn    = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}

variable "all_regions" {
  type = bool
}

resource "aws_config_configuration_aggregator" "by_variable" {
  name = "by-variable"
  organization_aggregation_source {
    all_regions = var.all_regions
    role_arn    = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}`, Fails: []string{"aws_config_configuration_aggregator.listed", "aws_config_configuration_aggregator.org_listed"},
		Unknowns: []string{"aws_config_configuration_aggregator.by_variable"},
		Expect: map[string]scanner.Expected{
			"aws_config_configuration_aggregator.listed": {Message: "only the listed regions are aggregated"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		for _, kind := range []string{"organization_aggregation_source", "account_aggregation_source"} {
			if r.FirstBlock(kind) != nil {
				return scanner.RequireTrue(r.Get(kind, "all_regions"),
					"all_regions is not true: only the listed regions are aggregated, and configuration changes in any other region are not in this view")
			}
			if r.BlocksUnknown(kind) {
				return scanner.Unknowable(r.Range, "%s is generated from values not known until apply", kind)
			}
		}
		return scanner.Failed(r.Range, "no aggregation source: the aggregator collects nothing")
	},
}
