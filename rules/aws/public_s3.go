package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Public exposure of S3: public access blocks (bucket and account), ACLs
// and bucket policies.

var s3BucketPublicAccessBlock = &scanner.Rule{
	ID:    "aws-s3-bucket-public-access-block",
	Title: "S3 buckets are covered by a public access block that rejects public ACLs and policies",
	Description: "S3 Block Public Access is the guard rail that stops a single ACL or bucket policy mistake from " +
		"publishing customer data: with block_public_acls and block_public_policy on, S3 rejects any new public " +
		"ACL or public bucket policy. SOC 2 CC6.6 expects such boundary protection on every data store. A bucket " +
		"passes when an aws_s3_bucket_public_access_block for it, or an aws_s3_account_public_access_block for " +
		"the account, has those two settings true. The other two (ignore_public_acls, restrict_public_buckets) " +
		"neutralise public grants that already exist; aws-s3-public-access-block-settings-on and the four " +
		"aws-s3-public-access-block-* rules judge every setting on the block itself, so a block that covers the " +
		"bucket but leaves one of them off fails there, once, rather than here as well. Since April 2023 AWS " +
		"turns the four settings on for new buckets, but a bucket whose configuration does not say so can still " +
		"be opened by anyone who edits it outside Terraform.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_s3_bucket"},
	Remediation: "Add an aws_s3_bucket_public_access_block for the bucket with all four settings true, or declare " +
		"them once for the account with aws_s3_account_public_access_block.",
	RemediationCode: `resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_6"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0094"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-specify-public-access-block"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_level_public_access_block"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`},
		{Code: `
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "logs" {
  for_each = toset(["app", "lb"])
  bucket   = "acme-${each.key}-logs"
}`},
		{Code: `
# New public ACLs and policies are rejected; the two settings left at
# their default are reported on the block by
# aws-s3-public-access-block-settings-on.
resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket              = aws_s3_bucket.assets.id
  block_public_acls   = true
  block_public_policy = true
}`},
	},
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

# Blocks public access in another account only.
resource "aws_s3_account_public_access_block" "audit" {
  provider                = aws.audit
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}`, Fails: []string{"aws_s3_bucket.data"}},

		{Code: `
resource "aws_s3_bucket" "orphan" {
  bucket = "acme-orphan"
}

resource "aws_s3_bucket" "partial" {
  bucket = "acme-partial"
}

resource "aws_s3_bucket_public_access_block" "partial" {
  bucket                  = "acme-partial"
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}`, Fails: []string{"aws_s3_bucket.orphan", "aws_s3_bucket.partial"}},
		{Code: `
variable "block_policy" {
  type = bool
}

