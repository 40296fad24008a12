package loader

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// evalResourceBody evaluates a resource block's arguments and nested blocks
// into b, leaving out meta-arguments; the lifecycle block is kept as a
// nested block because rules read prevent_destroy.
func (in *instance) evalResourceBody(ctx *hcl.EvalContext, d *resourceDecl, b *scanner.Block, sc *scope) {
	if sb, ok := d.body.(*hclsyntax.Body); ok {
		in.evalSyntaxBody(ctx, sb, b, sc, true)
	} else {
		for _, a := range sortedAttrs(d.jsonAttrs) {
			switch a.Name {
			case "dynamic":
				markJSONDynamic(b, a)
				continue
			case "//":
				continue // a comment
			}
			v, refs := in.evalExpr(ctx, a.Expr, sc)
			setValue(b, a.Name, v, scanner.RangeOf(a.Range), flatRefs(refs))
			if !v.IsWhollyKnown() {
				if tpl := jsonTemplate(a.Expr); tpl != nil {
					in.setChoices(ctx, b, a.Name, tpl, v)
					in.setMayBeBlank(ctx, b, a.Name, tpl, v)
				} else {
					in.setNestedMayBeBlank(ctx, b, a.Name, a.Expr, 0)
				}
			}
		}
	}
	if d.lifecycle != nil {
		b.AddBlock(in.evalLifecycle(ctx, d.lifecycle, sc))
	}
}

// markJSONDynamic marks the block types a JSON `dynamic` argument may
// add as unknown: its blocks need a schema to be expanded in JSON, and
// reading them as absent would let a rule pass what they set.
func markJSONDynamic(b *scanner.Block, a *hcl.Attribute) {
	pairs, diags := hcl.ExprMap(a.Expr)
	if diags.HasErrors() {
		return
	}
	for _, p := range pairs {
		if k, ok := jsonKey(p.Key); ok {
			b.MarkBlocksUnknownAt(k, scanner.RangeOf(a.Range))
		}
	}
}

// jsonKey returns the name a key of a JSON object holds, false when it is
// not a known string.
func jsonKey(expr hcl.Expression) (string, bool) {
	k, diags := expr.Value(nil)
	if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
		return "", false
	}
	return k.AsString(), true
}

// attrCount is how many arguments evalResourceBody sets in a block of d
// at most, to size the block once.
func (d *resourceDecl) attrCount() int {
	sb, ok := d.body.(*hclsyntax.Body)
	if !ok {
		return len(d.jsonAttrs)
	}
	n := 0
	for name := range sb.Attributes {
		if !resourceMeta[name] {
			n++
		}
	}
	return n
}

func (in *instance) setAttr(ctx *hcl.EvalContext, b *scanner.Block, name string, expr hcl.Expression, rng hcl.Range, sc *scope) {
	// evaluated saves origins evaluating expr again to learn it.
	v, refs, evaluated := in.evalExprOf(ctx, expr, sc)
	// Every argument of every resource comes here, and knowing whether a
	// value is wholly known walks all of it: walk once.
	whollyKnown := v.IsWhollyKnown()
	var leaves []scanner.LeafOrigin
	if !whollyKnown {
		if doc, l, ok := in.partialDoc(ctx, expr, v); ok {
			v, whollyKnown, leaves = doc, doc.IsWhollyKnown(), l
		}
	}
	val := attrValue(v, scanner.RangeOf(rng), refs)
	if leaves != nil && !whollyKnown {
		val = val.WithLeafOrigins(leaves)
	}
	if lit := scanner.ObjectLiteral(expr); lit != nil {
		val = val.WithLiteral(lit)
	}
	if whollyKnown {
		b.SetAttr(name, val)
		return
	}
	if parts := in.partialMaps(ctx, expr, v, nil, 0); parts != nil {
		val = val.WithPartial(parts)
	}
	if !val.Val.IsKnown() && (val.Val.Type() == cty.String || val.Val.Type() == cty.DynamicPseudoType) && !val.IsSensitive() {
		if suffix := in.knownSuffix(ctx, expr, 0); suffix != "" {
			val = val.WithKnownSuffix(suffix)
		}
		if sk := in.stringSkeleton(ctx, expr, 0); sk != "" {
			val = val.WithSkeleton(sk)
		}
	}
	if !val.Val.IsKnown() && in.mayBeBlank(ctx, expr, 0) {
		val = val.WithMayBeBlank(true)
	}
	if !val.IsSensitive() {
		in.choices(ctx, &val, expr, v)
	}
	if os := in.origins(ctx, expr, v, evaluated); os != nil {
		val = val.WithOrigins(os)
	}
	if !val.Val.IsKnown() {
		if id := in.ident(ctx, expr); id != nil {
			val = val.WithIdent(id)
		}
	}
	if val.Val.IsKnown() && !val.IsSensitive() {
		if sks := in.elementSkeletons(ctx, expr, 0); sks != nil {
			val = val.WithElementSkeletons(sks)
		}
	}
	b.SetAttr(name, val)
}

