package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// cpKMSStack calls cloudposse/kms-key/aws as Cloud Posse's components do
// (a pinned 0.12.x and the caller's context), without `terraform init`.
const cpKMSStack = `module "weak" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.1"

  description         = "no rotation"
  enable_key_rotation = false
}

module "good" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.2"

  description = "rotated"
  policy      = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }] })
}

module "off" {
  source  = "cloudposse/kms-key/aws"
  version = "0.12.1"

  enable_key_rotation = false
  context             = { enabled = false }
}

module "old" {
  source  = "cloudposse/kms-key/aws"
  version = "0.10.0"
}
`

func TestScanJudgesACloudPosseKMSKeyCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, cpKMSStack)
	// A call the context switches off creates nothing; a call of another
	// 0.x series is not judged.
	results := bundledFindings(t, main, rep, "module.off", "module.old")
	const rotation, policy = "aws-kms-key-rotation-enabled", "aws-kms-key-policy-no-wildcard-principal"
	assert.Equal(t, lineAt{"fail", 6}, results["module.weak.aws_kms_key.default[0]"][rotation].lineAt(), "at the caller's input")
	assert.Equal(t, "pass", results["module.good.aws_kms_key.default[0]"][rotation].status, "the module rotates by default")
	// A policy the module may generate is not modelled: unknown, not passed.
	assert.Equal(t, "unknown", results["module.weak.aws_kms_key.default[0]"][policy].status)
	assert.Equal(t, "pass", results["module.good.aws_kms_key.default[0]"][policy].status)
	assert.Contains(t, stdout, `Module \"old\" not scanned`)
	assert.NotContains(t, stdout, bundledMarker)
}
