package scan

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
)

// BenchmarkScanPlan scans generated `terraform show -json` plans of 2,000,
// 10,000, 100,000 and 622,000 S3 buckets (one resource block with count;
// the largest is about 560 MB: as many buckets as the 200 MB plan,
// with more attributes each), with the whole catalogue. The plan path must
// stay linear: compare ns/op between sizes. Run the largest on its own:
//
//	go test -run '^$' -bench 'ScanPlan/622000' -benchtime 1x ./scanner/scan
func BenchmarkScanPlan(b *testing.B) {
	for _, n := range planSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			name := filepath.Join(b.TempDir(), "plan.json")
			size := writePlanFile(b, name, n)
			req := Request{Paths: []string{name}, Rules: rules.All(), DataSources: rules.DataSources(),
				MaxFileSize: size + 1, MaxInstances: 2 * n, MaxTotalInstances: 2 * n}
			if prof := os.Getenv("SOC2_BENCH_CPUPROFILE"); prof != "" {
				f, err := os.Create(prof)
				if err != nil {
					b.Fatal(err)
				}
				if err := pprof.StartCPUProfile(f); err != nil {
					b.Fatal(err)
				}
				defer func() {
					pprof.StopCPUProfile()
					_ = f.Close()
				}()
			}
			resources := scanGenerated(b, req)
			if resources != n {
				b.Fatalf("scanned %d resources, want %d", resources, n)
			}
			b.ReportMetric(float64(size)/1e6, "MB")
			b.ReportMetric(float64(resources)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
		})
	}
}

// writePlanFile writes a plan of n buckets to name and returns its size.
func writePlanFile(b *testing.B, name string, n int) int64 {
	b.Helper()
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	writePlan(w, n)
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(name)
	if err != nil {
		b.Fatal(err)
	}
	return st.Size()
}

// writePlan writes `terraform show -json` of a plan creating n buckets
// with `count`, shaped as Terraform writes it: planned values, resource
// changes with after_unknown, and the configuration.
func writePlan(w io.Writer, n int) {
	fmt.Fprint(w, `{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{"resources":[`)
	for i := range n {
		if i > 0 {
			fmt.Fprint(w, ",")
		}
		fmt.Fprintf(w, "\n"+`{"address":"aws_s3_bucket.b[%d]","mode":"managed","type":"aws_s3_bucket","name":"b","index":%d,"provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":%s,"sensitive_values":{"tags":{},"tags_all":{}}}`, i, i, bucketValues(i))
	}
	fmt.Fprint(w, `]}},"resource_changes":[`)
	for i := range n {
		if i > 0 {
			fmt.Fprint(w, ",")
		}
		fmt.Fprintf(w, "\n"+`{"address":"aws_s3_bucket.b[%d]","mode":"managed","type":"aws_s3_bucket","name":"b","index":%d,"provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":%s,"after_unknown":{"arn":true,"id":true,"region":true,"tags":{},"tags_all":{}},"before_sensitive":false,"after_sensitive":{"tags":{},"tags_all":{}}}}`, i, i, bucketValues(i))
	}
	fmt.Fprint(w, `],"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","expressions":{"region":{"constant_value":"us-east-1"}}}},`+
		`"root_module":{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","provider_config_key":"aws",`+
		`"expressions":{"bucket":{"references":["count.index"]},"tags":{"constant_value":{"team":"data"}}},"schema_version":0,"count_expression":{"constant_value":`)
	fmt.Fprintf(w, "%d}}]}}}\n", n)
}

func bucketValues(i int) string {
	return fmt.Sprintf(`{"bucket":"example-data-bucket-%07d","force_destroy":false,"object_lock_enabled":false,"tags":{"team":"data"},"tags_all":{"team":"data"},"timeouts":null}`, i)
}

var planSizes = []int{2_000, 10_000, 100_000, 622_000}
