package loader

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// mayBeBlank reports whether expr, whose value is only known after apply,
// may turn out null or a blank string (or, for a list, empty) once a
// choice made after apply is taken (see scanner.Value.MayBeBlank). It
// follows parentheses, template wraps, locals and module inputs, also
// where a .tf.json file writes them as "${...}" templates, and these
// shapes, nested in one another:
//
//   - a conditional whose condition is unknown and one of whose arms may
//     be blank: kms_key_id = var.encrypt ? aws_kms_key.k.arn : null names
//     the key only if the variable is true. A known condition is followed
//     into the arm it chooses;
//   - try, whose fallback may be taken when an earlier argument that can
//     fail once known (see cannotFail) does: try(var.cfg.key, null);
//   - lookup with a key or map only known after apply whose default, or
//     one of whose known values, may be blank;
//   - one of a list that may be empty (one([]) is null);
//   - an attribute of the element a key known after apply picks from a
//     known collection, when one element's is blank;
//   - element, an index or join of a list that may hold a blank element
//     (element(concat(aws_kms_key.k[*].arn, [""]), 0)), and join of lists
//     that may all be empty;
//   - a for expression whose if clause is only decided after apply, which
//     may keep nothing.
//
// It does not claim what Terraform rules out: coalesce and coalescelist
// skip null and "" (and empty lists) and fail when nothing is left, and an
// index or element of an empty list fails, so none of them yields a blank
// value the resource is then created with.
func (in *instance) mayBeBlank(ctx *hcl.EvalContext, expr hcl.Expression, depth int) bool {
	if depth > suffixDepth || expr == nil {
		return false
	}
	if tpl := jsonTemplate(expr); tpl != nil {
		expr = tpl
	}
	src, sctx, sexpr, sdepth := in.stringSource(ctx, expr, depth, true)
	if sexpr == nil {
		return false
	}
	if _, native := sexpr.(hclsyntax.Expression); !native {
		// A local or module input written in a .tf.json file.
		return sexpr != expr && src.mayBeBlank(sctx, sexpr, sdepth+1)
	}
	in, ctx, expr, depth = src, sctx, sexpr, sdepth
	switch e := expr.(type) {
	case *hclsyntax.ConditionalExpr:
		return in.conditionalMayBeBlank(ctx, e, depth)
	case *hclsyntax.FunctionCallExpr:
		return in.callMayBeBlank(ctx, e, depth)
	case *hclsyntax.IndexExpr:
		return !known(ctx, e) && in.mayHoldBlank(ctx, e.Collection, depth+1)
	case *hclsyntax.RelativeTraversalExpr:
		return relativeMayBeBlank(ctx, e)
	case *hclsyntax.ForExpr:
		return e.CondExpr != nil && !known(ctx, e)
	}
	return false
}

// conditionalMayBeBlank is mayBeBlank of a conditional.
func (in *instance) conditionalMayBeBlank(ctx *hcl.EvalContext, e *hclsyntax.ConditionalExpr, depth int) bool {
	c, diags := e.Condition.Value(ctx)
	if !diags.HasErrors() && c.IsKnown() && !c.IsNull() && c.Type() == cty.Bool {
		if c, _ = c.Unmark(); c.True() {
			return in.mayBeBlank(ctx, e.TrueResult, depth+1)
		}
		return in.mayBeBlank(ctx, e.FalseResult, depth+1)
	}
	return in.orBlank(ctx, e.TrueResult, depth) || in.orBlank(ctx, e.FalseResult, depth)
}

// orBlank reports whether expr is known to be blank or may turn out so
// after apply.
func (in *instance) orBlank(ctx *hcl.EvalContext, expr hcl.Expression, depth int) bool {
	return isBlank(ctx, expr) || in.mayBeBlank(ctx, expr, depth+1)
}

// callMayBeBlank is mayBeBlank of a function call whose value is only
// known after apply.
func (in *instance) callMayBeBlank(ctx *hcl.EvalContext, e *hclsyntax.FunctionCallExpr, depth int) bool {
	// Any other call (jsonencode of a policy, format) is not evaluated
	// again: this runs for every argument only known after apply.
	if e.ExpandFinal || !fallbackCalls[e.Name] || known(ctx, e) {
		return false
	}
	switch e.Name {
	case "try":
		return in.tryMayBeBlank(ctx, e.Args, depth)
	case "lookup":
		return in.lookupMayBeBlank(ctx, e.Args, depth)
	case "one":
		return len(e.Args) == 1 && mayBeEmpty(ctx, e.Args[0])
	case "element":
		return len(e.Args) == 2 && in.mayHoldBlank(ctx, e.Args[0], depth+1)
	case "join":
		if len(e.Args) < 2 {
			return false
		}
		for _, l := range e.Args[1:] {
			if !mayBeEmpty(ctx, l) {
				return false
			}
		}
		return true
	}
	return false
}

// fallbackCalls are the functions callMayBeBlank follows.
var fallbackCalls = map[string]bool{"try": true, "lookup": true, "one": true, "element": true, "join": true}

