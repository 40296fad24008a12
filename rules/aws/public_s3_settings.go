package aws

import (
	"fmt"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// One rule per setting of aws_s3_bucket_public_access_block. The
// four-setting rules (aws-s3-public-access-block-settings-on for the block,
// aws-s3-bucket-public-access-block for the bucket) say whether a bucket is
// fully guarded; these say which guard is off, so that a block written to
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
	},
	Good:  s3SettingGood("block_public_acls"),
	Bad:   s3SettingBad("block_public_acls"),
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
	Good:  s3SettingGood("block_public_policy"),
	Bad:   s3SettingBad("block_public_policy"),
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
	Good:  s3SettingGood("ignore_public_acls"),
	Bad:   s3SettingBad("ignore_public_acls"),
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
	Good:  s3SettingGood("restrict_public_buckets"),
	Bad:   s3SettingBad("restrict_public_buckets"),
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
		"aws-s3-bucket-public-access-block a bucket no block fully covers.", flag, does)
}

// s3SettingRemediation says how to fix one setting.
func s3SettingRemediation(flag string) string {
	return fmt.Sprintf("Set %s = true (with the other three settings).", flag)
}

// s3SettingGood is a block that turns on only the setting: it passes.
func s3SettingGood(flag string) []scanner.Example {
	return []scanner.Example{{Code: fmt.Sprintf(`
resource "aws_s3_bucket_public_access_block" "only_this" {
  bucket = "acme-data"
  %s = true
}`, flag)}}
}

// s3SettingBad is a block that sets the setting false, one that leaves it
// out while turning the other three on, and one that takes it from a
// variable.
func s3SettingBad(flag string) []scanner.Example {
	others := ""
	for _, f := range publicAccessBlockFlags {
		if f != flag {
			others += fmt.Sprintf("\n  %s = true", f)
		}
	}
	return []scanner.Example{{Code: fmt.Sprintf(`
variable "flag" {
  type = bool
}

resource "aws_s3_bucket_public_access_block" "off" {
  bucket = "acme-off"
  %[1]s = false
}

# The other three settings on do not make up for this one.
resource "aws_s3_bucket_public_access_block" "unset" {
  bucket = "acme-unset"%[2]s
}

resource "aws_s3_bucket_public_access_block" "maybe" {
  bucket = "acme-maybe"
  %[1]s = var.flag
}`, flag, others),
		Fails:    []string{"aws_s3_bucket_public_access_block.off", "aws_s3_bucket_public_access_block.unset"},
		Unknowns: []string{"aws_s3_bucket_public_access_block.maybe"},
		Expect: map[string]scanner.Expected{
			"aws_s3_bucket_public_access_block.off":   {Line: 8, Message: flag + " = false"},
			"aws_s3_bucket_public_access_block.unset": {Message: flag + " is not set (false by default)"},
		}}}
}

// s3SettingCheck judges one setting: true passes, false or unset (the
// provider's default is false) fails.
func s3SettingCheck(flag string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr(flag)
		switch {
		case v.IsTrue():
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "%s is only known after apply", flag)
		case v.IsNull():
			return scanner.Failed(r.Range, "%s is not set (false by default): the block does not turn on this protection for the bucket", flag)
		}
		return scanner.Failed(v.Range, "%s = false: the block turns this protection off for the bucket", flag)
	}
}
