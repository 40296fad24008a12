package loader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// computedPlan is a real plan (Terraform 1.11.4, hashicorp/aws 5.100.0) of
// testdata/plan_computed/config.
const computedPlan = "testdata/plan_computed/plan.json"

func TestPlanArgumentsLeftToTheProviderAreAbsent(t *testing.T) {
	res, err := Load(t.Context(), Options{Paths: []string{computedPlan}})
	require.NoError(t, err)
	require.Empty(t, res.Diagnostics)

	// count, and written as null: absent or null as in HCL, never unknown.
	for _, addr := range []string{"aws_db_instance.db[0]", "aws_db_instance.db[1]"} {
		db := mustResource(t, res, addr)
		assert.False(t, db.Attr("backup_retention_period").Present, "%s: not written, the provider's default", addr)
		assert.False(t, db.Attr("ca_cert_identifier").Present, addr)
		assert.True(t, db.Attr("multi_az").IsNull(), "%s: multi_az = null is not set", addr)
		assert.False(t, db.Attr("multi_az").IsUnknown(), addr)
		kms := db.Attr("kms_key_id")
		assert.True(t, kms.IsUnknown(), "%s: written as a reference to a value known after apply", addr)
		assert.Equal(t, []string{"aws_kms_key.k"}, kms.Refs, addr)
		assert.True(t, db.Attr("arn").IsUnknown(), "%s: computed only: no default, known after apply", addr)
		assert.True(t, db.Attr("tags_all").IsUnknown(), "%s: merged from default_tags, no default", addr)
		assert.True(t, db.Attr("storage_encrypted").IsTrue(), addr)
	}

	// Resources of modules called with count and for_each, and of a module
	// they call.
	for _, mod := range []string{"module.counted[0]", "module.counted[1]", `module.keyed["eu"]`} {
		p := mustResource(t, res, mod+".aws_iam_account_password_policy.p")
		assert.False(t, p.Attr("require_numbers").Present, mod)
		assert.False(t, p.Attr("hard_expiry").Present, mod)
		assert.True(t, p.Attr("password_reuse_prevention").IsNull(), "%s: written as null", mod)
		assert.False(t, p.Attr("password_reuse_prevention").IsUnknown(), mod)
		assert.Equal(t, int64(14), num(t, p.Attr("minimum_password_length")), mod)

		v := mustResource(t, res, mod+".module.volume.aws_ebs_volume.v")
		assert.False(t, v.Attr("encrypted").Present, mod)
		assert.False(t, v.Attr("type").Present, mod)
		assert.True(t, v.Attr("kms_key_id").IsUnknown(), "%s: written (var.key_arn), whatever it turns out to be", mod)
	}
	assert.True(t, mustResource(t, res, "module.counted[0].aws_iam_account_password_policy.p").Attr("max_password_age").IsUnknown(),
		"written as var.max_age: kept unknown")
	assert.Equal(t, int64(90), num(t, mustResource(t, res, `module.keyed["eu"].aws_iam_account_password_policy.p`).Attr("max_password_age")))

	// Blocks written in the configuration: their own arguments too.
	static := mustResource(t, res, "aws_instance.static")
	assert.False(t, static.Attr("associate_public_ip_address").Present)
	root := static.FirstBlock("root_block_device")
	require.NotNil(t, root)
	assert.Equal(t, int64(8), num(t, root.Attr("volume_size")))
	assert.True(t, root.Attr("encrypted").IsNull(), "not written in the block")
	assert.False(t, root.Attr("encrypted").IsUnknown())
	assert.True(t, root.Attr("device_name").IsUnknown(), "computed only")
	ebs := static.FirstBlock("ebs_block_device")
	require.NotNil(t, ebs)
	assert.True(t, ebs.Attr("encrypted").IsNull(), "written as null in the block")
	assert.False(t, ebs.Attr("encrypted").IsUnknown())
	assert.True(t, static.Get("metadata_options", "http_put_response_hop_limit").IsNull())
	assert.Equal(t, "required", str(t, static.Get("metadata_options", "http_tokens")))

	// Dynamic blocks leave no trace in a plan's configuration: what they
	// may have written stays unknown.
	dyn := mustResource(t, res, "aws_instance.dynamic")
	assert.True(t, dyn.Get("root_block_device", "encrypted").IsUnknown(), "a block from a dynamic block")
	assert.True(t, dyn.Attr("ebs_block_device").IsUnknown(), "a dynamic block over a value known after apply")
	for _, addr := range []string{"aws_s3_bucket.plain", "aws_s3_bucket.dynamic"} {
		b := mustResource(t, res, addr)
		assert.False(t, b.Attr("policy").Present, addr)
		assert.False(t, b.Attr("acl").Present, addr)
		assert.True(t, b.Attr("server_side_encryption_configuration").IsUnknown(),
			"%s: a block, which a dynamic block may write (aws_s3_bucket.dynamic's does)", addr)
		assert.True(t, b.Attr("logging").IsUnknown(), addr)
	}
	assert.True(t, mustResource(t, res, "aws_security_group.sg").Attr("egress").IsUnknown(),
		"an argument the provider lets be written as blocks, dynamic ones included")
}