// tryMayBeBlank is mayBeBlank of try(args...): the first argument that
// evaluates without error is the result. An argument only known after
// apply is the result unless it may still fail once known (cannotFail),
// when the next one may be.
func (in *instance) tryMayBeBlank(ctx *hcl.EvalContext, args []hclsyntax.Expression, depth int) bool {
	for _, arg := range args {
		if elems, ok := unknownKeyCandidates(arg, ctx); ok {
			if anyBlank(elems) {
				return true
			}
			continue // a missing key fails over to the next argument
		}
		v, diags := arg.Value(ctx)
		switch {
		case diags.HasErrors():
			continue
		case v.IsWhollyKnown():
			return isBlankValue(v)
		case in.mayBeBlank(ctx, arg, depth+1):
			return true
		case cannotFail(arg, ctx):
			return false
		}
	}
	return false
}

// lookupMayBeBlank is mayBeBlank of lookup(map, key[, default]) whose
// map or key is only known after apply: its value is one of the map's or
// the default. A known key in a map whose keys are known either is in it,
// and the value is that element, only known after apply, or is not, and
// the value is the default, known now: the call being unknown, it is the
// element.
func (in *instance) lookupMayBeBlank(ctx *hcl.EvalContext, args []hclsyntax.Expression, depth int) bool {
	if len(args) < 2 || len(args) > 3 {
		return false
	}
	m, diags := args[0].Value(ctx)
	if diags.HasErrors() {
		return false
	}
	m, _ = m.Unmark()
	if !m.IsKnown() {
		return len(args) == 3 && in.orBlank(ctx, args[2], depth)
	}
	if m.IsNull() || !m.CanIterateElements() {
		return false
	}
	if k, diags := args[1].Value(ctx); diags.HasErrors() || k.IsKnown() {
		return false
	}
	if len(args) == 3 && in.orBlank(ctx, args[2], depth) {
		return true
	}
	return anyElementBlank(m)
}

// mayBeEmpty reports whether the list expr may turn out empty after
// apply: its length is not known (a for expression whose if clause is
// decided after apply, a splat of a count known after apply, a variable).
// A list whose length is known is empty or not already.
func mayBeEmpty(ctx *hcl.EvalContext, expr hcl.Expression) bool {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal {
		return false
	}
	v, _ = v.Unmark()
	return !v.IsKnown()
}

// mayHoldBlank reports whether the list expr may hold an element that is
// null or blank, known now or known after apply: concat(aws_kms_key.k[*].arn,
// [""]) does, whatever the count of keys.
func (in *instance) mayHoldBlank(ctx *hcl.EvalContext, expr hcl.Expression, depth int) bool {
	if depth > suffixDepth || expr == nil {
		return false
	}
	in, ctx, expr, depth = in.stringSource(ctx, expr, depth, true)
	switch e := expr.(type) {
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			if in.orBlank(ctx, x, depth) {
				return true
			}
		}
		return false
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "concat" {
			for _, l := range e.Args {
				if in.mayHoldBlank(ctx, l, depth+1) {
					return true
				}
			}
			return false
		}
	}
	if expr == nil {
		return false
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal || !v.IsKnown() || v.IsNull() {
		return false
	}
	v, _ = v.Unmark()
	return v.CanIterateElements() && anyElementBlank(v)
}

// relativeMayBeBlank is mayBeBlank of an attribute of one element of a
// known collection chosen by a key only known after apply
// (local.envs[var.env].kms_key_arn): one of the elements may give a
// blank attribute. An element without it makes Terraform fail, not
// choose a blank value.
func relativeMayBeBlank(ctx *hcl.EvalContext, e *hclsyntax.RelativeTraversalExpr) bool {
	ix, ok := e.Source.(*hclsyntax.IndexExpr)
	if !ok {
		return false
	}
	if k, diags := ix.Key.Value(ctx); diags.HasErrors() || k.IsKnown() {
		return false
	}
	coll, diags := ix.Collection.Value(ctx)
	if diags.HasErrors() || coll == cty.NilVal {
		return false
	}
	coll, _ = coll.UnmarkDeep()
	if !coll.IsKnown() || coll.IsNull() || !coll.CanIterateElements() {
		return false
	}
	for it := coll.ElementIterator(); it.Next(); {
		_, el := it.Element()
		if r, diags := e.Traversal.TraverseRel(el); !diags.HasErrors() && isBlankValue(r) {
			return true
		}
	}
	return false
}

// known reports whether expr's value is known (not wholly, only at its
// top: a list of known length with unknown elements is known).
func known(ctx *hcl.EvalContext, expr hcl.Expression) bool {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal {
		return false
	}
	v, _ = v.Unmark()
	return v.IsKnown()
}

// anyBlank reports whether one of vs is known to be null or blank.
func anyBlank(vs []cty.Value) bool {
	for _, v := range vs {
		if isBlankValue(v) {
			return true
		}
	}
	return false
}

// anyElementBlank reports whether one of the elements of the known
// collection v is known to be null or blank, without collecting them:
// mayBeBlank runs for every argument only known after apply.
func anyElementBlank(v cty.Value) bool {
	for it := v.ElementIterator(); it.Next(); {
		if _, e := it.Element(); isBlankValue(e) {
			return true
		}
	}
	return false
}

// isBlank reports whether expr's value is known to be null or a blank
// string.
func isBlank(ctx *hcl.EvalContext, expr hcl.Expression) bool {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return false
	}
	return isBlankValue(v)
}

// isBlankValue reports whether v is known to be null or a blank string.
func isBlankValue(v cty.Value) bool {
	if v == cty.NilVal || !v.IsKnown() {
		return false
	}
	v, _ = v.Unmark()
	if v.IsNull() {
		return true
	}
	return v.Type() == cty.String && strings.TrimSpace(v.AsString()) == ""
}
