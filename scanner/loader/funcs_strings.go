package loader

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// go-cty's contains compares the value with each element through
// Value.Equals, and its distinct keeps each element after comparing it
// with every element kept before through the function stdlib.Equal, a
// whole function call with its checks of marks and types: quadratic in
// calls. A landing zone filters its library of policy names with them
// in `for` expressions of each module instance (`for v in
// distinct(concat(...)) : v if contains(excluded, v) != true`), and the
// two were about 5 % of the CPU of scanning it. For the common case,
// known strings without marks or nulls, the answer needs no call: two
// such strings are Equal exactly when their contents are the same
// (go-cty keeps strings normalised). containsFunc and distinctFunc
// answer that case directly and leave every other to go-cty's own
// implementation, from the start, so the values and errors are go-cty's
// (TestStringFastPathsAnswerAsGoCty).

var (
	containsFunc = withFastImpl(stdlib.ContainsFunc, containsString)
	distinctFunc = withFastImpl(stdlib.DistinctFunc, distinctStrings)
)

// withFastImpl is f whose implementation first asks fast, and runs f's own
// when fast does not answer (ok false). f is returned as it is when its
// specification cannot be reached (specLayoutOK).
func withFastImpl(f function.Function, fast func(args []cty.Value, retType cty.Type) (v cty.Value, ok bool)) function.Function {
	if !specLayoutOK {
		return f
	}
	spec := specOf(f)
	if spec == nil || spec.Impl == nil {
		return f
	}
	s := *spec
	impl := spec.Impl
	s.Impl = func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		if v, ok := fast(args, retType); ok {
			return v, nil
		}
		return impl(args, retType)
	}
	return function.New(&s)
}

// plainString reports whether v is a known, non-null string without
// marks.
func plainString(v cty.Value) bool {
	return v.Type() == cty.String && !v.IsMarked() && v.IsKnown() && !v.IsNull()
}

// plainSequence reports whether v is a known, non-null list or tuple
// without marks on itself (its elements are looked at one by one).
func plainSequence(v cty.Value) bool {
	ty := v.Type()
	return (ty.IsListType() || ty.IsTupleType()) && !v.IsMarked() && v.IsKnown() && !v.IsNull()
}

// containsString is contains(list, value) for a value that is a plain
// string and a list or tuple whose elements, up to the first equal to
// it, are plain strings: true at that element, false when there is none.
// go-cty's loop gives the same: each element before is known and not
// equal, and it returns true at the first equal one.
func containsString(args []cty.Value, _ cty.Type) (cty.Value, bool) {
	list, val := args[0], args[1]
	if !plainString(val) || !plainSequence(list) {
		return cty.NilVal, false
	}
	want := val.AsString()
	found, plain := false, true
	if !rawElements(list, false, func(_ string, e cty.Value) bool {
		if !plainString(e) {
			plain = false
			return false
		}
		found = e.AsString() == want
		return !found
	}) || !plain {
		return cty.NilVal, false
	}
	return cty.BoolVal(found), true
}

// distinctStrings is distinct(list) for a list of plain strings: the
// first of each equal string, in order, as go-cty's appendIfMissing keeps
// them.
func distinctStrings(args []cty.Value, retType cty.Type) (cty.Value, bool) {
	list := args[0]
	ty := list.Type()
	if !ty.IsListType() || ty.ElementType() != cty.String || !plainSequence(list) {
		return cty.NilVal, false
	}
	var kept []cty.Value
	seen := map[string]bool{}
	plain := true
	if !rawElements(list, false, func(_ string, e cty.Value) bool {
		if !plainString(e) {
			plain = false
			return false
		}
		if s := e.AsString(); !seen[s] {
			seen[s] = true
			kept = append(kept, e)
		}
		return true
	}) || !plain {
		return cty.NilVal, false
	}
	if len(kept) == 0 {
		return cty.ListValEmpty(retType.ElementType()), true
	}
	return cty.ListVal(kept), true
}
