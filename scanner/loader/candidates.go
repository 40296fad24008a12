package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// candidateDepth bounds how many expressions and locals candidates follows.
const candidateDepth = 8

// valueCandidates returns every value expr, whose value v is not wholly
// known, can take (see scanner.Value.Candidates), converted to v's type;
// nil when one of them is not wholly known, is marked, does not convert,
// or when there are more than scanner.MaxCandidates. It follows the shapes
// sameResults decides when all results agree, for results that differ.
// choices calls it only once keyedChoice found no choice for expr: what
// keyedValues would find again is not looked for (see knownCandidate).
func (in *instance) valueCandidates(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value) []cty.Value {
	if v == cty.NilVal || v.IsWhollyKnown() || v.IsMarked() || !in.mayChoose(expr) {
		return nil
	}
	cs, ok := in.candidates(ctx, expr, 0, v.Type())
	if !ok {
		return nil
	}
	ty := v.Type()
	var out []cty.Value
	for _, c := range cs {
		if ty != cty.DynamicPseudoType {
			cv, err := convert.Convert(c, ty)
			if err != nil {
				return nil
			}
			c = cv
		}
		if !c.IsWhollyKnown() {
			return nil
		}
		out = addCandidate(out, c)
	}
	// One value left means the choices differ only as written (true and
	// "true"): still a choice sameResults leaves unknown, and one the
	// engine decides.
	if len(out) == 0 || len(out) > scanner.MaxCandidates {
		return nil
	}
	return out
}

// mayChoose reports whether expr has the shape of a choice candidates
// follows. Most unknown arguments are plain references or calls: telling
// them apart by shape spares evaluating them again.
func (in *instance) mayChoose(expr hcl.Expression) bool {
	for {
		p, ok := expr.(*hclsyntax.ParenthesesExpr)
		if !ok {
			break
		}
		expr = p.Expression
	}
	switch e := expr.(type) {
	case *hclsyntax.ConditionalExpr, *hclsyntax.IndexExpr:
		return true
	case *hclsyntax.RelativeTraversalExpr:
		_, ok := e.Source.(*hclsyntax.IndexExpr)
		return ok
	case *hclsyntax.FunctionCallExpr:
		return e.Name == "lookup" || e.Name == "try"
	case *hclsyntax.ScopeTraversalExpr:
		return in.localExpr(e) != nil
	}
	return false
}

// addCandidate appends c to cs unless cs holds it already.
func addCandidate(cs []cty.Value, c cty.Value) []cty.Value {
	for _, o := range cs {
		if o.RawEquals(c) {
			return cs
		}
	}
	return append(cs, c)
}

// candidates returns the values expr can take; ok is false when one of
// them is not known, or there are too many. tried is the type keyedValues
// found no choice for at the end of the parentheses and locals expr leads
// through (cty.NilType when it did not look there), which knownCandidate
// then does not look for again.
func (in *instance) candidates(ctx *hcl.EvalContext, expr hcl.Expression, depth int, tried cty.Type) ([]cty.Value, bool) {
	if depth > candidateDepth || expr == nil {
		return nil, false
	}
	if depth == candidateDepth {
		tried = cty.NilType // past where followLocal looks
	}
	var out []cty.Value
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return in.candidates(ctx, e.Expression, depth+1, tried)
	case *hclsyntax.ConditionalExpr:
		c, diags := e.Condition.Value(ctx)
		if diags.HasErrors() || c.IsMarked() {
			return nil, false
		}
		if c.IsKnown() {
			if c.IsNull() {
				return nil, false
			}
			b, err := convert.Convert(c, cty.Bool)
			if err != nil {
				return nil, false
			}
			if b.True() {
				return in.candidates(ctx, e.TrueResult, depth+1, cty.NilType)
			}
			return in.candidates(ctx, e.FalseResult, depth+1, cty.NilType)
		}
		t, ok := in.candidates(ctx, e.TrueResult, depth+1, cty.NilType)
		if !ok {
			return nil, false
		}
		f, ok := in.candidates(ctx, e.FalseResult, depth+1, cty.NilType)
		if !ok {
			return nil, false
		}
		out = append(t, f...)
	case *hclsyntax.IndexExpr:
		elems, ok := unknownKeyCandidates(e, ctx)
		if !ok {
			return in.knownCandidate(ctx, expr, tried)
		}
		out = elems
	case *hclsyntax.RelativeTraversalExpr:
		ix, ok := e.Source.(*hclsyntax.IndexExpr)
		if !ok {
			return in.knownCandidate(ctx, expr, tried)
		}
		elems, ok := unknownKeyCandidates(ix, ctx)
		if !ok {
			return in.knownCandidate(ctx, expr, tried)
		}
		for _, el := range elems {
			// An element without the attribute makes Terraform fail: it
			// is no value the argument can take.
			if r, diags := e.Traversal.TraverseRel(el); !diags.HasErrors() {
				out = append(out, r)
			}
		}
	case *hclsyntax.FunctionCallExpr:
		switch e.Name {
		case "lookup":
			return in.lookupCandidates(ctx, e, tried)
		case "try":
			return in.tryCandidates(ctx, e)
		}
		return in.knownCandidate(ctx, expr, tried)
	case *hclsyntax.ScopeTraversalExpr:
		if l := in.localExpr(e); l != nil {
			return in.candidates(in.evalCtx(in.ev.variables(l)), l, depth+1, tried)
		}
		return in.knownCandidate(ctx, expr, tried)
	default:
		return in.knownCandidate(ctx, expr, tried)
	}
	return boundCandidates(out)
}

