package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
)

// BenchmarkScanScaling scans generated configurations of 1,000, 4,000 and
// 16,000 resources with the whole catalogue, written as separate blocks in
// one file and as one block with count. Scanning must stay linear: compare
// ns/op between sizes (at most 4.4× per 4× input is the target).
//
//	go test -run '^$' -bench ScanScaling -benchtime 1x ./scanner/scan
func BenchmarkScanScaling(b *testing.B) {
	for _, shape := range []struct {
		name  string
		write func(n int) string
	}{
		{"blocks", blocksConfig},
		{"count", countConfig},
	} {
		for _, n := range []int{1000, 4000, 16000} {
			b.Run(fmt.Sprintf("%s/%d", shape.name, n), func(b *testing.B) {
				dir := b.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(shape.write(n)), 0o644); err != nil {
					b.Fatal(err)
				}
				req := Request{Paths: []string{dir}, Rules: rules.All(), DataSources: rules.DataSources(), MaxInstances: 2 * n}
				resources := scanLoop(b, req)
				if resources < n {
					b.Fatalf("scanned %d resources, want at least %d", resources, n)
				}
				b.ReportMetric(float64(resources)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
			})
		}
	}
}

// blocksConfig is n encrypted volumes, each its own block, sharing one key.
func blocksConfig(n int) string {
	var b strings.Builder
	b.WriteString("resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n\n")
	for i := range n {
		fmt.Fprintf(&b, "resource \"aws_ebs_volume\" \"v%d\" {\n  availability_zone = \"eu-west-1a\"\n  size = 10\n  encrypted = true\n  kms_key_id = aws_kms_key.k.arn\n}\n\n", i)
	}
	return b.String()
}

// countConfig is n buckets from one block with count, each with its
// versioning and encryption resources referring back to it.
func countConfig(n int) string {
	return fmt.Sprintf(`resource "aws_s3_bucket" "b" {
  count  = %d
  bucket = "bucket-${count.index}"
}

resource "aws_s3_bucket_versioning" "b" {
  count  = %d
  bucket = aws_s3_bucket.b[count.index].id
  versioning_configuration {
    status = "Enabled"
  }
}
`, n, n)
}

// scanLoop runs req for the benchmark's iterations and returns the
// resources the last scan checked; a scan that reports an input error
// fails the benchmark, as it would measure nothing.
func scanLoop(b *testing.B, req Request) int {
	b.Helper()
	b.ReportAllocs()
	resources := 0
	for b.Loop() {
		res, err := Run(b.Context(), req)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Report.Errors) > 0 {
			b.Fatalf("input error: %v", res.Report.Errors[0])
		}
		resources = res.Report.Summary.ResourcesScanned
	}
	return resources
}
