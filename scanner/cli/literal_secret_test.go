package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// literalSecretConfig writes literal secrets that are not marked
// sensitive in Terraform, which the rules on literal secrets find: their
// findings' excerpts must not print them.
const literalSecretConfig = `resource "aws_db_instance" "long" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
  password       = "ZZLiteralPassw0rdZZ"
}

resource "aws_db_instance" "short" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
  username       = "administrator"
  password       = "admin"
  db_name        = "admin"
}

resource "aws_lambda_function" "env" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  environment {
    variables = { DB_PASSWORD = "ZZEnvPassw0rdZZ" }
  }
}

resource "aws_instance" "boot" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAZZLITERALZZ12345
  EOT
}
`

var literalSecrets = []string{"ZZLiteralPassw0rdZZ", "ZZEnvPassw0rdZZ", "AKIAZZLITERALZZ12345", `"admin"`}

func TestScanNeverPrintsLiteralSecretsInExcerpts(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(literalSecretConfig), 0o600))
	for _, format := range []string{"text", "json", "sarif", "junit", "markdown"} {
		t.Run(format, func(t *testing.T) {
			code, stdout, stderr := run("scan", "--format", format, "--no-color", dir)
			assert.Equal(t, 1, code, "stderr: %s", stderr)
			assert.Contains(t, stdout, "aws-no-literal-passwords")
			assert.Contains(t, stdout, "aws-no-embedded-credentials")
			for _, s := range literalSecrets[:3] {
				assert.NotContains(t, stdout+stderr, s)
			}
			if format != "text" {
				return // the other formats show no code
			}
			for _, l := range []string{
				`  password       = (sensitive value)`,
				`    variables = { DB_PASSWORD = (sensitive value) }`,
				`    export AWS_ACCESS_KEY_ID=(sensitive value)`,
			} {
				assert.Contains(t, stdout, " | "+l+"\n", "the excerpt shows the marker")
			}
		})
	}
}

// TestScanExcerptDoesNotRedactTheSecretElsewhere checks that a short
// literal password is redacted where it is written, and not in a longer
// word nor in another argument that happens to hold the same text.
func TestScanExcerptDoesNotRedactTheSecretElsewhere(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(literalSecretConfig), 0o600))
	code, stdout, stderr := run("scan", "--no-color", dir)
	assert.Equal(t, 1, code, "stderr: %s", stderr)
	var excerpt []string
	for l := range strings.SplitSeq(stdout, "\n") {
		if _, code, ok := strings.Cut(l, " | "); ok && strings.Contains(l, "admin") {
			excerpt = append(excerpt, code)
		}
	}
	assert.Contains(t, excerpt, `  username       = "administrator"`)
	assert.Contains(t, excerpt, `  db_name        = "admin"`)
	assert.NotContains(t, excerpt, `  password       = "admin"`)
}
