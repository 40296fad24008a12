package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// MFA delete on versioned S3 buckets: versioning keeps every overwritten
// or deleted object, and MFA delete keeps a stolen access key from
// purging those versions or turning versioning off.

var s3BucketMFADelete = &scanner.Rule{
	ID:    "aws-s3-bucket-mfa-delete",
	Title: "Versioned S3 buckets require MFA to delete object versions or suspend versioning",
	Description: "Versioning only protects data while the versions survive: a credential that may call " +
		"s3:DeleteObjectVersion or s3:PutBucketVersioning can purge every version or suspend versioning, which " +
		"ransomware and a careless script do alike. MFA delete makes both calls require the bucket owner's MFA code " +
		"(SOC 2 A1.2, C1.1). The rule judges buckets whose versioning is enabled (inline, or by an " +
		"aws_s3_bucket_versioning resource); aws-s3-bucket-versioning judges the others. MFA delete cannot be enabled on " +
		"a bucket with a lifecycle configuration, so such buckets are not judged.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"C1.1", "CC6.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_s3_bucket"},
	Remediation: "Enable MFA delete with the root user's MFA device: set mfa_delete = \"Enabled\" in the bucket's " +
		"aws_s3_bucket_versioning (with its mfa argument) or enable it once with the AWS CLI and declare it.",
	RemediationCode: `resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  mfa    = "${var.root_mfa_serial} ${var.root_mfa_code}"
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}`,
	Links: []string{
		registryDoc("aws_s3_bucket_versioning", "mfa_delete"),
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_52"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0170"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Without Enabled MFA Delete"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_no_mfa_delete"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_s3_bucket" "inline" {
  bucket = "inline"
  versioning {
    enabled    = true
    mfa_delete = true
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  mfa    = "arn:aws:iam::111122223333:mfa/root-account-mfa-device 123456"
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "mfa_delete" {
  type = string
}

resource "aws_s3_bucket" "inline" {
  bucket = "inline"
  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled"
  }
}

resource "aws_s3_bucket" "maybe" {
  bucket = "maybe"
}

resource "aws_s3_bucket_versioning" "maybe" {
  bucket = aws_s3_bucket.maybe.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = var.mfa_delete
  }
}

# Not versioned: aws-s3-bucket-versioning's finding.
resource "aws_s3_bucket" "unversioned" {
  bucket = "unversioned"
}

# MFA delete and lifecycle rules exclude each other.
resource "aws_s3_bucket" "expiring" {
  bucket = "expiring"
  versioning {
    enabled = true
  }
  lifecycle_rule {
    enabled = true
    noncurrent_version_expiration {
      days = 90
    }
  }
}`, Fails: []string{"aws_s3_bucket.inline", "aws_s3_bucket.data"},
		Unknowns:      []string{"aws_s3_bucket.maybe"},
		NotApplicable: []string{"aws_s3_bucket.unversioned", "aws_s3_bucket.expiring"},
		Expect: map[string]scanner.Expected{
			"aws_s3_bucket.data": {Line: 21, Message: `aws_s3_bucket_versioning.data sets mfa_delete to "Disabled"`},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		versioned := scanner.No
		var mfa scanner.Result
		mfaSet := false
		// Get reads the inline block's arguments as unknown when a dynamic
		// block may write them.
		switch enabled := r.Get("versioning", "enabled"); {
		case enabled.IsTrue():
			versioned = scanner.Yes
			mfa, mfaSet = scanner.RequireTrue(r.Get("versioning", "mfa_delete"),
				"versioning.mfa_delete is not true: versions can be deleted without MFA"), true
		case enabled.IsUnknown():
			versioned = scanner.Maybe
		}
		referrers, _ := ctx.Index.Referrers(r, "aws_s3_bucket_versioning", []string{"bucket"}, "bucket", "id")
		for _, v := range referrers {
			status := v.Get("versioning_configuration", "status")
			switch {
			case status.IsUnknown():
				versioned = max(versioned, scanner.Maybe)
				continue
			case !status.Equals("Enabled"):
				continue
			}
			versioned = scanner.Yes
			m := v.Get("versioning_configuration", "mfa_delete")
			switch {
			case m.Equals("Enabled"):
				mfa = scanner.Passed()
			case m.IsUnknown():
				mfa = scanner.Unknowable(m.Range, "%s's mfa_delete is not known until apply", v.Address)
			case m.IsNull():
				mfa = scanner.Failed(v.Range, "%s does not set mfa_delete (Disabled by default): versions can be deleted without MFA", v.Address)
			default:
				mfa = scanner.Failed(m.Range, "%s sets mfa_delete to %s: versions can be deleted without MFA", v.Address, describeValue(m))
			}
			mfaSet = true
			if mfa.Status == scanner.Pass {
				return mfa
			}
		}
		switch {
		case mfaSet && mfa.Status == scanner.Pass:
			return mfa
		case versioned == scanner.No:
			return scanner.DoesNotApply("versioning is not enabled (aws-s3-bucket-versioning judges that)")
		case hasLifecycle(r, ctx):
			return scanner.DoesNotApply("the bucket has a lifecycle configuration, with which S3 does not allow MFA delete")
		case versioned == scanner.Maybe && !mfaSet:
			return scanner.Unknowable(r.Range, "whether versioning is enabled is not known until apply")
		}
		return mfa
	},
}

// hasLifecycle reports whether the bucket declares lifecycle rules, inline
// or in an aws_s3_bucket_lifecycle_configuration.
func hasLifecycle(r *scanner.Resource, ctx *scanner.Context) bool {
	if len(r.Blocks("lifecycle_rule")) > 0 || r.BlocksUnknown("lifecycle_rule") {
		return true
	}
	found, _ := ctx.Index.Referrers(r, "aws_s3_bucket_lifecycle_configuration", []string{"bucket"}, "bucket", "id")
	return len(found) > 0
}
