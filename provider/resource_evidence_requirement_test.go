package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const evidenceAddress = "soc2_evidence_requirement.test"

// evidenceConfig renders an owner, a control and one evidence requirement
// with the given extra attribute lines.
func evidenceConfig(lines string) string {
	return ownerConfig + fmt.Sprintf(`
resource "soc2_control" "access_review" {
  control_id  = "IAM-03"
  title       = "Quarterly access review"
  description = "Access to production is reviewed every quarter."
  criteria    = ["CC6.2", "CC6.3"]
  owner_id    = soc2_control_owner.alice.id
}

resource "soc2_evidence_requirement" "test" {
  control_id = soc2_control.access_review.id
  name       = "Access review sign-off"
%s
}
`, lines)
}

func TestAccEvidenceRequirement_createUpdate(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config: evidenceConfig(`
  frequency      = "quarterly"
  source         = "identity_provider"
  collection     = "manual"
  format         = "CSV export with reviewer sign-off"
  owner_id       = soc2_control_owner.bob.id
  last_collected = "2025-06-15"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(evidenceAddress, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-09-15")),
						plancheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(false)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("id"), knownvalue.StringExact("IAM-03/Access review sign-off")),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("retention_days"), knownvalue.Int64Exact(548)),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-09-15")),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("owner_id"), knownvalue.StringExact("bob@example.com")),
				},
			},
			{
				Config: evidenceConfig(`
  frequency      = "daily"
  source         = "siem_log_management"
  collection     = "automated"
  retention_days = 400
  last_collected = "2025-06-30T08:00:00Z"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(evidenceAddress, plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("retention_days"), knownvalue.Int64Exact(400)),
					// A timestamp stays a timestamp: due 24 hours later, and
					// overdue at noon the next day.
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-07-01T08:00:00Z")),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("owner_id"), knownvalue.Null()),
				},
			},
			{
				Config: evidenceConfig(`
  frequency = "continuous"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.Null()),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("retention_days"), knownvalue.Int64Exact(548)),
				},
			},
		},
	})
}

// The requirement turns overdue as the clock passes its due date, without
// any change to the configuration: refresh recomputes overdue, and the plan
// after it is empty, so nothing shows a perpetual diff.
func TestAccEvidenceRequirement_overdueFlipsAsTimePasses(t *testing.T) {
	requireTerraform(t)
	clock := newFakeClock(time.Date(2025, time.September, 15, 23, 0, 0, 0, time.UTC))
	config := evidenceConfig(`
  frequency      = "quarterly"
  last_collected = "2025-06-15"
`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(clock),
		Steps: []resource.TestStep{
			{
				// Due today: not late until the day is over.
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-09-15")),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(false)),
				},
			},
			{
				PreConfig: func() { clock.Advance(2 * time.Hour) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-09-15")),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(true)),
				},
			},
			{
				// Collecting the evidence clears it.
				Config: evidenceConfig(`
  frequency      = "quarterly"
  last_collected = "2025-09-16"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(evidenceAddress, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(false)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-12-16")),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(false)),
				},
			},
		},
	})
}

func TestAccEvidenceRequirement_unknownValues(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: evidenceConfig(`
  frequency      = terraform_data.log.output.frequency
  last_collected = terraform_data.log.output.last
  retention_days = terraform_data.log.output.retention
}

resource "terraform_data" "log" {
  input = { frequency = "monthly", last = "2025-01-31", retention = 365 }
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("id"), knownvalue.StringExact("IAM-03/Access review sign-off")),
					plancheck.ExpectUnknownValue(evidenceAddress, tfjsonpath.New("next_due")),
					plancheck.ExpectUnknownValue(evidenceAddress, tfjsonpath.New("overdue")),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				// Calendar months, clamped to the end of February.
				statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-02-28")),
				statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("retention_days"), knownvalue.Int64Exact(365)),
			},
		}},
	})
}

func TestAccEvidenceRequirement_observationWindow(t *testing.T) {
	requireTerraform(t)
	const window = `
provider "soc2" {
  observation_window {
    start = "2025-01-01"
    end   = "2025-12-31"
  }
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				// 365 days of window + 90 days of fieldwork.
				Config: window + evidenceConfig(`
  frequency      = "quarterly"
  retention_days = 454
`),
				PlanOnly:    true,
				ExpectError: errorContaining(`retention_days is 454, but the observation window 2025-01-01 to 2025-12-31 is 365 days long and evidence must be kept for the window plus 90 days of fieldwork: set retention_days to at least 455.`),
			},
			{
				Config: window + evidenceConfig(`
  frequency      = "quarterly"
  retention_days = 455
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("retention_days"), knownvalue.Int64Exact(455)),
				},
			},
			{
				// The default of 548 days covers a 12-month window.
				Config: window + evidenceConfig(`
  frequency = "quarterly"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("retention_days"), knownvalue.Int64Exact(548)),
				},
			},
		},
	})
}

