package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
)

func fixtureRules() []*scanner.Rule {
	return []*scanner.Rule{
		{
			ID: "aws-rds-backup-retention", Title: "RDS keeps automated backups long enough",
			Description: "Backups are the recovery infrastructure A1.2 asks for.", Severity: scanner.Medium,
			Criteria: scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.5"}}, Family: scanner.FamilyBackup,
			Provider: "aws", ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster"},
			Remediation: "Set backup_retention_period to at least min_days.", RemediationCode: "backup_retention_period = 14\n",
			Links:      []string{"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html"},
			References: []scanner.Reference{{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0077"}, {Tool: scanner.ToolCheckov, ID: "CKV_AWS_133"}, {Tool: scanner.ToolKICS, ID: "RDS With Backup Disabled"}},
			Params: []scanner.Param{
				{Name: "min_days", Description: "fewest days | of retention", Default: 7},
				{Name: "allowed_regions", Description: "regions", Default: []string{"eu-west-1"}},
			},
			Good: []scanner.Example{{Code: "resource \"aws_db_instance\" \"ok\" {\n  backup_retention_period = 14\n}\n"}},
			Bad: []scanner.Example{
				{Code: "resource \"aws_db_instance\" \"bad\" {\n  backup_retention_period = 1\n}\n", Fails: []string{"aws_db_instance.bad"}},
				{Code: "resource \"aws_db_instance\" \"bad\" {\n  backup_retention_period = 10\n}\n", Fails: []string{"aws_db_instance.bad"}, Params: map[string]any{"min_days": 14}},
			},
		},
		{
			ID: "aws-kms-rotation", Title: "KMS keys <rotate>", Description: "Rotation limits key exposure.",
			Severity: scanner.High, Criteria: scanner.Criteria{Primary: "CC6.1"}, Family: scanner.FamilyKeysSecrets,
			Provider: "aws", ResourceTypes: []string{"aws_kms_key"}, Remediation: "Set enable_key_rotation = true.",
		},
	}
}

func TestRulePage(t *testing.T) {
	files := Generate(fixtureRules())
	require.Len(t, files, 3)
	page := string(files["aws-rds-backup-retention.md"])
	for _, want := range []string{
		"# aws-rds-backup-retention\n",
		"**RDS keeps automated backups long enough**",
		"| Severity | medium |",
		"| Family | [backup](README.md#family-backup) |",
		"| Resource types | `aws_db_instance`, `aws_rds_cluster` |",
		"| Primary criterion | [A1.2](README.md#a1-2) Environmental protections",
		"| Secondary criteria | [CC7.5](README.md#cc7-5) Recover from incidents",
		"| `min_days` | `7` | fewest days \\| of retention |",
		"| `allowed_regions` | `[\"eu-west-1\"]` | regions |",
		"rule \"aws-rds-backup-retention\" {\n  params = {\n    min_days        = 7\n    allowed_regions = [\"eu-west-1\"]\n  }\n}",
		"```hcl\nbackup_retention_period = 14\n```",
		"### Example 2\n\nWith `min_days = 14`:",
		"Fails: `aws_db_instance.bad`",
		"## Passing examples",
		"# soc2:ignore:aws-rds-backup-retention:exp:2026-12-31 <why this is acceptable>",
		"| checkov | `CKV_AWS_133` | `#checkov:skip=CKV_AWS_133:<reason>` |",
		"| kics | `RDS With Backup Disabled` | none (mapping only) |",
		"| trivy | [AVD-AWS-0077](https://avd.aquasec.com/misconfig/avd-aws-0077) | `#trivy:ignore:AVD-AWS-0077` |",
		"- <https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html>",
	} {
		assert.Contains(t, page, want)
	}
	kms := string(files["aws-kms-rotation.md"])
	assert.Contains(t, kms, "**KMS keys &lt;rotate&gt;**", "prose is escaped")
	assert.NotContains(t, kms, "## Parameters")
	assert.NotContains(t, kms, "## Equivalent checks")
}

func TestIndexPage(t *testing.T) {
	index := string(Generate(fixtureRules())[readme])
	assert.Contains(t, index, "2 rules (2 aws)")
	assert.Contains(t, index, "| [CC6.1](#cc6-1) | security | ")
	assert.Contains(t, index, "| [A1.2](#a1-2) | availability | Environmental protections, backups and recovery infrastructure (offsite, alternate processing) | 1 | 0 |")
	assert.Contains(t, index, "| [CC7.5](#cc7-5) | security | Recover from incidents (restore, root cause, lessons learned) | 0 | 1 |")
	assert.Contains(t, index, "No scanner rule maps to CC1.1, ")
	assert.Contains(t, index, "| [aws-rds-backup-retention](aws-rds-backup-retention.md) | secondary | medium |")
	// Families follow the TSC mapping table: keys before backup.
	assert.Less(t, strings.Index(index, "### keys-and-secrets"), strings.Index(index, "### backup"))
	assert.Less(t, strings.Index(index, "### CC6.1"), strings.Index(index, "### A1.2"), "criteria in catalogue order")
}

func TestWriteRemovesStalePages(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "aws-removed-rule.md"), []byte("old"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("not markdown"), 0o644))
	written, removed, err := Write(dir, Generate(fixtureRules()))
	require.NoError(t, err)
	assert.Equal(t, 3, written)
	assert.Equal(t, 1, removed)
	assert.NoFileExists(t, filepath.Join(dir, "aws-removed-rule.md"))
	assert.FileExists(t, filepath.Join(dir, "keep.txt"))

	written, removed, err = Write(dir, Generate(fixtureRules()))
	require.NoError(t, err)
	assert.Zero(t, written, "unchanged pages are not rewritten")
	assert.Zero(t, removed)
}

