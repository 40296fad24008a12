package provider

import (
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaOf returns a resource's schema.
func schemaOf(t *testing.T, r resource.Resource) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
	require.False(t, resp.Diagnostics.HasError(), "%v", resp.Diagnostics)
	return resp.Schema
}

// TestModelCodecMatchesFramework reads and writes the model of each resource
// with its codec and with the framework's Get and Set, on values with
// known, null and unknown attributes, and expects the same results.
func TestModelCodecMatchesFramework(t *testing.T) {
	ctx := context.Background()
	str := tftypes.String
	strings := tftypes.Set{ElementType: str}
	t.Run("control", func(t *testing.T) {
		s := schemaOf(t, &controlResource{})
		typ := s.Type().TerraformType(ctx).(tftypes.Object)
		values := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			values[name] = tftypes.NewValue(at, nil)
		}
		values["control_id"] = tftypes.NewValue(str, "CRY-01")
		values["title"] = tftypes.NewValue(str, tftypes.UnknownValue)
		values["criteria"] = tftypes.NewValue(strings, []tftypes.Value{tftypes.NewValue(str, "CC6.1"), tftypes.NewValue(str, tftypes.UnknownValue)})
		values["categories"] = tftypes.NewValue(strings, tftypes.UnknownValue)
		values["tags"] = tftypes.NewValue(tftypes.Map{ElementType: str}, map[string]tftypes.Value{"domain": tftypes.NewValue(str, "crypto")})
		values["failing_resources"] = tftypes.NewValue(tftypes.List{ElementType: str}, []tftypes.Value{})
		compareCodec(t, controlCodec, s, tftypes.NewValue(typ, values), func(m *controlModel) {
			m.ID = m.ControlID
			m.Categories = types.SetValueMust(types.StringType, []attr.Value{types.StringValue("security")})
			m.AutomatedStatus = types.StringUnknown()
		})
	})
	t.Run("evidence requirement", func(t *testing.T) {
		s := schemaOf(t, &evidenceRequirementResource{})
		typ := s.Type().TerraformType(ctx).(tftypes.Object)
		values := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			values[name] = tftypes.NewValue(at, nil)
		}
		values["control_id"] = tftypes.NewValue(str, tftypes.UnknownValue)
		values["name"] = tftypes.NewValue(str, "Access review")
		values["retention_days"] = tftypes.NewValue(tftypes.Number, big.NewFloat(400))
		values["overdue"] = tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)
		compareCodec(t, evidenceCodec, s, tftypes.NewValue(typ, values), func(m *evidenceRequirementModel) {
			m.NextDue = types.StringValue("2027-01-01")
			m.Overdue = types.BoolValue(false)
		})
	})
	t.Run("control owner", func(t *testing.T) {
		s := schemaOf(t, &controlOwnerResource{})
		typ := s.Type().TerraformType(ctx).(tftypes.Object)
		values := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			values[name] = tftypes.NewValue(at, nil)
		}
		values["email"] = tftypes.NewValue(str, "lead@example.com")
		values["id"] = tftypes.NewValue(str, tftypes.UnknownValue)
		compareCodec(t, ownerCodec, s, tftypes.NewValue(typ, values), func(m *controlOwnerModel) { m.ID = m.Email })
	})
}

// compareCodec reads raw with codec and with tfsdk.Plan.Get, changes both
// models with change, and writes them back with codec and tfsdk.Plan.Set.
func compareCodec[M any](t *testing.T, codec *modelCodec[M], s schema.Schema, raw tftypes.Value, change func(*M)) {
	t.Helper()
	ctx := context.Background()
	plan := tfsdk.Plan{Schema: s, Raw: raw}
	var want, got M
	require.False(t, plan.Get(ctx, &want).HasError())
	require.Nil(t, codec.get(ctx, raw, &got))
	assert.Equal(t, want, got)

	change(&want)
	change(&got)
	require.False(t, plan.Set(ctx, &want).HasError())
	var written tftypes.Value
	require.Nil(t, codec.set(ctx, &got, &written))
	assert.True(t, plan.Raw.Equal(written), "framework wrote %s\ncodec wrote %s", plan.Raw, written)
	assert.False(t, written.Equal(raw), "the change is written")
}

// TestModelCodecErrors: a model that does not match its schema, and a value
// that is not an object, are errors as they are for the framework.
func TestModelCodecErrors(t *testing.T) {
	ctx := context.Background()
	type extraField struct {
		ID      types.String `tfsdk:"id"`
		Name    types.String `tfsdk:"name"`
		Email   types.String `tfsdk:"email"`
		Title   types.String `tfsdk:"title"`
		Team    types.String `tfsdk:"team"`
		Slack   types.String `tfsdk:"slack"`
		Contact types.String `tfsdk:"contact"`
		Nope    types.String `tfsdk:"nope"`
	}
	type missingField struct {
		ID types.String `tfsdk:"id"`
	}
	type untagged struct {
		ID   types.String `tfsdk:"id"`
		Name types.String
	}
	owner := (&controlOwnerResource{}).Schema
	s := schemaOf(t, &controlOwnerResource{})
	typ := s.Type().TerraformType(ctx).(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(at, "x")
	}
	raw := tftypes.NewValue(typ, values)

	var extra extraField
	d := newModelCodec[extraField](owner).get(ctx, raw, &extra)
	require.True(t, d.HasError())
	assert.Contains(t, d[0].Detail(), `names attribute "nope"`)

	var missing missingField
	d = newModelCodec[missingField](owner).get(ctx, raw, &missing)
	require.True(t, d.HasError())
	assert.Contains(t, d[0].Detail(), "has no field for attribute")

	var u untagged
	d = newModelCodec[untagged](owner).get(ctx, raw, &u)
	require.True(t, d.HasError())
	assert.Contains(t, d[0].Detail(), "field Name of provider.untagged has no tfsdk tag")

	var m controlOwnerModel
	assert.True(t, ownerCodec.get(ctx, tftypes.NewValue(typ, nil), &m).HasError(), "null")
	assert.True(t, ownerCodec.get(ctx, tftypes.NewValue(typ, tftypes.UnknownValue), &m).HasError(), "unknown")

	// The zero value of a set has no element type, so it is not a set of
	// strings: the framework does not write it either.
	control := controlModel{ControlID: types.StringValue("CRY-01")}
	var written tftypes.Value
	d = controlCodec.set(ctx, &control, &written)
	require.True(t, d.HasError())
	assert.Contains(t, d[0].Detail(), `attribute "criteria"`)
	plan := tfsdk.Plan{Schema: schemaOf(t, &controlResource{})}
	assert.True(t, plan.Set(ctx, &control).HasError())
}
