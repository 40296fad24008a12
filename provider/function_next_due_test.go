package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

func TestAccNextDueFunction(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{
			{
				Config: `
output "quarterly"  { value = provider::soc2::next_due("2025-01-15", "quarterly") }
output "month_end"  { value = provider::soc2::next_due("2025-01-31", "monthly") }
output "leap_day"   { value = provider::soc2::next_due("2024-02-29", "annual") }
output "semiannual" { value = provider::soc2::next_due("2025-08-31", "semiannual") }
output "weekly"     { value = provider::soc2::next_due("2025-12-29", "weekly") }
output "timestamp"  { value = provider::soc2::next_due("2025-06-30T08:00:00Z", "daily") }
output "continuous" { value = provider::soc2::next_due("2025-06-30", "continuous") == null }
output "per_event"  { value = provider::soc2::next_due("2025-06-30", "per-event") == null }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("quarterly", knownvalue.StringExact("2025-04-15")),
					statecheck.ExpectKnownOutputValue("month_end", knownvalue.StringExact("2025-02-28")),
					statecheck.ExpectKnownOutputValue("leap_day", knownvalue.StringExact("2025-02-28")),
					statecheck.ExpectKnownOutputValue("semiannual", knownvalue.StringExact("2026-02-28")),
					statecheck.ExpectKnownOutputValue("weekly", knownvalue.StringExact("2026-01-05")),
					statecheck.ExpectKnownOutputValue("timestamp", knownvalue.StringExact("2025-07-01T08:00:00Z")),
					statecheck.ExpectKnownOutputValue("continuous", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("per_event", knownvalue.Bool(true)),
				},
			},
		},
	})
}

func TestAccNextDueFunction_invalid(t *testing.T) {
	requireTerraform(t)
	for name, tc := range map[string]struct{ config, want string }{
		"date not RFC 3339": {
			config: `output "x" { value = provider::soc2::next_due("15/01/2025", "quarterly") }`,
			want:   `"15/01/2025" is not an RFC 3339 date; write a date such as 2025-01-31`,
		},
		"frequency semi-annual": {
			config: `output "x" { value = provider::soc2::next_due("2025-01-15", "semi-annual") }`,
			want:   `"semi-annual" is not a valid frequency; did you mean "semiannual"?`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: errorContaining(tc.want)}},
			})
		})
	}
}
