package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
)

// Hostile or careless configuration and input that must not let a scan
// pass having checked less than it says: a configuration that contradicts
// itself, parameters out of range, globs that match nothing, a selection
// that runs no rule, JSON that is neither a plan nor a state, and paths that
// hold nothing to scan. Each is an error (exit 2) at file:line:col.

// hostileConfig copies testdata/hostile/config/name into a temporary
// directory, out of reach of any .soc2scan.hcl above the repository.
func hostileConfig(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.CopyFS(dst, os.DirFS(filepath.Join("testdata", "hostile", "config", name))))
	return dst
}

// runEnv runs the command in args with the real catalogue and env as the
// environment.
func runEnv(env []string, args ...string) (code int, stdout, stderr string) {
	var out, errb strings.Builder
	code = Main(args, Streams{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Env: env}, catalogueDeps())
	return code, out.String(), errb.String()
}

func TestHostileConfigurationIsRejectedWithItsLocation(t *testing.T) {
	stack := hostileConfig(t, "stack")
	configs := hostileConfig(t, "configs")
	for name, want := range map[string][]string{
		"conflict.soc2scan.hcl": {
			`conflict.soc2scan.hcl:3:15: rule "aws-rds-backup-retention" is both disabled here and enabled (` +
				filepath.ToSlash(filepath.Join(configs, "conflict.soc2scan.hcl")) + `:2:44)`,
		},
		"negative-param.soc2scan.hcl": {
			`negative-param.soc2scan.hcl:2:14: rule aws-rds-backup-retention parameter "min_days": want at least 1, got -1`,
			`negative-param.soc2scan.hcl:6:14: rule azure-keyvault-soft-delete-retention parameter "min_retention_days": want at least 7, got 0`,
		},
		"bad-glob.soc2scan.hcl": {
			`bad-glob.soc2scan.hcl:2:13: Invalid path pattern: "legacy/[a-": segment "[a-" is not a valid glob`,
		},
		"unknown-rule.soc2scan.hcl": {
			`unknown-rule.soc2scan.hcl:2:15: rules.disabled: unknown rule "aws-rds-storage-encryption"; did you mean "aws-rds-storage-encrypted"?`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := run("scan", "--config", filepath.Join(configs, name), stack)
			assert.Equal(t, ExitError, code)
			assert.Empty(t, stdout, "nothing is scanned with a configuration that says two things")
			for _, w := range want {
				assert.Contains(t, stderr, w)
			}
		})
	}
}

