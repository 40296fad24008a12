package loader

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// keyedChoice returns how expr, whose value v is not wholly known, takes
// its value by one reference only known after apply (see scanner.Choice):
// a reference that indexes a collection whose keys are known, where an
// index that fails makes the argument fail, so the reference can only be
// one of those keys. The argument is evaluated again with the reference
// set to each key: `lookup(var.rules[count.index], "cidr_block", null)`,
// `var.rules[count.index]["rule_number"]` and `local.apis[each.value].role`
// each give the value one element gives, whether or not the rest of the
// collection is known. In the one instance of a for_each not known whose
// values can be listed (in.eachDomain), an argument reading each.value is
// evaluated with each of them instead (see eachChoice).
//
// It returns nil when expr indexes by no such reference, or by more than
// one; when a key gives a value that is not wholly known, is marked, does
// not convert to v's type, or fails other than by a missing attribute or
// element (which Terraform rejects too, so that key is no value the
// reference can take); and when there are more than scanner.MaxChoiceKeys
// keys or scanner.MaxCandidates values.
func (in *instance) keyedChoice(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value) *keyedVals {
	if v == cty.NilVal || v.IsWhollyKnown() || v.IsMarked() {
		return nil
	}
	return in.keyedValues(ctx, expr, v.Type())
}

// keyedValues is keyedChoice for an expression whose values are converted
// to ty.
func (in *instance) keyedValues(ctx *hcl.EvalContext, expr hcl.Expression, ty cty.Type) *keyedVals {
	ctx, expr = in.followLocal(ctx, expr)
	if ctx == nil {
		return nil
	}
	if in.eachDomain != nil && readsEachValue(expr) {
		// The values each.value can take are listed: they decide, keyed
		// by their position, so that no key of another kind is mixed
		// with them under the name each.value.
		return in.eachChoice(ctx, expr, ty)
	}
	var ixs []*hclsyntax.IndexExpr
	strictIndexes(expr, &ixs, 0)
	if len(ixs) == 0 {
		return nil
	}
	var by hcl.Traversal
	var byName string
	var keys []cty.Value
	for _, ix := range ixs {
		st, ok := ix.Key.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			continue
		}
		kv, diags := st.Traversal.TraverseAbs(ctx)
		if diags.HasErrors() || kv.IsKnown() {
			continue
		}
		coll, diags := ix.Collection.Value(ctx)
		if diags.HasErrors() {
			return nil
		}
		collKeys, ok := knownKeys(coll, kv.Type())
		if !ok {
			// An index by an unknown key of an unknown collection: the
			// value it gives stays unknown, and so does the argument.
			continue
		}
		name, ok := choiceRef(st.Traversal)
		if !ok {
			return nil
		}
		switch {
		case by == nil:
			by, byName, keys = st.Traversal, name, collKeys
		case name != byName:
			return nil // chosen by two references: not one key
		default:
			keys = intersectKeys(keys, collKeys)
		}
	}
	if by == nil || len(keys) == 0 || len(keys) > scanner.MaxChoiceKeys {
		return nil
	}
	root := by.RootName()
	rootVal, diags := hcl.Traversal{hcl.TraverseRoot{Name: root}}.TraverseAbs(ctx)
	if diags.HasErrors() {
		return nil
	}
	byVal, _ := by.TraverseAbs(ctx)
	choice := keyedVals{Choice: scanner.Choice{By: byName}}
	for _, k := range keys {
		kc := k
		if byVal.Type() != cty.DynamicPseudoType {
			c, err := convert.Convert(k, byVal.Type())
			if err != nil {
				continue // By's type cannot hold this key
			}
			kc = c
		}
		set, ok := setAt(rootVal, by[1:], kc)
		if !ok || !choice.add(ctx, expr, ty, root, set, k) {
			return nil
		}
	}
	return choice.result()
}

// keyedVals is a Choice with the values it chooses among, as
// keyedValues and eachChoice make it key by key (add).
type keyedVals struct {
	scanner.Choice
	// vals are the values the keys give, without repeats, in the order
	// the keys first give them: the argument's Candidates, which
	// Choice.Picks index.
	vals []cty.Value
}

