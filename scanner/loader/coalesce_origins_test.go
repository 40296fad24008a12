package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// TestCoalesceOrigins checks that coalesce's empty fallback, which it
// skips, adds no origin, while a variable fallback, which may be "*",
// leaves the part with none; try's empty fallback is its result when the
// first argument fails, so it still counts.
func TestCoalesceOrigins(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "y" {
  type = string
}

module "x" {
  source = "./m"
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{ Resource = [coalesce(module.x.arn, ""), coalesce(module.x.arn, var.y), try(module.x.arn, "")] }]
  })
}
`)},
		"root/m/main.tf": {Data: []byte(`
resource "aws_s3_bucket" "b" {
  bucket = "acme"
}

output "arn" {
  value = aws_s3_bucket.b.arn
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	at := func(i int) cty.Path { return cty.GetAttrPath("Statement").IndexInt(0).GetAttr("Resource").IndexInt(i) }
	policy := mustResource(t, res, "aws_iam_policy.p").Attr("policy")
	assert.Equal(t, "aws_s3_bucket.arn", policy.LeafOrigin(at(0)).String())
	assert.Empty(t, policy.LeafOrigin(at(1)), "a variable, which may be \"*\"")
	assert.Empty(t, policy.LeafOrigin(at(2)), "try's fallback is known text beside the attribute")
}
