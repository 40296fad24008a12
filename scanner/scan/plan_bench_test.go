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
// 10,000, 100,000, 127,000 and 622,000 S3 buckets (one resource block with
// count that sets only the bucket name), with the whole catalogue. The
// issue this measures speaks of "a 200 MB plan of 622,000 buckets"; the
// plans Terraform writes for such buckets are about 1,570 bytes each, so
// 127,000 buckets make a 200 MB plan and 622,000 one of about 980 MB. The
// plan path must stay linear: compare ns/op between sizes. Run the
// largest on its own:
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
// with `count` and only their names set, as Terraform v1.11.4 writes it
// with the AWS provider v5.100.0 (the only change is the provider
// configuration, region alone): one line, planned values with their
// sensitive values, resource changes with the values only known after
// apply and the configuration.
func writePlan(w io.Writer, n int) {
	fmt.Fprintf(w, `{"format_version":"1.2","terraform_version":"1.11.4","variables":{"n":{"value":"%d"}},"planned_values":{"root_module":{"resources":[`, n)
	for i := range n {
		if i > 0 {
			fmt.Fprint(w, ",")
		}
		fmt.Fprintf(w, `{"address":"aws_s3_bucket.b[%d]","mode":"managed","type":"aws_s3_bucket","name":"b","index":%d,"provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":%s,"sensitive_values":%s}`, i, i, bucketValues(i), bucketSensitive)
	}
	fmt.Fprint(w, `]}},"resource_changes":[`)
	for i := range n {
		if i > 0 {
			fmt.Fprint(w, ",")
		}
		fmt.Fprintf(w, `{"address":"aws_s3_bucket.b[%d]","mode":"managed","type":"aws_s3_bucket","name":"b","index":%d,"provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":%s,"after_unknown":%s,"before_sensitive":false,"after_sensitive":%s}}`, i, i, bucketValues(i), bucketUnknown, bucketSensitive)
	}
	fmt.Fprint(w, `],"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","version_constraint":"5.100.0","expressions":{"region":{"constant_value":"us-east-1"}}}},`+
		`"root_module":{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","provider_config_key":"aws",`+
		`"expressions":{"bucket":{"references":["count.index"]}},"schema_version":0,"count_expression":{"references":["var.n"]}}],"variables":{"n":{}}}},`+
		`"timestamp":"2026-12-07T01:03:31Z","applyable":true,"complete":true,"errored":false}`+"\n")
}

func bucketValues(i int) string {
	return fmt.Sprintf(`{"bucket":"example-data-bucket-%07d","force_destroy":false,"tags":null,"timeouts":null}`, i)
}

const (
	bucketUnknown   = `{"acceleration_status":true,"acl":true,"arn":true,"bucket_domain_name":true,"bucket_prefix":true,"bucket_regional_domain_name":true,"cors_rule":true,"grant":true,"hosted_zone_id":true,"id":true,"lifecycle_rule":true,"logging":true,"object_lock_configuration":true,"object_lock_enabled":true,"policy":true,"region":true,"replication_configuration":true,"request_payer":true,"server_side_encryption_configuration":true,"tags_all":true,"versioning":true,"website":true,"website_domain":true,"website_endpoint":true}`
	bucketSensitive = `{"cors_rule":[],"grant":[],"lifecycle_rule":[],"logging":[],"object_lock_configuration":[],"replication_configuration":[],"server_side_encryption_configuration":[],"tags_all":{},"versioning":[],"website":[]}`
)

var planSizes = []int{2_000, 10_000, 100_000, 127_000, 622_000}
