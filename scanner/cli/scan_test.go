package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// These tests drive `scan` with the real loader over fixtures in
// testdata/scan and with fixture rules instead of the catalogue, so they do
// not change when rules are added. Fixtures are copied to a temporary
// directory so that no .soc2scan.hcl above the repository is picked up.

// fixtureRules are sorted by ID, as the catalogue is.
func fixtureRules() []*scanner.Rule {
	rules := []*scanner.Rule{
		{
			ID: "test-enc", Title: "Database storage is encrypted", Description: "Encryption at rest protects data.",
			Severity: scanner.High, Criteria: scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
			Family: scanner.FamilyEncryptionAtRest, Provider: "aws", ResourceTypes: []string{"aws_db_instance"},
			Remediation: "Set storage_encrypted = true.", RemediationCode: "storage_encrypted = true\n",
			References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AWS_16"}},
			Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
				return scanner.RequireTrue(r.Attr("storage_encrypted"), "storage_encrypted is not true")
			},
		},
		{
			ID: "test-bucket-name", Title: "Buckets are named", Severity: scanner.Low,
			Criteria: scanner.Criteria{Primary: "CC2.1"}, Family: scanner.FamilyLogging, Provider: "aws",
			ResourceTypes: []string{"aws_s3_bucket"},
			Params:        []scanner.Param{{Name: "prefix", Description: "required name prefix", Default: "logs"}},
			Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
				if strings.HasPrefix(r.Attr("bucket").StringOr(""), ctx.String("prefix")) {
					return scanner.Passed()
				}
				return scanner.Failed(r.Attr("bucket").Range, "bucket name lacks prefix %q", ctx.String("prefix"))
			},
		},
	}
	return []*scanner.Rule{rules[1], rules[0]}
}

// runFixture runs the command in args with fixtureRules as the catalogue.
func runFixture(args ...string) (code int, stdout, stderr string) {
	return runWith(fixtureDeps(), args...)
}

// fixtureDeps runs the commands with fixtureRules as the catalogue.
func fixtureDeps() Deps {
	return Deps{Rules: fixtureRules(), Version: testVersion}
}

// fixture copies testdata/scan/name into a temporary directory.
func fixture(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	src := filepath.Join("testdata", "scan", name)
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	return dst
}

func scanJSON(t *testing.T, args ...string) (int, map[string]any, string) {
	t.Helper()
	code, stdout, stderr := runFixture(append([]string{"scan", "--format", "json"}, args...)...)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &got), "stdout: %s\nstderr: %s", stdout, stderr)
	return code, got, stderr
}

func findings(rep map[string]any) []map[string]any {
	var out []map[string]any
	for _, f := range rep["findings"].([]any) {
		out = append(out, f.(map[string]any))
	}
	return out
}

func TestScanExitCodes(t *testing.T) {
	insecure := fixture(t, "insecure")
	clean := fixture(t, "clean")

	code, _, stderr := runFixture("scan", clean)
	assert.Equal(t, ExitOK, code, stderr)

	code, stdout, _ := runFixture("scan", insecure)
	assert.Equal(t, ExitFindings, code)
	assert.Contains(t, stdout, "HIGH test-enc: Database storage is encrypted")
	assert.Contains(t, stdout, "> 3 |   storage_encrypted = false")
	assert.NotContains(t, stdout, "\x1b[", "no color when stdout is not a terminal")

	code, _, _ = runFixture("scan", "--soft-fail", insecure)
	assert.Equal(t, ExitOK, code, "--soft-fail")

	code, _, _ = runFixture("scan", insecure, "--severity-threshold", "critical")
	assert.Equal(t, ExitOK, code, "high is below critical; flags may follow paths")

	code, _, _ = runFixture("scan", "--only-rules", "test-bucket-name", "--exclude-rules=test-enc", insecure)
	assert.Equal(t, ExitFindings, code, "the bucket is not named logs-*")
	code, _, _ = runFixture("scan", "--only-rules", "test-enc", clean)
	assert.Equal(t, ExitOK, code)
}

