package loader

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// TestJSONEncodeKeptByIdentity checks that jsonencode answers as go-cty's
// does, and that a collection is encoded once: a second call with the
// same collection returns what was kept.
func TestJSONEncodeKeptByIdentity(t *testing.T) {
	doc := cty.ObjectVal(map[string]cty.Value{
		"if":   cty.ObjectVal(map[string]cty.Value{"field": cty.StringVal("type"), "equals": cty.StringVal("Microsoft.Network/virtualNetworks")}),
		"then": cty.ObjectVal(map[string]cty.Value{"effect": cty.StringVal("[parameters('effect')]")}),
	})
	values := map[string]cty.Value{
		"document":     doc,
		"equal copy":   cty.ObjectVal(doc.AsValueMap()),
		"list":         cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
		"empty map":    cty.MapValEmpty(cty.String),
		"partly known": cty.ObjectVal(map[string]cty.Value{"a": cty.UnknownVal(cty.String)}),
		"null":         cty.NullVal(cty.Map(cty.String)),
		"unknown":      cty.DynamicVal,
		"string":       cty.StringVal(`"quoted"`),
		"number":       cty.NumberIntVal(42),
	}
	ev := templateEvaluator()
	expr, diags := hclsyntax.ParseExpression([]byte(`jsonencode(v)`), "x.tf", hcl.InitialPos)
	require.False(t, diags.HasErrors(), diags.Error())
	// encode evaluates jsonencode(v) as the configuration calls it; an
	// error is go-cty's message.
	encode := func(v cty.Value) (cty.Value, error) {
		ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"v": v}, Functions: ev.funcs}
		got, diags := expr.Value(ctx)
		if diags.HasErrors() {
			return got, diags
		}
		return got, nil
	}
	for _, round := range []string{"first", "kept"} {
		for name, v := range values {
			want, wantErr := stdlib.JSONEncodeFunc.Call([]cty.Value{v})
			require.NoError(t, wantErr, name)
			got, err := encode(v)
			require.NoError(t, err, "%s (%s)", name, round)
			assert.True(t, want.RawEquals(got), "%s (%s): %#v, want %#v", name, round, got, want)
		}
	}
	key, ok := identityOf(doc)
	require.True(t, ok)
	require.Contains(t, ev.files.byID, key, "the document's encoding is kept")
	assert.Len(t, kept(ev.files, func(e *idEntry) bool { return e.encoding != nil }), 5, "only the known collections without marks are kept")

	// Once the Load made marks, values may hold them: go-cty takes them
	// off and puts them on the result.
	ev.marked = true
	for name, v := range map[string]cty.Value{
		"marked":      doc.Mark(valueMark("sensitive")),
		"marked part": cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("s").Mark(valueMark("sensitive"))}),
		"document":    doc,
	} {
		want, wantErr := stdlib.JSONEncodeFunc.Call([]cty.Value{v})
		require.NoError(t, wantErr, name)
		got, err := encode(v)
		require.NoError(t, err, name)
		assert.True(t, want.RawEquals(got), "%s: %#v, want %#v", name, got, want)
	}

	// The kept encoding is what a second call returns.
	keptText := sentinel
	ev.files.byID[key].encoding = &keptText
	again, err := encode(doc)
	require.NoError(t, err)
	assert.True(t, again.RawEquals(sentinel), "reused: %#v", again)
	copied, err := encode(cty.ObjectVal(doc.AsValueMap()))
	require.NoError(t, err)
	assert.False(t, copied.RawEquals(sentinel), "an equal collection built anew is encoded again")

	// A root that does not use a kept encoding drops it.
	ev.files.sweepLocals()
	_, err = encode(doc)
	require.NoError(t, err)
	ev.files.sweepLocals()
	assert.Len(t, kept(ev.files, func(e *idEntry) bool { return e.encoding != nil }), 1, "only the document, used by the last root, is kept")
}
