package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		{"soc2", soc2Inventory},
		{"terraform_data", terraformDataInventory},
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

// soc2Inventory is one owner, n controls citing two criteria and two
// scanner rules, and one evidence requirement per control.
func soc2Inventory(n int) string {
	var sb strings.Builder
	sb.WriteString(`terraform {
  required_providers {
    soc2 = {
      source = "soc2-as-code/soc2"
    }
  }
}

resource "soc2_control_owner" "lead" {
  name  = "Security lead"
  email = "lead@example.com"
}
`)
	for i := range n {
		fmt.Fprintf(&sb, `
resource "soc2_control" "c%[1]d" {
  control_id    = "CTL-%04[1]d"
  title         = "Control %[1]d"
  description   = "What control %[1]d does."
  criteria      = ["CC6.1", "CC7.2"]
  owner_id      = soc2_control_owner.lead.id
  status        = "implemented"
  frequency     = "quarterly"
  scanner_rules = ["aws-rds-backup-retention", "aws-dynamodb-point-in-time-recovery"]
}

resource "soc2_evidence_requirement" "e%[1]d" {
  control_id     = soc2_control.c%[1]d.id
  name           = "Evidence %[1]d"
  description    = "What proves that control %[1]d operates."
  frequency      = "quarterly"
  source         = "identity_provider"
  collection     = "manual"
  owner_id       = soc2_control_owner.lead.id
  last_collected = "2026-10-06"
}
`, i)
	}
	return sb.String()
}

// terraformDataInventory is the graph of soc2Inventory in terraform_data
// resources: the same number of resources, the same references.
func terraformDataInventory(n int) string {
	var sb strings.Builder
	sb.WriteString(`resource "terraform_data" "lead" {
  input = { name = "Security lead", email = "lead@example.com" }
}
`)
	for i := range n {
		fmt.Fprintf(&sb, `
resource "terraform_data" "c%[1]d" {
  input = {
    control_id    = "CTL-%04[1]d"
    title         = "Control %[1]d"
    description   = "What control %[1]d does."
    criteria      = ["CC6.1", "CC7.2"]
    owner_id      = terraform_data.lead.output.email
    status        = "implemented"
    frequency     = "quarterly"
    scanner_rules = ["aws-rds-backup-retention", "aws-dynamodb-point-in-time-recovery"]
  }
}

resource "terraform_data" "e%[1]d" {
  input = {
    control_id     = terraform_data.c%[1]d.output.control_id
    name           = "Evidence %[1]d"
    description    = "What proves that control %[1]d operates."
    frequency      = "quarterly"
    source         = "identity_provider"
    collection     = "manual"
    owner_id       = terraform_data.lead.output.email
    last_collected = "2026-10-06"
  }
}
`, i)
	}
	return sb.String()
}

// TestPlanInventoriesMirror keeps the benchmark honest: both inventories
// declare the same number of resources.
func TestPlanInventoriesMirror(t *testing.T) {
	assert.Equal(t, 7, strings.Count(soc2Inventory(3), "\nresource "))
	assert.Equal(t, 7, strings.Count(terraformDataInventory(3), "\nresource ")+1)
}
