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
		assert.True(t, literalEnvSecret("API_TOKEN", v), v)
	}
	for _, v := range []string{"", "abc", "true", "FALSE", "3600", "arn:aws:secretsmanager:eu-west-1:1:secret:x", "/prod/db/password", "{{resolve:secretsmanager:db}}", "${DB_PASSWORD}", "$DB_PASSWORD", "$(aws ssm get-parameter --name db)", "`cat /run/secret`", "https://auth.example.com/token", "Enter the password", "my token 123"} {
		assert.False(t, literalEnvSecret("API_TOKEN", v), v)
	}
	// Under a password's name spaces do not make a value a description:
	// passphrases have them. A sentence of words still is one.
	for _, v := range []string{"oh no D:", "abcd    s", "correct horse 42 staple"} {
		assert.True(t, literalEnvSecret("DATABASE_PASSWORD", v), v)
	}
	for _, v := range []string{"Enter the password", "set it in the console.", "${var.pw} x"} {
		assert.False(t, literalEnvSecret("dbPassword", v), v)
	}
	// A phrase that points at where the secret is kept (an SSM parameter
	// path, an ARN, a URL) describes it, whatever the variable's name.
	for _, v := range []string{"see SSM parameter /prod/db/password", "in arn:aws:secretsmanager:eu-west-1:1:secret:db", "rotate via https://vault.example.com/ui"} {
		assert.False(t, literalEnvSecret("DB_PASSWORD", v), v)
	}
	assert.True(t, literalEnvSecret("DB_PASSWORD", "blue /42 Lagoon"), "a slash alone does not make a path")
}

func TestKnownText(t *testing.T) {
	s, ok := knownText(scanner.Value{Val: cty.StringVal("export A=1"), Present: true})
	require.True(t, ok)
	assert.Equal(t, "export A=1", s)

	partial := scanner.Value{Val: cty.UnknownVal(cty.String), Present: true}.WithSkeleton("export REGION=\x00\nexport KEY=AKIA")
	s, ok = knownText(partial)
	require.True(t, ok, "a template's literal text is known")
	assert.Equal(t, "export REGION=${}\nexport KEY=AKIA", s)

	_, ok = knownText(scanner.Value{Val: cty.UnknownVal(cty.String), Present: true}.WithSkeleton("\x00"))
	assert.False(t, ok, "a bare reference has no known text")
	_, ok = knownText(scanner.Value{Val: cty.UnknownVal(cty.String), Present: true})
	assert.False(t, ok)
}

func TestContainerEnvOfStructure(t *testing.T) {
	// jsonencode of a partly known list: the loader keeps the structure.
	doc := cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
		"image": cty.UnknownVal(cty.String),
		"environment": cty.TupleVal([]cty.Value{
			cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("DB_PASSWORD"), "value": cty.StringVal("hunter2hunter2")}),
			cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("REGION"), "value": cty.UnknownVal(cty.String)}),
			cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("PORT"), "value": cty.NumberIntVal(8080)}),
		}),
	})})
	env := containerEnvOf(goValue(doc), scanner.Value{})
	require.Len(t, env, 2, "numbers are skipped")
	assert.Equal(t, envVar{name: "DB_PASSWORD", value: "hunter2hunter2"}, env[0])
	assert.Equal(t, unknownText, env[1].value, "an unknown value is never a literal")
	assert.False(t, literalEnvSecret(env[1].name, env[1].value))

	assert.Nil(t, goValue(cty.NullVal(cty.String)))
	assert.Equal(t, true, goValue(cty.True))
	assert.Empty(t, containerEnvOf(goValue(cty.StringVal("x")), scanner.Value{}))
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
