package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
)

// TestCloudPosseLabelNeverDropsWhatMayExist: a label whose enabled the
// module itself would not decide false (a null enabled over a context
// without the key, an unknown context passed down a chain of contexts,
// an unknown enabled merged into a context, a version the model does not
// cover) keeps its caller's resources as possibly existing, so their
// findings are kept; a false passed on by a chain of contexts, or set in
// terraform.tfvars, removes them as Terraform would.
func TestCloudPosseLabelNeverDropsWhatMayExist(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
variable "context" {
  type = any
}

variable "flag" {
  type = bool
}

variable "enabled" {
  type    = bool
  default = true
}

module "no_key" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = null
  context = { tags = {} }
}

module "base_off" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = false
}

module "chain_off" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  context = module.base_off.context
}

module "chain_on" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = true
  context = module.base_off.context
}

module "base_unknown" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  context = var.context
}

module "chain_unknown" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  context = module.base_unknown.context
}

module "merged_flag" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  context = merge(module.base_off.context, { enabled = var.flag })
}

module "tfvars" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = var.enabled
}

module "tilde" {
  source  = "cloudposse/label/null"
  version = "~> 0.25"
  enabled = false
}

module "range" {
  source  = "cloudposse/label/null"
  version = ">= 0.24, < 0.26"
  enabled = false
}

module "open" {
  source  = "cloudposse/label/null"
  version = ">= 0.24"
  enabled = false
}

module "bare" {
  source  = "cloudposse/label/null"
  enabled = false
}

resource "aws_s3_bucket" "no_key" {
  count = module.no_key.enabled ? 1 : 0
}

resource "aws_s3_bucket" "chain_off" {
  count = module.chain_off.enabled ? 1 : 0
}

resource "aws_s3_bucket" "chain_on" {
  count = module.chain_on.enabled ? 1 : 0
}

resource "aws_s3_bucket" "chain_unknown" {
  count = module.chain_unknown.enabled ? 1 : 0
}

resource "aws_s3_bucket" "merged_flag" {
  count = module.merged_flag.enabled ? 1 : 0
}

resource "aws_s3_bucket" "tfvars" {
  count = module.tfvars.enabled ? 1 : 0
}

resource "aws_s3_bucket" "tilde" {
  count = module.tilde.enabled ? 1 : 0
}

resource "aws_s3_bucket" "range" {
  count = module.range.enabled ? 1 : 0
}

resource "aws_s3_bucket" "open" {
  count = module.open.enabled ? 1 : 0
}

resource "aws_s3_bucket" "bare" {
  count = module.bare.enabled ? 1 : 0
}

resource "aws_s3_bucket" "tags_off" {
  bucket = module.base_off.id
  tags   = module.base_off.tags
}
`)}, "terraform.tfvars": {Data: []byte("enabled = false\n")}})
	why := diagnosticDetails(t, res) // and no error
	mustResource(t, res, "aws_s3_bucket.no_key")
	mustResource(t, res, "aws_s3_bucket.chain_on[0]")
	mustResource(t, res, "aws_s3_bucket.chain_unknown")
	mustResource(t, res, "aws_s3_bucket.merged_flag")
	// A constraint that does not bound the minor release installs the
	// module's newest, which the scanner does not record: not judged, so
	// nothing is decided; one that does selects 0.25.x and is judged.
	for _, call := range []string{"tilde", "open", "bare"} {
		mustResource(t, res, "aws_s3_bucket."+call)
		assert.Contains(t, why[`Module "`+call+`" not scanned`], "covers versions 0.25.x only", call)
	}
	assert.Contains(t, why[`Module "range" judged from a bundled model`], "0.25.x")
	// A disabled label's id and tags are empty, as the module's outputs are.
	off := mustResource(t, res, "aws_s3_bucket.tags_off")
	assert.Empty(t, off.Attr("bucket").Val.AsString())
	assert.True(t, off.Attr("tags").Val.IsKnown(), "a disabled label's tags are known (empty)")
	for _, addr := range addresses(res) {
		for _, gone := range []string{"aws_s3_bucket.chain_off", "aws_s3_bucket.tfvars", "aws_s3_bucket.range"} {
			assert.NotContains(t, addr, gone)
		}
	}
}
