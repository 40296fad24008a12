package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// An argument that picks one of several known values by a value known
// after apply lists them all as candidates, through every shape of choice
// and through locals; one that may take an unknown value, or too many,
// lists none.
func TestCandidates(t *testing.T) {
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
  keys     = { prod = "alias/aws/sqs", dev = "" }
  settings = { prod = { size = 1 }, dev = { size = 2 } }
  picked   = var.strict ? "a" : "b"
  many     = { for i in range(20) : "k${i}" => i }
}

resource "aws_kms_key" "k" {}

resource "aws_sqs_queue" "q" {
  cond       = var.strict ? "x" : ("y")
  nested     = var.strict ? (var.env == "a" ? 1 : 2) : 3
  known_cond = true ? (var.strict ? "k" : "l") : "z"
  index      = local.keys[var.env]
  attr       = local.settings[var.env].size
  lookup     = lookup(local.keys, var.env, null)
  nodefault  = lookup(local.keys, var.env)
  try        = try(local.keys[var.env], "none")
  local      = local.picked
  converted  = var.strict ? true : "true"

  unknown_branch = var.strict ? "x" : aws_kms_key.k.arn
  unknown_map    = lookup({ a = aws_kms_key.k.arn }, var.env, "x")
  too_many       = local.many[var.env]
  sensitive      = var.secret ? "a" : "b"
  known          = "plain"
  plain_unknown  = aws_kms_key.k.arn

  nested_block {
    inner = var.strict ? 10 : 20
  }
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	q := mustResource(t, res, "aws_sqs_queue.q")

	for name, want := range map[string][]cty.Value{
		"cond":       {cty.StringVal("x"), cty.StringVal("y")},
		"nested":     {cty.NumberIntVal(1), cty.NumberIntVal(2), cty.NumberIntVal(3)},
		"known_cond": {cty.StringVal("k"), cty.StringVal("l")},
		"index":      {cty.StringVal(""), cty.StringVal("alias/aws/sqs")},
		"attr":       {cty.NumberIntVal(2), cty.NumberIntVal(1)},
		// lookup's result has no type before its key is known.
		"lookup":    {cty.StringVal(""), cty.StringVal("alias/aws/sqs"), cty.NullVal(cty.DynamicPseudoType)},
		"nodefault": {cty.StringVal(""), cty.StringVal("alias/aws/sqs")},
		"try":       {cty.StringVal(""), cty.StringVal("alias/aws/sqs"), cty.StringVal("none")},
		"local":     {cty.StringVal("a"), cty.StringVal("b")},
		// true and "true" convert to the same string.
		"converted": {cty.StringVal("true")},
	} {
		assertCandidates(t, q.Attr(name).Candidates(), want, name)
	}
	for _, name := range []string{"unknown_branch", "unknown_map", "too_many", "sensitive", "known", "plain_unknown"} {
		assert.Nil(t, q.Attr(name).Candidates(), name)
	}
	inner := q.Get("nested_block", "inner")
	require.True(t, inner.IsUnknown())
	assertCandidates(t, inner.Candidates(), []cty.Value{cty.NumberIntVal(10), cty.NumberIntVal(20)}, "nested_block.inner")
}

func assertCandidates(t *testing.T, got, want []cty.Value, name string) {
	t.Helper()
	require.Len(t, got, len(want), name)
	for i, c := range got {
		assert.True(t, c.RawEquals(want[i]), "%s candidate %d: %#v, want %#v", name, i, c, want[i])
	}
}
