package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A provider configuration that sets credentials becomes a pseudo-resource
// of mode "provider" holding them; one without credentials does not.
func TestProviderCredentialsArePseudoResources(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "secret" {
  default = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

locals {
  key = "AKIAIOSFODNN7EXAMPLE"
}

provider "aws" {
  region     = "eu-west-1"
  access_key = local.key
  secret_key = var.secret
}

provider "aws" {
  alias   = "ci"
  profile = "ci"
}

module "m" {
  source = "./m"
}
`)}, "root/m/main.tf": {Data: []byte(`
variable "token" {
  type = string
}

provider "aws" {
  token = var.token
}

resource "aws_s3_bucket" "b" {}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)

	p := mustResource(t, res, "provider.aws")
	assert.Equal(t, "provider", p.Mode)
	assert.Equal(t, "provider.aws", p.Type)
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE", str(t, p.Attr("access_key")))
	assert.Equal(t, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", str(t, p.Attr("secret_key")))
	assert.Equal(t, 12, p.Attr("access_key").Range.StartLine)
	assert.False(t, p.Attr("region").IsSet(), "only the credentials are kept")

	m := mustResource(t, res, "module.m.provider.aws")
	assert.True(t, m.Attr("token").IsUnknown())

	for _, r := range res.Resources {
		assert.NotEqual(t, "provider.aws.ci", r.Address, "no credentials, no pseudo-resource")
	}
}

// An override file's credential arguments replace the base's one by one.
func TestProviderCredentialsInOverrideFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
provider "aws" {
  region     = "eu-west-1"
  access_key = "base-key"
  secret_key = "base-secret"
}
`)},
		"root/override.tf": {Data: []byte(`
provider "aws" {
  secret_key = "override-secret"
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	p := mustResource(t, res, "provider.aws")
	assert.Equal(t, "base-key", str(t, p.Attr("access_key")))
	assert.Equal(t, "override-secret", str(t, p.Attr("secret_key")))
}
