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
// It follows a tuple, a variable to its caller's expression, a local to
// its own, toset, tolist, distinct, sort, compact and concat, and a `for`
// expression that builds a list, whose value expression is read with its
// iteration variable ending as the elements of its collection do:
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
	if depth > suffixDepth || expr == nil {
		return "", false, false
	}
	if v, diags := expr.Value(ctx); !diags.HasErrors() && v != cty.NilVal && v.IsWhollyKnown() && !v.ContainsMarked() {
		return knownElemSuffix(v)
	}
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return in.elemSuffix(ctx, e.Expression, depth+1)
	case *hclsyntax.TupleConsExpr:
		var acc suffixAcc
		for _, item := range e.Exprs {
			v, diags := item.Value(ctx)
			if diags.HasErrors() || v == cty.NilVal || v.IsMarked() {
				return "", false, false
			}
			if v.IsKnown() {
				s, err := convertString(v)
				if err != nil {
					return "", false, false
				}
				acc.add(s)
				continue
			}
			acc.add(in.knownSuffix(ctx, item, 0))
		}
		return acc.suffix, acc.some, true
	case *hclsyntax.ScopeTraversalExpr:
		tr := e.Traversal
		if len(tr) != 2 {
			return "", false, false
		}
		name := attrAt(tr, 1)
		switch tr.RootName() {
		case "var":
			if src := in.varSrc[name]; src != nil {
				return src.in.elemSuffix(src.ctx, src.expr, depth+1)
			}
		case "local":
			if l := in.mod.local(name); l != nil {
				return in.elemSuffix(in.evalCtx(l.expr.Variables()), l.expr, depth+1)
			}
		}
	case *hclsyntax.FunctionCallExpr:
		if e.ExpandFinal {
			return "", false, false
		}
		switch e.Name {
		case "toset", "tolist", "distinct", "sort", "compact":
			if len(e.Args) == 1 {
				return in.elemSuffix(ctx, e.Args[0], depth+1)
			}
		case "concat":
			var acc suffixAcc
			for _, a := range e.Args {
				s, some, ok := in.elemSuffix(ctx, a, depth+1)
				if !ok {
					return "", false, false
				}
				if some {
					acc.add(s)
				}
			}
			return acc.suffix, acc.some, true
		}
	case *hclsyntax.ForExpr:
		if e.KeyExpr != nil || e.Group {
			return "", false, false
		}
		coll, some, ok := in.elemSuffix(ctx, e.CollExpr, depth+1)
		if !ok || !some {
			return "", false, ok
		}
		child := ctx.NewChild()
		child.Variables = map[string]cty.Value{e.ValVar: cty.DynamicVal}
		if e.KeyVar != "" {
			child.Variables[e.KeyVar] = cty.DynamicVal
		}
		// A condition only drops elements: what is left still ends so.
		return in.withForSuffix(e.ValVar, coll, func() string {
			if v, diags := e.ValExpr.Value(child); !diags.HasErrors() && v.IsKnown() && !v.IsMarked() {
				if s, err := convertString(v); err == nil {
					return s
				}
			}
			return in.knownSuffix(child, e.ValExpr, 0)
		}), true, true
	}
	return "", false, false
}

// knownElemSuffix is elemSuffix for a wholly known list, set or tuple.
func knownElemSuffix(v cty.Value) (string, bool, bool) {
	t := v.Type()
	if v.IsNull() || (!t.IsListType() && !t.IsSetType() && !t.IsTupleType()) {
		return "", false, false
	}
	var acc suffixAcc
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		s, err := convert.Convert(e, cty.String)
		if err != nil || s.IsNull() {
			return "", false, false
		}
		acc.add(s.AsString())
	}
	return acc.suffix, acc.some, true
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
