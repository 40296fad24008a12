package config

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"1":       1,
		"512B":    512,
		"20MiB":   20 << 20,
		"20 MB":   20 << 20,
		"3k":      3 << 10,
		"1GiB":    1 << 30,
		" 7 KiB ": 7 << 10,
	} {
		got, err := ParseSize(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, got, in)
		}
	}
	for _, in := range []string{"", "0", "-1", "1.5MiB", "lots", "1TiB", "99999999999999999999", "8589934592GiB"} {
		_, err := ParseSize(in)
		assert.Error(t, err, in)
	}
}

func TestReadLimits(t *testing.T) {
	cfg, err := Parse([]byte(`allow_paths   = ["../modules", "/srv/shared"]
max_file_size = "50MiB"
`), "repo/"+FileName)
	require.NoError(t, err)
	cfg.Dir = filepath.FromSlash("/work/repo") // as Load sets it
	assert.Equal(t, []string{filepath.FromSlash("/work/modules"), "/srv/shared"}, cfg.AllowedPaths(), "relative entries resolve against the file's directory")
	assert.Equal(t, int64(50<<20), cfg.MaxFileSize)

	cfg, err = Parse([]byte("max_file_size = 4096\n"), "c.hcl")
	require.NoError(t, err)
	assert.Equal(t, int64(4096), cfg.MaxFileSize, "a number is bytes")

	_, err = Parse([]byte("max_file_size = -5\n"), "c.hcl")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "c.hcl:1:17: Invalid max_file_size")
	_, err = Parse([]byte("allow_paths = [\"\"]\n"), "c.hcl")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "c.hcl:1:16: Invalid allow_paths")
}