func TestHostileConfigurationThatRunsNoRule(t *testing.T) {
	stack := hostileConfig(t, "stack")
	ids := make([]string, 0, len(rules.All()))
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	quoted, err := json.Marshal(ids)
	require.NoError(t, err)
	cfg := filepath.Join(t.TempDir(), ".soc2scan.hcl")
	require.NoError(t, os.WriteFile(cfg, []byte("rules {\n  disabled = "+string(quoted)+"\n}\n"), 0o600))

	code, stdout, stderr := run("scan", "--config", cfg, stack)
	assert.Equal(t, ExitError, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, filepath.ToSlash(cfg)+":1:1: no rule would run")
	assert.Contains(t, stderr, "set allow_no_rules = true (--allow-no-rules)")

	code, _, stderr = run("scan", "--exclude-rules", strings.Join(ids, ","), stack)
	assert.Equal(t, ExitError, code, "flags that leave no rule are refused too")
	assert.Contains(t, stderr, "no rule would run")

	code, stdout, _ = run("scan", "--config", cfg, "--allow-no-rules", "--format", "json", stack)
	assert.Equal(t, ExitOK, code, "said explicitly on the command line")
	var rep struct {
		Summary struct {
			RulesRun     int `json:"rules_run"`
			FilesScanned int `json:"files_scanned"`
		} `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	assert.Zero(t, rep.Summary.RulesRun)
	assert.Equal(t, 1, rep.Summary.FilesScanned, "the stack is still read")

	require.NoError(t, os.WriteFile(cfg, []byte("allow_no_rules = true\nrules {\n  disabled = "+string(quoted)+"\n}\n"), 0o600))
	code, _, stderr = run("scan", "--config", cfg, stack)
	assert.Equal(t, ExitOK, code, "said explicitly in the file: %s", stderr)
}

// JSON that is not `terraform show -json` output is an error on that file;
// the other paths are still scanned and reported.
func TestHostileJSONIsNotAnEmptyPlan(t *testing.T) {
	stack := hostileConfig(t, "stack")
	dir := hostileConfig(t, "json")
	for name, want := range map[string]string{
		"empty-array.json":  "empty-array.json:1:1: Invalid plan or state JSON: a JSON array, not the output of `terraform show -json`",
		"empty-object.json": "empty-object.json:1:1: Invalid plan or state JSON: not the output of `terraform show -json`: no format_version",
		"plans-array.json":  "plans-array.json:1:1: Invalid plan or state JSON: a JSON array of 2 documents: `terraform show -json` writes one plan or state per file",
		"raw-state.json":    "raw-state.json:1:1: Invalid plan or state JSON: a raw state file (terraform.tfstate or `terraform state pull`)",
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, name)
			code, stdout, _ := run("scan", "--format", "json", "--soft-fail", file, stack)
			assert.Equal(t, ExitError, code, "exit 2 even with --soft-fail")
			var rep struct {
				Errors []struct {
					File, Message string
					Line, Column  int
				}
				Findings []struct {
					RuleID   string `json:"rule_id"`
					Resource string
				}
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
			require.Len(t, rep.Errors, 1)
			e := rep.Errors[0]
			got := strings.TrimPrefix(e.File, filepath.ToSlash(dir)+"/") + ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column) + ": " + e.Message
			assert.Contains(t, got, want)
			assert.True(t, hasFinding(rep.Findings, "aws-rds-storage-encrypted", "aws_db_instance.main"), "the stack is still scanned")

			code, stdout, _ = run("scan", file)
			assert.Equal(t, ExitError, code)
			assert.Contains(t, stdout, want, "the text report locates it too")
		})
	}
}

func hasFinding(fs []struct {
	RuleID   string `json:"rule_id"`
	Resource string
}, rule, resource string) bool {
	for _, f := range fs {
		if f.RuleID == rule && f.Resource == resource {
			return true
		}
	}
	return false
}

// A state (`terraform show -json` without a plan) is read as a state: its
// resources, child modules' included, are checked.
func TestHostileStateIsReadAsAState(t *testing.T) {
	dir := hostileConfig(t, "json")
	code, stdout, stderr := run("scan", "--format", "json", filepath.Join(dir, "state.json"))
	assert.Equal(t, ExitFindings, code, stderr)
	var rep struct {
		Findings []struct {
			RuleID   string `json:"rule_id"`
			Resource string
			Status   string
		}
		Summary struct {
			ResourcesScanned int `json:"resources_scanned"`
		}
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	assert.Equal(t, 1, rep.Summary.ResourcesScanned)
	found := false
	for _, f := range rep.Findings {
		if f.RuleID == "aws-rds-storage-encrypted" && f.Resource == "module.db.aws_db_instance.main" {
			found = f.Status == "fail"
		}
	}
	assert.True(t, found, "the unencrypted database of module.db fails: %s", stdout)
}

// A path holding nothing Terraform-like, or only symlink loops, passes with
// a warning, or fails with --fail-on-empty, which CI=true turns on.
func TestHostileNothingToScan(t *testing.T) {
	nothing := hostileConfig(t, "nothing")
	loops := t.TempDir()
	require.NoError(t, os.Symlink("b", filepath.Join(loops, "a")))
	require.NoError(t, os.Symlink("a", filepath.Join(loops, "b")))
	require.NoError(t, os.Symlink("self", filepath.Join(loops, "self")))
	stack := hostileConfig(t, "stack")

	for _, dir := range []string{nothing, loops} {
		code, _, stderr := runEnv(nil, "scan", dir)
		assert.Equal(t, ExitOK, code, "off by default outside CI: %s", stderr)
		assert.Contains(t, stderr, "warning: no Terraform files or plans found in "+dir)

		for _, tc := range []struct {
			env  []string
			args []string
		}{
			{[]string{"CI=true"}, nil},
			{[]string{"CI=1"}, nil},
			{nil, []string{"--fail-on-empty"}},
		} {
			code, stdout, stderr := runEnv(tc.env, append(append([]string{"scan"}, tc.args...), dir)...)
			assert.Equal(t, ExitError, code, "%v %v", tc.env, tc.args)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, "loading "+dir+": nothing to scan: no Terraform configuration (.tf, .tf.json) or plan or state JSON was found")
			assert.Contains(t, stderr, "pass --fail-on-empty=false to accept an empty scan")
		}

		code, _, stderr = runEnv([]string{"CI=true"}, "scan", "--fail-on-empty=false", dir)
		assert.Equal(t, ExitOK, code, "turned off explicitly in CI: %s", stderr)
		assert.Contains(t, stderr, "warning: no Terraform files or plans found")

		code, _, stderr = runEnv([]string{"CI=false"}, "scan", dir)
		assert.Equal(t, ExitOK, code, stderr)
	}

	code, stdout, _ := runEnv([]string{"CI=true"}, "scan", "--format", "json", nothing, stack)
	assert.Equal(t, ExitFindings, code, "an empty path beside a stack: the stack is scanned")
	assert.Contains(t, stdout, `"aws_db_instance.main"`)
}
