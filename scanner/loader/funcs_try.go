package loader

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// tryFunc is Terraform's try, which returns its first argument that
// evaluates without error. It also decides one case Terraform can only
// decide after apply: an argument indexing a known map or list with a key
// only known after apply (`try(local.sizes[var.env], "small")`) either
// yields one of the collection's values or fails over to the next
// argument. When every value it could yield that way is the same, that is
// the result; otherwise it is unknown, as in Terraform. And where
// Terraform makes a partly known argument wholly unknown, since it may
// still fail once known, try keeps its known parts when it cannot fail
// (see cannotFail): `try(local.settings, {})` with one setting known after
// apply is that object, unknown only in that setting.
var tryFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "expressions", Type: customdecode.ExpressionClosureType},
	// The type is the value's: deciding it by evaluating the arguments,
	// as Impl does, evaluated every argument twice, and nested calls
	// (try(length(local.x) > 0, ...) over a library of policy files) 2^n
	// times.
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return try(args) },
})

func try(args []cty.Value) (cty.Value, error) {
	if len(args) == 0 {
		return cty.NilVal, errors.New("at least one argument is required")
	}
	var diags hcl.Diagnostics
	// candidates are values an earlier argument may yield, depending on a
	// key only known after apply; when it does not, evaluation falls
	// through to the next argument.
	var candidates []cty.Value
	for _, arg := range args {
		closure := customdecode.ExpressionClosureFromVal(arg)
		if elems, ok := unknownKeyCandidates(closure.Expression, closure.EvalContext); ok {
			candidates = append(candidates, elems...)
			continue
		}
		v, moreDiags := closure.Value()
		diags = append(diags, moreDiags...)
		if moreDiags.HasErrors() {
			continue
		}
		if !v.IsWhollyKnown() {
			if len(candidates) == 0 && cannotFail(closure.Expression, closure.EvalContext) {
				// Partly known, and no value known after apply can make
				// this argument fail: it is the result, unknown only
				// where it is unknown.
				return v, nil
			}
			return cty.DynamicVal, nil
		}
		if len(candidates) == 0 {
			// agreed would take v apart for its marks and put it
			// together again: the same value, walked and copied
			// whole (a policy document, in a landing zone).
			return v, nil
		}
		return agreed(append(candidates, v)), nil
	}
	if len(candidates) > 0 {
		// The key may exist, so the call may succeed: only the values say.
		return agreed(candidates), nil
	}
	var buf strings.Builder
	buf.WriteString("no expression succeeded:\n")
	for _, diag := range diags {
		if diag.Subject != nil {
			fmt.Fprintf(&buf, "- %s (at %s)\n  %s\n", diag.Summary, diag.Subject, diag.Detail)
		} else {
			fmt.Fprintf(&buf, "- %s\n  %s\n", diag.Summary, diag.Detail)
		}
	}
	buf.WriteString("\nAt least one expression must produce a successful result")
	return cty.NilVal, errors.New(buf.String())
}

// unknownKeyCandidates returns the values an index expression may yield
// when it indexes a wholly known map, object, list or tuple with a key
// only known after apply; ok is false for any other expression.
func unknownKeyCandidates(expr hcl.Expression, ctx *hcl.EvalContext) ([]cty.Value, bool) {
	ix, isIndex := expr.(*hclsyntax.IndexExpr)
	if !isIndex {
		return nil, false
	}
	key, diags := ix.Key.Value(ctx)
	if diags.HasErrors() || key.IsKnown() {
		return nil, false
	}
	coll, diags := ix.Collection.Value(ctx)
	if diags.HasErrors() || !coll.IsWhollyKnown() || coll.IsNull() {
		return nil, false
	}
	ty := coll.Type()
	if !ty.IsMapType() && !ty.IsObjectType() && !ty.IsListType() && !ty.IsTupleType() {
		return nil, false
	}
	// A sensitive collection's candidates are sensitive.
	coll, marks := coll.Unmark()
	var out []cty.Value
	for it := coll.ElementIterator(); it.Next(); {
		_, v := it.Element()
		out = append(out, v.WithMarks(marks))
	}
	return out, true
}

