package scan

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/engine"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// testRules are two rules on one database: encryption, and a retention
// with a parameter.
func testRules() []*scanner.Rule {
	return []*scanner.Rule{
		{
			ID: "test-enc", Title: "Encrypted", Severity: scanner.High,
			Criteria: scanner.Criteria{Primary: "CC6.1"}, Provider: "aws", ResourceTypes: []string{"aws_db_instance"},
			Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
				return scanner.RequireTrue(r.Attr("storage_encrypted"), "storage_encrypted is not true")
			},
		},
		{
			ID: "test-retention", Title: "Retention", Severity: scanner.Medium,
			Criteria: scanner.Criteria{Primary: "A1.2"}, Provider: "aws", ResourceTypes: []string{"aws_db_instance"},
			Params: []scanner.Param{{Name: "min_days", Description: "days", Default: 7}},
			Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
				v := r.Attr("backup_retention_period")
				if n, ok := v.AsInt(); !ok || int(n) < ctx.Int("min_days") {
					return scanner.Failed(v.Range, "retention %d is below %d days", n, ctx.Int("min_days"))
				}
				return scanner.Passed()
			},
		},
	}
}

var fixedNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// writeStack writes a repository with a configuration file at its top and
// one stack below it, and returns the repository and the stack.
func writeStack(t *testing.T, cfg string) (repo, stack string) {
	t.Helper()
	repo = t.TempDir()
	stack = filepath.Join(repo, "stack")
	require.NoError(t, os.MkdirAll(stack, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(stack, "main.tf"), []byte(`variable "days" {
  default = 14
}

resource "aws_db_instance" "main" {
  storage_encrypted       = false
  backup_retention_period = var.days
}
`), 0o644))
	if cfg != "" {
		require.NoError(t, os.WriteFile(filepath.Join(repo, config.FileName), []byte(cfg), 0o644))
	}
	return repo, stack
}

func request(paths ...string) Request {
	return Request{Paths: paths, Rules: testRules(), Now: func() time.Time { return fixedNow }, Version: "1.2.3"}
}

// statuses maps each finding's rule ID to its status.
func statuses(rep *report.Report) map[string]scanner.Status {
	out := map[string]scanner.Status{}
	for _, f := range rep.Findings {
		out[f.RuleID] = f.Status
	}
	return out
}

func TestRunReadsTheConfigurationFoundUpward(t *testing.T) {
	repo, stack := writeStack(t, `
severity_threshold = "medium"
rule "test-retention" {
  params = { min_days = 30 }
}
`)
	res, err := Run(t.Context(), request(stack))
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(repo, config.FileName), res.ConfigFile, "absolute, as the path is")
	rep := res.Report
	assert.Equal(t, "1.2.3", rep.Version)
	assert.Equal(t, scanner.Medium, rep.Settings.SeverityThreshold)
	assert.False(t, rep.Settings.FailOnUnknown)
	assert.Equal(t, map[string]scanner.Status{"test-enc": scanner.Fail, "test-retention": scanner.Fail}, statuses(rep),
		"14 days is below the configured 30")
}

func TestRunAppliesTheOverrides(t *testing.T) {
	_, stack := writeStack(t, `
severity_threshold = "critical"
rules {
  disabled = ["test-retention"]
}
`)
	failOnUnknown := true
	req := request(stack)
	req.SeverityThreshold = "HIGH"
	req.FailOnUnknown = &failOnUnknown
	req.Vars = []string{"days=3"}
	req.OnlyRules = RuleIDs{IDs: []string{"test-enc"}, Source: "--only"}
	res, err := Run(t.Context(), req)
	require.NoError(t, err)
	assert.Equal(t, scanner.High, res.Report.Settings.SeverityThreshold, "normalised, and over the file's")
	assert.True(t, res.Report.Settings.FailOnUnknown)
	assert.Equal(t, map[string]scanner.Status{"test-enc": scanner.Fail}, statuses(res.Report))

	req.OnlyRules = RuleIDs{}
	req.ExcludeRules = RuleIDs{IDs: []string{"test-enc"}, Source: "--exclude"}
	_, err = Run(t.Context(), req)
	var serr *Error
	require.ErrorAs(t, err, &serr, "one rule disabled by the file, the other by the request: none runs")
	assert.Equal(t, InputConfigFile, serr.Input)
	assert.Contains(t, err.Error(), ".soc2scan.hcl:3:1: no rule would run")

	req.AllowNoRules = true
	res, err = Run(t.Context(), req)
	require.NoError(t, err)
	assert.Empty(t, res.Report.Findings, "no rule ran, as asked")
	assert.Zero(t, res.Report.Summary.RulesRun)
}

