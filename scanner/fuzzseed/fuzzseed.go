// Package fuzzseed seeds native Go fuzz targets with the files of the
// repository (testdata, examples, rule documentation), so that each target
// starts from real input rather than from nothing.
package fuzzseed

import (
	"os"
	"path/filepath"
	"testing"
)

// Files adds the content of every file matching the globs (relative to
// the test's package directory) to f's seed corpus, each transformed by
// split into one or more seeds (nil adds the content as it is). It fails
// the test when a glob is malformed or a file cannot be read, so that a
// moved testdata directory does not silently leave a target unseeded.
func Files(f *testing.F, split func([]byte) [][]byte, globs ...string) {
	f.Helper()
	for _, glob := range globs {
		files, err := filepath.Glob(glob)
		if err != nil {
			f.Fatalf("fuzz seeds %s: %v", glob, err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatalf("fuzz seeds: %v", err)
			}
			if split == nil {
				f.Add(data)
				continue
			}
			for _, part := range split(data) {
				f.Add(part)
			}
		}
	}
}
