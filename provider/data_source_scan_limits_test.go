package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// The instances fixture counts a billion buckets: max_instances caps what
// is scanned with a warning naming the resource, and max_total_instances
// stops the scan with an error at the count.
func TestAccScanDataSource_instanceLimits(t *testing.T) {
	requireTerraform(t)
	fixture := scanFixture(t, "instances")
	requireNoConfigAbove(t, fixture)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config: scanConfig(fmt.Sprintf("  path = %q\n  max_instances = 5", fixture)),
				ConfigStateChecks: []statecheck.StateCheck{
					scanValue("resources_scanned", knownvalue.Int64Exact(5)),
					scanValue("errors", knownvalue.ListExact([]knownvalue.Check{})),
					scanValue("warnings", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(
						"testdata/scan/instances/main.tf:3:12: Too many instances: aws_s3_bucket.many has 1000000000 instances; " +
							"only the first 5 are scanned, and what refers to the whole of aws_s3_bucket.many is unknown " +
							"(raise the limit with --max-instances, max_instances in .soc2scan.hcl, or soc2_scan's max_instances)",
					)})),
				},
			},
			{
				Config:   scanConfig(fmt.Sprintf("  path = %q\n  max_instances = 5\n  max_total_instances = 4", fixture)),
				PlanOnly: true,
				ExpectError: errorAt("Terraform input could not be scanned", "path",
					"testdata/scan/instances/main.tf:2:1: Too many instances: expanding aws_s3_bucket.many takes the scan past 4 resource and module instances"),
			},
		},
	})
}

func TestAccScanDataSource_instanceLimitsInvalid(t *testing.T) {
	requireTerraform(t)
	fixture := scanFixture(t, "instances")
	for _, attr := range []string{"max_instances", "max_total_instances"} {
		t.Run(attr, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
				Steps: []resource.TestStep{{
					Config:      scanConfig(fmt.Sprintf("  path = %q\n  %s = 0", fixture, attr)),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`Attribute ` + attr + ` value must be between 1 and 1073741824, got: 0`),
				}},
			})
		})
	}
}
