package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// cpKMSStack calls cloudposse/kms-key/aws as Cloud Posse's components do
// (a pinned 0.12.x and the caller's context), without `terraform init`.
const cpKMSStack = `module "weak" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.1"

  description         = "no rotation"
  enable_key_rotation = false
}

module "good" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.2"

  description = "rotated"
  policy      = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }] })
}

module "off" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.1"

  enable_key_rotation = false
  context             = { enabled = false }
}

module "old" {
  source  = "cloudposse/kms-key/aws"
  version = "0.10.0"
}
`

func TestScanJudgesACloudPosseKMSKeyCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, cpKMSStack)
	// A call the context switches off creates nothing; a call of another
	// 0.x series is not judged.
	results := bundledFindings(t, main, rep, "module.off", "module.old")
	const rotation, policy = "aws-kms-key-rotation-enabled", "aws-kms-key-policy-no-wildcard-principal"
	assert.Equal(t, lineAt{"fail", 6}, results["module.weak.aws_kms_key.default[0]"][rotation].lineAt(), "at the caller's input")
	assert.Equal(t, "pass", results["module.good.aws_kms_key.default[0]"][rotation].status, "the module rotates by default")
	// A policy the module may generate is not modelled: unknown, not passed.
	assert.Equal(t, "unknown", results["module.weak.aws_kms_key.default[0]"][policy].status)
	assert.Equal(t, "pass", results["module.good.aws_kms_key.default[0]"][policy].status)
	assert.Contains(t, stdout, `Module \"old\" not scanned`)
	assert.NotContains(t, stdout, bundledMarker)
}

// cpSGStack calls cloudposse/security-group/aws 2.x as Cloud Posse's
// components do, without `terraform init`.
const cpSGStack = `module "bastion" {
  source  = "cloudposse/security-group/aws"
  version = "2.2.0"
  vpc_id  = "vpc-1"

  rules = [{
    key         = "ssh"
    type        = "ingress"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
    description = "SSH"
  }]
}

module "internal" {
  source                     = "cloudposse/security-group/aws"
  version                    = "2.2.0"
  vpc_id                     = "vpc-1"
  allow_all_egress           = false
  security_group_description = "HTTPS from the VPC"

  rules = [{
    key         = "https"
    type        = "ingress"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
    description = "HTTPS"
  }]
}

module "v1" {
  source  = "cloudposse/security-group/aws"
  version = "1.0.1"
  vpc_id  = "vpc-1"
}
`

func TestScanJudgesACloudPosseSecurityGroupCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, cpSGStack)
	results := bundledFindings(t, main, rep, "module.v1")
	const admin, egress, described = "aws-ec2-security-group-no-public-admin-ports", "aws-ec2-security-group-no-unrestricted-egress", "aws-ec2-security-group-described"
	ssh := results[`module.bastion.aws_security_group_rule.keyed["ssh"]`]
	assert.Equal(t, lineAt{"fail", 6}, ssh[admin].lineAt(), "at the caller's rules")
	assert.Equal(t, "pass", results[`module.internal.aws_security_group_rule.keyed["https"]`][admin].status)
	// allow_all_egress is on by default in 2.x.
	assert.Equal(t, "fail", results[`module.bastion.aws_security_group_rule.keyed["_allow_all_egress_"]`][egress].status)
	assert.NotContains(t, results, `module.internal.aws_security_group_rule.keyed["_allow_all_egress_"]`)
	assert.Equal(t, "fail", results["module.bastion.aws_security_group.cbd[0]"][described].status, "the module's placeholder description")
	assert.Equal(t, "pass", results["module.internal.aws_security_group.cbd[0]"][described].status)
	assert.Contains(t, stdout, `Module \"v1\" not scanned`)
	assert.NotContains(t, stdout, bundledMarker)
}

// cpLogsStack calls cloudposse/cloudwatch-logs/aws 0.6.x, without
// `terraform init`.
const cpLogsStack = `module "logs" {
  source  = "cloudposse/cloudwatch-logs/aws"
  version = "0.6.8"

  stream_names = ["app"]
}

module "kept" {
  source  = "cloudposse/cloudwatch-logs/aws"
  version = "0.6.5"

  retention_in_days = 400
  kms_key_arn       = "arn:aws:kms:eu-west-1:111122223333:key/1234"
}

module "old" {
  source  = "cloudposse/cloudwatch-logs/aws"
  version = "0.4.0"
}
`

func TestScanJudgesACloudPosseCloudWatchLogsCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, cpLogsStack)
	results := bundledFindings(t, main, rep, "module.old")
	const retention, key = "aws-cloudwatch-log-group-retention", "aws-cloudwatch-log-group-customer-key"
	logs := results["module.logs.aws_cloudwatch_log_group.default[0]"]
	assert.Equal(t, lineAt{"fail", 1}, logs[retention].lineAt(), "the module's 30 days, at the module block")
	assert.Equal(t, "fail", logs[key].status, "no key by default")
	kept := results["module.kept.aws_cloudwatch_log_group.default[0]"]
	assert.Equal(t, "pass", kept[retention].status, "400 days")
	assert.Equal(t, "pass", kept[key].status)
	assert.Contains(t, stdout, `Module \"old\" not scanned`)
	assert.NotContains(t, stdout, bundledMarker)
}

