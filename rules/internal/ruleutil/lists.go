package ruleutil

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// KnownStrings returns the known string elements of a list argument that
// may be partly unknown, so that one known "0.0.0.0/0" can decide a rule
// even when another element is only known after apply. complete is false
// when some element, or the whole list, is unknown; an absent or null
// argument is complete and empty.
func KnownStrings(v scanner.Value) (values []string, complete bool) {
	if v.IsNull() {
		return nil, true
	}
	if items, ok := v.AsStrings(); ok {
		return items, true
	}
	if !v.Val.IsKnown() {
		return nil, false
	}
	t := v.Val.Type()
	if !t.IsListType() && !t.IsSetType() && !t.IsTupleType() {
		return nil, false
	}
	for it := v.Val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsKnown() && !e.IsNull() && e.Type().Equals(cty.String) {
			values = append(values, e.AsString())
		}
	}
	return values, false
}
