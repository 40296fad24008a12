package aws

import (
	"fmt"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Customer-managed keys on copies of data: image and snapshot copies,
// Data Lifecycle Manager cross-region copies and replicated RDS backups.
// A copy encrypted under a key AWS manages escapes the key policy that
// guards the original.

var amiCopyCustomerKey = &scanner.Rule{
	ID:    "aws-ami-copy-customer-key",
	Title: "AMI copies are encrypted with a customer-managed KMS key",
	Description: "An AMI copy without kms_key_id is encrypted, if at all, with the account's default EBS key (alias/aws/ebs), " +
		"whose policy the account cannot narrow: anyone who may launch from the image reads its volumes." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_ami_copy"},
	Remediation:     "Set encrypted = true and kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_ami_copy\" \"golden\" {\n  # ...\n  encrypted  = true\n  kms_key_id = aws_kms_key.images.arn\n}",
	Links:           []string{registryDoc("aws_ami_copy", "kms_key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_236"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "images" {
  enable_key_rotation = true
}

resource "aws_ami_copy" "good" {
  name              = "golden-copy"
  source_ami_id     = "ami-0123456789abcdef0"
  source_ami_region = "eu-west-1"
  encrypted         = true
  kms_key_id        = aws_kms_key.images.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ami_copy" "default_key" {
  name              = "golden-copy"
  source_ami_id     = "ami-0123456789abcdef0"
  source_ami_region = "eu-west-1"
  encrypted         = true
}

variable "key" {
  type = string
}

resource "aws_ami_copy" "maybe" {
  name              = "golden-copy-2"
  source_ami_id     = "ami-0123456789abcdef0"
  source_ami_region = "eu-west-1"
  encrypted         = true
  kms_key_id        = var.key
}`, Fails: []string{"aws_ami_copy.default_key"}, Unknowns: []string{"aws_ami_copy.maybe"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "the copied image", nil)
	},
}

var ebsSnapshotCopyCustomerKey = &scanner.Rule{
	ID:    "aws-ebs-snapshot-copy-customer-key",
	Title: "EBS snapshot copies are encrypted with a customer-managed KMS key",
	Description: "A snapshot copy without kms_key_id keeps the source's key or, when encrypted on copy, takes the default " +
		"EBS key (alias/aws/ebs), whose policy the account cannot narrow; copies often go to another region or " +
		"account, where the original key policy no longer guards them." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_ebs_snapshot_copy"},
	Remediation:     "Set encrypted = true and kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_ebs_snapshot_copy\" \"dr\" {\n  # ...\n  encrypted  = true\n  kms_key_id = aws_kms_key.snapshots.arn\n}",
	Links:           []string{registryDoc("aws_ebs_snapshot_copy", "kms_key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_183"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "snapshots" {
  enable_key_rotation = true
}

resource "aws_ebs_snapshot_copy" "good" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "eu-west-1"
  encrypted          = true
  kms_key_id         = aws_kms_key.snapshots.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ebs_snapshot_copy" "unset" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "eu-west-1"
  encrypted          = true
}

resource "aws_ebs_snapshot_copy" "managed" {
  source_snapshot_id = "snap-0123456789abcdef1"
  source_region      = "eu-west-1"
  encrypted          = true
  kms_key_id         = "alias/aws/ebs"
}`, Fails: []string{"aws_ebs_snapshot_copy.unset", "aws_ebs_snapshot_copy.managed"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "the copied snapshot", nil)
	},
}

var rdsBackupReplicationCustomerKey = &scanner.Rule{
	ID:    "aws-rds-backup-replication-customer-key",
	Title: "Replicated RDS automated backups are encrypted with a customer-managed KMS key",
	Description: "aws_db_instance_automated_backups_replication copies an instance's automated backups to another " +
		"region; without kms_key_id the copies are not under a key whose policy the account controls in the " +
		"destination region." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_db_instance_automated_backups_replication"},
	Remediation:     "Set kms_key_id to a customer-managed KMS key in the destination region.",
	RemediationCode: "resource \"aws_db_instance_automated_backups_replication\" \"dr\" {\n  source_db_instance_arn = aws_db_instance.main.arn\n  kms_key_id             = aws_kms_key.dr.arn\n}",
	Links:           []string{registryDoc("aws_db_instance_automated_backups_replication", "kms_key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_245"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "dr" {
  enable_key_rotation = true
}

resource "aws_db_instance_automated_backups_replication" "good" {
  source_db_instance_arn = "arn:aws:rds:eu-west-1:111122223333:db:main"
  kms_key_id             = aws_kms_key.dr.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_db_instance_automated_backups_replication" "unset" {
  source_db_instance_arn = "arn:aws:rds:eu-west-1:111122223333:db:main"
}`, Fails: []string{"aws_db_instance_automated_backups_replication.unset"},
		Expect: map[string]scanner.Expected{"aws_db_instance_automated_backups_replication.unset": {Message: "each replicated backup is encrypted with a key AWS owns"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "each replicated backup", nil)
	},
}

// dlmCopy is one cross-region copy of a Data Lifecycle Manager policy: the
// block that says whether the copy is encrypted and names its key, and
// the names of those two arguments there.
type dlmCopy struct {
	where            string
	block            *scanner.Block
	encrypted, keyAt string
}

// dlmCopies returns the cross-region copies of a policy: schedule copy
// rules (encrypted, cmk_arn) and event-based copy actions
// (encryption_configuration { encrypted, cmk_arn }). dynamic reports
// copy blocks that are not known until apply.
func dlmCopies(r *scanner.Resource) (copies []dlmCopy, dynamic bool) {
	details := r.FirstBlock("policy_details")
	if details == nil {
		return nil, r.BlocksUnknown("policy_details")
	}
	dynamic = details.BlocksUnknown("schedule") || details.BlocksUnknown("action")
	for i, s := range details.Blocks("schedule") {
		dynamic = dynamic || s.BlocksUnknown("cross_region_copy_rule")
		for j, c := range s.Blocks("cross_region_copy_rule") {
			copies = append(copies, dlmCopy{fmt.Sprintf("schedule #%d cross_region_copy_rule #%d", i+1, j+1), c, "encrypted", "cmk_arn"})
		}
	}
	for i, a := range details.Blocks("action") {
		dynamic = dynamic || a.BlocksUnknown("cross_region_copy")
		for j, c := range a.Blocks("cross_region_copy") {
			enc := c.FirstBlock("encryption_configuration")
			if enc == nil && c.BlocksUnknown("encryption_configuration") {
				// A dynamic encryption_configuration: whether and how
				// the copy is encrypted is not known until apply.
				dynamic = true
				continue
			}
			if enc == nil {
				// No encryption_configuration: the copy is not encrypted;
				// the copy block itself carries the finding.
				enc = c
			}
			copies = append(copies, dlmCopy{fmt.Sprintf("action #%d cross_region_copy #%d", i+1, j+1), enc, "encrypted", "cmk_arn"})
		}
	}
	return copies, dynamic
}

// dlmCopyCheck judges every cross-region copy of a policy with judge.
func dlmCopyCheck(r *scanner.Resource, judge func(c dlmCopy) scanner.Result) scanner.Result {
	copies, dynamic := dlmCopies(r)
	if len(copies) == 0 && !dynamic {
		return scanner.DoesNotApply("the policy copies no snapshots to another region")
	}
	var results []scanner.Result
	for _, c := range copies {
		results = append(results, judge(c))
	}
	if dynamic {
		results = append(results, scanner.Unknowable(r.Range, "the policy's cross-region copies are not known until apply"))
	}
	return worst(results...)
}

const dlmCopyCode = `policy_details {
  # ...
  schedule {
    # ...
    cross_region_copy_rule {
      target    = "eu-central-1"
      encrypted = true
      cmk_arn   = aws_kms_key.dr.arn
    }
  }
}`

// dlmSchedulePolicy is an example daily snapshot policy whose schedule
// ends with copyRule (a cross_region_copy_rule block, or nothing).
func dlmSchedulePolicy(name, copyRule string) string {
	return `
resource "aws_dlm_lifecycle_policy" "` + name + `" {
  description        = "daily"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"
  policy_details {
    resource_types = ["VOLUME"]
    target_tags    = { Backup = "true" }
    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 7
      }` + copyRule + `
    }
  }
}
`
}

// dlmEventPolicy is an example event-based policy that copies shared
// snapshots with the given cross_region_copy body.
func dlmEventPolicy(name, copyBody string) string {
	return `
resource "aws_dlm_lifecycle_policy" "` + name + `" {
  description        = "shared snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"
  policy_details {
    policy_type = "EVENT_BASED_POLICY"
    action {
      name = "copy"
      cross_region_copy {
        target = "eu-central-1"` + copyBody + `
        retain_rule {
          interval      = 7
          interval_unit = "DAYS"
        }
      }
    }
    event_source {
      type = "MANAGED_CWE"
      parameters {
        description_regex = "^.*$"
        event_type        = "shareSnapshot"
        snapshot_owner    = ["111122223333"]
      }
    }
  }
}
`
}

var dlmCrossRegionCopyEncrypted = &scanner.Rule{
	ID:    "aws-dlm-cross-region-copy-encrypted",
	Title: "Data Lifecycle Manager encrypts the snapshot copies it makes in other regions",
	Description: "A Data Lifecycle Manager policy that copies snapshots to another region leaves a copy of an " +
		"unencrypted snapshot unencrypted unless the copy rule sets encrypted = true (schedules) or " +
		"encryption_configuration { encrypted = true } (event-based copies): the disaster-recovery copy of the data " +
		"is then readable to anyone who can reach the snapshot (SOC 2 CC6.1, C1.1).",
	Severity:        scanner.Medium,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_dlm_lifecycle_policy"},
	Remediation:     "Set encrypted = true (with cmk_arn) on every cross_region_copy_rule, and encryption_configuration { encrypted = true } on every cross_region_copy action.",
	RemediationCode: dlmCopyCode,
	Links: []string{
		registryDoc("aws_dlm_lifecycle_policy", "cross-region-copy-rule-arguments"),
		"https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-ami-policy.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_253"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_255"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: dlmSchedulePolicy("good", `
      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
        retain_rule {
          interval      = 7
          interval_unit = "DAYS"
        }
      }`) + dlmSchedulePolicy("local", "") + dlmEventPolicy("event", `
        encryption_configuration {
          encrypted = true
        }`), NotApplicable: []string{"aws_dlm_lifecycle_policy.local"}}}
		bad = []scanner.Example{{Code: dlmSchedulePolicy("plain", `
      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = false
      }`) + dlmEventPolicy("event", "") + `
variable "encrypt" {
  type = bool
}
` + dlmSchedulePolicy("maybe", `
      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = var.encrypt
      }`) + `
