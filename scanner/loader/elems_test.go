package loader

import (
	"fmt"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// elemsFixtures are collections of every kind rawElements reads, with
// nested marks, unknowns and nulls, keys that sort differently as bytes
// and as text, and keys Unicode normalisation would touch.
func elemsFixtures() map[string]cty.Value {
	doc := cty.ObjectVal(map[string]cty.Value{
		"name":       cty.StringVal("Deny-Public-IP"),
		"Type":       cty.StringVal("Microsoft.Authorization/policyAssignments"),
		"parameters": cty.MapVal(map[string]cty.Value{"b": cty.StringVal("2"), "a": cty.StringVal("1")}),
		"scope":      cty.UnknownVal(cty.String),
		"secret":     cty.StringVal("s").Mark(sensitiveMark),
		"nothing":    cty.NullVal(cty.String),
		"é":          cty.NumberIntVal(3),
		"_":          cty.ListVal([]cty.Value{cty.True, cty.False}),
	})
	return map[string]cty.Value{
		"object":       doc,
		"map":          cty.MapVal(map[string]cty.Value{"z": cty.StringVal("last"), "A": cty.StringVal("upper"), "a": cty.UnknownVal(cty.String), "m": cty.NullVal(cty.String)}),
		"list":         cty.ListVal([]cty.Value{cty.StringVal("x"), cty.UnknownVal(cty.String), cty.StringVal("y").Mark(sensitiveMark)}),
		"tuple":        cty.TupleVal([]cty.Value{doc, cty.NumberIntVal(1), cty.NullVal(cty.DynamicPseudoType), cty.DynamicVal}),
		"empty object": cty.EmptyObjectVal,
		"empty tuple":  cty.EmptyTupleVal,
		"empty list":   cty.ListValEmpty(cty.String),
		"empty map":    cty.MapValEmpty(cty.Number),
	}
}

type keyedElem struct {
	key string
	val cty.Value
}

// iterated is what go-cty's ElementIterator gives for v, keys as text
// ("" for a list or tuple index).
func iterated(v cty.Value) []keyedElem {
	keyed := v.Type().IsObjectType() || v.Type().IsMapType()
	var out []keyedElem
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		key := ""
		if keyed {
			key = k.AsString()
		}
		out = append(out, keyedElem{key, e})
	}
	return out
}

func raw(t *testing.T, v cty.Value, sorted bool) []keyedElem {
	t.Helper()
	var out []keyedElem
	require.True(t, rawElements(v, sorted, func(k string, e cty.Value) bool {
		out = append(out, keyedElem{k, e})
		return true
	}))
	return out
}

func assertSameElems(t *testing.T, want, got []keyedElem, name string) {
	t.Helper()
	require.Len(t, got, len(want), name)
	for i := range want {
		assert.Equal(t, want[i].key, got[i].key, name)
		// RawEquals compares types, marks, unknowns and nulls too.
		assert.True(t, want[i].val.RawEquals(got[i].val), "%s: element %d: %#v against %#v", name, i, got[i].val, want[i].val)
	}
}

func TestRawElementsAreElementIterators(t *testing.T) {
	require.True(t, valueLayoutOK, "rawElements relies on cty.Value's layout")
	for name, v := range elemsFixtures() {
		want := iterated(v)
		assertSameElems(t, want, raw(t, v, true), name+" sorted")

		// Unsorted: the same elements, in some order.
		got := raw(t, v, false)
		byKey := func(es []keyedElem) {
			sort.SliceStable(es, func(i, j int) bool { return es[i].key < es[j].key })
		}
		if v.Type().IsObjectType() || v.Type().IsMapType() {
			byKey(got)
		}
		assertSameElems(t, want, got, name+" unsorted")
	}
}

// TestRawElementsStops checks, for every kind of collection and both
// orders, that fn returning false ends the walk.
func TestRawElementsStops(t *testing.T) {
	for name, v := range elemsFixtures() {
		if v.LengthInt() < 2 {
			continue
		}
		for _, sorted := range []bool{true, false} {
			calls := 0
			require.True(t, rawElements(v, sorted, func(string, cty.Value) bool {
				calls++
				return false
			}), name)
			assert.Equal(t, 1, calls, "%s (sorted %v): fn returning false ends the walk", name, sorted)
		}
	}
}

// TestRawElementsDeclines lists what rawElements leaves to ElementIterator
// (or to no walk at all): it must not call fn for them.
func TestRawElementsDeclines(t *testing.T) {
	for name, v := range map[string]cty.Value{
		"set":            cty.SetVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
		"marked object":  cty.ObjectVal(map[string]cty.Value{"a": cty.True}).Mark(sensitiveMark),
		"unknown object": cty.UnknownVal(cty.Object(map[string]cty.Type{"a": cty.Bool})),
		"null list":      cty.NullVal(cty.List(cty.String)),
		"dynamic":        cty.DynamicVal,
		"string":         cty.StringVal("abc"),
	} {
		called := false
		ok := rawElements(v, true, func(string, cty.Value) bool {
			called = true
			return true
		})
		assert.False(t, ok, name)
		assert.False(t, called, name)
	}
}

