package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cpModel returns the bundled model of a cloudposse module.
func cpModel(t *testing.T, source string) *bundledModel {
	t.Helper()
	models := bundledFor(source, "")
	require.Len(t, models, 1, source)
	return models[0]
}

// TestBundledZeroModelAdmitsOneMinorSeries: a 0.x module may change its
// interface at a minor release, so a 0.x model judges only the calls whose
// constraint installs its own 0.<minor> series.
func TestBundledZeroModelAdmitsOneMinorSeries(t *testing.T) {
	m := cpModel(t, "cloudposse/kms-key/aws")
	assert.Equal(t, "0.12.x", m.versions())
	for _, c := range []struct {
		constraint string
		ok         bool
		why        string
	}{
		{"0.12.1", true, ""},
		{"v0.12.2", true, ""},
		{"= 0.12.0", true, ""},
		{"~> 0.12.1", true, ""},
		{">= 0.10.0, < 0.13.0", true, ""},
		{">= 0.12, <= 0.12.9", true, ""},
		{"", false, "the call sets no version"},
		{"0.11.0", false, `selects a 0.11.x version`},
		{"~> 0.11.0", false, `selects a 0.11.x version`},
		{"< 0.12.0", false, `selects a 0.11.x version`},
		{"~> 0.12", false, `bounds no 0.x minor release`},
		{">= 0.12.0", false, `bounds no 0.x minor release`},
		{">= 0.12.0, < 1.0.0", false, `bounds no 0.x minor release`},
		{"~> 1.0", false, `selects a 1.x version`},
		{">= 0.13.0, < 0.12.0", false, `admits no version`},
		{"latest", false, `cannot be read`},
	} {
		ok, why := m.admits(c.constraint, nil)
		assert.Equal(t, c.ok, ok, "%q", c.constraint)
		if c.why == "" {
			assert.Empty(t, why, "%q", c.constraint)
		} else {
			assert.Contains(t, why, c.why, "%q", c.constraint)
		}
	}
}

// TestBundledCloudPosseKMSKeyModel: the key rotates and waits ten days by
// default; the call's inputs point at the caller's lines; the Cloud Posse
// context switches the key off, or leaves its count unknown; a policy the
// call does not pass is unknown (the module may generate one).
func TestBundledCloudPosseKMSKeyModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "weak" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.1"

  enable_key_rotation     = false
  deletion_window_in_days = 7
}

module "default" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.2"
  policy  = "{}"
}

module "off" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.1"
  context = { enabled = false }
}

module "off_flag" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.1"
  enabled = false
}

variable "context" {
  type = any
}

variable "rotate" {
  type = bool
}

module "unknown" {
  source              = "cloudposse/kms-key/aws"
  version             = "0.12.1"
  enable_key_rotation = var.rotate
  context             = var.context
}

module "old" {
  source  = "cloudposse/kms-key/aws"
  version = "0.11.0"
}

module "typo" {
  source   = "cloudposse/kms-key/aws"
  version  = "0.12.1"
  rotation = true
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	weak := mustResource(t, res, "module.weak.aws_kms_key.default[0]")
	assert.False(t, weak.Attr("enable_key_rotation").Val.True())
	assert.Equal(t, 6, weak.Attr("enable_key_rotation").Range.StartLine, "at the caller's input")
	assert.Equal(t, int64(7), mustInt(t, weak.Attr("deletion_window_in_days")))
	assert.Equal(t, 7, weak.Attr("deletion_window_in_days").Range.StartLine)
	assert.False(t, weak.Attr("policy").Val.IsKnown(), "a policy the module may generate: unknown, never absent")
	def := mustResource(t, res, "module.default.aws_kms_key.default[0]")
	assert.True(t, def.Attr("enable_key_rotation").Val.True(), "0.12.x rotates by default")
	assert.Equal(t, int64(10), mustInt(t, def.Attr("deletion_window_in_days")), "a ten-day window by default")
	assert.Equal(t, "{}", str(t, def.Attr("policy")))
	assert.Equal(t, 10, def.Range.StartLine, "at the module block")
	unknown := mustResource(t, res, "module.unknown.aws_kms_key.default")
	assert.False(t, unknown.Attr("enable_key_rotation").Val.IsKnown(), "an unknown input stays unknown")
	for _, addr := range addresses(res) {
		for _, call := range []string{"module.off.", "module.off_flag.", "module.old.", "module.typo."} {
			assert.NotContains(t, addr, call)
		}
	}
	assert.Contains(t, why[`Module "weak" judged from a bundled model`], "model of cloudposse/kms-key/aws 0.12.x")
	assert.Contains(t, why[`Module "old" not scanned`], `covers versions 0.12.x only: version constraint "0.11.0" selects a 0.11.x version`)
	assert.Contains(t, why[`Module "typo" not scanned`], `sets "rotation", which cloudposse/kms-key/aws 0.12.x does not declare`)
}

