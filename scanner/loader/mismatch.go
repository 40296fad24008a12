package loader

import (
	"fmt"
	"slices"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// convertStable converts v to want like convert.Convert, but explains a
// type mismatch in the same words every time. cty's own MismatchMessage
// ranges over Go maps of attributes, so an object with two wrong
// attributes names either one, and a report would differ from run to run.
func convertStable(v cty.Value, want cty.Type) (cty.Value, error) {
	if v.Type().Equals(want.WithoutOptionalAttributesDeep()) {
		return v, nil
	}
	if convert.GetConversionUnsafe(v.Type(), want) == nil {
		return cty.NilVal, fmt.Errorf("%s", mismatchMessage(v.Type(), want))
	}
	return convert.Convert(v, want)
}

// mismatchMessage follows convert.MismatchMessage's structure and wording,
// visiting attributes in sorted order. It leaves to cty only the cases
// that involve no attributes.
func mismatchMessage(got, want cty.Type) string {
	switch {
	case got.IsObjectType() && want.IsObjectType():
		return objectsMismatch(got, want)
	case got.IsObjectType() && want.IsMapType() && want.ElementType() != cty.DynamicPseudoType:
		return objectToMapMismatch(got, want)
	case got.IsTupleType() && want.IsCollectionType() && !want.IsMapType() && want.ElementType() != cty.DynamicPseudoType:
		for i, ety := range got.TupleElementTypes() {
			if !ety.Equals(want.ElementType()) && convert.GetConversionUnsafe(ety, want.ElementType()) == nil {
				return fmt.Sprintf("element %d: %s", i, mismatchMessage(ety, want.ElementType()))
			}
		}
	case got.IsCollectionType() && want.IsCollectionType() && sameCollectionKind(got, want):
		return fmt.Sprintf("incorrect %s element type: %s", collectionNoun(want), mismatchMessage(got.ElementType(), want.ElementType()))
	}
	return convert.MismatchMessage(got, want)
}

func objectsMismatch(got, want cty.Type) string {
	gotAtys := got.AttributeTypes()
	var missing []string
	var unsafe, safe string
	for _, name := range sortedKeys(want.AttributeTypes()) {
		wantAty := want.AttributeType(name)
		gotAty, ok := gotAtys[name]
		switch {
		case !ok:
			if !want.AttributeOptional(name) {
				missing = append(missing, name)
			}
		case gotAty.Equals(wantAty):
		case unsafe == "" && convert.GetConversionUnsafe(gotAty, wantAty) == nil:
			unsafe = fmt.Sprintf("attribute %q: %s", name, mismatchMessage(gotAty, wantAty))
		case safe == "" && convert.GetConversion(gotAty, wantAty) == nil:
			safe = fmt.Sprintf("attribute %q: %s", name, mismatchMessage(gotAty, wantAty))
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		return fmt.Sprintf("attribute %q is required", missing[0])
	case 2:
		return fmt.Sprintf("attributes %q and %q are required", missing[0], missing[1])
	default:
		list := ""
		for _, name := range missing[:len(missing)-1] {
			list += fmt.Sprintf("%q, ", name)
		}
		return fmt.Sprintf("attributes %sand %q are required", list, missing[len(missing)-1])
	}
	if unsafe != "" {
		return unsafe
	}
	if safe != "" {
		return safe
	}
	return "incorrect object attributes"
}

func objectToMapMismatch(got, want cty.Type) string {
	wantEty := want.ElementType()
	for _, name := range sortedKeys(got.AttributeTypes()) {
		aty := got.AttributeType(name)
		if !aty.Equals(wantEty) && convert.GetConversionUnsafe(aty, wantEty) == nil {
			return fmt.Sprintf("element %q: %s", name, mismatchMessage(aty, wantEty))
		}
	}
	return fmt.Sprintf("all elements must be %s", wantEty.FriendlyNameForConstraint())
}

func sameCollectionKind(got, want cty.Type) bool {
	switch {
	case want.IsListType(), want.IsSetType():
		return got.IsListType() || got.IsSetType()
	case want.IsMapType():
		return got.IsMapType()
	}
	return false
}

func collectionNoun(t cty.Type) string {
	switch {
	case t.IsListType():
		return "list"
	case t.IsSetType():
		return "set"
	}
	return "map"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
