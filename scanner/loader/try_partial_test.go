package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// try keeps the known parts of a partly known argument that no value known
// after apply can make fail, falls back past a missing attribute of a known
// object, and stays unknown where a later value could still make the
// argument fail.
func TestTryKeepsPartlyKnownValues(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "name" {
  type = string
}

variable "anything" {}

locals {
  settings = {
    acl     = "private"
    name    = var.name
    logging = { enabled = true, target = "${var.name}-logs" }
  }
  known = { a = { x = "1" } }
}

resource "aws_s3_bucket" "b" {
  acl     = try(local.settings, {}).acl
  bucket  = try(local.settings.name, "default")
  logging = try(local.settings.logging, null)
  policy  = try(jsonencode({ Resource = "arn:aws:s3:::${var.name}/*", Effect = "Allow" }), "")
  missing = try(local.known.b.x, "fallback")
  deep    = try(local.known.a.y, local.known.a.x)
  # An attribute of a value known only after apply may not exist.
  unsure  = try(var.anything.acl, "private")
  nested  = try(var.anything.tags, { owner = var.name, team = "ops" })
  # A function of an unknown value may fail once it is known.
  func    = try({ n = tonumber(var.name), k = "v" }, {})
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	b := mustResource(t, res, "aws_s3_bucket.b")

	assert.Equal(t, "private", str(t, b.Attr("acl")))
	assert.False(t, b.Attr("bucket").IsKnown())
	logging := b.Attr("logging").Val
	require.True(t, logging.IsKnown(), "an object with an unknown attribute is kept: %#v", logging)
	assert.True(t, logging.GetAttr("enabled").True())
	assert.Equal(t, "", scanner.StringPrefix(logging.GetAttr("target")))

	policy := b.Attr("policy").Val
	assert.False(t, policy.IsKnown())
	assert.Equal(t, cty.String, policy.Type(), "jsonencode of a partly known object is a string")
	assert.Equal(t, "{", scanner.StringPrefix(policy), "with the prefix jsonencode knows")

	assert.Equal(t, "fallback", str(t, b.Attr("missing")))
	assert.Equal(t, "1", str(t, b.Attr("deep")))

	assert.False(t, b.Attr("unsure").IsKnown())
	nested := b.Attr("nested").Val
	assert.False(t, nested.IsKnown(), "var.anything.tags may fail, and the fallback is then the result: %#v", nested)
	assert.False(t, b.Attr("func").Val.IsKnown())
}
