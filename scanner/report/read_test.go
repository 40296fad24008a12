package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestReadJSONRoundTrip(t *testing.T) {
	for _, includePassed := range []bool{true, false} {
		want := fixtureReport(includePassed, true)
		got, err := ReadJSON("scan.json", render(t, "json", want, Options{}), fixtureRules())
		require.NoError(t, err)

		assert.Equal(t, want.Visible(), got.Findings, "the findings written, passes only with --include-passed")
		assert.Equal(t, want.Settings, got.Settings)
		assert.Equal(t, want.Summary, got.Summary)
		assert.Equal(t, want.Errors, got.Errors)
		assert.Equal(t, want.Warnings, got.Warnings)
		assert.Equal(t, want.Rules, got.Rules, "the rules that ran, looked up in the catalogue")
		assert.Equal(t, want.Version, got.Version)
		// Reading back and writing again gives the same bytes.
		assert.Equal(t, string(render(t, "json", want, Options{})), string(render(t, "json", got, Options{})))
	}
}

func TestReadJSONRulesOutsideTheCatalogue(t *testing.T) {
	rules := fixtureRules()
	data := render(t, "json", fixtureReport(false, false), Options{})
	got, err := ReadJSON("scan.json", data, rules[1:])
	require.NoError(t, err)
	assert.Len(t, got.Rules, len(rules)-1)
	require.NotEmpty(t, got.Warnings)
	assert.Contains(t, got.Warnings[len(got.Warnings)-1].String(), "rule aws-ec2-no-admin-ingress ran in the saved scan but is not in this version's catalogue")
}

func TestReadJSONWithoutRuleIDs(t *testing.T) {
	data := render(t, "json", fixtureReport(false, false), Options{})
	start := bytes.Index(data, []byte(`,
  "rule_ids"`))
	require.Positive(t, start)
	end := bytes.Index(data[start:], []byte("]")) + start + 1
	old := append(append([]byte{}, data[:start]...), data[end:]...)

	got, err := ReadJSON("old.json", old, fixtureRules())
	require.NoError(t, err)
	var ids []string
	for _, r := range got.Rules {
		ids = append(ids, r.ID)
	}
	// Every rule of the fixture has a visible finding except none: all four.
	assert.Equal(t, []string{"aws-ec2-no-admin-ingress", "aws-rds-deletion-protection", "aws-rds-storage-encrypted", "aws-s3-versioning-enabled"}, ids)
	assert.Contains(t, got.Warnings[len(got.Warnings)-1].Message, "does not list the rules that ran")
}

func TestReadJSONBadInput(t *testing.T) {
	cases := map[string]struct {
		data, want string
	}{
		"syntax":        {"{\n  \"tool\": \"x\",\n  oops\n}", "scan.json:3:3: invalid JSON"},
		"type":          {"{\n  \"schema_version\": \"1\"\n}", "scan.json:2:24: schema_version: want int, got string"},
		"unknown field": {`{"tool": "terraform-provider-soc2", "colour": 1}`, `unknown field "colour"`},
		"other tool":    {`{"tool": "checkov", "schema_version": 1}`, "not a report of `terraform-provider-soc2 scan --format json`"},
		"version":       {`{"tool": "terraform-provider-soc2", "schema_version": 9}`, "schema_version 9: this version reads schema_version 1"},
		"trailing":      {"{\"tool\": \"terraform-provider-soc2\", \"schema_version\": 1}\n{}", "scan.json:2:1: unexpected data after the report"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ReadJSON("scan.json", []byte(tc.data), []*scanner.Rule{})
			require.Error(t, err)
			assert.True(t, strings.Contains(err.Error(), tc.want), "got %q, want %q", err, tc.want)
		})
	}
}
