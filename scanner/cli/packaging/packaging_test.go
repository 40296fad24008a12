// Package packaging tests the files that integrate the scanner elsewhere:
// the composite GitHub Action (.github/actions/soc2-scan/action.yml) and
// the pre-commit hook (.pre-commit-hooks.yaml), by running what they run.
package packaging

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// repoRoot is where main.go and .pre-commit-hooks.yaml are.
const repoRoot = "../../.."

// buildBinary builds the scanner once per test.
func buildBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the packaging tests build the binary with the go command")
	bin := filepath.Join(t.TempDir(), "terraform-provider-soc2")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	cmd.Dir = repoRoot
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "building:\n%s", out)
	return bin
}

type actionStep struct {
	ID    string            `yaml:"id"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Uses  string            `yaml:"uses"`
	Env   map[string]string `yaml:"env"`
}

type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) action {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, ".github", "actions", "soc2-scan", "action.yml"))
	require.NoError(t, err)
	var a action
	require.NoError(t, yaml.Unmarshal(data, &a))
	require.Equal(t, "composite", a.Runs.Using)
	return a
}

// expand replaces ${{ inputs.x }} in a step's env with the given inputs or
// the action's defaults, as the runner does.
func expand(a action, env map[string]string, inputs map[string]string) []string {
	var out []string
	for k, v := range env {
		for name, in := range a.Inputs {
			val, ok := inputs[name]
			if !ok {
				val = in.Default
			}
			v = strings.ReplaceAll(v, "${{ inputs."+name+" }}", val)
		}
		out = append(out, k+"="+v)
	}
	return out
}

// runAction runs the action's shell steps in order with bash, as a runner
// would: GITHUB_ENV lines feed later steps, GITHUB_OUTPUT lines are the
// outputs. The install step finds SOC2_BIN set and uses the local build.
func runAction(t *testing.T, bin, workDir string, inputs map[string]string) (outputs map[string]string, exitCode int) {
	t.Helper()
	a := readAction(t)
	ghEnv := filepath.Join(t.TempDir(), "env")
	ghOut := filepath.Join(t.TempDir(), "output")
	require.NoError(t, os.WriteFile(ghEnv, nil, 0o600))
	require.NoError(t, os.WriteFile(ghOut, nil, 0o600))
	extraEnv := []string{"SOC2_BIN=" + bin}
	for _, step := range a.Runs.Steps {
		if step.Run == "" {
			assert.Equal(t, "actions/upload-artifact@v4", step.Uses, "the only non-shell step keeps the evidence")
			continue
		}
		require.Equal(t, "bash", step.Shell, step.ID)
		cmd := exec.Command("bash", "-c", step.Run)
		cmd.Dir = workDir
		cmd.Env = append(append(append(os.Environ(), extraEnv...), expand(a, step.Env, inputs)...),
			"GITHUB_ENV="+ghEnv, "GITHUB_OUTPUT="+ghOut)
		out, err := cmd.CombinedOutput()
		t.Logf("step %s:\n%s", step.ID, out)
		if err != nil {
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee)
			exitCode = ee.ExitCode()
			break
		}
		envLines, err := os.ReadFile(ghEnv)
		require.NoError(t, err)
		extraEnv = append(extraEnv, strings.Fields(string(envLines))...)
	}
	outputs = map[string]string{}
	data, err := os.ReadFile(ghOut)
	require.NoError(t, err)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			outputs[k] = v
		}
	}
	return outputs, exitCode
}

func TestActionScansAndWritesSARIF(t *testing.T) {
	bin := buildBinary(t)
	examples, err := filepath.Abs(filepath.Join(repoRoot, "examples", "scan"))
	require.NoError(t, err)
	work := t.TempDir()

	outputs, code := runAction(t, bin, work, map[string]string{"path": filepath.Join(examples, "insecure")})
	assert.Equal(t, 1, code, "failing findings fail the step")
	assert.Equal(t, "1", outputs["exit-code"])
	assert.Equal(t, "soc2.sarif", outputs["sarif-file"])
	sarif, err := os.ReadFile(filepath.Join(work, "soc2.sarif"))
	require.NoError(t, err, "the SARIF report is written even when the step fails")
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(sarif, &log))
	assert.Equal(t, "2.1.0", log.Version)
	require.Len(t, log.Runs, 1)
	assert.NotEmpty(t, log.Runs[0].Results)

	outputs, code = runAction(t, bin, work, map[string]string{"path": filepath.Join(examples, "insecure"), "soft-fail": "true", "sarif-file": "out/x.sarif"})
	assert.Equal(t, 2, code, "a SARIF path in a missing directory is bad input, even with soft-fail")
	assert.Equal(t, "2", outputs["exit-code"])

	outputs, code = runAction(t, bin, work, map[string]string{"path": filepath.Join(examples, "insecure"), "soft-fail": "true"})
	assert.Zero(t, code, "soft-fail keeps the step green on findings")
	assert.Equal(t, "1", outputs["exit-code"], "but says what the scan found")

	outputs, code = runAction(t, bin, work, map[string]string{"path": filepath.Join(examples, "compliant")})
	assert.Zero(t, code)
	assert.Equal(t, "0", outputs["exit-code"])
}

type hook struct {
	ID           string   `yaml:"id"`
	Entry        string   `yaml:"entry"`
	Language     string   `yaml:"language"`
	Args         []string `yaml:"args"`
	PassFilename bool     `yaml:"pass_filenames"`
	Files        string   `yaml:"files"`
}

// The hook's entry, run as pre-commit runs it in a repository (from its
// top, with its args), fails on the insecure example and passes on the
// compliant one.
func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	require.NoError(t, err)
	var hooks []hook
	require.NoError(t, yaml.Unmarshal(data, &hooks))
	require.Len(t, hooks, 1)
	h := hooks[0]
	assert.Equal(t, "soc2-scan", h.ID)
	assert.Equal(t, "golang", h.Language, "pre-commit builds the module with go install")
	assert.False(t, h.PassFilename, "the scan evaluates whole modules, not single files")
	entry := strings.Fields(h.Entry)
	require.Equal(t, "terraform-provider-soc2", entry[0], "the installed binary's name")

	bin := buildBinary(t)
	for fixture, want := range map[string]int{"insecure": 1, "compliant": 0} {
		dir, err := filepath.Abs(filepath.Join(repoRoot, "examples", "scan", fixture))
		require.NoError(t, err)
		cmd := exec.Command(bin, append(entry[1:], h.Args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		code := 0
		var ee *exec.ExitError
		if err != nil {
			require.ErrorAs(t, err, &ee, "%s", out)
			code = ee.ExitCode()
		}
		assert.Equal(t, want, code, "%s:\n%s", fixture, out)
	}
}
