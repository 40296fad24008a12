package loader

import (
	"slices"
	"unsafe"

	"github.com/zclconf/go-cty/cty"
)

// The walks that size and hash every value an expression returns
// (sizer.size, valueHasher.elements) visit each element of each
// collection. go-cty's ElementIterator allocates for each collection it
// enters (the iterator, and for an object or a map the sorted names), and
// for each element a key value: a string run through Unicode
// normalisation for an attribute or map key, a big number for a list or
// tuple index. Those walks read the key of an attribute as text only, or
// not at all, and a landing zone's library makes them most of their time.
// rawElements reads the elements from the collection's content directly,
// as ElementIterator does, without those allocations.

// rawElements calls fn with each element of v, a known, unmarked, non-null
// object, map, list or tuple, and its key: the attribute or map key, ""
// for a list or tuple element. Objects and maps are visited in the sorted
// order of their keys when sorted is set (ElementIterator's order), in no
// particular order otherwise; lists and tuples in their order. fn returns
// false to stop. ok is false, and fn is never called, for a set or
// anything else rawElements does not read (the caller then walks v with
// ElementIterator).
func rawElements(v cty.Value, sorted bool, fn func(key string, e cty.Value) bool) (ok bool) {
	if !valueLayoutOK || v.IsMarked() || !v.IsKnown() || v.IsNull() {
		return false
	}
	ty := v.Type()
	raw := (*valueLayout)(unsafe.Pointer(&v)).v
	switch {
	case ty.IsObjectType():
		attrs, isMap := raw.(map[string]any)
		if !isMap {
			return false
		}
		eachKey(ty.AttributeTypes(), sorted, func(k string, ety cty.Type) bool {
			return fn(k, rawValue(ety, attrs[k]))
		})
		return true
	case ty.IsMapType():
		elems, isMap := raw.(map[string]any)
		if !isMap {
			return false
		}
		ety := ty.ElementType()
		eachKey(elems, sorted, func(k string, e any) bool {
			return fn(k, rawValue(ety, e))
		})
		return true
	case ty.IsListType():
		elems, isSlice := raw.([]any)
		if !isSlice {
			return false
		}
		ety := ty.ElementType()
		for _, e := range elems {
			if !fn("", rawValue(ety, e)) {
				return true
			}
		}
		return true
	case ty.IsTupleType():
		elems, isSlice := raw.([]any)
		etys := ty.TupleElementTypes()
		if !isSlice || len(etys) != len(elems) {
			return false
		}
		for i, e := range elems {
			if !fn("", rawValue(etys[i], e)) {
				return true
			}
		}
		return true
	}
	return false
}

// rawValue is the value of type ty whose content is raw, as go-cty's
// element iterators make each element.
func rawValue(ty cty.Type, raw any) cty.Value {
	var v cty.Value
	l := (*valueLayout)(unsafe.Pointer(&v))
	l.ty, l.v = ty, raw
	return v
}

// eachKey calls fn with each key of m and its element, in the sorted
// order of the keys when sorted is set, until fn returns false.
func eachKey[E any](m map[string]E, sorted bool, fn func(k string, e E) bool) {
	if !sorted {
		for k, e := range m {
			if !fn(k, e) {
				return
			}
		}
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !fn(k, m[k]) {
			return
		}
	}
}
