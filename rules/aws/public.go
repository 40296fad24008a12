package aws

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Public exposure: storage, databases, images, snapshots, endpoints and
// resource policies that anyone on the internet (or any AWS account) can
// reach.

var publicCriteria = scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}}

var s3BucketPublicAccessBlock = &scanner.Rule{
	ID:    "aws-s3-bucket-public-access-block",
	Title: "S3 buckets are covered by a public access block with all four settings on",
	Description: "S3 Block Public Access is the guard rail that stops a single ACL or bucket policy mistake from " +
		"publishing customer data: with all four settings on (block_public_acls, block_public_policy, " +
		"ignore_public_acls, restrict_public_buckets) public ACLs are ignored and public policies are rejected. " +
		"SOC 2 CC6.6 expects such boundary protection on every data store. A bucket passes when an " +
		"aws_s3_bucket_public_access_block for it, or an aws_s3_account_public_access_block for the account, has " +
		"all four settings true. Since April 2023 AWS turns the four settings on for new buckets, but a bucket " +
		"whose configuration does not say so can still be opened by anyone who edits it outside Terraform.",
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
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_53"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_54"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_55"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_56"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0094"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-specify-public-access-block"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0086"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-block-public-acls"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0087"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-block-public-policy"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0091"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-ignore-public-acls"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0093"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-no-public-buckets"},
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
	},
	Bad: []scanner.Example{
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
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}`, Fails: []string{"aws_s3_bucket.orphan", "aws_s3_bucket.partial"}},
		{Code: `
variable "restrict" {
  type = bool
}

resource "aws_s3_account_public_access_block" "account" {
  block_public_acls   = true
  block_public_policy = true
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = var.restrict
}

