// Package planbench writes the inventories that the provider's plan
// benchmarks plan: n SOC 2 controls with an evidence requirement each, and
// the same graph of Terraform's built-in terraform_data resources, the
// baseline that a provider plan is compared with. BenchmarkPlan in
// provider and `benchcmd plan` (`make bench-plan`) both use them.
package planbench

import (
	"fmt"
	"strings"
)

// Soc2Inventory is one owner, n controls citing two criteria and two
// scanner rules, and one evidence requirement per control.
func Soc2Inventory(n int) string {
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

// TerraformDataInventory is the graph of Soc2Inventory in terraform_data
// resources: the same number of resources, the same references.
func TerraformDataInventory(n int) string {
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
