package loader

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"sort"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// A module called several times (once per management group, once per
// example root of a repository) evaluates the same local values again for
// each instance, although many do not depend on what differs between the
// calls: a library of policy documents decoded and reshaped by a chain of
// `for` expressions is the same for every instance. A Load keeps the value
// of each local value it evaluated, keyed by the expression and the values
// it refers to, and an instance whose referenced values are equal reuses
// it instead of evaluating the expression again, in the same root module
// or in the next one (the roots of a Load share parsed files, so an
// expression is the same object in each). A value is a function of the
// expression and of what it refers to, with two exceptions the key
// covers: file functions resolve a relative path against the root module,
// so an expression calling one is keyed by the root too; and what they
// read is recorded for messages (Result.FileContents), so the reads are
// kept with the value and recorded again when it is reused. An evaluation
// that reported a diagnostic is not kept, so that every instance reports
// its own.

// memoKey identifies the value of one local value expression for given
// referenced values: the expression, the root module when it calls a file
// function, and a 128-bit hash of those values.
type memoKey struct {
	expr hcl.Expression
	root string
	h1   uint64
	h2   uint64
}

// fileRecord is one value a file function returned, as readFile records
// it.
type fileRecord struct {
	path string
	val  cty.Value
}

// memoSeeds are the seeds of the two hashes of a memoKey; the hashes only
// compare values within one process.
var memoSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// valueHasher writes a value's type and content to two hashes.
type valueHasher struct {
	h   [2]maphash.Hash
	buf [9]byte
	// ids keeps the hashes of collections (subHash); nil keeps none.
	ids *fileCache
}

func newValueHasher() *valueHasher {
	vh := &valueHasher{}
	vh.h[0].SetSeed(memoSeeds[0])
	vh.h[1].SetSeed(memoSeeds[1])
	return vh
}

func (vh *valueHasher) sum() (uint64, uint64) {
	return vh.h[0].Sum64(), vh.h[1].Sum64()
}

func (vh *valueHasher) bytes(b []byte) {
	_, _ = vh.h[0].Write(b)
	_, _ = vh.h[1].Write(b)
}

func (vh *valueHasher) str(s string) {
	vh.num(uint64(len(s)))
	_, _ = vh.h[0].WriteString(s)
	_, _ = vh.h[1].WriteString(s)
}

func (vh *valueHasher) tag(t byte) {
	vh.buf[0] = t
	vh.bytes(vh.buf[:1])
}

func (vh *valueHasher) num(n uint64) {
	vh.buf[0] = 'n'
	binary.LittleEndian.PutUint64(vh.buf[1:], n)
	vh.bytes(vh.buf[:9])
}

// typ writes a whole type, for values whose content does not show it:
// nulls, unknowns and empty collections.
func (vh *valueHasher) typ(t cty.Type) {
	vh.str(t.GoString())
}

