package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// partialDoc reads expr, whose value v is not wholly known, as a document
// only partly known (jsonencode, a JSON template, templatefile of one) and
// returns it with where its unknown parts are read from
// (scanner.Value.LeafOrigins); ok is false when expr writes no such
// document. The origins are only walked for such a document, so an
// argument that is known or not a document costs nothing more.
func (in *instance) partialDoc(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value) (doc cty.Value, leaves []scanner.LeafOrigin, ok bool) {
	if doc, ok := in.partialJSON(ctx, expr); ok {
		if call, isCall := expr.(*hclsyntax.FunctionCallExpr); isCall && !doc.ContainsMarked() {
			in.leafOrigins(ctx, call.Args[0], doc, nil, 0, &leaves)
		}
		return doc, leaves, true
	}
	if doc, leaves, ok := in.jsonTemplateDoc(ctx, expr, v, func(part hcl.Expression) scanner.Origin {
		return in.producerEntry(ctx, part, 1)
	}); ok {
		return doc, leaves, true
	}
	return in.jsonTemplateFileDoc(ctx, expr, v, true)
}

// leafOrigins appends to out the origin of each unknown part of v, the
// value of expr at path in the document: an object or tuple written as a
// literal is followed key by key and element by element, a list written
// otherwise gets its elements' origins (listOrigins), and an unknown part
// its producerEntry.
func (in *instance) leafOrigins(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, path cty.Path, depth int, out *[]scanner.LeafOrigin) {
	if depth > suffixDepth || v.IsWhollyKnown() {
		return
	}
	src, sctx, e, depth := in.stringSource(ctx, expr, depth, true)
	if e == nil {
		return
	}
	if !v.IsKnown() {
		if o := src.producerEntry(sctx, e, depth); !o.IsZero() {
			*out = append(*out, scanner.LeafOrigin{Path: path.Copy(), Origin: o, Skeleton: src.leafSkeleton(sctx, e, o, depth)})
		}
		return
	}
	if v.IsNull() {
		return
	}
	t := v.Type()
	switch e := e.(type) {
	case *hclsyntax.ObjectConsExpr:
		if !t.IsObjectType() && !t.IsMapType() {
			return
		}
		for _, item := range e.Items {
			step, child, ok := objectItem(sctx, item, v)
			if ok {
				src.leafOrigins(sctx, item.ValueExpr, child, append(path, step), depth+1, out)
			}
		}
	case *hclsyntax.TupleConsExpr:
		if !t.IsTupleType() && !t.IsListType() || len(e.Exprs) != v.LengthInt() {
			return
		}
		for i, el := range e.Exprs {
			k := cty.NumberIntVal(int64(i))
			src.leafOrigins(sctx, el, v.Index(k), append(path, cty.IndexStep{Key: k}), depth+1, out)
		}
	default:
		if !t.IsTupleType() && !t.IsListType() {
			return
		}
		skeleton := ""
		if f, ok := e.(*hclsyntax.ForExpr); ok && !forHasOrigin(src, f) {
			// Each element is text around an attribute, which its
			// skeleton shows.
			_, skeleton = src.forTemplate(sctx, f)
		}
		for i, o := range src.listOrigins(sctx, e, v, depth) {
			if !o.IsZero() {
				*out = append(*out, scanner.LeafOrigin{Path: append(path.Copy(), cty.IndexStep{Key: cty.NumberIntVal(int64(i))}), Origin: o, Skeleton: skeleton})
			}
		}
	}
}

// leafSkeleton is the skeleton of an unknown part of a document whose
// origin entry is o: a part that is one of the attributes o names (not
// text around them) is the attribute's whole text, whatever chose it.
func (in *instance) leafSkeleton(ctx *hcl.EvalContext, expr hcl.Expression, o scanner.Origin, depth int) string {
	if sk := in.stringSkeleton(ctx, expr, depth); sk != "" {
		return sk
	}
	if !o.InText {
		return scanner.UnknownMark
	}
	return ""
}

// objectItem is the step and value within v, an object or map written
// as an object literal, of the literal's item; ok is false when its key
// is not known text or v has no such key.
func objectItem(ctx *hcl.EvalContext, item hclsyntax.ObjectConsItem, v cty.Value) (cty.PathStep, cty.Value, bool) {
	k, diags := item.KeyExpr.Value(ctx)
	if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.IsMarked() {
		return nil, cty.NilVal, false
	}
	k, err := convert.Convert(k, cty.String)
	if err != nil {
		return nil, cty.NilVal, false
	}
	name := k.AsString()
	if v.Type().IsObjectType() {
		if !v.Type().HasAttribute(name) {
			return nil, cty.NilVal, false
		}
		return cty.GetAttrStep{Name: name}, v.GetAttr(name), true
	}
	if h := v.HasIndex(k); !h.IsKnown() || !h.True() {
		return nil, cty.NilVal, false
	}
	return cty.IndexStep{Key: k}, v.Index(k), true
}

