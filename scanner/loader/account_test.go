package loader

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProviderAccountHCL checks the account a provider configuration
// selects: the last assume_role's role_arn (roles can be chained), one
// allowed account, unknown for a profile, absent for nothing.
func TestProviderAccountHCL(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias = "chain"
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/hop"
  }
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/target"
  }
}

provider "aws" {
  alias               = "pinned"
  allowed_account_ids = ["777788889999"]
  profile             = "ops"
}

provider "aws" {
  alias   = "profile"
  profile = "ops"
}

resource "aws_sqs_queue" "ambient" {}
resource "aws_sqs_queue" "chain" { provider = aws.chain }
resource "aws_sqs_queue" "pinned" { provider = aws.pinned }
resource "aws_sqs_queue" "profile" { provider = aws.profile }
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	assert.False(t, mustResource(t, res, "aws_sqs_queue.ambient").Account().Present)
	assert.Equal(t, "444455556666", str(t, mustResource(t, res, "aws_sqs_queue.chain").Account()), "the last role of a chain")
	assert.Equal(t, "777788889999", str(t, mustResource(t, res, "aws_sqs_queue.pinned").Account()), "allowed_account_ids wins over the profile")
	assert.True(t, mustResource(t, res, "aws_sqs_queue.profile").Account().IsUnknown())
}

// TestProviderAccountSensitive checks that a provider configuration whose
// role_arn or allowed_account_ids is sensitive is kept (its region too),
// its account unknown: reading the account from the marked value made
// the configuration an internal error, and its resources lost its region.
func TestProviderAccountSensitive(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "role" {
  type      = string
  sensitive = true
  default   = "arn:aws:iam::111122223333:role/deploy"
}

variable "ids" {
  type      = list(string)
  sensitive = true
  default   = ["444455556666"]
}

provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = var.role
  }
}

provider "aws" {
  alias               = "pinned"
  region              = "eu-west-2"
  allowed_account_ids = var.ids
}

resource "aws_sqs_queue" "role" {}
resource "aws_sqs_queue" "pinned" { provider = aws.pinned }
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	for addr, region := range map[string]string{"aws_sqs_queue.role": "eu-west-1", "aws_sqs_queue.pinned": "eu-west-2"} {
		r := mustResource(t, res, addr)
		assert.Equal(t, region, str(t, r.Region()), addr)
		assert.True(t, r.Account().Present, addr)
		assert.True(t, r.Account().IsUnknown(), addr)
	}
}

// TestProviderAccountPlan checks the account read from a plan's provider
// configuration, whose nested blocks (assume_role, default_tags) the plan
// writes as arrays: such a plan must load at all.
func TestProviderAccountPlan(t *testing.T) {
	plan := `{
  "format_version": "1.2",
  "configuration": {
    "provider_config": {
      "aws": {"name": "aws", "expressions": {
        "region": {"constant_value": "us-east-1"},
        "default_tags": [{"tags": {"constant_value": {"team": "ops"}}}],
        "assume_role": [{"role_arn": {"constant_value": "arn:aws:iam::444455556666:role/terraform"}}]}},
      "aws.other": {"name": "aws", "alias": "other", "expressions": {"profile": {"constant_value": "ops"}}}
    },
    "root_module": {"resources": [
      {"address": "aws_sqs_queue.a", "provider_config_key": "aws", "expressions": {}},
      {"address": "aws_sqs_queue.b", "provider_config_key": "aws.other", "expressions": {}}
    ]}
  },
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_sqs_queue.a", "mode": "managed", "type": "aws_sqs_queue", "name": "a", "values": {}},
    {"address": "aws_sqs_queue.b", "mode": "managed", "type": "aws_sqs_queue", "name": "b", "values": {}}
  ]}}
}`
	p := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(p, []byte(plan), 0o600))
	res, err := Load(t.Context(), Options{Paths: []string{p}})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	assert.Equal(t, "444455556666", str(t, mustResource(t, res, "aws_sqs_queue.a").Account()))
	assert.True(t, mustResource(t, res, "aws_sqs_queue.b").Account().IsUnknown())
}

// TestProviderAccountLegacyCredentialsFile checks that the AWS provider's
// shared_credentials_file (3.x, deprecated in 4.x) selects credentials as
// shared_credentials_files does: its account is unknown, not the ambient
// one.
func TestProviderAccountLegacyCredentialsFile(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
provider "aws" {
  shared_credentials_file = "/secrets/ops"
}

resource "aws_sqs_queue" "q" {}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	acc := mustResource(t, res, "aws_sqs_queue.q").Account()
	assert.True(t, acc.Present)
	assert.True(t, acc.IsUnknown())
}