// choices sets val's Candidates, and its Choice when one key chooses
// them, for expr, whose value is v. A choice by one key is followed key by
// key, which keeps the values two arguments chosen by that key take
// together; the other choices only list the values.
func (in *instance) choices(ctx *hcl.EvalContext, val *scanner.Value, expr hcl.Expression, v cty.Value) {
	if k := in.keyedChoice(ctx, expr, v); k != nil {
		*val = val.WithChoice(&k.Choice).WithCandidates(k.vals)
		return
	}
	*val = val.WithCandidates(in.valueCandidates(ctx, expr, v))
}

// setChoices sets the choices (see choices) of the argument name of b,
// which a JSON body writes as the template expr, when it holds one value
// rather than nested blocks and is not sensitive.
func (in *instance) setChoices(ctx *hcl.EvalContext, b *scanner.Block, name string, expr hcl.Expression, v cty.Value) {
	if len(b.Blocks(name)) > 0 {
		return
	}
	val := b.Attr(name)
	if !val.Present || val.IsSensitive() {
		return
	}
	in.choices(ctx, &val, expr, v)
	if len(val.Candidates()) > 0 {
		b.SetAttr(name, val)
	}
}

// setMayBeBlank sets MayBeBlank (see mayBeBlank) on the argument name of
// b, which a JSON body writes as the template expr whose value v is only
// known after apply, as setAttr does for native syntax.
func (in *instance) setMayBeBlank(ctx *hcl.EvalContext, b *scanner.Block, name string, expr hcl.Expression, v cty.Value) {
	if v == cty.NilVal || v.IsKnown() || len(b.Blocks(name)) > 0 {
		return
	}
	val := b.Attr(name)
	if val.Present && in.mayBeBlank(ctx, expr, 0) {
		b.SetAttr(name, val.WithMayBeBlank(true))
	}
}

// setNestedMayBeBlank is setMayBeBlank for the arguments of the nested
// blocks setValue made of the JSON array of objects expr, argument name
// of b: block i of that type is object i, and each of its arguments
// written as a template, or as a deeper array of objects, is followed in
// turn.
func (in *instance) setNestedMayBeBlank(ctx *hcl.EvalContext, b *scanner.Block, name string, expr hcl.Expression, depth int) {
	blocks := b.Blocks(name)
	if len(blocks) == 0 || depth > suffixDepth {
		return
	}
	items, diags := hcl.ExprList(expr)
	if diags.HasErrors() || len(items) != len(blocks) {
		return
	}
	for i, item := range items {
		pairs, diags := hcl.ExprMap(item)
		if diags.HasErrors() {
			continue
		}
		for _, pair := range pairs {
			key, ok := jsonKey(pair.Key)
			if !ok {
				continue
			}
			if tpl := jsonTemplate(pair.Value); tpl != nil {
				in.setMayBeBlank(ctx, blocks[i], key, tpl, blocks[i].Attr(key).Val)
				continue
			}
			in.setNestedMayBeBlank(ctx, blocks[i], key, pair.Value, depth+1)
		}
	}
}

// jsonTemplate returns the native syntax of a JSON argument written as a
// string with interpolations ("${lookup(var.rules[count.index], \"cidr\",
// null)}"), which Terraform reads as a template: the expression alone when
// the string is one interpolation, as its value is then the expression's.
// It is nil for any other argument.
func jsonTemplate(expr hcl.Expression) hcl.Expression {
	if _, native := expr.(hclsyntax.Expression); native {
		return nil
	}
	// A JSON expression evaluated without a context is its literal value.
	raw, diags := expr.Value(nil)
	if diags.HasErrors() || !raw.IsKnown() || raw.IsNull() || raw.Type() != cty.String {
		return nil
	}
	src := raw.AsString()
	if !strings.Contains(src, "${") {
		return nil
	}
	tpl, diags := hclsyntax.ParseTemplate([]byte(src), expr.Range().Filename, expr.Range().Start)
	if diags.HasErrors() {
		return nil
	}
	if w, ok := tpl.(*hclsyntax.TemplateWrapExpr); ok {
		return w.Wrapped
	}
	return tpl
}