// producerEntry is the origin entry (see scanner.Value.Origins) of expr,
// whose value is only known after apply: the attributes it is read from,
// or text built around them (InText); the zero Origin when some unknown
// part can come from anywhere else, also when it is itself an argument
// the resource writes (aws_s3_bucket.b.bucket written as var.name is the
// variable's value, not one the provider assigns: a document's part is
// its value).
func (in *instance) producerEntry(ctx *hcl.EvalContext, expr hcl.Expression, depth int) scanner.Origin {
	if in.readsWrittenArg(expr) {
		return scanner.Origin{}
	}
	if o := originEntry(in.originSet(ctx, expr, depth)); !o.IsZero() {
		return o
	}
	return in.templateEntry(ctx, expr, depth)
}

// readsWrittenArg reports whether expr is itself a reference to an
// argument a managed resource of the module writes, whose value the
// configuration gives rather than the provider; also of each instance, by
// a splat or a for expression (aws_lambda_permission.p[*].source_arn,
// where source_arn may be a variable's "*"), and of a part of such an
// argument. It asks what traversalOrigin records as
// scanner.OriginSource.Written, so the two cannot disagree.
func (in *instance) readsWrittenArg(expr hcl.Expression) bool {
	var tr hcl.Traversal
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		tr = e.Traversal
	case *hclsyntax.SplatExpr:
		if each, ok := e.Each.(*hclsyntax.RelativeTraversalExpr); ok && len(each.Traversal) == 1 {
			tr = elementTraversal(e.Source, each.Traversal[0])
		}
	case *hclsyntax.ForExpr:
		if val, ok := e.ValExpr.(*hclsyntax.ScopeTraversalExpr); ok && len(val.Traversal) == 2 && val.Traversal.RootName() == e.ValVar {
			tr = elementTraversal(e.CollExpr, val.Traversal[1])
		}
	}
	return in.writesReferenced(tr)
}

// writesReferenced reports whether tr refers to an argument (or a part of
// one) that a managed resource of the module writes.
func (in *instance) writesReferenced(tr hcl.Traversal) bool {
	if len(tr) < 3 {
		return false
	}
	switch root := tr.RootName(); root {
	case "data", "var", "local", "module", "each", "count", "path", "terraform", "self":
		return false
	default:
		return in.writes(root, attrAt(tr, 1), tr)
	}
}

// textEntry is the origin entry of text built around parts read from
// entries: their sources, sorted, InText; the zero Origin when some part
// is known text or names no source.
func textEntry(entries []scanner.Origin) scanner.Origin {
	var attrs []scanner.OriginSource
	for _, entry := range entries {
		if entry.IsZero() {
			return scanner.Origin{}
		}
		for _, o := range entry.Sources {
			if o.IsKnownText() {
				return scanner.Origin{}
			}
			attrs = append(attrs, o)
		}
	}
	if len(attrs) == 0 {
		return scanner.Origin{}
	}
	return scanner.Origin{Sources: scanner.SortSources(attrs), InText: true}
}

// templateVarOrigin returns the hole origin (see jsonTemplateDoc) of a
// template file's interpolation, when vars, the templatefile call's
// variables, is an object literal: an interpolation that names one
// variable is read from the expression the literal gives it; any other
// has no origin.
func (in *instance) templateVarOrigin(ctx *hcl.EvalContext, vars hcl.Expression) func(hcl.Expression) scanner.Origin {
	src, sctx, e, depth := in.stringSource(ctx, vars, 0, true)
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return func(hcl.Expression) scanner.Origin { return scanner.Origin{} }
	}
	return func(part hcl.Expression) scanner.Origin {
		tr, ok := part.(*hclsyntax.ScopeTraversalExpr)
		if w, isWrap := part.(*hclsyntax.TemplateWrapExpr); isWrap {
			tr, ok = w.Wrapped.(*hclsyntax.ScopeTraversalExpr)
		}
		if !ok || len(tr.Traversal) != 1 {
			return scanner.Origin{}
		}
		for _, item := range obj.Items {
			k, diags := item.KeyExpr.Value(sctx)
			if diags.HasErrors() || !k.IsKnown() || k.IsNull() || !k.Type().Equals(cty.String) || k.AsString() != tr.Traversal.RootName() {
				continue
			}
			return src.producerEntry(sctx, item.ValueExpr, depth+1)
		}
		return scanner.Origin{}
	}
}

// forHasOrigin reports whether each element of f is an attribute
// forOrigin names (rather than text around one, see forTemplate).
func forHasOrigin(in *instance, f *hclsyntax.ForExpr) bool {
	_, ok := in.forOrigin(f)
	return ok
}
