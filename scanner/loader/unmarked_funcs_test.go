package loader

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

func TestSpecLayout(t *testing.T) {
	require.True(t, specLayoutOK, "function.Function is no longer a pointer to its Spec: the evaluator lost its fast path")
}

// The wrapped functions answer as go-cty's own do, with and without
// marks: the same values, refinements, marks and errors.
func TestUnmarkedFunctionsAnswerAsGoCty(t *testing.T) {
	big := cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x"), "b": cty.ListVal([]cty.Value{cty.NumberIntVal(1)})})
	cases := []struct {
		name string
		f    function.Function
		args []cty.Value
	}{
		{"lookup", lookupFunc, []cty.Value{big, cty.StringVal("a"), cty.StringVal("d")}},
		{"upper", stdlib.UpperFunc, []cty.Value{cty.StringVal("x")}},
		{"upper null", stdlib.UpperFunc, []cty.Value{cty.NullVal(cty.String)}},
		{"upper unknown", stdlib.UpperFunc, []cty.Value{cty.UnknownVal(cty.String)}},
		{"upper dynamic", stdlib.UpperFunc, []cty.Value{cty.DynamicVal}},
		{"upper wrong type", stdlib.UpperFunc, []cty.Value{cty.True}},
		{"upper no args", stdlib.UpperFunc, nil},
		{"concat", stdlib.ConcatFunc, []cty.Value{cty.ListVal([]cty.Value{cty.True}), cty.UnknownVal(cty.List(cty.Bool))}},
		{"concat null vararg", stdlib.ConcatFunc, []cty.Value{cty.ListValEmpty(cty.Bool), cty.NullVal(cty.List(cty.Bool))}},
		{"merge unknown", stdlib.MergeFunc, []cty.Value{big, cty.DynamicVal}},
		{"length", lengthFunc, []cty.Value{big}},
		{"join unknown", stdlib.JoinFunc, []cty.Value{cty.UnknownVal(cty.String), cty.ListVal([]cty.Value{cty.StringVal("a")})}},
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
				want, wantErr := c.f.Call(args)
				got, gotErr := ev.unmarkedFunction(c.f).Call(args)
				if wantErr != nil {
					require.Error(t, gotErr)
					assert.Equal(t, wantErr.Error(), gotErr.Error())
					var wantArg, gotArg function.ArgError
					if assert.Equal(t, errors.As(wantErr, &wantArg), errors.As(gotErr, &gotArg)) {
						assert.Equal(t, wantArg.Index, gotArg.Index)
					}
					return
				}
				require.NoError(t, gotErr)
				assert.Equal(t, want.GoString(), got.GoString())
				assert.True(t, want.RawEquals(got), "%#v != %#v", want, got)
			})
		}
	}
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
	v, err := fns["upper"].Call([]cty.Value{cty.StringVal("a")})
	require.NoError(t, err)
	assert.False(t, ev.marked)
	assert.Equal(t, cty.StringVal("A"), v)

	s, err := fns["sensitive"].Call([]cty.Value{cty.StringVal("a")})
	require.NoError(t, err)
	assert.True(t, ev.marked)
	v, err = fns["upper"].Call([]cty.Value{s})
	require.NoError(t, err)
	assert.True(t, v.HasMark(sensitiveMark))
}