variable "copy_encryption" {
  type = list(bool)
}
` + dlmEventPolicy("dynamic", `
        dynamic "encryption_configuration" {
          for_each = var.copy_encryption
          content {
            encrypted = encryption_configuration.value
          }
        }`), Fails: []string{"aws_dlm_lifecycle_policy.plain", "aws_dlm_lifecycle_policy.event"},
			Unknowns: []string{"aws_dlm_lifecycle_policy.maybe", "aws_dlm_lifecycle_policy.dynamic"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return dlmCopyCheck(r, func(c dlmCopy) scanner.Result {
			return scanner.RequireTrue(c.block.Attr(c.encrypted), c.where+" does not encrypt the snapshot copies it makes")
		})
	},
}

var dlmCrossRegionCopyCustomerKey = &scanner.Rule{
	ID:    "aws-dlm-cross-region-copy-customer-key",
	Title: "Data Lifecycle Manager encrypts cross-region snapshot copies with a customer-managed KMS key",
	Description: "A cross-region copy without cmk_arn is encrypted with the destination region's default EBS key " +
		"(alias/aws/ebs), whose policy the account cannot narrow: the disaster-recovery copy is readable to any " +
		"principal of the account with EBS access there." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_dlm_lifecycle_policy"},
	Remediation:     "Set cmk_arn to a customer-managed KMS key of the destination region on every cross-region copy.",
	RemediationCode: dlmCopyCode,
	Links:           []string{registryDoc("aws_dlm_lifecycle_policy", "cross-region-copy-rule-arguments")},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_254"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_256"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = []scanner.Example{{Code: `