func TestScanColorOnTerminal(t *testing.T) {
	insecure := fixture(t, "insecure")
	var out, errb bytes.Buffer
	code := Main([]string{"scan", insecure}, Streams{Stdout: &out, Stderr: &errb, IsTerminal: true}, fixtureDeps())
	assert.Equal(t, ExitFindings, code)
	assert.Contains(t, out.String(), "\x1b[")

	out.Reset()
	Main([]string{"scan", insecure}, Streams{Stdout: &out, Stderr: &errb, IsTerminal: true, Env: []string{"NO_COLOR=1"}}, fixtureDeps())
	assert.NotContains(t, out.String(), "\x1b[")
	out.Reset()
	Main([]string{"scan", "--no-color", insecure}, Streams{Stdout: &out, Stderr: &errb, IsTerminal: true}, fixtureDeps())
	assert.NotContains(t, out.String(), "\x1b[")
}

func TestScanBrokenInputStillScansTheRest(t *testing.T) {
	broken := fixture(t, "broken")
	code, rep, _ := scanJSON(t, "--soft-fail", broken)
	assert.Equal(t, ExitError, code, "broken input exits 2 even with --soft-fail")
	errs := rep["errors"].([]any)
	require.NotEmpty(t, errs)
	first := errs[0].(map[string]any)
	assert.Equal(t, filepath.ToSlash(filepath.Join(broken, "bad.tf")), first["file"])
	assert.Equal(t, float64(2), first["line"])
	assert.Positive(t, first["column"])
	fs := findings(rep)
	require.Len(t, fs, 1, "main.tf is still scanned")
	assert.Equal(t, "aws_db_instance.main", fs[0]["resource"])

	code, stdout, _ := runFixture("scan", broken)
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stdout, "bad.tf:2:")
}

func TestScanUnknownValues(t *testing.T) {
	dir := fixture(t, "unknown")
	code, rep, _ := scanJSON(t, dir)
	assert.Equal(t, ExitOK, code, "unknown does not fail by default")
	fs := findings(rep)
	require.Len(t, fs, 1)
	assert.Equal(t, "unknown", fs[0]["status"])

	code, _, _ = scanJSON(t, "--fail-on-unknown", dir)
	assert.Equal(t, ExitFindings, code)

	code, rep, _ = scanJSON(t, "--var", "encrypted=true", dir)
	assert.Equal(t, ExitOK, code)
	assert.Empty(t, findings(rep))

	var out, errb bytes.Buffer
	code = Main([]string{"scan", "--include-passed", "--format", "json", dir}, Streams{Stdout: &out, Stderr: &errb, Env: []string{"TF_VAR_encrypted=false"}}, fixtureDeps())
	assert.Equal(t, ExitFindings, code, "TF_VAR_* from the environment")

	varFile := filepath.Join(t.TempDir(), "prod.tfvars")
	require.NoError(t, os.WriteFile(varFile, []byte("encrypted = true\n"), 0o644))
	code, rep, _ = scanJSON(t, "--include-passed", "--var-file", varFile, dir)
	assert.Equal(t, ExitOK, code)
	require.Len(t, findings(rep), 1)
	assert.Equal(t, "pass", findings(rep)[0]["status"], "--include-passed")
}

func TestScanSuppressionsAndConfig(t *testing.T) {
	code, rep, _ := scanJSON(t, fixture(t, "suppressed"))
	assert.Equal(t, ExitOK, code)
	fs := findings(rep)
	require.Len(t, fs, 1)
	assert.Equal(t, true, fs[0]["suppressed"])
	assert.Equal(t, map[string]any{"reason": "encrypted at the storage layer, see SEC-42", "source": "inline", "location": fs[0]["file"].(string) + ":2"}, fs[0]["suppression"])

	configured := fixture(t, "configured")
	stack := filepath.Join(configured, "stack")
	code, rep, _ = scanJSON(t, stack)
	assert.Equal(t, ExitFindings, code, "the bucket still fails")
	for _, f := range findings(rep) {
		if f["resource"] == "aws_db_instance.main" {
			assert.Equal(t, "config", f["suppression"].(map[string]any)["source"], ".soc2scan.hcl found upward from the scan root")
		}
	}

	cfg := filepath.Join(t.TempDir(), "strict.hcl")
	require.NoError(t, os.WriteFile(cfg, []byte(`rule "test-bucket-name" { params = { prefix = "logs" } }`+"\n"+`severity_threshold = "high"`), 0o644))
	code, _, _ = scanJSON(t, "--config", cfg, stack)
	assert.Equal(t, ExitFindings, code, "--config replaces the file found upward: the database fails again")
	code, _, _ = scanJSON(t, "--config", cfg, "--severity-threshold", "critical", stack)
	assert.Equal(t, ExitOK, code, "the flag overrides the config's threshold")

	bad := filepath.Join(t.TempDir(), "bad.hcl")
	require.NoError(t, os.WriteFile(bad, []byte("rules {\n  disabled = [\"test-encc\"]\n}\n"), 0o644))
	code, _, stderr := runFixture("scan", "--config", bad, stack)
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, bad+`:2:15: rules.disabled: unknown rule "test-encc"; did you mean "test-enc"?`)

	code, _, stderr = runFixture("scan", "--only-rules", "test-buckt-name", stack)
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, `--only-rules: rules.enabled: unknown rule "test-buckt-name"; did you mean "test-bucket-name"?`)
}

