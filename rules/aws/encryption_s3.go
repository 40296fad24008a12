package aws

import (
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// S3 encryption: the customer-managed key (at rest) and the
// aws:SecureTransport deny (in transit). Both follow a bucket to its
// settings whether they are written inline on aws_s3_bucket (provider v3
// style) or as split resources that name the bucket.

var s3BucketCustomerKey = &scanner.Rule{
	ID:    "aws-s3-bucket-customer-managed-key",
	Title: "S3 buckets encrypt objects with a customer-managed KMS key",
	Description: "Since January 2023 S3 encrypts every new object with S3-managed keys (SSE-S3), so a bucket without " +
		"encryption settings is not unencrypted: this rule never reports missing encryption. What SSE-S3 lacks is a " +
		"key policy: anyone with s3:GetObject reads the data, no KMS event records the decryption, and access cannot be " +
		"revoked by disabling a key. For buckets holding customer data, SOC 2 CC6.1 reviewers expect SSE-KMS with a " +
		"customer-managed key. Set require_customer_managed_key = false to accept SSE-KMS with the AWS managed key " +
		"aws/s3, or disable the rule where SSE-S3 is accepted. Buckets AWS delivers server access or load balancer " +
		"logs into (a logging target, or a bucket whose ACL grants the S3 log delivery group write access) are not " +
		"judged (not applicable): that delivery only works with SSE-S3.",
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"aws_s3_bucket"},
	Params: []scanner.Param{{
		Name: "require_customer_managed_key",
		Description: "Require kms_master_key_id to name a customer-managed key; false accepts SSE-KMS with the AWS " +
			"managed key aws/s3.",
		Default: true,
	}},
	Remediation: "Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = \"aws:kms\" and " +
		"kms_master_key_id set to a customer-managed key; bucket_key_enabled keeps KMS request costs down.",
	RemediationCode: `resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.s3.arn
    }
    bucket_key_enabled = true
  }
}`,
	Links: []string{
		registryDoc("aws_s3_bucket_server_side_encryption_configuration", ""),
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_145"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0132"},
		{Tool: scanner.ToolTfsec, ID: "aws-s3-encryption-customer-key"},
		{Tool: scanner.ToolProwler, ID: "s3_bucket_kms_encryption"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_kms_key" "s3" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "good" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "good" {
  bucket = aws_s3_bucket.good.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.s3.arn
    }
  }
}

# Provider v3 inline form.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.s3.arn
      }
    }
  }
}`},
		{Code: `
resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-access-logs"
}

# Server access logs can only be delivered to an SSE-S3 bucket.
resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket" "alb_logs" {
  bucket = "acme-alb-logs"
}

