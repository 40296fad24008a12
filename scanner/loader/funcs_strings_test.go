package loader

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// contains and distinct with their fast paths give go-cty's values and
// diagnostics, through hcl, wrapped as the evaluator wraps them and not,
// with and without marks, for the strings they answer themselves and for
// everything they leave to go-cty.
func TestStringFastPathsAnswerAsGoCty(t *testing.T) {
	s := cty.StringVal
	strs := func(xs ...string) []cty.Value {
		out := make([]cty.Value, len(xs))
		for i, x := range xs {
			out[i] = s(x)
		}
		return out
	}
	list := func(xs ...string) cty.Value { return cty.ListVal(strs(xs...)) }
	tuple := func(vs ...cty.Value) cty.Value { return cty.TupleVal(vs) }
	unknownStr := cty.UnknownVal(cty.String)
	nullStr := cty.NullVal(cty.String)
	cases := []struct {
		name     string
		fast     function.Function
		original function.Function
		args     []cty.Value
	}{
		{"contains found", containsFunc, stdlib.ContainsFunc, []cty.Value{list("a", "b", "c"), s("b")}},
		{"contains absent", containsFunc, stdlib.ContainsFunc, []cty.Value{list("a", "b", "c"), s("d")}},
		{"contains empty list", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.ListValEmpty(cty.String), s("d")}},
		{"contains empty tuple", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.EmptyTupleVal, s("d")}},
		{"contains tuple", containsFunc, stdlib.ContainsFunc, []cty.Value{tuple(s("a"), s("b")), s("b")}},
		{"contains normalised", containsFunc, stdlib.ContainsFunc, []cty.Value{list("caf\u00e9"), s("cafe\u0301")}},
		{"contains case differs", containsFunc, stdlib.ContainsFunc, []cty.Value{list("A"), s("a")}},
		{"contains number in tuple", containsFunc, stdlib.ContainsFunc, []cty.Value{tuple(cty.NumberIntVal(1), s("1")), s("1")}},
		{"contains number absent", containsFunc, stdlib.ContainsFunc, []cty.Value{tuple(cty.NumberIntVal(1)), s("1")}},
		{"contains unknown before", containsFunc, stdlib.ContainsFunc, []cty.Value{tuple(unknownStr, s("b")), s("b")}},
		{"contains unknown after", containsFunc, stdlib.ContainsFunc, []cty.Value{tuple(s("b"), unknownStr), s("b")}},
		{"contains unknown absent", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.ListVal([]cty.Value{s("a"), unknownStr}), s("b")}},
		{"contains null element", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.ListVal([]cty.Value{nullStr, s("a")}), s("b")}},
		{"contains null value", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.ListVal([]cty.Value{nullStr, s("a")}), nullStr}},
		{"contains unknown value", containsFunc, stdlib.ContainsFunc, []cty.Value{list("a"), unknownStr}},
		{"contains unknown list", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.UnknownVal(cty.List(cty.String)), s("a")}},
		{"contains null list", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.NullVal(cty.List(cty.String)), s("a")}},
		{"contains set", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.SetVal(strs("a", "b")), s("b")}},
		{"contains map", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.MapVal(map[string]cty.Value{"a": s("a")}), s("a")}},
		{"contains string", containsFunc, stdlib.ContainsFunc, []cty.Value{s("abc"), s("a")}},
		{"contains number value", containsFunc, stdlib.ContainsFunc, []cty.Value{list("1"), cty.NumberIntVal(1)}},
		{"contains marked element", containsFunc, stdlib.ContainsFunc, []cty.Value{tuple(markSensitive(s("a")), s("b")), s("b")}},
		{"contains dynamic", containsFunc, stdlib.ContainsFunc, []cty.Value{cty.DynamicVal, s("b")}},
		{"distinct", distinctFunc, stdlib.DistinctFunc, []cty.Value{list("b", "a", "b", "c", "a")}},
		{"distinct normalised", distinctFunc, stdlib.DistinctFunc, []cty.Value{list("caf\u00e9", "cafe\u0301", "x")}},
		{"distinct empty", distinctFunc, stdlib.DistinctFunc, []cty.Value{cty.ListValEmpty(cty.String)}},
		{"distinct tuple", distinctFunc, stdlib.DistinctFunc, []cty.Value{tuple(s("a"), s("a"), s("b"))}},
		{"distinct mixed tuple", distinctFunc, stdlib.DistinctFunc, []cty.Value{tuple(s("1"), cty.NumberIntVal(1), s("1"))}},
		{"distinct numbers", distinctFunc, stdlib.DistinctFunc, []cty.Value{cty.ListVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(1)})}},
		{"distinct unknown element", distinctFunc, stdlib.DistinctFunc, []cty.Value{cty.ListVal([]cty.Value{s("a"), unknownStr})}},
		{"distinct null element", distinctFunc, stdlib.DistinctFunc, []cty.Value{cty.ListVal([]cty.Value{s("a"), nullStr, nullStr})}},
		{"distinct unknown", distinctFunc, stdlib.DistinctFunc, []cty.Value{cty.UnknownVal(cty.List(cty.String))}},
		{"distinct null", distinctFunc, stdlib.DistinctFunc, []cty.Value{cty.NullVal(cty.List(cty.String))}},
		{"distinct set", distinctFunc, stdlib.DistinctFunc, []cty.Value{cty.SetVal(strs("a", "b"))}},
		{"distinct marked element", distinctFunc, stdlib.DistinctFunc, []cty.Value{cty.ListVal([]cty.Value{markSensitive(s("a")), s("a"), s("b")})}},
	}
	for _, marked := range []bool{false, true} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s marked=%v", c.name, marked), func(t *testing.T) {
				args := append([]cty.Value(nil), c.args...)
				if marked {
					args[0] = markSensitive(args[0])
				}
				want, wantDiags := callExpr(c.original, args...)
				// The evaluator wraps functions for marks only once it
				// has made some (evaluator.marked).
				ev := &evaluator{marked: marked || strings.Contains(c.name, "marked")}
				for _, f := range []function.Function{c.fast, ev.unmarkedFunction(c.fast)} {
					got, gotDiags := callExpr(f, args...)
					assert.Equal(t, diagTexts(wantDiags), diagTexts(gotDiags))
					require.NotEqual(t, cty.NilVal, got)
					assert.Equal(t, want.GoString(), got.GoString())
					assert.True(t, want.RawEquals(got), "%#v != %#v", want, got)
				}
			})
		}
	}
}

// The fast paths answer plain strings themselves, so that a test above
// compares them and not go-cty with itself.
func TestStringFastPathsAnswerPlainStrings(t *testing.T) {
	l := cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b"), cty.StringVal("a")})
	v, ok := containsString([]cty.Value{l, cty.StringVal("b")}, cty.Bool)
	require.True(t, ok)
	assert.Equal(t, cty.True, v)
	v, ok = containsString([]cty.Value{l, cty.StringVal("c")}, cty.Bool)
	require.True(t, ok)
	assert.Equal(t, cty.False, v)
	v, ok = distinctStrings([]cty.Value{l}, l.Type())
	require.True(t, ok)
	assert.True(t, cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}).RawEquals(v), "%#v", v)
	_, ok = containsString([]cty.Value{cty.ListVal([]cty.Value{cty.UnknownVal(cty.String)}), cty.StringVal("b")}, cty.Bool)
	assert.False(t, ok, "an unknown element is go-cty's to answer")
	_, ok = distinctStrings([]cty.Value{cty.ListVal([]cty.Value{cty.NullVal(cty.String)})}, cty.List(cty.String))
	assert.False(t, ok, "a null element is go-cty's to answer")
}
