package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

func testRules() []*scanner.Rule {
	return []*scanner.Rule{
		{
			ID:       "aws-rds-backup-retention",
			Criteria: scanner.Criteria{Primary: "A1.2"},
			Params: []scanner.Param{
				{Name: "min_days", Default: 7},
				{Name: "allowed_regions", Default: []string{}},
			},
		},
		{ID: "aws-rds-storage-encrypted", Criteria: scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}}},
		{ID: "aws-s3-versioning-enabled", Criteria: scanner.Criteria{Primary: "A1.2", Secondary: []string{"C1.1"}}},
		{ID: "aws-rds-deletion-protection", Criteria: scanner.Criteria{Primary: "C1.1"}},
	}
}

const fullConfig = `
severity_threshold   = "Medium"
fail_on_unknown      = true
categories_in_scope  = ["availability"]
foreign_suppressions = false

rules {
  disabled = ["aws-s3-versioning-enabled"]
}

rule "aws-rds-backup-retention" {
  params = {
    min_days        = 14
    allowed_regions = ["eu-west-1", "eu-central-1"]
  }
  ignorable = false
  severity  = "critical"
}

exclude {
  paths     = ["legacy/**"]
  resources = ["module.sandbox"]
  rules     = ["aws-rds-storage-encrypted"]
  reason    = "sandbox account, out of the audit's scope"
  expires   = "2026-12-31"
}
`

func TestParseFullConfig(t *testing.T) {
	cfg, err := Parse([]byte(fullConfig), "cfg.hcl")
	require.NoError(t, err)
	require.NoError(t, cfg.Validate(testRules()))

	assert.Equal(t, scanner.Medium, cfg.SeverityThreshold)
	assert.True(t, cfg.FailOnUnknown)
	assert.False(t, cfg.ForeignSuppressions)
	assert.Equal(t, []tsc.Category{tsc.Availability}, cfg.CategoriesInScope)
	assert.Equal(t, []tsc.Category{tsc.Security, tsc.Availability}, cfg.Scope())

	assert.False(t, cfg.Selected("aws-s3-versioning-enabled"))
	assert.True(t, cfg.Selected("aws-rds-storage-encrypted"))

	assert.False(t, cfg.Ignorable("aws-rds-backup-retention"))
	assert.True(t, cfg.Ignorable("aws-rds-storage-encrypted"))
	assert.Equal(t, map[string]any{"min_days": 14, "allowed_regions": []any{"eu-west-1", "eu-central-1"}}, cfg.Params("aws-rds-backup-retention"))
	assert.Equal(t, scanner.Critical, cfg.Setting("aws-rds-backup-retention").Severity)

	params, err := testRules()[0].ParamsWithDefaults(cfg.Params("aws-rds-backup-retention"))
	require.NoError(t, err)
	assert.Equal(t, []string{"eu-west-1", "eu-central-1"}, params["allowed_regions"])

	require.Len(t, cfg.Exclusions, 1)
	ex := cfg.Exclusions[0]
	assert.Equal(t, "sandbox account, out of the audit's scope", ex.Reason)
	assert.Equal(t, "2026-12-31", ex.ExpiresText())
	assert.True(t, ex.Matches("aws-rds-storage-encrypted", "aws_db_instance.x", "legacy/db/main.tf"))
	assert.True(t, ex.Matches("aws-rds-storage-encrypted", `module.sandbox["a"].aws_db_instance.x`, "main.tf"))
	assert.False(t, ex.Matches("aws-rds-deletion-protection", "aws_db_instance.x", "legacy/db/main.tf"), "limited to its rules")
	assert.False(t, ex.Matches("aws-rds-storage-encrypted", "aws_db_instance.x", "current/main.tf"))
	assert.Equal(t, 20, ex.Range.Start.Line, "range points at the block")
}

func TestCategoriesInScope(t *testing.T) {
	cfg, err := Parse([]byte(`categories_in_scope = ["availability"]`), "c.hcl")
	require.NoError(t, err)
	assert.True(t, cfg.InScope(scanner.Criteria{Primary: "A1.2"}))
	assert.True(t, cfg.InScope(scanner.Criteria{Primary: "CC6.1"}), "security is always in scope")
	assert.True(t, cfg.InScope(scanner.Criteria{Primary: "C1.1", Secondary: []string{"A1.2"}}), "one in-scope criterion is enough")
	assert.False(t, cfg.InScope(scanner.Criteria{Primary: "C1.1"}), "confidentiality only")
	assert.True(t, Default().InScope(scanner.Criteria{Primary: "C1.1"}), "everything is in scope by default")
}