func TestGenerateIsDeterministic(t *testing.T) {
	rs := fixtureRules()
	a := Generate(rs)
	rs[0], rs[1] = rs[1], rs[0]
	assert.Equal(t, a, Generate(rs), "input order does not matter")
}

// TestCommittedDocsAreFresh fails when docs/rules does not match the rules:
// run `make generate` (or go run ./rules/internal/docgen -out docs/rules).
func TestCommittedDocsAreFresh(t *testing.T) {
	committed := filepath.Join("..", "..", "..", "docs", "rules")
	require.DirExists(t, committed, "docs/rules is committed: run make generate")
	want := Generate(rules.All())
	entries, err := os.ReadDir(committed)
	require.NoError(t, err)
	var have []string
	for _, e := range entries {
		if !e.IsDir() && filepath.Ext(e.Name()) == ".md" {
			have = append(have, e.Name())
		}
	}
	var names []string
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	assert.Equal(t, names, have, "docs/rules holds exactly one page per rule and the README: run make generate")
	for _, n := range names {
		got, err := os.ReadFile(filepath.Join(committed, n))
		if !assert.NoError(t, err, "run make generate") {
			continue
		}
		assert.Equal(t, string(want[n]), string(got), "docs/rules/%s is stale: run make generate", n)
	}
}

// TestConfigurationExampleIsValid keeps the README's .soc2scan.hcl example
// true: it parses and every rule and parameter it names exists.
func TestConfigurationExampleIsValid(t *testing.T) {
	index := string(Generate(rules.All())[readme])
	_, section, found := strings.Cut(index, "\n## Configuration\n")
	require.True(t, found, "README has a Configuration section")
	_, example, found := strings.Cut(section, "```hcl\n")
	require.True(t, found, "the Configuration section shows a .soc2scan.hcl")
	example, _, found = strings.Cut(example, "```")
	require.True(t, found, "the example's fence is closed")

	cfg, err := config.Parse([]byte(example), config.FileName)
	require.NoError(t, err)
	require.NoError(t, cfg.Validate(rules.All()))
	assert.NotEmpty(t, cfg.Rules, "the example shows a rule block")
	assert.NotEmpty(t, cfg.Disabled, "the example disables a rule")
	assert.NotEmpty(t, cfg.Exclusions, "the example shows an exclusion")
}

// TestSuppressionExamplesNameRealRules keeps the README's suppression
// comments true: the rule exists, and the other tools' IDs shown are that
// rule's references.
func TestSuppressionExamplesNameRealRules(t *testing.T) {
	index := string(Generate(rules.All())[readme])
	require.Contains(t, index, "# soc2:ignore:aws-rds-storage-encrypted:")
	rule := rules.Lookup("aws-rds-storage-encrypted")
	require.NotNil(t, rule)
	for _, ref := range []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_16"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0080"},
	} {
		require.Contains(t, index, ref.ID)
		assert.Contains(t, rule.References, ref, "the README's %s comment suppresses %s", ref.Tool, rule.ID)
	}
}
