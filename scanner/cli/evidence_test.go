package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport/htmltest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/ledger"
)

var cleanScan = filepath.Join("testdata", "scan", "clean")

// scanOnDays scans path with --evidence-dir dir once on each of the given
// days of January 2026, at 09:00 UTC.
func scanOnDays(t *testing.T, dir, path string, days ...int) {
	t.Helper()
	for _, day := range days {
		d := catalogueDeps()
		d.Now = func() time.Time { return time.Date(2026, 1, day, 9, 0, 0, 0, time.UTC) }
		code, _, stderr := runWith(d, "scan", "--soft-fail", "--format", "json", "--evidence-dir", dir, path)
		require.Equal(t, ExitOK, code, "stderr: %s", stderr)
	}
}

type windowDoc struct {
	From, To string
	Records  int
	By       string
	Chain    struct{ Intact bool }
	Subjects []struct {
		ID, Verdict, Reason string
		DaysWithRecord      int `json:"days_with_record"`
	}
}

func (w windowDoc) verdicts() map[string]string {
	out := map[string]string{}
	for _, s := range w.Subjects {
		out[s.ID] = s.Verdict
	}
	return out
}

// validateAgainst checks a JSON document against a schema in docs/schemas.
func validateAgainst(t *testing.T, schemaFile string, doc []byte) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "docs", "schemas", schemaFile))
	require.NoError(t, err)
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource(schemaFile, schemaDoc))
	schema, err := c.Compile(schemaFile)
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	require.NoError(t, err)
	assert.NoError(t, schema.Validate(inst))
}

func evidenceReportJSON(t *testing.T, args ...string) windowDoc {
	t.Helper()
	code, stdout, stderr := runWith(catalogueDeps(), append([]string{"evidence", "report", "--format", "json"}, args...)...)
	require.Equal(t, ExitOK, code, "stderr: %s", stderr)
	validateAgainst(t, "evidence-report.schema.json", []byte(stdout))
	var doc windowDoc
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc), stdout)
	return doc
}

func TestScanEvidenceDirAppendsARecordPerRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "evidence")
	scanOnDays(t, dir, insecureExample, 1, 2)

	entries, _, err := ledger.Read(dir)
	require.NoError(t, err)
	require.Len(t, entries, 2)
	rec := entries[1].Record
	require.NotNil(t, rec)
	assert.Equal(t, time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), rec.Time)
	assert.Equal(t, entries[0].Digest, rec.Previous)
	assert.Equal(t, testVersion, rec.Tool.Version)
	assert.Equal(t, []string{insecureExample}, rec.Paths)
	assert.Regexp(t, `^[0-9a-f]{64}$`, rec.Inputs)
	require.NotNil(t, rec.Config, "the insecure example has a .soc2scan.hcl")
	assert.Equal(t, ledger.CatalogueVersion(catalogueDeps().Rules), rec.Catalogue)
	assert.NotEmpty(t, rec.Rules["aws-ebs-volume-encrypted"].Failing)
	assert.NotEmpty(t, rec.Criteria)
	for _, e := range entries {
		validateAgainst(t, "evidence-record.schema.json", e.Data)
	}

	code, stdout, _ := runWith(catalogueDeps(), "evidence", "verify", dir)
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, stdout, "chain intact: 2 records")
}

func TestScanEvidenceDirThatCannotBeWrittenIsBadInput(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	code, _, stderr := runWith(catalogueDeps(), "scan", "--soft-fail", "--evidence-dir", file, cleanScan)
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, "evidence ledger")
}

func TestEvidenceVerifyExitCodes(t *testing.T) {
	dir := t.TempDir()
	scanOnDays(t, dir, cleanScan, 1, 2, 3)
	entries, _, err := ledger.Read(dir)
	require.NoError(t, err)

	code, stdout, _ := runWith(catalogueDeps(), "evidence", "verify", "--format", "json", dir)
	assert.Equal(t, ExitOK, code)
	var v ledger.Verification
	require.NoError(t, json.Unmarshal([]byte(stdout), &v))
	assert.Equal(t, 3, v.Records)

	require.NoError(t, os.Remove(filepath.Join(dir, entries[1].Name)))
	code, stdout, _ = runWith(catalogueDeps(), "evidence", "verify", dir)
	assert.Equal(t, ExitFindings, code)
	assert.Contains(t, stdout, entries[2].Name+": removed:")
	assert.Contains(t, stdout, "chain BROKEN")

	for _, args := range [][]string{
		{"evidence", "verify"},
		{"evidence", "verify", filepath.Join(dir, "missing")},
		{"evidence", "verify", dir, "extra"},
		{"evidence", "verify", "--format", "csv", dir},
		{"evidence", "frobnicate"},
		{"evidence"},
	} {
		code, _, stderr := runWith(catalogueDeps(), args...)
		assert.Equal(t, ExitError, code, "%v", args)
		assert.NotEmpty(t, stderr, "%v", args)
	}
}