resource "aws_lb" "web" {
  name = "web"
  access_logs {
    bucket  = aws_s3_bucket.alb_logs.id
    enabled = true
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "data/"
}`, NotApplicable: []string{"aws_s3_bucket.access_logs", "aws_s3_bucket.alb_logs"}},
		{Code: `
# The log-delivery-write canned ACL lets S3 write server access logs here
# (from buckets outside this configuration): it must stay on SSE-S3.
resource "aws_s3_bucket" "legacy_log_target" {
  bucket = "acme-legacy-logs"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "log_target" {
  bucket = "acme-logs-target"
}

resource "aws_s3_bucket_acl" "log_target" {
  bucket = aws_s3_bucket.log_target.id
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "granted_log_target" {
  bucket = "acme-granted-logs"
  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/s3/LogDelivery"
    permissions = ["WRITE", "READ_ACP"]
  }
}`, NotApplicable: []string{"aws_s3_bucket.granted_log_target", "aws_s3_bucket.legacy_log_target", "aws_s3_bucket.log_target"}},
		{Code: `
resource "aws_s3_bucket" "aws_managed_ok" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "aws_managed_ok" {
  bucket = "acme-logs"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}`, Params: map[string]any{"require_customer_managed_key": false}},
	},
	Bad: []scanner.Example{
		{Code: `
resource "aws_s3_bucket" "default_sse_s3" {
  bucket = "acme-data"
}

resource "aws_s3_bucket" "aes" {
  bucket = "acme-aes"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "aes" {
  bucket = aws_s3_bucket.aes.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket" "aws_managed" {
  bucket = "acme-kms"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "aws_managed" {
  bucket = aws_s3_bucket.aws_managed.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}`, Fails: []string{"aws_s3_bucket.aes", "aws_s3_bucket.aws_managed", "aws_s3_bucket.default_sse_s3"}},
		{Code: `
variable "algorithm" {
  type = string
}

resource "aws_s3_bucket" "buckets" {
  for_each = toset(["a", "b"])
  bucket   = "acme-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "a" {
  bucket = aws_s3_bucket.buckets["a"].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.algorithm
    }
  }
}`, Fails: []string{`aws_s3_bucket.buckets["b"]`}, Unknowns: []string{`aws_s3_bucket.buckets["a"]`}},
		{Code: `
# The key is looked up by the AWS managed alias: still aws/s3.
data "aws_kms_alias" "s3" {
  name = "alias/aws/s3"
}

resource "aws_s3_bucket" "looked_up" {
  bucket = "acme-looked-up"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "looked_up" {
  bucket = aws_s3_bucket.looked_up.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = data.aws_kms_alias.s3.target_key_arn
    }
  }
}

variable "key_arn" {
  type = string
}

resource "aws_s3_bucket" "from_var" {
  bucket = "acme-from-var"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = var.key_arn
      }
    }
  }
}`, Fails: []string{"aws_s3_bucket.looked_up"}, Unknowns: []string{"aws_s3_bucket.from_var"},
			Expect: map[string]scanner.Expected{"aws_s3_bucket.looked_up": {Message: "AWS managed key"}}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if logDeliveryTarget(r, ctx) {
			// Not a pass: the bucket does not use a customer-managed key,
			// it cannot, as AWS delivers these logs only to SSE-S3 buckets.
			return scanner.DoesNotApply("a server access or load balancer log target: AWS delivers these logs only to buckets encrypted with SSE-S3")
		}
		requireCMK := ctx.Bool("require_customer_managed_key")
		configs, unknown := bucketSettings(r, ctx, "aws_s3_bucket_server_side_encryption_configuration", "server_side_encryption_configuration")
		var results []scanner.Result
		for _, c := range configs {
			results = append(results, sseRuleResult(c, requireCMK, ctx.Index))
		}
		if len(results) > 0 {
			return worst(results...)
		}
		if unknown {
			return scanner.Unknowable(r.Range, "an encryption configuration whose bucket is only known after apply may apply to this bucket")
		}
		return scanner.Failed(r.Range, "no server-side encryption configuration: objects are encrypted with S3-managed keys (SSE-S3, the default since January 2023), not a customer-managed KMS key")
	},
}

// logDeliveryTarget reports whether a bucket receives S3 server access logs
// or Application/Classic Load Balancer access logs, which AWS delivers only
// to buckets whose default encryption is SSE-S3.
func logDeliveryTarget(bucket *scanner.Resource, ctx *scanner.Context) bool {
	if found, _ := ctx.Index.Referrers(bucket, "aws_s3_bucket_logging", []string{"target_bucket"}, "bucket"); len(found) > 0 {
		return true
	}
	// A bucket that grants the S3 log delivery group write access (the
	// log-delivery-write canned ACL or an explicit grant) is a server
	// access log target even when the logged buckets are elsewhere.
	if grantsS3LogDelivery(bucket.Block) {
		return true
	}
	if acls, _ := ctx.Index.Referrers(bucket, "aws_s3_bucket_acl", []string{"bucket"}, "bucket"); slices.ContainsFunc(acls, func(a *scanner.Resource) bool {
		return grantsS3LogDelivery(a.Block) || slices.ContainsFunc(a.Blocks("access_control_policy"), grantsS3LogDelivery)
	}) {
		return true
	}
	if found, _ := ctx.Index.Referrers(bucket, "aws_s3_bucket", []string{"logging", "target_bucket"}, "bucket"); len(found) > 0 {
		return true
	}
	for _, typ := range []string{"aws_lb", "aws_alb", "aws_elb"} {
		referrers, _ := ctx.Index.Referrers(bucket, typ, []string{"access_logs", "bucket"}, "bucket")
		for _, lb := range referrers {
			if t := lb.Attr("load_balancer_type"); t.IsNull() || t.Equals("application") {
				return true
			}
		}
	}
	return false
}

// grantsS3LogDelivery reports whether a bucket, an aws_s3_bucket_acl or its
// access_control_policy gives the S3 log delivery group access: the
// log-delivery-write canned ACL or a grant to the group's URI.
// (CloudFront's log account is left out: CloudFront can deliver to SSE-KMS.)
func grantsS3LogDelivery(b *scanner.Block) bool {
	if b.Attr("acl").Equals("log-delivery-write") {
		return true
	}
	for _, g := range b.Blocks("grant") {
		if g.Attr("uri").Equals(s3LogDeliveryGroupURI) {
			return true
		}
		if who := g.FirstBlock("grantee"); who != nil && who.Attr("uri").Equals(s3LogDeliveryGroupURI) {
			return true
		}
	}
	return false
}

// bucketSettings returns the blocks that configure a bucket setting: the
// bucket's inline block of type inline, and the bodies of split resources
// of type splitType whose bucket argument names or refers to the bucket.
// incomplete reports that a split resource with an unknown bucket may apply.
func bucketSettings(bucket *scanner.Resource, ctx *scanner.Context, splitType, inline string) (blocks []*scanner.Block, incomplete bool) {
	blocks = append(blocks, bucket.Blocks(inline)...)
	incomplete = bucket.BlocksUnknown(inline)
	if ctx == nil || ctx.Index == nil {
		return blocks, incomplete
	}
	found, maybe := ctx.Index.Referrers(bucket, splitType, []string{"bucket"}, "bucket")
	for _, s := range found {
		blocks = append(blocks, s.Block)
	}
	return blocks, incomplete || (len(found) == 0 && maybe != nil)
}

// sseRuleResult judges one server-side encryption configuration body (the
// split resource or the inline block): its rule blocks' default encryption.
func sseRuleResult(cfg *scanner.Block, requireCMK bool, ix *scanner.Index) scanner.Result {
	if cfg.BlocksUnknown("rule") {
		return scanner.Unknowable(cfg.Range, "the encryption rule is not known until apply")
	}
	var results []scanner.Result
	for _, rule := range cfg.Blocks("rule") {
		def := rule.FirstBlock("apply_server_side_encryption_by_default")
		if def == nil {
			if rule.BlocksUnknown("apply_server_side_encryption_by_default") {
				results = append(results, scanner.Unknowable(rule.Range, "apply_server_side_encryption_by_default is not known until apply"))
				continue
			}
			results = append(results, scanner.Failed(rule.Range, "the encryption rule sets no apply_server_side_encryption_by_default: objects use SSE-S3"))
			continue
		}
		results = append(results, sseDefaultResult(def, requireCMK, ix))
	}
	if len(results) == 0 {
		return scanner.Failed(cfg.Range, "the encryption configuration has no rule: objects use SSE-S3")
	}
	return worst(results...)
}

func sseDefaultResult(def *scanner.Block, requireCMK bool, ix *scanner.Index) scanner.Result {
	alg := def.Attr("sse_algorithm")
	switch {
	case alg.IsUnknown():
		return scanner.Unknowable(alg.Range, "sse_algorithm is not known until apply")
	case !alg.OneOf("aws:kms", "aws:kms:dsse"):
		return scanner.Failed(alg.Range, "sse_algorithm is %s: objects are encrypted with S3-managed keys, not a customer-managed KMS key", describeValue(alg))
	case !requireCMK:
		return scanner.Passed()
	}
	key := def.Attr("kms_master_key_id")
	if key.IsNull() {
		return scanner.Failed(alg.Range, "sse_algorithm is %s without kms_master_key_id: objects use the AWS managed key aws/s3", describeValue(alg))
	}
	// An unknown key is judged by what it refers to: a data source that
	// looks up alias/aws/s3 is the AWS managed key, a variable may be one.
	return requireCustomerKeyIn(key, ix, "the bucket's objects")
}

var s3BucketSecureTransport = &scanner.Rule{
	ID:    "aws-s3-bucket-denies-insecure-transport",
	Title: "S3 bucket policies deny requests that do not use TLS",
	Description: "S3 accepts plain-HTTP requests unless the bucket policy denies them; a client or SDK configured with an " +
		"http:// endpoint then sends objects and credentials-signed requests in clear text. SOC 2 CC6.7 expects " +
		"encryption in transmission to be enforced, not merely available. The rule looks for a Deny statement for every " +
		"principal on s3:* with the condition aws:SecureTransport = false, in the bucket's aws_s3_bucket_policy (JSON, " +
		"jsonencode or aws_iam_policy_document) or its inline policy; a bucket without a policy fails.",
	Severity:      scanner.Medium,
	Criteria:      transitCriteria,
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"aws_s3_bucket"},
	Remediation: "Add a statement that denies s3:* to every principal when aws:SecureTransport is false, for the bucket " +
		"and its objects.",
	RemediationCode: `data "aws_iam_policy_document" "data_tls" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.data.arn,
      "${aws_s3_bucket.data.arn}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = data.aws_iam_policy_document.data_tls.json
}`,
	Links: []string{
		registryDoc("aws_s3_bucket_policy", ""),
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
		"https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "s3_bucket_secure_transport_policy"},
		{Tool: scanner.ToolKICS, ID: "S3 Bucket Policy Accepts HTTP Requests"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_379"},
	},
	Good: []scanner.Example{
		{Code: `
