package loader

import (
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// eachValues returns every value each.value can take in the one instance
// that stands for a for_each whose elements cannot be told apart (see
// expand), when the elements' values can be listed although their keys,
// or whether some are there, are only known after apply:
// `{ for ra in local.assignments : ra.id => { role = ra.role } }` over
// assignments built from a known list of roles and an unknown scope. Each
// value may itself be partly unknown. ok is false when they cannot be
// listed, there are more than scanner.MaxChoiceKeys, or one is marked.
func (in *instance) eachValues(ctx *hcl.EvalContext, expr hcl.Expression) ([]cty.Value, bool) {
	pairs, ok := in.elemPairs(ctx, expr, 0)
	if !ok || len(pairs) == 0 {
		return nil, false
	}
	out := make([]cty.Value, len(pairs))
	for i, p := range pairs {
		if p[1].ContainsMarked() {
			return nil, false
		}
		out[i] = p[1]
	}
	return out, true
}

// elemPairs lists every (key, value) element the collection expr builds
// may hold, whose keys and values may be partly unknown: a superset of
// them, as an element whose condition is unknown is listed, and merge may
// replace one. Besides what walkColl follows (and module inputs, to the
// caller's expression), it follows what keeps elements as they are or
// builds them one by one: conditionals, for expressions, object and tuple
// constructors, toset, tomap, distinct, concat, merge and flatten.
func (in *instance) elemPairs(ctx *hcl.EvalContext, expr hcl.Expression, depth int) ([][2]cty.Value, bool) {
	return walkColl[[][2]cty.Value](pairWalk{}, in, ctx, expr, cty.NilVal, depth)
}

// pairWalk is the visitor of elemPairs.
type pairWalk struct{ failWalk[[][2]cty.Value] }

func (pairWalk) value(_ *instance, ctx *hcl.EvalContext, expr hcl.Expression) cty.Value {
	return exprValue(ctx, expr)
}

func (pairWalk) known(v cty.Value, _ int) ([][2]cty.Value, bool, bool) {
	if v.IsKnown() && !v.IsNull() {
		ps, ok := knownPairs(v)
		return ps, ok, true
	}
	return nil, false, false
}

func (pairWalk) vars() bool { return true }

func (pairWalk) passes(e *hclsyntax.FunctionCallExpr) ([]hclsyntax.Expression, bool) {
	if e.ExpandFinal {
		return nil, false
	}
	switch e.Name {
	case "toset", "tomap", "distinct":
		return e.Args, len(e.Args) == 1
	case "concat", "merge":
		return e.Args, true
	}
	return nil, false
}

// join bounds the elements by scanner.MaxChoiceKeys.
func (pairWalk) join(acc, part [][2]cty.Value) ([][2]cty.Value, bool) {
	acc = append(acc, part...)
	return acc, len(acc) <= scanner.MaxChoiceKeys
}

func (w pairWalk) other(in *instance, ctx *hcl.EvalContext, expr hcl.Expression, _ cty.Value, depth int) ([][2]cty.Value, bool) {
	var out [][2]cty.Value
	add := func(ps [][2]cty.Value) bool {
		var ok bool
		out, ok = w.join(out, ps)
		return ok
	}
	switch e := expr.(type) {
	case *hclsyntax.ConditionalExpr:
		c, diags := e.Condition.Value(ctx)
		if diags.HasErrors() || c.IsMarked() {
			return nil, false
		}
		branches := []hcl.Expression{e.TrueResult, e.FalseResult}
		if c.IsKnown() {
			b, err := convert.Convert(c, cty.Bool)
			if err != nil || b.IsNull() {
				return nil, false
			}
			if b.True() {
				branches = branches[:1]
			} else {
				branches = branches[1:]
			}
		}
		return joinWalks[[][2]cty.Value](w, in, ctx, branches, depth+1)
	case *hclsyntax.FunctionCallExpr:
		if e.ExpandFinal || e.Name != "flatten" || len(e.Args) != 1 {
			return nil, false
		}
		ps, ok := in.elemPairs(ctx, e.Args[0], depth+1)
		if !ok {
			return nil, false
		}
		for _, p := range ps {
			flat, ok := flattenPairs(p[1], 0)
			if !ok || !add(flat) {
				return nil, false
			}
		}
		return out, true
	case *hclsyntax.ForExpr:
		if e.Group {
			return nil, false
		}
		src, ok := in.elemPairs(ctx, e.CollExpr, depth+1)
		if !ok {
			return nil, false
		}
		for _, p := range src {
			child := forScope(ctx, e, p[0], p[1])
			if e.CondExpr != nil {
				c, diags := e.CondExpr.Value(child)
				if diags.HasErrors() || c.IsMarked() {
					return nil, false
				}
				if c.IsKnown() {
					b, err := convert.Convert(c, cty.Bool)
					if err != nil || b.IsNull() {
						return nil, false
					}
					if b.False() {
						continue
					}
				}
			}
			val, diags := e.ValExpr.Value(child)
			if diags.HasErrors() {
				return nil, false
			}
			// A tuple's element is at a position not known: elements
			// before it may be left out.
			key := cty.UnknownVal(cty.Number)
			if e.KeyExpr != nil {
				if key, diags = e.KeyExpr.Value(child); diags.HasErrors() {
					return nil, false
				}
			}
			if !add([][2]cty.Value{{key, val}}) {
				return nil, false
			}
		}
		return out, true
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			k, diags := item.KeyExpr.Value(ctx)
			if diags.HasErrors() {
				return nil, false
			}
			v, diags := item.ValueExpr.Value(ctx)
			if diags.HasErrors() {
				return nil, false
			}
			if !add([][2]cty.Value{{k, v}}) {
				return nil, false
			}
		}
		return out, true
	case *hclsyntax.TupleConsExpr:
		for i, x := range e.Exprs {
			v, diags := x.Value(ctx)
			if diags.HasErrors() {
				return nil, false
			}
			if !add([][2]cty.Value{{cty.NumberIntVal(int64(i)), v}}) {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// knownPairs lists the elements of a collection known as such (its
// elements may not be): a set's elements are their own keys.
func knownPairs(v cty.Value) ([][2]cty.Value, bool) {
	if v.IsMarked() || !v.CanIterateElements() || v.LengthInt() > scanner.MaxChoiceKeys {
		return nil, false
	}
	set := v.Type().IsSetType()
	var out [][2]cty.Value
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if set {
			k = e
		}
		out = append(out, [2]cty.Value{k, e})
	}
	return out, true
}

// flattenPairs is what flatten makes of one element: the elements of a
// list, tuple or set within it, at any depth, each at a position not
// known; anything else as it is.
func flattenPairs(v cty.Value, depth int) ([][2]cty.Value, bool) {
	if depth > maxPartialDepth {
		return nil, false
	}
	ty := v.Type()
	if !ty.IsListType() && !ty.IsTupleType() && !ty.IsSetType() {
		if ty == cty.DynamicPseudoType {
			return nil, false // may be a list
		}
		return [][2]cty.Value{{cty.UnknownVal(cty.Number), v}}, true
	}
	if !v.IsKnown() || v.IsMarked() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	var out [][2]cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		ps, ok := flattenPairs(e, depth+1)
		if !ok {
			return nil, false
		}
		out = append(out, ps...)
		if len(out) > scanner.MaxChoiceKeys {
			return nil, false
		}
	}
	return out, true
}

// eachChoice is keyedValues for an argument that reads each.value in the
// instance that stands for a for_each whose values in.eachDomain lists:
// the argument is evaluated again with each.value set to each of them,
// and the keys are their positions in the list, the same for every
// argument of the resource.
func (in *instance) eachChoice(ctx *hcl.EvalContext, expr hcl.Expression, ty cty.Type) *keyedVals {
	each, diags := hcl.Traversal{hcl.TraverseRoot{Name: "each"}}.TraverseAbs(ctx)
	if diags.HasErrors() {
		return nil
	}
	choice := keyedVals{Choice: scanner.Choice{By: "each.value"}}
	for i, dv := range in.eachDomain {
		set, ok := setAt(each, hcl.Traversal{hcl.TraverseAttr{Name: "value"}}, dv)
		if !ok || !choice.add(ctx, expr, ty, "each", set, cty.StringVal(strconv.Itoa(i))) {
			return nil
		}
	}
	return choice.result()
}

// readsEachValue reports whether expr refers to each.value.
func readsEachValue(expr hcl.Expression) bool {
	for _, tr := range expr.Variables() {
		if tr.RootName() == "each" && attrAt(tr, 1) == "value" {
			return true
		}
	}
	return false
}