func TestAccEvidenceRequirement_invalid(t *testing.T) {
	requireTerraform(t)
	for name, tc := range map[string]struct {
		config string
		want   string
	}{
		"unknown frequency": {
			config: evidenceConfig(`frequency = "fortnightly"`),
			want:   `"fortnightly" is not a valid frequency. Allowed values: "continuous", "per-event"`,
		},
		"frequency with underscore": {
			config: evidenceConfig(`frequency = "per_event"`),
			want:   `"per_event" is not a valid frequency; did you mean "per-event"?`,
		},
		"missing frequency": {
			config: evidenceConfig(``),
			want:   `The argument "frequency" is required`,
		},
		"source with hyphen": {
			config: evidenceConfig(`frequency = "quarterly"
source = "identity-provider"`),
			want: `"identity-provider" is not a valid evidence source; did you mean "identity_provider"?`,
		},
		"unknown source": {
			config: evidenceConfig(`frequency = "quarterly"
source = "email"`),
			want: `"email" is not a valid evidence source. Allowed values: "identity_provider", "hr_system_records"`,
		},
		"unknown collection": {
			config: evidenceConfig(`frequency = "quarterly"
collection = "semi-automated"`),
			want: `"semi-automated" is not a valid collection method. Allowed values: "automated" or "manual".`,
		},
		"retention below 90 days": {
			config: evidenceConfig(`frequency = "quarterly"
retention_days = 30`),
			want: `Attribute retention_days value must be at least 90, got: 30`,
		},
		"last collected not a date": {
			config: evidenceConfig(`frequency = "quarterly"
last_collected = "2025-13-01"`),
			want: `"2025-13-01" is not an RFC 3339 date; write a date such as 2025-01-31 or a timestamp such as 2025-01-31T09:00:00Z.`,
		},
		"last collected in US format": {
			config: evidenceConfig(`frequency = "quarterly"
last_collected = "06/15/2025"`),
			want: `"06/15/2025" is not an RFC 3339 date`,
		},
		"owner given by name": {
			config: evidenceConfig(`frequency = "quarterly"
owner_id = "Bob"`),
			want: `"Bob" is not the id of a soc2_control_owner`,
		},
		"control given by title": {
			config: ownerConfig + `
resource "soc2_evidence_requirement" "test" {
  control_id = "Quarterly access review"
  name       = "Sign-off"
  frequency  = "quarterly"
}`,
			want: `"Quarterly access review" is not a control ID`,
		},
		"duplicate name": {
			config: evidenceConfig(`frequency = "quarterly"`) + `
resource "soc2_evidence_requirement" "again" {
  control_id = soc2_control.access_review.id
  name       = "Access review sign-off"
  frequency  = "annual"
}`,
			want: `Control IAM-03 has more than one soc2_evidence_requirement named "Access review sign-off" in this configuration.`,
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

func TestDueStatus(t *testing.T) {
	now := time.Date(2025, time.July, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		last, frequency string
		wantDue         string // "" for null
		wantOverdue     bool
	}{
		{"2025-04-01", "quarterly", "2025-07-01", false},
		{"2025-03-31", "quarterly", "2025-06-30", true},
		{"2024-07-01", "annual", "2025-07-01", false},
		{"2024-06-30", "annual", "2025-06-30", true},
		{"2024-02-29", "annual", "2025-02-28", true},
		{"2025-01-01", "semiannual", "2025-07-01", false},
		{"2025-06-24", "weekly", "2025-07-01", false},
		{"2025-06-30", "daily", "2025-07-01", false},
		{"2025-06-30T11:00:00Z", "daily", "2025-07-01T11:00:00Z", true},
		{"2025-06-30T15:00:00+02:00", "daily", "2025-07-01T15:00:00+02:00", false},
		{"2020-01-01", "continuous", "", false},
		{"2020-01-01", "per-event", "", false},
	} {
		t.Run(tc.last+" "+tc.frequency, func(t *testing.T) {
			due, overdue := dueStatus(types.StringValue(tc.last), types.StringValue(tc.frequency), now)
			if tc.wantDue == "" {
				assert.True(t, due.IsNull(), "next_due should be null, got %s", due)
			} else {
				assert.Equal(t, tc.wantDue, due.ValueString())
			}
			assert.Equal(t, tc.wantOverdue, overdue.ValueBool())
		})
	}

	due, overdue := dueStatus(types.StringNull(), types.StringValue("annual"), now)
	assert.True(t, due.IsNull(), "never collected: no due date")
	assert.False(t, overdue.ValueBool())
}

func TestOverdueWarningNamesRequirementAndOwner(t *testing.T) {
	m := evidenceRequirementModel{
		ControlID:     types.StringValue("IAM-03"),
		Name:          types.StringValue("Access review sign-off"),
		Frequency:     types.StringValue("quarterly"),
		LastCollected: types.StringValue("2025-01-15"),
		NextDue:       types.StringValue("2025-04-15"),
		Overdue:       types.BoolValue(true),
		OwnerID:       types.StringValue("bob@example.com"),
	}
	d := newDeclarations()
	diags := warnOverdue(m, d)
	require.Len(t, diags, 1)
	assert.Equal(t, diag.SeverityWarning, diags[0].Severity())
	assert.Equal(t, "Evidence overdue: Access review sign-off", diags[0].Summary())
	assert.Equal(t, `Evidence requirement "Access review sign-off" of control IAM-03 was due on 2025-04-15 `+
		`(last collected 2025-01-15, quarterly). Owner: bob@example.com. Collect the evidence and set last_collected to the collection date.`,
		diags[0].Detail())

	m.OwnerID = types.StringNull()
	diags = warnOverdue(m, d)
	require.Len(t, diags, 1)
	assert.Contains(t, diags[0].Detail(), "Owner: no owner_id set on the requirement; the control's owner is accountable.")

	// Once the control has been planned, the warning names its owner.
	d.recordOwner("IAM-03", "alice@example.com")
	diags = warnOverdue(m, d)
	require.Len(t, diags, 1)
	assert.Contains(t, diags[0].Detail(), "Owner: alice@example.com (owner of control IAM-03; the requirement sets no owner_id).")
	d.reset()
	assert.Contains(t, warnOverdue(m, d)[0].Detail(), "the control's owner is accountable", "a new walk forgets the owners")

	m.Overdue = types.BoolValue(false)
	assert.Empty(t, warnOverdue(m, d))
}

func TestFutureCollectionWarning(t *testing.T) {
	now := time.Date(2025, time.July, 1, 12, 0, 0, 0, time.UTC)
	m := evidenceRequirementModel{Name: types.StringValue("Sign-off"), LastCollected: types.StringValue("2052-07-01")}
	diags := warnFutureCollection(m, now)
	require.Len(t, diags, 1)
	assert.Equal(t, diag.SeverityWarning, diags[0].Severity())
	assert.Contains(t, diags[0].Detail(), "last_collected 2052-07-01 of evidence requirement \"Sign-off\" is after today (2025-07-01)")

	m.LastCollected = types.StringValue("2025-07-01")
	assert.Empty(t, warnFutureCollection(m, now))
}

// An evidence requirement lost from state is re-adopted from its
// arguments, with next_due and overdue computed from the clock as on create.
func TestAccEvidenceRequirement_import(t *testing.T) {
	requireTerraform(t)
	const id = `{"control_id":"IAM-03","name":"Access review sign-off","frequency":"quarterly","last_collected":"2025-01-15","retention_days":400}`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config: evidenceConfig(`
  frequency      = "quarterly"
  last_collected = "2025-01-15"
  retention_days = 400
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(true)),
				},
			},
			{
				ResourceName:      evidenceAddress,
				ImportState:       true,
				ImportStateId:     id,
				ImportStateVerify: true,
			},
			{
				// The framework fails the step unless the plan is a no-op import.
				ResourceName:    evidenceAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   id,
			},
			{
				ResourceName:  evidenceAddress,
				ImportState:   true,
				ImportStateId: `{"control_id":"IAM-03","name":"Access review sign-off","frequency":"quarterly","retention_days":30}`,
				ExpectError:   errorContaining(`retention_days: Attribute retention_days value must be at least 90, got: 30`),
			},
		},
	})
}
