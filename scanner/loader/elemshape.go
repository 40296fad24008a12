package loader

import (
	"slices"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// maxShapeElems bounds how many elements of known collections one
// elemShape call evaluates: past it the shape is wholly unknown.
const maxShapeElems = 1024

// shapeWalk carries what one elemShape call has left to spend.
type shapeWalk struct {
	in    *instance
	spent int
}

// elemShape returns a value every element of the collection written as
// expr matches: what all elements share stays known, what differs or is
// only known after apply is unknown, and strings that differ keep the text
// they all start with as known prefix. Terraform makes a list built by a
// for expression over an unknown list wholly unknown, and flatten of a
// list holding one such list too; yet each element is still built by the
// for expression's value expression, so in
//
//	flatten([for scope in ["/providers/Microsoft.Management/managementGroups/a"] :
//	  [for role in var.roles : { scope = scope, role = role }]])
//
// every element's scope is the management group. cty.DynamicVal when
// nothing is known of the elements; cty.NilVal when the collection surely
// has none.
func (in *instance) elemShape(ctx *hcl.EvalContext, expr hcl.Expression) cty.Value {
	w := &shapeWalk{in: in}
	v := w.elems(ctx, expr, cty.NilVal, 0)
	if v != cty.NilVal && v.ContainsMarked() {
		return cty.DynamicVal // sensitive parts stay wholly unknown
	}
	return v
}

// spend takes n evaluations from the budget; false once it is spent.
func (w *shapeWalk) spend(n int) bool {
	w.spent += n
	return w.spent <= maxShapeElems
}

// exprValue is expr's value, cty.DynamicVal when it fails: the expression
// was evaluated, and its errors reported, when its block or local was.
func exprValue(ctx *hcl.EvalContext, expr hcl.Expression) cty.Value {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal {
		return cty.DynamicVal
	}
	return v
}

// listLike reports whether t is a type flatten descends into.
func listLike(t cty.Type) bool {
	return t.IsListType() || t.IsTupleType() || t.IsSetType()
}

// elems is the shape of the elements of the collection expr, whose value
// is v (cty.NilVal when not evaluated yet).
func (w *shapeWalk) elems(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, depth int) cty.Value {
	v, _ = walkColl[cty.Value](shapeElems{shapeVisit{w}}, w.in, ctx, expr, v, depth)
	return v
}

// shapeVisit is what the visitors of elems and leaves share: one budget,
// values read without diagnostics, module inputs not followed, shapes
// joined, and a walk that never fails: what it cannot follow is wholly
// unknown.
type shapeVisit struct{ w *shapeWalk }

func (shapeVisit) value(_ *instance, ctx *hcl.EvalContext, expr hcl.Expression) cty.Value {
	return exprValue(ctx, expr)
}

func (shapeVisit) vars() bool { return false }

func (shapeVisit) join(acc, part cty.Value) (cty.Value, bool) { return joinShapes(acc, part), true }

func (shapeVisit) fail() (cty.Value, bool) { return cty.DynamicVal, true }

// passing returns the arguments of a call to one of names.
func passing(e *hclsyntax.FunctionCallExpr, names ...string) ([]hclsyntax.Expression, bool) {
	if e.ExpandFinal || len(e.Args) == 0 || !slices.Contains(names, e.Name) {
		return nil, false
	}
	return e.Args, true
}

// shapeElems is the visitor of elems: besides what walkColl follows,
// flatten (see leaves) and for expressions.
type shapeElems struct{ shapeVisit }

// known spends one of the walk's evaluations at each expression reached.
func (s shapeElems) known(v cty.Value, _ int) (cty.Value, bool, bool) {
	switch {
	case !s.w.spend(1) || v.IsMarked():
		return cty.DynamicVal, true, true
	case !v.IsKnown():
		return cty.NilVal, false, false
	case v.IsNull() || !v.CanIterateElements():
		return cty.DynamicVal, true, true
	}
	return s.w.valueElems(v), true, true
}

// passes follows the calls each of whose result's elements is an element
// of an argument (values: of its one map argument).
func (shapeElems) passes(e *hclsyntax.FunctionCallExpr) ([]hclsyntax.Expression, bool) {
	return passing(e, "concat", "setunion", "distinct", "tolist", "toset", "values", "compact")
}

func (s shapeElems) other(_ *instance, ctx *hcl.EvalContext, expr hcl.Expression, _ cty.Value, depth int) (cty.Value, bool) {
	switch e := expr.(type) {
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "flatten" && !e.ExpandFinal && len(e.Args) == 1 {
			return s.w.leaves(ctx, e.Args[0], depth+1), true
		}
	case *hclsyntax.ForExpr:
		if !e.Group {
			return s.w.forItems(ctx, e, false, depth), true
		}
	}
	return cty.DynamicVal, true
}

// valueElems is the shape of the elements of a known collection.
func (w *shapeWalk) valueElems(v cty.Value) cty.Value {
	if !w.spend(v.LengthInt()) {
		return cty.DynamicVal
	}
	var out cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = joinShapes(out, e)
	}
	return out
}

