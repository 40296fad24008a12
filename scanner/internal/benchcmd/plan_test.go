package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanEnvInstallsTheBinaryThroughDevOverrides(t *testing.T) {
	t.Setenv("TF_CLI_CONFIG_FILE", "/elsewhere/terraformrc")
	t.Setenv("TF_LOG", "TRACE")
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin", "terraform-provider-soc2")
	env, err := planEnv(tmp, bin)
	require.NoError(t, err)

	var configs []string
	for _, kv := range env {
		assert.False(t, strings.HasPrefix(kv, "TF_LOG="), "Terraform must not log during a timed plan")
		if v, ok := strings.CutPrefix(kv, "TF_CLI_CONFIG_FILE="); ok {
			configs = append(configs, v)
		}
	}
	require.Equal(t, []string{filepath.Join(tmp, "terraformrc")}, configs, "only the benchmark's own CLI configuration")
	data, err := os.ReadFile(configs[0])
	require.NoError(t, err)
	assert.Contains(t, string(data), `"registry.terraform.io/soc2-as-code/soc2" = "`+filepath.ToSlash(filepath.Dir(bin))+`"`)
}

func TestPlanEnvRefusesABinaryTerraformWouldNotFind(t *testing.T) {
	_, err := planEnv(t.TempDir(), "/tmp/soc2")
	require.ErrorContains(t, err, "terraform-provider-soc2")
}

func TestRunPlanRefusesNoControls(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "terraform-provider-soc2")
	require.NoError(t, os.WriteFile(bin, nil, 0o755))
	var stderr bytes.Buffer
	err := run([]string{"plan", "-bin", bin, "-controls", "0"}, &bytes.Buffer{}, &stderr)
	require.ErrorContains(t, err, "-controls must be at least 1")
}

func TestReadProviderCPUSumsTheProcesses(t *testing.T) {
	dir := t.TempDir()
	got, err := readProviderCPU(filepath.Join(dir, "absent"))
	require.NoError(t, err)
	assert.Zero(t, got, "no provider process ran")

	path := filepath.Join(dir, "cpu")
	require.NoError(t, os.WriteFile(path, []byte("1500000000\n250000000\n"), 0o644))
	got, err = readProviderCPU(path)
	require.NoError(t, err)
	assert.Equal(t, 1750*time.Millisecond, got)

	require.NoError(t, os.WriteFile(path, []byte("1.5s\n"), 0o644))
	_, err = readProviderCPU(path)
	require.ErrorContains(t, err, "not nanoseconds")
}
