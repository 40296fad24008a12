package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// collVisitor is what one walk down the expressions a collection is built
// from makes of them (see walkColl). The walks ask different things of a
// collection Terraform does not know as a whole: its (key, value) elements
// (elemPairs), the instances of a for_each (forEachElems), the strings it
// surely holds (stringListParts), the shape all its elements share
// (elemShape), the text they all end with (elemSuffix). They find where
// the elements come from the same way, so that way is walkColl's alone,
// and a form taught to it is taught to every walk; a visitor says what its
// walk makes of the rest.
type collVisitor[T any] interface {
	// value evaluates expr as the walk reads values: with the
	// instance's diagnostics or without.
	value(in *instance, ctx *hcl.EvalContext, expr hcl.Expression) cty.Value
	// known is the result when v, the value of the expression reached,
	// settles it without looking into the expression (a collection
	// known as a whole, a sensitive value); done is false to look.
	known(v cty.Value, depth int) (r T, ok, done bool)
	// vars reports whether a module input is followed into the
	// expression the caller writes for it.
	vars() bool
	// passes returns the arguments of a call whose elements are the
	// elements of its result; ok is false when the walk does not read
	// the call that way.
	passes(e *hclsyntax.FunctionCallExpr) (args []hclsyntax.Expression, ok bool)
	// join adds part, what one argument of such a call gives, to acc
	// (the zero T before the first); ok is false when that ends the walk.
	join(acc, part T) (T, bool)
	// other is the result for an expression none of the above settles,
	// whose value is v.
	other(in *instance, ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, depth int) (T, bool)
	// fail is the result of a walk that cannot go on: too deep, or a
	// part that fails.
	fail() (T, bool)
}

// walkColl walks expr, whose value is v (cty.NilVal when not evaluated
// yet), for vis: through parentheses, which keep the value, into the
// expression of a local value and (when vis.vars) of a module input, and
// into the arguments of a call vis.passes. depth bounds how far, past
// maxPartialDepth the walk fails.
func walkColl[T any](vis collVisitor[T], in *instance, ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, depth int) (T, bool) {
	if depth > maxPartialDepth {
		return vis.fail()
	}
	if v == cty.NilVal {
		v = vis.value(in, ctx, expr)
	}
	if r, ok, done := vis.known(v, depth); done {
		return r, ok
	}
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return walkColl(vis, in, ctx, e.Expression, v, depth+1)
	case *hclsyntax.ScopeTraversalExpr:
		if src, sctx, sexpr := in.refSource(e, vis.vars()); sexpr != nil {
			return walkColl(vis, src, sctx, sexpr, cty.NilVal, depth+1)
		}
	case *hclsyntax.FunctionCallExpr:
		if args, ok := vis.passes(e); ok {
			return joinWalks(vis, in, ctx, args, depth+1)
		}
	}
	return vis.other(in, ctx, expr, v, depth)
}

// joinWalks joins what walking each of exprs gives (see walkColl): the
// elements of a collection that holds theirs.
func joinWalks[T any, E hcl.Expression](vis collVisitor[T], in *instance, ctx *hcl.EvalContext, exprs []E, depth int) (T, bool) {
	var acc T
	for _, x := range exprs {
		part, ok := walkColl(vis, in, ctx, x, cty.NilVal, depth)
		if !ok {
			return vis.fail()
		}
		if acc, ok = vis.join(acc, part); !ok {
			return vis.fail()
		}
	}
	return acc, true
}

// refSource returns the expression the local value e names is written
// as (see localExpr), with the instance and context to evaluate it in;
// with vars, also the expression the caller writes for the module input e
// names (the caller is evaluating the call while this runs). expr is nil
// for any other reference.
func (in *instance) refSource(e *hclsyntax.ScopeTraversalExpr, vars bool) (src *instance, ctx *hcl.EvalContext, expr hcl.Expression) {
	if l := in.localExpr(e); l != nil {
		return in, in.evalCtx(in.ev.variables(l)), l
	}
	if tr := e.Traversal; vars && len(tr) == 2 && tr.RootName() == "var" {
		if s := in.varSrc[attrAt(tr, 1)]; s != nil {
			return s.in, s.ctx, s.expr
		}
	}
	return nil, nil, nil
}

// forScope is the context the for expression e evaluates its key, value
// and condition in for the element (k, v) of its collection: the
// element's value binds e.ValVar even where e.KeyVar has the same name,
// as Terraform binds them.
func forScope(ctx *hcl.EvalContext, e *hclsyntax.ForExpr, k, v cty.Value) *hcl.EvalContext {
	child := ctx.NewChild()
	child.Variables = make(map[string]cty.Value, 2)
	if e.KeyVar != "" {
		child.Variables[e.KeyVar] = k
	}
	child.Variables[e.ValVar] = v
	return child
}

// failWalk is the fail of the walks that end with nothing when they
// cannot go on.
type failWalk[T any] struct{}

func (failWalk[T]) fail() (T, bool) {
	var zero T
	return zero, false
}
