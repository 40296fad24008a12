package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	inventoryExample = filepath.Join("..", "..", "examples", "inventory")
	insecureExample  = filepath.Join("..", "..", "examples", "scan", "insecure")
)

// coverageDoc is the part of the JSON report the command's inputs and
// flags decide.
type coverageDoc struct {
	CategoriesInScope []string `json:"categories_in_scope"`
	Inventory         struct {
		Name string `json:"name"`
		Form string `json:"form"`
	} `json:"inventory"`
	Scan struct {
		Name           string `json:"name"`
		PassesRecorded bool   `json:"passes_recorded"`
	} `json:"scan"`
	Summary struct {
		ByVerdict map[string]int `json:"by_verdict"`
	} `json:"summary"`
	Criteria []struct {
		ID      string `json:"id"`
		Verdict string `json:"verdict"`
	} `json:"criteria"`
	Controls []struct {
		ControlID        string   `json:"control_id"`
		AutomatedStatus  string   `json:"automated_status"`
		FailingResources []string `json:"failing_resources"`
	} `json:"controls"`
}

func coverageCmd(stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(append([]string{"coverage", "--now", "2026-12-01"}, args...),
		Streams{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}, catalogueDeps())
	return code, out.String(), errb.String()
}

// coverageSchema is the JSON Schema of the report, in docs/schemas.
func coverageSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "docs", "schemas", "coverage.schema.json"))
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("coverage.schema.json", doc))
	schema, err := c.Compile("coverage.schema.json")
	require.NoError(t, err)
	return schema
}

// coverageJSON runs the command with --format json, checks the output
// against the schema and decodes it.
func coverageJSON(t *testing.T, args ...string) coverageDoc {
	t.Helper()
	code, stdout, stderr := coverageCmd("", append(args, "--format", "json")...)
	require.Equal(t, ExitOK, code, "stderr: %s", stderr)
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
	require.NoError(t, err)
	assert.NoError(t, coverageSchema(t).Validate(inst))
	var doc coverageDoc
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc), stdout)
	return doc
}

// savedScan writes `scan --format json` of the insecure example to a file.
func savedScan(t *testing.T, extra ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "scan.json")
	code, _, stderr := run(append([]string{"scan", "--format", "json", "--soft-fail", "--out", "json=" + path}, append(extra, insecureExample)...)...)
	require.Equal(t, ExitOK, code, stderr)
	return path
}

func controlStatus(doc coverageDoc, id string) (string, []string) {
	for _, c := range doc.Controls {
		if c.ControlID == id {
			return c.AutomatedStatus, c.FailingResources
		}
	}
	return "", nil
}

// Every combination of inventory and scan input gives the same join of the
// example inventory with the insecure example.
func TestCoverageInputs(t *testing.T) {
	withPasses := savedScan(t, "--include-passed")
	withoutPasses := savedScan(t)
	cases := map[string]struct {
		args       []string
		form, scan string
		passes     bool
		categories []string
	}{
		"state and scan":        {[]string{"--state", stateFixture, "--scan", insecureExample}, "state", insecureExample, true, []string{"security"}},
		"state and saved scan":  {[]string{"--state", stateFixture, "--scan-result", withPasses}, "state", withPasses, true, []string{"security"}},
		"config and scan":       {[]string{"--config", inventoryExample, "--scan", insecureExample}, "config", insecureExample, true, []string{"security", "availability"}},
		"config and saved scan": {[]string{"--config", inventoryExample, "--scan-result", withoutPasses}, "config", withoutPasses, false, []string{"security", "availability"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			doc := coverageJSON(t, tc.args...)
			assert.Equal(t, tc.form, doc.Inventory.Form)
			assert.Equal(t, tc.scan, doc.Scan.Name)
			assert.Equal(t, tc.passes, doc.Scan.PassesRecorded)
			assert.Equal(t, tc.categories, doc.CategoriesInScope, "the state has no soc2_scope; the configuration has one")
			status, failing := controlStatus(doc, "CRY-01")
			assert.Equal(t, "failing", status)
			assert.Equal(t, []string{"../../examples/scan/insecure/encryption.tf:10", "../../examples/scan/insecure/encryption.tf:103"}, failing)
			status, _ = controlStatus(doc, "GOV-01")
			assert.Equal(t, "not-evaluated", status)
			assert.Positive(t, doc.Summary.ByVerdict["at-risk"])
			assert.Equal(t, 9, doc.Summary.ByVerdict["gap"], "the security gaps of the example")
		})
	}
}

