package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestLeafOrigins checks that each unknown part of a partly known
// document records the reference it is read from, in every form a policy
// is written in, and that a part read from a variable, or from an argument
// a resource writes from one, records none.
func TestLeafOrigins(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "extra" {
  type = string
}

resource "aws_s3_bucket" "b" {
  bucket = "acme"
}

resource "aws_s3_bucket" "named" {
  bucket = var.extra
}

locals {
  arns = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]
}

resource "aws_iam_policy" "encoded" {
  policy = jsonencode({
    Statement = [
      { Resource = aws_s3_bucket.b.arn },
      { Resource = [aws_s3_bucket.b.arn, var.extra, "${aws_s3_bucket.b.arn}/*"] },
      { Resource = "arn:aws:s3:::${aws_s3_bucket.named.bucket}/*" },
      { Resource = local.arns },
      { Resource = var.extra == "" ? aws_s3_bucket.b.arn : aws_s3_bucket.b.arn },
    ]
  })
}

resource "aws_iam_policy" "heredoc" {
  policy = <<EOF
{"Statement": [{"Resource": ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*", "${var.extra}", "${aws_s3_bucket.named.bucket}"]}]}
EOF
}

resource "aws_iam_policy" "file" {
  policy = templatefile("${path.module}/policy.json.tpl", { arn = aws_s3_bucket.b.arn, other = var.extra })
}
`)},
		"root/policy.json.tpl": {Data: []byte(`{"Statement": [{"Resource": ["${arn}/*", "${other}"]}]}` + "\n")},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	at := func(steps ...any) cty.Path {
		p := cty.GetAttrPath("Statement")
		for _, s := range steps {
			switch s := s.(type) {
			case int:
				p = p.Index(cty.NumberIntVal(int64(s)))
			case string:
				p = p.GetAttr(s)
			}
		}
		return p
	}
	encoded := mustResource(t, res, "aws_iam_policy.encoded").Attr("policy")
	require.NotNil(t, encoded.LeafOrigins())
	for path, want := range map[string]struct {
		path cty.Path
		want string
	}{
		"arn":            {at(0, "Resource"), "aws_s3_bucket.arn"},
		"list arn":       {at(1, "Resource", 0), "aws_s3_bucket.arn"},
		"list variable":  {at(1, "Resource", 1), ""},
		"list objects":   {at(1, "Resource", 2), "text(aws_s3_bucket.arn)"},
		"written by var": {at(2, "Resource"), ""},
		"local list":     {at(3, "Resource", 1), "text(aws_s3_bucket.arn)"},
		"chosen":         {at(4, "Resource"), "aws_s3_bucket.arn"},
	} {
		assert.Equal(t, want.want, encoded.LeafOrigin(want.path).String(), path)
	}

	for _, l := range encoded.LeafOrigins() {
		if l.Path.Equals(at(4, "Resource")) {
			assert.Equal(t, scanner.UnknownMark, l.Skeleton, "one of the attributes, whichever is chosen")
		}
	}

	heredoc := mustResource(t, res, "aws_iam_policy.heredoc").Attr("policy")
	// The template writes what is known of the ARN's start before it, so
	// the string is text around the attribute.
	assert.Equal(t, "text(aws_s3_bucket.arn)", heredoc.LeafOrigin(at(0, "Resource", 0)).String())
	assert.Equal(t, "text(aws_s3_bucket.arn)", heredoc.LeafOrigin(at(0, "Resource", 1)).String())
	assert.Empty(t, heredoc.LeafOrigin(at(0, "Resource", 2)).String(), "a variable")
	for _, l := range heredoc.LeafOrigins() {
		if l.Path.Equals(at(0, "Resource", 1)) {
			assert.Equal(t, scanner.UnknownMark+"/*", l.Skeleton, "the text around the ARN, not what the ARN starts with")
		}
	}
	assert.Empty(t, heredoc.LeafOrigin(at(0, "Resource", 3)).String(), "a bucket name written from a variable")

	file := mustResource(t, res, "aws_iam_policy.file").Attr("policy")
	assert.Equal(t, "text(aws_s3_bucket.arn)", file.LeafOrigin(at(0, "Resource", 0)).String())
	assert.Empty(t, file.LeafOrigin(at(0, "Resource", 1)).String(), "a variable")
}
