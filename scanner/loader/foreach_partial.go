package loader

import (
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// unknownKeyLabel is the address key of the n-th (from 1) instance whose
// for_each key is only known after apply: aws_s3_bucket.b[(known after
// apply #1)]. It is neither a number nor a quoted string, so it never
// collides with a real key, holds no dot or bracket (BaseAddress finds the
// resource), and is numbered in the order of the for_each source, which
// the configuration fixes.
func unknownKeyLabel(n int) string {
	return "[" + unknownKeyPrefix + strconv.Itoa(n) + ")]"
}

const unknownKeyPrefix = "(known after apply #"

// isUnknownKeyLabel reports whether an instance key, as instanceKey or
// unknownKeyLabel renders it, stands for a key only known after apply.
func isUnknownKeyLabel(k string) bool {
	return strings.HasPrefix(k, "["+unknownKeyPrefix)
}

// addrKey is the expansion's key as written in addresses.
func (e expansion) addrKey() string {
	if e.label != "" {
		return e.label
	}
	return instanceKey(e.key)
}

// partialElem is one element of a for_each whose value as a whole is not
// known: its key (possibly unknown), its value, and whether it may not be
// there at all (an unknown condition, an unknown set element that may
// equal another one).
type partialElem struct {
	key, val cty.Value
	maybe    bool
}

// maxPartialDepth bounds how many locals partialForEach follows.
const maxPartialDepth = 8

// partialForEach expands a for_each whose value is not known as a whole
// but whose elements are: a map built with keys only known after apply
// (`{ for k, v in var.buckets : "${var.prefix}-${k}" => v }`, an object
// constructor with an unknown key), or a set of strings some of which are
// unknown. Each element becomes an instance with its own each.value; an
// element whose key is known keeps its address, the others are numbered
// with unknownKeyLabel. ok is false when the elements cannot be told
// apart either (an unknown collection, a grouping for expression).
func (in *instance) partialForEach(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value) ([]expansion, bool) {
	if _, sens := unmarkSensitive(v); len(sens) > 0 {
		return nil, false
	}
	elems, ok := in.forEachElems(ctx, expr, v, 0)
	if !ok || len(elems) == 0 {
		return nil, false
	}
	var keyed, unkeyed []expansion
	seen := map[string]bool{}
	suffix, suffixDone := "", false
	for _, el := range elems {
		k, sens := unmarkSensitive(el.key)
		if len(sens) > 0 {
			return nil, false
		}
		val, _ := el.val.UnmarkDeep()
		if k.IsKnown() {
			ks, err := convert.Convert(k, cty.String)
			if err != nil || ks.IsNull() {
				return nil, false
			}
			if seen[ks.AsString()] {
				if el.maybe {
					continue
				}
				return nil, false // a duplicate key, an error in Terraform
			}
			seen[ks.AsString()] = true
			keyed = append(keyed, expansion{key: ks, maybe: el.maybe, vars: eachVars(ks, val)})
			continue
		}
		if !k.Type().Equals(cty.String) && k.Type() != cty.DynamicPseudoType {
			if _, err := convert.Convert(k, cty.String); err != nil {
				return nil, false
			}
			k = cty.UnknownVal(cty.String)
		}
		if !suffixDone {
			// Every element of a set of strings ends with what all of
			// them are known to end with: so does each.value.
			if s, some, ok := in.elemSuffix(ctx, expr, 0); ok && some {
				suffix = s
			}
			suffixDone = true
		}
		unkeyed = append(unkeyed, expansion{
			key:        cty.NilVal,
			label:      unknownKeyLabel(len(unkeyed) + 1),
			maybe:      el.maybe,
			vars:       eachVars(k, val),
			eachSuffix: suffix,
		})
	}
	sort.SliceStable(keyed, func(i, j int) bool { return keyed[i].key.AsString() < keyed[j].key.AsString() })
	return append(keyed, unkeyed...), true
}

func eachVars(key, val cty.Value) map[string]cty.Value {
	return map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": key, "value": val})}
}

// forEachElems lists the elements of a for_each value v, written as expr,
// that is not known as a whole: besides what walkColl follows, toset and
// tomap, which keep the elements (tomap of an object with unknown keys is
// unknown as a whole too), a list toset makes a set of (see setPartElems),
// for expressions and object constructors.
func (in *instance) forEachElems(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, depth int) ([]partialElem, bool) {
	return walkColl[[]partialElem](forEachWalk{}, in, ctx, expr, v, depth)
}

// forEachWalk is the visitor of forEachElems.
type forEachWalk struct{ failWalk[[]partialElem] }

func (forEachWalk) value(in *instance, ctx *hcl.EvalContext, expr hcl.Expression) cty.Value {
	return in.value(ctx, expr)
}

func (forEachWalk) known(v cty.Value, _ int) ([]partialElem, bool, bool) {
	if u := unmarked(v); u.IsKnown() && !u.IsNull() {
		els, ok := setElems(u)
		return els, ok, true
	}
	return nil, false, false
}

func (forEachWalk) vars() bool { return false }

// passes follows no call as it is: toset falls back to setPartElems.
func (forEachWalk) passes(*hclsyntax.FunctionCallExpr) ([]hclsyntax.Expression, bool) {
	return nil, false
}

func (forEachWalk) join(acc, part []partialElem) ([]partialElem, bool) {
	return append(acc, part...), true
}

func (forEachWalk) other(in *instance, ctx *hcl.EvalContext, expr hcl.Expression, _ cty.Value, depth int) ([]partialElem, bool) {
	switch e := expr.(type) {
	case *hclsyntax.FunctionCallExpr:
		if (e.Name == "toset" || e.Name == "tomap") && len(e.Args) == 1 && !e.ExpandFinal {
			if els, ok := in.forEachElems(ctx, e.Args[0], cty.NilVal, depth+1); ok {
				return els, true
			}
			if e.Name == "toset" {
				// A list built from known and unknown lists.
				return in.setPartElems(ctx, e.Args[0], depth+1)
			}
		}
	case *hclsyntax.ForExpr:
		return in.forExprElems(ctx, e)
	case *hclsyntax.ObjectConsExpr:
		out := make([]partialElem, 0, len(e.Items))
		for _, item := range e.Items {
			k := in.value(ctx, item.KeyExpr)
			out = append(out, partialElem{key: k, val: in.value(ctx, item.ValueExpr)})
		}
		return out, true
	}
	return nil, false
}

// setElems lists a known set, list or tuple of strings some of which are
// unknown: each element is its own key, and an unknown one may equal
// another element, so it may not be an instance of its own.
func setElems(v cty.Value) ([]partialElem, bool) {
	t := v.Type()
	if !t.IsSetType() && !t.IsListType() && !t.IsTupleType() {
		return nil, false
	}
	var out []partialElem
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsKnown() && e.IsNull() {
			return nil, false
		}
		s, err := convert.Convert(e, cty.String)
		if err != nil {
			return nil, false
		}
		out = append(out, partialElem{key: s, val: s, maybe: !s.IsKnown()})
	}
	return out, true
}

