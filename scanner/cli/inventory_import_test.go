package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

const importHeaderRow = "control_id,title,description,criteria,status,frequency,scanner_rules,owner_email,owner_name,owner_team,backup_owner_email,evidence_name,evidence_frequency\n"

// importCmd writes csv to a file and runs `inventory import` on it.
func importCmd(t *testing.T, csv string, args ...string) (code int, stdout, stderr, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "controls.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o600))
	var out, errb bytes.Buffer
	code = Main(append([]string{"inventory", "import", path}, args...), Streams{Stdout: &out, Stderr: &errb}, catalogueDeps())
	return code, out.String(), errb.String(), path
}

// A spreadsheet with quoted commas and line breaks, a repeated control_id
// for a second evidence requirement and an owner written twice in
// different case converts to Terraform that the inventory reads back
// without a warning.
func TestInventoryImportRoundTrip(t *testing.T) {
	csv := "\uFEFF" + importHeaderRow +
		"CRY-01,Encryption at rest,\"Datastores encrypt storage, with KMS.\nKeys rotate yearly.\",CC6.1;cc6.7,implemented,continuous,aws-rds-storage-encrypted,dana@acme.example,Dana Okafor,Security,lena@acme.example,KMS key list,quarterly\r\n" +
		"CRY-01,,,,,,,,,,,Encryption scan in CI,continuous\r\n" +
		"ACC-01,\"Access reviews, quarterly\",Reviews of every role,CC6.2; CC6.3,planned,quarterly,,DANA@acme.example,,,,,\r\n" +
		",,,,,,,,,,,,\r\n" +
		"ACC-02,MFA,\"Say \"\"hi\"\" ${var.x}\",CC6.1,partial,,,lena@acme.example,Lena Fischer,,,,\r\n"
	dir := t.TempDir()
	out := filepath.Join(dir, "controls.tf")
	code, stdout, stderr, _ := importCmd(t, csv, "--out", out)
	require.Equal(t, ExitOK, code, "stderr: %s", stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "2 owners, 3 controls, 2 evidence requirements")

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	hcl := string(data)
	assert.Equal(t, 2, strings.Count(hcl, `resource "soc2_control_owner"`), "owners are de-duplicated by e-mail, case ignored:\n%s", hcl)
	assert.Contains(t, hcl, `["CC6.1", "CC6.7"]`, "criteria are written as the catalogue writes them")
	assert.Contains(t, hcl, `"Datastores encrypt storage, with KMS.\nKeys rotate yearly."`, "quoted commas and line breaks survive")
	assert.Contains(t, hcl, `backup_owner_id = soc2_control_owner.lena.id`)
	assert.Contains(t, hcl, `"Say \"hi\" $${var.x}"`, "a template sequence in a cell stays literal text")

	inv, err := inventory.ParseConfig(dir)
	require.NoError(t, err)
	rep := inventory.NewReport(inv, inventory.Options{Categories: []tsc.Category{tsc.Security}, RuleIDs: []string{"aws-rds-storage-encrypted"}})
	assert.Empty(t, rep.Warnings, "the generated configuration reads back cleanly")
	require.Len(t, rep.Controls, 3)
	assert.Equal(t, "CRY-01", rep.Controls[2].ControlID)
	assert.Equal(t, []string{"CRY-01/Encryption scan in CI", "CRY-01/KMS key list"}, rep.Controls[2].Evidence)
	assert.Equal(t, "dana@acme.example", rep.Controls[0].Owner.ID)
	assert.True(t, rep.Controls[0].Owner.Declared)

	code, _, stderr, _ = importCmd(t, csv, "--out", out)
	assert.Equal(t, ExitError, code, "an existing --out is never overwritten")
	assert.Contains(t, stderr, "already exists")
}