// evalSyntaxBody evaluates a native-syntax body; top is set for the
// resource body itself, where meta-arguments live.
func (in *instance) evalSyntaxBody(ctx *hcl.EvalContext, body *hclsyntax.Body, b *scanner.Block, sc *scope, top bool) {
	for name, a := range body.Attributes {
		if top && resourceMeta[name] {
			continue
		}
		in.setAttr(ctx, b, name, a.Expr, a.SrcRange, sc)
	}
	for _, nb := range body.Blocks {
		switch {
		case top && (nb.Type == "lifecycle" || nb.Type == "provisioner" || nb.Type == "connection"):
			continue
		case nb.Type == "dynamic":
			in.evalDynamic(ctx, nb, b, sc)
		default:
			child := scanner.NewBlockSized(nb.Type, scanner.RangeOf(nb.DefRange()), len(nb.Body.Attributes))
			in.evalSyntaxBody(ctx, nb.Body, child, sc, false)
			b.AddBlock(child)
		}
	}
}

// evalDynamic expands a dynamic block into blocks of its label's type. Its
// content's arguments keep their own ranges; each generated block's range is
// the dynamic block's header. When for_each is not known, the block type is
// marked unknown.
func (in *instance) evalDynamic(ctx *hcl.EvalContext, db *hclsyntax.Block, b *scanner.Block, sc *scope) {
	if len(db.Labels) != 1 {
		return
	}
	typ := db.Labels[0]
	iterator := typ
	if a, ok := db.Body.Attributes["iterator"]; ok {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			iterator = kw
		}
	}
	var content *hclsyntax.Block
	for _, c := range db.Body.Blocks {
		if c.Type == "content" {
			content = c
			break
		}
	}
	fe, ok := db.Body.Attributes["for_each"]
	if !ok || content == nil {
		return
	}
	v, refs := in.evalExpr(ctx, fe.Expr, sc)
	// The generated blocks' iterator carries the collection's marks.
	v, vmarks := v.Unmark()
	rng := scanner.RangeOf(db.DefRange())
	inner := sc
	if len(refs) > 0 {
		inner = &scope{names: map[string][]string{iterator: refs}, parent: sc}
	}
	if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
		in.evalDynamicTemplate(ctx, content, typ, iterator, rng, b, inner)
		return
	}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		child := ctx.NewChild()
		child.Variables = map[string]cty.Value{
			iterator: cty.ObjectVal(map[string]cty.Value{"key": k.WithMarks(vmarks), "value": e.WithMarks(vmarks)}),
		}
		nb := scanner.NewBlock(typ, rng)
		in.evalSyntaxBody(child, content.Body, nb, inner, false)
		b.AddBlock(nb)
	}
}

// evalDynamicTemplate records a dynamic block over a collection that is
// not known (or null) as blocks of type typ that are unknown, with its
// content evaluated once, the iterator's key and value unknown, as their
// template (scanner.Block.AddDynamicTemplate): a literal written there is
// in every block generated, which rules about literal secrets must see.
func (in *instance) evalDynamicTemplate(ctx *hcl.EvalContext, content *hclsyntax.Block, typ, iterator string, rng scanner.Range, b *scanner.Block, sc *scope) {
	child := ctx.NewChild()
	child.Variables = map[string]cty.Value{
		iterator: cty.ObjectVal(map[string]cty.Value{"key": cty.DynamicVal, "value": cty.DynamicVal}),
	}
	tmpl := scanner.NewBlock(typ, rng)
	in.evalSyntaxBody(child, content.Body, tmpl, sc, false)
	b.AddDynamicTemplate(tmpl, rng)
}

