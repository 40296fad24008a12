package loader

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// sharedLibrary is an object of n documents, each an object of ten
// attributes, as decodeOnce shares them between module instances.
func sharedLibrary(n int) []cty.Value {
	docs := make([]cty.Value, n)
	for i := range docs {
		attrs := map[string]cty.Value{}
		for j := range 10 {
			attrs[fmt.Sprintf("a%d", j)] = cty.StringVal(fmt.Sprintf("doc %d value %d", i, j))
		}
		docs[i] = cty.ObjectVal(attrs)
	}
	return docs
}

// nested is v inside depth single-element tuples.
func nested(v cty.Value, depth int) cty.Value {
	for range depth {
		v = cty.TupleVal([]cty.Value{v})
	}
	return v
}

// fanOut is v copied n times into a tuple, levels times over: n^levels
// values that share their parts.
func fanOut(v cty.Value, n, levels int) cty.Value {
	for range levels {
		copies := make([]cty.Value, n)
		for i := range copies {
			copies[i] = v
		}
		v = cty.TupleVal(copies)
	}
	return v
}

// TestMeasureKeepsSizes checks that measuring with kept sizes answers as
// measureValue does, whether the sizes of the parts are kept already or
// not, for values within the limits and past them.
func TestMeasureKeepsSizes(t *testing.T) {
	docs := sharedLibrary(12)
	withUnknown := append([]cty.Value{}, docs...)
	withUnknown[3] = cty.ObjectVal(map[string]cty.Value{"a": cty.UnknownVal(cty.String)})
	marked := append([]cty.Value{}, docs...)
	marked[5] = marked[5].Mark(valueMark("sensitive"))
	library := cty.TupleVal(docs)
	values := map[string]cty.Value{
		"string":          cty.StringVal("x"),
		"null":            cty.NullVal(cty.List(cty.String)),
		"unknown":         cty.DynamicVal,
		"library":         library,
		"library twice":   cty.ObjectVal(map[string]cty.Value{"a": library, "b": library}),
		"with an unknown": cty.TupleVal(withUnknown),
		"with a mark":     cty.TupleVal(marked).Mark(valueMark("sensitive")),
		"a set":           cty.SetVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b"), cty.StringVal("c"), cty.StringVal("d"), cty.StringVal("e"), cty.StringVal("f"), cty.StringVal("g"), cty.StringVal("h")}),
		"at the depth":    nested(library, MaxNestingDepth-3),
		"too deep":        nested(library, MaxNestingDepth-2),
		"too deep inside": cty.TupleVal([]cty.Value{library, nested(library, MaxNestingDepth)}),
		"too many":        fanOut(library, 8, 6),
	}
	c := &fileCache{}
	for _, round := range []string{"first", "kept"} {
		for name, v := range values {
			wantWhy, wantTooLarge, wantKnown := measureValue(v)
			why, tooLarge, known := c.measure(v)
			assert.Equal(t, wantWhy, why, "%s (%s)", name, round)
			assert.Equal(t, wantTooLarge, tooLarge, "%s (%s)", name, round)
			assert.Equal(t, wantKnown, known, "%s (%s)", name, round)
		}
		require.NotEmpty(t, kept(c, hasSize), "the sizes of collections are kept")
	}
	_, tooLarge, _ := measureValue(values["too deep"])
	assert.True(t, tooLarge, "the test reaches the depth limit")
	_, tooLarge, _ = measureValue(values["at the depth"])
	assert.False(t, tooLarge, "the test stays within the depth limit")

	// A root that does not use a kept size drops it.
	c.sweepLocals()
	_, _, _ = c.measure(library)
	c.sweepLocals()
	assert.Len(t, kept(c, hasSize), 1, "only the library's size, used by the last root, is kept")
	c.sweepLocals()
	assert.Empty(t, c.byID)
}

// BenchmarkMeasureSharedLibrary measures, as each module instance of a
// landing zone does, a new object gathering the same 200 decoded
// documents: the documents are walked once, not once per instance.
func BenchmarkMeasureSharedLibrary(b *testing.B) {
	docs := sharedLibrary(200)
	for _, kept := range []bool{false, true} {
		b.Run(fmt.Sprintf("kept=%v", kept), func(b *testing.B) {
			c := &fileCache{}
			b.ReportAllocs()
			for b.Loop() {
				v := cty.TupleVal(append([]cty.Value{}, docs...))
				if kept {
					_, _, _ = c.measure(v)
				} else {
					_, _, _ = measureValue(v)
				}
			}
		})
	}
}

// TestWhollyKnownKeepsSizes checks that whollyKnown answers as
// IsWhollyKnown does, before and after the parts were measured, and for
// values too large to measure.
func TestWhollyKnownKeepsSizes(t *testing.T) {
	docs := sharedLibrary(12)
	withUnknown := append([]cty.Value{}, docs...)
	withUnknown[7] = cty.ObjectVal(map[string]cty.Value{"a": cty.UnknownVal(cty.String).RefineNotNull()})
	lib, partly := cty.TupleVal(docs), cty.TupleVal(withUnknown)
	values := map[string]cty.Value{
		"string":         cty.StringVal("x"),
		"unknown":        cty.UnknownVal(cty.String),
		"null":           cty.NullVal(cty.Map(cty.String)),
		"library":        lib,
		"partly known":   partly,
		"both":           cty.ObjectVal(map[string]cty.Value{"a": lib, "b": partly}),
		"marked partly":  partly.Mark(valueMark("sensitive")),
		"too many":       fanOut(partly, 8, 6),
		"unknown inside": cty.TupleVal([]cty.Value{lib, cty.DynamicVal}),
	}
	c := &fileCache{}
	for _, round := range []string{"first", "kept"} {
		for name, v := range values {
			assert.Equal(t, v.IsWhollyKnown(), c.whollyKnown(v), "%s (%s)", name, round)
		}
	}
	require.NotEmpty(t, kept(c, hasSize), "the sizes of collections are kept")
	var in *instance
	assert.False(t, in.whollyKnown(partly), "without an instance, IsWhollyKnown answers")
}

// TestUnchanged checks that unchanged answers as RawEquals does: the same
// collection is unchanged without a walk, an equal copy or a different
// value is compared.
func TestUnchanged(t *testing.T) {
	lib := cty.TupleVal(sharedLibrary(10))
	copied := cty.TupleVal(sharedLibrary(10))
	other := sharedLibrary(10)
	other[9] = cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("changed")})
	marked := lib.Mark(valueMark("sensitive"))
	cases := []struct {
		name    string
		nv, old cty.Value
	}{
		{"same collection", lib, lib},
		{"equal copy", copied, lib},
		{"different", cty.TupleVal(other), lib},
		{"marked and not", marked, lib},
		{"same marked", marked, marked},
		{"strings", cty.StringVal("a"), cty.StringVal("a")},
		{"unknown and known", cty.UnknownVal(cty.String), cty.StringVal("a")},
		{"map", cty.MapValEmpty(cty.String), cty.MapValEmpty(cty.Number)},
	}
	for _, c := range cases {
		assert.Equal(t, c.nv.RawEquals(c.old), unchanged(c.nv, c.old), c.name)
	}
	key, ok := identityOf(lib)
	require.True(t, ok)
	again, _ := identityOf(lib)
	assert.Equal(t, key, again, "a value's identity is stable")
}
