package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccControlOwner_createUpdateReplace(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config: `
resource "soc2_control_owner" "test" {
  name  = "Alice Example"
  email = "alice@example.com"
  title = "Head of Security"
  team  = "Security"
  slack = "@alice"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("soc2_control_owner.test", plancheck.ResourceActionCreate),
						// The id is known at plan time so that references to it are too.
						plancheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("id"), knownvalue.StringExact("alice@example.com")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("id"), knownvalue.StringExact("alice@example.com")),
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("name"), knownvalue.StringExact("Alice Example")),
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("title"), knownvalue.StringExact("Head of Security")),
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("team"), knownvalue.StringExact("Security")),
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("slack"), knownvalue.StringExact("@alice")),
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("contact"), knownvalue.Null()),
				},
			},
			{
				// Changing details other than the e-mail updates in place.
				Config: `
resource "soc2_control_owner" "test" {
  name    = "Alice Example"
  email   = "alice@example.com"
  title   = "CISO"
  contact = "+1 555 0100"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("soc2_control_owner.test", plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("title"), knownvalue.StringExact("CISO")),
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("team"), knownvalue.Null()),
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("contact"), knownvalue.StringExact("+1 555 0100")),
				},
			},
			{
				// The e-mail address is the owner's identity.
				Config: `
resource "soc2_control_owner" "test" {
  name  = "Alice Example"
  email = "alice@corp.example.com"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("soc2_control_owner.test", plancheck.ResourceActionReplace),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("soc2_control_owner.test", tfjsonpath.New("id"), knownvalue.StringExact("alice@corp.example.com")),
				},
			},
		},
	})
}

func TestAccControlOwner_invalid(t *testing.T) {
	requireTerraform(t)
	for name, tc := range map[string]struct {
		config string
		want   string
	}{
		"email without domain": {
			config: `
resource "soc2_control_owner" "test" {
  name  = "Alice"
  email = "alice@"
}`,
			want: `"alice@" is not an e-mail address; write a bare address such as alice@example.com`,
		},
		"email with display name": {
			config: `
resource "soc2_control_owner" "test" {
  name  = "Alice"
  email = "Alice <alice@example.com>"
}`,
			want: `"Alice <alice@example.com>" is not an e-mail address`,
		},
		"email without dot in domain": {
			config: `
resource "soc2_control_owner" "test" {
  name  = "Alice"
  email = "alice@localhost"
}`,
			want: `"alice@localhost" is not an e-mail address`,
		},
		"empty name": {
			config: `
resource "soc2_control_owner" "test" {
  name  = ""
  email = "alice@example.com"
}`,
			want: `"" is blank: write a few words that say what this is`,
		},
		"blank name": {
			config: `
resource "soc2_control_owner" "test" {
  name  = "   "
  email = "alice@example.com"
}`,
			want: `"   " is blank`,
		},
		"name with a slash": {
			config: `
resource "soc2_control_owner" "test" {
  name  = "Alice/Bob"
  email = "alice@example.com"
}`,
			want: `"Alice/Bob" holds "/" at byte 5`,
		},
		"title with a NUL": {
			config: `
resource "soc2_control_owner" "test" {
  name  = "Alice"
  email = "alice@example.com"
  title = "CISO\u0000"
}`,
			want: `holds a control character ("\x00" at byte 4)`,
		},
		"email with a slash": {
			config: `
resource "soc2_control_owner" "test" {
  name  = "Alice"
  email = "a/b@example.com"
}`,
			want: `"a/b@example.com" is not an e-mail address this provider accepts`,
		},
		"duplicate email": {
			config: `
resource "soc2_control_owner" "a" {
  name  = "Alice"
  email = "alice@example.com"
}
resource "soc2_control_owner" "b" {
  name  = "Alice again"
  email = "Alice@Example.com"
}`,
			want: `is the e-mail address of more than one soc2_control_owner in this configuration (names: "Alice" and "Alice again")`,
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

// An owner lost from state is re-adopted from its arguments; the import ID
// that repeats the configuration leaves nothing to plan.
func TestAccControlOwner_import(t *testing.T) {
	requireTerraform(t)
	const address = "soc2_control_owner.test"
	const id = `{"email":"dana@example.com","name":"Dana Example","team":"Platform","slack":"#platform"}`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config: `
resource "soc2_control_owner" "test" {
  name  = "Dana Example"
  email = "dana@example.com"
  team  = "Platform"
  slack = "#platform"
}
`,
			},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateId:     id,
				ImportStateVerify: true,
			},
			{
				// An import block: the framework fails the step unless the
				// plan is a no-op import.
				ResourceName:    address,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   id,
			},
			{
				ResourceName:  address,
				ImportState:   true,
				ImportStateId: "dana@example.com",
				ExpectError: errorContaining(`"dana@example.com" is not a JSON object: it does not start with {. ` +
					`The import ID is a JSON object of the resource's arguments, as written in its configuration, such as ` + ownerImportExample),
			},
		},
	})
}