# Public policies are not rejected account-wide.
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = var.block_policy
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "other" {
  bucket = "acme-other"
}`, Fails: []string{"aws_s3_bucket.other"}, Unknowns: []string{"aws_s3_bucket.data"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		account := accountBlocksPublicAccess(ctx.Index, r, publicGrantBlockFlags)
		if account == scanner.Yes {
			return scanner.Passed()
		}
		blocks, maybe := ctx.Index.Referrers(r, "aws_s3_bucket_public_access_block", []string{"bucket"}, "bucket")
		state := scanner.No
		var weakest scanner.Value
		var weakBlock *scanner.Resource
		for _, b := range blocks {
			s, flag := blockFlagsState(b, publicGrantBlockFlags)
			if s == scanner.Yes {
				return scanner.Passed()
			}
			if weakBlock == nil || s > state {
				state, weakest, weakBlock = s, flag, b
			}
		}
		if state == scanner.Maybe || account == scanner.Maybe {
			return scanner.Unknowable(weakest.Range, "whether the bucket's public access block rejects public ACLs and policies is only known after apply")
		}
		if weakBlock != nil {
			return scanner.Failed(weakest.Range, "the bucket's public access block %s leaves %s off: a public ACL or policy can still expose the bucket", weakBlock.Address, weakest.Name)
		}
		if maybe != nil {
			return scanner.Unknowable(r.Range, "a public access block names a bucket only known after apply; it may cover this bucket")
		}
		return scanner.Failed(r.Range, "no aws_s3_bucket_public_access_block covers this bucket and no account-level block rejects public ACLs and policies")
	},
}

var s3AccountPublicAccessBlock = &scanner.Rule{
	ID:    "aws-s3-account-public-access-block",
	Title: "The account-level S3 public access block has all four settings on",
	Description: "The account-level public access block protects every bucket in the account, including buckets " +
		"created later, outside Terraform or by other teams. SOC 2 CC6.6 expects boundary protection that does not " +
		"depend on each bucket being configured right. When the account block is declared, all four settings " +
		"(block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets) must be true; each " +
		"defaults to false.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_s3_account_public_access_block"},
	Remediation:   "Set all four settings to true on aws_s3_account_public_access_block.",
	RemediationCode: `resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_account_public_access_block",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "s3_account_level_public_access_blocks"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Allows Public Policy"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls   = true
  block_public_policy = true
}`, Fails: []string{"aws_s3_account_public_access_block.this"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return checkPublicAccessBlockSettings(r, "buckets in the account")
	},
}

// checkPublicAccessBlockSettings decides a public access block on its own:
// all four settings must be true (each defaults to false); what names what
// the block protects, for messages.
func checkPublicAccessBlockSettings(r *scanner.Resource, what string) scanner.Result {
	state, flag := publicAccessBlockState(r)
	switch state {
	case scanner.Yes:
		return scanner.Passed()
	case scanner.Maybe:
		return scanner.Unknowable(flag.Range, "%s is only known after apply", flag.Name)
	}
	return scanner.Failed(flag.Range, "%s is not true: %s can still be made public", flag.Name, what)
}

var s3PublicAccessBlockSettingsOn = &scanner.Rule{
	ID:    "aws-s3-public-access-block-settings-on",
	Title: "S3 bucket public access blocks have all four settings on",
	Description: "An aws_s3_bucket_public_access_block that sets any of block_public_acls, block_public_policy, " +
		"ignore_public_acls or restrict_public_buckets to false (each defaults to false) switches a protection " +
		"off for its bucket: since April 2023 AWS turns all four on for new buckets, so such a block exists to " +
		"weaken them. SOC 2 CC6.6 expects boundary protection on every data store. The block is judged on its " +
		"own, whether or not the bucket it names is in the configuration or the plan; " +
		"aws-s3-bucket-public-access-block judges the buckets that are. A setting the block leaves off passes when an " +
		"aws_s3_account_public_access_block in the configuration turns it on, since S3 applies the stricter of the " +
		"two. The four aws-s3-public-access-block-* rules of the single settings say which of them is off.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_s3_bucket_public_access_block"},
	Remediation:   "Set all four settings to true; publish content through CloudFront with origin access control instead.",
	RemediationCode: `resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = "acme-data"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_s3_bucket_public_access_block" "external" {
  bucket                  = "bucket-of-another-stack"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`}, {Code: `
