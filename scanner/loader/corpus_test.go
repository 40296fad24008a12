package loader

import (
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

// corpusRepositories returns, per repository folder of the corpus, the
// paths of its module directories (each a root module to load).
func corpusRepositories(t testing.TB) map[string][]string {
	t.Helper()
	fsys := os.DirFS(corpusDir)
	out := map[string][]string{}
	for _, dir := range moduleDirs(t, fsys, ".") {
		repo, _, _ := strings.Cut(dir, "/")
		out[repo] = append(out[repo], path.Join(corpusDir, dir))
	}
	return out
}

// TestCorpusLoads evaluates every module directory of the corpus as a root
// module: nothing may panic, and errors are only allowed for configurations
// that are broken as published (logged, so a regression is visible).
func TestCorpusLoads(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	repos := corpusRepositories(t)
	require.NotEmpty(t, repos)
	for repo, dirs := range repos {
		res, err := Load(t.Context(), Options{Paths: dirs})
		require.NoError(t, err, repo)
		assert.NotEmpty(t, res.Resources, repo)
		for _, d := range res.Diagnostics {
			assert.NotContains(t, d.Summary, "Internal error", "%s: %s", repo, d.Error())
			if d.Severity == scanner.DiagError && !knownBrokenInCorpus(d) {
				t.Errorf("%s: unexpected error: %s", repo, d.Error())
			}
		}
	}
}

// knownBrokenInCorpus recognises the errors the corpus is expected to
// produce: directories that declare the same thing twice or refer to what
// they do not declare (mixins and templates meant to be copied into other
// modules, a module with duplicated variables, a few published mistakes),
// Terraform 0.11 code calling list() and map(), all of which Terraform
// rejects too, and submodules loaded on their own that read templates or
// call modules from their parent directory, which the scanner refuses by
// design.
func knownBrokenInCorpus(d scanner.Diagnostic) bool {
	outside := strings.Contains(d.Detail, "outside the scanned directory")
	return strings.HasPrefix(d.Summary, "Duplicate ") || strings.HasPrefix(d.Summary, "Reference to undeclared ") ||
		d.Summary == "Call to unknown function" && (strings.Contains(d.Detail, `"list"`) || strings.Contains(d.Detail, `"map"`)) ||
		d.Summary == "File outside the scanned directory" ||
		(strings.HasPrefix(d.Summary, "Module ") && outside)
}
