package loader

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// kept returns the identities of the collections c keeps something of
// that has.
func kept(c *fileCache, has func(*idEntry) bool) []idKey {
	var keys []idKey
	for k, e := range c.byID {
		if has(e) {
			keys = append(keys, k)
		}
	}
	return keys
}

func hasHash(e *idEntry) bool { return e.hash != nil }
func hasSize(e *idEntry) bool { return e.size != nil }

// TestIdentityOneEntry checks that the hash, size and encoding of one
// collection are one entry, that each is answered from it (a changed
// entry changes the answer), and that a root using any of them keeps the
// whole entry while a root using none drops it.
func TestIdentityOneEntry(t *testing.T) {
	ev := templateEvaluator()
	c := ev.files
	lib := cty.TupleVal(sharedLibrary(12))
	key, ok := identityOf(lib)
	require.True(t, ok)

	h1, h2, ok := hashValuesIn(c, []cty.Value{lib})
	require.True(t, ok)
	assert.True(t, c.whollyKnown(lib))
	expr, diags := hclsyntax.ParseExpression([]byte(`jsonencode(v)`), "x.tf", hcl.InitialPos)
	require.False(t, diags.HasErrors(), diags.Error())
	encode := func() cty.Value {
		got, diags := expr.Value(&hcl.EvalContext{Variables: map[string]cty.Value{"v": lib}, Functions: ev.funcs})
		require.False(t, diags.HasErrors(), diags.Error())
		return got
	}
	encoded := encode()

	require.Contains(t, c.byID, key)
	e := c.byID[key]
	require.NotNil(t, e.hash, "hashed")
	require.NotNil(t, e.size, "measured")
	require.NotNil(t, e.encoding, "encoded")
	assert.True(t, encoded.RawEquals(*e.encoding))
	assert.Len(t, c.byID, 13, "the library and its 12 documents")
	assert.Len(t, kept(c, hasHash), 13, "each hashed")
	assert.Len(t, kept(c, hasSize), 13, "each measured")

	// Each answer comes from the entry.
	e.hash = &[2]uint64{h1 + 1, h2}
	e.size = &valueSize{nodes: e.size.nodes, height: e.size.height, known: false}
	text := cty.StringVal("kept")
	e.encoding = &text
	g1, g2, ok := hashValuesIn(c, []cty.Value{lib})
	require.True(t, ok)
	assert.NotEqual(t, [2]uint64{h1, h2}, [2]uint64{g1, g2}, "the kept hash")
	assert.False(t, c.whollyKnown(lib), "the kept size")
	assert.True(t, encode().RawEquals(text), "the kept encoding")

	// One sweep: a root that only encodes the library keeps its hash and
	// size too; a root that does not use it drops all three.
	c.sweepLocals()
	encode()
	c.sweepLocals()
	require.Contains(t, c.byID, key)
	assert.Same(t, e, c.byID[key])
	assert.NotNil(t, c.byID[key].hash)
	assert.NotNil(t, c.byID[key].size)
	assert.Len(t, c.byID, 1, "the documents, unused by the last root, are dropped")
	c.sweepLocals()
	assert.Empty(t, c.byID)
}
