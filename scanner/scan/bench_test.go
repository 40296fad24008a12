package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/cputime"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
)

// BenchmarkScanScaling scans generated configurations of 1,000, 4,000 and
// 16,000 resources with the whole catalogue: separate blocks, blocks
// referring to one another, and blocks with count referring to one
// another, each written in one file and spread over the files of one
// module. Scanning must stay linear: compare ns/op and B/op between sizes
// (at most 4.4× per 4× input is the target).
//
//	go test -run '^$' -bench ScanScaling -benchtime 1x -benchmem ./scanner/scan
func BenchmarkScanScaling(b *testing.B) {
	for _, shape := range []struct {
		name  string
		write func(n int) []string
	}{
		{"blocks", blocksConfig},
		{"refs", refsConfig},
		{"count", countConfig},
	} {
		for _, layout := range []string{"file", "module"} {
			for _, n := range []int{1000, 4000, 16000} {
				b.Run(fmt.Sprintf("%s/%s/%d", shape.name, layout, n), func(b *testing.B) {
					benchScan(b, writeConfig(b, shape.write(n), layout == "module"), n, 2*n)
				})
			}
		}
	}
}

// BenchmarkScanLargeFile scans one generated 5 MB file of security groups
// with ingress rules and buckets with their public access blocks, all
// referring to one another (the target is under 10 s).
func BenchmarkScanLargeFile(b *testing.B) {
	var sb strings.Builder
	n := 0
	for ; sb.Len() < 5<<20; n++ {
		fmt.Fprintf(&sb, `resource "aws_security_group" "sg%[1]d" {
  name        = "sg-%[1]d"
  description = "group %[1]d"
  vpc_id      = "vpc-0123456789"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "r%[1]d" {
  security_group_id = aws_security_group.sg%[1]d.id
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_s3_bucket" "b%[1]d" {
  bucket = "bucket-%[1]d"
}

resource "aws_s3_bucket_public_access_block" "b%[1]d" {
  bucket                  = aws_s3_bucket.b%[1]d.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

`, n)
	}
	benchScan(b, writeConfig(b, []string{sb.String()}, false), 4*n, 4*n)
}

// writeConfig writes the generated blocks to one main.tf, or to one file
// per block when spread is set, in a new directory.
func writeConfig(b *testing.B, blocks []string, spread bool) string {
	b.Helper()
	dir := b.TempDir()
	files := map[string]string{"main.tf": strings.Join(blocks, "\n")}
	if spread {
		files = make(map[string]string, len(blocks))
		for i, blk := range blocks {
			files[fmt.Sprintf("f%05d.tf", i)] = blk
		}
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// benchScan scans dir with the whole catalogue and checks that at least
// want resources were scanned.
func benchScan(b *testing.B, dir string, want, maxInstances int) {
	b.Helper()
	req := Request{Paths: []string{dir}, Rules: rules.All(), DataSources: rules.DataSources(), MaxInstances: maxInstances}
	resources := scanGenerated(b, req)
	if resources < want {
		b.Fatalf("scanned %d resources, want at least %d", resources, want)
	}
	b.ReportMetric(float64(resources)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
}

// blocksConfig is n encrypted volumes, each its own block, sharing one key.
func blocksConfig(n int) []string {
	out := []string{"resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n"}
	for i := range n {
		out = append(out, fmt.Sprintf("resource \"aws_ebs_volume\" \"v%d\" {\n  availability_zone = \"eu-west-1a\"\n  size = 10\n  encrypted = true\n  kms_key_id = aws_kms_key.k.arn\n}\n", i))
	}
	return out
}

// refsConfig is n/2 buckets, each its own block, and n/2 versioning
// resources each referring to its bucket.
func refsConfig(n int) []string {
	out := make([]string, 0, n)
	for i := range n / 2 {
		out = append(out, fmt.Sprintf(`resource "aws_s3_bucket" "b%[1]d" {
  bucket = "bucket-%[1]d"
}

resource "aws_s3_bucket_versioning" "b%[1]d" {
  bucket = aws_s3_bucket.b%[1]d.id
  versioning_configuration {
    status = "Enabled"
  }
}
`, i))
	}
	return out
}

// countConfig is n buckets from one block with count, each with its
// versioning resource referring back to it: 2n resources, the blocks
// spread over the module's files when written one per file.
func countConfig(n int) []string {
	return []string{fmt.Sprintf(`resource "aws_s3_bucket" "b" {
  count  = %d
  bucket = "bucket-${count.index}"
}
`, n), fmt.Sprintf(`resource "aws_s3_bucket_versioning" "b" {
  count  = %d
  bucket = aws_s3_bucket.b[count.index].id
  versioning_configuration {
    status = "Enabled"
  }
}
`, n)}
}

// BenchmarkScanPath scans the path in SOC2_BENCH_PATH with the whole
// catalogue, to profile one real repository:
//
//	SOC2_BENCH_PATH=../../../shared/corpus-multicloud/REPO go test -run '^$' \
//	  -bench ScanPath -benchtime 1x -cpuprofile cpu.out ./scanner/scan
//
// With SOC2_BENCH_LABELS set, the profile's samples are tagged with the
// declaration being evaluated (loader.ProfileLabels; `go tool pprof
// -tags cpu.out`).
func BenchmarkScanPath(b *testing.B) {
	p := os.Getenv("SOC2_BENCH_PATH")
	if p == "" {
		b.Skip("SOC2_BENCH_PATH names no path to scan")
	}
	if os.Getenv("SOC2_BENCH_LABELS") != "" {
		loader.ProfileLabels = true
		b.Cleanup(func() { loader.ProfileLabels = false })
	}
	// Real repositories may hold files the scan reports as errors; they
	// are part of what is measured, not a reason to stop.
	res := scanLoop(b, Request{Paths: []string{p}, Rules: rules.All(), DataSources: rules.DataSources()})
	reportRate(b, res.Report.Summary.FilesScanned, "files/s")
	reportRate(b, res.Report.Summary.ResourcesScanned, "resources/s")
}

// scanLoop runs req for the benchmark's iterations and returns the last
// scan's result.
func scanLoop(b *testing.B, req Request) *Result {
	b.Helper()
	b.ReportAllocs()
	var res *Result
	cpu0, cpuOK := cputime.Process()
	for b.Loop() {
		var err error
		if res, err = Run(b.Context(), req); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time per scan (the collector's included) stays meaningful when
	// other jobs share the machine, unlike ns/op.
	if cpu1, ok := cputime.Process(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
	return res
}

// scanGenerated is scanLoop over an input the benchmark wrote, returning
// the resources scanned; an input error there is a broken generator and
// fails the benchmark, as it would measure nothing.
func scanGenerated(b *testing.B, req Request) int {
	b.Helper()
	res := scanLoop(b, req)
	if len(res.Report.Errors) > 0 {
		b.Fatalf("input error: %v", res.Report.Errors[0])
	}
	return res.Report.Summary.ResourcesScanned
}
