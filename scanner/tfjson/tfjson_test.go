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