// boundCandidates checks the values found: all known and unmarked, and no
// more than scanner.MaxCandidates once the same ones are merged.
func boundCandidates(cs []cty.Value) ([]cty.Value, bool) {
	var out []cty.Value
	for _, c := range cs {
		if !c.IsWhollyKnown() || c.ContainsMarked() {
			return nil, false
		}
		out = addCandidate(out, c)
		if len(out) > scanner.MaxCandidates {
			return nil, false
		}
	}
	return out, len(out) > 0
}

// knownCandidate is the one value of an expression that makes no choice
// of the shapes above: ok only when it is wholly known, or when it reads
// one element of a known collection by a key known after apply (see
// keyedValues), whose values it then lists; unless keyedValues found none
// already for expr's type, tried (see candidates).
func (in *instance) knownCandidate(ctx *hcl.EvalContext, expr hcl.Expression, tried cty.Type) ([]cty.Value, bool) {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return nil, false
	}
	if !v.IsWhollyKnown() && !v.IsMarked() && !v.Type().Equals(tried) {
		if k := in.keyedValues(ctx, expr, v.Type()); k != nil {
			return boundCandidates(k.vals)
		}
	}
	return boundCandidates([]cty.Value{v})
}

// localExpr returns the expression of the local value a `local.NAME`
// reference names, nil for any other traversal.
func (in *instance) localExpr(e *hclsyntax.ScopeTraversalExpr) hcl.Expression {
	if len(e.Traversal) != 2 || e.Traversal.RootName() != "local" {
		return nil
	}
	attr, ok := e.Traversal[1].(hcl.TraverseAttr)
	if !ok {
		return nil
	}
	if l := in.mod.local(attr.Name); l != nil {
		return l.expr
	}
	return nil
}

// lookupCandidates are the values of lookup(map, key[, default]) with a
// key only known after apply: each of the wholly known map's values, and
// the default.
func (in *instance) lookupCandidates(ctx *hcl.EvalContext, e *hclsyntax.FunctionCallExpr, tried cty.Type) ([]cty.Value, bool) {
	if len(e.Args) < 2 || len(e.Args) > 3 || e.ExpandFinal {
		return nil, false
	}
	key, diags := e.Args[1].Value(ctx)
	if diags.HasErrors() || key.IsKnown() {
		return in.knownCandidate(ctx, e, tried)
	}
	m, diags := e.Args[0].Value(ctx)
	if diags.HasErrors() || !m.IsWhollyKnown() || m.IsNull() || m.IsMarked() {
		return nil, false
	}
	if !m.Type().IsMapType() && !m.Type().IsObjectType() {
		return nil, false
	}
	var out []cty.Value
	for it := m.ElementIterator(); it.Next(); {
		_, v := it.Element()
		out = append(out, v)
	}
	if len(e.Args) == 3 {
		d, diags := e.Args[2].Value(ctx)
		if diags.HasErrors() {
			return nil, false
		}
		out = append(out, d)
	}
	return boundCandidates(out)
}

// tryCandidates are the values of try(...) whose arguments index known
// collections by keys only known after apply (see try): each element they
// may yield, then the first argument that cannot fail.
func (in *instance) tryCandidates(ctx *hcl.EvalContext, e *hclsyntax.FunctionCallExpr) ([]cty.Value, bool) {
	if e.ExpandFinal {
		return nil, false
	}
	var out []cty.Value
	for _, arg := range e.Args {
		if elems, ok := unknownKeyCandidates(arg, ctx); ok {
			out = append(out, elems...)
			continue
		}
		// An argument reading one element of a known collection by a key
		// known after apply (`local.rules[count.index].cidr`) yields what
		// an element gives it, or fails over to the next argument.
		if k := in.keyedValues(ctx, arg, cty.DynamicPseudoType); k != nil {
			out = append(out, k.vals...)
			continue
		}
		v, diags := arg.Value(ctx)
		if diags.HasErrors() {
			continue
		}
		if !v.IsWhollyKnown() {
			// It may still fail once known, and falling through to the
			// next argument then is not a choice this follows.
			return nil, false
		}
		out = append(out, v)
		return boundCandidates(out)
	}
	if len(out) == 0 {
		return nil, false
	}
	return boundCandidates(out)
}
