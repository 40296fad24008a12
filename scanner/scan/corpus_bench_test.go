package scan

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

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
