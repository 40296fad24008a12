package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const accountFixture = `
variable "role_arn" {
  type = string
}

variable "dr_region" {
  type = string
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "ambient_eu"
  region = "eu-west-1"
}

provider "aws" {
  alias               = "pinned"
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

provider "aws" {
  alias  = "role"
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/terraform"
  }
}

provider "aws" {
  alias  = "audit"
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/terraform"
  }
}

provider "aws" {
  alias   = "profile"
  region  = "us-east-1"
  profile = "prod"
}

provider "aws" {
  alias  = "var_a"
  region = "us-east-1"
  assume_role {
    role_arn = var.role_arn
  }
}

provider "aws" {
  alias  = "var_b"
  region = "us-east-1"
  assume_role {
    role_arn = var.role_arn
  }
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_sqs_queue" "default" {}
resource "aws_sqs_queue" "ambient_eu" { provider = aws.ambient_eu }
resource "aws_sqs_queue" "pinned" { provider = aws.pinned }
resource "aws_sqs_queue" "role" { provider = aws.role }
resource "aws_sqs_queue" "audit" { provider = aws.audit }
resource "aws_sqs_queue" "profile" { provider = aws.profile }
resource "aws_sqs_queue" "var_a" { provider = aws.var_a }
resource "aws_sqs_queue" "var_b" { provider = aws.var_b }
resource "aws_sqs_queue" "dr" { provider = aws.dr }
`

func queue(t *testing.T, ix *scanner.Index, name string) *scanner.Resource {
	t.Helper()
	r := ix.Lookup("aws_sqs_queue." + name)
	require.NotNil(t, r, name)
	return r
}

// TestProviderAccount checks the account the loader reads from a
// provider configuration: one allowed account, assume_role's role_arn,
// unknown for credentials it cannot place, absent for none.
func TestProviderAccount(t *testing.T) {
	ix := loadIndex(t, accountFixture)
	for name, want := range map[string]string{"pinned": "111122223333", "role": "111122223333", "audit": "444455556666"} {
		got, ok := queue(t, ix, name).Account().AsString()
		assert.True(t, ok, name)
		assert.Equal(t, want, got, name)
	}
	assert.False(t, queue(t, ix, "default").Account().Present, "no account selected: the ambient credentials")
	assert.True(t, queue(t, ix, "profile").Account().IsUnknown(), "a profile may be any account")
	assert.True(t, queue(t, ix, "var_a").Account().IsUnknown())
}

// TestSameAccountAndRegion checks the placement a regional name is
// unique in: one region of one account.
func TestSameAccountAndRegion(t *testing.T) {
	ix := loadIndex(t, accountFixture)
	cases := []struct {
		a, b            string
		account, region scanner.Tri
	}{
		{"default", "default", scanner.Yes, scanner.Yes},
		{"default", "ambient_eu", scanner.Yes, scanner.No},
		{"pinned", "role", scanner.Yes, scanner.Yes},
		{"pinned", "audit", scanner.No, scanner.No},
		{"default", "pinned", scanner.Maybe, scanner.Maybe},
		{"default", "profile", scanner.Maybe, scanner.Maybe},
		{"var_a", "var_b", scanner.Yes, scanner.Yes},
		{"var_a", "audit", scanner.Maybe, scanner.Maybe},
		{"default", "dr", scanner.Yes, scanner.Maybe},
		{"audit", "ambient_eu", scanner.Maybe, scanner.No},
	}
	for _, c := range cases {
		a, b := queue(t, ix, c.a), queue(t, ix, c.b)
		assert.Equal(t, c.account, sameAccount(a, b), "account of %s and %s", c.a, c.b)
		assert.Equal(t, c.account, sameAccount(b, a), "account of %s and %s", c.b, c.a)
		assert.Equal(t, c.region, sameRegion(a, b), "placement of %s and %s", c.a, c.b)
	}
}

// TestReferrersInRegion checks links by a regional name: a referrer by
// name counts in the target's account and region only, is a maybe where
// that cannot be told, and a referrer by reference counts wherever it is.
func TestReferrersInRegion(t *testing.T) {
	ix := loadIndex(t, accountFixture+`
resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault_lock_configuration" "eu" {
  provider          = aws.ambient_eu
  backup_vault_name = "main"
}

resource "aws_backup_vault_lock_configuration" "audit" {
  provider          = aws.audit
  backup_vault_name = "main"
}
`)
	vault := ix.Lookup("aws_backup_vault.main")
	require.NotNil(t, vault)
	attr := []string{"backup_vault_name"}
	found, maybe := ix.ReferrersIn(inRegion, vault, "aws_backup_vault_lock_configuration", attr, "name")
	assert.Empty(t, found, "eu-west-1's vault and another account's are not this one")
	require.NotNil(t, maybe, "an account that may be the default one's")
	assert.Equal(t, "aws_backup_vault_lock_configuration.audit", maybe.Address)

	found, _ = ix.Referrers(vault, "aws_backup_vault_lock_configuration", attr, "name")
	assert.Len(t, found, 2, "without a scope a name is one resource everywhere")

	byRef := loadIndex(t, accountFixture+`
resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault_lock_configuration" "eu" {
  provider          = aws.ambient_eu
  backup_vault_name = aws_backup_vault.main.name
}
`)
	vault = byRef.Lookup("aws_backup_vault.main")
	found, maybe = byRef.ReferrersIn(inRegion, vault, "aws_backup_vault_lock_configuration", attr, "name")
	assert.Len(t, found, 1, "a reference says which vault it means")
	assert.Nil(t, maybe)
}