resource "aws_kms_key" "dr" {
  enable_key_rotation = true
}
` + dlmEventPolicy("good", `
        encryption_configuration {
          encrypted = true
          cmk_arn   = aws_kms_key.dr.arn
        }`)}}
		bad = []scanner.Example{{Code: dlmSchedulePolicy("default_key", `
      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
      }`), Fails: []string{"aws_dlm_lifecycle_policy.default_key"}}}
		return good, bad
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return dlmCopyCheck(r, func(c dlmCopy) scanner.Result {
			return requireCustomerKeyIn(c.block.Attr(c.keyAt), ctx.Index, "each snapshot copy of "+c.where)
		})
	},
}

var memorydbSnapshotCustomerKey = &scanner.Rule{
	ID:    "aws-memorydb-snapshot-customer-key",
	Title: "MemoryDB snapshots are encrypted with a customer-managed KMS key",
	Description: "A MemoryDB snapshot holds a full copy of the cluster's data; without kms_key_arn it is encrypted " +
		"with a key AWS owns, whatever key the cluster itself uses." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_memorydb_snapshot"},
	Remediation:     "Set kms_key_arn to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_memorydb_snapshot\" \"nightly\" {\n  cluster_name = aws_memorydb_cluster.main.name\n  kms_key_arn  = aws_kms_key.cache.arn\n}",
	Links:           []string{registryDoc("aws_memorydb_snapshot", "kms_key_arn")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_278"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "cache" {
  enable_key_rotation = true
}

resource "aws_memorydb_snapshot" "good" {
  cluster_name = "sessions"
  name         = "nightly"
  kms_key_arn  = aws_kms_key.cache.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_memorydb_snapshot" "unset" {
  cluster_name = "sessions"
  name         = "nightly"
}`, Fails: []string{"aws_memorydb_snapshot.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_arn", "the snapshot", nil)
	},
}