func TestCoverageStateFromStdinAndScope(t *testing.T) {
	data, err := os.ReadFile(stateFixture)
	require.NoError(t, err)
	// The state with a soc2_scope resource, as examples/inventory/scope.tf
	// writes it.
	scope := `{"address": "soc2_scope.acme", "mode": "managed", "type": "soc2_scope", "name": "acme",
	  "provider_name": "registry.terraform.io/soc2-as-code/soc2",
	  "values": {"id": "scope", "categories_in_scope": ["availability", "security"],
	             "observation_window": {"start": "2026-01-01", "end": "2026-12-31"}}},`
	withScope := strings.Replace(string(data), `"resources":[`, `"resources":[`+scope, 1)
	require.NotEqual(t, len(data), len(withScope), "the fixture's resource list was not found")

	code, stdout, stderr := coverageCmd(withScope, "--state", "-", "--scan", insecureExample, "--format", "json")
	require.Equal(t, ExitOK, code, stderr)
	var doc coverageDoc
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc))
	assert.Equal(t, "<stdin>", doc.Inventory.Name)
	assert.Equal(t, []string{"security", "availability"}, doc.CategoriesInScope, "read from soc2_scope")

	code, stdout, stderr = coverageCmd(withScope, "--state", "-", "--scan", insecureExample, "--format", "json", "--categories", "security")
	require.Equal(t, ExitOK, code, stderr)
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc))
	assert.Equal(t, []string{"security"}, doc.CategoriesInScope, "--categories overrides the state")

	// The inventory command reads the scope too: availability is in scope
	// without --categories.
	code, stdout, stderr = inventoryCmd(withScope, "--now", "2026-12-01")
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stdout, "In scope  security, availability")
	assert.NotContains(t, stdout, "(not in scope)")
}

func TestCoverageFormats(t *testing.T) {
	args := []string{"--config", inventoryExample, "--scan", insecureExample}
	code, text, stderr := coverageCmd("", args...)
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, text, "SOC 2 coverage")
	assert.Contains(t, text, "CC6.1  Logical access security")
	assert.Contains(t, text, "aws-ebs-volume-encrypted fails at ../../examples/scan/insecure/encryption.tf:10 (aws_ebs_volume.enc_data)")
	assert.Contains(t, text, "A1.2  ")
	assert.Empty(t, stderr, "text carries its warnings inside")

	code, md, _ := coverageCmd("", append(args, "--format", "markdown")...)
	require.Equal(t, ExitOK, code)
	assert.Contains(t, md, "# SOC 2 coverage")
	assert.Contains(t, md, "## Failing rules that no control cites")
	assert.Contains(t, md, "| `aws-ebs-volume-encrypted` | CRY-01 | `../../examples/scan/insecure/encryption.tf:10` |")
}

func TestCoverageExitCodes(t *testing.T) {
	base := []string{"--config", inventoryExample, "--scan", insecureExample}
	code, _, _ := coverageCmd("", append(base, "--fail-on", "gap,at-risk")...)
	assert.Equal(t, ExitFindings, code, "the example has gaps and failing rules")
	code, _, _ = coverageCmd("", append(base, "--fail-on", "covered")...)
	assert.Equal(t, ExitOK, code, "nothing is covered against the insecure example")

	broken := filepath.Join(t.TempDir(), "broken.json")
	require.NoError(t, os.WriteFile(broken, []byte("{\n  \"tool\": 1\n}"), 0o600))
	cases := map[string]struct {
		args []string
		want string
	}{
		"no inventory":    {[]string{"--scan", insecureExample}, "name the inventory with one of --state STATE_JSON or --config DIR"},
		"two inventories": {[]string{"--state", stateFixture, "--config", inventoryExample, "--scan", insecureExample}, "one of --state"},
		"no scan":         {[]string{"--state", stateFixture}, "name the scan with one of --scan PATH or --scan-result FILE"},
		"verdict":         {append(base, "--fail-on", "gaps"), `--fail-on: unknown verdict "gaps": use covered, not-evaluated, at-risk, gap, not-applicable`},
		"format":          {append(base, "--format", "yaml"), "--format: invalid value"},
		"category":        {append(base, "--categories", "securty"), `unknown category "securty"`},
		"broken state":    {[]string{"--state", brokenFixture, "--scan", insecureExample}, "broken.json:6:"},
		"missing config":  {[]string{"--config", "nope", "--scan", insecureExample}, "cannot read nope"},
		"missing scan":    {[]string{"--state", stateFixture, "--scan", "nope"}, "nope"},
		"broken result":   {[]string{"--state", stateFixture, "--scan-result", broken}, "broken.json:2:12: tool: want string"},
		"argument":        {append(base, "extra"), `unexpected argument "extra"`},
		"missing result":  {[]string{"--state", stateFixture, "--scan-result", "nope.json"}, "--scan-result: cannot read nope.json"},
		"negative due-in": {append(base, "--due-within", "-1"), "--due-within: -1 is negative"},
		"bad now":         {append(base, "--now", "tomorrow"), "--now:"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := coverageCmd("", tc.args...)
			assert.Equal(t, ExitError, code)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.want)
		})
	}
}