// forExprElems evaluates a for expression that builds an object element by
// element: the collection must be known; a key or value only known after
// apply stays unknown in its element alone.
func (in *instance) forExprElems(ctx *hcl.EvalContext, e *hclsyntax.ForExpr) ([]partialElem, bool) {
	if e.KeyExpr == nil || e.Group {
		return nil, false
	}
	coll := in.value(ctx, e.CollExpr)
	if _, sens := unmarkSensitive(coll); len(sens) > 0 {
		return nil, false
	}
	coll, _ = coll.UnmarkDeep()
	if !coll.IsKnown() || coll.IsNull() || !coll.CanIterateElements() {
		return nil, false
	}
	if t := coll.Type(); t.IsSetType() && !coll.IsWhollyKnown() {
		return nil, false // elements may merge once known
	}
	var out []partialElem
	for it := coll.ElementIterator(); it.Next(); {
		k, v := it.Element()
		child := forScope(ctx, e, k, v)
		maybe := false
		if e.CondExpr != nil {
			c, diags := e.CondExpr.Value(child)
			if diags.HasErrors() {
				return nil, false
			}
			c = unmarked(c)
			switch {
			case !c.IsKnown():
				maybe = true
			case c.IsNull() || !c.Type().Equals(cty.Bool):
				return nil, false
			case c.False():
				continue
			}
		}
		key, diags := e.KeyExpr.Value(child)
		if diags.HasErrors() {
			return nil, false
		}
		val, diags := e.ValExpr.Value(child)
		if diags.HasErrors() {
			return nil, false
		}
		out = append(out, partialElem{key: key, val: val, maybe: maybe})
	}
	return out, true
}

// unknownEachValue is each.value of the instance that stands for a
// for_each whose elements cannot be listed: a for expression over a
// collection only known after apply still builds every value with its
// value expression, so `{ for n in var.names : n => "0.0.0.0/0" }` gives
// each.value "0.0.0.0/0" whatever the names are, and a value expression
// that reads the element keeps what it does not read known
// (`{ for n in var.names : n => { port = 22, name = n } }`), and the
// element itself is what every element of the collection shares
// (elemShape), when the collection is built by for expressions from known
// parts too. Anything else is wholly unknown.
func (in *instance) unknownEachValue(ctx *hcl.EvalContext, expr hcl.Expression, depth int) cty.Value {
	if depth > maxPartialDepth {
		return cty.DynamicVal
	}
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return in.unknownEachValue(ctx, e.Expression, depth+1)
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "tomap" && len(e.Args) == 1 && !e.ExpandFinal {
			return in.unknownEachValue(ctx, e.Args[0], depth+1)
		}
	case *hclsyntax.ScopeTraversalExpr:
		tr := e.Traversal
		if len(tr) != 2 || tr.RootName() != "local" {
			return cty.DynamicVal
		}
		name := attrAt(tr, 1)
		if l := in.mod.local(name); l != nil {
			return in.unknownEachValue(in.evalCtx(in.ev.variables(l.expr)), l.expr, depth+1)
		}
	case *hclsyntax.ForExpr:
		// Only a map keeps values apart from keys; a grouping for
		// expression makes lists of them.
		if e.KeyExpr == nil || e.Group {
			return cty.DynamicVal
		}
		if _, sens := unmarkSensitive(in.value(ctx, e.CollExpr)); len(sens) > 0 {
			return cty.DynamicVal
		}
		// The element is what every element of the collection shares.
		elem := in.elemShape(ctx, e.CollExpr)
		if elem == cty.NilVal {
			elem = cty.DynamicVal
		}
		child := forScope(ctx, e, cty.DynamicVal, elem)
		val, diags := e.ValExpr.Value(child)
		if diags.HasErrors() {
			return cty.DynamicVal
		}
		if _, sens := unmarkSensitive(val); len(sens) > 0 {
			return cty.DynamicVal
		}
		return val
	}
	return cty.DynamicVal
}
