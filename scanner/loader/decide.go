package loader

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// maxDecideDepth bounds how many operators decideBool follows.
const maxDecideDepth = 16

// decideBool decides a condition that cty leaves unknown because a string
// it compares is only known after apply, when what is known of that
// string already rules the comparison out. cty refines an unknown string
// only by its beginning, yet modules test inputs written as
// "${var.project_id}.svc.id.goog" against sentinels:
//
//	!(var.identity_namespace == null || var.identity_namespace == "null")
//
// A string known to end with ".svc.id.goog" (knownSuffix) is neither null
// nor "null", so the condition is true whatever the project turns out to
// be. It follows !, && and || (one side decided true decides ||, false
// decides &&; both decided decide either), and parentheses; ok is false
// when the condition cannot be decided. A sensitive condition is left
// undecided, so that its mark is not lost.
func (in *instance) decideBool(ctx *hcl.EvalContext, expr hcl.Expression, depth int) (b, ok bool) {
	if depth > maxDecideDepth {
		return false, false
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal || v.IsMarked() {
		return false, false
	}
	if v.IsKnown() {
		if v.IsNull() || v.Type() != cty.Bool {
			return false, false
		}
		return v.True(), true
	}
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return in.decideBool(ctx, e.Expression, depth+1)
	case *hclsyntax.UnaryOpExpr:
		if e.Op != hclsyntax.OpLogicalNot {
			return false, false
		}
		b, ok := in.decideBool(ctx, e.Val, depth+1)
		return !b, ok
	case *hclsyntax.BinaryOpExpr:
		switch e.Op {
		case hclsyntax.OpLogicalOr, hclsyntax.OpLogicalAnd:
			// || is decided by one true side, && by one false side.
			decisive := e.Op == hclsyntax.OpLogicalOr
			l, lok := in.decideBool(ctx, e.LHS, depth+1)
			r, rok := in.decideBool(ctx, e.RHS, depth+1)
			switch {
			case lok && l == decisive, rok && r == decisive:
				return decisive, true
			case lok && rok:
				return !decisive, true
			}
		case hclsyntax.OpEqual, hclsyntax.OpNotEqual:
			if in.cannotEqual(ctx, e.LHS, e.RHS) {
				return e.Op == hclsyntax.OpNotEqual, true
			}
		}
	}
	return false, false
}

// cannotEqual reports whether two operands of == cannot be equal: one is a
// known string (or null) and the other a string only known after apply
// whose known end, or beginning, the known string lacks. A string with a
// known end is never null.
func (in *instance) cannotEqual(ctx *hcl.EvalContext, a, b hcl.Expression) bool {
	av, diags := a.Value(ctx)
	if diags.HasErrors() || av == cty.NilVal || av.IsMarked() {
		return false
	}
	bv, diags := b.Value(ctx)
	if diags.HasErrors() || bv == cty.NilVal || bv.IsMarked() {
		return false
	}
	if av.IsKnown() {
		a = b
		av, bv = bv, av
	}
	if av.IsKnown() || !bv.IsKnown() {
		return false
	}
	if t := av.Type(); t != cty.String && t != cty.DynamicPseudoType {
		return false
	}
	suffix := in.knownSuffix(ctx, a, 0)
	if bv.IsNull() {
		return suffix != ""
	}
	if bv.Type() != cty.String {
		return false
	}
	s := bv.AsString()
	if suffix != "" && !strings.HasSuffix(s, suffix) {
		return true
	}
	if av.Type() == cty.String {
		if p := av.Range().StringPrefix(); p != "" && !strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// mayDecideBool reports whether expr has the shape of a condition
// decideBool decides: a comparison, or !, && or || of one.
func mayDecideBool(expr hcl.Expression) bool {
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return mayDecideBool(e.Expression)
	case *hclsyntax.UnaryOpExpr:
		return e.Op == hclsyntax.OpLogicalNot && mayDecideBool(e.Val)
	case *hclsyntax.BinaryOpExpr:
		switch e.Op {
		case hclsyntax.OpEqual, hclsyntax.OpNotEqual:
			return true
		case hclsyntax.OpLogicalOr, hclsyntax.OpLogicalAnd:
			return mayDecideBool(e.LHS) || mayDecideBool(e.RHS)
		}
	}
	return false
}

// isComparison reports whether n compares with == or !=: a local value
// whose expression compares anything may then have been decided by the
// caller's text (decideBool), which the memo's key does not cover
// (exprFacts.comparison).
func isComparison(n hclsyntax.Node) bool {
	b, ok := n.(*hclsyntax.BinaryOpExpr)
	return ok && (b.Op == hclsyntax.OpEqual || b.Op == hclsyntax.OpNotEqual)
}

// decidedCount is how many conditions decideBool has decided in this root
// module; 0 without an instance (tests of sameResults alone).
func (in *instance) decidedCount() int {
	if in == nil {
		return 0
	}
	return in.ev.decided
}

// noteDecided counts a condition decideBool decided.
func (in *instance) noteDecided() {
	in.ev.decided++
}
