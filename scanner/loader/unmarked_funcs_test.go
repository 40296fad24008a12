package loader

import (
	"fmt"
	"strings"
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

// deepDoc is an object nesting n levels of objects, each with a few
// attributes, as a policy document does.
func deepDoc(n int) cty.Value {
	v := cty.StringVal("leaf")
	for i := range n {
		v = cty.ObjectVal(map[string]cty.Value{"a": v, "b": cty.NumberIntVal(int64(i)), "c": cty.ListVal([]cty.Value{cty.StringVal("x")})})
	}
	return v
}

// Functions whose return type is structural are called ahead of go-cty's
// type check (typeAhead): the value, the errors and unknowns are go-cty's
// own, nested calls each get their own value back, and nothing is left
// waiting afterwards.
func TestCalledAheadAnswersAsGoCty(t *testing.T) {
	doc := deepDoc(6)
	ev := &evaluator{}
	fns := map[string]function.Function{
		"merge":   stdlib.MergeFunc,
		"tomap":   stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"concat":  stdlib.ConcatFunc,
		"flatten": stdlib.FlattenFunc,
		"lookup":  lookupFunc,
		"keys":    stdlib.KeysFunc,
		"upper":   stdlib.UpperFunc,
	}
	wrapped := ev.unmarkedFunctions(fns)
	vars := map[string]cty.Value{
		"doc":     doc,
		"other":   cty.ObjectVal(map[string]cty.Value{"z": cty.StringVal("z"), "a": cty.NumberIntVal(1)}),
		"unknown": cty.UnknownVal(cty.Object(map[string]cty.Type{"q": cty.String})),
		"list":    cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
	}
	for _, src := range []string{
		`merge(var.doc, var.other)`,
		`merge(merge(var.doc, {}), merge(var.other, var.doc))`,
		`tomap({ x = var.doc.c, y = concat(var.list, ["c"]) })`,
		`concat(var.list, flatten([var.list, [var.list]]))`,
		`lookup(merge(var.doc, var.other), "a", null)`,
		`merge(var.doc, var.unknown)`,
		`keys(merge(var.doc, var.other))`,
		`merge(var.doc, "not an object")`,
		`concat(var.list, [upper(var.list)])`,
		`[for k in keys(var.doc) : merge(var.other, { k = k })]`,
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
		require.False(t, diags.HasErrors(), src)
		ctx := func(f map[string]function.Function) *hcl.EvalContext {
			return &hcl.EvalContext{Variables: map[string]cty.Value{"var": cty.ObjectVal(vars)}, Functions: f}
		}
		want, wantDiags := expr.Value(ctx(fns))
		got, gotDiags := expr.Value(ctx(wrapped))
		assert.Equal(t, diagTexts(wantDiags), diagTexts(gotDiags), src)
		assert.Equal(t, want.GoString(), got.GoString(), src)
		assert.Empty(t, ev.called, "%s: a value called ahead was not taken back", src)
	}
}

// The type check go-cty makes after a call still runs where typeConforms
// cannot vouch for the value: a function whose value does not have the
// type it said fails as go-cty makes it fail (a panic it turns into the
// call's error, here without the stack it holds).
func TestCalledAheadKeepsGoCtyTypeCheck(t *testing.T) {
	liar := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType}},
		Type: func([]cty.Value) (cty.Type, error) {
			return cty.Object(map[string]cty.Type{"a": cty.String}), nil
		},
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.ObjectVal(map[string]cty.Value{"a": cty.NumberIntVal(1)}), nil
		},
	})
	call := func(f function.Function) []string {
		v, diags := callExpr(f, cty.True)
		assert.Equal(t, cty.DynamicVal, v)
		var out []string
		for _, d := range diags {
			detail, _, _ := strings.Cut(d.Detail, "\n")
			out = append(out, d.Summary+": "+detail)
		}
		return out
	}
	want := call(liar)
	require.Len(t, want, 1)
	require.Contains(t, want[0], "does not conform")
	ev := &evaluator{}
	assert.Equal(t, want, call(ev.unmarkedFunction(liar)))
	assert.Empty(t, ev.called)
}

func TestTypeConforms(t *testing.T) {
	obj := cty.Object(map[string]cty.Type{"a": cty.String, "b": cty.List(cty.Number)})
	for _, c := range []struct {
		given, want cty.Type
		ok          bool
	}{
		{cty.String, cty.String, true},
		{cty.String, cty.Number, false},
		{obj, cty.DynamicPseudoType, true},
		{obj, cty.Object(map[string]cty.Type{"a": cty.String, "b": cty.List(cty.Number)}), true},
		{obj, cty.Object(map[string]cty.Type{"a": cty.String, "b": cty.List(cty.String)}), false},
		{obj, cty.Object(map[string]cty.Type{"a": cty.String}), false},
		{obj, cty.Object(map[string]cty.Type{"a": cty.String, "c": cty.List(cty.Number)}), false},
		{obj, cty.Object(map[string]cty.Type{"a": cty.DynamicPseudoType, "b": cty.List(cty.DynamicPseudoType)}), true},
		{cty.Tuple([]cty.Type{cty.String, obj}), cty.Tuple([]cty.Type{cty.String, obj}), true},
		{cty.Tuple([]cty.Type{cty.String}), cty.Tuple([]cty.Type{cty.String, cty.String}), false},
		{cty.Map(obj), cty.Map(obj), true},
		{cty.Map(obj), cty.List(obj), false},
		{cty.Set(cty.String), cty.Set(cty.String), true},
		{cty.List(cty.String), cty.List(cty.Bool), false},
		{cty.DynamicPseudoType, cty.String, false},
		{cty.ObjectWithOptionalAttrs(map[string]cty.Type{"a": cty.String}, []string{"a"}), cty.Object(map[string]cty.Type{"a": cty.String}), false},
	} {
		got := typeConforms(c.given, c.want)
		assert.Equal(t, c.ok, got, "%#v against %#v", c.given, c.want)
		if got {
			assert.Empty(t, c.given.TestConformance(c.want), "typeConforms vouched for what go-cty rejects: %#v against %#v", c.given, c.want)
		}
	}
}