# The account's block turns on the two settings the bucket's block leaves
# off: S3 applies the stricter of the two blocks, setting by setting.
resource "aws_s3_account_public_access_block" "account" {
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "covered" {
  bucket              = "acme-reports"
  block_public_acls   = true
  block_public_policy = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_s3_bucket_public_access_block" "external" {
  bucket                  = "bucket-of-another-stack"
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "partial" {
  bucket            = "another-bucket"
  block_public_acls = true
}

variable "strict" {
  type = bool
}

resource "aws_s3_bucket_public_access_block" "maybe" {
  bucket                  = "third-bucket"
  block_public_acls       = var.strict
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`, Fails: []string{"aws_s3_bucket_public_access_block.external", "aws_s3_bucket_public_access_block.partial"},
		Unknowns: []string{"aws_s3_bucket_public_access_block.maybe"},
		Expect:   map[string]scanner.Expected{"aws_s3_bucket_public_access_block.external": {Line: 5, Message: "block_public_policy is not true"}}}, {Code: `
# The account's block covers one setting; the bucket's block leaves the
# other three off.
resource "aws_s3_account_public_access_block" "account" {
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "legacy" {
  bucket                  = "acme-legacy"
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}`, Fails: []string{"aws_s3_bucket_public_access_block.legacy"},
		Expect: map[string]scanner.Expected{"aws_s3_bucket_public_access_block.legacy": {Line: 10, Message: "block_public_acls = false"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		res := checkPublicAccessBlockSettings(r, "the bucket")
		if res.Status != scanner.Fail || len(ctx.Index.OfType("aws_s3_account_public_access_block")) == 0 {
			return res
		}
		// S3 applies the stricter of the account's and the bucket's
		// block, setting by setting: judge each as its own rule does.
		var results []scanner.Result
		for _, flag := range publicAccessBlockFlags {
			results = append(results, s3SettingCheck(flag)(r, ctx))
		}
		return worst(results...)
	},
}

var s3BucketNoPublicACL = &scanner.Rule{
	ID:    "aws-s3-bucket-no-public-acl",
	Title: "S3 buckets do not grant access to everyone through ACLs",
	Description: "The canned ACLs public-read, public-read-write and authenticated-read, and grants to the AllUsers " +
		"or AuthenticatedUsers groups, let anyone on the internet (or anyone with any AWS account) list, read or " +
		"write the bucket. SOC 2 CC6.6 and CC6.1 expect access to data to be limited to authorised users. Both " +
		"aws_s3_bucket_acl and the legacy acl and grant arguments of aws_s3_bucket are inspected. A public access " +
		"block with ignore_public_acls neutralises such an ACL, but the configuration still states the intent to " +
		"publish and is reported.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_s3_bucket", "aws_s3_bucket_acl"},
	Remediation: "Use the private canned ACL, or better, disable ACLs with aws_s3_bucket_ownership_controls " +
		"(BucketOwnerEnforced) and grant access through IAM and bucket policies.",
	RemediationCode: `resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_43"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_375"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_20"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_57"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0161"},
		{Tool: scanner.ToolTfsec, ID: "aws-cloudtrail-no-public-log-access"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0092"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-no-public-access-with-acl"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_public_list_acl"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_public_write_acl"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket ACL Allows Read Or Write to All Users"},
		{Tool: scanner.ToolKICS, ID: "CloudTrail Log Files S3 Bucket is Publicly Accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "private"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = "acme-logs"
  acl    = "log-delivery-write"
}

# CloudFront standard logging writes through an ACL grant to the
# awslogsdelivery account: the bucket must keep ACLs on.
data "aws_cloudfront_log_delivery_canonical_user_id" "cloudfront" {}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "cdn_logs" {
  bucket = "acme-cdn-logs"
}

resource "aws_s3_bucket_ownership_controls" "cdn_logs" {
  bucket = aws_s3_bucket.cdn_logs.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "cdn_logs" {
  bucket = aws_s3_bucket.cdn_logs.id
  access_control_policy {
    grant {
      grantee {
        id   = data.aws_cloudfront_log_delivery_canonical_user_id.cloudfront.id
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  logging_config {
    bucket = aws_s3_bucket.cdn_logs.bucket_domain_name
  }
}`}},
	Bad: []scanner.Example{
		{Code: `
module "site" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 5.0"

  bucket = "acme-site"
  acl    = "public-read"
}`, Fails: []string{"module.site.aws_s3_bucket_acl.this[0]"},
			Expect: map[string]scanner.Expected{"module.site.aws_s3_bucket_acl.this[0]": {Line: 7, Message: "public-read"}}},
		{Code: `
resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "public-read"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  acl    = "public-read-write"
}`, Fails: []string{"aws_s3_bucket_acl.site", "aws_s3_bucket.legacy"}},
		{Code: `
variable "acl" {
  type = string
}

resource "aws_s3_bucket_acl" "grants" {
  bucket = "acme-grants"

  access_control_policy {
    owner {
      id = "abc123"
    }
    grant {
      permission = "READ"
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
    }
  }
}

resource "aws_s3_bucket_acl" "from_var" {
  bucket = "acme-var"
  acl    = var.acl
}`, Fails: []string{"aws_s3_bucket_acl.grants"}, Unknowns: []string{"aws_s3_bucket_acl.from_var"}},
	},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		acl := r.Attr("acl")
		if acl.OneOf(publicCannedACLs...) {
			return scanner.Failed(acl.Range, "acl is %q: everyone can access the bucket", acl.StringOr(""))
		}
		unknown := acl.IsUnknown()
		// A legacy grant block names its grantee itself; a grant of an
		// access_control_policy names it in a grantee block.
		grants, dynamic := r.BlocksAt("grant")
		policyGrants, policyDynamic := r.BlocksAt("access_control_policy", "grant")
		grants = append(grants, policyGrants...)
		unknown = unknown || dynamic || policyDynamic
		for _, g := range grants {
			grantee := g
			if r.Type == "aws_s3_bucket_acl" {
				var hidden string
				if grantee, hidden = g.Follow("grantee"); grantee == nil {
					unknown = unknown || hidden != ""
					continue
				}
			}
			uri, state := publicGrant(grantee.Attr("uri"))
			if state == scanner.Yes {
				return scanner.Failed(g.Range, "the ACL grants %s to %s", g.Attr("permission").StringOr("access"), uri)
			}
			unknown = unknown || state == scanner.Maybe
		}
		if unknown {
			return scanner.Unknowable(r.Range, "the bucket ACL is only known after apply")
		}
		return scanner.Passed()
	},
}

var s3BucketPolicyNotPublic = &scanner.Rule{
	ID:    "aws-s3-bucket-policy-not-public",
	Title: "S3 bucket policies do not allow access to everyone",
	Description: "A bucket policy statement that allows Principal \"*\" (or {\"AWS\": \"*\"}) without a condition " +
		"that limits the caller — aws:SourceVpce, aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, " +
		"aws:PrincipalArn, aws:SourceIp (not 0.0.0.0/0) and the like, tested with an equality operator and no " +
		"IfExists — makes the objects it covers readable (or writable) by anyone on the internet. SOC 2 CC6.6 and " +
		"CC6.1 expect data access to be limited to authorised users. Deny statements are not findings; a Deny for " +
		"every caller outside a VPC endpoint or organisation (StringNotEquals on such a key) keeps the Allow " +
		"statements private. Policies are read from JSON strings, jsonencode() and aws_iam_policy_document data " +
		"sources; a policy only known after apply is reported as unknown.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_s3_bucket_policy", "aws_s3_bucket", "aws_s3_access_point", "aws_s3control_access_point_policy", "aws_s3control_bucket_policy"},
	Remediation: "Grant access to specific principals, or keep Principal \"*\" only together with a condition " +
		"that limits the caller (for CloudFront, use origin access control with the cloudfront.amazonaws.com " +
		"service principal and aws:SourceArn).",
	RemediationCode: `data "aws_iam_policy_document" "site" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudfront_distribution.site.arn]
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_policy",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Allows List Action From All Principals"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Allows Put Action From All Principals"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Allows Get Action From All Principals"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Allows Delete Action From All Principals"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_70"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_public_access"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Access to Any Principal"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket With All Permissions"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_s3_bucket_policy" "vpce" {
  bucket = "acme-internal"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReadThroughEndpoint"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "arn:aws:s3:::acme-internal/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0123456789abcdef0" } }
    }]
  })
}

# ArnLike with the account fixed: only that account's deploy roles.
resource "aws_s3_bucket_policy" "deployers" {
  bucket = "acme-deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-deploy/*"
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/deploy-*" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "tls" {
  bucket = "acme-data"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "DenyInsecureTransport",
          "Effect": "Deny",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"],
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }
      ]
    }
  EOF
}`},
		{Code: `