func TestEvidenceReportPerControl(t *testing.T) {
	dir := t.TempDir()
	scanOnDays(t, dir, cleanScan, 1, 2, 3)
	doc := evidenceReportJSON(t, dir, "--config", inventoryExample, "--from", "2026-01-01", "--to", "2026-01-03")
	assert.Equal(t, "control", doc.By)
	assert.Equal(t, 3, doc.Records)
	assert.True(t, doc.Chain.Intact)
	v := doc.verdicts()
	assert.Equal(t, "operated effectively", v["CRY-01"], "continuous: a record every day")
	assert.Equal(t, "operated effectively", v["CRY-03"], "annual")

	// A week without a scan is longer than a continuous control allows,
	// not an annual one.
	scanOnDays(t, dir, cleanScan, 10)
	doc = evidenceReportJSON(t, dir, "--config", inventoryExample, "--from", "2026-01-01", "--to", "2026-01-10")
	v = doc.verdicts()
	assert.Equal(t, "insufficient evidence", v["CRY-01"])
	assert.Equal(t, "operated effectively", v["CRY-03"])
}

func TestEvidenceReportWindowDefaultsToTheInventoryScope(t *testing.T) {
	dir := t.TempDir()
	scanOnDays(t, dir, cleanScan, 5)
	doc := evidenceReportJSON(t, dir, "--config", inventoryExample)
	assert.Equal(t, "2026-01-01", doc.From)
	assert.Equal(t, "2026-12-31", doc.To)

	// Without an inventory: rules and criteria, from the first record.
	doc = evidenceReportJSON(t, dir, "--to", "2026-01-06", "--frequency", "daily")
	assert.Equal(t, "rule", doc.By)
	assert.Equal(t, "2026-01-05", doc.From)
	assert.NotEmpty(t, doc.Subjects)
	assert.Equal(t, "operated effectively", doc.verdicts()["aws-ebs-volume-encrypted"])
}

func TestEvidenceReportExitCodes(t *testing.T) {
	dir := t.TempDir()
	scanOnDays(t, dir, insecureExample, 1, 2)
	args := []string{"evidence", "report", dir, "--config", inventoryExample, "--from", "2026-01-01", "--to", "2026-01-02"}

	code, stdout, stderr := runWith(catalogueDeps(), args...)
	assert.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stdout, "EXCEPTIONS CRY-01")
	code, _, _ = runWith(catalogueDeps(), append(args, "--fail-on", "exceptions")...)
	assert.Equal(t, ExitFindings, code)
	code, _, _ = runWith(catalogueDeps(), append(args, "--fail-on", "insufficient-evidence")...)
	assert.Equal(t, ExitOK, code)
	code, stdout, _ = runWith(catalogueDeps(), append(args, "--format", "markdown")...)
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, stdout, "## Failing findings")
	code, stdout, _ = runWith(catalogueDeps(), append(args, "--format", "html")...)
	assert.Equal(t, ExitOK, code)
	assert.Equal(t, "exceptions", htmltest.Grid(htmltest.Parse(t, stdout))["CRY-01"].Verdict)

	for _, bad := range [][]string{
		{"--from", "yesterday"},
		{"--from", "2026-02-01"},
		{"--format", "yaml"},
		{"--fail-on", "bad"},
		{"--frequency", "hourly"},
		{"--state", "x.json"},
	} {
		code, _, stderr := runWith(catalogueDeps(), append(args, bad...)...)
		assert.Equal(t, ExitError, code, "%v", bad)
		assert.NotEmpty(t, stderr, "%v", bad)
	}
	code, _, _ = runWith(catalogueDeps(), "evidence", "report", filepath.Join(dir, "missing"))
	assert.Equal(t, ExitError, code)
}

func TestEvidenceReportFromState(t *testing.T) {
	dir := t.TempDir()
	scanOnDays(t, dir, cleanScan, 1)
	state := filepath.Join("..", "..", "provider", "inventory", "testdata", "state.json")
	doc := evidenceReportJSON(t, dir, "--state", state, "--from", "2026-01-01", "--to", "2026-01-01")
	assert.Equal(t, "control", doc.By)
}