resource "aws_s3_bucket" "other" {
  bucket = "acme-other"
}`, Fails: []string{"aws_s3_bucket.other"}, Unknowns: []string{"aws_s3_bucket.data"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		account := accountBlocksPublicAccess(ctx.Index)
		if account == scanner.Yes {
			return scanner.Passed()
		}
		blocks, maybe := ctx.Index.Referrers(r, "aws_s3_bucket_public_access_block", []string{"bucket"}, "bucket")
		state := scanner.No
		var weakest scanner.Value
		var weakBlock *scanner.Resource
		for _, b := range blocks {
			s, flag := publicAccessBlockState(b)
			if s == scanner.Yes {
				return scanner.Passed()
			}
			if weakBlock == nil || s > state {
				state, weakest, weakBlock = s, flag, b
			}
		}
		if state == scanner.Maybe || account == scanner.Maybe {
			return scanner.Unknowable(weakest.Range, "whether the bucket's public access block has all four settings on is only known after apply")
		}
		if weakBlock != nil {
			return scanner.Failed(weakest.Range, "the bucket's public access block %s leaves %s off: public ACLs or policies can still expose the bucket", weakBlock.Address, weakest.Name)
		}
		if maybe != nil {
			return scanner.Unknowable(r.Range, "a public access block names a bucket only known after apply; it may cover this bucket")
		}
		return scanner.Failed(r.Range, "no aws_s3_bucket_public_access_block covers this bucket and no account-level block has all four settings on")
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
		state, flag := publicAccessBlockState(r)
		switch state {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(flag.Range, "%s is only known after apply", flag.Name)
		}
		return scanner.Failed(flag.Range, "%s is not true: buckets in the account can still be made public", flag.Name)
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
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_20"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_57"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_43"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0092"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-no-public-access-with-acl"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_public_list_acl"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_public_write_acl"},
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
}`}},
	Bad: []scanner.Example{
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
		grants := r.Blocks("grant")
		unknown = unknown || r.BlocksUnknown("grant")
		for _, p := range r.Blocks("access_control_policy") {
			grants = append(grants, p.Blocks("grant")...)
			unknown = unknown || p.BlocksUnknown("grant")
		}
		for _, g := range grants {
			grantee := g
			if r.Type == "aws_s3_bucket_acl" {
				if grantee = g.FirstBlock("grantee"); grantee == nil {
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
	ResourceTypes: []string{"aws_s3_bucket_policy", "aws_s3_bucket"},
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
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_70"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_public_access"},
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
}`, Fails: []string{"aws_s3_bucket_policy.public", "aws_s3_bucket.legacy"}},
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
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return publicPolicyResult(r.Attr("policy"), ctx.Index, "bucket policy")
	},
}

// publiclyAccessibleMessage words the finding of a publicly_accessible =
// true argument.
func publiclyAccessibleMessage(what string) string {
	return "publicly_accessible is true: the " + what + " gets a public IP address and a DNS name that resolves to it"
}

var rdsInstanceNotPublic = &scanner.Rule{
	ID:    "aws-rds-instance-not-publicly-accessible",
	Title: "RDS instances are not publicly accessible",
	Description: "A publicly accessible RDS instance gets a public IP address and an endpoint that resolves to it " +
		"from the internet; only its security group stands between the database and every scanner. SOC 2 CC6.6 " +
		"expects data stores to sit inside the system boundary. publicly_accessible defaults to false on " +
		"aws_db_instance and aws_rds_cluster_instance, so an unset argument passes.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster_instance"},
	Remediation:   "Set publicly_accessible = false and place the instance in private subnets; reach it through the application, a bastion or SSM port forwarding.",
	RemediationCode: `resource "aws_db_instance" "main" {
  # ...
  publicly_accessible  = false
  db_subnet_group_name = aws_db_subnet_group.private.name
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#publicly_accessible",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_17"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0180"},
		{Tool: scanner.ToolProwler, ID: "rds_instance_no_public_access"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = false
}

resource "aws_rds_cluster_instance" "reader" {
  cluster_identifier = "main"
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}`}},
	Bad: []scanner.Example{{Code: `
variable "public" {
  type = bool
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
}

resource "aws_rds_cluster_instance" "reader" {
  count               = 2
  cluster_identifier  = "main"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = count.index == 1
}

resource "aws_rds_cluster_instance" "maybe" {
  cluster_identifier  = "main"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = var.public
}`, Fails: []string{"aws_db_instance.main", "aws_rds_cluster_instance.reader[1]"}, Unknowns: []string{"aws_rds_cluster_instance.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("publicly_accessible"), false, publiclyAccessibleMessage("database instance"))
	},
}

var redshiftClusterNotPublic = &scanner.Rule{
	ID:    "aws-redshift-cluster-not-publicly-accessible",
	Title: "Redshift clusters are not publicly accessible",
	Description: "A publicly accessible Redshift cluster is reachable from the internet on its endpoint, exposing " +
		"the warehouse's data to password guessing. SOC 2 CC6.6 expects data stores inside the system boundary. " +
		"The AWS provider defaulted publicly_accessible to true before version 6.0 and defaults it to false " +
		"since; because the provider version is not known from the configuration, an unset argument fails " +
		"unless the assume_provider_v6_defaults parameter is set.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_redshift_cluster"},
	Params: []scanner.Param{{
		Name:        "assume_provider_v6_defaults",
		Description: "Treat an unset publicly_accessible as false, as AWS provider 6.0 and later do. Leave false when any configuration may run with provider 5.x or older, where it defaults to true.",
		Default:     false,
	}},
	Remediation: "Set publicly_accessible = false explicitly.",
	RemediationCode: `resource "aws_redshift_cluster" "warehouse" {
  # ...
  publicly_accessible = false
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster#publicly_accessible",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade#resource-aws_redshift_cluster",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_87"},
		{Tool: scanner.ToolKICS, ID: "Redshift Publicly Accessible"},
		{Tool: scanner.ToolProwler, ID: "redshift_cluster_public_access"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier  = "warehouse"
  node_type           = "ra3.xlplus"
  publicly_accessible = false
}`},
		{Code: `
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}`, Params: map[string]any{"assume_provider_v6_defaults": true}},
	},
	Bad: []scanner.Example{{Code: `
resource "aws_redshift_cluster" "open" {
  cluster_identifier  = "open"
  node_type           = "ra3.xlplus"
  publicly_accessible = true
}

resource "aws_redshift_cluster" "unset" {
  cluster_identifier = "unset"
  node_type          = "ra3.xlplus"
}`, Fails: []string{"aws_redshift_cluster.open", "aws_redshift_cluster.unset"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Attr("publicly_accessible")
		if !v.Present && !ctx.Bool("assume_provider_v6_defaults") {
			return scanner.Failed(v.Range, "publicly_accessible is not set: AWS provider versions before 6.0 make the cluster public by default")
		}
		return scanner.RequireFalseOr(v, false, publiclyAccessibleMessage("cluster"))
	},
}

var dmsReplicationInstanceNotPublic = &scanner.Rule{
	ID:    "aws-dms-replication-instance-not-publicly-accessible",
	Title: "DMS replication instances are not publicly accessible",
	Description: "A DMS replication instance holds credentials for both source and target databases and streams " +
		"their data; a public IP address puts it on the internet. SOC 2 CC6.6 expects it inside the system " +
		"boundary. The provider sends publicly_accessible = false when the argument is unset, so unset passes.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_dms_replication_instance"},
	Remediation:   "Set publicly_accessible = false and use a replication subnet group of private subnets.",
	RemediationCode: `resource "aws_dms_replication_instance" "migration" {
  # ...
  publicly_accessible         = false
  replication_subnet_group_id = aws_dms_replication_subnet_group.private.id
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dms_replication_instance#publicly_accessible"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_89"},
		{Tool: scanner.ToolProwler, ID: "dms_instance_no_public_access"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = true
}`, Fails: []string{"aws_dms_replication_instance.migration"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("publicly_accessible"), false, publiclyAccessibleMessage("replication instance"))
	},
}

var mqBrokerNotPublic = &scanner.Rule{
	ID:    "aws-mq-broker-not-publicly-accessible",
	Title: "Amazon MQ brokers are not publicly accessible",
	Description: "A publicly accessible broker accepts connections from the internet to its queues and web " +
		"console, leaving message data and credentials to password guessing. SOC 2 CC6.6 expects messaging " +
		"inside the system boundary. publicly_accessible defaults to false.",
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_mq_broker"},
	Remediation:     "Set publicly_accessible = false and attach the broker to private subnets.",
	RemediationCode: "resource \"aws_mq_broker\" \"events\" {\n  # ...\n  publicly_accessible = false\n  subnet_ids          = [aws_subnet.private_a.id]\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mq_broker#publicly_accessible"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_69"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0072"},
		{Tool: scanner.ToolTfsec, ID: "aws-mq-no-public-access"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_mq_broker" "events" {
  broker_name         = "events"
  engine_type         = "RabbitMQ"
  host_instance_type  = "mq.m5.large"
  publicly_accessible = false
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_mq_broker" "events" {
  broker_name         = "events"
  engine_type         = "RabbitMQ"
  host_instance_type  = "mq.m5.large"
  publicly_accessible = true
}`, Fails: []string{"aws_mq_broker.events"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("publicly_accessible"), false, publiclyAccessibleMessage("broker"))
	},
}

var neptuneInstanceNotPublic = &scanner.Rule{
	ID:    "aws-neptune-instance-not-publicly-accessible",
	Title: "Neptune instances are not publicly accessible",
	Description: "A publicly accessible Neptune instance exposes the graph database endpoint beyond the VPC. " +
		"SOC 2 CC6.6 expects data stores inside the system boundary. publicly_accessible defaults to false.",
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_neptune_cluster_instance"},
	Remediation:     "Set publicly_accessible = false.",
	RemediationCode: "resource \"aws_neptune_cluster_instance\" \"graph\" {\n  # ...\n  publicly_accessible = false\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster_instance#publicly_accessible"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_102"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_neptune_cluster_instance" "graph" {
  cluster_identifier = "graph"
  instance_class     = "db.r6g.large"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_neptune_cluster_instance" "graph" {
  cluster_identifier  = "graph"
  instance_class      = "db.r6g.large"
  publicly_accessible = true
}`, Fails: []string{"aws_neptune_cluster_instance.graph"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireFalseOr(r.Attr("publicly_accessible"), false, publiclyAccessibleMessage("graph database instance"))
	},
}

var rdsSnapshotNotPublic = &scanner.Rule{
	ID:    "aws-rds-snapshot-not-public",
	Title: "RDS snapshots are not shared publicly",
	Description: "A manual DB snapshot shared with \"all\" can be copied and restored by every AWS account, which " +
		"hands over a complete copy of the database. SOC 2 CC6.6, CC6.1 and C1.1 expect confidential data to stay " +
		"with authorised parties. shared_accounts on aws_db_snapshot, aws_db_snapshot_copy, aws_db_cluster_snapshot " +
		"and aws_rds_cluster_snapshot_copy is inspected; sharing with named accounts is not a finding.",
	Severity:      scanner.Critical,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_db_snapshot", "aws_db_snapshot_copy", "aws_db_cluster_snapshot", "aws_rds_cluster_snapshot_copy"},
	Remediation:   "Remove \"all\" from shared_accounts and share with the specific accounts that need the snapshot.",
	RemediationCode: `resource "aws_db_snapshot" "release" {
  db_instance_identifier = aws_db_instance.main.identifier
  db_snapshot_identifier = "release-2024-06"
  shared_accounts        = ["210987654321"]
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_snapshot#shared_accounts",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_302"},
		{Tool: scanner.ToolProwler, ID: "rds_snapshots_public_access"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_snapshot" "release" {
  db_instance_identifier = "main"
  db_snapshot_identifier = "release"
  shared_accounts        = ["210987654321"]
}`}},
	Bad: []scanner.Example{{Code: `
variable "share_with" {
  type = list(string)
}

resource "aws_db_snapshot" "release" {
  db_instance_identifier = "main"
  db_snapshot_identifier = "release"
  shared_accounts        = ["all"]
}

resource "aws_db_cluster_snapshot" "cluster" {
  db_cluster_identifier          = "main"
  db_cluster_snapshot_identifier = "cluster"
  shared_accounts                = var.share_with
}`, Fails: []string{"aws_db_snapshot.release"}, Unknowns: []string{"aws_db_cluster_snapshot.cluster"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("shared_accounts")
		if accounts, ok := v.AsStrings(); ok {
			for _, a := range accounts {
				if strings.EqualFold(a, "all") {
					return scanner.Failed(v.Range, "shared_accounts contains \"all\": every AWS account can copy and restore this snapshot")
				}
			}
			return scanner.Passed()
		}
		if v.IsUnknown() {
			return scanner.Unknowable(v.Range, "shared_accounts is only known after apply")
		}
		return scanner.Passed()
	},
}

var amiNotPublic = &scanner.Rule{
	ID:    "aws-ec2-ami-not-public",
	Title: "AMIs are not shared publicly",
	Description: "An AMI launch permission for the group \"all\" lets every AWS account launch the image, and with " +
		"it read whatever the image contains: application code, configuration, sometimes credentials. SOC 2 CC6.6 " +
		"and CC6.1 expect such assets to stay with authorised parties. Sharing with accounts, organizations or " +
		"organizational units is not a finding.",
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_ami_launch_permission"},
	Remediation:     "Share the image with specific accounts (account_id) or with your organization (organization_arn) instead of group = \"all\".",
	RemediationCode: "resource \"aws_ami_launch_permission\" \"org\" {\n  image_id         = aws_ami.app.id\n  organization_arn = data.aws_organizations_organization.current.arn\n}",
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ami_launch_permission",
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_205"},
		{Tool: scanner.ToolProwler, ID: "ec2_ami_public"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ami_launch_permission" "partner" {
  image_id   = "ami-12345678"
  account_id = "210987654321"
}`}},
	Bad: []scanner.Example{{Code: `
variable "group" {
  type = string
}

resource "aws_ami_launch_permission" "public" {
  image_id = "ami-12345678"
  group    = "all"
}

resource "aws_ami_launch_permission" "maybe" {
  image_id = "ami-12345678"
  group    = var.group
}`, Fails: []string{"aws_ami_launch_permission.public"}, Unknowns: []string{"aws_ami_launch_permission.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		g := r.Attr("group")
		switch {
		case g.Equals("all"):
			return scanner.Failed(g.Range, "group is \"all\": every AWS account can launch this image")
		case g.IsUnknown():
			return scanner.Unknowable(g.Range, "group is only known after apply")
		}
		return scanner.Passed()
	},
}

var eksEndpointNotPublic = &scanner.Rule{
	ID:    "aws-eks-cluster-endpoint-not-public",
	Title: "EKS cluster API endpoints are not open to the whole internet",
	Description: "The Kubernetes API server is the cluster's control plane; open to 0.0.0.0/0 it is exposed to " +
		"credential attacks and to every future API-server vulnerability. SOC 2 CC6.6 expects administrative " +
		"interfaces behind the boundary. endpoint_public_access defaults to true and public_access_cidrs to " +
		"[\"0.0.0.0/0\"], so a vpc_config that sets neither fails; a public endpoint limited to known CIDRs, or a " +
		"private-only endpoint, passes.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_eks_cluster"},
	Remediation: "Set endpoint_public_access = false (with endpoint_private_access = true), or restrict " +
		"public_access_cidrs to your VPN or CI egress ranges.",
	RemediationCode: `resource "aws_eks_cluster" "main" {
  # ...
  vpc_config {
    subnet_ids              = aws_subnet.private[*].id
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#vpc_config",
		"https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_38"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_39"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0040"},
		{Tool: scanner.ToolTfsec, ID: "aws-eks-no-public-cluster-access"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0041"},
		{Tool: scanner.ToolTfsec, ID: "aws-eks-no-public-cluster-access-to-cidr"},
		{Tool: scanner.ToolProwler, ID: "eks_cluster_not_publicly_accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_eks_cluster" "private" {
  name     = "private"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_eks_cluster" "vpn_only" {
  name     = "vpn-only"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-1", "subnet-2"]
    public_access_cidrs = ["203.0.113.0/24"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "cidrs" {
  type = list(string)
}

resource "aws_eks_cluster" "defaults" {
  name     = "defaults"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_cluster" "world" {
  name     = "world"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids             = ["subnet-1", "subnet-2"]
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/24", "0.0.0.0/0"]
  }
}

resource "aws_eks_cluster" "maybe" {
  name     = "maybe"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-1", "subnet-2"]
    public_access_cidrs = var.cidrs
  }
}`, Fails: []string{"aws_eks_cluster.defaults", "aws_eks_cluster.world"}, Unknowns: []string{"aws_eks_cluster.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		vpc := r.FirstBlock("vpc_config")
		if vpc == nil {
			if r.BlocksUnknown("vpc_config") {
				return scanner.Unknowable(r.Range, "vpc_config is only known after apply")
			}
			return scanner.Failed(r.Range, "no vpc_config: the API endpoint is public and open to 0.0.0.0/0 by default")
		}
		public := vpc.Attr("endpoint_public_access")
		if public.IsFalse() {
			return scanner.Passed()
		}
		cidrs := vpc.Attr("public_access_cidrs")
		if !cidrs.IsSet() {
			if public.IsUnknown() {
				return scanner.Unknowable(public.Range, "endpoint_public_access is only known after apply")
			}
			return scanner.Failed(vpc.Range, "the API endpoint is public and public_access_cidrs is not set, so it is open to 0.0.0.0/0")
		}
		cidr, world := worldSource(cidrs)
		switch {
		case world == scanner.Yes && public.IsUnknown():
			return scanner.Unknowable(public.Range, "endpoint_public_access is only known after apply")
		case world == scanner.Yes:
			return scanner.Failed(cidrs.Range, "public_access_cidrs contains %s: the API endpoint is open to the whole internet", cidr)
		case world == scanner.Maybe:
			return scanner.Unknowable(cidrs.Range, "public_access_cidrs is only known after apply")
		}
		return scanner.Passed()
	},
}

var lambdaPermissionNotPublic = &scanner.Rule{
	ID:    "aws-lambda-permission-not-public",
	Title: "Lambda permissions do not let anyone invoke a function",
	Description: "An aws_lambda_permission for principal \"*\" without source_arn, source_account or " +
		"principal_org_id lets any AWS account (or, for function URLs, anyone) invoke the function and run code " +
		"with its role. SOC 2 CC6.6 and CC6.1 expect invocation to be limited to authorised callers. Service " +
		"principals (s3.amazonaws.com, events.amazonaws.com, …) are not findings of this rule.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_lambda_permission"},
	Remediation:   "Name the calling principal (an account, role or service), and add source_arn or source_account for service principals.",
	RemediationCode: `resource "aws_lambda_permission" "from_bucket" {
  statement_id   = "AllowS3Invoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.thumbnail.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.uploads.arn
  source_account = data.aws_caller_identity.current.account_id
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_permission",
		"https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_301"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0067"},
		{Tool: scanner.ToolTfsec, ID: "aws-lambda-restrict-source-arn"},
		{Tool: scanner.ToolProwler, ID: "awslambda_function_not_publicly_accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lambda_permission" "org" {
  statement_id     = "OrgInvoke"
  action           = "lambda:InvokeFunction"
  function_name    = "thumbnail"
  principal        = "*"
  principal_org_id = "o-abc123"
}

resource "aws_lambda_permission" "account" {
  statement_id  = "PartnerInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnail"
  principal     = "210987654321"
}`}},
	Bad: []scanner.Example{{Code: `
variable "principal" {
  type = string
}

resource "aws_lambda_permission" "anyone" {
  statement_id  = "AnyoneInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnail"
  principal     = "*"
}

resource "aws_lambda_permission" "maybe" {
  statement_id  = "MaybeInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnail"
  principal     = var.principal
}`, Fails: []string{"aws_lambda_permission.anyone"}, Unknowns: []string{"aws_lambda_permission.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		p := r.Attr("principal")
		if p.IsUnknown() {
			return scanner.Unknowable(p.Range, "principal is only known after apply")
		}
		if s, _ := p.AsString(); s != "*" {
			return scanner.Passed()
		}
		for _, limit := range []string{"source_arn", "source_account", "principal_org_id"} {
			if r.Attr(limit).IsSet() {
				return scanner.Passed()
			}
		}
		return scanner.Failed(p.Range, "principal is \"*\" and neither source_arn, source_account nor principal_org_id limits the caller: anyone can invoke the function")
	},
}

var lambdaFunctionURLRequiresAuth = &scanner.Rule{
	ID:    "aws-lambda-function-url-requires-auth",
	Title: "Lambda function URLs require IAM authentication",
	Description: "A function URL with authorization_type = \"NONE\" is a public HTTPS endpoint: anyone who finds " +
		"the URL runs the function with its role. SOC 2 CC6.6 and CC6.1 expect access to be authenticated unless " +
		"a service is deliberately public, in which case suppress the finding with the reason.",
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_lambda_function_url"},
	Remediation:   "Set authorization_type = \"AWS_IAM\" and sign requests, or put the function behind API Gateway or CloudFront with authentication.",
	RemediationCode: `resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "AWS_IAM"
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url",
		"https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_258"},
		{Tool: scanner.ToolProwler, ID: "awslambda_function_url_public"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "AWS_IAM"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "NONE"
}`, Fails: []string{"aws_lambda_function_url.api"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("authorization_type")
		switch {
		case v.Equals("NONE"):
			return scanner.Failed(v.Range, "authorization_type is \"NONE\": anyone with the URL can invoke the function")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "authorization_type is only known after apply")
		}
		return scanner.Passed()
	},
}

