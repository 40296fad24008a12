package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccScope(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config: `
resource "soc2_scope" "org" {
  categories_in_scope = ["security", "availability"]
  observation_window = {
    start = "2026-01-01"
    end   = "2026-12-31"
  }
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("soc2_scope.org", tfjsonpath.New("id"), knownvalue.StringExact("scope")),
					statecheck.ExpectKnownValue("soc2_scope.org", tfjsonpath.New("categories_in_scope"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("security"), knownvalue.StringExact("availability")})),
					statecheck.ExpectKnownValue("soc2_scope.org", tfjsonpath.New("observation_window"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"start": knownvalue.StringExact("2026-01-01"),
						"end":   knownvalue.StringExact("2026-12-31"),
					})),
				},
			},
			{
				// The scope changes in place; the window is optional.
				Config: `
resource "soc2_scope" "org" {
  categories_in_scope = ["security", "confidentiality"]
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("soc2_scope.org", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("soc2_scope.org", tfjsonpath.New("id"), knownvalue.StringExact("scope")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("soc2_scope.org", tfjsonpath.New("observation_window"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccScope_invalid(t *testing.T) {
	requireTerraform(t)
	cases := map[string]struct {
		config string
		want   *regexp.Regexp
	}{
		"window ends before it starts": {
			config: `observation_window = { start = "2026-12-31", end = "2026-01-01" }`,
			want:   regexp.MustCompile(`observation_window.end \(2026-01-01\) must be after\s+observation_window.start\s+\(2026-12-31\)`),
		},
		"date": {
			config: `observation_window = { start = "2026-13-01", end = "2026-12-31" }`,
			want:   regexp.MustCompile(`RFC 3339 date`),
		},
		"missing end": {
			config: `observation_window = { start = "2026-01-01" }`,
			want:   regexp.MustCompile(`attribute "end"\s+is\s+required`),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
				Steps: []resource.TestStep{{
					Config:      "resource \"soc2_scope\" \"org\" {\n  categories_in_scope = [\"security\"]\n  " + tc.config + "\n}\n",
					ExpectError: tc.want,
				}},
			})
		})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config:      `resource "soc2_scope" "org" { categories_in_scope = ["securty"] }`,
			ExpectError: regexp.MustCompile(`Trust Services Category`),
		}},
	})
}
