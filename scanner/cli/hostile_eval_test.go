package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests feed `scan` input written to break it: nesting deep enough to
// overflow a parser's stack, configurations Terraform rejects but a lax
// evaluator would call unknown (and pass), and counts and module fan-outs
// large enough to exhaust time and memory. Each asserts the exit code,
// where the problem is reported and that the rest was still scanned. The
// small inputs live in testdata/hostile/eval; the large ones are written
// at test time.

// okFile is a second file of every hostile module: its database is not
// encrypted, so a finding on aws_db_instance.ok shows it was scanned.
const okFile = `resource "aws_db_instance" "ok" {
  storage_encrypted = false
}
`

// hostileReport is the part of the JSON report these tests read.
type hostileReport struct {
	Findings []struct {
		Resource string `json:"resource"`
	} `json:"findings"`
	Errors   []located `json:"errors"`
	Warnings []located `json:"warnings"`
	Summary  struct {
		ResourcesScanned int `json:"resources_scanned"`
		FilesScanned     int `json:"files_scanned"`
	} `json:"summary"`
}

type located struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// scanHostile scans with the fixture rules and decodes the JSON report.
func scanEvalHostile(t *testing.T, args ...string) (int, hostileReport) {
	t.Helper()
	code, stdout, stderr := runFixture(append([]string{"scan", "--format", "json"}, args...)...)
	var rep hostileReport
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep), "stdout: %.2000s\nstderr: %s", stdout, stderr)
	return code, rep
}

// writeModule writes files (name → content) into a new directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	}
	return dir
}

// assertOKScanned checks that aws_db_instance.ok was scanned.
func assertOKScanned(t *testing.T, rep hostileReport) {
	t.Helper()
	var resources []string
	for _, f := range rep.Findings {
		resources = append(resources, f.Resource)
	}
	assert.Contains(t, resources, "aws_db_instance.ok", "the other file is still scanned")
}

// assertOneError checks that the report holds exactly one error, at
// file:line:col, whose message contains want.
func assertOneError(t *testing.T, rep hostileReport, file string, line, col int, want string) {
	t.Helper()
	require.Len(t, rep.Errors, 1, "%+v", rep.Errors)
	e := rep.Errors[0]
	assert.Equal(t, file, filepath.Base(e.File))
	assert.Equal(t, line, e.Line, e.Message)
	assert.Equal(t, col, e.Column, e.Message)
	assert.Contains(t, e.Message, want)
}

func TestHostileNestingIsAnErrorOnThatFile(t *testing.T) {
	const n = 100_000
	tests := []struct {
		name, file, content string
		line, col           int
	}{
		{"brackets", "main.tf", "locals {\n  x = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n}\n", 2, 262},
		{"parentheses", "main.tf", "locals {\n  x = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + "\n}\n", 2, 262},
		{"blocks", "main.tf", "resource \"aws_s3_bucket\" \"b\" {\n" + strings.Repeat("a {\n", 2*n) + strings.Repeat("}\n", 2*n) + "}\n", 257, 3},
		{"interpolations", "main.tf", "locals {\n  x = " + strings.Repeat(`"${`, n/2) + "1" + strings.Repeat(`}"`, n/2) + "\n}\n", 2, 389},
		{"json", "main.tf.json", `{"locals": {"x": ` + strings.Repeat("[", n) + strings.Repeat("]", n) + "}}", 1, 272},
		{"json template", "main.tf.json", `{"locals": {"x": "${` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}"}}`, 1, 274},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModule(t, map[string]string{tt.file: tt.content, "ok.tf": okFile})
			code, rep := scanEvalHostile(t, "--soft-fail", dir)
			assert.Equal(t, ExitError, code, "--soft-fail still fails on broken input")
			assertOneError(t, rep, tt.file, tt.line, tt.col, "Nesting too deep")
			assertOKScanned(t, rep)
			assert.Equal(t, 2, rep.Summary.FilesScanned)
		})
	}
}

