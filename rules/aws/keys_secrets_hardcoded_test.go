package aws

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestFindCredential(t *testing.T) {
	what, masked, ok := findCredential("export KEY=AKIAIOSFODNN7EXAMPLE")
	assert.True(t, ok)
	assert.Equal(t, "an AWS access key ID", what)
	assert.Equal(t, "a literal of 20 characters, with the key type prefix AKIA", masked)
	assert.NotContains(t, masked, "AKIAI", "no character of the key but its type prefix")

	what, masked, ok = findCredential("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
	assert.True(t, ok)
	assert.Equal(t, "an AWS secret access key", what)
	assert.Equal(t, "a literal of 40 characters", masked, "no character of a secret key")

	_, _, ok = findCredential("IyEvYmluL2Jhc2gKZXhwb3J0IEs9QVNJQUlPU0ZPRE5ON0VYQU1QTEUK") // base64 of a script with an ASIA key
	assert.True(t, ok, "base64-encoded user data is decoded")

	for _, clean := range []string{"AKIA-not-a-key", "arn:aws:iam::123456789012:role/app", "-----BEGIN PUBLIC KEY-----"} {
		_, _, ok := findCredential(clean)
		assert.False(t, ok, clean)
	}
}

// TestMaskSecretShowsNoCharacter checks that a password in a message is
// described by its length only: messages reach every output.
func TestMaskSecretShowsNoCharacter(t *testing.T) {
	for _, s := range []string{"Sup3rSecret!2024", "Line one of a long password written over several lines\nline two", "pé", "x"} {
		masked := maskSecret(s)
		assert.NotContains(t, masked, s[:1], "%q: not even its first character", s)
		assert.Contains(t, masked, " character", s)
	}
	assert.Equal(t, "a literal of 1 character", maskSecret("x"), "one character is singular")
	assert.Equal(t, "a literal of 16 characters", maskSecret("Sup3rSecret!2024"))
	assert.Equal(t, "a literal of 2 characters", maskSecret("pé"), "characters, not bytes")
}

// TestDynamicTemplateSecretIsMasked checks that a secret found in the
// content of a dynamic block over an unknown collection is described, as
// every other literal secret, by its length only.
func TestDynamicTemplateSecretIsMasked(t *testing.T) {
	const secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	const password = "Sup3rSecret!2024"
	code := `
variable "envs" {
  type = map(string)
}

resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  dynamic "environment" {
    for_each = var.envs
    content {
      variables = {
        AWS_SECRET_ACCESS_KEY = "` + secretKey + `"
        DB_PASSWORD           = "` + password + `"
      }
    }
  }
}`
	for _, rule := range []*scanner.Rule{embeddedCredentials, literalPasswords} {
		out := ruletest.Evaluate(t, rule, scanner.Example{Code: code}, nil)
		got, ok := out.Results["aws_lambda_function.f"]
		require.True(t, ok, rule.ID)
		assert.Equal(t, scanner.Fail, got.Status, rule.ID)
		assert.Contains(t, got.Message, "a literal of", rule.ID)
		for _, s := range []string{secretKey, password, secretKey[:8], password[:6]} {
			assert.NotContains(t, got.Message, s, rule.ID)
		}
	}
}

// TestLiteralSecretRulesNameTheirSecrets checks that the rules on literal
// secrets name every secret they recognise (Result.Secrets), with the
// range of the argument it is written in, so that the engine redacts it
// from code excerpts; the message names the first only.
func TestLiteralSecretRulesNameTheirSecrets(t *testing.T) {
	const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAzz\n-----END RSA PRIVATE KEY-----"
	code := `
resource "aws_mq_broker" "b" {
  broker_name        = "b"
  engine_type        = "ActiveMQ"
  engine_version     = "5.17.6"
  host_instance_type = "mq.t3.micro"
  user {
    username = "one"
    password = "First-passw0rd"
  }
  user {
    username = "two"
    password = "Second-passw0rd"
  }
}

resource "aws_instance" "i" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    export DB_PASSWORD="Boot-passw0rd"
    ` + strings.ReplaceAll(key, "\n", "\n    ") + `
  EOT
}`
	texts := func(rule *scanner.Rule, addr string) ([]string, []int) {
		out := ruletest.Evaluate(t, rule, scanner.Example{Code: code}, nil)
		res, ok := out.Results[addr]
		require.True(t, ok, addr)
		require.True(t, res.Status.IsProblem(), addr)
		var got []string
		var lines []int
		for _, s := range res.Secrets {
			got = append(got, s.Text)
			lines = append(lines, s.Range.StartLine)
		}
		return got, lines
	}
	got, lines := texts(literalPasswords, "aws_mq_broker.b")
	assert.Equal(t, []string{"First-passw0rd", "Second-passw0rd"}, got)
	assert.Equal(t, []int{9, 13}, lines, "each where it is written")
	got, _ = texts(literalPasswords, "aws_instance.i")
	assert.Equal(t, []string{"Boot-passw0rd"}, got)
	got, _ = texts(embeddedCredentials, "aws_instance.i")
	assert.Equal(t, []string{"AKIAIOSFODNN7EXAMPLE", key}, got)
}
