package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestSecretEnvName(t *testing.T) {
	for _, name := range []string{"DB_PASSWORD", "password", "API_TOKEN", "clientSecret", "STRIPE_API_KEY", "PRIVATE_KEY", "db-passwd", "GITHUB_TOKEN"} {
		assert.True(t, secretEnvName(name), name)
	}
	for _, name := range []string{"DB_PASSWORD_ARN", "SECRET_NAME", "TOKEN_TTL", "API_KEY_ENABLED", "DB_HOST", "KEY", "PASSWORD_SSM_PARAMETER", "secretId", "TOKENIZER_MODEL", "TOKEN_AUDIENCE", "PASSWORD_MIN_LENGTH", "SECRETS_MANAGER_REF", ""} {
		assert.False(t, secretEnvName(name), name)
	}
}

func TestLiteralEnvSecret(t *testing.T) {
	for _, v := range []string{"hunter2hunter2", "sk_live_0123", "changeme"} {
		assert.True(t, literalEnvSecret(v), v)
	}
	for _, v := range []string{"", "abc", "true", "FALSE", "3600", "arn:aws:secretsmanager:eu-west-1:1:secret:x", "/prod/db/password", "{{resolve:secretsmanager:db}}", "${DB_PASSWORD}", "$DB_PASSWORD", "$(aws ssm get-parameter --name db)", "`cat /run/secret`", "https://auth.example.com/token", "Enter the password"} {
		assert.False(t, literalEnvSecret(v), v)
	}
}

func TestContainerEnv(t *testing.T) {
	ecs := containerEnv(`[{"name":"app","environment":[{"name":"A","value":"1"},{"name":"B","value":2}]},{"name":"side"}]`, scanner.Value{})
	require.Len(t, ecs, 1, "non-string values are skipped")
	assert.Equal(t, "A", ecs[0].name)

	batch := containerEnv(`{"image":"x","environment":[{"name":"API_TOKEN","value":"abcd1234"}]}`, scanner.Value{})
	require.Len(t, batch, 1, "a Batch container is a single object")
	assert.Equal(t, "abcd1234", batch[0].value)

	assert.Empty(t, containerEnv(`not json`, scanner.Value{}))
}

func TestScriptVars(t *testing.T) {
	r := &scanner.Resource{Type: "aws_instance", Block: &scanner.Block{}}
	r.SetAttr("user_data", scanner.Value{Val: cty.StringVal("#!/bin/bash\nexport DB_PASSWORD=\"hunter2hunter2\"\nAPP_TOKEN='abc123xyz'\nPGPASSWORD=$(aws ssm get-parameter --name db)\necho done\n"), Present: true})
	vars := scriptVars(r)
	require.Len(t, vars, 3)
	assert.Equal(t, "hunter2hunter2", vars[0].value)
	assert.Equal(t, "abc123xyz", vars[1].value, "single quotes are stripped")

	ev, ok := literalEnvPassword(r)
	require.True(t, ok)
	assert.Equal(t, "DB_PASSWORD", ev.name)
}