// A plan without its configuration section (hand-written, or trimmed)
// shows nothing of what the configuration writes: its unknowns stay.
func TestPlanWithoutConfigurationKeepsUnknowns(t *testing.T) {
	data, err := os.ReadFile(computedPlan)
	require.NoError(t, err)
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &doc))
	delete(doc, "configuration")
	trimmed, err := json.Marshal(doc)
	require.NoError(t, err)
	name := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(name, trimmed, 0o644))

	res, err := Load(t.Context(), Options{Paths: []string{name}})
	require.NoError(t, err)
	require.Empty(t, res.Diagnostics)
	db := mustResource(t, res, "aws_db_instance.db[0]")
	assert.True(t, db.Attr("backup_retention_period").IsUnknown())
	assert.True(t, mustResource(t, res, "aws_instance.static").Get("root_block_device", "encrypted").IsUnknown())
	assert.True(t, mustResource(t, res, "module.counted[0].aws_iam_account_password_policy.p").Attr("require_numbers").IsUnknown())
}

func TestDropDefaulted(t *testing.T) {
	unknownVolume := func() cty.Value {
		return cty.ObjectVal(map[string]cty.Value{"volume_size": cty.NumberIntVal(8), "encrypted": cty.DynamicVal})
	}
	written := func() any {
		return []any{map[string]any{"volume_size": map[string]any{"constant_value": 8.0}}}
	}
	t.Run("static block", func(t *testing.T) {
		attrs := map[string]cty.Value{"root_block_device": cty.TupleVal([]cty.Value{unknownVolume()})}
		dropDefaulted("aws_instance", attrs, map[string]any{"root_block_device": written()})
		assert.True(t, attrs["root_block_device"].Index(cty.NumberIntVal(0)).GetAttr("encrypted").IsNull())
	})
	t.Run("more blocks than written: a dynamic block wrote some", func(t *testing.T) {
		attrs := map[string]cty.Value{"root_block_device": cty.TupleVal([]cty.Value{unknownVolume(), unknownVolume()})}
		dropDefaulted("aws_instance", attrs, map[string]any{"root_block_device": written()})
		for i := range 2 {
			assert.False(t, attrs["root_block_device"].Index(cty.NumberIntVal(int64(i))).GetAttr("encrypted").IsKnown())
		}
	})
	t.Run("one write sets it", func(t *testing.T) {
		exprs := []any{
			map[string]any{"encrypted": map[string]any{"references": []any{"var.enc"}}},
			map[string]any{"volume_size": map[string]any{"constant_value": 8.0}},
		}
		attrs := map[string]cty.Value{"ebs_block_device": cty.TupleVal([]cty.Value{unknownVolume(), unknownVolume()})}
		dropDefaulted("aws_instance", attrs, map[string]any{"ebs_block_device": exprs})
		for i := range 2 {
			assert.False(t, attrs["ebs_block_device"].Index(cty.NumberIntVal(int64(i))).GetAttr("encrypted").IsKnown(),
				"a set's elements are not in the order written")
		}
	})
	t.Run("not in the table", func(t *testing.T) {
		attrs := map[string]cty.Value{"ebs_block_device": cty.DynamicVal, "arn": cty.DynamicVal, "max_password_age": cty.DynamicVal}
		dropDefaulted("aws_instance", attrs, map[string]any{})
		assert.False(t, attrs["ebs_block_device"].IsKnown(), "a block")
		assert.False(t, attrs["arn"].IsKnown(), "computed only")
		assert.False(t, attrs["max_password_age"].IsKnown(), "another type's argument")
		dropDefaulted("google_sql_database_instance", attrs, map[string]any{})
		assert.False(t, attrs["arn"].IsKnown(), "a type the table does not list")
	})
}

// num reads a known whole number argument.
func num(t *testing.T, v scanner.Value) int64 {
	t.Helper()
	n, ok := v.AsInt()
	require.True(t, ok, "%s is not a known whole number: %#v (present %v)", v.Name, v.Val, v.Present)
	return n
}
