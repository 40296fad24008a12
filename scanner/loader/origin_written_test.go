package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// The loader decides, once, whether an origin is an argument the
// configuration writes (scanner.OriginSource.Written), at the reference
// that reads it: through a local, a splat, a module output or a join in a
// template the flag stays, and a data source's attribute or a managed
// resource's attribute the configuration leaves to the provider has none.
func TestOriginWrittenByConfiguration(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "arn" {
  type = string
}

variable "cidr" {
  type = string
}

resource "aws_lambda_permission" "written" {
  count      = 1
  source_arn = var.arn
}

resource "aws_lambda_permission" "left" {
}

resource "aws_subnet" "s" {
  cidr_block = var.cidr
}

resource "aws_s3_bucket" "b" {
  bucket = var.arn
}

data "aws_vpc" "v" {
  cidr_block = var.cidr
}

locals {
  arn = aws_lambda_permission.written[0].source_arn
}

module "m" {
  source = "./m"
  arn    = var.arn
}

resource "aws_thing" "t" {
  direct      = aws_lambda_permission.written[0].source_arn
  left        = aws_lambda_permission.left.source_arn
  subnet      = aws_subnet.s.cidr_block
  bucket_arn  = aws_s3_bucket.b.arn
  bucket_name = aws_s3_bucket.b.bucket
  data_block  = data.aws_vpc.v.cidr_block
  via_local   = local.arn
  splat       = aws_lambda_permission.written[*].source_arn
  from_module = module.m.source_arn
  in_text     = ["${aws_lambda_permission.written[0].source_arn}/x"]
  joined      = ["${join("", aws_lambda_permission.written[*].source_arn)}/x"]
  bucket_text = ["${aws_s3_bucket.b.arn}/*"]
}
`)},
		"root/m/main.tf": {Data: []byte(`
variable "arn" {
  type = string
}

resource "aws_lambda_permission" "p" {
  source_arn = var.arn
}

output "source_arn" {
  value = aws_lambda_permission.p.source_arn
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "aws_thing.t")
	for name, want := range map[string]struct {
		origin  string
		written bool
	}{
		"direct":      {"aws_lambda_permission.source_arn", true},
		"left":        {"aws_lambda_permission.source_arn", false},
		"subnet":      {"aws_subnet.cidr_block", true},
		"bucket_arn":  {"aws_s3_bucket.arn", false},
		"bucket_name": {"aws_s3_bucket.bucket", true},
		"data_block":  {"data.aws_vpc.cidr_block", false},
		"via_local":   {"aws_lambda_permission.source_arn", true},
		"splat":       {"aws_lambda_permission.source_arn", true},
		"from_module": {"aws_lambda_permission.source_arn", true},
		"joined":      {"text(aws_lambda_permission.source_arn)", true},
		"bucket_text": {"text(aws_s3_bucket.arn)", false},
	} {
		origins := r.Attr(name).Origins()
		require.NotEmpty(t, origins, name)
		o := origins[0]
		assert.Equal(t, want.origin, o.String(), name)
		assert.Equal(t, want.written, o.ReadsWritten(), name)
		for _, src := range o.Sources {
			assert.Equal(t, want.written, src.Written, name)
		}
	}
	// Text built directly around a written argument names no origin: the
	// argument's value is the configuration's, whatever text surrounds it.
	assert.Nil(t, r.Attr("in_text").Origins())
}

// A document's part that is a written argument, also through a local, has
// no leaf origin; text built around one by join keeps the Written flag, so
// that the rules do not take either for an identifier AWS assigns.
func TestLeafOriginWrittenByConfiguration(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "arn" {
  type = string
}

resource "aws_lambda_permission" "p" {
  count      = 1
  source_arn = var.arn
}

resource "aws_s3_bucket" "b" {
}

locals {
  arn = aws_lambda_permission.p[0].source_arn
}

resource "aws_iam_policy" "doc" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = [
        aws_lambda_permission.p[0].source_arn,
        local.arn,
        "${join("", aws_lambda_permission.p[*].source_arn)}/*",
        aws_s3_bucket.b.arn,
      ]
    }]
  })
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	doc := mustResource(t, res, "aws_iam_policy.doc").Attr("policy")
	resource := func(i int) scanner.Origin {
		return doc.LeafOrigin(cty.GetAttrPath("Statement").IndexInt(0).GetAttr("Resource").IndexInt(i))
	}
	assert.True(t, resource(0).IsZero(), "the written argument itself")
	assert.True(t, resource(1).IsZero(), "the written argument, through a local")
	assert.Equal(t, "text(aws_lambda_permission.source_arn)", resource(2).String())
	assert.True(t, resource(2).ReadsWritten(), "joined into text")
	assert.Equal(t, "aws_s3_bucket.arn", resource(3).String())
	assert.False(t, resource(3).ReadsWritten())
}
