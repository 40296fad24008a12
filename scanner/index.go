package scanner

import (
	"slices"
	"sort"
	"strings"
)

// Index looks resources up by address, by type and by reference, so that
// rules can follow links between resources without scanning the whole list.
type Index struct {
	all       []*Resource
	byAddress map[string]*Resource
	// byBase maps an address without its instance key
	// (`aws_s3_bucket.b`) to every instance (`aws_s3_bucket.b[0]`, …).
	byBase map[string][]*Resource
	byType map[string][]*Resource
}

// NewIndex indexes resources. The slice is kept as given.
func NewIndex(resources []*Resource) *Index {
	ix := &Index{
		all:       resources,
		byAddress: make(map[string]*Resource, len(resources)),
		byBase:    make(map[string][]*Resource, len(resources)),
		byType:    map[string][]*Resource{},
	}
	for _, r := range resources {
		ix.byAddress[r.Address] = r
		base := BaseAddress(r.Address)
		ix.byBase[base] = append(ix.byBase[base], r)
		ix.byType[r.Type] = append(ix.byType[r.Type], r)
	}
	return ix
}

// All returns every indexed resource.
func (ix *Index) All() []*Resource { return ix.all }

// Lookup returns the resource with the given instance address, or nil.
func (ix *Index) Lookup(address string) *Resource { return ix.byAddress[address] }

// OfType returns the managed resources of the given types.
func (ix *Index) OfType(types ...string) []*Resource {
	var out []*Resource
	for _, t := range types {
		for _, r := range ix.byType[t] {
			if r.Mode == "managed" {
				out = append(out, r)
			}
		}
	}
	return out
}

// Resolve returns the resources that v's expression refers to. A reference
// without an instance key (`aws_s3_bucket.b.id` where b has count) resolves
// to every instance.
func (ix *Index) Resolve(v Value) []*Resource {
	var out []*Resource
	seen := map[*Resource]bool{}
	add := func(r *Resource) {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, ref := range v.Refs {
		if r, ok := ix.byAddress[ref]; ok {
			add(r)
			continue
		}
		for _, r := range ix.byBase[BaseAddress(ref)] {
			add(r)
		}
	}
	return out
}

// Referrers returns the managed resources of type typ whose argument attr
// (a path of nested blocks and an argument, as Block.Get takes it) refers to
// target, or holds target's known name or ID in one of the given target
// arguments (such as "bucket" for an S3 bucket referenced by name).
//
// maybe is the first other resource of type typ whose attr is only known
// after apply and refers to no resource of the scan (a variable without a
// value, a data source): it may turn out to refer to target, so a rule that
// fails target for having no referrer is unknown instead while maybe is
// not nil.
func (ix *Index) Referrers(target *Resource, typ string, attr []string, targetArgs ...string) (found []*Resource, maybe *Resource) {
	var names []string
	for _, a := range targetArgs {
		if s, ok := target.Attr(a).AsString(); ok && s != "" {
			names = append(names, s)
		}
	}
	for _, r := range ix.OfType(typ) {
		v := r.Get(attr...)
		s, named := v.AsString()
		switch {
		case ix.refersTo(v, target), named && slices.Contains(names, s):
			found = append(found, r)
		case maybe == nil && v.IsUnknown() && len(ix.Resolve(v)) == 0:
			maybe = r
		}
	}
	return found, maybe
}

func (ix *Index) refersTo(v Value, target *Resource) bool {
	base := BaseAddress(target.Address)
	for _, ref := range v.Refs {
		if ref == target.Address || ref == base {
			return true
		}
	}
	return false
}

// BaseAddress strips the instance key from the last step of an address:
// `module.a.aws_s3_bucket.b["x"]` becomes `module.a.aws_s3_bucket.b`.
func BaseAddress(address string) string {
	if strings.HasSuffix(address, "]") {
		if i := strings.LastIndexByte(address, '['); i > strings.LastIndexByte(address, '.') {
			return address[:i]
		}
		// A string key may itself contain dots: find the opening bracket
		// of the final key.
		if i := strings.LastIndex(address, "[\""); i > 0 {
			return address[:i]
		}
	}
	return address
}

// SortResources orders resources by address, the order every output uses.
func SortResources(rs []*Resource) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Address < rs[j].Address })
}
