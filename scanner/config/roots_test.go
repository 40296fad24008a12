package config

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseRootsSettings(t *testing.T) {
	cfg, err := Parse([]byte(`exclude_roots  = ["examples/legacy/**", "test"]
module_sources = {
  "terraform-google-modules/sql-db/google" = "."
  "acme/x/aws"                             = "/abs/x"
}
`), "/repo/.soc2scan.hcl")
	require.NoError(t, err)
	cfg.Dir = "/repo"
	assert.Equal(t, map[string]string{
		"terraform-google-modules/sql-db/google": "/repo",
		"acme/x/aws":                             "/abs/x",
	}, cfg.ModuleSourceDirs(), "relative to the configuration file")
	assert.Equal(t, `excluded by exclude_roots "examples/legacy/**" (.soc2scan.hcl:1)`, cfg.ExcludedRoot(filepath.FromSlash("/repo/examples/legacy")))
	assert.NotEmpty(t, cfg.ExcludedRoot(filepath.FromSlash("/repo/examples/legacy/v1")), "below an excluded directory")
	assert.NotEmpty(t, cfg.ExcludedRoot(filepath.FromSlash("/repo/test/fixtures/a")))
	assert.Empty(t, cfg.ExcludedRoot(filepath.FromSlash("/repo/examples/local")))
	assert.Empty(t, cfg.ExcludedRoot(filepath.FromSlash("/other/test")), "outside the configuration's directory")
}

func TestParseRootsSettingsErrors(t *testing.T) {
	for src, want := range map[string]string{
		`exclude_roots = ["a/["]`:                  `c.hcl:1:18: Invalid exclude_roots`,
		`exclude_roots = [""]`:                     `c.hcl:1:18: Invalid exclude_roots`,
		`module_sources = ["a"]`:                   `c.hcl:1:18: Invalid module_sources: module_sources must be a map`,
		`module_sources = { "./x" = "." }`:         `c.hcl:1:20: Invalid module_sources: "./x" is a local path`,
		`module_sources = { "acme/x/aws" = "" }`:   `c.hcl:1:35: Invalid module_sources: the directory of "acme/x/aws" must be a non-empty string`,
		`module_sources = { "acme/x/aws" = true }`: `c.hcl:1:35: Invalid module_sources`,
		`module_sources = { (upper("a")) = "." }`:  `c.hcl:1:20: Invalid module_sources: a key must be a quoted module source`,
	} {
		_, err := Parse([]byte(src+"\n"), "c.hcl")
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), want, src)
	}
}
