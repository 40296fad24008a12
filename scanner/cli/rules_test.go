package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

type rulesOutput struct {
	Count int `json:"count"`
	Rules []struct {
		ID       string `json:"id"`
		Severity string `json:"severity"`
		Family   string `json:"family"`
		Provider string `json:"provider"`
		Criteria struct {
			Primary   string   `json:"primary"`
			Secondary []string `json:"secondary"`
		} `json:"criteria"`
		ResourceTypes   []string `json:"resource_types"`
		DataSourceTypes []string `json:"data_source_types"`
		Params          []struct {
			Name    string `json:"name"`
			Default any    `json:"default"`
		} `json:"params"`
		References []struct{ Tool, ID string } `json:"references"`
		DocURL     string                      `json:"doc_url"`
	} `json:"rules"`
}

func TestRulesTable(t *testing.T) {
	code, stdout, _ := runFixture("rules")
	require.Equal(t, ExitOK, code)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 5, "header, two rules, blank line, count")
	assert.Regexp(t, `^ID\s+SEVERITY\s+FAMILY\s+CRITERIA\s+TITLE$`, lines[0])
	assert.Regexp(t, `^test-enc\s+high\s+encryption-at-rest\s+CC6.1,C1.1\s+Database storage is encrypted$`, lines[2])
	assert.Equal(t, "2 rules", lines[4])
}

func TestRulesJSONAndFilters(t *testing.T) {
	code, stdout, _ := runFixture("rules", "--format", "json")
	require.Equal(t, ExitOK, code)
	var got rulesOutput
	require.NoError(t, json.Unmarshal([]byte(stdout), &got))
	require.Equal(t, 2, got.Count)
	enc := got.Rules[1]
	assert.Equal(t, "test-enc", enc.ID)
	assert.Equal(t, "CC6.1", enc.Criteria.Primary)
	assert.Equal(t, []string{"C1.1"}, enc.Criteria.Secondary)
	assert.Equal(t, []string{"aws_db_instance"}, enc.ResourceTypes)
	assert.Equal(t, "checkov", enc.References[0].Tool)
	assert.Empty(t, enc.Params)
	bucket := got.Rules[0]
	require.Len(t, bucket.Params, 1)
	assert.Equal(t, "prefix", bucket.Params[0].Name)
	assert.Equal(t, "logs", bucket.Params[0].Default)

	for args, want := range map[string]int{
		"--criterion c1.1":                1,
		"--severity high":                 1,
		"--family backup":                 0,
		"--provider aws":                  2,
		"--criterion CC2.1 --format json": 1,
	} {
		code, stdout, _ := runFixture(append([]string{"rules", "--format", "json"}, strings.Fields(args)...)...)
		require.Equal(t, ExitOK, code, args)
		require.NoError(t, json.Unmarshal([]byte(stdout), &got))
		assert.Equal(t, want, got.Count, args)
	}

	code, _, stderr := runFixture("rules", "--criterion", "CC61")
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, `did you mean "CC6.1"?`)
	code, _, _ = runFixture("rules", "--format", "yaml")
	assert.Equal(t, ExitError, code)
}

// TestRulesCatalogue checks the real catalogue through the command: every
// rule has criteria from the TSC catalogue and resource types.
func TestRulesCatalogue(t *testing.T) {
	code, stdout, _ := run("rules", "--format", "json")
	require.Equal(t, ExitOK, code)
	var got rulesOutput
	require.NoError(t, json.Unmarshal([]byte(stdout), &got))
	require.Equal(t, len(rules.All()), got.Count)
	require.NotZero(t, got.Count)
	for _, r := range got.Rules {
		_, ok := tsc.Lookup(r.Criteria.Primary)
		assert.True(t, ok, "%s: primary criterion %q", r.ID, r.Criteria.Primary)
		assert.NotEmpty(t, append(slices.Clone(r.ResourceTypes), r.DataSourceTypes...), r.ID)
	}
}
