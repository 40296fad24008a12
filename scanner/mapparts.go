package scanner

import "github.com/zclconf/go-cty/cty"

// MapParts describes a map argument only known after apply by the parts it
// is written from, so that a rule can judge the keys a careful reader
// knows: merge(var.app_settings, { KEY = azurerm_x.y.secret }) holds KEY
// and the known keys of var.app_settings, whatever the provider computes.
type MapParts struct {
	// Entries are the keys the map holds, or may hold, in the order the
	// configuration writes them. A key written twice appears once per
	// value it may take.
	Entries []MapEntry
	// Computed lists the parts whose keys are not known but which the
	// provider computes after apply (an attribute of a resource or data
	// source, such as azapi_resource.app.output): they cannot hold a
	// value written in the configuration.
	Computed []string
	// Open is why the map may hold further keys that cannot be read (a
	// variable without a value, a for expression over an unknown
	// collection); "" when every key it may hold is in Entries or comes
	// from a Computed part.
	Open string
}

// MapEntry is one key of a MapParts.
type MapEntry struct {
	Key string
	// Val is the entry's value; it may be unknown.
	Val cty.Value
	// Maybe is set when a condition only known after apply decides
	// whether the entry is in the map (or whether it keeps this value).
	Maybe bool
}

// PartialMap is the MapParts of the part of an argument at Path (object
// attributes or map keys), the empty path being the argument itself.
type PartialMap struct {
	Path  []string
	Parts *MapParts
}

// Parts returns the MapParts of the value when it is a map only known
// after apply whose parts the loader could read, and nil otherwise.
func (v Value) Parts() *MapParts {
	for _, p := range v.Partial() {
		if len(p.Path) == 0 {
			return p.Parts
		}
	}
	return nil
}

// narrowPartial returns the partial maps within the part of a value that
// key leads to.
func narrowPartial(ps []PartialMap, key any) []PartialMap {
	k, ok := key.(string)
	if !ok {
		return nil
	}
	var out []PartialMap
	for _, p := range ps {
		if len(p.Path) > 0 && p.Path[0] == k {
			out = append(out, PartialMap{Path: p.Path[1:], Parts: p.Parts})
		}
	}
	return out
}
