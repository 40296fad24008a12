package loader

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestJoinKeepsPrefix checks that join keeps the known start of its
// result: the known elements and the known prefix of the first element
// only known after apply, and nothing past a list whose length is not
// known (which may be empty).
func TestJoinKeepsPrefix(t *testing.T) {
	doc := cty.UnknownVal(cty.String).Refine().NotNull().StringPrefixFull("{").NewValue()
	for name, c := range map[string]struct {
		sep   string
		lists []cty.Value
		want  string
	}{
		"one document":  {"", []cty.Value{cty.ListVal([]cty.Value{doc})}, "{"},
		"known first":   {",", []cty.Value{cty.ListVal([]cty.Value{cty.StringVal("a"), doc})}, "a,{"},
		"second list":   {"-", []cty.Value{cty.ListVal([]cty.Value{cty.StringVal("a")}), cty.ListVal([]cty.Value{doc})}, "a-{"},
		"count unknown": {"", []cty.Value{cty.UnknownVal(cty.List(cty.String))}, ""},
	} {
		args := append([]cty.Value{cty.StringVal(c.sep)}, c.lists...)
		v, err := joinFunc.Call(args)
		require.NoError(t, err, name)
		require.False(t, v.IsKnown(), name)
		assert.Equal(t, c.want, scanner.StringPrefix(v), name)
	}
	v, err := joinFunc.Call([]cty.Value{cty.StringVal(","), cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})})
	require.NoError(t, err)
	assert.Equal(t, cty.StringVal("a,b"), v)
	ne, err := joinFunc.Call([]cty.Value{cty.StringVal(""), cty.ListVal([]cty.Value{doc})})
	require.NoError(t, err)
	assert.Equal(t, cty.True, ne.Equals(cty.StringVal("")).Not(), "a document's json is not \"\"")
}
