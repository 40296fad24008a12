package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// maxSameDepth bounds how deep sameResults follows nested expressions.
const maxSameDepth = 32

// sameResults decides the parts of v, the value of expr, that are unknown
// only because they depend on a value known after apply which cannot change
// them: every result they could have is the same known value.
//
//   - a conditional whose condition is unknown and whose two results are
//     the same (`var.strict ? "aws:kms" : "aws:kms"`);
//   - an index of a wholly known collection by an unknown key, and an
//     attribute of such an index (`local.settings[var.env].encrypted`),
//     when every element gives the same value; an element that lacks the
//     attribute would make Terraform fail, so it yields nothing.
//
// It follows the parentheses, object and tuple constructors expr is made
// of, and the result a known condition selects, so that such a part deep in
// a tags map or a module input is decided too. lookup and try decide the
// same for their own arguments (lookupUnknownKey, try).
func sameResults(in *instance, ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, depth int) cty.Value {
	if v == cty.NilVal || depth > maxSameDepth || in.whollyKnown(v) {
		return v
	}
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return sameResults(in, ctx, e.Expression, v, depth+1)
	case *hclsyntax.ConditionalExpr:
		return sameConditional(in, ctx, e, v, depth)
	case *hclsyntax.IndexExpr:
		if elems, ok := unknownKeyCandidates(e, ctx); ok && len(elems) > 0 {
			return conformTo(agreed(elems), v)
		}
	case *hclsyntax.RelativeTraversalExpr:
		ix, ok := e.Source.(*hclsyntax.IndexExpr)
		if !ok {
			return v
		}
		elems, ok := unknownKeyCandidates(ix, ctx)
		if !ok {
			return v
		}
		var results []cty.Value
		for _, el := range elems {
			r, diags := e.Traversal.TraverseRel(el)
			if diags.HasErrors() {
				continue
			}
			results = append(results, r)
		}
		if len(results) > 0 {
			return conformTo(agreed(results), v)
		}
	case *hclsyntax.ObjectConsExpr:
		return refineObjectItems(ctx, e, v, func(item hcl.Expression, old cty.Value) cty.Value {
			return sameResults(in, ctx, item, old, depth+1)
		})
	case *hclsyntax.TupleConsExpr:
		return refineTupleItems(e, v, func(item hcl.Expression, old cty.Value) cty.Value {
			return sameResults(in, ctx, item, old, depth+1)
		})
	}
	return v
}

// mayDecide reports whether sameResults may decide a part of a value of
// expr: whether expr has one of the shapes it follows.
func mayDecide(expr hcl.Expression) bool {
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return mayDecide(e.Expression)
	case *hclsyntax.ConditionalExpr, *hclsyntax.IndexExpr, *hclsyntax.ObjectConsExpr, *hclsyntax.TupleConsExpr:
		return true
	case *hclsyntax.RelativeTraversalExpr:
		_, ok := e.Source.(*hclsyntax.IndexExpr)
		return ok
	}
	return false
}