data "aws_iam_policy_document" "org" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-shared/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}

resource "aws_s3_bucket_policy" "org" {
  bucket = "acme-shared"
  policy = data.aws_iam_policy_document.org.json
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
}

data "aws_iam_policy_document" "site" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudfront_distribution.site.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = data.aws_iam_policy_document.site.json
}`},
	},
	Bad: []scanner.Example{
		{Code: `
resource "aws_s3_bucket_policy" "public" {
  bucket = "acme-site"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-site/*"
    }]
  })
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": "arn:aws:s3:::acme-legacy/*",
        "Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-0123456789abcdef0"}}
      }]
    }
  EOF
}

# ArnLike matches the wildcard: a role named deploy in any AWS account.
resource "aws_s3_bucket_policy" "any_account" {
  bucket = "acme-deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-deploy/*"
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/deploy" } }
    }]
  })
}`, Fails: []string{"aws_s3_bucket_policy.public", "aws_s3_bucket.legacy", "aws_s3_bucket_policy.any_account"}},
		{Code: `
variable "principal_type" {
  type = string
}

data "aws_iam_policy_document" "open" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::acme-upload/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["0.0.0.0/0"]
    }
  }
}

resource "aws_s3_bucket_policy" "open" {
  bucket = "acme-upload"
  policy = data.aws_iam_policy_document.open.json
}

data "aws_iam_policy_document" "maybe" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-maybe/*"]
    principals {
      type        = var.principal_type
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "maybe" {
  bucket = "acme-maybe"
  policy = data.aws_iam_policy_document.maybe.json
}

# jsonencode() of an object with a value known only after apply (here the
# bucket's ARN) is unknown until apply, but its Principal and Action are
# known now: the policy is public whatever the ARN turns out to be.
resource "aws_s3_bucket" "encoded" {
  bucket = "acme-encoded"
}

resource "aws_s3_bucket_policy" "encoded" {
  bucket = aws_s3_bucket.encoded.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.encoded.arn}/*"
    }]
  })
}`, Fails: []string{"aws_s3_bucket_policy.open", "aws_s3_bucket_policy.encoded"}, Unknowns: []string{"aws_s3_bucket_policy.maybe"}},
		{Code: `
# Access points (and S3 on Outposts buckets) carry policies of their own.
resource "aws_s3_access_point" "reports" {
  bucket = "acme-reports"
  name   = "reports"
}

resource "aws_s3control_access_point_policy" "reports" {
  access_point_arn = aws_s3_access_point.reports.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_s3_access_point" "private" {
  bucket = "acme-private"
  name   = "private"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = "s3:GetObject"
      Resource  = "*"
    }]
  })
}`, Fails: []string{"aws_s3control_access_point_policy.reports"}},
		{Code: `
# IAM rejects a wildcard inside a principal ARN, but the statement is
# written to let every account in: read as Principal "*".
resource "aws_s3_bucket_policy" "any_account" {
  bucket = "acme-shared"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::123456789012:role/reader", "arn:aws:iam::*:root"] }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-shared/*"
    }]
  })
}

# A wildcard after a named account stays inside that account.
resource "aws_s3_bucket_policy" "one_account" {
  bucket = "acme-team"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-team/*"
    }]
  })
}`, Fails: []string{"aws_s3_bucket_policy.any_account"},
			Expect: map[string]scanner.Expected{"aws_s3_bucket_policy.any_account": {Message: `Principal "arn:aws:iam::*:root", whose wildcard account`}}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		what := "bucket policy"
		if r.Type == "aws_s3_access_point" || r.Type == "aws_s3control_access_point_policy" {
			what = "access point policy"
		}
		return publicPolicyResult(r.Attr("policy"), ctx.Index, what)
	},
}
