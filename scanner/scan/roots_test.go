package scan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// moduleRepo writes a module repository in a directory called name in a
// new temporary directory, with cfg as its .soc2scan.hcl when not "":
//
//   - the module at the top, whose database is encrypted only when the
//     caller says so (the default is false);
//   - modules/replica, a submodule alike;
//   - examples/local, calling the top by a relative path, encrypted;
//   - examples/registry, calling modules/replica by the registry address
//     acme/store/aws//modules/replica, encrypted;
//   - examples/legacy, calling the top with the default: not encrypted.
func moduleRepo(t *testing.T, name, cfg string) string {
	t.Helper()
	db := func(name string) string {
		return `variable "encrypted" {
  type    = bool
  default = false
}

resource "aws_db_instance" "` + name + `" {
  storage_encrypted       = var.encrypted
  backup_retention_period = 14
}
`
	}
	files := map[string]string{
		"main.tf":                    db("this"),
		"modules/replica/main.tf":    db("replica"),
		"examples/local/main.tf":     "module \"store\" {\n  source    = \"../../\"\n  encrypted = true\n}\n",
		"examples/registry/main.tf":  "module \"replica\" {\n  source    = \"acme/store/aws//modules/replica\"\n  version   = \"~> 1.0\"\n  encrypted = true\n}\n",
		"examples/legacy/main.tf":    "module \"store\" {\n  source = \"../..\"\n}\n",
		"examples/legacy/README.md":  "# the old way\n",
		"node_modules/x/main.tf":     `resource "aws_db_instance" "vendored" {}`,
		".terraform/modules/main.tf": `resource "aws_db_instance" "cached" {}`,
	}
	if cfg != "" {
		files[config.FileName] = cfg
	}
	repo := filepath.Join(t.TempDir(), name)
	for p, content := range files {
		full := filepath.Join(repo, filepath.FromSlash(p))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(content), 0o644))
	}
	return repo
}