var ec2InstanceNoPublicIP = &scanner.Rule{
	ID:    "aws-ec2-instance-no-public-ip",
	Title: "EC2 instances and launch templates do not assign public IP addresses",
	Description: "An instance with a public IP address is directly reachable from the internet, limited only by " +
		"its security groups; instances behind load balancers, NAT gateways or SSM need none. SOC 2 CC6.6 expects " +
		"exposure to be deliberate. associate_public_ip_address = true on aws_instance, aws_spot_instance_request, " +
		"aws_launch_configuration and the network_interfaces of aws_launch_template is reported; when unset the " +
		"subnet's map_public_ip_on_launch decides (see aws-ec2-subnet-no-public-ip-on-launch).",
	Severity:      scanner.Low,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_instance", "aws_spot_instance_request", "aws_launch_configuration", "aws_launch_template"},
	Remediation:   "Set associate_public_ip_address = false and reach the instance through a load balancer, a bastion or SSM Session Manager.",
	RemediationCode: `resource "aws_launch_template" "app" {
  # ...
  network_interfaces {
    associate_public_ip_address = false
    security_groups             = [aws_security_group.app.id]
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#associate_public_ip_address",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/launch_template#network-interfaces",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_88"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0009"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-public-ip"},
		{Tool: scanner.ToolProwler, ID: "ec2_instance_public_ip"},
		{Tool: scanner.ToolProwler, ID: "ec2_launch_template_no_public_ip"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "app" {
  name = "app"
  network_interfaces {
    associate_public_ip_address = false
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_instance" "web" {
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}

resource "aws_launch_template" "web" {
  name = "web"
  network_interfaces {
    device_index                = 0
    associate_public_ip_address = "true"
  }
}

resource "aws_launch_configuration" "web" {
  image_id                    = "ami-12345678"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}`, Fails: []string{"aws_instance.web", "aws_launch_template.web", "aws_launch_configuration.web"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		msg := "associate_public_ip_address is true: the instance is reachable from the internet on a public IP address"
		if r.Type != "aws_launch_template" {
			return scanner.RequireFalseOr(r.Attr("associate_public_ip_address"), false, msg)
		}
		var unknown *scanner.Result
		for _, ni := range r.Blocks("network_interfaces") {
			res := scanner.RequireFalseOr(ni.Attr("associate_public_ip_address"), false, msg)
			if res.Status == scanner.Fail {
				return res
			}
			if res.Status == scanner.Unknown && unknown == nil {
				unknown = &res
			}
		}
		if unknown != nil {
			return *unknown
		}
		if r.BlocksUnknown("network_interfaces") {
			return scanner.Unknowable(r.Range, "network_interfaces are only known after apply")
		}
		return scanner.Passed()
	},
}

