package loader

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// forScope binds a for expression's variables as Terraform does: the key
// and the value, and the value alone where both have one name.
func TestForScope(t *testing.T) {
	parse := func(src string) *hclsyntax.ForExpr {
		t.Helper()
		e, diags := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
		require.False(t, diags.HasErrors(), diags.Error())
		f, ok := e.(*hclsyntax.ForExpr)
		require.True(t, ok, "%T", e)
		return f
	}
	outer := &hcl.EvalContext{Variables: map[string]cty.Value{"o": cty.True}}
	k, v := cty.StringVal("key"), cty.StringVal("value")

	child := forScope(outer, parse(`{ for k, v in {} : k => v }`), k, v)
	assert.Equal(t, map[string]cty.Value{"k": k, "v": v}, child.Variables)
	got, diags := hcl.Traversal{hcl.TraverseRoot{Name: "o"}}.TraverseAbs(child)
	require.False(t, diags.HasErrors())
	assert.True(t, got.True(), "the outer scope stays visible")

	assert.Equal(t, map[string]cty.Value{"v": v}, forScope(outer, parse(`[ for v in [] : v ]`), k, v).Variables)
	assert.Equal(t, map[string]cty.Value{"x": v}, forScope(outer, parse(`{ for x, x in {} : x => x }`), k, v).Variables)
}
