package loader

import (
	"context"
	"os"
	"testing"
)

// BenchmarkLoadCorpus loads every module directory of the corpus as a root
// module (with the local modules it calls) and reports files read per
// second.
func BenchmarkLoadCorpus(b *testing.B) {
	if _, err := os.Stat(corpusDir); err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	fsys := os.DirFS(corpusDir)
	dirs := moduleDirs(b, fsys, ".")
	b.ReportAllocs()
	b.ResetTimer()
	files := 0
	for b.Loop() {
		for _, dir := range dirs {
			res, err := LoadFS(context.Background(), fsys, dir, Options{})
			if err != nil {
				b.Fatal(err)
			}
			files += len(res.Files)
		}
	}
	b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(files)/float64(b.N), "files/op")
}