func TestHostileWhatTerraformRejectsFailsClosed(t *testing.T) {
	tests := []struct {
		dir       string
		line, col int
		want      string
	}{
		{"undeclared-variable", 2, 12, `Reference to undeclared input variable: an input variable named "nope"`},
		{"undeclared-local", 2, 20, `Reference to undeclared local value: a local value named "nope"`},
		{"undeclared-resource", 2, 12, `Reference to undeclared resource: a managed resource "aws_s3_bucket" "nope"`},
		{"undeclared-data", 2, 12, `Reference to undeclared resource: a data resource "aws_s3_bucket" "nope"`},
		{"undeclared-module", 2, 12, `Reference to undeclared module: no module call named "nope"`},
		{"recursive-locals", 2, 3, "Cycle: local.a, local.b depend on each other"},
		{"unknown-function", 2, 12, `Call to unknown function: There is no function named "no_such_function"`},
		{"tobool-maybe", 3, 27, `cannot convert "maybe" to bool`},
		{"range-limit", 2, 9, "more than 1024 values"},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), tt.dir)
			require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "hostile", "eval", tt.dir))))
			code, rep := scanEvalHostile(t, "--soft-fail", dir)
			assert.Equal(t, ExitError, code, "an error, not an unknown that passes")
			assertOneError(t, rep, "main.tf", tt.line, tt.col, tt.want)
			assertOKScanned(t, rep)
		})
	}
}

func TestHostileValidTerraformStaysUnknown(t *testing.T) {
	// Null defaults fed to coalesce and concat, a string variable a plan
	// may set to "true", provider-defined and core:: functions, Terraform
	// functions the scanner does not compute, a remote module's outputs,
	// try() around a missing function, for and dynamic iterators: Terraform
	// accepts all of it, so none of it is an error.
	dir := filepath.Join(t.TempDir(), "valid-unknowns")
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "hostile", "eval", "valid-unknowns"))))
	code, rep := scanEvalHostile(t, dir)
	assert.Equal(t, ExitFindings, code)
	assert.Empty(t, rep.Errors)
	assertOKScanned(t, rep)
}

func TestHostileCountIsCappedNotOne(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `resource "aws_s3_bucket" "b" {
  count  = 1000000000
  bucket = "b-${count.index}"
}
`,
		"ok.tf": okFile,
	})
	code, rep := scanEvalHostile(t, "--max-instances", "50", dir)
	assert.Equal(t, ExitFindings, code, "a warning, not an error")
	assert.Empty(t, rep.Errors)
	require.Len(t, rep.Warnings, 1)
	w := rep.Warnings[0]
	assert.Equal(t, "main.tf", filepath.Base(w.File))
	assert.Equal(t, 2, w.Line)
	assert.Equal(t, 12, w.Column)
	assert.Contains(t, w.Message, "aws_s3_bucket.b has 1000000000 instances; only the first 50 are scanned")
	assert.Equal(t, 51, rep.Summary.ResourcesScanned, "50 buckets and the database, never one bucket for all")
	assertOKScanned(t, rep)
}

func TestHostileLargeCountsStayFast(t *testing.T) {
	// Two resource types with 100,000 instances each, one referring to
	// the other by index: capped at the default 10,000 each, the scan is
	// linear (it hung for minutes before).
	dir := writeModule(t, map[string]string{
		"main.tf": `resource "aws_s3_bucket" "b" {
  count  = 100000
  bucket = "b-${count.index}"
}

resource "aws_db_instance" "d" {
  count             = 100000
  storage_encrypted = true
  identifier        = aws_s3_bucket.b[count.index].bucket
}
`,
		"ok.tf": okFile,
	})
	start := time.Now()
	code, rep := scanEvalHostile(t, dir)
	assert.Less(t, time.Since(start), 2*time.Minute)
	assert.Equal(t, ExitFindings, code)
	assert.Empty(t, rep.Errors)
	require.Len(t, rep.Warnings, 2)
	assert.Contains(t, rep.Warnings[0].Message, "aws_s3_bucket.b has 100000 instances; only the first 10000 are scanned")
	assert.Contains(t, rep.Warnings[1].Message, "aws_db_instance.d has 100000 instances; only the first 10000 are scanned")
	assert.Equal(t, 20_001, rep.Summary.ResourcesScanned)
}

// fanOut writes a root module calling a module twice at each of levels
// levels, the last holding one bucket: 2^levels buckets if nothing stops
// it.
func fanOut(levels int) map[string]string {
	files := map[string]string{"ok.tf": okFile, "main.tf": "module \"a\" {\n  source = \"./l1\"\n}\n\nmodule \"b\" {\n  source = \"./l1\"\n}\n"}
	dir := ""
	for i := 1; i <= levels; i++ {
		dir += fmt.Sprintf("l%d/", i)
		body := fmt.Sprintf("module \"a\" {\n  source = \"./l%d\"\n}\n\nmodule \"b\" {\n  source = \"./l%d\"\n}\n", i+1, i+1)
		if i == levels {
			body = "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"x\"\n}\n"
		}
		files[dir+"main.tf"] = body
	}
	return files
}