// add evaluates expr with the variable root set to set, the value the
// reference takes for key, and adds the value it gives under key (as a
// string); a key that is no value the reference can take adds nothing
// (see choiceValue). It returns false when the Choice fails as a whole:
// choiceValue says so, or it would hold more than scanner.MaxCandidates
// values.
func (k *keyedVals) add(ctx *hcl.EvalContext, expr hcl.Expression, ty cty.Type, root string, set, key cty.Value) bool {
	r, skip, ok := choiceValue(ctx, expr, ty, root, set)
	if !ok {
		return false
	}
	if skip {
		return true
	}
	ks, err := convert.Convert(key, cty.String)
	if err != nil {
		return false
	}
	pick := slices.IndexFunc(k.vals, r.RawEquals)
	if pick < 0 {
		pick = len(k.vals)
		k.vals = append(k.vals, r)
	}
	k.Keys = append(k.Keys, ks.AsString())
	k.Picks = append(k.Picks, pick)
	return len(k.vals) <= scanner.MaxCandidates
}

// result is the choice made, nil when no key gave a value.
func (k *keyedVals) result() *keyedVals {
	if len(k.Keys) == 0 {
		return nil
	}
	return k
}

// followLocal returns the expression a `local.NAME` reference (in
// parentheses or not) stands for, with the context to evaluate it in, so
// that a choice made in a local is found from the argument that reads it;
// any other expression is returned as it is. ctx is nil past
// candidateDepth locals.
func (in *instance) followLocal(ctx *hcl.EvalContext, expr hcl.Expression) (*hcl.EvalContext, hcl.Expression) {
	for range candidateDepth {
		switch e := expr.(type) {
		case *hclsyntax.ParenthesesExpr:
			expr = e.Expression
		case *hclsyntax.ScopeTraversalExpr:
			l := in.localExpr(e)
			if l == nil {
				return ctx, expr
			}
			ctx, expr = in.evalCtx(in.ev.variables(l)), l
		default:
			return ctx, expr
		}
	}
	return nil, nil
}

// strictIndexes collects the index expressions within expr that are
// always evaluated when expr is, and whose failure makes expr fail: not
// within try or can, which catch it, a conditional's results, one of which
// is not taken, the right of && and ||, which may be skipped, or a for
// expression's body, which runs once per element, maybe never.
func strictIndexes(expr hcl.Expression, out *[]*hclsyntax.IndexExpr, depth int) {
	if depth > maxSameDepth {
		return
	}
	next := func(e hcl.Expression) { strictIndexes(e, out, depth+1) }
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		next(e.Expression)
	case *hclsyntax.IndexExpr:
		*out = append(*out, e)
		next(e.Collection)
		next(e.Key)
	case *hclsyntax.RelativeTraversalExpr:
		next(e.Source)
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "try" || e.Name == "can" {
			return
		}
		for _, a := range e.Args {
			next(a)
		}
	case *hclsyntax.TemplateExpr:
		for _, p := range e.Parts {
			next(p)
		}
	case *hclsyntax.TemplateWrapExpr:
		next(e.Wrapped)
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			next(item.KeyExpr)
			next(item.ValueExpr)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		next(e.Wrapped)
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			next(x)
		}
	case *hclsyntax.ConditionalExpr:
		next(e.Condition)
	case *hclsyntax.BinaryOpExpr:
		next(e.LHS)
		if e.Op != hclsyntax.OpLogicalAnd && e.Op != hclsyntax.OpLogicalOr {
			next(e.RHS)
		}
	case *hclsyntax.UnaryOpExpr:
		next(e.Val)
	case *hclsyntax.SplatExpr:
		next(e.Source)
	}
}