// Each bad row is named by line and column (after a multi-line cell too)
// with a suggestion, and the good rows are still converted; exit 2.
func TestInventoryImportBadRows(t *testing.T) {
	csv := importHeaderRow +
		"GOOD-01,Good,\"two\nlines\",CC6.1,,,,dana@acme.example,Dana,,,,\n" + // lines 2-3
		"BAD-01,Bad,x,CC6.10,,,,dana@acme.example,,,,,\n" + // line 4
		"bad-02,Bad,x,CC6.1,implementd,,aws-rds-storage-encryptd,lena@acme.example,Lena,,,,\n" + // line 5
		"BAD-03,Bad,x,CC6.1,,,,dana@acme.example,Dana Okafor,,,,\n" + // line 6: another name for dana
		"BAD-01,,,,,,,,,,,Evidence,monthly\n" + // line 7: its control was left out
		"BAD-04,Bad,x,CC6.1,,,,not-an-email,X,,nobody@acme.example,E,yearly\n" // line 8
	code, stdout, stderr, path := importCmd(t, csv)
	require.Equal(t, ExitError, code)
	assert.Contains(t, stdout, `control_id  = "GOOD-01"`)
	assert.NotContains(t, stdout, "BAD")
	for _, want := range []string{
		path + `:4:14: criteria: "CC6.10" is not a SOC 2 Trust Services Criterion (TSC 2017); did you mean "CC6.1"?`,
		path + `:5:1: control_id: "bad-02" is not a control ID`,
		`did you mean "BAD-02"?`,
		path + `:5:20: status: "implementd" is not a valid status; did you mean "implemented"?`,
		`scanner_rules: "aws-rds-storage-encryptd" is not a rule in the scanner's catalogue; did you mean "aws-rds-storage-encrypted"?`,
		path + `:6:`, `owner_name: "Dana Okafor" differs from "Dana" given for dana@acme.example on line 2`,
		path + `:7:1: control_id: BAD-01: its first row (line 4) was left out`,
		path + `:8:`, `owner_email: "not-an-email" is not an e-mail address`,
		"1 owners, 1 controls, 0 evidence requirements; 5 rows left out",
	} {
		assert.Contains(t, stderr, want)
	}
	assert.Less(t, strings.Index(stderr, ":4:"), strings.Index(stderr, ":8:"), "errors in line order")
}

func TestInventoryImportRejectsBadFiles(t *testing.T) {
	for name, tc := range map[string]struct{ csv, want string }{
		"empty":          {"", "is empty"},
		"unknown column": {"control_id,titel,description,criteria,owner_email\n", `unknown column "titel"; did you mean "title"?`},
		"missing column": {"control_id,title\n", "missing required column(s) description, criteria, owner_email"},
		"bad quote":      {importHeaderRow + "A-1,\"x,y\n", "extraneous or missing \" in quoted-field"},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr, _ := importCmd(t, tc.csv)
			assert.Equal(t, ExitError, code)
			assert.Contains(t, stderr, tc.want)
		})
	}
	code, _, stderr, _ := importCmd(t, importHeaderRow, "extra.csv")
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, "name one CSV file")
}

// Any bytes convert or are reported, never a panic, and what converts is
// Terraform that parses.
func FuzzInventoryImport(f *testing.F) {
	f.Add([]byte(importHeaderRow + "CRY-01,T,\"a,\nb\",CC6.1;cc6.7,implemented,daily,,a@b.co,A,,,E,monthly\nCRY-01,,,,,,,,,,,F,daily\n"))
	f.Add([]byte("\uFEFFcontrol_id,title,description,criteria,owner_email\nX,\"\"\"${x}\"\"\",d,CC6.10,a@b.co\n"))
	f.Add([]byte(importHeaderRow + "A-1,\"x,y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		imp, err := importControls("fuzz.csv", data, []string{"aws-rds-storage-encrypted"})
		if err != nil {
			return
		}
		out := imp.hcl()
		_, diags := hclwrite.ParseConfig(out, "out.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("generated HCL does not parse: %s\n%s", diags, out)
		}
		if want := hclWithHCLWrite(imp); !bytes.Equal(out, want) {
			t.Fatalf("generated HCL is not hclwrite's:\n%s\nwant:\n%s", out, want)
		}
	})
}
