package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// listParts is what is surely known of a list or set of strings that is
// not known as a whole: the known strings it surely holds, and whether it
// may hold others (rest). Terraform makes flatten, concat, distinct and
// the set functions wholly unknown as soon as one argument is, so
// `toset(concat(["a"], aws_x.y[*].id))` loses "a"; following the
// expression, through local values and into the caller's expression for a
// module input, keeps it. ok is false when the expression is not one of the
// shapes followed, or an element is not a string.
type listParts struct {
	known []string
	rest  bool
}

// add appends the known strings of p, and its rest, to l.
func (l *listParts) add(p listParts) {
	l.known = append(l.known, p.known...)
	l.rest = l.rest || p.rest
}

// listElemFuncs are the functions whose result holds every element of
// every argument (flatten of lists of lists) and nothing else, up to
// duplicates and order.
var listElemFuncs = map[string]bool{
	"concat": true, "distinct": true, "flatten": true, "setunion": true,
	"tolist": true, "toset": true,
}

// stringListParts follows expr down to the lists it is built from (see
// listParts): besides what walkColl follows, the listElemFuncs, and the
// lists of lists flatten reads (flattenParts). Any other list not known is
// the rest.
func (in *instance) stringListParts(ctx *hcl.EvalContext, expr hcl.Expression, depth int) (listParts, bool) {
	return walkColl[listParts](listPartWalk{}, in, ctx, expr, cty.NilVal, depth)
}

// listPartWalk is the visitor of stringListParts.
type listPartWalk struct{ failWalk[listParts] }

func (listPartWalk) value(in *instance, ctx *hcl.EvalContext, expr hcl.Expression) cty.Value {
	return in.value(ctx, expr)
}

func (listPartWalk) known(v cty.Value, depth int) (listParts, bool, bool) {
	if _, sens := unmarkSensitive(v); len(sens) > 0 {
		return listParts{}, false, true
	}
	if u := unmarked(v); u.IsKnown() {
		p, ok := valueListParts(u, depth)
		return p, ok, true
	}
	return listParts{}, false, false
}

func (listPartWalk) vars() bool { return true }

// passes leaves flatten to other: its argument is a list of lists.
func (listPartWalk) passes(e *hclsyntax.FunctionCallExpr) ([]hclsyntax.Expression, bool) {
	if !listElemFuncs[e.Name] || e.ExpandFinal || len(e.Args) == 0 || e.Name == "flatten" {
		return nil, false
	}
	if (e.Name == "tolist" || e.Name == "toset" || e.Name == "distinct") && len(e.Args) != 1 {
		return nil, false
	}
	return e.Args, true
}

func (listPartWalk) join(acc, part listParts) (listParts, bool) {
	acc.add(part)
	return acc, true
}

func (listPartWalk) other(in *instance, ctx *hcl.EvalContext, expr hcl.Expression, _ cty.Value, depth int) (listParts, bool) {
	if e, ok := expr.(*hclsyntax.FunctionCallExpr); ok && e.Name == "flatten" && !e.ExpandFinal && len(e.Args) == 1 {
		return in.flattenParts(ctx, e.Args[0], depth+1)
	}
	// Any other unknown list: nothing of it is known to be there.
	return listParts{rest: true}, true
}

// flattenParts is the parts of flatten(expr): each element of the list of
// lists expr, itself followed down to its own parts.
func (in *instance) flattenParts(ctx *hcl.EvalContext, expr hcl.Expression, depth int) (listParts, bool) {
	if depth > maxPartialDepth {
		return listParts{}, false
	}
	if p, ok := expr.(*hclsyntax.ParenthesesExpr); ok {
		return in.flattenParts(ctx, p.Expression, depth+1)
	}
	if t, ok := expr.(*hclsyntax.TupleConsExpr); ok {
		var out listParts
		for _, item := range t.Exprs {
			iv, sens := unmarkSensitive(in.value(ctx, item))
			if len(sens) > 0 {
				return listParts{}, false
			}
			iv = unmarked(iv)
			if iv.IsKnown() && !iv.IsNull() && iv.Type().IsPrimitiveType() {
				s, ok := knownString(iv)
				if !ok {
					return listParts{}, false
				}
				out.known = append(out.known, s)
				continue
			}
			p, ok := in.stringListParts(ctx, item, depth+1)
			if !ok {
				return listParts{}, false
			}
			out.add(p)
		}
		return out, true
	}
	// Any other expression: its value must be a known list whose elements
	// are strings, lists (flattened in turn) or unknown.
	v := unmarked(in.value(ctx, expr))
	if !v.IsKnown() {
		return in.stringListParts(ctx, expr, depth+1)
	}
	return valueListParts(v, depth)
}

// valueListParts is the parts of a known list, set or tuple whose elements
// are strings or, as flatten reads them, nested lists: an unknown element
// may be anything, so it is the rest.
func valueListParts(v cty.Value, depth int) (listParts, bool) {
	if depth > maxPartialDepth || v.IsNull() {
		return listParts{}, false
	}
	t := v.Type()
	if !t.IsSetType() && !t.IsListType() && !t.IsTupleType() {
		return listParts{}, false
	}
	var out listParts
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		e = unmarked(e)
		switch {
		case !e.IsKnown():
			out.rest = true
		case e.IsNull():
			return listParts{}, false
		case e.Type().IsPrimitiveType():
			s, ok := knownString(e)
			if !ok {
				return listParts{}, false
			}
			out.known = append(out.known, s)
		default:
			p, ok := valueListParts(e, depth+1)
			if !ok {
				return listParts{}, false
			}
			out.add(p)
		}
	}
	return out, true
}

// knownString is a known, non-null primitive as a string.
func knownString(v cty.Value) (string, bool) {
	if v.IsNull() || !v.IsWhollyKnown() {
		return "", false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || s.IsNull() {
		return "", false
	}
	return s.AsString(), true
}

// setPartElems is the for_each elements of toset(expr) when expr is a
// list not known as a whole: one element per known string, which surely
// exists, and for the rest one stand-in with an unknown key that may not.
func (in *instance) setPartElems(ctx *hcl.EvalContext, expr hcl.Expression, depth int) ([]partialElem, bool) {
	p, ok := in.stringListParts(ctx, expr, depth)
	if !ok || !p.rest || len(p.known) == 0 {
		// With no rest the list is known as a whole; with nothing known
		// the single stand-in of an unknown for_each says it all.
		return nil, false
	}
	var out []partialElem
	seen := map[string]bool{}
	for _, s := range p.known {
		if seen[s] {
			continue // a set holds each string once
		}
		seen[s] = true
		sv := cty.StringVal(s)
		out = append(out, partialElem{key: sv, val: sv})
	}
	return append(out, partialElem{key: cty.UnknownVal(cty.String), val: cty.UnknownVal(cty.String), maybe: true}), true
}
