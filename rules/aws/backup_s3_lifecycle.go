package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var s3BucketLifecycleConfigured = &scanner.Rule{
	ID:    "aws-s3-bucket-lifecycle-configured",
	Title: "S3 buckets have an enabled lifecycle configuration",
	Description: "Without lifecycle rules a bucket keeps every object, and with versioning every noncurrent version " +
		"and delete marker, forever: data the organisation meant to dispose of stays readable, and storage grows " +
		"until someone notices. SOC 2 C1.2 expects confidential information to be disposed of when its retention " +
		"period ends, and A1.2 expects backup copies to be managed. A bucket passes when an " +
		"aws_s3_bucket_lifecycle_configuration that names it, or the legacy inline lifecycle_rule, has a rule that is " +
		"enabled (rules that are all disabled do nothing). Buckets with MFA delete enabled are not applicable: S3 " +
		"does not allow lifecycle rules on them, and aws-s3-bucket-mfa-delete asks for MFA delete instead.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "C1.2", Secondary: []string{"A1.2"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"aws_s3_bucket"},
	Remediation: "Add an aws_s3_bucket_lifecycle_configuration with rules that expire or transition objects and " +
		"noncurrent versions according to your retention policy.",
	RemediationCode: `resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_61"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_lifecycle_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    expiration {
      days = 365
    }
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  lifecycle_rule {
    enabled = true
    expiration {
      days = 30
    }
  }
}

# MFA delete and lifecycle rules exclude each other.
resource "aws_s3_bucket" "vault" {
  bucket = "acme-vault"
}

resource "aws_s3_bucket_versioning" "vault" {
  bucket = aws_s3_bucket.vault.id
  mfa    = "arn:aws:iam::111122223333:mfa/root-account-mfa-device 123456"
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}`, NotApplicable: []string{"aws_s3_bucket.vault"}}, {Code: `
variable "bucket" {
  type = string
}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket_lifecycle_configuration" "maybe" {
  bucket = var.bucket
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    expiration {
      days = 30
    }
  }
}`, Unknowns: []string{"aws_s3_bucket.shared"}}},
	Bad: []scanner.Example{{Code: `
variable "status" {
  type = string
}

resource "aws_s3_bucket" "none" {
  bucket = "acme-none"
}

resource "aws_s3_bucket" "disabled" {
  bucket = "acme-disabled"
}

resource "aws_s3_bucket_lifecycle_configuration" "disabled" {
  bucket = aws_s3_bucket.disabled.id
  rule {
    id     = "off"
    status = "Disabled"
    filter {}
    expiration {
      days = 30
    }
  }
}

resource "aws_s3_bucket" "status_from_var" {
  bucket = "acme-status"
}

resource "aws_s3_bucket_lifecycle_configuration" "status_from_var" {
  bucket = aws_s3_bucket.status_from_var.id
  rule {
    id     = "maybe"
    status = var.status
    filter {}
    expiration {
      days = 30
    }
  }
}`, Fails: []string{"aws_s3_bucket.none", "aws_s3_bucket.disabled"},
		Unknowns: []string{"aws_s3_bucket.status_from_var"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if s3MFADeleteEnabled(r, ctx) {
			return scanner.DoesNotApply("MFA delete is enabled, with which S3 does not allow lifecycle rules")
		}
		var results []scanner.Result
		for _, b := range r.Blocks("lifecycle_rule") {
			results = append(results, lifecycleRuleEnabled(b.Attr("enabled"), true))
		}
		if r.BlocksUnknown("lifecycle_rule") {
			results = append(results, scanner.Unknowable(r.Range, "lifecycle_rule is generated from a value not known until apply"))
		}
		found, maybe := ctx.Index.Referrers(r, "aws_s3_bucket_lifecycle_configuration", []string{"bucket"}, "bucket", "id")
		for _, cfg := range found {
			if cfg.BlocksUnknown("rule") {
				results = append(results, scanner.Unknowable(cfg.Range, "%s's rules are not known until apply", cfg.Address))
			}
			for _, b := range cfg.Blocks("rule") {
				results = append(results, lifecycleRuleEnabled(b.Attr("status"), false))
			}
			if len(cfg.Blocks("rule")) == 0 && !cfg.BlocksUnknown("rule") {
				results = append(results, scanner.Failed(cfg.Range, "%s has no rule", cfg.Address))
			}
		}
		if len(found) == 0 && maybe != nil {
			results = append(results, scanner.Unknowable(maybe.Range,
				"%s's bucket is not known until apply, so whether it configures this bucket is not known", maybe.Address))
		}
		if len(results) == 0 {
			return scanner.Failed(r.Range, "the bucket has no lifecycle configuration: objects and noncurrent versions are kept "+
				"forever, past any retention period")
		}
		return best(results...)
	},
}

// lifecycleRuleEnabled judges one lifecycle rule's switch: the inline
// lifecycle_rule's enabled (a bool, true by default) or the split
// resource's status ("Enabled" or "Disabled").
func lifecycleRuleEnabled(v scanner.Value, inline bool) scanner.Result {
	switch {
	case v.IsUnknown():
		return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
	case inline && !v.IsFalse(), !inline && !v.Equals("Disabled"):
		// Enabled, or a value the provider rejects before anything is
		// applied: only a rule known to be switched off is one that
		// deploys and does nothing.
		return scanner.Passed()
	}
	return scanner.Failed(v.Range, "the lifecycle rule is disabled (%s is %s): it expires and transitions nothing",
		v.Name, describeValue(v))
}

// s3MFADeleteEnabled reports whether the bucket's versioning, inline or in
// an aws_s3_bucket_versioning, is known to enable MFA delete.
func s3MFADeleteEnabled(r *scanner.Resource, ctx *scanner.Context) bool {
	if r.Get("versioning", "mfa_delete").IsTrue() {
		return true
	}
	referrers, _ := ctx.Index.Referrers(r, "aws_s3_bucket_versioning", []string{"bucket"}, "bucket", "id")
	for _, v := range referrers {
		if v.Get("versioning_configuration", "mfa_delete").Equals("Enabled") {
			return true
		}
	}
	return false
}
