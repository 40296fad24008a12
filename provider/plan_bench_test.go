package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/planbench"
)

// BenchmarkPlan measures `terraform plan` of an inventory of controls, each
// with one evidence requirement, against the same graph of terraform_data
// resources (Terraform's built-in provider), through the real Terraform CLI
// and the provider binary installed with dev_overrides, as in the
// end-to-end tests. Each iteration is one whole plan; the benchmark reports
// the median plan in seconds (run it with -benchtime=3x for the median of
// three):
//
//	go test -run '^$' -bench BenchmarkPlan -benchtime=3x ./provider
//
// `make bench-plan` measures the same inventories from outside, alternating
// them and reading the CPU of Terraform and the provider from rusage.
//
// BENCH_PLAN_CONTROLS sets the number of controls (default 1000).
func BenchmarkPlan(b *testing.B) {
	if terraformPath == "" {
		b.Skip(installTerraform)
	}
	controls := 1000
	if s := os.Getenv("BENCH_PLAN_CONTROLS"); s != "" {
		_, err := fmt.Sscan(s, &controls)
		require.NoError(b, err, "BENCH_PLAN_CONTROLS")
	}
	e := setupE2E(b)
	for _, c := range []struct {
		name   string
		config func(int) string
	}{
		{"soc2", planbench.Soc2Inventory},
		{"terraform_data", planbench.TerraformDataInventory},
	} {
		b.Run(fmt.Sprintf("%s/controls=%d", c.name, controls), func(b *testing.B) {
			dir := b.TempDir()
			require.NoError(b, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(c.config(controls)), 0o600))
			var plans []time.Duration
			for b.Loop() {
				start := time.Now()
				out, err := e.terraform(b, dir, "plan", "-input=false", "-lock=false", "-refresh=false")
				plans = append(plans, time.Since(start))
				require.NoError(b, err, "terraform plan:\n%s", out)
			}
			slices.Sort(plans)
			b.ReportMetric(plans[len(plans)/2].Seconds(), "s/plan(median)")
		})
	}
}
