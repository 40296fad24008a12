package loader

import (
	"os"
	"testing"
)

// BenchmarkLoadCorpus loads each repository of the corpus, every module
// directory of it as a root module, and reports configuration files read
// per second.
func BenchmarkLoadCorpus(b *testing.B) {
	if _, err := os.Stat(corpusDir); err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	repos := corpusRepositories(b)
	b.ReportAllocs()
	b.ResetTimer()
	files, resources := 0, 0
	for b.Loop() {
		for _, dirs := range repos {
			res, err := Load(b.Context(), Options{Paths: dirs})
			if err != nil {
				b.Fatal(err)
			}
			files += len(res.Files)
			resources += len(res.Resources)
		}
	}
	b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(files)/float64(b.N), "files/op")
	b.ReportMetric(float64(resources)/float64(b.N), "resources/op")
}
