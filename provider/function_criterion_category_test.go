package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

func TestAccCriterionCategoryFunction(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{
			{
				Config: `
output "security"     { value = provider::soc2::criterion_category("CC6.1") }
output "availability" { value = provider::soc2::criterion_category("a1.2") }
output "pi"           { value = provider::soc2::criterion_category("PI1.5") }
output "privacy"      { value = provider::soc2::criterion_category("P4.3") }
output "by_category"  { value = { for id in ["CC8.1", "A1.3", "C1.2"] : id => provider::soc2::criterion_category(id) } }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("security", knownvalue.StringExact("security")),
					statecheck.ExpectKnownOutputValue("availability", knownvalue.StringExact("availability")),
					statecheck.ExpectKnownOutputValue("pi", knownvalue.StringExact("processing_integrity")),
					statecheck.ExpectKnownOutputValue("privacy", knownvalue.StringExact("privacy")),
					statecheck.ExpectKnownOutputValue("by_category", knownvalue.MapExact(map[string]knownvalue.Check{
						"CC8.1": knownvalue.StringExact("security"),
						"A1.3":  knownvalue.StringExact("availability"),
						"C1.2":  knownvalue.StringExact("confidentiality"),
					})),
				},
			},
		},
	})
}

func TestAccCriterionCategoryFunction_invalid(t *testing.T) {
	requireTerraform(t)
	for name, tc := range map[string]struct{ config, want string }{
		"unknown criterion": {
			config: `output "x" { value = provider::soc2::criterion_category("CC6.10") }`,
			want:   `"CC6.10" is not a SOC 2 Trust Services Criterion (TSC 2017); did you mean "CC6.1"?`,
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