func TestRunShowsAConfigurationFoundFromARelativePathRelatively(t *testing.T) {
	repo, _ := writeStack(t, `severity_threshold = "high"`)
	t.Chdir(repo)
	res, err := Run(t.Context(), request("stack"))
	require.NoError(t, err)
	assert.Equal(t, config.FileName, res.ConfigFile)
	assert.Equal(t, "stack/main.tf", res.Report.Findings[0].File)

	req := request("stack")
	req.ConfigFile = filepath.Join("stack", "..", config.FileName)
	res, err = Run(t.Context(), req)
	require.NoError(t, err)
	assert.Equal(t, req.ConfigFile, res.ConfigFile, "a file named is shown as named")
}

func TestRunWithoutConfiguration(t *testing.T) {
	_, stack := writeStack(t, "")
	if found, err := config.Find(stack); err != nil || found != "" {
		t.Skipf("a %s above the temporary directory applies: %s", config.FileName, found)
	}
	res, err := Run(t.Context(), request(stack))
	require.NoError(t, err)
	assert.Empty(t, res.ConfigFile)
	assert.Equal(t, scanner.Low, res.Report.Settings.SeverityThreshold)
	assert.Equal(t, map[string]scanner.Status{"test-enc": scanner.Fail, "test-retention": scanner.Pass}, statuses(res.Report),
		"14 days pass the default 7")
}

func TestRunErrorsBlameTheirInput(t *testing.T) {
	repo, stack := writeStack(t, "rules {\n  disabled = [\"test-encc\"]\n}\n")
	cfg := filepath.Join(repo, config.FileName)
	missing := filepath.Join(repo, "missing")
	tests := map[string]struct {
		edit  func(*Request)
		step  Step
		input Input
		name  string
		msg   string
	}{
		"no path": {
			edit: func(r *Request) { r.Paths = nil },
			step: StepOpen, input: InputPaths,
			msg: "loader: no paths to load",
		},
		"missing path": {
			edit: func(r *Request) { r.Paths = []string{stack, missing} },
			step: StepOpen, input: InputPaths, name: missing,
			msg: "cannot read " + missing + ": no such file or directory",
		},
		"missing variable file": {
			edit: func(r *Request) { r.VarFiles = []string{missing} },
			step: StepOpen, input: InputVarFiles, name: missing,
			msg: "cannot read " + missing + ": no such file or directory",
		},
		"missing allowed path": {
			edit: func(r *Request) { r.AllowPaths = []string{missing} },
			step: StepOpen, input: InputAllowPaths, name: missing,
			msg: "cannot read " + missing + ": no such file or directory",
		},
		"unknown rule in the file found": {
			step: StepConfigure, input: InputConfigFile, name: cfg,
			msg: cfg + `:2:15: rules.disabled: unknown rule "test-encc"; did you mean "test-enc"?`,
		},
		"missing configuration file": {
			edit: func(r *Request) { r.ConfigFile = missing },
			step: StepConfigure, input: InputConfigFile, name: missing,
			msg: "reading config: open " + missing + ": no such file or directory",
		},
		// The cases below name os.DevNull, an empty configuration, so that
		// the broken one found upward does not fail them first.
		"severity": {
			edit: func(r *Request) { r.ConfigFile = os.DevNull; r.SeverityThreshold = "severe" },
			step: StepConfigure, input: InputSeverityThreshold,
			msg: `unknown severity "severe": use one of critical, high, medium, low`,
		},
		"rule ID given in the request": {
			edit: func(r *Request) {
				r.ConfigFile = os.DevNull
				r.OnlyRules = RuleIDs{IDs: []string{"test-retentoin"}, Source: "--only-rules"}
			},
			step: StepConfigure, input: InputOnlyRules, name: os.DevNull,
			msg: `--only-rules: rules.enabled: unknown rule "test-retentoin"; did you mean "test-retention"?`,
		},
		"rule ID excluded in the request": {
			edit: func(r *Request) {
				r.ConfigFile = os.DevNull
				r.ExcludeRules = RuleIDs{IDs: []string{"test-nope"}, Source: "--exclude-rules"}
			},
			step: StepConfigure, input: InputExcludeRules, name: os.DevNull,
			msg: `--exclude-rules: rules.disabled: unknown rule "test-nope"`,
		},
		"missing baseline": {
			edit: func(r *Request) { r.ConfigFile = os.DevNull; r.Baseline = missing },
			step: StepConfigure, input: InputBaseline, name: missing,
			msg: "reading baseline: open " + missing + ": no such file or directory",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			req := request(stack)
			if tt.edit != nil {
				tt.edit(&req)
			}
			res, err := Run(t.Context(), req)
			require.Error(t, err)
			assert.Nil(t, res)
			var e *Error
			require.True(t, errors.As(err, &e), "%T: %v", err, err)
			assert.Equal(t, tt.step, e.Step)
			assert.Equal(t, tt.input, e.Input)
			assert.Equal(t, tt.name, e.Name)
			assert.Contains(t, e.Error(), tt.msg)
		})
	}
}