// evalLifecycle records a lifecycle block: its flags as evaluated values and
// ignore_changes / replace_triggered_by as lists of attribute paths.
func (in *instance) evalLifecycle(ctx *hcl.EvalContext, blk *hcl.Block, sc *scope) *scanner.Block {
	lb := scanner.NewBlock("lifecycle", scanner.RangeOf(blk.DefRange))
	attrs, _ := blk.Body.JustAttributes()
	for _, a := range sortedAttrs(attrs) {
		switch a.Name {
		case "ignore_changes", "replace_triggered_by":
			lb.SetAttr(a.Name, scanner.Value{Val: traversalList(a.Expr), Range: scanner.RangeOf(a.Range)})
		default:
			in.setAttr(ctx, lb, a.Name, a.Expr, a.Range, sc)
		}
	}
	return lb
}

// traversalList renders `[tags, ami]` or `all` as a list of strings.
func traversalList(expr hcl.Expression) cty.Value {
	if kw := hcl.ExprAsKeyword(expr); kw != "" {
		return cty.StringVal(kw)
	}
	items, diags := hcl.ExprList(expr)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	if len(items) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	vals := make([]cty.Value, 0, len(items))
	for _, it := range items {
		if tr, d := hcl.AbsTraversalForExpr(it); !d.HasErrors() {
			vals = append(vals, cty.StringVal(traversalString(tr)))
			continue
		}
		if v, d := it.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			vals = append(vals, v)
			continue
		}
		return cty.DynamicVal
	}
	return cty.ListVal(vals)
}

// setValue records an argument, turning a list of objects into nested
// blocks: plan JSON and JSON configuration write nested blocks that way,
// and rules look for them with Blocks and Get even when some of their
// arguments are unknown. refs gives the references of each argument.
func setValue(b *scanner.Block, name string, v cty.Value, rng scanner.Range, refs refTree) {
	// Marks are taken off one level at a time and put back on the parts,
	// so that each nested argument gets the sensitive paths within it.
	inner, marks := v.Unmark()
	if objs, unknown, ok := objectElements(inner); ok {
		for i, o := range objs {
			nb := scanner.NewBlock(name, rng)
			sub := refs.element(i)
			o, omarks := o.Unmark()
			for it := o.ElementIterator(); it.Next(); {
				k, e := it.Element()
				setValue(nb, k.AsString(), e.WithMarks(marks, omarks), rng, sub.attr(k.AsString()))
			}
			b.AddBlock(nb)
		}
		if unknown {
			b.MarkBlocksUnknownAt(name, rng)
		}
		return
	}
	b.SetAttr(name, attrValue(v, rng, refs.all()))
}

// refTree gives the references of an argument and of the arguments of its
// nested blocks.
type refTree interface {
	all() []string
	element(i int) refTree
	attr(name string) refTree
}

// flatRefs gives every nested argument the references of the whole
// expression.
type flatRefs []string

func (f flatRefs) all() []string       { return f }
func (f flatRefs) element(int) refTree { return f }
func (f flatRefs) attr(string) refTree { return f }

// objectElements returns the elements of a known, non-empty list or tuple
// whose elements are all objects (or unknown, reported by unknown).
func objectElements(v cty.Value) (objs []cty.Value, unknown, ok bool) {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() {
		return nil, false, false
	}
	t := v.Type()
	if (!t.IsListType() && !t.IsTupleType()) || v.LengthInt() == 0 {
		return nil, false, false
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		switch {
		case !e.IsKnown():
			unknown = true
		case e.IsNull() || !e.Type().IsObjectType():
			return nil, false, false
		default:
			objs = append(objs, e)
		}
	}
	return objs, unknown, true
}

// partialJSON returns the argument of an argument written as jsonencode(x)
// when x is a collection that is only partly known. Terraform renders the
// JSON only once every part of x is known, so a policy that names a bucket's
// ARN is wholly unknown until apply; but its Effect, Action and Principal
// are known now, and rules can judge them. Keeping x's structure lets them.
func (in *instance) partialJSON(ctx *hcl.EvalContext, expr hcl.Expression) (cty.Value, bool) {
	call, ok := expr.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "jsonencode" || len(call.Args) != 1 || call.ExpandFinal {
		return cty.NilVal, false
	}
	arg := in.value(ctx, call.Args[0])
	if arg == cty.NilVal || !arg.IsKnown() || arg.IsNull() {
		return cty.NilVal, false
	}
	t := arg.Type()
	if !t.IsObjectType() && !t.IsMapType() && !t.IsTupleType() && !t.IsListType() {
		return cty.NilVal, false
	}
	return arg, true
}
