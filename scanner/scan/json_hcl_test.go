package scan

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// blankFallbackHCL writes arguments that a fallback decided after apply
// may leave null; blankFallbackJSON is the same configuration as a
// .tf.json file.
const blankFallbackHCL = `
variable "restore" {
  type = bool
}

variable "env" {
  type = string
}

resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

resource "aws_wafv2_web_acl" "edge" {
  name  = "edge"
  scope = "CLOUDFRONT"
}

locals {
  web_acls = { prod = aws_wafv2_web_acl.edge.arn }
}

resource "aws_cloudfront_distribution" "by_env" {
  enabled    = true
  web_acl_id = lookup(local.web_acls, var.env, null)
}

resource "aws_cloudfront_distribution" "named" {
  enabled    = true
  web_acl_id = aws_wafv2_web_acl.edge.arn
}

resource "aws_ebs_volume" "source" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.k.arn
}

resource "aws_ebs_snapshot" "s" {
  volume_id = aws_ebs_volume.source.id
}

resource "aws_ebs_volume" "maybe_restored" {
  availability_zone = "eu-west-1a"
  snapshot_id       = var.restore ? aws_ebs_snapshot.s.id : null
}

resource "aws_s3_bucket" "b" {
  bucket = "acme-b"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = one([for k in [aws_kms_key.k] : k.arn if var.restore])
    }
  }
}
`

const blankFallbackJSON = `{
  "variable": {"restore": {"type": "bool"}, "env": {"type": "string"}},
  "locals": {"web_acls": {"prod": "${aws_wafv2_web_acl.edge.arn}"}},
  "resource": {
    "aws_kms_key": {"k": {"enable_key_rotation": true}},
    "aws_wafv2_web_acl": {"edge": {"name": "edge", "scope": "CLOUDFRONT"}},
    "aws_cloudfront_distribution": {
      "by_env": {"enabled": true, "web_acl_id": "${lookup(local.web_acls, var.env, null)}"},
      "named": {"enabled": true, "web_acl_id": "${aws_wafv2_web_acl.edge.arn}"}
    },
    "aws_ebs_volume": {
      "source": {"availability_zone": "eu-west-1a", "size": 10, "encrypted": true, "kms_key_id": "${aws_kms_key.k.arn}"},
      "maybe_restored": {"availability_zone": "eu-west-1a", "snapshot_id": "${var.restore ? aws_ebs_snapshot.s.id : null}"}
    },
    "aws_ebs_snapshot": {"s": {"volume_id": "${aws_ebs_volume.source.id}"}},
    "aws_s3_bucket": {"b": {"bucket": "acme-b"}},
    "aws_s3_bucket_server_side_encryption_configuration": {
      "b": {
        "bucket": "${aws_s3_bucket.b.id}",
        "rule": [{"apply_server_side_encryption_by_default": [{
          "sse_algorithm": "aws:kms",
          "kms_master_key_id": "${one([for k in [aws_kms_key.k] : k.arn if var.restore])}"
        }]}]
      }
    }
  }
}`

// TestJSONAgreesWithHCLOnBlankFallbacks scans the same configuration
// written as HCL and as .tf.json: every rule decides every resource alike,
// and the arguments a fallback decided after apply may leave null are
// unknown in both, where a plain reference passes.
func TestJSONAgreesWithHCLOnBlankFallbacks(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"hcl/main.tf": blankFallbackHCL, "json/main.tf.json": blankFallbackJSON} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	}
	hcl := scanStatuses(t, filepath.Join(dir, "hcl"))
	json := scanStatuses(t, filepath.Join(dir, "json"))
	assert.Equal(t, hcl, json)
	for key, want := range map[string]scanner.Status{
		"aws-cloudfront-distribution-waf aws_cloudfront_distribution.by_env": scanner.Unknown,
		"aws-cloudfront-distribution-waf aws_cloudfront_distribution.named":  scanner.Pass,
		"aws-ebs-volume-encrypted aws_ebs_volume.maybe_restored":             scanner.Unknown,
		"aws-s3-bucket-customer-managed-key aws_s3_bucket.b":                 scanner.Unknown,
		"aws-ebs-volume-encrypted aws_ebs_volume.source":                     scanner.Pass,
	} {
		assert.Equal(t, want, hcl[key], key)
		assert.Equal(t, want, json[key], key)
	}
}
