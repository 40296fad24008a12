package loader

import (
	"unsafe"

	"github.com/zclconf/go-cty/cty"
)

// A Load keeps three things of a collection by its identity, each where a
// large collection go-cty built once (a library of decoded documents) is
// passed on whole to many instances: the hash of its elements (memo.go,
// subHash), its size (depth.go, sizer) and what jsonencode returned for
// it (encode_once.go). They are one entry by identity, used and dropped
// together, so that the identity of a collection is kept in one place.

// idKey is the identity of a collection: the pointers go-cty keeps its
// content and its type behind. Both are never changed once made, so a
// value with the same two has the same elements of the same types.
type idKey struct {
	content, typ unsafe.Pointer
}

// valueLayout mirrors cty.Value, whose fields are unexported, and
// cty.Type, an interface: identityOf reads the pointers behind them;
// valueLayoutOK checks the layout.
type valueLayout struct {
	ty cty.Type
	v  any
}

var valueLayoutOK = func() bool {
	probe := cty.StringVal("probe")
	l := (*valueLayout)(unsafe.Pointer(&probe))
	s, ok := l.v.(string)
	return unsafe.Sizeof(cty.Value{}) == unsafe.Sizeof(valueLayout{}) &&
		unsafe.Sizeof(cty.Type{}) == unsafe.Sizeof(any(nil)) && ok && s == "probe"
}()

// identityOf returns the identity of the unmarked collection v: the
// pointer to its content (a map, or the boxed slice or set every copy of
// the value shares) and to its type.
func identityOf(v cty.Value) (idKey, bool) {
	if !valueLayoutOK {
		return idKey{}, false
	}
	l := (*valueLayout)(unsafe.Pointer(&v))
	content := (*[2]unsafe.Pointer)(unsafe.Pointer(&l.v))[1]
	typ := (*[2]unsafe.Pointer)(unsafe.Pointer(&l.ty))[1]
	if content == nil || typ == nil {
		return idKey{}, false
	}
	return idKey{content: content, typ: typ}, true
}

// collectionID is identityOf(v) for a known, non-null collection
// (object, tuple, list, map or set) without marks, whose identity stands
// for its content: what encodeOnce keeps an encoding by, and what
// unchanged compares.
func collectionID(v cty.Value) (idKey, bool) {
	if v.IsMarked() || !v.IsKnown() || v.IsNull() {
		return idKey{}, false
	}
	if !hasElements(v.Type()) {
		return idKey{}, false
	}
	return identityOf(v)
}

// hasElements reports whether ty is an object, tuple, list, map or set
// type, whose values hold elements behind a pointer identityOf reads.
func hasElements(ty cty.Type) bool {
	return ty.IsObjectType() || ty.IsTupleType() || ty.IsCollectionType()
}

// idEntry is what is kept of one collection by its identity; nil fields
// have not been computed yet. hash, size and encoding depend on the
// collection alone, so one set is never changed to another answer; used
// changes with each root that asks.
type idEntry struct {
	// val keeps the pointers of the collection's identity from being
	// reused while kept.
	val cty.Value
	// hash is the hash of its elements (subHash).
	hash *[2]uint64
	// size is its size (sizer.size).
	size *valueSize
	// encoding is what jsonencode returned for it (encodeOnce).
	encoding *cty.Value
	rootUse
}

// identity returns what is kept for the collection key, marking it used
// by the root being loaded.
func (c *fileCache) identity(key idKey) (idEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := lookupKept(c, c.byID, key)
	if !ok {
		return idEntry{}, false
	}
	return *e, true
}

// keepIdentity keeps, by set, one more thing of the collection v whose
// identity is key, marking it used by the root being loaded.
func (c *fileCache) keepIdentity(key idKey, v cty.Value, set func(*idEntry)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := lookupKept(c, c.byID, key)
	if !ok {
		e = &idEntry{val: v}
		storeKept(c, &c.byID, key, e)
	}
	set(e)
}
