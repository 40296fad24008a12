package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkScanOneFile runs `scan --soft-fail --format json --progress
// never DIR` on a directory holding one bucket, with the real catalogue:
// the work every scan does whatever its size (selecting and configuring
// the rules, loading, the report), which is most of the CPU a scan of a
// small repository takes. What happens before main (package
// initialisation, including building the catalogue) cannot be repeated
// in a benchmark: measure it with
//
//	GODEBUG=inittrace=1 terraform-provider-soc2 scan --soft-fail --format json --progress never DIR >/dev/null
//
// and run this one with
//
//	go test -run '^$' -bench ScanOneFile -benchmem ./scanner/cli
func BenchmarkScanOneFile(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_s3_bucket\" \"b\" {}\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	d := catalogueDeps()
	args := []string{"scan", "--soft-fail", "--format", "json", "--progress", "never", dir}
	b.ReportAllocs()
	for b.Loop() {
		var out, errb bytes.Buffer
		if code := Main(args, Streams{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}, d); code != ExitOK {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
}
