package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccControl_createUpdate(t *testing.T) {
	requireTerraform(t)
	const address = "soc2_control.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config: ownerConfig + `
resource "soc2_control" "test" {
  control_id  = "CRY-01"
  title       = "Encryption at rest"
  description = "Customer data stores are encrypted with KMS keys."
  criteria    = ["CC6.1", "CC6.7"]
  owner_id    = soc2_control_owner.alice.id
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact("CRY-01")),
						plancheck.ExpectKnownValue(address, tfjsonpath.New("categories"),
							knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("security")})),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact("CRY-01")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("status"), knownvalue.StringExact("planned")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("owner_id"), knownvalue.StringExact("alice@example.com")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("categories"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("security")})),
					statecheck.CompareValuePairs(address, tfjsonpath.New("owner_id"),
						"soc2_control_owner.alice", tfjsonpath.New("id"), compareEqual),
				},
			},
			{
				Config: ownerConfig + `
resource "soc2_control" "test" {
  control_id      = "CRY-01"
  title           = "Encryption at rest and backups"
  description     = "Customer data stores and their backups are encrypted with KMS keys."
  criteria        = ["CC6.1", "A1.2", "C1.1"]
  owner_id        = soc2_control_owner.alice.id
  backup_owner_id = soc2_control_owner.bob.id
  status          = "implemented"
  control_type    = "preventive"
  automation      = "semi-automated"
  frequency       = "per-event"
  tags = {
    domain = "cryptography"
  }
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact("CRY-01")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("status"), knownvalue.StringExact("implemented")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("backup_owner_id"), knownvalue.StringExact("bob@example.com")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("automation"), knownvalue.StringExact("semi-automated")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("frequency"), knownvalue.StringExact("per-event")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("tags").AtMapKey("domain"), knownvalue.StringExact("cryptography")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("categories"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("security"),
						knownvalue.StringExact("availability"),
						knownvalue.StringExact("confidentiality"),
					})),
				},
			},
			{
				Config: ownerConfig + `
resource "soc2_control" "test" {
  control_id    = "PHY-01"
  title         = "Physical access"
  description   = "Data centres are operated by AWS and carved out."
  criteria      = ["CC6.4"]
  owner_id      = soc2_control_owner.alice.id
  status        = "not-applicable"
  justification = "No offices or data centres of our own; AWS physical controls are covered by its SOC 2 report."
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionReplace),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact("PHY-01")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("status"), knownvalue.StringExact("not-applicable")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("tags"), knownvalue.Null()),
				},
			},
		},
	})
}

// Values that come from other resources are unknown while Terraform
// validates and plans; the provider must plan them as unknown and compute
// what depends on them at apply time.
func TestAccControl_unknownValues(t *testing.T) {
	requireTerraform(t)
	const address = "soc2_control.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: ownerConfig + `
resource "terraform_data" "mapping" {
  input = { control_id = "OPS-07", criterion = "A1.3", owner = "alice@example.com" }
}

resource "soc2_control" "test" {
  control_id  = terraform_data.mapping.output.control_id
  title       = "Restore tests"
  description = "Backups are restored and checked every quarter."
  criteria    = [terraform_data.mapping.output.criterion, "CC7.5"]
  owner_id    = terraform_data.mapping.output.owner
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(address, tfjsonpath.New("id")),
					plancheck.ExpectUnknownValue(address, tfjsonpath.New("categories")),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact("OPS-07")),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("categories"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact("security"),
					knownvalue.StringExact("availability"),
				})),
			},
		}},
	})
}

func TestAccControl_scannerRules(t *testing.T) {
	requireTerraform(t)
	const ruleID = "aws-rds-storage-encrypted"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: ownerConfig + fmt.Sprintf(`
resource "soc2_control" "test" {
  control_id    = "SCN-01"
  title         = "Scanned configuration"
  description   = "Infrastructure code is scanned on every pull request."
  criteria      = ["CC7.1"]
  owner_id      = soc2_control_owner.alice.id
  scanner_rules = [%q]
}
`, ruleID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("soc2_control.test", tfjsonpath.New("scanner_rules"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(ruleID)})),
			},
		}},
	})
}

