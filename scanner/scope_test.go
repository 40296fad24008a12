package scanner

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/zclconf/go-cty/cty"
)

// TestReferrersInScope checks that a scope decides referrers found by
// name only: Yes finds them, Maybe makes them the maybe, No drops them,
// and one found by reference is found whatever the scope says.
func TestReferrersInScope(t *testing.T) {
	res := func(typ, addr, zone string) *Resource {
		return &Resource{Address: addr, Mode: "managed", Type: typ, Provider: zone, Block: NewBlock("resource", at(1))}
	}
	target := res("aws_thing", "aws_thing.t", "here")
	target.SetAttr("name", Value{Val: cty.StringVal("n"), Present: true})
	var refs []*Resource
	for _, zone := range []string{"here", "maybe", "there"} {
		r := res("aws_ref", "aws_ref."+zone, zone)
		r.SetAttr("thing", Value{Val: cty.StringVal("n"), Present: true})
		refs = append(refs, r)
	}
	byRef := res("aws_ref", "aws_ref.by_ref", "there")
	byRef.SetAttr("thing", Value{Val: cty.StringVal("n"), Present: true, Refs: []string{"aws_thing.t"}})
	ix := NewIndex(append([]*Resource{target, byRef}, refs...))
	// The zone of whichever resource is not target decides.
	scope := Scope(func(a, b *Resource) Tri {
		zone := a.Provider
		if a == target {
			zone = b.Provider
		}
		return map[string]Tri{"here": Yes, "maybe": Maybe, "there": No}[zone]
	})

	found, maybe := ix.ReferrersIn(scope, target, "aws_ref", []string{"thing"}, "name")
	assert.ElementsMatch(t, []*Resource{byRef, refs[0]}, found)
	assert.Same(t, refs[1], maybe)

	found, maybe = ix.ReferrersIn(nil, target, "aws_ref", []string{"thing"}, "name")
	assert.Len(t, found, 4, "a nil scope is global")
	assert.Nil(t, maybe)

	found, maybe = scope.Within(target, refs)
	assert.Equal(t, []*Resource{refs[0]}, found)
	assert.Same(t, refs[1], maybe)
	found, maybe = Scope(nil).Within(target, refs)
	assert.Equal(t, refs, found)
	assert.Nil(t, maybe)
}

// TestReferrersInScopeDropsUnknownNames checks that a referrer whose name
// is read from the variable target's is read from, in another scope, is
// neither found nor left as a maybe: the scope decides it.
func TestReferrersInScopeDropsUnknownNames(t *testing.T) {
	named := func(typ, addr, attr, zone string) *Resource {
		r := &Resource{Address: addr, Mode: "managed", Type: typ, Provider: zone, Block: NewBlock("resource", at(1))}
		r.SetAttr(attr, Value{Val: cty.UnknownVal(cty.String), Present: true}.
			WithIdent(&Ident{Kind: IdentVariable, Address: "var.name"}))
		return r
	}
	target := named("aws_thing", "aws_thing.t", "name", "here")
	there := named("aws_ref", "aws_ref.there", "thing", "there")
	ix := NewIndex([]*Resource{target, there})
	scope := Scope(func(a, b *Resource) Tri { return TriOf(a.Provider == b.Provider, false) })

	found, maybe := ix.ReferrersIn(scope, target, "aws_ref", []string{"thing"}, "name")
	assert.Empty(t, found)
	assert.Nil(t, maybe, "in another scope, not a maybe")
	found, maybe = ix.Referrers(target, "aws_ref", []string{"thing"}, "name")
	assert.Equal(t, []*Resource{there}, found)
	assert.Nil(t, maybe)
}
