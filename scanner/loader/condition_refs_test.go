package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A conditional's condition chooses the value but is not part of it: the
// resources only the condition refers to are not among those the value
// refers to, whether or not the condition is known. Rules find a bucket's
// versioning or encryption through these references, so a condition that
// reads one bucket must not attach the configuration to it.
func TestRefsLeaveOutWhatOnlyAConditionReads(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "existing" {
  type = string
}

resource "aws_s3_bucket" "a" {
  count  = 1
  bucket = "a"
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}

locals {
  picked = one(aws_s3_bucket.a[*].id) == "" ? aws_s3_bucket.b.id : var.existing
}

resource "aws_thing" "t" {
  unknown_test = one(aws_s3_bucket.a[*].id) == "" ? "" : aws_s3_bucket.b.id
  both_arms    = var.existing == "" ? aws_s3_bucket.a[0].id : aws_s3_bucket.b.id
  via_local    = local.picked
  nested       = [for k in ["x"] : aws_s3_bucket.a[0].arn == k ? k : aws_s3_bucket.b.arn]
  plain        = aws_s3_bucket.a[0].id
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "aws_thing.t")
	for name, want := range map[string][]string{
		"unknown_test": {"aws_s3_bucket.b"},
		"both_arms":    {"aws_s3_bucket.a[0]", "aws_s3_bucket.b"},
		"via_local":    {"aws_s3_bucket.b"},
		"nested":       {"aws_s3_bucket.b"},
		"plain":        {"aws_s3_bucket.a[0]"},
	} {
		assert.ElementsMatch(t, want, r.Attr(name).Refs, name)
	}
}
