package loader

import (
	"context"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// corpusDir holds real Terraform from public module repositories, one
// folder per repository (see /work/shared/corpus/SOURCES.md).
const corpusDir = "../../../shared/corpus"

// moduleDirs returns every directory of fsys holding .tf files, sorted.
func moduleDirs(t testing.TB, fsys fs.FS, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isConfigFile(d.Name()) {
			seen[path.Dir(p)] = true
		}
		return nil
	})
	require.NoError(t, err)
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

// TestCorpusLoads evaluates every module directory of the corpus as a root
// module: nothing may panic, and the only errors allowed are files that do
// not parse.
func TestCorpusLoads(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	fsys := os.DirFS(corpusDir)
	dirs := moduleDirs(t, fsys, ".")
	require.NotEmpty(t, dirs)
	resources := 0
	for _, dir := range dirs {
		res, err := LoadFS(context.Background(), fsys, dir, Options{})
		require.NoError(t, err, dir)
		resources += len(res.Resources)
		for _, d := range res.Diagnostics {
			assert.NotContains(t, d.Summary, "Internal error", "%s: %s", dir, d.Error())
			if d.Severity == scanner.DiagError && !strings.Contains(d.Summary, "Internal error") {
				t.Logf("%s: %s", dir, d.Error())
			}
		}
	}
	assert.Positive(t, resources)
}