// TestHashAndSizeThroughRawElements checks the two walks that read
// elements through rawElements against the same walks through go-cty's
// ElementIterator (iteratorOnly): the hash of a value is the same either
// way, kept or not, and for the same value built anew (other content
// pointers, so no kept hash is reused); the size walk tells what
// IsWhollyKnown and measureValue tell. TestRawWalksAllocateLittle checks
// that the walks do read through rawElements.
func TestHashAndSizeThroughRawElements(t *testing.T) {
	c := &fileCache{}
	hash := func(c *fileCache, v cty.Value) [2]uint64 {
		h1, h2, ok := hashValuesIn(c, []cty.Value{v})
		require.True(t, ok)
		return [2]uint64{h1, h2}
	}
	for name, v := range elemsFixtures() {
		var want [2]uint64
		iteratorOnly(func() { want = hash(nil, v) })
		assert.Equal(t, want, hash(c, v), "%s: raw against ElementIterator", name)
		assert.Equal(t, want, hash(c, v), "%s: kept", name)
		assert.Equal(t, want, hash(nil, rebuild(v)), "%s: built anew", name)

		_, tooLarge, known := c.measure(v)
		_, wantTooLarge, wantKnown := measureValue(v)
		assert.Equal(t, wantTooLarge, tooLarge, name)
		assert.Equal(t, wantKnown, known, name)
		assert.Equal(t, v.IsWhollyKnown(), known, name)
	}
	a := elemsFixtures()["object"]
	b := cty.ObjectVal(map[string]cty.Value{
		"name":       cty.StringVal("Deny-Public-IP"),
		"Type":       cty.StringVal("Microsoft.Authorization/policyAssignments"),
		"parameters": cty.MapVal(map[string]cty.Value{"b": cty.StringVal("2"), "a": cty.StringVal("other")}),
		"scope":      cty.UnknownVal(cty.String),
		"secret":     cty.StringVal("s").Mark(sensitiveMark),
		"nothing":    cty.NullVal(cty.String),
		"é":          cty.NumberIntVal(3),
		"_":          cty.ListVal([]cty.Value{cty.True, cty.False}),
	})
	assert.NotEqual(t, hash(nil, a), hash(nil, b), "a nested map element differs")
}

// iteratorOnly runs fn as on a go-cty whose layout rawElements and
// identityOf do not read (valueLayoutOK unset): the walks then go
// through ElementIterator and keep nothing by identity.
func iteratorOnly(fn func()) {
	saved := valueLayoutOK
	valueLayoutOK = false
	defer func() { valueLayoutOK = saved }()
	fn()
}

// TestRawWalksAllocateLittle checks that hashing and measuring a
// collection read its elements through rawElements: ElementIterator
// allocates for each element, rawElements does not.
func TestRawWalksAllocateLittle(t *testing.T) {
	require.True(t, valueLayoutOK, "rawElements relies on cty.Value's layout")
	const n = 100
	attrs := make(map[string]cty.Value, n)
	for i := range n {
		attrs[fmt.Sprint("k", i)] = cty.StringVal("v")
	}
	v := cty.ObjectVal(attrs)
	hash := func() { _, _, _ = hashValuesIn(nil, []cty.Value{v}) }
	measure := func() { _, _, _ = (&fileCache{}).measure(v) }
	for name, walk := range map[string]func(){"hash": hash, "measure": measure} {
		var through float64
		iteratorOnly(func() { through = testing.AllocsPerRun(10, walk) })
		require.GreaterOrEqual(t, through, float64(n), "%s: ElementIterator allocates for each element", name)
		assert.Less(t, testing.AllocsPerRun(10, walk), float64(n/10), "%s: allocations per element", name)
	}
}

// rebuild makes v again from its elements, through go-cty's own
// iterator, so that no collection in it shares content with v's.
func rebuild(v cty.Value) cty.Value {
	v, marks := v.Unmark()
	if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
		return v.WithMarks(marks)
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType(), ty.IsMapType():
		attrs := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			attrs[k.AsString()] = rebuild(e)
		}
		switch {
		case ty.IsMapType() && len(attrs) == 0:
			return cty.MapValEmpty(ty.ElementType()).WithMarks(marks)
		case ty.IsMapType():
			return cty.MapVal(attrs).WithMarks(marks)
		}
		return cty.ObjectVal(attrs).WithMarks(marks)
	default:
		var elems []cty.Value
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, rebuild(e))
		}
		switch {
		case ty.IsListType() && len(elems) == 0:
			return cty.ListValEmpty(ty.ElementType()).WithMarks(marks)
		case ty.IsListType():
			return cty.ListVal(elems).WithMarks(marks)
		case ty.IsSetType():
			return cty.SetVal(elems).WithMarks(marks)
		}
		return cty.TupleVal(elems).WithMarks(marks)
	}
}

// TestEvaluatorUnmarkSensitive checks the walk-free answers while an
// evaluator has made no mark, and that a mark is still found once it
// has, or when the value itself is marked.
func TestEvaluatorUnmarkSensitive(t *testing.T) {
	nested := cty.ObjectVal(map[string]cty.Value{"k": cty.StringVal("v").Mark(sensitiveMark)})
	plain := cty.ObjectVal(map[string]cty.Value{"k": cty.StringVal("v")})

	quiet := &evaluator{}
	u, paths := quiet.unmarkSensitive(plain)
	assert.True(t, u.RawEquals(plain))
	assert.Empty(t, paths)
	assert.False(t, quiet.containsMarked(plain))

	top := plain.Mark(sensitiveMark)
	u, paths = quiet.unmarkSensitive(top)
	assert.False(t, u.IsMarked(), "a value marked as a whole is unmarked all the same")
	assert.Len(t, paths, 1)
	assert.True(t, quiet.containsMarked(top))

	marked := &evaluator{marked: true}
	u, paths = marked.unmarkSensitive(nested)
	assert.False(t, u.ContainsMarked())
	require.Len(t, paths, 1)
	assert.True(t, paths[0].Equals(cty.GetAttrPath("k")))
	assert.True(t, marked.containsMarked(nested))
}
