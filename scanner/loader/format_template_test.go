package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestFormatAsTemplate checks that format of a plain format string keeps
// what the template it builds keeps: the origin and skeleton of each part
// of a policy document, the skeleton of a list element, and the known
// start of a format string only partly known; a part read from a variable
// records no origin.
func TestFormatAsTemplate(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "x" {
  type = string
}

data "aws_partition" "p" {}
data "aws_caller_identity" "c" {}

resource "aws_s3_bucket" "b" {
  bucket = "acme"
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [
      { Resource = format("%s/*", aws_s3_bucket.b.arn) },
      { Resource = format("%s", var.x) },
      { Resource = format("arn:aws:s3:::%s/*", var.x) },
      { Resource = format("%05d-%s", 1, aws_s3_bucket.b.arn) },
    ]
  })
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [format("arn:${data.aws_partition.p.partition}:iam::%s:root", data.aws_caller_identity.c.account_id)]
    }
  }
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	at := func(i int) cty.Path { return cty.GetAttrPath("Statement").IndexInt(i).GetAttr("Resource") }
	policy := mustResource(t, res, "aws_iam_policy.p").Attr("policy")
	skeleton := func(p cty.Path) string {
		for _, l := range policy.LeafOrigins() {
			if l.Path.Equals(p) {
				return l.Skeleton
			}
		}
		return ""
	}
	assert.Equal(t, "text(aws_s3_bucket.arn)", policy.LeafOrigin(at(0)).String())
	assert.Equal(t, scanner.UnknownMark+"/*", skeleton(at(0)))
	assert.Empty(t, policy.LeafOrigin(at(1)), "a variable, which may be \"*\"")
	assert.Empty(t, policy.LeafOrigin(at(2)), "a variable, with known text around it")
	assert.Empty(t, policy.LeafOrigin(at(3)), "a verb with a width writes text the template does not show")

	doc := mustResource(t, res, "data.aws_iam_policy_document.d")
	ids := doc.Block.Blocks("statement")[0].Blocks("principals")[0].Attr("identifiers")
	assert.Equal(t, []string{"text(data.aws_caller_identity.account_id|data.aws_partition.partition)"}, ids.Origins().Strings())
	assert.Equal(t, []string{"arn:" + scanner.UnknownMark + ":iam::" + scanner.UnknownMark + ":root"}, ids.ElementSkeletons())
	el := ids.Val.Index(cty.NumberIntVal(0))
	assert.Equal(t, "arn:", scanner.StringPrefix(el), "the text before the first verb of a format string only partly known")
}