// TestBundledCloudPosseSecurityGroupModel: rules from `rules` and
// `rules_map` become aws_security_group_rule resources keyed as the module
// keys them, with the module's default description; allow_all_egress (on
// by default) adds egress to everywhere; a disabled call or one that
// targets an existing group creates no group; 1.x and rule_matrix calls
// are not scanned.
func TestBundledCloudPosseSecurityGroupModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "ssh" {
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
  }]
}

module "mapped" {
  source                     = "cloudposse/security-group/aws"
  version                    = "2.0.0-rc1"
  vpc_id                     = "vpc-1"
  allow_all_egress           = false
  preserve_security_group_id = true
  security_group_description = "internal"

  rules_map = {
    internal = [{
      type        = "ingress"
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
      description = "HTTPS from the VPC"
    }]
  }
}

module "off" {
  source  = "cloudposse/security-group/aws"
  version = "2.2.0"
  vpc_id  = "vpc-1"
  enabled = false
}

module "target" {
  source                   = "cloudposse/security-group/aws"
  version                  = "2.2.0"
  vpc_id                   = "vpc-1"
  target_security_group_id = ["sg-1"]
  allow_all_egress         = false
}

variable "rules" {
  type = any
}

module "unknown" {
  source  = "cloudposse/security-group/aws"
  version = "2.2.0"
  vpc_id  = "vpc-1"
  rules   = var.rules
}

module "v1" {
  source  = "cloudposse/security-group/aws"
  version = "1.0.1"
  vpc_id  = "vpc-1"
}

module "matrix" {
  source      = "cloudposse/security-group/aws"
  version     = "2.2.0"
  vpc_id      = "vpc-1"
  rule_matrix = [{ cidr_blocks = ["0.0.0.0/0"], rules = [] }]
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	ssh := mustResource(t, res, `module.ssh.aws_security_group_rule.keyed["ssh"]`)
	assert.Equal(t, []string{"0.0.0.0/0"}, strList(t, ssh.Attr("cidr_blocks")))
	assert.Equal(t, int64(22), mustInt(t, ssh.Attr("from_port")))
	assert.Equal(t, "Managed by Terraform", str(t, ssh.Attr("description")), "the module's description")
	assert.Equal(t, 7, ssh.Attr("cidr_blocks").Range.StartLine, "at the caller's rules")
	egress := mustResource(t, res, `module.ssh.aws_security_group_rule.keyed["_allow_all_egress_"]`)
	assert.Equal(t, "egress", str(t, egress.Attr("type")))
	assert.Equal(t, "-1", str(t, egress.Attr("protocol")))
	assert.Equal(t, []string{"0.0.0.0/0"}, strList(t, egress.Attr("cidr_blocks")))
	group := mustResource(t, res, "module.ssh.aws_security_group.cbd[0]")
	assert.Equal(t, "Managed by Terraform", str(t, group.Attr("description")))

	https := mustResource(t, res, `module.mapped.aws_security_group_rule.dbc["internal[0]"]`)
	assert.Equal(t, "HTTPS from the VPC", str(t, https.Attr("description")))
	assert.Equal(t, "internal", str(t, mustResource(t, res, "module.mapped.aws_security_group.cbd[0]").Attr("description")))
	unknown := mustResource(t, res, "module.unknown.aws_security_group_rule.keyed")
	assert.False(t, unknown.Attr("cidr_blocks").Val.IsKnown(), "an unknown input stays unknown")
	for _, addr := range addresses(res) {
		for _, call := range []string{"module.off.", "module.target.", "module.v1.", "module.matrix.", "module.mapped.aws_security_group_rule.dbc[\"_allow"} {
			assert.NotContains(t, addr, call)
		}
	}
	assert.Contains(t, why[`Module "ssh" judged from a bundled model`], "model of cloudposse/security-group/aws 2.x")
	assert.Contains(t, why[`Module "v1" not scanned`], `covers versions 2.x only: version constraint "1.0.1" selects a 1.x version`)
	assert.Contains(t, why[`Module "matrix" not scanned`], "leaves out what rule_matrix adds")
}

// TestBundledCloudPosseCloudWatchLogsModel: the group keeps logs 30 days
// and has no key by default; the call's key and retention point at its
// inputs; a disabled call creates nothing; 0.5.x is not scanned.
func TestBundledCloudPosseCloudWatchLogsModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "plain" {
  source  = "cloudposse/cloudwatch-logs/aws"
  version = "0.6.8"
}

module "keyed" {
  source            = "cloudposse/cloudwatch-logs/aws"
  version           = "0.6.5"
  kms_key_arn       = "arn:aws:kms:eu-west-1:111122223333:key/1234"
  retention_in_days = 365
}

variable "days" {
  type = number
}

