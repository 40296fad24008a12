package aws

import (
	"fmt"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// One rule per setting of aws_s3_bucket_public_access_block.
// aws-s3-public-access-block-settings-on says whether a block guards its
// bucket fully, aws-s3-bucket-public-access-block whether a bucket is
// covered by a block that rejects public ACLs and policies; these say which
// guard is off, so that a block written to
// turn on one protection is judged on that protection, as Checkov, Trivy
// and KICS each judge it.

var s3BlocksPublicACLs = &scanner.Rule{
	ID:              "aws-s3-public-access-block-blocks-public-acls",
	Title:           "S3 bucket public access blocks reject new public ACLs",
	Description:     s3SettingDescription("block_public_acls", "makes S3 reject requests that set a public ACL on the bucket or its objects (PutBucketAcl, PutObjectAcl, uploads with a public canned ACL)"),
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_s3_bucket_public_access_block"},
	Remediation:     s3SettingRemediation("block_public_acls"),
	RemediationCode: s3SettingRemediationCode,
	Links:           s3SettingLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_53"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0086"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-block-public-acls"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Allows Public ACL"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_s3_bucket_public_access_block", s3SettingBucket, "block_public_acls")
		bad = flagOnBad("aws_s3_bucket_public_access_block", s3SettingBucket, "block_public_acls", publicAccessBlockFlags)
		return append(good, s3SettingAccountGood("block_public_acls"), s3SettingAccountUnknown("block_public_acls")), bad
	},
	Check: s3SettingCheck("block_public_acls"),
}

var s3BlocksPublicPolicy = &scanner.Rule{
	ID:              "aws-s3-public-access-block-blocks-public-policy",
	Title:           "S3 bucket public access blocks reject public bucket policies",
	Description:     s3SettingDescription("block_public_policy", "makes S3 reject a bucket policy that grants public access"),
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_s3_bucket_public_access_block"},
	Remediation:     s3SettingRemediation("block_public_policy"),
	RemediationCode: s3SettingRemediationCode,
	Links:           s3SettingLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_54"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0087"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-block-public-policy"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_s3_bucket_public_access_block", s3SettingBucket, "block_public_policy")
		bad = flagOnBad("aws_s3_bucket_public_access_block", s3SettingBucket, "block_public_policy", publicAccessBlockFlags)
		return append(good, s3SettingAccountGood("block_public_policy"), s3SettingAccountUnknown("block_public_policy")), bad
	},
	Check: s3SettingCheck("block_public_policy"),
}

var s3IgnoresPublicACLs = &scanner.Rule{
	ID:              "aws-s3-public-access-block-ignores-public-acls",
	Title:           "S3 bucket public access blocks ignore public ACLs",
	Description:     s3SettingDescription("ignore_public_acls", "makes S3 ignore every public ACL already on the bucket and its objects"),
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_s3_bucket_public_access_block"},
	Remediation:     s3SettingRemediation("ignore_public_acls"),
	RemediationCode: s3SettingRemediationCode,
	Links:           s3SettingLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_55"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0091"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-ignore-public-acls"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Without Ignore Public ACL"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_s3_bucket_public_access_block", s3SettingBucket, "ignore_public_acls")
		bad = flagOnBad("aws_s3_bucket_public_access_block", s3SettingBucket, "ignore_public_acls", publicAccessBlockFlags)
		return append(good, s3SettingAccountGood("ignore_public_acls"), s3SettingAccountUnknown("ignore_public_acls")), bad
	},
	Check: s3SettingCheck("ignore_public_acls"),
}