func TestEnabledIsAnAllowList(t *testing.T) {
	cfg, err := Parse([]byte(`rules {
  enabled  = ["aws-rds-storage-encrypted", "aws-rds-deletion-protection"]
  disabled = ["aws-rds-deletion-protection"]
}`), "c.hcl")
	require.NoError(t, err)
	assert.True(t, cfg.Selected("aws-rds-storage-encrypted"))
	assert.False(t, cfg.Selected("aws-rds-deletion-protection"), "disabled wins")
	assert.False(t, cfg.Selected("aws-s3-versioning-enabled"), "not in the allow-list")
}

func TestParseErrorsAreLocated(t *testing.T) {
	tests := map[string]struct {
		src  string
		want []string
	}{
		"syntax": {
			src:  "rules {\n  disabled = [\n",
			want: []string{"c.hcl:3:1: Missing expression"},
		},
		"unknown attribute": {
			src:  "severity_treshold = \"low\"\n",
			want: []string{`c.hcl:1:1: Unsupported argument: An argument named "severity_treshold" is not expected here. Did you mean "severity_threshold"?`},
		},
		"bad severity": {
			src:  "severity_threshold = \"urgent\"\n",
			want: []string{`c.hcl:1:22: Invalid severity_threshold: unknown severity "urgent"`},
		},
		"bad category": {
			src:  "categories_in_scope = [\"security\", \"secrecy\"]\n",
			want: []string{`c.hcl:1:36: Unknown category: "secrecy" is not a Trust Services Category`},
		},
		"exclusion without reason": {
			src:  "exclude {\n  paths = [\"a\"]\n}\n",
			want: []string{`c.hcl:1:9: Missing required argument: The argument "reason" is required`},
		},
		"exclusion with bad date and no target": {
			src: "exclude {\n  reason  = \"x\"\n  expires = \"31/12/2026\"\n}\n",
			want: []string{
				`c.hcl:3:13: Invalid expiry date: expires must be a date such as 2026-12-31, got "31/12/2026"`,
				`c.hcl:1:1: Exclusion matches nothing`,
			},
		},
		"param of unsupported type": {
			src:  "rule \"x\" {\n  params = { a = { b = 1 } }\n}\n",
			want: []string{`c.hcl:2:18: Invalid parameter value: parameter "a": unsupported type object`},
		},
		"duplicate rule block": {
			src:  "rule \"x\" {}\nrule \"x\" {}\n",
			want: []string{`c.hcl:2:6: Duplicate rule block: rule "x" is already configured at line 1`},
		},
		"wrong type": {
			src:  "fail_on_unknown = \"yes\"\n",
			want: []string{`c.hcl:1:19: Invalid fail_on_unknown: fail_on_unknown must be true or false`},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), "c.hcl")
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestValidateUnknownRulesAndParams(t *testing.T) {
	src := `rules {
  disabled = ["aws-rds-storage-encrypt", "totally-made-up"]
}
rule "aws-rds-backup-retention" {
  params = {
    min_dayz = 3
    allowed_regions = "eu-west-1"
  }
}
exclude {
  resources = ["x"]
  rules     = ["rds-deletion-protection"]
  reason    = "r"
}
`
	cfg, err := Parse([]byte(src), "c.hcl")
	require.NoError(t, err)
	err = cfg.Validate(testRules())
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, `c.hcl:2:15: rules.disabled: unknown rule "aws-rds-storage-encrypt"; did you mean "aws-rds-storage-encrypted"?`)
	assert.Contains(t, msg, `c.hcl:2:42: rules.disabled: unknown rule "totally-made-up"; run`)
	assert.Contains(t, msg, `c.hcl:6:5: rule aws-rds-backup-retention has no parameter "min_dayz"; its parameters are min_days, allowed_regions`)
	assert.Contains(t, msg, `c.hcl:7:5: rule aws-rds-backup-retention parameter "allowed_regions": want a list of strings`)
	assert.Contains(t, msg, `c.hcl:12:16: exclude.rules: unknown rule "rds-deletion-protection"; did you mean "aws-rds-deletion-protection"?`)
}