// Alternatives toggled by count declare the same control_id in two blocks;
// only one exists, so it is not a duplicate.
func TestAccControl_alternativesAreNotDuplicates(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: ownerConfig + `
variable "managed_kms" {
  default = true
}

resource "soc2_control" "kms" {
  count       = var.managed_kms ? 1 : 0
  control_id  = "CRY-01"
  title       = "Encryption at rest with AWS KMS"
  description = "Data stores are encrypted with KMS keys."
  criteria    = ["CC6.1"]
  owner_id    = soc2_control_owner.alice.id
}

resource "soc2_control" "hsm" {
  count       = var.managed_kms ? 0 : 1
  control_id  = "CRY-01"
  title       = "Encryption at rest with an HSM"
  description = "Data stores are encrypted with keys held in an HSM."
  criteria    = ["CC6.1"]
  owner_id    = soc2_control_owner.alice.id
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("soc2_control.kms[0]", tfjsonpath.New("id"), knownvalue.StringExact("CRY-01")),
			},
		}},
	})
}

// controlConfig renders a control with the given extra attribute lines,
// for validation tests that change one thing at a time.
func controlConfig(lines string) string {
	return ownerConfig + fmt.Sprintf(`
resource "soc2_control" "test" {
  title       = "Test control"
  description = "A control under test."
  owner_id    = soc2_control_owner.alice.id
%s
}
`, lines)
}

func TestAccControl_invalid(t *testing.T) {
	requireTerraform(t)
	for name, tc := range map[string]struct {
		config string
		want   string
	}{
		"criterion with extra digit": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.10"]`),
			want: `"CC6.10" is not a SOC 2 Trust Services Criterion (TSC 2017); did you mean "CC6.1"?`,
		},
		"criterion without dot": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1", "cc61"]`),
			want: `"cc61" is not a SOC 2 Trust Services Criterion (TSC 2017); did you mean "CC6.1"?`,
		},
		"criterion in lower case": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["a1.2"]`),
			want: `"a1.2" is criterion A1.2 (Environmental protections, backups and recovery infrastructure (offsite, alternate processing)); write it exactly as "A1.2".`,
		},
		"criterion unlike any": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["ISO27001"]`),
			want: `"ISO27001" is not a SOC 2 Trust Services Criterion (TSC 2017); valid IDs are CC1.1–CC9.2`,
		},
		"no criteria": {
			config: controlConfig(`control_id = "CRY-01"
criteria = []`),
			want: `Attribute criteria set must contain at least 1 elements, got: 0`,
		},
		"control id in lower case": {
			config: controlConfig(`control_id = "cry-01"
criteria = ["CC6.1"]`),
			want: `"cry-01" is not a control ID: use upper-case letters and digits in groups joined by '-', '.' or '_', starting with a letter, at most 64 characters, such as "CRY-01"; did you mean "CRY-01"?`,
		},
		"control id with spaces": {
			config: controlConfig(`control_id = "CRY 01"
criteria = ["CC6.1"]`),
			want: `"CRY 01" is not a control ID`,
		},
		"empty title": {
			config: ownerConfig + `
resource "soc2_control" "test" {
  control_id  = "CRY-01"
  title       = ""
  description = "A control under test."
  criteria    = ["CC6.1"]
  owner_id    = soc2_control_owner.alice.id
}`,
			want: `"" is blank: write a few words that say what this is`,
		},
		"blank title": {
			config: ownerConfig + `
resource "soc2_control" "test" {
  control_id  = "CRY-01"
  title       = " \t "
  description = "A control under test."
  criteria    = ["CC6.1"]
  owner_id    = soc2_control_owner.alice.id
}`,
			want: `" \t " is blank`,
		},
		"title on two lines": {
			config: ownerConfig + `
resource "soc2_control" "test" {
  control_id  = "CRY-01"
  title       = "Encryption\nat rest"
  description = "A control under test."
  criteria    = ["CC6.1"]
  owner_id    = soc2_control_owner.alice.id
}`,
			want: `holds a control character ("\n" at byte 10)`,
		},
		"unknown status": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]
status = "done"`),
			want: `"done" is not a valid control status. Allowed values: "implemented", "partial", "planned", "alternative" or "not-applicable".`,
		},
		"status with underscore": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]
status = "not_applicable"
justification = "n/a"`),
			want: `"not_applicable" is not a valid control status; did you mean "not-applicable"?`,
		},
		"not-applicable without justification": {
			config: controlConfig(`control_id = "PHY-01"
criteria = ["CC6.4"]
status = "not-applicable"`),
			want: `Control PHY-01 has status "not-applicable", which needs a justification: set justification to why the control does not apply`,
		},
		"not-applicable with blank justification": {
			config: controlConfig(`control_id = "PHY-01"
criteria = ["CC6.4"]
status = "not-applicable"
justification = "   "`),
			want: `Control PHY-01 has status "not-applicable", which needs a justification`,
		},
		"backup owner is the owner": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]
backup_owner_id = soc2_control_owner.alice.id`),
			want: `backup_owner_id "alice@example.com" is the same as owner_id; a backup owner must be a different person.`,
		},
		"owner given by name": {
			config: ownerConfig + `
resource "soc2_control" "test" {
  control_id  = "CRY-01"
  title       = "Test control"
  description = "A control under test."
  criteria    = ["CC6.1"]
  owner_id    = "Alice Example"
}`,
			want: `"Alice Example" is not the id of a soc2_control_owner: an owner's id is its e-mail address.`,
		},
		"unknown control type": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]