var s3RestrictsPublicBuckets = &scanner.Rule{
	ID:    "aws-s3-public-access-block-restricts-public-buckets",
	Title: "S3 bucket public access blocks restrict access to public buckets",
	Description: s3SettingDescription("restrict_public_buckets", "limits a bucket whose policy is public to AWS "+
		"service principals and the bucket owner's account, cutting off anonymous and cross-account access"),
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_s3_bucket_public_access_block"},
	Remediation:     s3SettingRemediation("restrict_public_buckets"),
	RemediationCode: s3SettingRemediationCode,
	Links:           s3SettingLinks,
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_56"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0093"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-no-public-buckets"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Without Restriction Of Public Bucket"},
	},
	MoreExamples: func() (good, bad []scanner.Example) {
		good = flagOnGood("aws_s3_bucket_public_access_block", s3SettingBucket, "restrict_public_buckets")
		bad = flagOnBad("aws_s3_bucket_public_access_block", s3SettingBucket, "restrict_public_buckets", publicAccessBlockFlags)
		return append(good, s3SettingAccountGood("restrict_public_buckets"), s3SettingAccountUnknown("restrict_public_buckets")), bad
	},
	Check: s3SettingCheck("restrict_public_buckets"),
}

const s3SettingRemediationCode = `resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`

var s3SettingLinks = []string{
	"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block",
	"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
}

// s3SettingDescription explains one setting's rule: what the setting does
// when true, and how the rule relates to the four-setting rules.
func s3SettingDescription(flag, does string) string {
	return fmt.Sprintf("%s = true %s. SOC 2 CC6.6 expects boundary protection on every data store, and "+
		"this setting is one of the four guard rails of S3 Block Public Access. It defaults to false when "+
		"unset, so an aws_s3_bucket_public_access_block that leaves it out or sets it false switches the guard "+
		"off for its bucket (AWS turns all four on for buckets created since April 2023; such a block exists to "+
		"weaken them). Each aws_s3_bucket_public_access_block is judged on its own; "+
		"aws-s3-public-access-block-settings-on reports a block with any of the four settings off, and "+
		"aws-s3-bucket-public-access-block a bucket no block covers against new public ACLs and policies. An "+
		"aws_s3_account_public_access_block in the configuration that sets the same setting true turns it on for "+
		"every bucket of the account whatever the bucket's own block says, so the bucket's block then passes.", flag, does)
}

// s3SettingRemediation says how to fix one setting.
func s3SettingRemediation(flag string) string {
	return fmt.Sprintf("Set %s = true (with the other three settings).", flag)
}

// s3SettingBucket is the bucket argument of a block in the examples.
func s3SettingBucket(name string) string { return fmt.Sprintf("bucket = %q", "acme-"+name) }

// s3SettingEffect is what a setting that is off allows.
const s3SettingEffect = "the block does not turn on this protection for the bucket"

// s3SettingCheck judges one setting of a bucket's public access block. S3
// applies the stricter of the account's and the bucket's block, so an
// aws_s3_account_public_access_block in the configuration that turns the
// setting on covers the bucket whatever its own block says; one that may
// turn it on leaves an off setting unknown.
func s3SettingCheck(flag string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	own := flagOnCheck(flag, s3SettingEffect)
	return func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		res := own(r, ctx)
		if res.Status != scanner.Fail {
			return res
		}
		switch accountBlocksPublicAccess(ctx.Index, r, []string{flag}) {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(r.Range, "%s is off on the bucket's block, and the account's public access block may turn it on: its %s is only known after apply", flag, flag)
		}
		return res
	}
}

// s3SettingAccountGood is a bucket block with every setting off in an
// account whose own block turns flag on: S3 applies the account's setting.
func s3SettingAccountGood(flag string) scanner.Example {
	return scanner.Example{Code: fmt.Sprintf(`
resource "aws_s3_account_public_access_block" "account" {
  %s = true
}

resource "aws_s3_bucket_public_access_block" "account_covers" {
  bucket                  = "acme-legacy-site"
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}`, flag)}
}

// s3SettingAccountUnknown is a bucket block with flag off in an account
// whose block takes flag from a variable: unknown until apply.
func s3SettingAccountUnknown(flag string) scanner.Example {
	return scanner.Example{Code: fmt.Sprintf(`
variable "account_guard" {
  type = bool
}

resource "aws_s3_account_public_access_block" "account" {
  %s = var.account_guard
}

resource "aws_s3_bucket_public_access_block" "account_maybe" {
  bucket = "acme-maybe"
  %s = false
}`, flag, flag), Unknowns: []string{"aws_s3_bucket_public_access_block.account_maybe"}}
}
