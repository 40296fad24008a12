package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
)

// BenchmarkRun measures the engine alone (rules, suppressions, sorting,
// summary) over 10,000 resources in 500 files.
func BenchmarkRun(b *testing.B) {
	var resources []*scanner.Resource
	files := map[string][]byte{}
	for i := range 5000 {
		file := fmt.Sprintf("/work/m%03d/main.tf", i%500)
		files[file] = []byte("resource \"x\" \"y\" {\n  # soc2:ignore:test-enc reason\n  storage_encrypted = false\n}\n")
		resources = append(resources,
			resource("aws_db_instance", fmt.Sprintf("db%d", i), file, 1,
				map[string]cty.Value{"storage_encrypted": cty.BoolVal(i%2 == 0), "backup_retention_period": cty.NumberIntVal(int64(i % 30))},
				map[string]int{"storage_encrypted": 3}),
			resource("aws_s3_bucket", fmt.Sprintf("b%d", i), file, 10, map[string]cty.Value{"versioning": cty.BoolVal(i%3 == 0)}, nil))
	}
	in := &loader.Result{Resources: resources, Files: files}
	rules := testRules()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), in, rules, Options{WorkDir: "/work"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(resources)*b.N)/b.Elapsed().Seconds(), "resources/s")
}