control_type = "directive"`),
			want: `"directive" is not a valid control type. Allowed values: "preventive", "detective" or "corrective".`,
		},
		"automation with underscore": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]
automation = "semi_automated"`),
			want: `"semi_automated" is not a valid automation level; did you mean "semi-automated"?`,
		},
		"frequency with underscore": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]
frequency = "per_event"`),
			want: `"per_event" is not a valid frequency; did you mean "per-event"?`,
		},
		"frequency semi-annual": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]
frequency = "semi-annual"`),
			want: `"semi-annual" is not a valid frequency; did you mean "semiannual"?`,
		},
		"unknown frequency": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]
frequency = "hourly"`),
			want: `"hourly" is not a valid frequency. Allowed values: "continuous", "per-event", "daily", "weekly", "monthly", "quarterly", "semiannual" or "annual".`,
		},
		"unknown scanner rule": {
			config: controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]
scanner_rules = ["no-such-rule-anywhere"]`),
			want: `"no-such-rule-anywhere" is not a rule in the scanner's catalogue`,
		},
		"duplicate control id": {
			config: ownerConfig + `
resource "soc2_control" "a" {
  control_id  = "CRY-01"
  title       = "Encryption at rest"
  description = "A control."
  criteria    = ["CC6.1"]
  owner_id    = soc2_control_owner.alice.id
}
resource "soc2_control" "b" {
  control_id  = "CRY-01"
  title       = "Encryption in transit"
  description = "Another control."
  criteria    = ["CC6.7"]
  owner_id    = soc2_control_owner.alice.id
}`,
			want: `control_id "CRY-01" is declared by more than one soc2_control in this configuration (titles: "Encryption at rest" and "Encryption in transit").`,
		},
		// With count, one resource block declares two instances; the plan
		// validates each instance.
		"duplicate control id across instances": {
			config: ownerConfig + `
resource "soc2_control" "test" {
  count       = 2
  control_id  = "CRY-01"
  title       = "Encryption at rest ${count.index}"
  description = "A control."
  criteria    = ["CC6.1"]
  owner_id    = soc2_control_owner.alice.id
}`,
			want: `control_id "CRY-01" is declared by more than one soc2_control in this configuration (titles: "Encryption at rest 0" and "Encryption at rest 1").`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
				Steps: []resource.TestStep{{
					Config:      tc.config,
					PlanOnly:    true,
					ExpectError: errorContaining(tc.want),
				}},
			})
		})
	}
}

// A control lost from state is re-adopted from its arguments, written with
// jsonencode in an import block as the documentation shows; the import ID
// that repeats the configuration leaves nothing to plan.
func TestAccControl_import(t *testing.T) {
	requireTerraform(t)
	const address = "soc2_control.test"
	config := ownerConfig + `
resource "soc2_control" "test" {
  control_id      = "CRY-01"
  title           = "Encryption at rest"
  description     = "Customer data stores are encrypted with KMS keys."
  criteria        = ["CC6.1", "A1.2"]
  owner_id        = soc2_control_owner.alice.id
  backup_owner_id = soc2_control_owner.bob.id
  status          = "implemented"
  automation      = "automated"
  scanner_rules   = ["aws-rds-storage-encrypted"]
  tags = {
    domain = "cryptography"
  }
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{Config: config},
			{
				ResourceName: address,
				ImportState:  true,
				ImportStateId: `{"control_id":"CRY-01","title":"Encryption at rest","description":"Customer data stores are encrypted with KMS keys.",` +
					`"criteria":["CC6.1","A1.2"],"owner_id":"alice@example.com","backup_owner_id":"bob@example.com","status":"implemented",` +
					`"automation":"automated","scanner_rules":["aws-rds-storage-encrypted"],"tags":{"domain":"cryptography"}}`,
				ImportStateVerify: true,
			},
			{
				// The framework fails the step unless the plan is a no-op import.
				ResourceName:           address,
				ImportState:            true,
				ImportStateKind:        resource.ImportBlockWithID,
				ImportStateConfigExact: true,
				Config: config + `
import {
  to = soc2_control.test
  id = jsonencode({
    control_id      = "CRY-01"
    title           = "Encryption at rest"
    description     = "Customer data stores are encrypted with KMS keys."
    criteria        = ["CC6.1", "A1.2"]
    owner_id        = "alice@example.com"
    backup_owner_id = "bob@example.com"
    status          = "implemented"
    automation      = "automated"
    scanner_rules   = ["aws-rds-storage-encrypted"]
    tags            = { domain = "cryptography" }
  })
}
`,
			},
			{
				ResourceName:  address,
				ImportState:   true,
				ImportStateId: `{"control_id":"CRY-01","title":"T","description":"D","criteria":["CC6.10"],"owner_id":"alice@example.com"}`,
				ExpectError:   errorContaining(`criteria: "CC6.10" is not a SOC 2 Trust Services Criterion`),
			},
		},
	})
}