// value writes v: its marks, its kind and its content, recursively, so
// that two values write the same bytes only when they are equal, of the
// same type and marked the same.
func (vh *valueHasher) value(v cty.Value) {
	if v == cty.NilVal {
		vh.tag(0)
		return
	}
	if v.IsMarked() {
		var marks []string
		v2, ms := v.Unmark()
		for m := range ms {
			vm, ok := m.(valueMark)
			if !ok {
				// A mark the loader does not make: compare by
				// evaluating again.
				panic(unhashable{})
			}
			marks = append(marks, string(vm))
		}
		sort.Strings(marks)
		vh.tag('M')
		vh.num(uint64(len(marks)))
		for _, m := range marks {
			vh.str(m)
		}
		v = v2
	}
	ty := v.Type()
	switch {
	case !v.IsKnown():
		// Go syntax shows the type and the refinements (not null, a
		// prefix, bounds).
		vh.tag('?')
		vh.str(v.GoString())
		return
	case v.IsNull():
		vh.tag('0')
		vh.typ(ty)
		return
	}
	switch {
	case ty == cty.String:
		vh.tag('s')
		vh.str(v.AsString())
	case ty == cty.Number:
		vh.tag('#')
		bf := v.AsBigFloat()
		if f, acc := bf.Float64(); acc == 0 && !math.IsInf(f, 0) {
			vh.num(math.Float64bits(f))
		} else {
			vh.str(bf.Text('g', -1))
		}
	case ty == cty.Bool:
		if v.True() {
			vh.tag('t')
		} else {
			vh.tag('f')
		}
	case ty.IsObjectType() || ty.IsMapType() || ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		switch {
		case ty.IsObjectType():
			vh.tag('o')
		case ty.IsMapType():
			vh.tag('m')
		case ty.IsListType():
			vh.tag('l')
		case ty.IsSetType():
			vh.tag('S')
		default:
			vh.tag('T')
		}
		n := v.LengthInt()
		if n < subHashMin {
			vh.elements(v, n)
			return
		}
		h1, h2 := vh.subHash(v, n)
		vh.tag('H')
		vh.num(h1)
		vh.num(h2)
	default:
		// Capsules and anything else: evaluate again.
		panic(unhashable{})
	}
}

// elements writes the n elements of the collection v (keys first where
// it has them).
func (vh *valueHasher) elements(v cty.Value, n int) {
	ty := v.Type()
	vh.num(uint64(n))
	if n == 0 {
		// An empty collection shows its type only here; the elements
		// of any other show it (nulls and unknowns write theirs).
		vh.typ(ty)
	}
	keyed := ty.IsObjectType() || ty.IsMapType()
	// In ElementIterator's order, the keys sorted: the same bytes.
	if rawElements(v, true, func(k string, e cty.Value) bool {
		if keyed {
			vh.str(k)
		}
		vh.value(e)
		return true
	}) {
		return
	}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if keyed {
			vh.str(k.AsString())
		}
		vh.value(e)
	}
}

// subHashMin is the size from which a collection is written as the hash
// of its elements, which the hasher keeps by the collection's identity
// (subHash).
const subHashMin = 8

// subHash is the hash of the elements of the collection v. A library of
// documents decoded once (decodeOnce) and gathered into a new object by
// each module instance is hashed once per document, not once per
// instance: the hash of a collection is kept by the identity of its
// content, which go-cty never changes, for the root being loaded
// (fileCache.identity). Hashing v's elements again gives the same hash, so
// whether it was kept changes nothing but the time.
func (vh *valueHasher) subHash(v cty.Value, n int) (uint64, uint64) {
	key, ok := identityOf(v)
	ok = ok && vh.ids != nil
	if ok {
		if e, hit := vh.ids.identity(key); hit && e.hash != nil {
			return e.hash[0], e.hash[1]
		}
	}
	sub := newValueHasher()
	sub.ids = vh.ids
	sub.elements(v, n)
	h1, h2 := sub.sum()
	if ok {
		vh.ids.keepIdentity(key, v, func(e *idEntry) { e.hash = &[2]uint64{h1, h2} })
	}
	return h1, h2
}

// unhashable aborts hashing a value the hasher does not compare.
type unhashable struct{}

// hashValuesIn hashes vals in order, keeping the hashes of collections in
// c (nil: none are kept); ok is false when one cannot be hashed.
func hashValuesIn(c *fileCache, vals []cty.Value) (h1, h2 uint64, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(unhashable); !is {
				panic(r)
			}
			ok = false
		}
	}()
	vh := newValueHasher()
	vh.ids = c
	for _, v := range vals {
		vh.value(v)
	}
	h1, h2 = vh.sum()
	return h1, h2, true
}

// fingerprint is the hash of one value, computed when first needed: a
// large value referred to by many expressions is hashed once.
type fingerprint struct {
	once   sync.Once
	ok     bool
	h1, h2 uint64
}

func (f *fingerprint) of(c *fileCache, v cty.Value) (uint64, uint64, bool) {
	f.once.Do(func() { f.h1, f.h2, f.ok = hashValuesIn(c, []cty.Value{v}) })
	return f.h1, f.h2, f.ok
}

