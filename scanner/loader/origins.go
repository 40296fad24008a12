package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// origins returns where the unknown parts of v, the value of expr, are
// read from (see scanner.Value.Origins): one origin for a wholly unknown
// value, one per element for a known list written as a literal (also
// through a local) or as a splat or for expression over a resource's
// attribute. It is nil
// when no part's origin is known.
func (in *instance) origins(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value) []string {
	if !v.IsKnown() {
		if o := in.origin(ctx, expr, 0); o != "" {
			return []string{o}
		}
		return nil
	}
	v, _ = v.Unmark()
	if v.IsNull() || !v.Type().IsTupleType() && !v.Type().IsListType() || v.IsWhollyKnown() {
		// A wholly known list has no unknown part to name an origin
		// for: most lists are, and the walk below is not free.
		return nil
	}
	src, sctx, e, depth := in.stringSource(ctx, expr, 0, true)
	switch e := e.(type) {
	case *hclsyntax.TupleConsExpr:
		if len(e.Exprs) != v.LengthInt() {
			return nil
		}
		var out []string
		for i, el := range e.Exprs {
			if v.Index(cty.NumberIntVal(int64(i))).IsKnown() {
				continue
			}
			o := src.origin(sctx, el, depth+1)
			if o == "" {
				continue
			}
			if out == nil {
				out = make([]string, len(e.Exprs))
			}
			out[i] = o
		}
		return out
	case *hclsyntax.SplatExpr:
		return repeat(src.splatOrigin(e), v.LengthInt())
	case *hclsyntax.ForExpr:
		return repeat(src.forOrigin(e), v.LengthInt())
	}
	return nil
}

// repeat is n times origin o, nil when o is "".
func repeat(o string, n int) []string {
	if o == "" || n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = o
	}
	return out
}

// origin returns the attribute a string expression is read from as
// "<type>.<attribute>" ("data.<type>.<attribute>" for a data source),
// following parentheses, template wraps, locals and module inputs, and
// "cidrsubnet(<origin>)" for a cidrsubnet over such an expression; ""
// otherwise.
func (in *instance) origin(ctx *hcl.EvalContext, expr hcl.Expression, depth int) string {
	in, ctx, expr, depth = in.stringSource(ctx, expr, depth, true)
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return in.traversalOrigin(e.Traversal)
	case *hclsyntax.FunctionCallExpr:
		// A subnet of a block is at least as narrow as the block.
		if e.Name == "cidrsubnet" && len(e.Args) == 3 && depth < suffixDepth {
			if o := in.origin(ctx, e.Args[0], depth+1); o != "" {
				return "cidrsubnet(" + o + ")"
			}
		}
	}
	return ""
}

// traversalOrigin is origin for a reference to an attribute of a resource
// or data source the module declares: aws_vpc.main.cidr_block,
// aws_vpc.main[0].cidr_block, data.aws_vpc.x["k"].cidr_block.
func (in *instance) traversalOrigin(tr hcl.Traversal) string {
	if len(tr) < 3 {
		return ""
	}
	prefix, declared := "", in.managed
	if tr.RootName() == "data" {
		prefix, declared, tr = "data.", in.data, tr[1:]
		if len(tr) < 3 {
			return ""
		}
	}
	typ, name := stepName(tr[0]), attrAt(tr, 1)
	if _, ok := declared[typ][name]; !ok {
		return ""
	}
	i := 2
	if _, ok := tr[i].(hcl.TraverseIndex); ok {
		i++
	}
	attr := attrAt(tr, i)
	if attr == "" || i+1 != len(tr) {
		return "" // a part of the attribute, not the attribute
	}
	return prefix + typ + "." + attr
}

// splatOrigin is origin for each element of aws_subnet.x[*].cidr_block
// (also values(aws_subnet.x)[*].cidr_block for a for_each resource).
func (in *instance) splatOrigin(e *hclsyntax.SplatExpr) string {
	each, ok := e.Each.(*hclsyntax.RelativeTraversalExpr)
	if !ok || len(each.Traversal) != 1 {
		return ""
	}
	return in.elementOrigin(e.Source, each.Traversal[0])
}

// forOrigin is origin for each element of
// [for s in aws_subnet.x : s.cidr_block], whatever its condition keeps.
func (in *instance) forOrigin(e *hclsyntax.ForExpr) string {
	val, ok := e.ValExpr.(*hclsyntax.ScopeTraversalExpr)
	if e.KeyExpr != nil || !ok || len(val.Traversal) != 2 || val.Traversal.RootName() != e.ValVar || e.ValVar == e.KeyVar {
		return ""
	}
	return in.elementOrigin(e.CollExpr, val.Traversal[1])
}

// elementOrigin is origin for the attribute step of each instance of the
// resource coll names, written as a reference to it or values() of one.
func (in *instance) elementOrigin(coll hcl.Expression, step hcl.Traverser) string {
	a, ok := step.(hcl.TraverseAttr)
	if !ok {
		return ""
	}
	if f, ok := coll.(*hclsyntax.FunctionCallExpr); ok && f.Name == "values" && len(f.Args) == 1 {
		coll = f.Args[0]
	}
	src, ok := coll.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return ""
	}
	tr := append(hcl.Traversal{}, src.Traversal...)
	return in.traversalOrigin(append(tr, a))
}

// stepName is the name a traversal step writes: the root's or the
// attribute's; "" for an index.
func stepName(step hcl.Traverser) string {
	switch s := step.(type) {
	case hcl.TraverseRoot:
		return s.Name
	case hcl.TraverseAttr:
		return s.Name
	}
	return ""
}