module "unknown" {
  source            = "cloudposse/cloudwatch-logs/aws"
  version           = "0.6.6"
  retention_in_days = var.days
}

module "off" {
  source  = "cloudposse/cloudwatch-logs/aws"
  version = "0.6.8"
  context = { enabled = false }
}

module "old" {
  source  = "cloudposse/cloudwatch-logs/aws"
  version = "0.5.0"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	plain := mustResource(t, res, "module.plain.aws_cloudwatch_log_group.default[0]")
	assert.Equal(t, int64(30), mustInt(t, plain.Attr("retention_in_days")), "the module's default")
	assert.False(t, plain.Attr("kms_key_id").IsSet(), "no key by default")
	keyed := mustResource(t, res, "module.keyed.aws_cloudwatch_log_group.default[0]")
	assert.Equal(t, "arn:aws:kms:eu-west-1:111122223333:key/1234", str(t, keyed.Attr("kms_key_id")))
	assert.Equal(t, 10, keyed.Attr("kms_key_id").Range.StartLine, "at the caller's input")
	assert.Equal(t, int64(365), mustInt(t, keyed.Attr("retention_in_days")))
	assert.False(t, mustResource(t, res, "module.unknown.aws_cloudwatch_log_group.default[0]").Attr("retention_in_days").Val.IsKnown(), "an unknown input stays unknown")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.off.")
		assert.NotContains(t, addr, "module.old.")
	}
	assert.Contains(t, why[`Module "plain" judged from a bundled model`], "model of cloudposse/cloudwatch-logs/aws 0.6.x")
	assert.Contains(t, why[`Module "old" not scanned`], `selects a 0.5.x version`)
}