// agreed returns the one value all candidates share, or unknown. Marks do
// not count in the comparison; the result carries every candidate's, as
// any of them may be the one chosen.
func agreed(candidates []cty.Value) cty.Value {
	first, marks := candidates[0].UnmarkDeepWithPaths()
	for _, c := range candidates[1:] {
		u, m := c.UnmarkDeepWithPaths()
		if !u.IsWhollyKnown() || !u.RawEquals(first) {
			return cty.DynamicVal
		}
		marks = append(marks, m...)
	}
	if !first.IsWhollyKnown() {
		return cty.DynamicVal
	}
	return first.MarkWithPaths(marks)
}

// cannotFail reports whether expr, which evaluated without error to a
// partly known value in ctx, evaluates without error whatever the unknown
// values turn out to be. It accepts what cannot fail on any value of the
// type it already has: literals; references whose every step before the
// last is known (`local.settings`, `var.cfg.logging`, not an attribute of
// an unknown object, which may not have it); object and tuple
// constructors, parentheses and conditionals of such expressions;
// templates whose interpolations are such references of a primitive type;
// and jsonencode of such expressions. Anything else (other functions,
// indexes, splats, operators, for expressions) may fail once known.
func cannotFail(expr hcl.Expression, ctx *hcl.EvalContext) bool {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return true
	case *hclsyntax.ParenthesesExpr:
		return cannotFail(e.Expression, ctx)
	case *hclsyntax.ScopeTraversalExpr:
		_, ok := knownTraversal(e.Traversal, ctx)
		return ok
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			if !cannotFail(item.KeyExpr, ctx) || !cannotFail(item.ValueExpr, ctx) {
				return false
			}
		}
		return true
	case *hclsyntax.ObjectConsKeyExpr:
		if e.ForceNonLiteral {
			return cannotFail(e.Wrapped, ctx)
		}
		if hcl.ExprAsKeyword(e.Wrapped) != "" {
			return true
		}
		return cannotFail(e.Wrapped, ctx)
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			if !cannotFail(x, ctx) {
				return false
			}
		}
		return true
	case *hclsyntax.ConditionalExpr:
		return cannotFail(e.Condition, ctx) && cannotFail(e.TrueResult, ctx) && cannotFail(e.FalseResult, ctx)
	case *hclsyntax.TemplateWrapExpr:
		return cannotFail(e.Wrapped, ctx)
	case *hclsyntax.TemplateExpr:
		for _, part := range e.Parts {
			if _, ok := part.(*hclsyntax.LiteralValueExpr); ok {
				continue
			}
			st, ok := part.(*hclsyntax.ScopeTraversalExpr)
			if !ok {
				return false
			}
			v, ok := knownTraversal(st.Traversal, ctx)
			if !ok || (!v.IsKnown() && !v.Type().IsPrimitiveType()) {
				return false
			}
		}
		return true
	case *hclsyntax.FunctionCallExpr:
		if e.Name != "jsonencode" || len(e.Args) != 1 || e.ExpandFinal {
			return false
		}
		return cannotFail(e.Args[0], ctx)
	}
	return false
}

// knownTraversal follows tr in ctx and returns its value when every step
// before the last lands on a known value, so that no value known after
// apply can make a step fail.
func knownTraversal(tr hcl.Traversal, ctx *hcl.EvalContext) (cty.Value, bool) {
	if ctx == nil || len(tr) == 0 {
		return cty.NilVal, false
	}
	v, diags := tr[:1].TraverseAbs(ctx)
	if diags.HasErrors() {
		return cty.NilVal, false
	}
	for _, step := range tr[1:] {
		if u, _ := v.Unmark(); !u.IsKnown() || u.IsNull() {
			return cty.NilVal, false
		}
		v, diags = step.TraversalStep(v)
		if diags.HasErrors() {
			return cty.NilVal, false
		}
	}
	return v, true
}
