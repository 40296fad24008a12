package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// A JSON template whose unknown interpolations all sit inside string
// values keeps its structure, each such string unknown with the text before
// its first unknown part as known prefix; an unknown part outside a string
// or in a key leaves the whole value an unknown string.
func TestJSONTemplateWithUnknownPartsInStrings(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "bucket" {
  type = string
}

variable "actions" {
  type = list(string)
}

locals {
  known = "s3:GetObject"
}

resource "aws_iam_policy" "heredoc" {
  policy = <<-EOF
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": ["${local.known}", "s3:*"],
        "Resource": "arn:aws:s3:::${var.bucket}/*",
        "Sid": "${var.bucket}"
      }]
    }
  EOF
}

resource "aws_iam_policy" "quoted" {
  policy = "[{\"Resource\": \"arn:aws:s3:::${var.bucket}\"}]"
}

resource "aws_iam_policy" "outside" {
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": ${jsonencode(var.actions)}, "Resource": "*"}]}
EOF
}

resource "aws_iam_policy" "key" {
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Condition": {"StringEquals": {"${var.bucket}": "x"}}}]}
EOF
}

resource "aws_instance" "text" {
  user_data = "#!/bin/sh\necho ${var.bucket}"
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	doc := mustResource(t, res, "aws_iam_policy.heredoc").Attr("policy").Val
	require.True(t, doc.Type().IsObjectType(), "%#v", doc)
	st := doc.GetAttr("Statement").Index(cty.NumberIntVal(0))
	assert.Equal(t, "Allow", st.GetAttr("Effect").AsString())
	assert.True(t, st.GetAttr("Action").RawEquals(cty.TupleVal([]cty.Value{cty.StringVal("s3:GetObject"), cty.StringVal("s3:*")})))
	res0 := st.GetAttr("Resource")
	assert.False(t, res0.IsKnown())
	assert.Equal(t, "arn:aws:s3:::", scanner.StringPrefix(res0))
	assert.Equal(t, scanner.No, scanner.StringCanBe(res0, "*"))
	assert.False(t, st.GetAttr("Sid").IsKnown())
	assert.Equal(t, "", scanner.StringPrefix(st.GetAttr("Sid")))

	q := mustResource(t, res, "aws_iam_policy.quoted").Attr("policy").Val
	require.True(t, q.Type().IsTupleType(), "%#v", q)
	assert.Equal(t, "arn:aws:s3:::", scanner.StringPrefix(q.Index(cty.NumberIntVal(0)).GetAttr("Resource")))

	for _, addr := range []string{"aws_iam_policy.outside", "aws_iam_policy.key"} {
		v := mustResource(t, res, addr).Attr("policy").Val
		assert.False(t, v.IsKnown(), addr)
		assert.Equal(t, cty.String, v.Type(), addr)
	}
	assert.Equal(t, cty.String, mustResource(t, res, "aws_instance.text").Attr("user_data").Val.Type())
}

// A JSON template whose interpolation Terraform rejects (an undeclared data
// source) is an error, and its literal parts still give the document's
// structure: the principal is known to be an account ARN.
func TestJSONTemplateWithARejectedReference(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
resource "aws_ecr_repository_policy" "p" {
  repository = "app"
  policy     = <<EOF
{"Statement": [{"Effect": "Allow", "Principal": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root", "Action": "ecr:BatchGetImage"}]}
EOF
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.NotEmpty(t, errorsOf(res), "the undeclared data source is reported")

	doc := mustResource(t, res, "aws_ecr_repository_policy.p").Attr("policy").Val
	require.True(t, doc.Type().IsObjectType(), "%#v", doc)
	st := doc.GetAttr("Statement").Index(cty.NumberIntVal(0))
	assert.Equal(t, "Allow", st.GetAttr("Effect").AsString())
	principal := st.GetAttr("Principal")
	assert.False(t, principal.IsKnown())
	assert.Equal(t, "arn:aws:iam::", scanner.StringPrefix(principal))
}

// A template file rendered with variables only known after apply is read
// like an inline JSON template: its structure and known strings come from
// the file, each unknown variable keeps the text before it. A file that
// is not a JSON template, or variables not known as a whole, leave the
// value an unknown string.
func TestJSONTemplateFileWithUnknownVariables(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "bucket" {
  type = string
}

variable "vars" {
  type = map(string)
}

resource "aws_iam_policy" "file" {
  policy = templatefile("${path.module}/policy.json.tpl", { bucket = var.bucket })
}

resource "aws_iam_policy" "all_vars_unknown" {
  policy = templatefile("${path.module}/policy.json.tpl", var.vars)
}

resource "aws_instance" "script" {
  user_data = templatefile("${path.module}/boot.sh.tpl", { bucket = var.bucket })
}
`)},
		"root/policy.json.tpl": {Data: []byte(`{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${bucket}/*"}]}` + "\n")},
		"root/boot.sh.tpl":     {Data: []byte("#!/bin/sh\naws s3 cp s3://${bucket}/x .\n")},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	doc := mustResource(t, res, "aws_iam_policy.file").Attr("policy").Val
	require.True(t, doc.Type().IsObjectType(), "%#v", doc)
	st := doc.GetAttr("Statement").Index(cty.NumberIntVal(0))
	assert.Equal(t, "s3:*", st.GetAttr("Action").AsString())
	assert.Equal(t, "arn:aws:s3:::", scanner.StringPrefix(st.GetAttr("Resource")))

	assert.False(t, mustResource(t, res, "aws_iam_policy.all_vars_unknown").Attr("policy").Val.IsKnown())
	script := mustResource(t, res, "aws_instance.script").Attr("user_data").Val
	assert.False(t, script.IsKnown())
	assert.Equal(t, cty.String, script.Type())
}
