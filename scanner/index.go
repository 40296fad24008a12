package scanner

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
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

	// referrers holds, per resource type and argument path, who refers
	// to what, built on the first Referrers call for that pair: a rule
	// asks once per target, and scanning every resource of the type each
	// time made a scan quadratic in the number of resources.
	mu        sync.Mutex
	referrers map[referrerKey]*referrerIndex
	memos     map[any]*memo
}

// referrerKey names a referrer index: a resource type and an argument
// path, whose first step is kept apart so that the usual path of one step
// makes a key without building a string: rules ask once per target, and
// joining the key each time was half of what asking cost.
type referrerKey struct {
	typ, first, rest string
}

func newReferrerKey(typ string, attr []string) referrerKey {
	switch len(attr) {
	case 0:
		return referrerKey{typ: typ}
	case 1:
		return referrerKey{typ: typ, first: attr[0]}
	}
	return referrerKey{typ: typ, first: attr[0], rest: strings.Join(attr[1:], "\x00")}
}

// memo is one value Memo computed, built once even when rules running in
// parallel ask for it together.
type memo struct {
	once sync.Once
	val  any
}

// referrerIndex is the resources of one type by what one argument refers
// to, each list in OfType order.
type referrerIndex struct {
	// byRef maps an address in the argument's Refs to the resources.
	byRef map[string][]int
	// byName maps the argument's known string value to the resources.
	byName map[string][]int
	// byIdent maps the reference an argument only known after apply is
	// read from (Value.Ident) to the resources: two arguments read from
	// one variable hold one name, whatever it is.
	byIdent map[Ident][]int
	// maybes are the resources whose argument is only known after apply
	// and refers to no resource of the scan.
	maybes    []int
	resources []*Resource
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

// standIn returns an index of ix's resources in which cp, a copy of r
// (the same address and type), stands in for r, as NewIndex would build
// it from ix.All() with r replaced. Only the lists that hold r are copied,
// and the maps shallowly: the rest is shared with ix, which neither
// changes. Referrers and memos are built anew on use, as they may read cp.
func (ix *Index) standIn(r, cp *Resource) *Index {
	out := &Index{
		all:       replaced(ix.all, r, cp),
		byAddress: ix.byAddress,
		byBase:    ix.byBase,
		byType:    ix.byType,
	}
	if ix.byAddress[r.Address] == r {
		out.byAddress = maps.Clone(ix.byAddress)
		out.byAddress[r.Address] = cp
	}
	if base := BaseAddress(r.Address); slices.Contains(ix.byBase[base], r) {
		out.byBase = maps.Clone(ix.byBase)
		out.byBase[base] = replaced(ix.byBase[base], r, cp)
	}
	if slices.Contains(ix.byType[r.Type], r) {
		out.byType = maps.Clone(ix.byType)
		out.byType[r.Type] = replaced(ix.byType[r.Type], r, cp)
	}
	return out
}

// replaced is a copy of rs with every r replaced by cp.
func replaced(rs []*Resource, r, cp *Resource) []*Resource {
	out := slices.Clone(rs)
	for i, o := range out {
		if o == r {
			out[i] = cp
		}
	}
	return out
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
// arguments (such as "bucket" for an S3 bucket referenced by name), or
// reads the one reference (Value.Ident) such a target argument only known
// after apply is read from: a bucket and its versioning both named
// var.bucket_name are one bucket.
//
// maybe is the first other resource of type typ whose attr is only known
// after apply and refers to no resource of the scan (a variable without a
// value, a data source): it may turn out to refer to target, so a rule that
// fails target for having no referrer is unknown instead while maybe is
// not nil.
func (ix *Index) Referrers(target *Resource, typ string, attr []string, targetArgs ...string) (found []*Resource, maybe *Resource) {
	return ix.ReferrersIn(nil, target, typ, attr, targetArgs...)
}

// Scope is where a name is unique: AWS keeps one namespace of S3 bucket
// names per partition, but one of CloudWatch log group names per account
// and region, and one of API Gateway stage names per REST API. Two
// resources that hold one name are one resource only within one scope;
// across scopes they are two that happen to share a name.
//
// A Scope reports whether referrer, which names target by one of target's
// names, is in target's scope: Yes when it is, No when it is known not to
// be (another region, another account, another parent), Maybe when that
// cannot be told statically (a region or an account only known after
// apply). A nil Scope is global: one name, one resource.
type Scope func(target, referrer *Resource) Tri

// Within returns, of named — resources that hold a name owner writes,
// found by that name rather than by a reference — those s places in
// owner's scope, and as maybe the first that s cannot place: a rule that
// follows a name owner writes (a parameter group's, a log group's) to the
// resources declared with it reads only the ones in owner's scope, and
// is unknown rather than failed or passed while maybe is not nil. A nil
// Scope places every one.
func (s Scope) Within(owner *Resource, named []*Resource) (found []*Resource, maybe *Resource) {
	if s == nil {
		return named, nil
	}
	for _, r := range named {
		switch s(r, owner) {
		case Yes:
			found = append(found, r)
		case Maybe:
			if maybe == nil {
				maybe = r
			}
		}
	}
	return found, maybe
}

// ReferrersIn is Referrers for a name unique only within scope. A
// referrer that refers to target by reference is target's whatever its
// placement: the reference says which resource it means. One that holds
// target's name (or reads the one reference target's name is read from)
// is found only when scope says Yes; one that scope cannot place (Maybe)
// is returned as maybe instead, so that it neither satisfies a rule nor
// lets it fail; one in another scope (No) is not target's at all.
func (ix *Index) ReferrersIn(scope Scope, target *Resource, typ string, attr []string, targetArgs ...string) (found []*Resource, maybe *Resource) {
	ri := ix.referrerIndex(typ, attr)
	var buf [8]int // most targets have a referrer or two: no allocation
	at := buf[:0]
	at = append(at, ri.byRef[target.Address]...)
	if base := BaseAddress(target.Address); base != target.Address {
		at = append(at, ri.byRef[base]...)
	}
	byRef := len(at)
	for _, a := range targetArgs {
		name := target.Attr(a)
		if id := name.Ident(); id != nil {
			at = append(at, ri.byIdent[*id]...)
		}
		if s, ok := name.AsString(); ok && s != "" {
			for _, i := range ri.byName[s] {
				// Resolved here, not when the index is built: a
				// name that matches is rare, every resource is not.
				if !refersToOther(ix.Resolve(ri.resources[i].Get(attr...)), target) {
					at = append(at, i)
				}
			}
		}
	}
	// matched are all the referrers that name target, in any scope: one
	// whose name is only known after apply but matches target's (one
	// variable) is decided by the scope, not a maybe for its name.
	// Cloned only for a scope, which may drop some: most targets have a
	// referrer or two, and a global lookup allocates nothing.
	var matched []int
	if scope != nil {
		matched = slices.Clone(at)
		slices.Sort(matched)
	}
	at, unplaced := ix.inScope(scope, target, ri, at, byRef)
	slices.Sort(at)
	at = slices.Compact(at)
	if scope == nil {
		matched = at
	}
	for _, i := range at {
		found = append(found, ri.resources[i])
	}
	first := -1
	for _, i := range ri.maybes {
		if _, isMatched := slices.BinarySearch(matched, i); !isMatched {
			first = i
			break
		}
	}
	for _, i := range unplaced {
		if _, isFound := slices.BinarySearch(at, i); !isFound && (first < 0 || i < first) {
			first = i
		}
	}
	if first >= 0 {
		return found, ri.resources[first]
	}
	return found, nil
}

// inScope keeps, of the referrers at (indexes into ri.resources), those
// from at[:byRef] (found by reference) and those found by name that scope
// places with target; it returns apart those found by name only that
// scope cannot place (Maybe). A referrer found by reference as well as by
// name is kept.
func (ix *Index) inScope(scope Scope, target *Resource, ri *referrerIndex, at []int, byRef int) (kept, unplaced []int) {
	if scope == nil || len(at) == byRef {
		return at, nil
	}
	kept = at[:byRef:byRef]
	for _, i := range at[byRef:] {
		if slices.Contains(at[:byRef], i) {
			continue
		}
		switch scope(target, ri.resources[i]) {
		case Yes:
			kept = append(kept, i)
		case Maybe:
			unplaced = append(unplaced, i)
		}
	}
	return kept, unplaced
}

// refersToOther reports whether an argument holding target's name does so
// by referring to another resource of target's type: two buckets or two
// recorders may share a name (in other regions, or in a snippet), and
// `name = aws_config_configuration_recorder.a.name` names a, not b.
func refersToOther(refs []*Resource, target *Resource) bool {
	other := false
	for _, r := range refs {
		if r.Type != target.Type {
			continue
		}
		if r == target || BaseAddress(r.Address) == BaseAddress(target.Address) {
			return false
		}
		other = true
	}
	return other
}

// referrerIndex returns the index of the resources of type typ by what
// their argument attr refers to, building it on first use.
func (ix *Index) referrerIndex(typ string, attr []string) *referrerIndex {
	key := newReferrerKey(typ, attr)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ri, ok := ix.referrers[key]; ok {
		return ri
	}
	ri := &referrerIndex{byRef: map[string][]int{}, byName: map[string][]int{}, resources: ix.OfType(typ)}
	for i, r := range ri.resources {
		v := r.Get(attr...)
		for _, ref := range slices.Compact(slices.Clone(v.Refs)) {
			ri.byRef[ref] = append(ri.byRef[ref], i)
		}
		if s, named := v.AsString(); named {
			ri.byName[s] = append(ri.byName[s], i)
		}
		if id := v.Ident(); id != nil {
			if ri.byIdent == nil {
				ri.byIdent = map[Ident][]int{}
			}
			ri.byIdent[*id] = append(ri.byIdent[*id], i)
		}
		if v.IsUnknown() && len(ix.Resolve(v)) == 0 {
			ri.maybes = append(ri.maybes, i)
		}
	}
	if ix.referrers == nil {
		ix.referrers = map[referrerKey]*referrerIndex{}
	}
	ix.referrers[key] = ri
	return ri
}

// Memo returns what build computes from the index, computing it on the
// first call for key and returning that value afterwards. A rule that
// checks each resource against every resource of some type (every
// replication rule, every bucket name) builds its table once this way
// instead of per resource, which made a scan quadratic. key must be
// comparable and unique to what build computes: an unexported type of the
// caller's package is the usual key.
func Memo[T any](ix *Index, key any, build func(*Index) T) T {
	ix.mu.Lock()
	m, ok := ix.memos[key]
	if !ok {
		if ix.memos == nil {
			ix.memos = map[any]*memo{}
		}
		m = &memo{}
		ix.memos[key] = m
	}
	ix.mu.Unlock()
	m.once.Do(func() { m.val = build(ix) })
	v, ok := m.val.(T)
	if !ok {
		// Only two callers using one key for different types get here.
		panic(fmt.Sprintf("scanner.Memo: key %#v holds a %T, not a %T", key, m.val, v))
	}
	return v
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