// memoEntry is the value of a local value and its fingerprint, shared by
// the instances that reuse it.
type memoEntry struct {
	val cty.Value
	fp  fingerprint
	// files is what file functions returned while evaluating it.
	files []fileRecord
	rootUse
	// marked is set when the root that evaluated it had made marks,
	// so that it may hold some: a root reusing it has them too.
	marked bool
}

// lookupLocal returns the value kept for key, marking it used by the
// root being loaded.
func (c *fileCache) lookupLocal(key memoKey) (*memoEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return lookupKept(c, c.locals, key)
}

func (c *fileCache) storeLocal(key memoKey, e *memoEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	storeKept(c, &c.locals, key, e)
}

// rootUse is embedded in what a Load keeps for the roots it loads after
// the one that computed it: used is the last root (fileCache.root) that
// used it, and sweepLocals drops what the root just loaded did not use.
type rootUse struct{ used int }

func (u *rootUse) lastUse() *rootUse { return u }

// keptAcrossRoots is what embeds rootUse.
type keptAcrossRoots interface{ lastUse() *rootUse }

// lookupKept returns m[key], marking it used by the root being loaded;
// c.mu is held.
func lookupKept[K comparable, E keptAcrossRoots](c *fileCache, m map[K]E, key K) (E, bool) {
	e, ok := m[key]
	if ok {
		e.lastUse().used = c.root
	}
	return e, ok
}

// storeKept keeps e as (*m)[key], used by the root being loaded; c.mu is
// held.
func storeKept[K comparable, E keptAcrossRoots](c *fileCache, m *map[K]E, key K, e E) {
	if *m == nil {
		*m = map[K]E{}
	}
	e.lastUse().used = c.root
	(*m)[key] = e
}

// sweepKept drops from m what the root being loaded did not use; c.mu is
// held.
func sweepKept[K comparable, E keptAcrossRoots](c *fileCache, m map[K]E) {
	for k, e := range m {
		if e.lastUse().used < c.root {
			delete(m, k)
		}
	}
}

// sweepLocals ends the loading of a root: the values (and rendered
// templates, decoded documents, and what is kept of collections by
// identity) the root did not use are dropped, as parseCache drops its
// files; the files they came from are parsed again, so their expressions
// would not match anyway.
func (c *fileCache) sweepLocals() {
	c.mu.Lock()
	defer c.mu.Unlock()
	sweepKept(c, c.locals)
	sweepKept(c, c.rendered)
	sweepKept(c, c.decoded)
	sweepKept(c, c.byID)
	c.sweepNarrowed()
	c.root++
}

// exprFacts are what the memo reads of a local value's expression, and
// refsOf of any expression, which depends on the expression alone: each instance of a module asks them of
// the same expressions, and each answer is a walk of the expression.
type exprFacts struct {
	// fileCall is whether expr calls a file function (isFileCall).
	fileCall bool
	// templateOnly are the local values and variables expr refers to
	// only as templatefile's variables (templateOnly).
	templateOnly []string
	// comparison is whether expr compares anything with == or !=
	// (isComparison): a memo hit on a value a comparison
	// left partly unknown is not taken (evalLocal).
	comparison bool
	// conditions are the ranges of the references in the conditions of
	// expr's conditional expressions (conditionsOf), nil when there are
	// none; refsOf asks them of every expression, not only local values'.
	conditions map[hcl.Range]bool
}

// factsOf returns the facts of expr, whose references are trs, kept by
// expression for the root module being loaded, as variables keeps the
// references.
func (ev *evaluator) factsOf(expr hcl.Expression, trs []hcl.Traversal) *exprFacts {
	se, ok := expr.(hclsyntax.Expression)
	if ok {
		if f, kept := ev.facts[se]; kept {
			return f
		}
	}
	f := newExprFacts(expr, trs)
	if ok {
		if ev.facts == nil {
			ev.facts = map[hclsyntax.Expression]*exprFacts{}
		}
		ev.facts[se] = f
		if ev.journal {
			ev.memoized = append(ev.memoized, se)
		}
	}
	return f
}

