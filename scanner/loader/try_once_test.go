package loader

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// try evaluates each argument it reaches once, however deeply nested:
// deciding its type by evaluating them too made n nested calls evaluate
// the innermost argument 2^n times.
func TestTryEvaluatesArgumentsOnce(t *testing.T) {
	calls := 0
	tick := function.New(&function.Spec{
		Type: function.StaticReturnType(cty.Number),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			calls++
			return cty.NumberIntVal(1), nil
		},
	})
	expr, diags := hclsyntax.ParseExpression([]byte(`try(try(try(try(tick() + local.missing, tick()), 0), 0), 0)`), "t.tf", hcl.InitialPos)
	require.False(t, diags.HasErrors(), diags.Error())
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"local": cty.EmptyObjectVal},
		Functions: map[string]function.Function{"try": tryFunc, "tick": tick},
	}
	v, diags := expr.Value(ctx)
	require.False(t, diags.HasErrors(), diags.Error())
	assert.True(t, v.RawEquals(cty.NumberIntVal(1)), "%#v", v)
	assert.Equal(t, 2, calls, "the failing first argument and the second, once each")
}

// try returns a wholly known first argument as it is: the same value as
// agreed makes of it, marks included, and the same collection, which the
// sizes and hashes kept by identity then find again.
func TestTryReturnsAKnownArgumentAsItIs(t *testing.T) {
	doc := cty.ObjectVal(map[string]cty.Value{
		"name":   cty.StringVal("a"),
		"secret": cty.StringVal("s").Mark(sensitiveMark),
		"list":   cty.ListVal([]cty.Value{cty.StringVal("x"), cty.StringVal("y")}),
	})
	for name, v := range map[string]cty.Value{
		"marked inside": doc,
		"marked whole":  doc.Mark(sensitiveMark),
		"plain":         cty.ObjectVal(map[string]cty.Value{"a": cty.NumberIntVal(1), "b": cty.ListVal([]cty.Value{cty.True})}),
	} {
		expr := &hclsyntax.ScopeTraversalExpr{Traversal: hcl.Traversal{hcl.TraverseRoot{Name: "v"}}}
		ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"v": v}}
		got, err := try([]cty.Value{customdecode.ExpressionClosureVal(&customdecode.ExpressionClosure{Expression: expr, EvalContext: ctx})})
		require.NoError(t, err, name)
		want := agreed([]cty.Value{v})
		assert.True(t, want.RawEquals(got), "%s: %#v != %#v", name, got, want)
		u, _ := got.Unmark()
		w, _ := v.Unmark()
		gotID, ok := identityOf(u)
		require.True(t, ok)
		wantID, _ := identityOf(w)
		assert.Equal(t, wantID, gotID, "%s: the argument's own value", name)
	}
}