var subnetNoPublicIPOnLaunch = &scanner.Rule{
	ID:    "aws-ec2-subnet-no-public-ip-on-launch",
	Title: "Subnets do not give instances public IP addresses by default",
	Description: "With map_public_ip_on_launch = true every instance launched into the subnet gets a public IP " +
		"address unless it opts out, so exposure happens by accident. SOC 2 CC6.6 expects exposure to be " +
		"deliberate. NAT gateways and load balancers in public subnets do not need the setting. It defaults to false.",
	Severity:        scanner.Low,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_subnet", "aws_default_subnet"},
	Remediation:     "Set map_public_ip_on_launch = false and assign public addresses (Elastic IPs) only where they are needed.",
	RemediationCode: "resource \"aws_subnet\" \"public_a\" {\n  vpc_id                  = aws_vpc.main.id\n  cidr_block              = \"10.0.0.0/24\"\n  map_public_ip_on_launch = false\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/subnet#map_public_ip_on_launch"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_130"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0164"},
		{Tool: scanner.ToolTfsec, ID: "aws-ec2-no-public-ip-subnet"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_subnet" "private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.1.0/24"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_subnet" "public" {
  count                   = 2
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.${count.index}.0/24"
  map_public_ip_on_launch = true
}`, Fails: []string{"aws_subnet.public[0]", "aws_subnet.public[1]"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == "aws_default_subnet" && !r.Attr("map_public_ip_on_launch").Present {
			return scanner.Failed(r.Range, "map_public_ip_on_launch is not set: default subnets assign public IP addresses")
		}
		return scanner.RequireFalseOr(r.Attr("map_public_ip_on_launch"), false, "map_public_ip_on_launch is true: instances launched here get public IP addresses by default")
	},
}

// resourcePolicyCheck returns the check of a rule on a resource policy
// argument.
func resourcePolicyCheck(arg, what string) func(*scanner.Resource, *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return publicPolicyResult(r.Attr(arg), ctx.Index, what)
	}
}

const resourcePolicyNote = " A statement is public when it allows Principal \"*\" (or {\"AWS\": \"*\"}, or uses " +
	"NotPrincipal) without a condition that limits the caller (aws:SourceArn, aws:SourceAccount, aws:SourceOwner, " +
	"aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalArn, … with an equality operator and no IfExists). Policies " +
	"are read from JSON strings, jsonencode() and aws_iam_policy_document data sources; a policy only known after " +
	"apply is reported as unknown."

var ecrRepositoryPolicyNotPublic = &scanner.Rule{
	ID:    "aws-ecr-repository-policy-not-public",
	Title: "ECR repository policies do not allow access to everyone",
	Description: "A public repository policy lets any AWS account pull (or push) images, exposing application code " +
		"and baked-in configuration, or letting anyone replace what you deploy. SOC 2 CC6.6 and CC6.1 expect " +
		"access to be limited to authorised principals." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_ecr_repository_policy"},
	Remediation:   "Grant pull access to specific accounts or to your organization (aws:PrincipalOrgID).",
	RemediationCode: `data "aws_iam_policy_document" "pull" {
  statement {
    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_32"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0032"},
		{Tool: scanner.ToolTfsec, ID: "aws-ecr-no-public-access"},
		{Tool: scanner.ToolProwler, ID: "ecr_repositories_not_publicly_accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyonePulls"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}`, Fails: []string{"aws_ecr_repository_policy.app"}}},
	Check: resourcePolicyCheck("policy", "repository policy"),
}

var sqsQueuePolicyNotPublic = &scanner.Rule{
	ID:    "aws-sqs-queue-policy-not-public",
	Title: "SQS queue policies do not allow access to everyone",
	Description: "A public queue policy lets anyone send messages into your processing pipeline or read and " +
		"delete the messages in it. SOC 2 CC6.6 and CC6.1 expect access to be limited to authorised principals; " +
		"when a service such as SNS or S3 delivers to the queue, limit it with aws:SourceArn." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_sqs_queue_policy", "aws_sqs_queue"},
	Remediation:   "Name the sending principal, or add an aws:SourceArn condition for the topic or bucket that delivers to the queue.",
	RemediationCode: `data "aws_iam_policy_document" "from_topic" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.jobs.arn]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_sns_topic.jobs.arn]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_168"},
		{Tool: scanner.ToolProwler, ID: "sqs_queues_not_publicly_accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:jobs"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:123456789012:jobs" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:*"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:jobs"
    }]
  })
}`, Fails: []string{"aws_sqs_queue.jobs"}}},
	Check: resourcePolicyCheck("policy", "queue policy"),
}

var snsTopicPolicyNotPublic = &scanner.Rule{
	ID:    "aws-sns-topic-policy-not-public",
	Title: "SNS topic policies do not allow access to everyone",
	Description: "A public topic policy lets anyone publish to the topic (and so to every subscriber) or " +
		"subscribe and receive its messages. SOC 2 CC6.6 and CC6.1 expect access to be limited to authorised " +
		"principals. The default topic policy's AWS:SourceOwner condition counts as a limit." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_sns_topic_policy", "aws_sns_topic"},
	Remediation:   "Name the publishing principals, or add aws:SourceArn / aws:SourceAccount conditions for the services that publish.",
	RemediationCode: `data "aws_iam_policy_document" "alarms" {
  statement {
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_169"},
		{Tool: scanner.ToolProwler, ID: "sns_topics_not_publicly_accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sns_topic_policy" "default" {
  arn = "arn:aws:sns:eu-west-1:123456789012:alarms"
  policy = jsonencode({
    Version = "2008-10-17"
    Statement = [{
      Sid       = "__default_statement_ID"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["SNS:Publish", "SNS:Subscribe"]
      Resource  = "arn:aws:sns:eu-west-1:123456789012:alarms"
      Condition = { StringEquals = { "AWS:SourceOwner" = "123456789012" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sns_topic" "alarms" {
  name = "alarms"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "SNS:Subscribe"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:alarms"
    }]
  })
}`, Fails: []string{"aws_sns_topic.alarms"}}},
	Check: resourcePolicyCheck("policy", "topic policy"),
}

var efsFileSystemPolicyNotPublic = &scanner.Rule{
	ID:    "aws-efs-file-system-policy-not-public",
	Title: "EFS file system policies do not allow access to everyone",
	Description: "A file system policy that allows Principal \"*\" lets any AWS principal that can reach a mount " +
		"target mount (and possibly write) the file system. SOC 2 CC6.6 and CC6.1 expect access to be limited to " +
		"authorised principals. A Bool elasticfilesystem:AccessedViaMountTarget = true condition counts as a " +
		"limit (only clients in the file system's VPC)." + resourcePolicyNote,
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_efs_file_system_policy"},
	Remediation:   "Grant access to specific roles, or require elasticfilesystem:AccessedViaMountTarget.",
	RemediationCode: `data "aws_iam_policy_document" "efs" {
  statement {
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = [aws_efs_file_system.shared.arn]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.app.arn]
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "efs_not_publicly_accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_efs_file_system_policy" "shared" {
  file_system_id = "fs-12345678"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount"]
      Resource  = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-12345678"
      Condition = { Bool = { "elasticfilesystem:AccessedViaMountTarget" = "true" } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_efs_file_system_policy" "shared" {
  file_system_id = "fs-12345678"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
      Resource  = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-12345678"
    }]
  })
}`, Fails: []string{"aws_efs_file_system_policy.shared"}}},
	Check: resourcePolicyCheck("policy", "file system policy"),
}

var opensearchDomainPolicyNotPublic = &scanner.Rule{
	ID:    "aws-opensearch-domain-policy-not-public",
	Title: "OpenSearch domains outside a VPC do not allow access to everyone",
	Description: "An OpenSearch (or Elasticsearch) domain with a public endpoint and an access policy for " +
		"Principal \"*\" lets anyone on the internet query, change or delete the indexed data. SOC 2 CC6.6 and " +
		"CC6.1 expect access to be limited to authorised principals. Domains placed in a VPC (vpc_options) are " +
		"reachable only from the VPC and pass; an aws:SourceIp condition other than 0.0.0.0/0 counts as a limit." +
		resourcePolicyNote,
	Severity:      scanner.Critical,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_opensearch_domain", "aws_elasticsearch_domain", "aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy"},
	Remediation:   "Place the domain in a VPC, or grant access to specific IAM principals and enable fine-grained access control.",
	RemediationCode: `resource "aws_opensearch_domain" "search" {
  # ...
  vpc_options {
    subnet_ids         = [aws_subnet.private_a.id]
    security_group_ids = [aws_security_group.search.id]
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain_policy",
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_137"},
		{Tool: scanner.ToolProwler, ID: "opensearch_service_domains_not_publicly_accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "vpc" {
  domain_name = "vpc"
  vpc_options {
    subnet_ids = ["subnet-1"]
  }
}

resource "aws_opensearch_domain_policy" "vpc" {
  domain_name = aws_opensearch_domain.vpc.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/vpc/*"
    }]
  })
}

resource "aws_opensearch_domain" "office" {
  domain_name = "office"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttpGet"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/office/*"
      Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
    }]
  })
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "public" {
  domain_name = "public"
}

resource "aws_opensearch_domain_policy" "public" {
  domain_name = aws_opensearch_domain.public.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/public/*"
    }]
  })
}`, Fails: []string{"aws_opensearch_domain_policy.public"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		domain := r
		if strings.HasSuffix(r.Type, "_domain_policy") {
			domain = nil
			for _, d := range ctx.Index.Resolve(r.Attr("domain_name")) {
				if d.Type == "aws_opensearch_domain" || d.Type == "aws_elasticsearch_domain" {
					domain = d
				}
			}
		}
		if domain != nil && domain.FirstBlock("vpc_options") != nil {
			return scanner.Passed()
		}
		return publicPolicyResult(r.Attr("access_policies"), ctx.Index, "domain access policy")
	},
}

var glacierVaultPolicyNotPublic = &scanner.Rule{
	ID:    "aws-glacier-vault-policy-not-public",
	Title: "S3 Glacier vault access policies do not allow access to everyone",
	Description: "Glacier vaults hold archives, often backups; a public access policy lets anyone retrieve or " +
		"delete them. SOC 2 CC6.6 and CC6.1 expect access to be limited to authorised principals." + resourcePolicyNote,
	Severity:        scanner.High,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_glacier_vault"},
	Remediation:     "Grant vault access to specific principals.",
	RemediationCode: "resource \"aws_glacier_vault\" \"archive\" {\n  name          = \"archive\"\n  access_policy = data.aws_iam_policy_document.archive_readers.json\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/glacier_vault#access_policy"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_167"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_glacier_vault" "archive" {
  name = "archive"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_glacier_vault" "archive" {
  name          = "archive"
  access_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": ["glacier:InitiateJob", "glacier:GetJobOutput"],
        "Resource": "arn:aws:glacier:eu-west-1:123456789012:vaults/archive"
      }]
    }
  EOF
}`, Fails: []string{"aws_glacier_vault.archive"}}},
	Check: resourcePolicyCheck("access_policy", "vault access policy"),
}

var sagemakerNotebookNoDirectInternet = &scanner.Rule{
	ID:    "aws-sagemaker-notebook-no-direct-internet",
	Title: "SageMaker notebook instances have no direct internet access",
	Description: "With direct internet access a notebook instance, which usually holds training data and broad " +
		"IAM permissions, has a network path to and from the internet outside your VPC's controls. SOC 2 CC6.6 " +
		"expects traffic to cross the boundary through controlled points. direct_internet_access defaults to " +
		"\"Enabled\", so unset fails; disabling it requires a subnet_id.",
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_sagemaker_notebook_instance"},
	Remediation:   "Set direct_internet_access = \"Disabled\" with a subnet_id in your VPC; route needed traffic through a NAT gateway or VPC endpoints.",
	RemediationCode: `resource "aws_sagemaker_notebook_instance" "research" {
  # ...
  subnet_id              = aws_subnet.private_a.id
  security_groups        = [aws_security_group.notebook.id]
  direct_internet_access = "Disabled"
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sagemaker_notebook_instance#direct_internet_access"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_122"},
		{Tool: scanner.ToolProwler, ID: "sagemaker_notebook_instance_without_direct_internet_access_configured"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-1"
  direct_internet_access = "Disabled"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
}`, Fails: []string{"aws_sagemaker_notebook_instance.research"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("direct_internet_access")
		switch {
		case v.Equals("Disabled"):
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "direct_internet_access is only known after apply")
		case !v.Present:
			return scanner.Failed(v.Range, "direct_internet_access is not set and defaults to \"Enabled\"")
		}
		return scanner.Failed(v.Range, "direct_internet_access is %q: the notebook has a path to the internet outside the VPC", v.StringOr(""))
	},
}

var ssmDocumentNotPublic = &scanner.Rule{
	ID:    "aws-ssm-document-not-public",
	Title: "SSM documents are not shared publicly",
	Description: "An SSM document shared with account_ids = \"All\" is visible to every AWS account, and with it " +
		"the commands, scripts, internal host names and sometimes secrets it contains. SOC 2 CC6.6 and CC6.1 " +
		"expect such assets to stay with authorised parties.",
	Severity:        scanner.Medium,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_ssm_document"},
	Remediation:     "Share the document with specific account IDs, or not at all.",
	RemediationCode: "resource \"aws_ssm_document\" \"patch\" {\n  # ...\n  permissions = {\n    type        = \"Share\"\n    account_ids = \"210987654321\"\n  }\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_document#permissions"},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "ssm_documents_set_as_public"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ssm_document" "patch" {
  name          = "patch"
  document_type = "Command"
  content       = "{}"
  permissions = {
    type        = "Share"
    account_ids = "210987654321,123456789012"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ssm_document" "patch" {
  name          = "patch"
  document_type = "Command"
  content       = "{}"
  permissions = {
    type        = "Share"
    account_ids = "All"
  }
}`, Fails: []string{"aws_ssm_document.patch"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		perms := r.Attr("permissions")
		ids := perms.Index("account_ids")
		if ids.IsUnknown() {
			return scanner.Unknowable(perms.Range, "permissions.account_ids is only known after apply")
		}
		list, _ := ids.AsString()
		for _, id := range strings.Split(list, ",") {
			if strings.EqualFold(strings.TrimSpace(id), "all") {
				return scanner.Failed(perms.Range, "permissions share the document with account_ids \"All\": every AWS account can read it")
			}
		}
		return scanner.Passed()
	},
}

var mwaaEnvironmentNotPublic = &scanner.Rule{
	ID:    "aws-mwaa-environment-not-public",
	Title: "Managed Airflow web servers are not public",
	Description: "With webserver_access_mode = \"PUBLIC_ONLY\" the Airflow UI, which can trigger every DAG and " +
		"read connection secrets, is reachable from the internet behind only its login. SOC 2 CC6.6 expects " +
		"administrative interfaces behind the boundary. The default is PRIVATE_ONLY.",
	Severity:        scanner.Medium,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_mwaa_environment"},
	Remediation:     "Set webserver_access_mode = \"PRIVATE_ONLY\" and reach the UI through the VPC.",
	RemediationCode: "resource \"aws_mwaa_environment\" \"etl\" {\n  # ...\n  webserver_access_mode = \"PRIVATE_ONLY\"\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mwaa_environment#webserver_access_mode"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_66"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_mwaa_environment" "etl" {
  name = "etl"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_mwaa_environment" "etl" {
  name                  = "etl"
  webserver_access_mode = "PUBLIC_ONLY"
}`, Fails: []string{"aws_mwaa_environment.etl"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("webserver_access_mode")
		switch {
		case v.Equals("PUBLIC_ONLY"):
			return scanner.Failed(v.Range, "webserver_access_mode is \"PUBLIC_ONLY\": the Airflow UI is reachable from the internet")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "webserver_access_mode is only known after apply")
		}
		return scanner.Passed()
	},
}

var mskClusterBrokersNotPublic = &scanner.Rule{
	ID:    "aws-msk-cluster-brokers-not-public",
	Title: "MSK cluster brokers are not reachable from the internet",
	Description: "Public access (SERVICE_PROVIDED_EIPS) gives every Kafka broker a public IP address, exposing " +
		"topics to anyone who obtains client credentials. SOC 2 CC6.6 expects data streams inside the boundary. " +
		"Public access is DISABLED by default.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_msk_cluster"},
	Remediation:   "Set broker_node_group_info.connectivity_info.public_access.type = \"DISABLED\" (or remove the block) and connect through the VPC or PrivateLink.",
	RemediationCode: `resource "aws_msk_cluster" "events" {
  # ...
  broker_node_group_info {
    # ...
    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/msk_cluster#public_access"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_291"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
}`, Fails: []string{"aws_msk_cluster.events"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Get("broker_node_group_info", "connectivity_info", "public_access", "type")
		switch {
		case v.Equals("SERVICE_PROVIDED_EIPS"):
			return scanner.Failed(v.Range, "public_access type is \"SERVICE_PROVIDED_EIPS\": the brokers have public IP addresses")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "public_access type is only known after apply")
		}
		return scanner.Passed()
	},
}
