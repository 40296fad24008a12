package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccCriterionDataSource(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config: `
data "soc2_criterion" "test" {
  id = "cc6.1"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.soc2_criterion.test", tfjsonpath.New("id"), knownvalue.StringExact("cc6.1")),
					statecheck.ExpectKnownValue("data.soc2_criterion.test", tfjsonpath.New("canonical_id"), knownvalue.StringExact("CC6.1")),
					statecheck.ExpectKnownValue("data.soc2_criterion.test", tfjsonpath.New("category"), knownvalue.StringExact("security")),
					statecheck.ExpectKnownValue("data.soc2_criterion.test", tfjsonpath.New("group"), knownvalue.StringExact("CC6")),
					statecheck.ExpectKnownValue("data.soc2_criterion.test", tfjsonpath.New("title"),
						knownvalue.StringExact("Logical access security: identity, authN, segmentation, encryption, key protection, asset inventory")),
				},
			},
		},
	})
}

func TestAccCriterionDataSource_invalid(t *testing.T) {
	requireTerraform(t)
	for id, want := range map[string]string{
		"CC6.10": `"CC6.10" is not a SOC 2 Trust Services Criterion (TSC 2017); did you mean "CC6.1"?`,
		"PI2.1":  `"PI2.1" is not a SOC 2 Trust Services Criterion (TSC 2017); did you mean "PI1.1"?`,
		"SEC-1":  `"SEC-1" is not a SOC 2 Trust Services Criterion (TSC 2017); valid IDs are CC1.1–CC9.2`,
	} {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
				Steps: []resource.TestStep{{
					Config:      fmt.Sprintf(`data "soc2_criterion" "test" { id = %q }`, id),
					PlanOnly:    true,
					ExpectError: errorContaining(want),
				}},
			})
		})
	}
}