module "data" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "5.2.0"

  bucket                                = "acme-data"
  attach_deny_insecure_transport_policy = true
}`},
		{Code: `
resource "aws_s3_bucket" "good" {
  bucket = "acme-data"
}

data "aws_iam_policy_document" "tls" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.good.arn, "${aws_s3_bucket.good.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "good" {
  bucket = aws_s3_bucket.good.id
  policy = data.aws_iam_policy_document.tls.json
}`},
		{Code: `
resource "aws_s3_bucket" "heredoc" {
  bucket = "acme-heredoc"
}

resource "aws_s3_bucket_policy" "heredoc" {
  bucket = "acme-heredoc"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Deny",
    "Principal": {"AWS": "*"},
    "Action": "s3:*",
    "Resource": ["arn:aws:s3:::acme-heredoc", "arn:aws:s3:::acme-heredoc/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}}
  }
}
EOF
}

resource "aws_s3_bucket" "jsonencoded" {
  bucket = "acme-json"
}

resource "aws_s3_bucket_policy" "jsonencoded" {
  bucket = aws_s3_bucket.jsonencoded.bucket
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::acme-json", "arn:aws:s3:::acme-json/*"]
      Condition = { Bool = { "aws:SecureTransport" = false } }
    }]
  })
}`},
		{Code: `
variable "buckets" {
  type    = set(string)
  default = ["reports", "exports"]
}

resource "aws_s3_bucket" "each" {
  for_each = var.buckets
  bucket   = "acme-${each.key}"
}

data "aws_iam_policy_document" "each" {
  for_each = var.buckets

  dynamic "statement" {
    for_each = ["s3:*"]
    content {
      effect    = "Deny"
      actions   = [statement.value]
      resources = ["${aws_s3_bucket.each[each.key].arn}/*"]
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["false"]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "each" {
  for_each = var.buckets
  bucket   = aws_s3_bucket.each[each.key].id
  policy   = data.aws_iam_policy_document.each[each.key].json
}`},
	},
	Bad: []scanner.Example{
		{Code: `
resource "aws_s3_bucket" "no_policy" {
  bucket = "acme-data"
}

resource "aws_s3_bucket" "allow_only" {
  bucket = "acme-public-read"
}

resource "aws_s3_bucket_policy" "allow_only" {
  bucket = aws_s3_bucket.allow_only.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-public-read/*"
    }]
  })
}`, Fails: []string{"aws_s3_bucket.allow_only", "aws_s3_bucket.no_policy"}},
		{Code: `
resource "aws_s3_bucket" "narrow" {
  bucket = "acme-narrow"
}

# Denies only GetObject over HTTP: uploads are still accepted in clear text.
data "aws_iam_policy_document" "narrow" {
  statement {
    effect    = "Deny"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.narrow.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "narrow" {
  bucket = aws_s3_bucket.narrow.id
  policy = data.aws_iam_policy_document.narrow.json
}

resource "aws_s3_bucket" "unknown" {
  bucket = "acme-unknown"
}

variable "policy" {
  type = string
}

resource "aws_s3_bucket_policy" "unknown" {
  bucket = aws_s3_bucket.unknown.id
  policy = var.policy
}`, Fails: []string{"aws_s3_bucket.narrow"}, Unknowns: []string{"aws_s3_bucket.unknown"}},
		{Code: `
# The inline policy holds the TLS deny only when a setting the caller may
# leave out says so: the bucket may get no policy at all.
variable "settings" {
  type = any
}

data "aws_iam_policy_document" "tls" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::acme-maybe", "arn:aws:s3:::acme-maybe/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"
  policy = try(var.settings.strict ? data.aws_iam_policy_document.tls.json : null, null)
}

resource "aws_s3_bucket" "none" {
  bucket = "acme-none"
}`, Fails: []string{"aws_s3_bucket.none"}, Unknowns: []string{"aws_s3_bucket.maybe"}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		var policies []scanner.Value
		if p := r.Attr("policy"); p.IsSet() {
			policies = append(policies, p)
		}
		var splitUnknown bool
		if ctx != nil && ctx.Index != nil {
			found, maybe := ctx.Index.Referrers(r, "aws_s3_bucket_policy", []string{"bucket"}, "bucket")
			for _, p := range found {
				policies = append(policies, p.Attr("policy"))
			}
			splitUnknown = len(found) == 0 && maybe != nil
		}
		unknown := splitUnknown
		var last scanner.Range
		for _, v := range policies {
			last = v.Range
			doc, err := readPolicy(v, ctx.Index)
			if err != nil {
				return invalidPolicyResult(v, err)
			}
			if doc == nil {
				continue
			}
			denies := deniesInsecureTransport(doc, "s3")
			if denies == scanner.Yes && doc.MayBeAbsent {
				denies = scanner.Maybe
			}
			if denies == scanner.Yes {
				return scanner.Passed()
			}
			unknown = unknown || denies == scanner.Maybe || doc.Unknown
		}
		switch {
		case unknown:
			return scanner.Unknowable(r.Range, "whether the bucket policy denies requests without TLS is not known until apply")
		case len(policies) == 0:
			return scanner.Failed(r.Range, "the bucket has no bucket policy, so nothing denies requests made over plain HTTP (aws:SecureTransport = false)")
		}
		return scanner.Failed(last, "the bucket policy has no Deny statement for every principal on %s:* with aws:SecureTransport = false: plain-HTTP requests are accepted", "s3")
	},
}

// deniesInsecureTransport decides whether doc has a statement that denies
// every principal every action of service (or "*") when
// aws:SecureTransport is false: Maybe when a statement with unknown parts
// might.
func deniesInsecureTransport(doc *iamPolicy, service string) scanner.Tri {
	denies := scanner.No
	for _, st := range doc.Statements {
		denies = denies.Or(insecureTransportDeny(st, service))
	}
	return denies
}

// insecureTransportDeny decides whether one statement denies insecure
// transport.
func insecureTransportDeny(st iamStatement, service string) scanner.Tri {
	out := scanner.Yes
	weaken := func(known bool, ok bool) bool {
		if !known {
			out = scanner.Maybe
			return true
		}
		return ok
	}
	if !weaken(st.Effect != "", st.IsDeny()) {
		return scanner.No
	}
	if st.NotPrincipal.Present {
		return scanner.No
	}
	if !st.Principal.IsWildcard() && !weaken(!st.Principal.Unknown, false) {
		return scanner.No
	}
	coversAll := st.Action.HasFold("*") || st.Action.HasFold(service+":*")
	if !coversAll && !weaken(!st.Action.Unknown, false) {
		return scanner.No
	}
	// Conditions are ANDed: another condition next to aws:SecureTransport
	// (a VPC endpoint exception, say) lets some plain-HTTP requests through.
	found, other := false, false
	for _, c := range st.Condition {
		if c.Unknown {
			out = scanner.Maybe
			continue
		}
		op := strings.ToLower(c.Operator)
		if strings.EqualFold(c.Key, "aws:SecureTransport") && (op == "bool" || op == "boolifexists") && containsFold(c.Values, "false") {
			found = true
			continue
		}
		other = true
	}
	switch {
	case other:
		return scanner.No
	case !found && (st.ConditionUnknown || out == scanner.Maybe):
		return scanner.Maybe
	case !found:
		return scanner.No
	case st.ConditionUnknown:
		return scanner.Maybe
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, e := range list {
		if strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}

// s3ObjectTypes are the resources that write one S3 object.
var s3ObjectTypes = []string{"aws_s3_object", "aws_s3_bucket_object", "aws_s3_object_copy"}

// objectBucketEncryption returns the default encryption configurations of
// the bucket an object is written to, when the configuration declares the
// bucket.
func objectBucketEncryption(obj *scanner.Resource, ctx *scanner.Context) []*scanner.Block {
	v := obj.Attr("bucket")
	buckets := ctx.Index.Resolve(v)
	if s, ok := v.AsString(); ok && len(buckets) == 0 {
		buckets = bucketsNamed(ctx.Index)(s)
	}
	var out []*scanner.Block
	for _, b := range buckets {
		if b.Type != "aws_s3_bucket" {
			continue
		}
		configs, _ := bucketSettings(b, ctx, "aws_s3_bucket_server_side_encryption_configuration", "server_side_encryption_configuration")
		out = append(out, configs...)
	}
	return out
}

var s3ObjectEncrypted = &scanner.Rule{
	ID:    "aws-s3-object-encrypted",
	Title: "S3 objects declare their server-side encryption",
	Description: "An object written by Terraform (aws_s3_object, the legacy aws_s3_bucket_object, aws_s3_object_copy) " +
		"should say how it is encrypted at rest: server_side_encryption (AES256, aws:kms, aws:kms:dsse) or " +
		"kms_key_id, or land in a bucket whose declared default encryption configuration says so. S3 has " +
		"encrypted every new object with SSE-S3 since January 2023, so an object without either is still " +
		"encrypted, but with keys nobody in the account controls and no record in the configuration that " +
		"encryption was intended. SOC 2 CC6.1 and C1.1 expect confidential data to be protected by deliberate " +
		"controls.",
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: s3ObjectTypes,
	Remediation:   "Set server_side_encryption = \"aws:kms\" with kms_key_id, or declare the bucket's default encryption.",
	RemediationCode: `resource "aws_s3_object" "report" {
  bucket                 = aws_s3_bucket.reports.id
  key                    = "2026/q4.pdf"
  source                 = "q4.pdf"
  server_side_encryption = "aws:kms"
  kms_key_id             = aws_kms_key.reports.arn
}`,
	Links: []string{
		registryDoc("aws_s3_object", "server_side_encryption"),
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html",
	},
	Good: []scanner.Example{{Code: `
resource "aws_s3_object" "report" {
  bucket                 = "acme-reports"
  key                    = "q4.pdf"
  server_side_encryption = "AES256"
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_object" "in_default_encrypted_bucket" {
  bucket = aws_s3_bucket.data.id
  key    = "seed.csv"
}

resource "aws_kms_key" "objects" {
  enable_key_rotation = true
}

# A key ARN is only known after apply, but it is never empty: SSE-KMS is on.
resource "aws_s3_object" "kms_only" {
  bucket     = "acme-reports"
  key        = "q1.pdf"
  kms_key_id = aws_kms_key.objects.arn
}

data "aws_kms_alias" "objects" {
  name = "alias/objects"
}

resource "aws_s3_object" "kms_data_key" {
  bucket     = "acme-reports"
  key        = "q0.pdf"
  kms_key_id = data.aws_kms_alias.objects.target_key_arn
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_s3_object" "plain" {
  bucket = "acme-reports"
  key    = "q4.pdf"
}

resource "aws_s3_bucket_object" "legacy" {
  bucket                 = "acme-reports"
  key                    = "q3.pdf"
  server_side_encryption = ""
}

variable "sse" {
  type = string
}

resource "aws_s3_object" "maybe" {
  bucket                 = "acme-reports"
  key                    = "q2.pdf"
  server_side_encryption = var.sse
}

variable "key" {
  type = string
}

resource "aws_s3_object" "maybe_key" {
  bucket     = "acme-reports"
  key        = "q1.pdf"
  kms_key_id = var.key
}`, Fails: []string{"aws_s3_object.plain", "aws_s3_bucket_object.legacy"}, Unknowns: []string{"aws_s3_object.maybe", "aws_s3_object.maybe_key"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		var unknown *scanner.Value
		for _, v := range []scanner.Value{r.Attr("server_side_encryption"), r.Attr("kms_key_id")} {
			if s, ok := v.AsString(); ok && strings.TrimSpace(s) != "" {
				return scanner.Passed()
			}
			if v.IsUnknown() {
				if v.Name == "kms_key_id" && refersToKey(v, ctx.Index) {
					return scanner.Passed()
				}
				if unknown == nil {
					unknown = &v
				}
			}
		}
		if len(objectBucketEncryption(r, ctx)) > 0 {
			return scanner.Passed()
		}
		if unknown != nil {
			return scanner.Unknowable(unknown.Range, "%s is only known after apply", unknown.Name)
		}
		return scanner.Failed(r.Range, "neither server_side_encryption nor kms_key_id is set, and the bucket declares no default encryption: the object relies on S3's implicit SSE-S3")
	},
}

var s3ObjectCustomerKey = &scanner.Rule{
	ID:    "aws-s3-object-customer-key",
	Title: "S3 objects are encrypted with a customer-managed KMS key",
	Description: "An object encrypted with SSE-S3 or the AWS managed key aws/s3 can be read by anyone with S3 read " +
		"permission on it; a customer-managed key adds a key policy that must also allow the reader, can be " +
		"disabled to revoke access, and logs every decryption in CloudTrail. SOC 2 CC6.1 and C1.1 expect " +
		"confidential data to be protected by keys the organisation controls. The object passes with kms_key_id " +
		"naming a customer-managed key, or without it in a bucket whose declared default encryption uses one. " +
		"An empty kms_key_id or an alias/aws/… key is not a customer-managed key.",
	Severity:      scanner.Low,
	Criteria:      encryptionCriteria,
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: s3ObjectTypes,
	Remediation:   "Set kms_key_id to a customer-managed KMS key (with server_side_encryption = \"aws:kms\").",
	RemediationCode: `resource "aws_s3_object" "report" {
  bucket                 = aws_s3_bucket.reports.id
  key                    = "2026/q4.pdf"
  source                 = "q4.pdf"
  server_side_encryption = "aws:kms"
  kms_key_id             = aws_kms_key.reports.arn
}`,
	Links: []string{
		registryDoc("aws_s3_object", "kms_key_id"),
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_186"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_181"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_kms_key" "reports" {
  enable_key_rotation = true
}

resource "aws_s3_object" "report" {
  bucket                 = "acme-reports"
  key                    = "q4.pdf"
  server_side_encryption = "aws:kms"
  kms_key_id             = aws_kms_key.reports.arn
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.reports.arn
    }
  }
}

resource "aws_s3_object" "in_cmk_bucket" {
  bucket = aws_s3_bucket.data.id
  key    = "seed.csv"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_s3_object" "sse_s3" {
  bucket                 = "acme-reports"
  key                    = "q4.pdf"
  server_side_encryption = "AES256"
}

resource "aws_s3_object" "aws_managed" {
  bucket                 = "acme-reports"
  key                    = "q3.pdf"
  server_side_encryption = "aws:kms"
  kms_key_id             = "alias/aws/s3"
}

resource "aws_s3_bucket_object" "empty" {
  bucket     = "acme-reports"
  key        = "q2.pdf"
  kms_key_id = ""
}`, Fails: []string{"aws_s3_object.sse_s3", "aws_s3_object.aws_managed", "aws_s3_bucket_object.empty"},
		Expect: map[string]scanner.Expected{"aws_s3_object.aws_managed": {Line: 12, Message: "AWS managed key"}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		key := r.Attr("kms_key_id")
		if key.IsSet() {
			return requireCustomerKeyIn(key, ctx.Index, "the object")
		}
		configs := objectBucketEncryption(r, ctx)
		if len(configs) > 0 {
			var results []scanner.Result
			for _, c := range configs {
				results = append(results, sseRuleResult(c, true, ctx.Index))
			}
			return worst(results...)
		}
		return scanner.Failed(r.Range, "kms_key_id is not set and the bucket declares no default customer-managed key: the object is encrypted with a key AWS owns or manages")
	},
}