// Two stacks with the same resource address in files of the same name are
// two findings with two fingerprints: a baseline written for one stack must
// not hide the other's finding.
func TestRunBaselineForOneStackDoesNotHideAnother(t *testing.T) {
	repo := t.TempDir()
	for _, stack := range []string{"prod", "dev"} {
		dir := filepath.Join(repo, "stacks", stack)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`resource "aws_db_instance" "main" {
  storage_encrypted       = false
  backup_retention_period = 30
}
`), 0o644))
	}
	stacks := filepath.Join(repo, "stacks")

	first, err := Run(t.Context(), request(stacks))
	require.NoError(t, err)
	var prodOnly report.Report
	fingerprints := map[string]string{}
	for _, f := range first.Report.Findings {
		if f.RuleID != "test-enc" {
			continue
		}
		fingerprints[filepath.Base(filepath.Dir(f.File))] = f.Fingerprint
		if strings.Contains(filepath.ToSlash(f.File), "/prod/") {
			prodOnly.Findings = append(prodOnly.Findings, f)
		}
	}
	require.Len(t, fingerprints, 2, "one finding per stack")
	assert.NotEqual(t, fingerprints["prod"], fingerprints["dev"])
	require.Len(t, prodOnly.Findings, 1)

	baseline := filepath.Join(repo, "baseline.json")
	var buf bytes.Buffer
	require.NoError(t, engine.WriteBaseline(&buf, &prodOnly))
	require.NoError(t, os.WriteFile(baseline, buf.Bytes(), 0o644))

	req := request(stacks)
	req.Baseline = baseline
	second, err := Run(t.Context(), req)
	require.NoError(t, err)
	suppressed := map[string]bool{}
	for _, f := range second.Report.Findings {
		if f.RuleID == "test-enc" {
			suppressed[filepath.Base(filepath.Dir(f.File))] = f.Suppressed
		}
	}
	assert.Equal(t, map[string]bool{"prod": true, "dev": false}, suppressed, "the baseline accepts prod's finding only")
}

// TestReportKeepsOnlyTheSourcesItShows checks that a scan keeps the
// contents of the files with results (code excerpts) and with suppression
// comments only, and a digest of every file read: the report's memory
// follows the findings, not the input, and the evidence record still
// hashes every file.
func TestReportKeepsOnlyTheSourcesItShows(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.tf": `resource "aws_db_instance" "main" {
  storage_encrypted       = false
  backup_retention_period = 1
}
`,
		"vars.tf":     "variable \"region\" {\n  default = \"eu-west-1\"\n}\n",
		"comments.tf": "# tfsec:ignore:aws-rds-encrypt-instance-storage-data reason\nlocals {\n  x = 1\n}\n",
	}
	for name, src := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	res, err := Run(t.Context(), Request{Paths: []string{dir}, Rules: testRules(), Now: func() time.Time { return fixedNow }})
	require.NoError(t, err)
	rep := res.Report

	kept := map[string]string{}
	for name, src := range rep.Sources {
		kept[filepath.Base(name)] = string(src)
	}
	assert.Equal(t, map[string]string{"main.tf": files["main.tf"], "comments.tf": files["comments.tf"]}, kept,
		"only the files with results or suppression comments are kept")
	digests := map[string][32]byte{}
	for name, d := range rep.Digests {
		digests[filepath.Base(name)] = d
	}
	want := map[string][32]byte{}
	for name, src := range files {
		want[name] = report.Digest([]byte(src))
	}
	assert.Equal(t, want, digests, "every file read is hashed")
	assert.Equal(t, 3, rep.Summary.FilesScanned)
}