var redshiftSnapshotCopyGrantCustomerKey = &scanner.Rule{
	ID:    "aws-redshift-snapshot-copy-grant-customer-key",
	Title: "Redshift snapshot copy grants encrypt cross-region copies with a customer-managed KMS key",
	Description: "A snapshot copy grant lets Redshift encrypt the snapshots it copies to another region; without " +
		"kms_key_id the grant uses the destination region's AWS managed Redshift key, whose policy the account " +
		"cannot narrow." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_redshift_snapshot_copy_grant"},
	Remediation:     "Set kms_key_id to a customer-managed KMS key of the destination region.",
	RemediationCode: "resource \"aws_redshift_snapshot_copy_grant\" \"dr\" {\n  snapshot_copy_grant_name = \"dr\"\n  kms_key_id               = aws_kms_key.dr.arn\n}",
	Links:           []string{registryDoc("aws_redshift_snapshot_copy_grant", "kms_key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_281"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "dr" {
  enable_key_rotation = true
}

resource "aws_redshift_snapshot_copy_grant" "good" {
  snapshot_copy_grant_name = "dr"
  kms_key_id               = aws_kms_key.dr.arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_redshift_snapshot_copy_grant" "unset" {
  snapshot_copy_grant_name = "dr"
}`, Fails: []string{"aws_redshift_snapshot_copy_grant.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "each copied snapshot", nil)
	},
}

var rdsActivityStreamCustomerKey = &scanner.Rule{
	ID:    "aws-rds-activity-stream-customer-key",
	Title: "RDS database activity streams are encrypted with a customer-managed KMS key",
	Description: "A database activity stream sends every statement the database runs to Kinesis; kms_key_id names " +
		"the key that encrypts it, and only a customer-managed key lets the account decide who may read that record " +
		"of queries and their parameters." + customerKeyNote,
	Severity:        scanner.Low,
	Criteria:        encryptionCriteria,
	Family:          scanner.FamilyEncryptionAtRest,
	ResourceTypes:   []string{"aws_rds_cluster_activity_stream"},
	Remediation:     "Set kms_key_id to a customer-managed KMS key.",
	RemediationCode: "resource \"aws_rds_cluster_activity_stream\" \"audit\" {\n  resource_arn = aws_rds_cluster.main.arn\n  mode         = \"async\"\n  kms_key_id   = aws_kms_key.audit.key_id\n}",
	Links:           []string{registryDoc("aws_rds_cluster_activity_stream", "kms_key_id")},
	References:      []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_246"}},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "audit" {
  enable_key_rotation = true
}

resource "aws_rds_cluster_activity_stream" "good" {
  resource_arn = "arn:aws:rds:eu-west-1:111122223333:cluster:main"
  mode         = "async"
  kms_key_id   = aws_kms_key.audit.key_id
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_rds_cluster_activity_stream" "managed" {
  resource_arn = "arn:aws:rds:eu-west-1:111122223333:cluster:main"
  mode         = "async"
  kms_key_id   = "alias/aws/rds"
}`, Fails: []string{"aws_rds_cluster_activity_stream.managed"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return keyArgument(r, ctx, "kms_key_id", "the activity stream", nil)
	},
}