// newExprFacts computes the facts of expr, whose references are trs, in
// one walk of it: a local value's expression is walked for each of them
// otherwise, and a landing zone's are large.
func newExprFacts(expr hcl.Expression, trs []hcl.Traversal) *exprFacts {
	node, ok := expr.(hclsyntax.Node)
	if !ok {
		// JSON expressions: keyed by root, as if they called a file
		// function; nothing else is known of them.
		return &exprFacts{fileCall: true}
	}
	f := &exprFacts{}
	var asVars map[string]int
	_ = hclsyntax.VisitAll(node, func(n hclsyntax.Node) hcl.Diagnostics {
		f.fileCall = f.fileCall || isFileCall(n)
		f.comparison = f.comparison || isComparison(n)
		f.conditions = addConditionRefs(f.conditions, n)
		if ref, ok := templateVarsRef(n); ok {
			if asVars == nil {
				asVars = map[string]int{}
			}
			asVars[ref]++
		}
		return nil
	})
	f.templateOnly = templateOnly(asVars, trs)
	return f
}

// isFileCall reports whether n calls a file function.
func isFileCall(n hclsyntax.Node) bool {
	c, ok := n.(*hclsyntax.FunctionCallExpr)
	return ok && fileFunctions[c.Name]
}

// localKey returns the key of the local value l in this instance: the
// declaration and the fingerprints of the values its expression refers to
// by their first two names (local.x, var.y, module.m, path.module,
// data.t.n, aws_s3_bucket.b). ok is false when one cannot be hashed.
//
// The values in narrow (memo_narrow.go) are left out.
func (in *instance) localKey(l *localDecl, trs []hcl.Traversal, narrow map[string]cty.Value) (memoKey, bool) {
	key := memoKey{expr: l.expr}
	if in.ev.factsOf(l.expr, trs).fileCall {
		key.root = in.ev.tree.rootDir
	}
	c := in.ev.files
	vh := newValueHasher()
	fp := func(h1, h2 uint64, ok bool) bool {
		vh.num(h1)
		vh.num(h2)
		return ok
	}
	direct := func(v cty.Value) bool { return fp(hashValuesIn(c, []cty.Value{v})) }
	for _, tr := range trs {
		root, name := tr.RootName(), attrAt(tr, 1)
		vh.str(root)
		vh.str(name)
		if _, left := narrow[root+"."+name]; left {
			vh.tag('N')
			continue
		}
		var ok bool
		switch root {
		case "local":
			if e := in.localFP[name]; e != nil {
				ok = fp(e.fp.of(c, e.val))
			} else {
				ok = direct(in.locals[name])
			}
		case "var":
			v, declared := in.vars[name]
			if !declared {
				ok = direct(cty.NilVal)
				break
			}
			f := in.varFP[name]
			if f == nil {
				f = &fingerprint{}
				in.varFP[name] = f
			}
			ok = fp(f.of(c, v))
		case "module":
			v, declared := in.modules[name]
			if !declared {
				ok = direct(cty.NilVal)
				break
			}
			f := in.moduleFP[name]
			if f == nil {
				f = &fingerprint{}
				in.moduleFP[name] = f
			}
			ok = fp(f.of(c, v))
		case "data":
			dname := attrAt(tr, 2)
			vh.str(dname)
			ok = direct(in.data[name][dname])
		case "path", "terraform":
			v := in.ctx.Variables[root]
			if v.Type().HasAttribute(name) {
				v = v.GetAttr(name)
			}
			ok = direct(v)
		default:
			ok = direct(in.managed[root][name])
		}
		if !ok {
			return memoKey{}, false
		}
	}
	key.h1, key.h2 = vh.sum()
	return key, true
}
