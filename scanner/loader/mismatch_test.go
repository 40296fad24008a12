package loader

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

func TestConvertStableNamesTheFirstWrongAttribute(t *testing.T) {
	want := cty.Map(cty.Object(map[string]cty.Type{
		"name":       cty.String,
		"rules":      cty.List(cty.Object(map[string]cty.Type{"name": cty.String})),
		"selections": cty.Map(cty.Object(map[string]cty.Type{"arn": cty.String})),
	}))
	// Two attributes of the element are wrong; cty names either one.
	got := cty.ObjectVal(map[string]cty.Value{
		"daily": cty.ObjectVal(map[string]cty.Value{
			"name":       cty.StringVal("daily"),
			"rules":      cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"other": cty.True})}),
			"selections": cty.StringVal("all"),
		}),
	})
	for range 50 {
		_, err := convertStable(got, want)
		require.Error(t, err)
		assert.Equal(t, `element "daily": attribute "rules": element 0: attribute "name" is required`, err.Error())
	}
}

func TestConvertStableAgreesWithCtyOnOneProblem(t *testing.T) {
	cases := []struct {
		got  cty.Value
		want cty.Type
	}{
		{cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x")}), cty.Object(map[string]cty.Type{"a": cty.String, "b": cty.Number})},
		{cty.ObjectVal(map[string]cty.Value{"a": cty.True}), cty.Object(map[string]cty.Type{"a": cty.List(cty.String)})},
		{cty.TupleVal([]cty.Value{cty.StringVal("x"), cty.ListValEmpty(cty.String)}), cty.List(cty.String)},
		{cty.ListVal([]cty.Value{cty.ListValEmpty(cty.String)}), cty.List(cty.Number)},
		{cty.StringVal("x"), cty.List(cty.String)},
		{cty.ObjectVal(map[string]cty.Value{"k": cty.ListValEmpty(cty.String)}), cty.Map(cty.String)},
	}
	for _, c := range cases {
		_, ctyErr := convert.Convert(c.got, c.want)
		require.Error(t, ctyErr, "%#v", c.got)
		_, err := convertStable(c.got, c.want)
		require.Error(t, err)
		assert.Equal(t, ctyErr.Error(), err.Error())
	}
}

func TestConvertStableConverts(t *testing.T) {
	v, err := convertStable(cty.ObjectVal(map[string]cty.Value{"a": cty.NumberIntVal(1)}), cty.Map(cty.String))
	require.NoError(t, err)
	assert.Equal(t, cty.MapVal(map[string]cty.Value{"a": cty.StringVal("1")}), v)
}

func TestConvertStableKeepsValuesOfTheWantedType(t *testing.T) {
	for _, v := range []cty.Value{cty.StringVal("x"), cty.UnknownVal(cty.String), cty.NullVal(cty.List(cty.String))} {
		got, err := convertStable(v, v.Type())
		require.NoError(t, err)
		assert.True(t, got.RawEquals(v), "%#v", v)
	}
}
