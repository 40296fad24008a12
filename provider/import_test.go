package provider

import (
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// importID runs a resource's ImportState on id as the framework does: on
// a null state of the resource's schema.
func importID(t *testing.T, r resource.Resource, id string) (tfsdk.State, diag.Diagnostics) {
	t.Helper()
	ctx := t.Context()
	var s resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &s)
	require.False(t, s.Diagnostics.HasError(), "%v", s.Diagnostics)
	resp := &resource.ImportStateResponse{State: tfsdk.State{
		Schema: s.Schema,
		Raw:    tftypes.NewValue(s.Schema.Type().TerraformType(ctx), nil),
	}}
	importer, ok := r.(resource.ResourceWithImportState)
	require.True(t, ok, "%T does not implement import", r)
	importer.ImportState(ctx, resource.ImportStateRequest{ID: id}, resp)
	return resp.State, resp.Diagnostics
}

// importError imports id, which must fail, and returns the error detail.
func importError(t *testing.T, r resource.Resource, id string) string {
	t.Helper()
	_, diags := importID(t, r, id)
	require.Len(t, diags, 1, id)
	assert.Equal(t, "Invalid import ID", diags[0].Summary())
	return diags[0].Detail()
}

func TestImportControlOwner(t *testing.T) {
	state, diags := importID(t, newControlOwnerResource(newDeclarations()),
		`{"email":"alice@example.com", "name":"Alice Example", "title":"CISO", "team":null}`)
	require.False(t, diags.HasError(), "%v", diags)
	var m controlOwnerModel
	require.False(t, state.Get(t.Context(), &m).HasError())
	assert.Equal(t, "alice@example.com", m.ID.ValueString(), "the id is computed from the e-mail address")
	assert.Equal(t, "Alice Example", m.Name.ValueString())
	assert.Equal(t, "CISO", m.Title.ValueString())
	assert.True(t, m.Team.IsNull(), "null is the same as leaving the argument out")
	assert.True(t, m.Slack.IsNull())
}

func TestImportControl(t *testing.T) {
	state, diags := importID(t, newControlResource(newDeclarations()),
		`{"control_id":"CRY-01","title":"Encryption","description":"Data is encrypted.","criteria":["CC6.1","A1.2","CC6.1"],`+
			`"owner_id":"alice@example.com","tags":{"domain":"cryptography"}}`)
	require.False(t, diags.HasError(), "%v", diags)
	var m controlModel
	require.False(t, state.Get(t.Context(), &m).HasError())
	assert.Equal(t, "CRY-01", m.ID.ValueString())
	assert.Equal(t, "planned", m.Status.ValueString(), "the schema's default fills a left-out argument")
	var criteria, categories []string
	require.False(t, m.Criteria.ElementsAs(t.Context(), &criteria, false).HasError())
	require.False(t, m.Categories.ElementsAs(t.Context(), &categories, false).HasError())
	assert.ElementsMatch(t, []string{"A1.2", "CC6.1"}, criteria, "a criterion given twice is one element of the set")
	assert.ElementsMatch(t, []string{"availability", "security"}, categories, "categories are computed from the criteria")
	assert.Equal(t, `{"domain":"cryptography"}`, m.Tags.String())
}

func TestImportEvidenceRequirement(t *testing.T) {
	r := newEvidenceRequirementResource(newDeclarations()).(*evidenceRequirementResource)
	r.data = &providerData{clock: newFakeClock(testNow)}
	state, diags := importID(t, r, `{"control_id":"IAM-03","name":"Access review","frequency":"quarterly","last_collected":"2025-01-15"}`)
	require.False(t, diags.HasError(), "%v", diags)
	var m evidenceRequirementModel
	require.False(t, state.Get(t.Context(), &m).HasError())
	assert.Equal(t, "IAM-03/Access review", m.ID.ValueString())
	assert.Equal(t, big.NewFloat(defaultRetentionDays).String(), m.RetentionDays.ValueBigFloat().String(), "the schema's default fills a left-out argument")
	assert.Equal(t, "2025-04-15", m.NextDue.ValueString())
	assert.True(t, m.Overdue.ValueBool(), "due before the clock's 1 July 2025")
}

