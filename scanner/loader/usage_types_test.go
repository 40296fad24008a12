package loader

import (
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The types whose instances an expression may read are those a reference
// starts with; a JSON file's references are not walked, so with one every
// type may be read.
func TestUsageReadsType(t *testing.T) {
	f, diags := hclsyntax.ParseConfig([]byte(`
resource "aws_s3_bucket" "a" {}
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.a.id
  region = data.aws_region.r.name
  tags   = { for k, v in var.m : k => local.x }
}
`), "main.tf", hcl.InitialPos)
	require.False(t, diags.HasErrors())
	u := collectUsage(f.Body)
	assert.True(t, u.readsType("aws_s3_bucket"))
	assert.True(t, u.readsType("data.aws_region"))
	assert.False(t, u.readsType("aws_s3_bucket_versioning"), "declared, named by no expression")
	assert.False(t, u.readsType("var"))

	jf, diags := hcljson.Parse([]byte(`{"resource": {"aws_s3_bucket": {"b": {}}}}`), "main.tf.json")
	require.False(t, diags.HasErrors())
	u.merge(collectUsage(jf.Body))
	assert.True(t, u.readsType("aws_s3_bucket_versioning"), "a JSON file may name any type")
}

// A resource is read by what names it whole (a local, values(), a
// splat) and from JSON files as by an attribute reference: the objects
// left unbuilt for types no expression names must not change what those
// see.
func TestResourceObjectsOfNamedTypesOnly(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
resource "aws_s3_bucket" "a" {
  bucket = "a-bucket"
}

resource "aws_s3_bucket" "many" {
  for_each = toset(["x", "y"])
  bucket   = "many-${each.key}"
}

resource "aws_kms_key" "k" {
  description = "named by none"
}

locals {
  whole = aws_s3_bucket.a
}

resource "aws_s3_bucket_versioning" "v" {
  bucket = local.whole.bucket
}

resource "aws_s3_bucket_logging" "l" {
  bucket        = values(aws_s3_bucket.many)[0].bucket
  target_bucket = aws_s3_bucket.a.bucket
}
`)},
		"root/extra.tf.json": {Data: []byte(`{"resource": {"aws_s3_bucket_policy": {"p": {"bucket": "${aws_s3_bucket_versioning.v.bucket}"}}}}`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	assert.Equal(t, "a-bucket", str(t, mustResource(t, res, "aws_s3_bucket_versioning.v").Attr("bucket")))
	assert.Equal(t, "many-x", str(t, mustResource(t, res, "aws_s3_bucket_logging.l").Attr("bucket")))
	assert.Equal(t, "a-bucket", str(t, mustResource(t, res, "aws_s3_bucket_logging.l").Attr("target_bucket")))
	assert.Equal(t, "a-bucket", str(t, mustResource(t, res, "aws_s3_bucket_policy.p").Attr("bucket")),
		"a JSON file's reference reads a type no native expression names")
	mustResource(t, res, "aws_kms_key.k")
}

// A type named only inside a dynamic block's for_each, a splat, a module's
// output of a whole resource or a check block is read as one named by an
// attribute reference: its objects are built (readsType), so what reads
// them is known.
func TestResourceObjectsOfTypesReachedIndirectly(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
resource "aws_kms_key" "k" {
  for_each    = toset(["a", "b"])
  description = "key-${each.key}"
}

resource "aws_kms_key" "c" {
  count       = 2
  description = "c${count.index}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  bucket = "b"
  dynamic "rule" {
    for_each = [for k in values(aws_kms_key.k) : k.description]
    content {
      bucket_key_enabled = rule.value == "key-a"
    }
  }
}

resource "aws_cloudwatch_log_group" "g" {
  name = join(",", aws_kms_key.c[*].description)
}

resource "aws_sqs_queue" "q" {
  name = module.m.key.description
}

module "m" {
  source = "./mod"
}

check "retention" {
  assert {
    condition     = aws_sns_topic.t.name != ""
    error_message = "named"
  }
}

resource "aws_sns_topic" "t" {
  name = "t"
}
`)},
		"root/mod/main.tf": {Data: []byte(`
resource "aws_kms_key" "inner" {
  description = "inner"
}

output "key" {
  value = aws_kms_key.inner
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	assert.Len(t, mustResource(t, res, "aws_s3_bucket_server_side_encryption_configuration.e").Blocks("rule"), 2,
		"the dynamic block's for_each over the keys is known")
	assert.Equal(t, "c0,c1", str(t, mustResource(t, res, "aws_cloudwatch_log_group.g").Attr("name")))
	assert.Equal(t, "inner", str(t, mustResource(t, res, "aws_sqs_queue.q").Attr("name")))

	f, diags := hclsyntax.ParseConfig(fsys["root/main.tf"].Data, "main.tf", hcl.InitialPos)
	require.False(t, diags.HasErrors())
	assert.True(t, collectUsage(f.Body).readsType("aws_sns_topic"), "a check block's assertion names it")
}
