package inventory

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// writeConfig writes files (name → content) into a new directory.
func writeConfig(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600))
	}
	return dir
}

// The example configuration read before apply gives the same inventory as
// its state after apply: references resolve to the ids the provider
// computes.
func TestParseConfigMatchesState(t *testing.T) {
	opt := options(t, "2026-11-25")
	fromState := fileReport(t, stateFixture, opt)
	inv, err := ParseConfig(filepath.Join("..", "..", "examples", "inventory"))
	require.NoError(t, err)
	fromConfig := NewReport(inv, opt)

	assert.Equal(t, fromState.Controls, fromConfig.Controls)
	assert.Equal(t, fromState.Owners, fromConfig.Owners)
	assert.Equal(t, fromState.Criteria, fromConfig.Criteria)
	require.Len(t, fromConfig.Evidence, len(fromState.Evidence))
	for i := range fromState.Evidence {
		want, got := fromState.Evidence[i], fromConfig.Evidence[i]
		want.State, got.State = EvidenceState{}, EvidenceState{}
		assert.Equal(t, want, got)
	}
	assert.Empty(t, fromConfig.Warnings)
	assert.Equal(t, formConfig, fromConfig.Source.Form)

	scope := inv.Scope()
	require.NotNil(t, scope, "the soc2_scope resource")
	assert.Equal(t, "soc2_scope.acme", scope.Address)
	assert.Equal(t, []tsc.Category{tsc.Security, tsc.Availability}, scope.Categories)
	assert.Equal(t, "2026-01-01", scope.WindowStart)
	assert.Equal(t, "2026-12-31", scope.WindowEnd)
}

func TestParseConfigUnknownsAndScope(t *testing.T) {
	dir := writeConfig(t, map[string]string{
		"main.tf": `
variable "owner" {}

resource "soc2_scope" "org" {
  categories_in_scope = ["confidentiality"]
  observation_window  = { start = "2026-01-01", end = "2026-06-30" }
}

resource "soc2_control" "a" {
  count      = 2
  control_id = "A-01"
  title      = upper("computed")
  criteria   = ["CC6.1"]
  owner_id   = var.owner
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "ignored" {
  bucket = "x"
}
`,
		"provider.tf": `provider "soc2" {
  categories_in_scope = ["availability"]
}`,
		"main_override.tf": `resource "soc2_control" "a" {
  title = "overridden"
}`,
	})
	inv, err := ParseConfig(dir)
	require.NoError(t, err)
	scope := inv.Scope()
	require.NotNil(t, scope)
	assert.Equal(t, "soc2_scope.org", scope.Address, "a soc2_scope resource wins over the provider block")
	assert.Equal(t, []tsc.Category{tsc.Security, tsc.Confidentiality}, scope.Categories)
	assert.Equal(t, "2026-06-30", scope.WindowEnd)

	rep := NewReport(inv, options(t, "2026-06-01"))
	require.Len(t, rep.Controls, 1)
	c := rep.Controls[0]
	assert.Equal(t, "soc2_control.a", c.Address)
	assert.Equal(t, StatusPlanned, c.Status, "the provider's default status")
	assert.Equal(t, []string{"title", "owner_id"}, c.Unknown)
	var messages []string
	for _, w := range rep.Warnings {
		messages = append(messages, w.String())
	}
	assert.Contains(t, messages, "soc2_control.a: not a literal value or a reference to another soc2 resource, so shown as unknown: title, owner_id")
	assert.Contains(t, messages, "soc2_control.a: "+filepath.Join(dir, "main.tf")+":10:3: count is not expanded when reading a configuration; the block is read as one resource")
	assert.Contains(t, messages, filepath.Join(dir, "main_override.tf")+": override files are not merged when reading a configuration; its values are not read")
}

func TestParseConfigErrors(t *testing.T) {
	cases := map[string]struct {
		files map[string]string
		want  string
	}{
		"syntax": {
			files: map[string]string{"main.tf": "resource \"soc2_control\" \"a\" {\n  title = \n}\n"},
			want:  "main.tf:2:11: Invalid expression",
		},
		"type": {
			files: map[string]string{"main.tf": "resource \"soc2_control\" \"a\" {\n  criteria = { a = 1 }\n}\n"},
			want:  "main.tf:2:14: soc2_control.a: criteria: want a list of strings, got object",
		},
		"category": {
			files: map[string]string{"main.tf": "resource \"soc2_scope\" \"s\" {\n  categories_in_scope = [\"securty\"]\n}\n"},
			want:  `main.tf:2:25: soc2_scope.s: categories_in_scope: "securty" is not a Trust Services Category`,
		},
		"no files": {files: map[string]string{"README.md": "x"}, want: "no .tf or .tf.json files"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseConfig(writeConfig(t, tc.files))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := ParseConfig(filepath.Join(t.TempDir(), "missing"))
	assert.ErrorContains(t, err, "cannot read")
}

func TestParseScopeFromState(t *testing.T) {
	state := `{
  "format_version": "1.0",
  "values": {"root_module": {"resources": [
    {"address": "soc2_scope.b", "mode": "managed", "type": "soc2_scope", "name": "b",
     "provider_name": "registry.terraform.io/soc2-as-code/soc2",
     "values": {"id": "scope", "categories_in_scope": ["privacy"], "observation_window": null}},
    {"address": "soc2_scope.a", "mode": "managed", "type": "soc2_scope", "name": "a",
     "provider_name": "registry.terraform.io/soc2-as-code/soc2",
     "values": {"id": "scope", "categories_in_scope": ["availability", "security"],
                "observation_window": {"start": "2026-01-01", "end": "2026-12-31"}}}
  ]}}
}`
	inv, err := Parse("state.json", []byte(state))
	require.NoError(t, err)
	scope := inv.Scope()
	require.NotNil(t, scope)
	assert.Equal(t, &Scope{Address: "soc2_scope.a", Categories: []tsc.Category{tsc.Security, tsc.Availability}, WindowStart: "2026-01-01", WindowEnd: "2026-12-31"}, scope)
	rep := NewReport(inv, options(t, "2026-06-01"))
	require.Len(t, rep.Warnings, 1)
	assert.Equal(t, "soc2_scope.b: more than one soc2_scope in the input; the report uses soc2_scope.a", rep.Warnings[0].String())

	_, err = Parse("state.json", []byte(`{"format_version": "1.0", "values": {"root_module": {"resources": [
    {"address": "soc2_scope.a", "mode": "managed", "type": "soc2_scope", "name": "a",
     "provider_name": "registry.terraform.io/soc2-as-code/soc2", "values": {"categories_in_scope": ["nope"]}}]}}}`))
	assert.ErrorContains(t, err, `soc2_scope.a: categories_in_scope: "nope" is not a Trust Services Category`)
}

// The evidence table has headers, and evidence without its own owner names
// its control's owner.
func TestTextEvidenceHeaders(t *testing.T) {
	text := written(t, fileReport(t, stateFixture, options(t, "2027-01-10")), "text")
	assert.Regexp(t, `(?m)^  STATUS +NEXT DUE +WHEN +EVIDENCE +OWNER +NOTE$`, text)
	// END-01/MDM compliance report sets no owner_id; END-01 is Lena's.
	assert.Regexp(t, `(?m)^  overdue +2026-12-02 +39 days late +END-01/MDM compliance report +Lena Fischer <lena\.fischer@acme\.example>`, text)
}
