package scan

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
)

// benchCorpora are the shared corpora of real Terraform (one folder per
// public repository), relative to this package; a checkout without them
// skips the benchmarks.
var benchCorpora = []struct{ name, dir string }{
	{"aws", "../../../shared/corpus"},
	{"multicloud", "../../../shared/corpus-multicloud"},
}

// BenchmarkParseCorpus is the parse floor of issue 12: it reads and parses
// every .tf and .tf.json file of a corpus with hclparse alone, on one
// goroutine, keeping every syntax tree alive to the end as one parser does.
// A full scan (BenchmarkScanCorpus) should stay within 2× of it.
//
//	go test -run '^$' -bench 'ParseCorpus|ScanCorpus' -benchtime 3x ./scanner/scan
func BenchmarkParseCorpus(b *testing.B) {
	for _, c := range benchCorpora {
		b.Run(c.name, func(b *testing.B) {
			files := corpusFiles(b, c.dir)
			b.ReportAllocs()
			for b.Loop() {
				p := hclparse.NewParser()
				for _, f := range files {
					// Diagnostics are ignored: the corpus keeps a few
					// files broken as published, and a broken file costs
					// its parse all the same.
					if strings.HasSuffix(f, ".json") {
						_, _ = p.ParseJSONFile(f)
					} else {
						_, _ = p.ParseHCLFile(f)
					}
				}
			}
			reportRate(b, len(files), "files/s")
		})
	}
}

// BenchmarkScanCorpus scans a whole corpus as `scan` does (root discovery,
// loading, every rule of the catalogue), to compare with the parse floor of
// BenchmarkParseCorpus.
func BenchmarkScanCorpus(b *testing.B) {
	for _, c := range benchCorpora {
		b.Run(c.name, func(b *testing.B) {
			corpusFiles(b, c.dir) // skips when the corpus is absent
			req := Request{Paths: []string{c.dir}, Rules: rules.All(), DataSources: rules.DataSources()}
			res := scanLoop(b, req)
			files, resources := res.Report.Summary.FilesScanned, res.Report.Summary.ResourcesScanned
			if files == 0 {
				b.Fatalf("the scan of %s read no file", c.dir)
			}
			reportRate(b, files, "files/s")
			reportRate(b, resources, "resources/s")
		})
	}
}

// reportRate reports n things done per op as a rate per second of the
// benchmark's elapsed time.
func reportRate(b *testing.B, n int, unit string) {
	b.Helper()
	if secs := b.Elapsed().Seconds(); secs > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/secs, unit)
	}
}

// corpusFiles returns the configuration files under dir, sorted, or skips
// the benchmark when dir does not exist.
func corpusFiles(b *testing.B, dir string) []string {
	b.Helper()
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpus %s not available (it lives beside the repository, in ../shared): %v", dir, err)
	}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if !d.IsDir() && !strings.HasPrefix(name, ".") && (strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		b.Fatalf("listing %s: %v", dir, err)
	}
	if len(files) == 0 {
		b.Fatalf("no .tf file under %s", dir)
	}
	sort.Strings(files)
	return files
}

// BenchmarkScanCorpusMemory is the memory target of issue 12: it scans the
// AWS corpus, then two copies of it side by side in one directory, and
// reports the peak live heap (sampled) of each. Roots are evaluated and
// released one at a time and the report keeps only what it shows, so the
// peak follows the largest root module, not the corpus: the doubled
// corpus should peak at most about 10% above the single one.
//
//	go test -run '^$' -bench ScanCorpusMemory -benchtime 1x ./scanner/scan
func BenchmarkScanCorpusMemory(b *testing.B) {
	src := benchCorpora[0].dir
	files := corpusFiles(b, src)
	double := b.TempDir()
	for _, copyDir := range []string{"a", "b"} {
		for _, f := range files {
			rel, err := filepath.Rel(src, f)
			if err != nil {
				b.Fatal(err)
			}
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			dst := filepath.Join(double, copyDir, rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, c := range []struct{ name, dir string }{{"single", src}, {"double", double}} {
		b.Run(c.name, func(b *testing.B) {
			// As `scan --format json` asks: no format shown lists passes
			// one by one or quotes code.
			req := Request{Paths: []string{c.dir}, Rules: rules.All(), DataSources: rules.DataSources(),
				OmitHidden: true, OmitSources: true}
			var peak uint64
			for b.Loop() {
				runtime.GC()
				stop := sampleHeap(&peak)
				res, err := Run(context.Background(), req)
				stop()
				if err != nil {
					b.Fatal(err)
				}
				if res.Report.Summary.FilesScanned == 0 {
					b.Fatalf("the scan of %s read no file", c.dir)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

// sampleHeap records the largest live heap seen into peak every few
// milliseconds until the returned function is called.
func sampleHeap(peak *uint64) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapAlloc)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