// sameConditional decides a conditional: with an unknown condition, when
// both results are the same known value; with a known one, as far as the
// result it selects can be decided.
func sameConditional(in *instance, ctx *hcl.EvalContext, e *hclsyntax.ConditionalExpr, v cty.Value, depth int) cty.Value {
	c, diags := e.Condition.Value(ctx)
	if diags.HasErrors() {
		return v
	}
	c, condMarks := c.Unmark()
	if c.IsKnown() {
		if c.IsNull() {
			return v
		}
		b, err := convert.Convert(c, cty.Bool)
		if err != nil {
			return v
		}
		branch := e.FalseResult
		if b.True() {
			branch = e.TrueResult
		}
		if !mayDecide(branch) {
			// v is the branch's value, which sameResults would
			// return as it is: evaluating the branch again (a `for`
			// over a library of rendered templates) changes nothing.
			return v
		}
		r, diags := branch.Value(ctx)
		if diags.HasErrors() {
			return v
		}
		before := in.decidedCount()
		r = sameResults(in, ctx, branch, r, depth+1)
		if in.decidedCount() != before {
			// A condition inside was decided: its result may still
			// be partly known, and is more than v.
			return conformPartial(r, v)
		}
		return conformTo(r, v)
	}
	if in != nil && mayDecideBool(e.Condition) {
		if b, ok := in.decideBool(ctx, e.Condition, 0); ok {
			in.noteDecided()
			branch := e.FalseResult
			if b {
				branch = e.TrueResult
			}
			r, diags := branch.Value(ctx)
			if diags.HasErrors() {
				return v
			}
			return conformPartial(sameResults(in, ctx, branch, r, depth+1), v).WithMarks(condMarks)
		}
	}
	var results []cty.Value
	for _, branch := range []hcl.Expression{e.TrueResult, e.FalseResult} {
		r, diags := branch.Value(ctx)
		if diags.HasErrors() {
			return v
		}
		results = append(results, sameResults(in, ctx, branch, r, depth+1))
	}
	r := conformTo(agreed(results), v)
	if !r.IsWhollyKnown() {
		return v
	}
	// As in HCL, the result carries the condition's marks.
	return r.WithMarks(condMarks)
}

// refineObjectItems is what a pass over an expression's parts
// (sameResults, fullPrefixes) makes of v, the value of the object
// constructor e: each attribute an item of e names, refine of the item's
// value expression and the attribute; v itself when none changed, or
// when v is not a known, unmarked object.
func refineObjectItems(ctx *hcl.EvalContext, e *hclsyntax.ObjectConsExpr, v cty.Value, refine func(hcl.Expression, cty.Value) cty.Value) cty.Value {
	if !v.IsKnown() || v.IsNull() || v.IsMarked() || !v.Type().IsObjectType() {
		return v
	}
	attrs := v.AsValueMap()
	changed := false
	for _, item := range e.Items {
		k, diags := item.KeyExpr.Value(ctx)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.IsMarked() {
			continue
		}
		ks, err := convert.Convert(k, cty.String)
		if err != nil {
			continue
		}
		name := ks.AsString()
		old, ok := attrs[name]
		if !ok {
			continue
		}
		if nv := refine(item.ValueExpr, old); !unchanged(nv, old) {
			attrs[name] = nv
			changed = true
		}
	}
	if !changed {
		return v
	}
	return cty.ObjectVal(attrs)
}

// refineTupleItems is refineObjectItems for the tuple constructor e: each
// element of v, refine of the expression that wrote it.
func refineTupleItems(e *hclsyntax.TupleConsExpr, v cty.Value, refine func(hcl.Expression, cty.Value) cty.Value) cty.Value {
	if !v.IsKnown() || v.IsNull() || v.IsMarked() || !v.Type().IsTupleType() || v.LengthInt() != len(e.Exprs) {
		return v
	}
	elems := v.AsValueSlice()
	changed := false
	for i, item := range e.Exprs {
		if nv := refine(item, elems[i]); !unchanged(nv, elems[i]) {
			elems[i] = nv
			changed = true
		}
	}
	if !changed {
		return v
	}
	return cty.TupleVal(elems)
}

// conformPartial is conformTo for a result that may be partly known: the
// result a decided condition selects, which is all cty would have
// returned had it known the condition. It converts r to v's type as HCL
// would have converted it, and returns v when r does not convert.
func conformPartial(r, v cty.Value) cty.Value {
	ty := v.Type()
	if ty == cty.DynamicPseudoType {
		return r
	}
	u, marks := r.UnmarkDeepWithPaths()
	c, err := convert.Convert(u, ty)
	if err != nil {
		return v
	}
	return c.MarkWithPaths(marks)
}

// conformTo returns r, a decided value for the unknown v, converted to v's
// type as HCL would have converted it; v when r is not wholly known or does
// not convert.
func conformTo(r, v cty.Value) cty.Value {
	if !r.IsWhollyKnown() {
		return v
	}
	return conformPartial(r, v)
}