func TestImportInvalidID(t *testing.T) {
	owner := newControlOwnerResource(newDeclarations())
	control := newControlResource(newDeclarations())
	for name, tc := range map[string]struct {
		r    resource.Resource
		id   string
		want string
	}{
		"not JSON": {owner, "alice@example.com",
			`"alice@example.com" is not a JSON object: it does not start with {.`},
		"JSON but not an object": {owner, `["alice@example.com"]`, `is not a JSON object: it does not start with {.`},
		"broken JSON":            {owner, `{"email":"alice@example.com",}`, `is not a JSON object: invalid character '}'`},
		"member given twice":     {owner, `{"email":"a@example.com","name":"A","email":"b@example.com"}`, `"email" is given twice`},
		"more after the object":  {owner, `{"email":"a@example.com","name":"A"} {}`, `there is more after the closing }`},
		"unknown argument": {owner, `{"email":"a@example.com","name":"A","phone":"+1 555 0100"}`,
			`"phone" is not an argument of the resource; its arguments are "contact", "email", "name", "slack", "team" and "title".`},
		"computed attribute": {owner, `{"email":"a@example.com","name":"A","id":"a@example.com"}`,
			`id: computed by the provider; leave it out`},
		"missing required argument": {owner, `{"email":"a@example.com"}`, `name: missing, and the resource requires it`},
		"wrong type":                {owner, `{"email":"a@example.com","name":7}`, `name: must be a string`},
		"invalid value": {owner, `{"email":"Alice <a@example.com>","name":"A"}`,
			`email: "Alice <a@example.com>" is not an e-mail address`},
		"empty value": {owner, `{"email":"a@example.com","name":""}`,
			`name: "" is blank: write a few words that say what this is`},
		"set as a string": {control, `{"control_id":"CRY-01","title":"T","description":"D","criteria":"CC6.1","owner_id":"a@example.com"}`,
			`criteria: must be a list of strings`},
		"criterion near miss": {control, `{"control_id":"CRY-01","title":"T","description":"D","criteria":["CC6.10"],"owner_id":"a@example.com"}`,
			`criteria: "CC6.10" is not a SOC 2 Trust Services Criterion`},
		"enum near miss": {control, `{"control_id":"CRY-01","title":"T","description":"D","criteria":["CC6.1"],"owner_id":"a@example.com","status":"Not_Applicable"}`,
			`status: "Not_Applicable" is not a valid control status; did you mean "not-applicable"?`},
		"owner name for owner id": {control, `{"control_id":"CRY-01","title":"T","description":"D","criteria":["CC6.1"],"owner_id":"Alice"}`,
			`owner_id: "Alice" is not the id of a soc2_control_owner`},
	} {
		t.Run(name, func(t *testing.T) {
			detail := importError(t, tc.r, tc.id)
			assert.Contains(t, detail, tc.want)
			assert.Contains(t, detail, "The import ID is a JSON object of the resource's arguments, as written in its configuration, such as {",
				"every error names the expected format")
		})
	}
}

// Every problem of an import ID is reported at once, in a stable order.
func TestImportReportsEveryProblem(t *testing.T) {
	detail := importError(t, newControlResource(newDeclarations()), `{"control_id":"cry-01","owner":"a@example.com","criteria":[]}`)
	assert.Equal(t, `"owner" is not an argument of the resource; its arguments are "automation", "backup_owner_id", "control_id", "control_type", `+
		`"criteria", "description", "frequency", "justification", "owner_id", "scan_findings", "scanner_rules", "status", "tags" and "title".
control_id: "cry-01" is not a control ID: use upper-case letters and digits in groups joined by '-', '.' or '_', starting with a letter, at most 64 characters, such as "CRY-01"; did you mean "CRY-01"?
criteria: Attribute criteria set must contain at least 1 elements, got: 0
description: missing, and the resource requires it
owner_id: missing, and the resource requires it
title: missing, and the resource requires it

The import ID is a JSON object of the resource's arguments, as written in its configuration, such as `+controlImportExample+`.`, detail)
}