// rootPaths returns the report's roots relative to repo, excluded ones
// marked with a leading "-".
func rootPaths(t *testing.T, rep *report.Report, repo string) []string {
	t.Helper()
	var out []string
	for _, r := range rep.Roots {
		rel, err := filepath.Rel(repo, filepath.FromSlash(r.Path))
		require.NoError(t, err)
		if r.Excluded {
			rel = "-" + rel
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// encStatuses maps the address of each database to its test-enc status.
func encStatuses(rep *report.Report) map[string]scanner.Status {
	out := map[string]scanner.Status{}
	for _, f := range rep.Findings {
		if f.RuleID == "test-enc" {
			out[f.Resource] = f.Status
		}
	}
	return out
}

func warningTexts(rep *report.Report) []string {
	var out []string
	for _, p := range rep.Warnings {
		out = append(out, p.String())
	}
	sort.Strings(out)
	return out
}

func TestRunScansEveryRootOfAModuleRepository(t *testing.T) {
	repo := moduleRepo(t, "terraform-aws-store", "")
	req := request(repo)
	req.IncludePassed = true
	res, err := Run(t.Context(), req)
	require.NoError(t, err)
	rep := res.Report
	assert.Equal(t, []string{"examples/legacy", "examples/local", "examples/registry"}, rootPaths(t, rep, repo),
		"the top and modules/replica are called (the latter by its registry address), so they are no roots; hidden directories and node_modules make none")
	for _, r := range rep.Roots {
		assert.Equal(t, "not called by another module", r.Reason)
		assert.Equal(t, 1, r.Resources, "%s scans one database through its module", r.Path)
	}
	assert.Equal(t, []string{`module.replica: "acme/store/aws//modules/replica" scanned from the local copy ../../modules/replica (version "~> 1.0" ignored)`},
		rep.Roots[2].Notes)
	assert.Empty(t, rep.Warnings, "the registry module is scanned from the local copy, not reported as remote")
	assert.Equal(t, map[string]scanner.Status{
		"module.store.aws_db_instance.this":      scanner.Fail, // examples/legacy, the default
		"module.replica.aws_db_instance.replica": scanner.Pass, // examples/registry's input
	}, encStatuses(rep))
	var passedThis bool
	for _, f := range rep.Findings {
		passedThis = passedThis || (f.RuleID == "test-enc" && f.Resource == "module.store.aws_db_instance.this" && f.Status == scanner.Pass)
		assert.NotEqual(t, "aws_db_instance.this", f.Resource, "the top is scanned through its callers only")
	}
	assert.True(t, passedThis, "examples/local encrypts the top's database")
}

func TestRunExcludesRoots(t *testing.T) {
	for name, tc := range map[string]struct {
		cfg, flag, reason string
	}{
		"config": {cfg: "exclude_roots = [\"examples/legacy/**\"]\n", reason: `excluded by exclude_roots "examples/legacy/**" (.soc2scan.hcl:1)`},
		"flag":   {flag: "examples/leg*", reason: `excluded by --exclude-root "examples/leg*"`},
	} {
		t.Run(name, func(t *testing.T) {
			repo := moduleRepo(t, "terraform-aws-store", tc.cfg)
			req := request(repo)
			if tc.flag != "" {
				t.Chdir(repo)
				req.ExcludeRoots = []string{tc.flag}
			}
			res, err := Run(t.Context(), req)
			require.NoError(t, err)
			rep := res.Report
			assert.Equal(t, []string{"-examples/legacy", "examples/local", "examples/registry"}, rootPaths(t, rep, repo))
			assert.Equal(t, tc.reason, rep.Roots[0].Reason)
			assert.Equal(t, map[string]scanner.Status{
				"module.store.aws_db_instance.this":      scanner.Pass,
				"module.replica.aws_db_instance.replica": scanner.Pass,
			}, encStatuses(rep), "only the legacy example fails, and it is excluded")
		})
	}
}

func TestRunRejectsABadExcludeRootPattern(t *testing.T) {
	repo := moduleRepo(t, "terraform-aws-store", "")
	req := request(repo)
	req.ExcludeRoots = []string{"examples/["}
	_, err := Run(t.Context(), req)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, InputExcludeRoots, e.Input)
	assert.Equal(t, "examples/[", e.Name)
}

func TestRunMapsModuleSources(t *testing.T) {
	t.Run("unknown repository", func(t *testing.T) {
		repo := moduleRepo(t, "store", "")
		res, err := Run(t.Context(), request(repo))
		require.NoError(t, err)
		rep := res.Report
		assert.Equal(t, []string{"examples/legacy", "examples/local", "examples/registry", "modules/replica"}, rootPaths(t, rep, repo),
			"nothing says acme/store/aws is this repository: modules/replica is a root of its own")
		require.Len(t, rep.Warnings, 1)
		assert.Contains(t, rep.Warnings[0].Message, `remote source "acme/store/aws//modules/replica" is not fetched`)
	})
	t.Run("module_sources", func(t *testing.T) {
		repo := moduleRepo(t, "store", `module_sources = { "registry.terraform.io/Acme/store/aws" = "." }`+"\n")
		res, err := Run(t.Context(), request(repo))
		require.NoError(t, err)
		assert.Equal(t, []string{"examples/legacy", "examples/local", "examples/registry"}, rootPaths(t, res.Report, repo))
		assert.Empty(t, warningTexts(res.Report))
	})
	t.Run("git remote", func(t *testing.T) {
		repo := moduleRepo(t, "checkout", "")
		require.NoError(t, os.MkdirAll(filepath.Join(repo, ".git"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(repo, ".git", "config"),
			[]byte("[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:acme/terraform-aws-store.git\n"), 0o644))
		res, err := Run(t.Context(), request(repo))
		require.NoError(t, err)
		assert.Equal(t, []string{"examples/legacy", "examples/local", "examples/registry"}, rootPaths(t, res.Report, repo))
		assert.Empty(t, warningTexts(res.Report))
	})
	t.Run("another owner", func(t *testing.T) {
		repo := moduleRepo(t, "someone+terraform-aws-store", "")
		res, err := Run(t.Context(), request(repo))
		require.NoError(t, err)
		assert.Contains(t, rootPaths(t, res.Report, repo), "modules/replica", "someone's checkout is not acme's module")
	})
}

func TestRunRefusesAModuleSourceOutsideTheScan(t *testing.T) {
	repo := moduleRepo(t, "store", `module_sources = { "acme/store/aws" = "../elsewhere" }`+"\n")
	elsewhere := filepath.Join(filepath.Dir(repo), "elsewhere", "modules", "replica")
	require.NoError(t, os.MkdirAll(elsewhere, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(elsewhere, "main.tf"), []byte("variable \"encrypted\" {}\nresource \"aws_db_instance\" \"outside\" {}\n"), 0o644))
	res, err := Run(t.Context(), request(repo))
	require.NoError(t, err)
	rep := res.Report
	require.Len(t, rep.Errors, 1)
	msg := rep.Errors[0].String()
	assert.Contains(t, msg, `Module "replica" not scanned`)
	assert.Contains(t, msg, "--allow-path", "refused like any read outside the scanned paths")
	for _, f := range rep.Findings {
		assert.False(t, strings.Contains(f.Resource, "outside"), "%s was read", f.Resource)
	}

	req := request(repo)
	req.AllowPaths = []string{filepath.Join(filepath.Dir(repo), "elsewhere")}
	res, err = Run(t.Context(), req)
	require.NoError(t, err)
	assert.Empty(t, res.Report.Errors, "allowed, the mapping is read")
	assert.Contains(t, encStatuses(res.Report), "module.replica.aws_db_instance.outside")
}

// TestRunNamesEachFindingsRoot scans a module repository whose examples
// local and legacy both call the top module as module.store: the same
// address, file and line through two roots, told apart only by the root
// each finding names, in every format.
func TestRunNamesEachFindingsRoot(t *testing.T) {
	repo := moduleRepo(t, "terraform-aws-store", "")
	req := request(repo)
	req.IncludePassed = true
	res, err := Run(t.Context(), req)
	require.NoError(t, err)
	rep := res.Report
	require.True(t, rep.MultiRoot())

	byRoot := map[string]scanner.Status{}
	fingerprints := map[string]bool{}
	for _, f := range rep.Findings {
		if f.RuleID == "test-enc" && f.Resource == "module.store.aws_db_instance.this" {
			byRoot[f.Root] = f.Status
			fingerprints[f.Fingerprint] = true
		}
	}
	assert.Equal(t, map[string]scanner.Status{
		"examples/legacy": scanner.Fail, // the default
		"examples/local":  scanner.Pass, // encrypted = true
	}, byRoot, "one finding per root, each naming its own")
	assert.Len(t, fingerprints, 2, "the fingerprints differ by root too")

	var buf strings.Builder
	require.NoError(t, report.Write(&buf, "json", rep, report.Options{}))
	var doc struct {
		Findings []struct {
			RuleID   string `json:"rule_id"`
			Resource string `json:"resource"`
			Root     string `json:"root"`
			Status   string `json:"status"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(buf.String()), &doc))
	jsonRoots := map[string]string{}
	for _, f := range doc.Findings {
		require.NotEmpty(t, f.Root, "%s %s", f.RuleID, f.Resource)
		if f.RuleID == "test-enc" && f.Resource == "module.store.aws_db_instance.this" {
			jsonRoots[f.Root] = f.Status
		}
	}
	assert.Equal(t, map[string]string{"examples/legacy": "fail", "examples/local": "pass"}, jsonRoots)

	buf.Reset()
	require.NoError(t, report.Write(&buf, "sarif", rep, report.Options{}))
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID     string `json:"ruleId"`
				Properties struct {
					Resource string `json:"resource"`
					Root     string `json:"root"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(buf.String()), &log))
	var sarifRoots []string
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "test-enc" && r.Properties.Resource == "module.store.aws_db_instance.this" {
			sarifRoots = append(sarifRoots, r.Properties.Root)
		}
	}
	sort.Strings(sarifRoots)
	assert.Equal(t, []string{"examples/legacy", "examples/local"}, sarifRoots)

	buf.Reset()
	require.NoError(t, report.Write(&buf, "text", rep, report.Options{}))
	assert.Contains(t, buf.String(), "main.tf:7 [root examples/legacy]  module.store.aws_db_instance.this\n",
		"the text report names the root of the failing finding")
	buf.Reset()
	require.NoError(t, report.Write(&buf, "text", rep, report.Options{Compact: true}))
	// The line starts with the location (editors read it so) and names
	// the root after the message.
	assert.Regexp(t, `(?m)^\S*main\.tf:7:\d+: HIGH test-enc module\.store\.aws_db_instance\.this: storage_encrypted is not true \[root examples/legacy\]$`, buf.String())
	assert.Regexp(t, `(?m)^\S*main\.tf:\d+:\d+: HIGH test-enc module\.store\.aws_db_instance\.this: .*\[root examples/local\] \[passed\]$`, buf.String())
	buf.Reset()
	require.NoError(t, report.Write(&buf, "markdown", rep, report.Options{}))
	assert.Contains(t, buf.String(), "main.tf:7 [root examples/legacy]`")
	buf.Reset()
	require.NoError(t, report.Write(&buf, "junit", rep, report.Options{}))
	assert.Contains(t, buf.String(), `<property name="root" value="examples/legacy"></property>`)
	assert.Contains(t, buf.String(), `<property name="root" value="examples/local"></property>`)
}

func TestRunNamesTheSingleRootDot(t *testing.T) {
	repo := moduleRepo(t, "terraform-aws-store", "")
	req := request(filepath.Join(repo, "examples", "legacy"))
	req.AllowPaths = []string{repo}
	req.IncludePassed = true
	res, err := Run(t.Context(), req)
	require.NoError(t, err)
	rep := res.Report
	require.NotEmpty(t, rep.Findings, "errors %v warnings %v roots %v", rep.Errors, rep.Warnings, rep.Roots)
	assert.False(t, rep.MultiRoot())
	for _, f := range rep.Findings {
		assert.Equal(t, ".", f.Root, "%s %s", f.RuleID, f.Resource)
	}
	var buf strings.Builder
	require.NoError(t, report.Write(&buf, "json", rep, report.Options{}))
	assert.Contains(t, buf.String(), `"root": "."`)
	buf.Reset()
	require.NoError(t, report.Write(&buf, "text", rep, report.Options{}))
	assert.NotContains(t, buf.String(), "[root", "one root: the text report does not name it")
	buf.Reset()
	require.NoError(t, report.Write(&buf, "markdown", rep, report.Options{}))
	assert.NotContains(t, buf.String(), "[root")
}
