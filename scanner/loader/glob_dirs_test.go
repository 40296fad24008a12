package loader

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingFS counts the directories read through it. It has no Sub,
// as the loader's disk has none.
type countingFS struct {
	files fstest.MapFS
	reads map[string]int
}

func (c countingFS) Open(name string) (fs.File, error) { return c.files.Open(name) }

func (c countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.reads[name]++
	return c.files.ReadDir(name)
}

// TestGlobReadsEachDirectoryOnce checks that globs through globFS find
// what they find on the filesystem itself, reading each directory once
// for all the patterns, and that a directory that cannot be read fails as
// it does without the cache.
func TestGlobReadsEachDirectoryOnce(t *testing.T) {
	files := fstest.MapFS{
		"lib/policy_definitions/policy_definition_a.json":       {},
		"lib/policy_definitions/policy_definition_b.json.tftpl": {},
		"lib/policy_definitions/policy_definition_c.yaml":       {},
		"lib/policy_assignments/policy_assignment_a.json":       {},
		"lib/archetype_definitions/archetype_definition_x.json": {},
		"lib/readme.md": {},
	}
	patterns := []string{
		"**/policy_definition_*.{json,json.tftpl}",
		"**/policy_definition_*.{yml,yml.tftpl,yaml,yaml.tftpl}",
		"**/policy_assignment_*.{json,json.tftpl}",
		"**/archetype_definition_*.{json,json.tftpl}",
		"**/*.md",
	}
	direct := countingFS{files: files, reads: map[string]int{}}
	cached := countingFS{files: files, reads: map[string]int{}}
	c := &fileCache{}
	for _, round := range []string{"first", "again"} {
		for _, p := range patterns {
			dsub, err := fs.Sub(direct, "lib")
			require.NoError(t, err)
			want, err := doublestar.Glob(dsub, p, doublestar.WithFilesOnly())
			require.NoError(t, err)
			csub, err := fs.Sub(globFS{fsys: cached, c: c}, "lib")
			require.NoError(t, err)
			got, err := doublestar.Glob(csub, p, doublestar.WithFilesOnly())
			require.NoError(t, err)
			assert.Equal(t, want, got, "%s (%s)", p, round)
		}
	}
	require.Greater(t, direct.reads["lib"], 2, "the patterns read the library many times")
	for dir, n := range cached.reads {
		assert.Equal(t, 1, n, "%s is read once", dir)
	}
	assert.Len(t, cached.reads, 4, "the library and its three directories")

	_, wantErr := fs.ReadDir(direct, "missing")
	_, err := globFS{fsys: cached, c: c}.ReadDir("missing")
	assert.Equal(t, wantErr, err)
	_, err = globFS{fsys: cached, c: c}.ReadDir("missing")
	assert.Equal(t, wantErr, err, "a failed read is not kept")
	assert.Equal(t, 2, cached.reads["missing"])
}
