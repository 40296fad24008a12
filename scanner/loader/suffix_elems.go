package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// elemSuffix returns the text every element of the list or set of strings
// written as expr is known to end with: a known element counts with all
// its text, one only known after apply with its known end (knownSuffix).
// Besides what walkColl follows (a local, a variable to its caller's
// expression), it follows toset, tolist, distinct, sort, compact and
// concat, a tuple, and a `for` expression that builds a list, whose value
// expression is read with its iteration variable ending as the elements
// of its collection do:
//
//	[for n in var.users : endswith(n, "gserviceaccount.com") ? "serviceAccount:${n}" : "user:${n}"]
//
// ends with what every element of var.users ends with, whichever result
// the condition picks. some is false when the collection surely has no
// element (the suffix then says nothing); ok is false when the collection
// cannot be read so, and always for a map or object, whose elements are
// not the for_each's each.value. An element's own end is read with
// knownSuffix's whole depth: the collection's depth is bounded apart.
func (in *instance) elemSuffix(ctx *hcl.EvalContext, expr hcl.Expression, depth int) (suffix string, some, ok bool) {
	if expr == nil {
		return "", false, false
	}
	acc, ok := walkColl[suffixAcc](suffixWalk{}, in, ctx, expr, cty.NilVal, depth)
	return acc.suffix, acc.some, ok
}

// suffixWalk is the visitor of elemSuffix.
type suffixWalk struct{ failWalk[suffixAcc] }

// value reads expr without the instance's diagnostics: a value that
// fails is not known, and the walk looks into the expression.
func (suffixWalk) value(_ *instance, ctx *hcl.EvalContext, expr hcl.Expression) cty.Value {
	if v, diags := expr.Value(ctx); !diags.HasErrors() && v != cty.NilVal {
		return v
	}
	return cty.DynamicVal
}

func (suffixWalk) known(v cty.Value, _ int) (suffixAcc, bool, bool) {
	if v.IsWhollyKnown() && !v.ContainsMarked() {
		acc, ok := knownElemSuffix(v)
		return acc, ok, true
	}
	return suffixAcc{}, false, false
}

func (suffixWalk) vars() bool { return true }

func (suffixWalk) passes(e *hclsyntax.FunctionCallExpr) ([]hclsyntax.Expression, bool) {
	if e.ExpandFinal {
		return nil, false
	}
	switch e.Name {
	case "toset", "tolist", "distinct", "sort", "compact":
		return e.Args, len(e.Args) == 1
	case "concat":
		return e.Args, true
	}
	return nil, false
}

// join skips a part that surely has no element: it ends with nothing.
func (suffixWalk) join(acc, part suffixAcc) (suffixAcc, bool) {
	if part.some {
		acc.add(part.suffix)
	}
	return acc, true
}

func (suffixWalk) other(in *instance, ctx *hcl.EvalContext, expr hcl.Expression, _ cty.Value, depth int) (suffixAcc, bool) {
	switch e := expr.(type) {
	case *hclsyntax.TupleConsExpr:
		var acc suffixAcc
		for _, item := range e.Exprs {
			v, diags := item.Value(ctx)
			if diags.HasErrors() || v == cty.NilVal || v.IsMarked() {
				return suffixAcc{}, false
			}
			if v.IsKnown() {
				s, err := convertString(v)
				if err != nil {
					return suffixAcc{}, false
				}
				acc.add(s)
				continue
			}
			acc.add(in.knownSuffix(ctx, item, 0))
		}
		return acc, true
	case *hclsyntax.ForExpr:
		if e.KeyExpr != nil || e.Group {
			return suffixAcc{}, false
		}
		coll, ok := walkColl[suffixAcc](suffixWalk{}, in, ctx, e.CollExpr, cty.NilVal, depth+1)
		if !ok || !coll.some {
			return suffixAcc{}, ok
		}
		child := ctx.NewChild()
		child.Variables = map[string]cty.Value{e.ValVar: cty.DynamicVal}
		if e.KeyVar != "" {
			child.Variables[e.KeyVar] = cty.DynamicVal
		}
		// A condition only drops elements: what is left still ends so.
		return suffixAcc{some: true, suffix: in.withForSuffix(e.ValVar, coll.suffix, func() string {
			if v, diags := e.ValExpr.Value(child); !diags.HasErrors() && v.IsKnown() && !v.IsMarked() {
				if s, err := convertString(v); err == nil {
					return s
				}
			}
			return in.knownSuffix(child, e.ValExpr, 0)
		})}, true
	}
	return suffixAcc{}, false
}

// knownElemSuffix is elemSuffix for a wholly known list, set or tuple.
func knownElemSuffix(v cty.Value) (suffixAcc, bool) {
	t := v.Type()
	if v.IsNull() || (!t.IsListType() && !t.IsSetType() && !t.IsTupleType()) {
		return suffixAcc{}, false
	}
	var acc suffixAcc
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		s, err := convert.Convert(e, cty.String)
		if err != nil || s.IsNull() {
			return suffixAcc{}, false
		}
		acc.add(s.AsString())
	}
	return acc, true
}

// suffixAcc folds the ends of elements into the end they share.
type suffixAcc struct {
	suffix string
	some   bool
}

func (a *suffixAcc) add(s string) {
	if !a.some {
		a.suffix, a.some = s, true
		return
	}
	a.suffix = commonSuffix(a.suffix, s)
}

// withForSuffix runs f with the iteration variable name known to end with
// suffix (traversalSuffix reads it), restoring what it meant before.
func (in *instance) withForSuffix(name, suffix string, f func() string) string {
	old, had := in.forSuffix[name]
	if in.forSuffix == nil {
		in.forSuffix = map[string]string{}
	}
	in.forSuffix[name] = suffix
	defer func() {
		if had {
			in.forSuffix[name] = old
		} else {
			delete(in.forSuffix, name)
		}
	}()
	return f()
}

// eachValueSuffix is knownSuffix for each.value and each.key in an
// instance of a resource whose for_each element is only known after
// apply: what every element of that set of strings ends with. An each
// met through another context (a module call's own each, followed from a
// variable) is not that instance's and says nothing.
func (in *instance) eachValueSuffix(ctx *hcl.EvalContext, tr hcl.Traversal) string {
	if in.eachSuffix == "" || len(tr) != 2 {
		return ""
	}
	if a := attrAt(tr, 1); a != "value" && a != "key" {
		return ""
	}
	for c := ctx; c != nil; c = c.Parent() {
		if c == in.eachCtx {
			return in.eachSuffix
		}
	}
	return ""
}