// TestBundledCloudPosseSecurityGroupEgressPointsAtItsInput: the egress
// rule allow_all_egress adds points at that input when the call sets it,
// not at the context the call passes first.
func TestBundledCloudPosseSecurityGroupEgressPointsAtItsInput(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
variable "context" {
  type = any
}

module "sg" {
  source           = "cloudposse/security-group/aws"
  version          = "2.2.0"
  context          = var.context
  vpc_id           = "vpc-1"
  allow_all_egress = true
}
`)}})
	diagnosticDetails(t, res) // no error
	// The context is unknown, so is whether the rule exists: one unkeyed
	// instance stands for it.
	egress := mustResource(t, res, "module.sg.aws_security_group_rule.keyed")
	assert.Equal(t, 11, egress.Attr("cidr_blocks").Range.StartLine, "at allow_all_egress")
}

// TestBundledCloudPosseIAMPolicyModel: 2.x renders each iam_policy
// document and merges them with the call's own documents; a managed policy
// exists only when iam_policy_enabled; 1.x reads one document, or the
// deprecated map of statements; a downloaded document leaves the result
// unknown; 0.x is not scanned; the context switches the module off.
func TestBundledCloudPosseIAMPolicyModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "admin" {
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

module "json_only" {
  source  = "cloudposse/iam-policy/aws"
  version = "2.0.1"
  iam_policy = [{
    statements = [{ actions = ["s3:GetObject"], resources = ["arn:aws:s3:::b/*"] }]
  }]
}

module "v1" {
  source             = "cloudposse/iam-policy/aws"
  version            = "1.0.1"
  iam_policy_enabled = true
  iam_policy_statements = {
    ReadAll = { effect = "Allow", actions = ["s3:*"], resources = ["*"] }
  }
}

module "url" {
  source              = "cloudposse/iam-policy/aws"
  version             = "2.0.1"
  iam_policy_enabled  = true
  iam_source_json_url = "https://example.com/policy.json"
}

module "off" {
  source             = "cloudposse/iam-policy/aws"
  version            = "2.0.1"
  iam_policy_enabled = true
  context            = { enabled = false }
}

module "old" {
  source                = "cloudposse/iam-policy/aws"
  version               = "0.4.0"
  iam_policy_statements = {}
}

module "unversioned" {
  source = "cloudposse/iam-policy/aws"
}

module "tilde1" {
  source  = "cloudposse/iam-policy/aws"
  version = "~> 1.0"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	// The documents' json is the rule catalogue's to compute (see the scan
	// test); here their statements are read.
	admin := mustResource(t, res, "module.admin.data.aws_iam_policy_document.this[0]")
	require.Len(t, admin.Blocks("statement"), 1)
	stmt := admin.Blocks("statement")[0]
	assert.Equal(t, "Allow", str(t, stmt.Attr("effect")))
	assert.Equal(t, 6, stmt.Attr("actions").Range.StartLine, "at the caller's iam_policy input")
	assert.Len(t, stmt.Blocks("principals"), 0)
	mustResource(t, res, "module.admin.aws_iam_policy.default[0]")
	mustResource(t, res, "module.json_only.data.aws_iam_policy_document.this[0]")
	v1 := mustResource(t, res, "module.v1.data.aws_iam_policy_document.this[0]")
	require.Len(t, v1.Blocks("statement"), 1)
	assert.Equal(t, "ReadAll", str(t, v1.Blocks("statement")[0].Attr("sid")), "a map's key stands for a missing sid")
	url := mustResource(t, res, "module.url.data.aws_iam_policy_document.this[0]")
	assert.False(t, url.Attr("source_policy_documents").Val.IsWhollyKnown(), "a downloaded document: unknown, never absent")
	for _, addr := range addresses(res) {
		for _, call := range []string{"module.json_only.aws_iam_policy", "module.off.", "module.old."} {
			assert.NotContains(t, addr, call)
		}
	}
	assert.Contains(t, why[`Module "v1" judged from a bundled model`], "model of cloudposse/iam-policy/aws 1.x")
	assert.Contains(t, why[`Module "old" not scanned`], `selects a 0.x version`)
	assert.Contains(t, why[`Module "unversioned" judged from a bundled model`], "model of cloudposse/iam-policy/aws 2.x", "the newest release")
	assert.Contains(t, why[`Module "tilde1" judged from a bundled model`], "model of cloudposse/iam-policy/aws 1.x")
}

// TestBundledCloudPosseLabelModel: the label's enabled is the call's, else
// its context's, true by default, unknown when what decides it is; its
// context carries that enabled (and the merged tags) to a child module's
// own label, so counts made from module.this.enabled are decided; the id
// is not computed, so it stays unknown while the label is enabled.
func TestBundledCloudPosseLabelModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
variable "context" {
  type = any
}

variable "flag" {
  type = bool
}

module "on" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  tags    = { Team = "a" }
}

module "off" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = false
}

module "ctx_off" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  context = { enabled = false, tags = {} }
}

module "override" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = true
  context = { enabled = false, tags = {} }
}

module "ctx_null" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  context = { enabled = null, tags = {} }
}

module "unknown_ctx" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  context = var.context
}

module "unknown_flag" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = var.flag
}

module "old" {
  source  = "cloudposse/label/null"
  version = "0.24.1"
}

resource "aws_s3_bucket" "on" {
  count  = module.on.enabled ? 1 : 0
  bucket = module.on.id
  tags   = module.on.context.tags
}

resource "aws_s3_bucket" "off" {
  count  = module.off.enabled ? 1 : 0
  bucket = module.off.id
}

resource "aws_s3_bucket" "ctx_off" {
  count = module.ctx_off.enabled ? 1 : 0
}

resource "aws_s3_bucket" "override" {
  count = module.override.enabled ? 1 : 0
}

resource "aws_s3_bucket" "ctx_null" {
  count = module.ctx_null.enabled ? 1 : 0
}

resource "aws_s3_bucket" "unknown_ctx" {
  count = module.unknown_ctx.enabled ? 1 : 0
}

resource "aws_s3_bucket" "unknown_flag" {
  count = module.unknown_flag.enabled ? 1 : 0
}

module "child_off" {
  source  = "./child"
  context = module.off.context
}

module "child_on" {
  source  = "./child"
  context = module.on.context
}
`)}, "child/main.tf": {Data: []byte(`
variable "context" {
  type = any
}

module "this" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  context = var.context
}

resource "aws_s3_bucket" "b" {
  count = module.this.enabled ? 1 : 0
  tags  = module.this.context.tags
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	on := mustResource(t, res, "aws_s3_bucket.on[0]")
	assert.False(t, on.Attr("bucket").Val.IsKnown(), "the id is not computed: unknown, never guessed")
	assert.Equal(t, "a", on.Attr("tags").Val.GetAttr("Team").AsString(), "the context carries the merged tags")
	mustResource(t, res, "aws_s3_bucket.override[0]")
	// A null enabled in the context stays null, as in the module (where
	// the caller's count would be an error): nothing is decided.
	mustResource(t, res, "aws_s3_bucket.ctx_null")
	mustResource(t, res, "aws_s3_bucket.unknown_ctx")
	mustResource(t, res, "aws_s3_bucket.unknown_flag")
	child := mustResource(t, res, "module.child_on.aws_s3_bucket.b[0]")
	assert.Equal(t, "a", child.Attr("tags").Val.GetAttr("Team").AsString(), "the parent's tags reach the child's label")
	for _, addr := range addresses(res) {
		for _, gone := range []string{"aws_s3_bucket.off", "aws_s3_bucket.ctx_off", "module.child_off."} {
			assert.NotContains(t, addr, gone)
		}
	}
	assert.Contains(t, why[`Module "on" judged from a bundled model`], "model of cloudposse/label/null 0.25.x")
	assert.Contains(t, why[`Module "old" not scanned`], `selects a 0.24.x version`)
}