// choiceRef names a reference a choice may be made by: count.index, each
// and the module's variables and locals, which mean one value throughout
// a resource, so that two arguments read the same key. A dynamic block's
// iterator means a value per generated block and is left out; so is a
// reference through an index.
func choiceRef(tr hcl.Traversal) (string, bool) {
	switch tr.RootName() {
	case "count", "each", "var", "local":
	default:
		return "", false
	}
	var b strings.Builder
	b.WriteString(tr.RootName())
	for _, step := range tr[1:] {
		a, ok := step.(hcl.TraverseAttr)
		if !ok {
			return "", false
		}
		b.WriteString(".")
		b.WriteString(a.Name)
	}
	return b.String(), len(tr) > 1
}

// knownKeys lists the keys of coll, a map, object, list or tuple known as
// a collection (its elements may not be), that an index by a value of
// type keyType may hit: string keys of a map or object, element numbers
// of a list or tuple, which only a number indexes as written ("01" is
// element 1 too).
func knownKeys(coll cty.Value, keyType cty.Type) ([]cty.Value, bool) {
	if !coll.IsKnown() || coll.IsNull() || coll.IsMarked() {
		return nil, false
	}
	ty := coll.Type()
	switch {
	case ty.IsMapType(), ty.IsObjectType():
		if keyType != cty.String && keyType != cty.DynamicPseudoType {
			return nil, false
		}
	case ty.IsListType(), ty.IsTupleType():
		if keyType != cty.Number {
			return nil, false
		}
	default:
		return nil, false
	}
	if coll.LengthInt() > scanner.MaxChoiceKeys {
		return nil, false
	}
	var out []cty.Value
	for it := coll.ElementIterator(); it.Next(); {
		k, _ := it.Element()
		out = append(out, k)
	}
	return out, true
}

// intersectKeys keeps the keys of a that b has too.
func intersectKeys(a, b []cty.Value) []cty.Value {
	var out []cty.Value
	for _, k := range a {
		for _, o := range b {
			if k.RawEquals(o) {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// setAt returns v with the attribute path steps leads to set to nv; ok is
// false when a step is not an attribute of a known object.
func setAt(v cty.Value, steps hcl.Traversal, nv cty.Value) (cty.Value, bool) {
	if len(steps) == 0 {
		return nv, true
	}
	a, ok := steps[0].(hcl.TraverseAttr)
	if !ok || v.IsMarked() || !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() || !v.Type().HasAttribute(a.Name) {
		return cty.NilVal, false
	}
	attrs := v.AsValueMap()
	inner, ok := setAt(attrs[a.Name], steps[1:], nv)
	if !ok {
		return cty.NilVal, false
	}
	attrs[a.Name] = inner
	return cty.ObjectVal(attrs), true
}

// missingOnly reports whether every error in diags is an index or
// attribute that the value does not have: what Terraform rejects the same
// way, so the key that led there is no key the argument can be chosen by.
func missingOnly(diags hcl.Diagnostics) bool {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		switch d.Summary {
		case "Invalid index", "Unsupported attribute", "Missing map element", "Attempt to get attribute from null value":
		default:
			return false
		}
	}
	return true
}

// choiceValue evaluates expr with the variable root set to set, for one
// key of a Choice, and converts the result to ty. skip reports a key that
// fails only by a missing attribute or element, which Terraform rejects
// too, so it is no value the reference can take; ok is false when the
// value is not wholly known, is marked, does not convert to ty, or fails
// otherwise, which makes the whole Choice fail.
func choiceValue(ctx *hcl.EvalContext, expr hcl.Expression, ty cty.Type, root string, set cty.Value) (r cty.Value, skip, ok bool) {
	child := ctx.NewChild()
	child.Variables = map[string]cty.Value{root: set}
	r, diags := expr.Value(child)
	if diags.HasErrors() {
		if missingOnly(diags) {
			return cty.NilVal, true, true
		}
		return cty.NilVal, false, false
	}
	if !r.IsWhollyKnown() || r.ContainsMarked() {
		return cty.NilVal, false, false
	}
	if ty != cty.DynamicPseudoType {
		c, err := convert.Convert(r, ty)
		if err != nil || !c.IsWhollyKnown() {
			return cty.NilVal, false, false
		}
		r = c
	}
	return r, false, true
}
