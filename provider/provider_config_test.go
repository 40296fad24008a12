package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

func TestAccProvider_configured(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: `
provider "soc2" {
  organization        = "Example Corp"
  categories_in_scope = ["security", "availability"]

  observation_window {
    start = "2025-01-01"
    end   = "2025-06-30"
  }
}
` + controlConfig(`control_id = "BCK-01"
criteria = ["A1.2"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("soc2_control.test", tfjsonpath.New("categories"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("availability")})),
			},
		}},
	})
}

func TestAccProvider_invalid(t *testing.T) {
	requireTerraform(t)
	for name, tc := range map[string]struct {
		provider string
		want     string
	}{
		"unknown category": {
			provider: `categories_in_scope = ["security", "availability", "integrity"]`,
			want:     `"integrity" is not a valid Trust Services Category. Allowed values: "security", "availability", "confidentiality", "processing_integrity" or "privacy".`,
		},
		"category with hyphen": {
			provider: `categories_in_scope = ["processing-integrity"]`,
			want:     `"processing-integrity" is not a valid Trust Services Category; did you mean "processing_integrity"?`,
		},
		"empty scope": {
			provider: `categories_in_scope = []`,
			want:     `Attribute categories_in_scope set must contain at least 1 elements, got: 0`,
		},
		"window ends before it starts": {
			provider: `observation_window {
  start = "2025-12-31"
  end   = "2025-01-01"
}`,
			want: `observation_window.end (2025-01-01) must be after observation_window.start (2025-12-31).`,
		},
		"window without end": {
			provider: `observation_window {
  start = "2025-01-01"
}`,
			want: `observation_window needs both start and end; set end to an RFC 3339 date such as 2025-01-01.`,
		},
		"window start not a date": {
			provider: `observation_window {
  start = "January 2025"
  end   = "2025-12-31"
}`,
			want: `"January 2025" is not an RFC 3339 date`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
				Steps: []resource.TestStep{{
					Config: "provider \"soc2\" {\n" + tc.provider + "\n}\n" + controlConfig(`control_id = "CRY-01"
criteria = ["CC6.1"]`),
					PlanOnly:    true,
					ExpectError: errorContaining(tc.want),
				}},
			})
		})
	}
}

func TestWindowDays(t *testing.T) {
	for _, tc := range []struct {
		start, end string
		want       int64
	}{
		{"2025-01-01", "2025-12-31", 365},
		{"2024-01-01", "2024-12-31", 366},
		{"2025-01-01", "2025-03-31", 90},
		{"2025-01-01T00:00:00Z", "2025-01-02T00:00:01Z", 2},
		{"2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z", 30},
	} {
		start, err := inventory.ParseDate(tc.start)
		require.NoError(t, err)
		end, err := inventory.ParseDate(tc.end)
		require.NoError(t, err)
		assert.Equal(t, tc.want, observationWindow{start: start, end: end}.days(), "%s to %s", tc.start, tc.end)
	}
}

func TestReadScope(t *testing.T) {
	ctx := t.Context()

	scope, diags := readScope(ctx, types.SetNull(types.StringType))
	require.False(t, diags.HasError())
	assert.Equal(t, map[tsc.Category]bool{tsc.Security: true}, scope, "the default scope is security")

	set := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("privacy")})
	scope, diags = readScope(ctx, set)
	require.False(t, diags.HasError())
	assert.Equal(t, map[tsc.Category]bool{tsc.Security: true, tsc.Privacy: true}, scope, "security is always in scope")

	scope, _ = readScope(ctx, types.SetUnknown(types.StringType))
	assert.Nil(t, scope, "an unknown scope disables scope checks")

	set = types.SetValueMust(types.StringType, []attr.Value{types.StringUnknown()})
	scope, _ = readScope(ctx, set)
	assert.Nil(t, scope, "an unknown element disables scope checks")

	diags = warnMissingSecurity(ctx, types.SetValueMust(types.StringType, []attr.Value{types.StringValue("privacy")}))
	require.Len(t, diags, 1)
	assert.Equal(t, diag.SeverityWarning, diags[0].Severity())
	assert.Contains(t, diags[0].Detail(), `categories_in_scope is "privacy", but the security category`)
	assert.Empty(t, warnMissingSecurity(ctx, types.SetValueMust(types.StringType, []attr.Value{types.StringValue("security")})))
}

func TestControlOutOfScopeWarning(t *testing.T) {
	r := &controlResource{data: &providerData{scope: map[tsc.Category]bool{tsc.Security: true}}}
	plan := controlModel{ControlID: types.StringValue("BCK-01"), Status: types.StringValue(inventory.StatusImplemented)}

	var diags diag.Diagnostics
	r.warnOutOfScope(plan, []string{"A1.3", "A1.2"}, &diags)
	require.Len(t, diags, 1)
	assert.Equal(t, diag.SeverityWarning, diags[0].Severity())
	assert.Equal(t, `Control BCK-01 maps only to criteria in "availability" (A1.2, A1.3), and no category of them is in the provider's `+
		`categories_in_scope "security". Add "availability" to categories_in_scope in the provider block, or map the control to a criterion in scope.`,
		diags[0].Detail())

	diags = nil
	r.warnOutOfScope(plan, []string{"A1.2", "CC9.1"}, &diags)
	assert.Empty(t, diags, "one criterion in scope is enough")

	plan.Status = types.StringValue(inventory.StatusNotApplicable)
	r.warnOutOfScope(plan, []string{"A1.2"}, &diags)
	assert.Empty(t, diags, "a not-applicable control is not expected to be in scope")

	r.data.scope = nil
	plan.Status = types.StringValue(inventory.StatusImplemented)
	r.warnOutOfScope(plan, []string{"A1.2"}, &diags)
	assert.Empty(t, diags, "no warning while the scope is unknown")
}