// leaves is the shape of the elements flatten([expr]) yields: expr itself
// when it is no list, else the leaves of each of its elements.
func (w *shapeWalk) leaves(ctx *hcl.EvalContext, expr hcl.Expression, depth int) cty.Value {
	v, _ := walkColl[cty.Value](shapeLeaves{shapeVisit{w}}, w.in, ctx, expr, cty.NilVal, depth)
	return v
}

// shapeLeaves is the visitor of leaves: besides what walkColl follows,
// tuple constructors and for expressions building lists.
type shapeLeaves struct{ shapeVisit }

// known spends one of the walk's evaluations at each expression reached.
func (s shapeLeaves) known(v cty.Value, _ int) (cty.Value, bool, bool) {
	switch {
	case !s.w.spend(1) || v.IsMarked():
		return cty.DynamicVal, true, true
	case v.IsWhollyKnown() || (v.Type() != cty.DynamicPseudoType && !listLike(v.Type())):
		return s.w.valueLeaves(v, 0), true, true
	}
	return cty.NilVal, false, false
}

// passes follows the calls whose result holds the elements of every
// argument: their leaves are the leaves of the arguments.
func (shapeLeaves) passes(e *hclsyntax.FunctionCallExpr) ([]hclsyntax.Expression, bool) {
	return passing(e, "flatten", "concat", "setunion", "distinct", "tolist", "toset")
}

func (s shapeLeaves) other(_ *instance, ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, depth int) (cty.Value, bool) {
	switch e := expr.(type) {
	case *hclsyntax.TupleConsExpr:
		return joinWalks[cty.Value](s, s.w.in, ctx, e.Exprs, depth+1)
	case *hclsyntax.ForExpr:
		// A for expression with a key builds a map, which flatten
		// does not descend into.
		if e.KeyExpr == nil && !e.Group {
			return s.w.forItems(ctx, e, true, depth), true
		}
	}
	if v.IsKnown() && !v.IsNull() {
		return s.w.valueLeaves(v, 0), true
	}
	return cty.DynamicVal, true
}

// valueLeaves is leaves for a value: an unknown element that may be a
// list may hold anything.
func (w *shapeWalk) valueLeaves(v cty.Value, depth int) cty.Value {
	if v.IsMarked() || depth > maxPartialDepth {
		return cty.DynamicVal
	}
	t := v.Type()
	if !listLike(t) {
		if t == cty.DynamicPseudoType {
			return cty.DynamicVal
		}
		return v
	}
	if !v.IsKnown() || v.IsNull() || !w.spend(v.LengthInt()) {
		return cty.DynamicVal
	}
	var out cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = joinShapes(out, w.valueLeaves(e, depth+1))
	}
	return out
}