// cpIAMPolicyStack calls cloudposse/iam-policy/aws 1.x and 2.x as Cloud
// Posse's components do, without `terraform init`.
const cpIAMPolicyStack = `module "admin" {
  source             = "cloudposse/iam-policy/aws"
  version            = "2.0.1"
  iam_policy_enabled = true

  iam_policy = [{
    statements = [{
      effect    = "Allow"
      actions   = ["*"]
      resources = ["*"]
    }]
  }]
}

module "read" {
  source             = "cloudposse/iam-policy/aws"
  version            = "1.0.1"
  iam_policy_enabled = true

  iam_policy = {
    statements = [{
      sid       = "Read"
      effect    = "Allow"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::bucket/*"]
    }]
  }
}

module "downloaded" {
  source              = "cloudposse/iam-policy/aws"
  version             = "2.0.1"
  iam_policy_enabled  = true
  iam_source_json_url = "https://example.com/policy.json"
}

module "old" {
  source  = "cloudposse/iam-policy/aws"
  version = "0.4.0"
}

variable "context" {
  type = any
}

module "maybe" {
  source             = "cloudposse/iam-policy/aws"
  version            = "2.0.1"
  context            = var.context
  iam_policy_enabled = true

  iam_policy = [{
    statements = [{ actions = ["iam:*"], resources = ["*"] }]
  }]
}
`

func TestScanJudgesACloudPosseIAMPolicyCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, cpIAMPolicyStack)
	results := bundledFindings(t, main, rep, "module.old")
	const admin = "aws-iam-policy-no-full-admin"
	assert.Equal(t, lineAt{"fail", 6}, results["module.admin.aws_iam_policy.default[0]"][admin].lineAt(), "at the caller's iam_policy")
	assert.Equal(t, "pass", results["module.read.aws_iam_policy.default[0]"][admin].status)
	// A document downloaded when Terraform runs is not known: never passed.
	assert.Equal(t, "unknown", results["module.downloaded.aws_iam_policy.default[0]"][admin].status)
	// A context known only when Terraform runs leaves the policy's
	// existence unknown, not its statements.
	assert.Equal(t, lineAt{"fail", 52}, results["module.maybe.aws_iam_policy.default"]["aws-iam-policy-no-service-wildcard"].lineAt())
	assert.Contains(t, stdout, `Module \"old\" not scanned`)
	assert.NotContains(t, stdout, bundledMarker)
}

// cpLabelKMSStack is a Cloud Posse component's KMS key: its key and policy
// document counted from the label's enabled (module.this), the key's
// policy joined from the document's instances, without `terraform init`.
const cpLabelKMSStack = `variable "enabled" {
  type = bool
}

module "this" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  name    = "good"
}

module "open" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  context = module.this.context
}

module "maybe" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = var.enabled
  context = module.this.context
}

locals {
  enabled       = module.this.enabled
  open_enabled  = module.open.enabled
  maybe_enabled = module.maybe.enabled
}

data "aws_iam_policy_document" "good" {
  count = local.enabled ? 1 : 0
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_kms_key" "good" {
  count               = local.enabled ? 1 : 0
  enable_key_rotation = true
  policy              = join("", data.aws_iam_policy_document.good[*].json)
  tags                = module.this.tags
}

data "aws_iam_policy_document" "open" {
  count = local.open_enabled ? 1 : 0
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key" "open" {
  count               = local.open_enabled ? 1 : 0
  enable_key_rotation = true
  policy              = join("", data.aws_iam_policy_document.open[*].json)
}

data "aws_iam_policy_document" "maybe" {
  count = local.maybe_enabled ? 1 : 0
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key" "maybe" {
  count               = local.maybe_enabled ? 1 : 0
  enable_key_rotation = true
  policy              = join("", data.aws_iam_policy_document.maybe[*].json)
}
`

// TestScanDecidesCountsFromTheCloudPosseLabel: a key and its policy
// document counted from module.this.enabled are judged once the label's
// enabled is decided (its own, or the context another label passes on);
// an enabled the call leaves unknown leaves the key's policy undecided.
func TestScanDecidesCountsFromTheCloudPosseLabel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, cpLabelKMSStack)
	results := bundledFindings(t, main, rep)
	const policy, defined = "aws-kms-key-policy-no-wildcard-principal", "aws-kms-key-policy-defined"
	assert.Equal(t, "pass", results["aws_kms_key.good[0]"][policy].status, "a named principal")
	assert.Equal(t, "fail", results["aws_kms_key.open[0]"][policy].status, "a wildcard principal, enabled by the context")
	assert.Equal(t, "pass", results["aws_kms_key.good[0]"][defined].status, "the document exists: the policy is set")
	// An unknown enabled decides nothing: the key may have the open
	// document's policy or none at all.
	assert.Equal(t, "fail", results["aws_kms_key.maybe"][policy].status, "the document that may be its policy is open")
	assert.Equal(t, "unknown", results["aws_kms_key.maybe"][defined].status, "its policy may be empty")
	assert.Contains(t, stdout, `Module \"this\" judged from a bundled model`)
	assert.NotContains(t, stdout, bundledMarker)
}
