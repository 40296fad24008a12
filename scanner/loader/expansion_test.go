package loader

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/zclconf/go-cty/cty"
)

// TestExpansionVariables checks that the count and each an instance's
// variables make when it is evaluated are those expand used to make
// up front, and that vars set outright are kept.
func TestExpansionVariables(t *testing.T) {
	idx := cty.NumberIntVal(3)
	counted := expansion{key: idx, iterator: "count"}
	assert.Equal(t, map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": idx})}, counted.variables())

	k, v := cty.StringVal("a"), cty.ObjectVal(map[string]cty.Value{"n": cty.NumberIntVal(1)})
	each := expansion{key: k, iterator: "each", each: v}
	assert.Equal(t, map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})}, each.variables())

	set := map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})}
	unknown := expansion{key: cty.NilVal, vars: set, maybe: true}
	assert.Equal(t, set, unknown.variables())

	single := expansion{key: cty.NilVal}
	assert.Nil(t, single.variables(), "a block without count or for_each")
}
