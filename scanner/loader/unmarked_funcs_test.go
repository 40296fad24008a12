package loader

import (
	"fmt"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

func TestSpecLayout(t *testing.T) {
	require.True(t, specLayoutOK, "function.Function is no longer a pointer to its Spec: the evaluator lost its fast path")
}

// callExpr calls f with args through hcl, as the evaluator does (the
// wrapped functions take their arguments from hcl's expression decoder),
// each argument a literal on a line of its own.
func callExpr(f function.Function, args ...cty.Value) (cty.Value, hcl.Diagnostics) {
	call := &hclsyntax.FunctionCallExpr{Name: "f"}
	for i, a := range args {
		at := hcl.Pos{Line: i + 1, Column: 1, Byte: i}
		call.Args = append(call.Args, &hclsyntax.LiteralValueExpr{Val: a, SrcRange: hcl.Range{Filename: "args.tf", Start: at, End: at}})
	}
	return call.Value(&hcl.EvalContext{Functions: map[string]function.Function{"f": f}})
}

// diagTexts are what the loader reads of diags: severity, summary,
// detail and where.
func diagTexts(diags hcl.Diagnostics) []string {
	out := make([]string, 0, len(diags))
	for _, d := range diags {
		where := "-"
		if d.Subject != nil {
			where = d.Subject.String()
		}
		out = append(out, fmt.Sprintf("%d %s: %s (%s)", d.Severity, d.Summary, d.Detail, where))
	}
	return out
}

// The wrapped functions answer as go-cty's own do, with and without
// marks: the same values, refinements, marks and errors, through hcl.
func TestUnmarkedFunctionsAnswerAsGoCty(t *testing.T) {
	big := cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x"), "b": cty.ListVal([]cty.Value{cty.NumberIntVal(1)})})
	cases := []struct {
		name string
		f    function.Function
		args []cty.Value
	}{
		{"lookup", lookupFunc, []cty.Value{big, cty.StringVal("a"), cty.StringVal("d")}},
		{"lookup missing", lookupFunc, []cty.Value{big, cty.StringVal("z")}},
		{"lookup key of the wrong type", lookupFunc, []cty.Value{big, cty.EmptyObjectVal}},
		{"upper", stdlib.UpperFunc, []cty.Value{cty.StringVal("x")}},
		{"upper null", stdlib.UpperFunc, []cty.Value{cty.NullVal(cty.String)}},
		{"upper unknown", stdlib.UpperFunc, []cty.Value{cty.UnknownVal(cty.String)}},
		{"upper dynamic", stdlib.UpperFunc, []cty.Value{cty.DynamicVal}},
		{"upper bool", stdlib.UpperFunc, []cty.Value{cty.True}},
		{"upper list", stdlib.UpperFunc, []cty.Value{cty.ListVal([]cty.Value{cty.StringVal("x")})}},
		{"upper no args", stdlib.UpperFunc, nil},
		{"upper two args", stdlib.UpperFunc, []cty.Value{cty.StringVal("x"), cty.StringVal("y")}},
		{"concat", stdlib.ConcatFunc, []cty.Value{cty.ListVal([]cty.Value{cty.True}), cty.UnknownVal(cty.List(cty.Bool))}},
		{"concat null vararg", stdlib.ConcatFunc, []cty.Value{cty.ListValEmpty(cty.Bool), cty.NullVal(cty.List(cty.Bool))}},
		{"concat string vararg", stdlib.ConcatFunc, []cty.Value{cty.ListValEmpty(cty.Bool), cty.StringVal("x")}},
		{"merge unknown", stdlib.MergeFunc, []cty.Value{big, cty.DynamicVal}},
		{"length", lengthFunc, []cty.Value{big}},
		{"join unknown", stdlib.JoinFunc, []cty.Value{cty.UnknownVal(cty.String), cty.ListVal([]cty.Value{cty.StringVal("a")})}},
		{"try", tryFunc, []cty.Value{cty.StringVal("a")}},
	}
	for _, marked := range []bool{false, true} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s marked=%v", c.name, marked), func(t *testing.T) {
				args := c.args
				if marked && len(c.args) > 0 {
					args = make([]cty.Value, len(c.args))
					copy(args, c.args)
					args[0] = markSensitive(args[0])
				}
				ev := &evaluator{marked: marked}
				want, wantDiags := callExpr(c.f, args...)
				got, gotDiags := callExpr(ev.unmarkedFunction(c.f), args...)
				assert.Equal(t, diagTexts(wantDiags), diagTexts(gotDiags))
				require.NotEqual(t, cty.NilVal, got)
				assert.Equal(t, want.GoString(), got.GoString())
				assert.True(t, want.RawEquals(got), "%#v != %#v", want, got)
			})
		}
	}
}

// A boxed argument is not walked: calling lookup on a map allocates as
// much whatever the size of the map (go-cty's mark check before the call
// walked every element of it).
func TestUnmarkedFunctionsDoNotWalkArguments(t *testing.T) {
	ev := &evaluator{}
	lookup := ev.unmarkedFunction(lookupFunc)
	allocs := func(n int) float64 {
		m := make(map[string]cty.Value, n)
		for i := range n {
			m[fmt.Sprintf("k%04d", i)] = cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("x"), "tags": cty.ListVal([]cty.Value{cty.StringVal("a")})})
		}
		big := cty.ObjectVal(m)
		v, diags := callExpr(lookup, big, cty.StringVal("k0000"))
		require.False(t, diags.HasErrors(), "%v", diags)
		require.True(t, v.Type().IsObjectType())
		return testing.AllocsPerRun(20, func() { _, _ = callExpr(lookup, big, cty.StringVal("k0000")) })
	}
	assert.Equal(t, allocs(10), allocs(1000))
}

// Until a root module makes a mark, function calls take the fast path;
// sensitive() makes one, after which the functions keep marks as go-cty
// does.
func TestSensitiveTurnsOffTheFastPath(t *testing.T) {
	ev := &evaluator{usage: newUsage()}
	fns := ev.unmarkedFunctions(map[string]function.Function{
		"sensitive": ev.sensitiveFunc(),
		"upper":     stdlib.UpperFunc,
	})
	v, diags := callExpr(fns["upper"], cty.StringVal("a"))
	require.False(t, diags.HasErrors(), "%v", diags)
	assert.False(t, ev.marked)
	assert.Equal(t, cty.StringVal("A"), v)

	s, diags := callExpr(fns["sensitive"], cty.StringVal("a"))
	require.False(t, diags.HasErrors(), "%v", diags)
	assert.True(t, ev.marked)
	v, diags = callExpr(fns["upper"], s)
	require.False(t, diags.HasErrors(), "%v", diags)
	assert.True(t, v.HasMark(sensitiveMark))
}