func TestHostileModuleFanOutStops(t *testing.T) {
	dir := writeModule(t, fanOut(22))
	code, rep := scanEvalHostile(t, "--soft-fail", "--max-total-instances", "1000", dir)
	assert.Equal(t, ExitError, code)
	require.Len(t, rep.Errors, 1, "%+v", rep.Errors)
	e := rep.Errors[0]
	assert.Contains(t, e.Message, "Too many instances: expanding module.a.module.a.")
	assert.Contains(t, e.Message, "takes the scan past 1000 resource and module instances")
	assert.Positive(t, e.Line)
	assert.LessOrEqual(t, rep.Summary.ResourcesScanned, 1000)
	assertOKScanned(t, rep)
}

func TestHostileInstanceLimitsFromTheConfiguration(t *testing.T) {
	files := fanOut(22)
	files[".soc2scan.hcl"] = "max_total_instances = 500\nmax_instances = 3\n"
	files["count.tf"] = "resource \"aws_s3_bucket\" \"c\" {\n  count  = 10\n  bucket = \"c\"\n}\n"
	dir := writeModule(t, files)
	code, rep := scanEvalHostile(t, dir)
	assert.Equal(t, ExitError, code)
	require.Len(t, rep.Errors, 1, "%+v", rep.Errors)
	assert.Contains(t, rep.Errors[0].Message, "past 500 resource and module instances")
	require.NotEmpty(t, rep.Warnings)
	assert.Contains(t, rep.Warnings[0].Message, "aws_s3_bucket.c has 10 instances; only the first 3 are scanned")

	// Flags win over the configuration.
	code, rep = scanEvalHostile(t, "--max-total-instances", "200", "--max-instances", "10", dir)
	assert.Equal(t, ExitError, code)
	require.Len(t, rep.Errors, 1)
	assert.Contains(t, rep.Errors[0].Message, "past 200 resource and module instances")
	for _, w := range rep.Warnings {
		assert.NotContains(t, w.Message, "aws_s3_bucket.c has", "10 instances are within --max-instances 10")
	}
}

func TestHostileInstanceLimitsAreChecked(t *testing.T) {
	dir := writeModule(t, map[string]string{"ok.tf": okFile, ".soc2scan.hcl": "max_instances = 0\n"})
	code, stdout, stderr := runFixture("scan", dir)
	assert.Equal(t, ExitError, code, stdout)
	assert.Contains(t, stderr, ".soc2scan.hcl:1:17: Invalid max_instances: max_instances must be a whole number from 1 to 1073741824")

	code, _, stderr = runFixture("scan", "--max-instances", "-1", dir)
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, "--max-instances and --max-total-instances take a positive number")
}

func TestHostileValuesAreBounded(t *testing.T) {
	// Local values nesting one another 2,000 deep, and 40 local values
	// each holding two copies of the previous one (2^40 values): each is
	// cut where it passes the limit, and the scan stays fast.
	tests := []struct {
		name      string
		local     func(i int) string
		line, col int
		want      string
	}{
		{"deep", func(i int) string { return fmt.Sprintf("[local.l%d]", i-1) }, 258, 10, "Value too large: the value nests more than 256 levels deep"},
		{"wide", func(i int) string { return fmt.Sprintf("[local.l%d, local.l%d]", i-1, i-1) }, 21, 9, "Value too large: the value holds more than 1000000 values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("locals {\n  l0 = 1\n")
			n := 2000
			if tt.name == "wide" {
				n = 40
			}
			for i := 1; i < n; i++ {
				fmt.Fprintf(&b, "  l%d = %s\n", i, tt.local(i))
			}
			b.WriteString("}\n")
			dir := writeModule(t, map[string]string{"main.tf": b.String(), "ok.tf": okFile})
			start := time.Now()
			code, rep := scanEvalHostile(t, "--soft-fail", dir)
			assert.Less(t, time.Since(start), time.Minute)
			assert.Equal(t, ExitError, code)
			require.NotEmpty(t, rep.Errors)
			e := rep.Errors[0]
			assert.Equal(t, tt.line, e.Line, e.Message)
			assert.Equal(t, tt.col, e.Column, e.Message)
			assert.Contains(t, e.Message, tt.want)
			assertOKScanned(t, rep)
		})
	}
}
