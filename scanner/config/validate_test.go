package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// validate parses src and validates it against testRules, with min_days
// bounded as the catalogue's are.
func validate(t *testing.T, src string) error {
	t.Helper()
	cfg, err := Parse([]byte(src), "c.hcl")
	require.NoError(t, err)
	rules := testRules()
	rules[0].Params[0].Min = 1
	rules[0].Params[0].Max = 35
	return cfg.Validate(rules)
}

func TestValidateRejectsParamsOutOfBounds(t *testing.T) {
	for src, want := range map[string]string{
		"rule \"aws-rds-backup-retention\" {\n  params = { min_days = -3 }\n}\n":  `c.hcl:2:14: rule aws-rds-backup-retention parameter "min_days": want at least 1, got -3`,
		"rule \"aws-rds-backup-retention\" {\n  params = { min_days = 0 }\n}\n":   `c.hcl:2:14: rule aws-rds-backup-retention parameter "min_days": want at least 1, got 0`,
		"rule \"aws-rds-backup-retention\" {\n  params = { min_days = 36 }\n}\n":  `c.hcl:2:14: rule aws-rds-backup-retention parameter "min_days": want at most 35, got 36`,
		"rule \"aws-rds-backup-retention\" {\n  params = { min_days = 7.5 }\n}\n": `c.hcl:2:14: rule aws-rds-backup-retention parameter "min_days": want a whole number, got 7.5`,
	} {
		err := validate(t, src)
		require.Error(t, err, src)
		assert.Equal(t, want, err.Error())
	}
	require.NoError(t, validate(t, "rule \"aws-rds-backup-retention\" {\n  params = { min_days = 35 }\n}\n"))
}

func TestValidateRejectsARuleBothEnabledAndDisabled(t *testing.T) {
	err := validate(t, `rules {
  enabled  = ["aws-rds-storage-encrypted", "aws-s3-versioning-enabled"]
  disabled = ["aws-s3-versioning-enabled"]
}
`)
	require.Error(t, err)
	assert.Equal(t, `c.hcl:3:15: rule "aws-s3-versioning-enabled" is both disabled here and enabled (c.hcl:2:44); remove it from one of the lists`, err.Error())
}

func TestValidateRejectsASelectionThatRunsNoRule(t *testing.T) {
	const none = `
rules {
  enabled  = ["aws-rds-storage-encrypted"]
  disabled = ["aws-rds-deletion-protection"]
}
categories_in_scope = ["availability"]
`
	// aws-rds-storage-encrypted maps to security, always in scope: one rule.
	require.NoError(t, validate(t, none))

	err := validate(t, "rules {\n  enabled = [\"aws-rds-deletion-protection\"]\n}\ncategories_in_scope = [\"availability\"]\n")
	require.Error(t, err, "the only enabled rule is out of scope")
	assert.Contains(t, err.Error(), "c.hcl:1:1: no rule would run")
	assert.Contains(t, err.Error(), "allow_no_rules = true")

	all := `rules {
  disabled = ["aws-rds-backup-retention", "aws-rds-storage-encrypted", "aws-s3-versioning-enabled", "aws-rds-deletion-protection"]
}
`
	err = validate(t, all)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "c.hcl:1:1: no rule would run")
	require.NoError(t, validate(t, "allow_no_rules = true\n"+all), "said explicitly")

	cfg := Default()
	cfg.Filename = ""
	cfg.Enabled = []RuleRef{{ID: "aws-rds-storage-encrypted"}}
	cfg.Disabled = []RuleRef{{ID: "aws-rds-storage-encrypted"}}
	err = cfg.Validate(testRules())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "both disabled here and enabled", "a conflict is reported rather than the empty selection it causes")
	assert.NotContains(t, err.Error(), "no rule would run")
}

func TestParseRejectsInvalidPathGlobs(t *testing.T) {
	_, err := Parse([]byte("exclude {\n  paths  = [\"ok/**\", \"legacy/[a-\", \"\", \"a/\\\\\"]\n  reason = \"r\"\n}\n"), "c.hcl")
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, `c.hcl:2:22: Invalid path pattern: "legacy/[a-": segment "[a-" is not a valid glob`)
	assert.Contains(t, msg, `c.hcl:2:36: Invalid path pattern: "": an empty pattern matches no file`)
	assert.Contains(t, msg, `c.hcl:2:40: Invalid path pattern: "a/\\": segment "\\" is not a valid glob`)
	assert.NotContains(t, msg, "ok/**")

	for _, ok := range []string{"legacy", "legacy/**", "**/*.tf", "./a/[ab]?/*.tf.json", `a/\*`} {
		assert.NoError(t, ValidPathPattern(ok), ok)
	}
}

func TestParamCheckOnlyBoundsInts(t *testing.T) {
	r := &scanner.Rule{ID: "r", Params: []scanner.Param{{Name: "n", Default: 3, Min: 2}, {Name: "s", Default: "x"}}}
	_, err := r.ParamsWithDefaults(map[string]any{"n": 1})
	require.EqualError(t, err, `rule r parameter "n": want at least 2, got 1`)
	got, err := r.ParamsWithDefaults(map[string]any{"n": 2, "s": "y"})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"n": 2, "s": "y"}, got)
}
