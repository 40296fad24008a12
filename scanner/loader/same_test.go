package loader

import (
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// A conditional on a value known after apply, or an index by such a key, is
// decided when every result it could have is the same known value, also
// inside objects, tuples, parentheses, locals and a known condition's
// selected result.
func TestSameResultsDecide(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "env" {
  type = string
}

variable "strict" {
  type = bool
}

variable "secret" {
  type      = bool
  sensitive = true
}

locals {
  settings  = { prod = { encrypted = true, size = 1 }, dev = { encrypted = true, size = 2 } }
  algo      = var.strict ? "aws:kms" : "aws:kms"
  modes     = { prod = "strict", dev = "strict" }
  retention = { prod = 35, dev = 7 }
}

resource "aws_s3_bucket" "b" {
  bucket = local.algo
  tags = {
    Mode  = local.modes[var.env]
    Deep  = [(var.strict ? "x" : "x"), "y"]
    Known = true ? (var.strict ? "k" : "k") : "z"
    Nest  = var.strict ? (var.env == "prod" ? "n" : "n") : "n"
  }
}

resource "aws_db_instance" "db" {
  storage_encrypted       = local.settings[var.env].encrypted
  allocated_storage       = local.settings[var.env].size
  backup_retention_period = local.retention[var.env]
  multi_az                = var.strict ? true : false
  publicly_accessible     = var.strict ? false : false
  deletion_protection     = var.secret ? true : true
  iops                    = var.strict ? 1000 : "1000"
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	b := mustResource(t, res, "aws_s3_bucket.b")
	assert.Equal(t, "aws:kms", str(t, b.Attr("bucket")), "a local whose conditional results agree")
	tags := b.Attr("tags").Val
	require.True(t, tags.IsKnown())
	assert.Equal(t, cty.StringVal("strict"), tags.GetAttr("Mode"), "an index whose candidates agree")
	assert.Equal(t, cty.TupleVal([]cty.Value{cty.StringVal("x"), cty.StringVal("y")}), tags.GetAttr("Deep"))
	assert.Equal(t, cty.StringVal("k"), tags.GetAttr("Known"), "the result a known condition selects")
	assert.Equal(t, cty.StringVal("n"), tags.GetAttr("Nest"), "nested conditionals")

	db := mustResource(t, res, "aws_db_instance.db")
	assert.Equal(t, cty.True, db.Attr("storage_encrypted").Val, "an attribute of an index whose candidates agree")
	assert.False(t, db.Attr("allocated_storage").Val.IsKnown(), "the attribute differs between candidates")
	assert.False(t, db.Attr("backup_retention_period").Val.IsKnown(), "candidates differ")
	assert.False(t, db.Attr("multi_az").Val.IsKnown(), "the results differ")
	assert.Equal(t, cty.False, db.Attr("publicly_accessible").Val, "both results agree")
	assert.Equal(t, cty.True, db.Attr("deletion_protection").Val, "a sensitive condition")
	assert.True(t, db.Attr("deletion_protection").IsSensitive(), "the condition's mark stays")
	assert.False(t, db.Attr("iops").Val.IsKnown(), "a number and a string are not the same value")
}

// A known condition selecting a result whose shape sameResults does not
// follow (a `for` over a library of rendered templates, a call) leaves
// the value as it is, without evaluating that result again.
func TestSameConditionalEvaluatesOnce(t *testing.T) {
	calls := 0
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"known": cty.True},
		Functions: map[string]function.Function{"render": function.New(&function.Spec{
			Type: function.StaticReturnType(cty.String),
			Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
				calls++
				return cty.UnknownVal(cty.String), nil
			},
		})},
	}
	for src, want := range map[string]int{
		`known ? render() : null`:                    1,
		`known ? [for x in ["a"] : render()] : null`: 1,
		// A result sameResults follows is evaluated again to decide
		// its parts.
		`known ? (known ? render() : null) : null`: 2,
	} {
		calls = 0
		expr, diags := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
		require.False(t, diags.HasErrors(), diags.Error())
		v, diags := expr.Value(ctx)
		require.False(t, diags.HasErrors(), diags.Error())
		got := sameResults(nil, ctx, expr, v, 0)
		assert.True(t, got.RawEquals(v), "%s: %#v", src, got)
		assert.Equal(t, want, calls, src)
	}
}
