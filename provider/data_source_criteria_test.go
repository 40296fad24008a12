package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccCriteriaDataSource(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: `
data "soc2_criteria" "all" {}

data "soc2_criteria" "availability" {
  category = "availability"
}

data "soc2_criteria" "cc6" {
  group = "cc6"
}

data "soc2_criteria" "none" {
  category = "privacy"
  group    = "CC6"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.soc2_criteria.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(61)),
				statecheck.ExpectKnownValue("data.soc2_criteria.all", tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact("CC1.1")),
				statecheck.ExpectKnownValue("data.soc2_criteria.all", tfjsonpath.New("ids").AtSliceIndex(60), knownvalue.StringExact("P8.1")),
				statecheck.ExpectKnownValue("data.soc2_criteria.availability", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("A1.1"), knownvalue.StringExact("A1.2"), knownvalue.StringExact("A1.3"),
				})),
				statecheck.ExpectKnownValue("data.soc2_criteria.availability", tfjsonpath.New("criteria").AtSliceIndex(2), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":       knownvalue.StringExact("A1.3"),
					"category": knownvalue.StringExact("availability"),
					"group":    knownvalue.StringExact("A1"),
					"title":    knownvalue.StringExact("Test recovery-plan procedures (BC/DR tests, backup integrity)"),
				})),
				statecheck.ExpectKnownValue("data.soc2_criteria.cc6", tfjsonpath.New("ids"), knownvalue.ListSizeExact(8)),
				statecheck.ExpectKnownValue("data.soc2_criteria.cc6", tfjsonpath.New("criteria"), knownvalue.ListSizeExact(8)),
				statecheck.ExpectKnownValue("data.soc2_criteria.none", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

func TestAccCriteriaDataSource_invalid(t *testing.T) {
	requireTerraform(t)
	for name, tc := range map[string]struct {
		config string
		want   string
	}{
		"unknown group": {
			config: `data "soc2_criteria" "test" { group = "CC10" }`,
			want:   `"CC10" is not a Trust Services Criteria group; use one of "CC1", "CC2"`,
		},
		"unknown category": {
			config: `data "soc2_criteria" "test" { category = "Security" }`,
			want:   `"Security" is not a valid Trust Services Category; did you mean "security"?`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: errorContaining(tc.want)}},
			})
		})
	}
}
