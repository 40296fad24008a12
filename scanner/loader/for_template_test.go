package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestForTemplateOrigins checks that a list a for expression builds as
// text around an attribute of each instance of a resource records that
// attribute and the text around it, and that one around an argument the
// configuration writes from a variable records nothing.
func TestForTemplateOrigins(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "names" {
  type = set(string)
}

resource "aws_s3_bucket" "x" {
  for_each = toset(["a", "b"])
  bucket   = each.key
}

resource "aws_s3_bucket" "named" {
  for_each = var.names
  bucket   = each.value
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [
      { Resource = [for b in aws_s3_bucket.x : "${b.arn}/*"] },
      { Resource = [for b in aws_s3_bucket.x : format("%s/*", b.arn)] },
      { Resource = [for b in aws_s3_bucket.named : "arn:aws:s3:::${b.bucket}/*"] },
    ]
  })
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:PutObject"]
    resources = [for b in aws_s3_bucket.x : "${b.arn}/*"]
  }
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	at := func(st, i int) cty.Path {
		return cty.GetAttrPath("Statement").IndexInt(st).GetAttr("Resource").IndexInt(i)
	}
	policy := mustResource(t, res, "aws_iam_policy.p").Attr("policy")
	skeleton := func(p cty.Path) string {
		for _, l := range policy.LeafOrigins() {
			if l.Path.Equals(p) {
				return l.Skeleton
			}
		}
		return ""
	}
	for st := range 2 {
		for i := range 2 {
			assert.Equal(t, "text(aws_s3_bucket.arn)", policy.LeafOrigin(at(st, i)).String(), "statement %d element %d", st, i)
			assert.Equal(t, scanner.UnknownMark+"/*", skeleton(at(st, i)))
		}
	}
	assert.Empty(t, policy.LeafOrigin(at(2, 0)), "a bucket name written from a variable")

	doc := mustResource(t, res, "data.aws_iam_policy_document.d")
	res0 := doc.Block.Blocks("statement")[0].Attr("resources")
	assert.Equal(t, []string{"text(aws_s3_bucket.arn)", "text(aws_s3_bucket.arn)"}, res0.Origins().Strings())
}
