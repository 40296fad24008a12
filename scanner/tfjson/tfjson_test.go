package tfjson

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const nested = `{
  "root_module": {
    "resources": [{"address": "a.root"}],
    "child_modules": [
      {
        "address": "module.x",
        "resources": [{"address": "module.x.a.one"}, {"address": "module.x.a.two"}],
        "child_modules": [{"address": "module.x.module.y", "resources": [{"address": "module.x.module.y.a.deep"}]}]
      },
      {"address": "module.z", "resources": [{"address": "module.z.a.last"}]}
    ]
  }
}`

func TestValuesResourcesWalksModulesParentsFirst(t *testing.T) {
	var v Values
	require.NoError(t, json.Unmarshal([]byte(nested), &v))

	var got []string
	for module, r := range v.Resources() {
		got = append(got, module+" "+r.Address)
	}
	assert.Equal(t, []string{
		" a.root",
		"module.x module.x.a.one",
		"module.x module.x.a.two",
		"module.x.module.y module.x.module.y.a.deep",
		"module.z module.z.a.last",
	}, got)

	// Stopping early stops the walk, in a child module too.
	got = nil
	for _, r := range v.Resources() {
		got = append(got, r.Address)
		if r.Address == "module.x.a.one" {
			break
		}
	}
	assert.Equal(t, []string{"a.root", "module.x.a.one"}, got)
}

func TestValuesResourcesOfNothing(t *testing.T) {
	var none *Values
	for range none.Resources() {
		assert.Fail(t, "nil values have no resources")
	}
	for range (&Values{}).Resources() {
		assert.Fail(t, "values without a root module have no resources")
	}
}

// TestExpressionNestedBlocks checks the forms terraform show -json writes
// a provider configuration's expressions in (jsonconfig's
// marshalExpressions): an argument as an expression object, a list or set
// block as an array of expression maps, and a single block (NestingSingle
// or NestingGroup) as one expression map, which read as a plain
// expression lost the block's arguments.
func TestExpressionNestedBlocks(t *testing.T) {
	var exprs map[string]Expression
	require.NoError(t, json.Unmarshal([]byte(`{
  "region": {"constant_value": "eu-west-1"},
  "profile": {"references": ["var.profile"]},
  "empty": {},
  "assume_role": [{"role_arn": {"constant_value": "arn:aws:iam::111122223333:role/a"}}],
  "single": {"role_arn": {"constant_value": "arn:aws:iam::444455556666:role/b"}, "inner": [{"x": {"constant_value": 1}}]}
}`), &exprs))
	assert.JSONEq(t, `"eu-west-1"`, string(exprs["region"].ConstantValue))
	assert.Empty(t, exprs["region"].Blocks)
	assert.Equal(t, []string{"var.profile"}, exprs["profile"].References)
	assert.Empty(t, exprs["empty"].Blocks)
	require.Len(t, exprs["assume_role"].Blocks, 1)
	assert.JSONEq(t, `"arn:aws:iam::111122223333:role/a"`, string(exprs["assume_role"].Blocks[0]["role_arn"].ConstantValue))
	single := exprs["single"]
	assert.Nil(t, single.ConstantValue)
	require.Len(t, single.Blocks, 1)
	assert.JSONEq(t, `"arn:aws:iam::444455556666:role/b"`, string(single.Blocks[0]["role_arn"].ConstantValue))
	require.Len(t, single.Blocks[0]["inner"].Blocks, 1)
	assert.JSONEq(t, `1`, string(single.Blocks[0]["inner"].Blocks[0]["x"].ConstantValue))
}
