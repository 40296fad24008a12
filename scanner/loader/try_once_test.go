package loader

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
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