// forItems is the shape of the items a for expression yields (their
// leaves when flat): the value expression evaluated for each element of a
// known collection, or once with the element's shape when the collection
// is only known after apply. An element a known false condition drops adds
// nothing; one an unknown condition may drop counts.
func (w *shapeWalk) forItems(ctx *hcl.EvalContext, e *hclsyntax.ForExpr, flat bool, depth int) cty.Value {
	item := func(child *hcl.EvalContext) cty.Value {
		if flat {
			return w.leaves(child, e.ValExpr, depth+1)
		}
		return exprValue(child, e.ValExpr)
	}
	coll := exprValue(ctx, e.CollExpr)
	if coll.IsMarked() {
		return cty.DynamicVal
	}
	if !coll.IsKnown() {
		elem := w.elems(ctx, e.CollExpr, coll, depth+1)
		if elem == cty.NilVal {
			return cty.NilVal
		}
		return item(forScope(ctx, e, cty.DynamicVal, elem))
	}
	if coll.IsNull() || !coll.CanIterateElements() || !w.spend(coll.LengthInt()) {
		return cty.DynamicVal
	}
	var out cty.Value
	for it := coll.ElementIterator(); it.Next(); {
		k, v := it.Element()
		child := forScope(ctx, e, k, v)
		if e.CondExpr != nil {
			c, diags := e.CondExpr.Value(child)
			if diags.HasErrors() {
				return cty.DynamicVal
			}
			if c.IsKnown() && !c.IsMarked() && !c.IsNull() && c.Type() == cty.Bool && c.False() {
				continue
			}
		}
		out = joinShapes(out, item(child))
	}
	return out
}

// joinShapes is the shape both a and b match (cty.NilVal is no element).
func joinShapes(a, b cty.Value) cty.Value {
	switch {
	case a == cty.NilVal:
		return b
	case b == cty.NilVal:
		return a
	case a.IsMarked() || b.IsMarked():
		return cty.DynamicVal
	case a.RawEquals(b):
		return a
	}
	ta, tb := a.Type(), b.Type()
	switch {
	case ta.Equals(cty.String) && tb.Equals(cty.String):
		if a.IsKnown() && a.IsNull() || b.IsKnown() && b.IsNull() {
			return cty.UnknownVal(cty.String)
		}
		r := cty.UnknownVal(cty.String).Refine()
		if !a.Range().CouldBeNull() && !b.Range().CouldBeNull() {
			r = r.NotNull()
		}
		// Both values are whole strings (or already refined): the text
		// they share cannot combine with text to come, so it is all kept.
		if p := commonStringPrefix(stringShapePrefix(a), stringShapePrefix(b)); p != "" {
			r = r.StringPrefixFull(p)
		}
		return r.NewValue()
	case ta.IsObjectType() && tb.IsObjectType() && a.IsKnown() && b.IsKnown() && !a.IsNull() && !b.IsNull():
		aa, ba := ta.AttributeTypes(), tb.AttributeTypes()
		if len(aa) != len(ba) {
			return cty.DynamicVal
		}
		attrs := make(map[string]cty.Value, len(aa))
		for n := range aa {
			if _, ok := ba[n]; !ok {
				return cty.DynamicVal
			}
			attrs[n] = joinShapes(a.GetAttr(n), b.GetAttr(n))
		}
		return cty.ObjectVal(attrs)
	case ta.Equals(tb) && ta.IsPrimitiveType():
		return cty.UnknownVal(ta)
	}
	return cty.DynamicVal
}

// stringShapePrefix is the text a string value is known to start with.
func stringShapePrefix(v cty.Value) string {
	if v.IsKnown() {
		return v.AsString()
	}
	return v.Range().StringPrefix()
}

// commonStringPrefix is the longest text a and b both start with, cut at a
// character boundary.
func commonStringPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(a) && !utf8.RuneStart(a[i]) {
		i--
	}
	return a[:i]
}