func TestScanOutputsAndBaseline(t *testing.T) {
	insecure := fixture(t, "insecure")
	out := t.TempDir()
	sarif, junit, md, base := filepath.Join(out, "r.sarif"), filepath.Join(out, "r.xml"), filepath.Join(out, "r.md"), filepath.Join(out, "baseline.json")

	code, stdout, stderr := runFixture("scan", "--out", "sarif="+sarif, "--out", "junit="+junit, "--out=markdown="+md, "--baseline-write", base, insecure)
	assert.Equal(t, ExitFindings, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "Summary\n"), "stdout keeps the text report")

	var log map[string]any
	data, err := os.ReadFile(sarif)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &log))
	assert.Equal(t, "2.1.0", log["version"])
	data, err = os.ReadFile(junit)
	require.NoError(t, err)
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
	}
	require.NoError(t, xml.Unmarshal(data, &suites))
	assert.Equal(t, 2, suites.Tests)
	assert.Equal(t, 2, suites.Failures)
	data, err = os.ReadFile(md)
	require.NoError(t, err)
	assert.Contains(t, string(data), "## SOC 2 scan: 2 failing findings")

	data, err = os.ReadFile(base)
	require.NoError(t, err)
	assert.Equal(t, 2, strings.Count(string(data), `"fingerprint"`))

	code, rep, _ := scanJSON(t, "--baseline", base, insecure)
	assert.Equal(t, ExitOK, code, "everything is in the baseline")
	for _, f := range findings(rep) {
		assert.Equal(t, "baseline", f["suppression"].(map[string]any)["source"])
	}

	// Output is byte-identical from run to run.
	_, first, _ := runFixture("scan", "--format", "sarif", insecure)
	_, second, _ := runFixture("scan", "--format", "sarif", insecure)
	assert.Equal(t, first, second)
}

func TestScanBadFlagsAndInput(t *testing.T) {
	clean := fixture(t, "clean")
	tests := map[string]struct {
		args []string
		want string
	}{
		"unknown flag":        {[]string{"--frobnicate", clean}, "flag provided but not defined: -frobnicate"},
		"bad format":          {[]string{"--format", "yaml", clean}, `--format: invalid value "yaml"`},
		"bad out":             {[]string{"--out", "sarif", clean}, `--out "sarif": want FORMAT=FILE`},
		"bad out format":      {[]string{"--out", "pdf=x.pdf", clean}, `--out "pdf=x.pdf": invalid value "pdf"`},
		"bad threshold":       {[]string{"--severity-threshold", "urgent", clean}, `--severity-threshold: unknown severity "urgent"`},
		"bad var":             {[]string{"--var", "novalue", clean}, `--var "novalue": want NAME=VALUE`},
		"missing path":        {[]string{filepath.Join(clean, "nope")}, "cannot read " + filepath.Join(clean, "nope") + ": no such file or directory"},
		"missing var file":    {[]string{"--var-file", "nope.tfvars", clean}, "cannot read nope.tfvars"},
		"missing baseline":    {[]string{"--baseline", "nope.json", clean}, "reading baseline"},
		"missing config file": {[]string{"--config", "nope.hcl", clean}, "reading config"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := runFixture(append([]string{"scan"}, tt.args...)...)
			assert.Equal(t, ExitError, code)
			assert.Contains(t, stderr, tt.want)
		})
	}

	code, _, stderr := runFixture("scan", "-h")
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, "Exit codes:")
	assert.Contains(t, stderr, "-baseline-write FILE")
}

