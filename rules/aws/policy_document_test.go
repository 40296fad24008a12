package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func mustString(t *testing.T, v scanner.Value) string {
	t.Helper()
	s, ok := v.AsString()
	require.True(t, ok, "%s is not a known string: %#v", v.Name, v.Val)
	return s
}

func TestPolicyDocumentJSON(t *testing.T) {
	ix := loadIndex(t, `
data "aws_iam_policy_document" "p" {
  policy_id = "reads"
  statement {
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-2", "o-1"]
    }
    sid       = "Read"
    actions   = ["s3:ListBucket", "s3:GetObject"]
    resources = ["*"]
  }
  statement {
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["s3:PutObject"]
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}

resource "aws_iam_policy" "minified" {
  policy = data.aws_iam_policy_document.p.minified_json
}
`)
	want := `{
	  "Version": "2012-10-17",
	  "Id": "reads",
	  "Statement": [{
	    "Sid": "Read",
	    "Effect": "Allow",
	    "Action": ["s3:GetObject", "s3:ListBucket"],
	    "Resource": "*",
	    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
	    "Condition": {"StringEquals": {"aws:PrincipalOrgID": ["o-1", "o-2"]}}
	  }, {
	    "Effect": "Allow",
	    "Action": "s3:PutObject",
	    "Principal": "*"
	  }]
	}`
	assert.JSONEq(t, want, mustString(t, ix.Lookup("aws_iam_policy.p").Attr("policy")))
	assert.JSONEq(t, want, mustString(t, ix.Lookup("aws_iam_policy.minified").Attr("policy")))
}

func TestPolicyDocumentJSONFollowsMergedDocuments(t *testing.T) {
	ix := loadIndex(t, `
data "aws_iam_policy_document" "base" {
  statement {
    sid     = "A"
    actions = ["s3:GetObject"]
  }
  statement {
    sid     = "B"
    actions = ["s3:PutObject"]
  }
}

data "aws_iam_policy_document" "over" {
  policy_id = "over"
  statement {
    sid     = "C"
    effect  = "Deny"
    actions = ["s3:*"]
  }
}

locals {
  sources = compact([data.aws_iam_policy_document.base.json, ""])
}

data "aws_iam_policy_document" "top" {
  source_policy_documents = local.sources
  override_policy_documents = [
    data.aws_iam_policy_document.over.json,
    jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "A", Effect = "Deny", Action = "s3:DeleteObject", Resource = "*" }] }),
  ]
  statement {
    sid     = "B"
    actions = ["s3:ListBucket"]
  }
}

resource "aws_iam_policy" "top" {
  policy = data.aws_iam_policy_document.top.json
}
`)
	// Sources first, then the document's own statements, then the
	// overrides, each replacing earlier statements with the same sid; the
	// last Id wins.
	assert.JSONEq(t, `{
	  "Version": "2012-10-17",
	  "Id": "over",
	  "Statement": [
	    {"Sid": "A", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
	    {"Sid": "B", "Effect": "Allow", "Action": "s3:ListBucket"},
	    {"Sid": "C", "Effect": "Deny", "Action": "s3:*"}
	  ]
	}`, mustString(t, ix.Lookup("aws_iam_policy.top").Attr("policy")))
}

func TestPolicyDocumentJSONUnknownUntilApply(t *testing.T) {
	ix := loadIndex(t, `
variable "principal" {
  type = string
}

variable "extra" {
  type = string
}

data "aws_iam_policy_document" "late" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [var.principal]
    }
  }
}

data "aws_iam_policy_document" "merges_late" {
  source_policy_documents = [var.extra]
  statement {
    actions = ["s3:GetObject"]
  }
}

data "aws_iam_policy_document" "legacy" {
  source_json = var.extra
  statement {
    actions = ["s3:GetObject"]
  }
}

data "aws_iam_policy_document" "incomplete" {
  statement {
    principals {}
    condition {}
  }
}

resource "aws_iam_policy" "late" {
  policy = data.aws_iam_policy_document.late.json
}

resource "aws_iam_policy" "merges_late" {
  policy = data.aws_iam_policy_document.merges_late.json
}

resource "aws_iam_policy" "legacy" {
  policy = data.aws_iam_policy_document.legacy.json
}

resource "aws_iam_policy" "incomplete" {
  policy = data.aws_iam_policy_document.incomplete.json
}
`)
	for _, addr := range []string{"aws_iam_policy.late", "aws_iam_policy.merges_late", "aws_iam_policy.legacy", "aws_iam_policy.incomplete"} {
		v := ix.Lookup(addr).Attr("policy")
		require.True(t, v.IsUnknown(), addr)
		// readPolicy then follows the reference and reads what is known.
		p, err := readPolicy(v, ix)
		require.NoError(t, err, addr)
		require.NotEmpty(t, p.Statements, addr)
	}
	p, err := readPolicy(ix.Lookup("aws_iam_policy.merges_late").Attr("policy"), ix)
	require.NoError(t, err)
	assert.True(t, p.Unknown, "a merged document only known after apply leaves the policy partly unknown")
	p, err = readPolicy(ix.Lookup("aws_iam_policy.legacy").Attr("policy"), ix)
	require.NoError(t, err)
	assert.True(t, p.Unknown, "source_json is merged like source_policy_documents")
}