func TestFindWalksUpward(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "infra", "prod")
	require.NoError(t, os.MkdirAll(deep, 0o755))
	found, err := Find(deep)
	require.NoError(t, err)
	if found != "" {
		// A config above the temp dir belongs to the machine, not the test.
		assert.False(t, strings.HasPrefix(found, root))
	}

	path := filepath.Join(root, "infra", FileName)
	require.NoError(t, os.WriteFile(path, []byte(`severity_threshold = "high"`), 0o644))
	found, err = Find(deep)
	require.NoError(t, err)
	assert.Equal(t, path, found)
	found, err = Find(filepath.Join(deep, "main.tf"))
	require.NoError(t, err)
	assert.Equal(t, path, found, "a file path starts from its directory")

	cfg, err := Load(found)
	require.NoError(t, err)
	assert.Equal(t, scanner.High, cfg.SeverityThreshold)
	assert.Equal(t, filepath.Join(root, "infra"), cfg.Dir)

	_, err = Load(filepath.Join(root, "missing.hcl"))
	require.Error(t, err)
}

func TestExpiry(t *testing.T) {
	through := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	assert.False(t, Expired(through, time.Date(2026, 3, 31, 23, 59, 0, 0, time.UTC)), "applies through its last day")
	assert.True(t, Expired(through, time.Date(2026, 4, 1, 0, 0, 1, 0, time.UTC)))
	ex := &Exclusion{}
	assert.False(t, ex.Expired(time.Now()), "no expiry never expires")
}

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pattern, file string
		want          bool
	}{
		{"legacy/**", "legacy/main.tf", true},
		{"legacy/**", "legacy/a/b/main.tf", true},
		{"legacy", "legacy/a/main.tf", true},
		{"./legacy/", "legacy/main.tf", true},
		{"legacy", "legacyx/main.tf", false},
		{"**/test/*.tf", "modules/x/test/main.tf", true},
		{"**/test/*.tf", "test/main.tf", true},
		{"**/test/*.tf", "test/sub/main.tf", false},
		{"*.tf", "main.tf", true},
		{"modules/*/main.tf", "modules/db/main.tf", true},
		{"modules/*/main.tf", "modules/db/variables.tf", false},
		{"[", "x", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, MatchPath(tt.pattern, tt.file), "%s ~ %s", tt.pattern, tt.file)
	}
}

func TestMatchAddress(t *testing.T) {
	tests := []struct {
		pattern, address string
		want             bool
	}{
		{"aws_s3_bucket.logs", "aws_s3_bucket.logs", true},
		{"aws_s3_bucket.logs", "aws_s3_bucket.logs[0]", true},
		{"aws_s3_bucket.logs", `aws_s3_bucket.logs["a.b"]`, true},
		{"aws_s3_bucket.logs", "aws_s3_bucket.logsx", false},
		{`aws_s3_bucket.logs["a"]`, `aws_s3_bucket.logs["a"]`, true},
		{`aws_s3_bucket.logs["a"]`, `aws_s3_bucket.logs["b"]`, false},
		{"module.sandbox", "module.sandbox.aws_s3_bucket.x", true},
		{"module.sandbox", `module.sandbox["eu"].module.db.aws_db_instance.x`, true},
		{"module.sandbox", "module.sandbox2.aws_s3_bucket.x", false},
		{"module.*.aws_s3_bucket.logs", "module.a.aws_s3_bucket.logs", true},
		{"*.aws_s3_bucket.logs", "aws_s3_bucket.logs", false},
		{"aws_s3_bucket.*", "aws_s3_bucket.x[1]", true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, MatchAddress(tt.pattern, tt.address), "%s ~ %s", tt.pattern, tt.address)
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"aws-rds-storage-encrypted", "aws-rds-deletion-protection", "google-sql-backups"}
	assert.Equal(t, "aws-rds-storage-encrypted", Suggest("aws-rds-storage-encypted", ids))
	assert.Equal(t, "aws-rds-deletion-protection", Suggest("rds-deletion-protection", ids))
	assert.Equal(t, "", Suggest("azure-storage-tls", ids))
}