func TestScanStats(t *testing.T) {
	code, _, stderr := runFixture("scan", "--stats", "--soft-fail", fixture(t, "insecure"))
	assert.Equal(t, ExitOK, code)
	assert.Regexp(t, `scanned 1 files \(2 resources, 2 rules\) in .*: \d+ files/s, peak memory \d+\.\d MiB`, stderr)
}

// TestScanWithTheCatalogue is a smoke test with the real rules: whatever
// the catalogue holds, the insecure fixture is scanned and reported.
func TestScanWithTheCatalogue(t *testing.T) {
	require.NotEmpty(t, rules.All())
	code, stdout, stderr := run("scan", "--format", "json", "--include-passed", fixture(t, "insecure"))
	assert.Contains(t, []int{ExitOK, ExitFindings}, code, stderr)

	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(report.JSONSchema))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("report.schema.json", schemaDoc))
	schema, err := c.Compile("report.schema.json")
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
	require.NoError(t, err)
	assert.NoError(t, schema.Validate(inst), "the JSON report matches its schema")

	var rep map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	summary := rep["summary"].(map[string]any)
	assert.Positive(t, summary["rules_run"])
	assert.Equal(t, float64(2), summary["resources_scanned"])
}

func TestScanOutToDevice(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skip("no null device")
	}
	before, err := os.Stat(os.DevNull)
	require.NoError(t, err)
	code, _, stderr := runFixture("scan", "--soft-fail", "--out", "json="+os.DevNull, fixture(t, "insecure"))
	require.Equal(t, ExitOK, code, stderr)
	after, err := os.Stat(os.DevNull)
	require.NoError(t, err)
	assert.Equal(t, before.Mode(), after.Mode(), "the null device is written to, not replaced")
}

func TestScanModuleSuppressions(t *testing.T) {
	code, rep, stderr := scanJSON(t, fixture(t, "module"))
	require.Equal(t, ExitFindings, code, stderr)
	got := map[string]string{}
	for _, f := range findings(rep) {
		source := "none"
		if s, ok := f["suppression"].(map[string]any); ok {
			source = s["source"].(string)
		}
		got[f["resource"].(string)] = source
	}
	assert.Equal(t, map[string]string{
		"module.sandbox.aws_db_instance.this":    "inline",
		"module.sandbox.aws_db_instance.replica": "inline",
		"module.prod.aws_db_instance.this":       "checkov",
		"module.prod.aws_db_instance.replica":    "none",
	}, got, "a comment on a module block covers what it contains")
}

func TestScanRepositoryFindsRootModules(t *testing.T) {
	repo := fixture(t, "repo")
	roots, err := loader.DiscoverRoots([]string{repo, filepath.Join(repo, "modules", "db")})
	require.NoError(t, err)
	assert.Equal(t, []string{
		filepath.Join(repo, "stacks", "dev"),
		filepath.Join(repo, "stacks", "prod"),
		filepath.Join(repo, "modules", "db"),
	}, roots, "modules called by a root and hidden directories are not roots; a directory with .tf files is kept")

	code, rep, stderr := scanJSON(t, "--include-passed", repo)
	require.Equal(t, ExitFindings, code, stderr)
	var got []string
	for _, f := range findings(rep) {
		got = append(got, f["resource"].(string)+" "+f["status"].(string))
	}
	assert.ElementsMatch(t, []string{"module.db.aws_db_instance.this fail", "aws_db_instance.scratch pass"}, got)

	empty := t.TempDir()
	code, _, stderr = runFixture("scan", empty)
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, stderr, "warning: no Terraform files or plans found in "+empty)
}

func TestScanRootModulesReadFilesBesideThem(t *testing.T) {
	repo := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(repo, "stacks", "dev"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(repo, "shared"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(repo, "shared", "tags.json"), []byte(`{"team":"data"}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(repo, "stacks", "dev", "main.tf"), []byte(`locals {
  tags = jsondecode(file("${path.module}/../../shared/tags.json"))
}
`), 0o644))

	code, _, stderr := runFixture("scan", repo)
	assert.Equal(t, ExitOK, code, "a root module found in the named directory may read files elsewhere in it: %s", stderr)

	code, _, _ = runFixture("scan", filepath.Join(repo, "stacks", "dev"))
	assert.Equal(t, ExitError, code, "a root module named on its own may not read outside it")
}
