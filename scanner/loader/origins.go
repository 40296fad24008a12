package loader

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// maxOriginParts bounds how many origins one value lists: a value built
// from more parts than that (a long known list concatenated with an
// unknown one) names none.
const maxOriginParts = 64

// origins returns where the unknown parts of v, the value of expr, are
// read from (see scanner.Value.Origins): for a wholly unknown value or a
// set with unknown elements, every attribute or known text its parts can
// come from (originSet); for a known list with unknown elements, one entry
// per element. It is nil
// when no part's origin is known.
//
// evaluated says that expr's own value (hcl's, before the loader's
// refinements) is not wholly known or does not evaluate, as setAttr
// knows: originSet then skips evaluating expr again to ask, which for a
// policy assignment's JSON body is a walk of all of it per instance.
func (in *instance) origins(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, evaluated bool) scanner.Origins {
	whole := !v.IsKnown()
	if !whole {
		v, _ = v.Unmark()
		// A set has no positions: each unknown element comes from one
		// of the set's origins.
		whole = !v.IsNull() && v.Type().IsSetType() && !v.IsWhollyKnown()
	}
	if whole {
		var set []scanner.OriginSource
		var ok bool
		if evaluated {
			set, ok = in.unknownOriginSet(ctx, expr, 0)
		} else {
			set, ok = in.originSet(ctx, expr, 0)
		}
		if !ok || len(set) == 0 {
			return nil
		}
		// One entry per source, each sharing set's array.
		out := make(scanner.Origins, len(set))
		for i := range set {
			out[i] = scanner.Origin{Sources: set[i : i+1 : i+1]}
		}
		return out
	}
	if v.IsNull() || !v.Type().IsTupleType() && !v.Type().IsListType() || v.IsWhollyKnown() {
		// A wholly known list has no unknown part to name an origin
		// for: most lists are, and the walk below is not free.
		return nil
	}
	out := in.listOrigins(ctx, expr, v, 0)
	for _, o := range out {
		if !o.IsZero() {
			return out
		}
	}
	return nil
}

// listOrigins is origins for a known list or tuple v with unknown
// elements, the value of expr: one entry per element, the zero Origin for
// a known element or one read from nowhere known. An element's entry is
// the attributes it can be read from (usually one), or the one known text
// it can be. A list written as a literal, a splat or
// for expression over a resource, concat or tolist of such lists keeps
// each element's own origin; any other list whose every part comes from
// attributes gives each unknown element all of them.
func (in *instance) listOrigins(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, depth int) []scanner.Origin {
	n := v.LengthInt()
	src, sctx, e, depth := in.stringSource(ctx, expr, depth, true)
	switch e := e.(type) {
	case *hclsyntax.TupleConsExpr:
		if len(e.Exprs) != n {
			return nil
		}
		out := make([]scanner.Origin, n)
		for i, el := range e.Exprs {
			if !v.Index(cty.NumberIntVal(int64(i))).IsKnown() {
				out[i] = originEntry(src.originSet(sctx, el, depth+1))
				if out[i].IsZero() {
					out[i] = src.templateEntry(sctx, el, depth+1)
				}
			}
		}
		return out
	case *hclsyntax.SplatExpr:
		return repeat(originEntry(single(src.splatOrigin(e))), n)
	case *hclsyntax.ForExpr:
		if o, ok := src.forOrigin(e); ok {
			return repeat(scanner.Origin{Sources: []scanner.OriginSource{o}}, n)
		}
		o, _ := src.forTemplate(sctx, e)
		return repeat(o, n)
	case *hclsyntax.FunctionCallExpr:
		if out, ok := src.callListOrigins(sctx, e, n, depth); ok {
			return out
		}
	}
	if e == nil || depth > suffixDepth {
		return nil
	}
	set, ok := src.originSet(sctx, e, depth)
	if !ok {
		return nil
	}
	for _, o := range set {
		if o.IsKnownText() {
			// An unknown element may be known text chosen by an
			// unknown key: nothing says which element.
			return nil
		}
	}
	return repeat(scanner.Origin{Sources: set}, n)
}

// templateEntry is the listOrigins entry of an element written as a
// template that originSet cannot name, such as "${aws_s3_bucket.b.arn}/*"
// (also format("%s/*", aws_s3_bucket.b.arn), see formatTemplate):
// the attributes its unknown parts are read from, InText. It is the zero
// Origin when some unknown part can come from anywhere else (a variable
// without a value) or is itself an argument the configuration writes. A policy's resource list often names a
// bucket and its objects from the same attribute ([b.arn, "${b.arn}/*"]);
// the entry tells that each element is built from an identifier AWS
// assigns, which counting references cannot (both elements share one).
func (in *instance) templateEntry(ctx *hcl.EvalContext, expr hcl.Expression, depth int) scanner.Origin {
	src, sctx, e, depth := in.stringSource(ctx, expr, depth, true)
	if depth > suffixDepth {
		return scanner.Origin{}
	}
	var parts []hcl.Expression
	switch t := e.(type) {
	case *hclsyntax.TemplateExpr:
		for _, p := range t.Parts {
			parts = append(parts, p)
		}
	case *hclsyntax.FunctionCallExpr:
		if tmpl, ok := src.formatTemplate(sctx, t); ok {
			for _, p := range tmpl.Parts {
				parts = append(parts, p)
			}
			break
		}
		parts = append(parts, t)
	default:
		return scanner.Origin{}
	}
	var entries []scanner.Origin
	for _, p := range parts {
		if v, diags := p.Value(sctx); !diags.HasErrors() && v.IsWhollyKnown() {
			continue
		}
		if src.readsWrittenArg(p) {
			// The argument's value, as the configuration gives it.
			return scanner.Origin{}
		}
		set, ok := src.joinedOrigins(sctx, p, depth+1)
		if !ok {
			return scanner.Origin{}
		}
		entries = append(entries, scanner.Origin{Sources: set})
	}
	return textEntry(entries)
}

// joinedOrigins is originSet for a part of text, which may also be
// join(sep, list) with a known separator: the text is the list's elements
// and the separator, as count = 0 or 1 resources are often written
// (join("", aws_iam_role.r[*].arn)).
func (in *instance) joinedOrigins(ctx *hcl.EvalContext, expr hcl.Expression, depth int) ([]scanner.OriginSource, bool) {
	if call, ok := expr.(*hclsyntax.FunctionCallExpr); ok && call.Name == "join" && len(call.Args) == 2 && !call.ExpandFinal {
		if sep, diags := call.Args[0].Value(ctx); diags.HasErrors() || !sep.IsWhollyKnown() {
			return nil, false
		}
		return in.originSet(ctx, call.Args[1], depth+1)
	}
	return in.originSet(ctx, expr, depth)
}

// callListOrigins is listOrigins for concat and tolist, which keep the
// elements of their arguments in order; ok is false for any other call.
func (in *instance) callListOrigins(ctx *hcl.EvalContext, e *hclsyntax.FunctionCallExpr, n, depth int) ([]scanner.Origin, bool) {
	switch {
	case e.Name == "concat":
	case e.Name == "tolist" && len(e.Args) == 1:
	default:
		return nil, false
	}
	out := make([]scanner.Origin, 0, n)
	for _, a := range e.Args {
		av, diags := a.Value(ctx)
		av, _ = av.Unmark()
		if diags.HasErrors() || !av.IsKnown() || av.IsNull() || !av.Type().IsTupleType() && !av.Type().IsListType() {
			return nil, false
		}
		m := av.LengthInt()
		part := make([]scanner.Origin, m)
		if !av.IsWhollyKnown() {
			if p := in.listOrigins(ctx, a, av, depth+1); p != nil {
				part = p
			}
		}
		out = append(out, part...)
	}
	return out, len(out) == n
}

// originEntry is the entry of listOrigins for an element whose parts come
// from set (originSet): its attributes, or its one known text; the zero
// Origin when it can come from anywhere else or be more than one text.
func originEntry(set []scanner.OriginSource, ok bool) scanner.Origin {
	if !ok || len(set) == 0 {
		return scanner.Origin{}
	}
	if len(set) > 1 && slices.ContainsFunc(set, scanner.OriginSource.IsKnownText) {
		return scanner.Origin{}
	}
	return scanner.Origin{Sources: set}
}

// repeat is n times origin o, nil when o names no source.
func repeat(o scanner.Origin, n int) []scanner.Origin {
	if o.IsZero() || n == 0 {
		return nil
	}
	out := make([]scanner.Origin, n)
	for i := range out {
		out[i] = o
	}
	return out
}

// originSet returns everything the parts of expr's value (the value
// itself for a string, every element or map value, nested, for a
// collection) can be read from, sorted (by rendering) and without repeats:
// a resource's or data source's attribute (traversalOrigin), a cidrsubnet
// or cidrsubnets of such a part (OriginSource.Subnets), and a known text
// (scanner.TextOrigin). It
// follows parentheses, template wraps, locals, module inputs and outputs,
// conditionals (the arm a known condition chooses, both otherwise),
// literals, and the functions whose result is made only of their
// arguments' parts (concat, flatten, compact, distinct, tolist, toset,
// element, one, coalesce, try, lookup, ...). ok is false when some part
// can come from anywhere else (a variable not known, an attribute of
// something the module does not declare, another function).
func (in *instance) originSet(ctx *hcl.EvalContext, expr hcl.Expression, depth int) ([]scanner.OriginSource, bool) {
	if depth > suffixDepth || expr == nil {
		return nil, false
	}
	if v, diags := expr.Value(ctx); !diags.HasErrors() && v.IsWhollyKnown() {
		return knownOrigins(v)
	}
	return in.unknownOriginSet(ctx, expr, depth)
}

// unknownOriginSet is originSet for an expr whose value is not wholly
// known or does not evaluate.
func (in *instance) unknownOriginSet(ctx *hcl.EvalContext, expr hcl.Expression, depth int) ([]scanner.OriginSource, bool) {
	if depth > suffixDepth || expr == nil {
		return nil, false
	}
	in, ctx, expr, depth = in.stringSource(ctx, expr, depth, true)
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		if o, ok := in.traversalOrigin(e.Traversal); ok {
			return []scanner.OriginSource{o}, true
		}
		if e.Traversal.RootName() == "each" {
			return in.eachOrigins(e.Traversal, depth)
		}
		return in.moduleOutputOrigins(e.Traversal)
	case *hclsyntax.SplatExpr:
		return single(in.splatOrigin(e))
	case *hclsyntax.ForExpr:
		return single(in.forOrigin(e))
	case *hclsyntax.TupleConsExpr:
		return unionOrigins(in, ctx, e.Exprs, depth)
	case *hclsyntax.ObjectConsExpr:
		vals := make([]hcl.Expression, len(e.Items))
		for i, item := range e.Items {
			vals[i] = item.ValueExpr
		}
		return unionOrigins(in, ctx, vals, depth)
	case *hclsyntax.ConditionalExpr:
		if c, diags := e.Condition.Value(ctx); !diags.HasErrors() && c.IsKnown() && !c.IsNull() && c.Type() == cty.Bool {
			if c, _ = c.Unmark(); c.True() {
				return in.originSet(ctx, e.TrueResult, depth+1)
			}
			return in.originSet(ctx, e.FalseResult, depth+1)
		}
		return unionOrigins(in, ctx, []hcl.Expression{e.TrueResult, e.FalseResult}, depth)
	case *hclsyntax.FunctionCallExpr:
		return in.callOrigins(ctx, e, depth)
	case *hclsyntax.TemplateExpr:
		if n, ok := prefixLength(in.knownSuffix(ctx, e, depth)); ok {
			return []scanner.OriginSource{scanner.PrefixLenOrigin(n)}, true
		}
	}
	return nil, false
}

// prefixLength returns the prefix length a CIDR block whose text is known
// to end with suffix has: "${var.admin_ip}/32" is one address whatever the
// address is. The suffix must hold the "/" itself, since "${var.x}2" may
// end "/32" or "/2".
func prefixLength(suffix string) (int, bool) {
	i := strings.LastIndexByte(suffix, '/')
	if i < 0 {
		return 0, false
	}
	n := suffix[i+1:]
	if len(n) == 0 || len(n) > 3 || strings.Trim(n, "0123456789") != "" {
		return 0, false
	}
	bits, err := strconv.Atoi(n)
	return bits, err == nil
}

// callOrigins is originSet for a function call.
func (in *instance) callOrigins(ctx *hcl.EvalContext, e *hclsyntax.FunctionCallExpr, depth int) ([]scanner.OriginSource, bool) {
	switch e.Name {
	case "cidrsubnet", "cidrsubnets":
		// A subnet of a block is at least as narrow as the block.
		if len(e.Args) < 2 {
			return nil, false
		}
		set, ok := in.originSet(ctx, e.Args[0], depth+1)
		if !ok {
			return nil, false
		}
		out := make([]scanner.OriginSource, len(set))
		for i, o := range set {
			out[i] = o.Subnet()
		}
		return out, true
	case "coalesce":
		// coalesce skips nulls and empty strings: a fallback of ""
		// is never its result.
		var args []hclsyntax.Expression
		for _, a := range e.Args {
			if v, diags := a.Value(ctx); diags.HasErrors() || !v.IsKnown() || v.IsMarked() || !v.IsNull() && !v.RawEquals(cty.StringVal("")) {
				args = append(args, a)
			}
		}
		if e.ExpandFinal {
			args = e.Args
		}
		return unionOrigins(in, ctx, args, depth)
	case "concat", "flatten", "compact", "distinct", "tolist", "toset", "coalescelist",
		"try", "one", "setunion", "sort", "reverse", "values":
		// The result is made of the arguments' parts (try's and
		// coalesce's of one argument's).
		return unionOrigins(in, ctx, e.Args, depth)
	case "element", "slice":
		if len(e.Args) > 0 {
			return in.originSet(ctx, e.Args[0], depth+1)
		}
	case "lookup":
		// One of the map's values, or the default.
		if len(e.Args) == 2 {
			return in.originSet(ctx, e.Args[0], depth+1)
		}
		if len(e.Args) == 3 {
			return unionOrigins(in, ctx, []hcl.Expression{e.Args[0], e.Args[2]}, depth)
		}
	}
	return nil, false
}

// unionOrigins is originSet for a value made of the parts of exprs.
func unionOrigins[E hcl.Expression](in *instance, ctx *hcl.EvalContext, exprs []E, depth int) ([]scanner.OriginSource, bool) {
	var out []scanner.OriginSource
	for _, x := range exprs {
		set, ok := in.originSet(ctx, x, depth+1)
		if !ok {
			return nil, false
		}
		out = append(out, set...)
	}
	return sortedOrigins(out)
}

// sortedOrigins sorts set and drops repeats; ok is false past
// maxOriginParts.
func sortedOrigins(set []scanner.OriginSource) ([]scanner.OriginSource, bool) {
	set = scanner.SortSources(set)
	if len(set) > maxOriginParts {
		return nil, false
	}
	if set == nil {
		set = []scanner.OriginSource{}
	}
	return set, true
}

// single is originSet for a part read from origin o: ok only when there
// is one (ok).
func single(o scanner.OriginSource, ok bool) ([]scanner.OriginSource, bool) {
	if !ok {
		return nil, false
	}
	return []scanner.OriginSource{o}, true
}

// knownOrigins is originSet for a wholly known value: its texts.
// A null has no part. A sensitive value names none, so that no secret
// text is kept as an origin.
func knownOrigins(v cty.Value) ([]scanner.OriginSource, bool) {
	if v.ContainsMarked() {
		return nil, false
	}
	var out []scanner.OriginSource
	var walk func(v cty.Value) bool
	walk = func(v cty.Value) bool {
		switch {
		case v.IsNull():
			return true
		case v.Type().IsPrimitiveType():
			s, err := convertString(v)
			if err != nil {
				return false
			}
			out = append(out, scanner.TextOrigin(s))
			return len(out) <= maxOriginParts
		case v.CanIterateElements():
			for it := v.ElementIterator(); it.Next(); {
				if _, e := it.Element(); !walk(e) {
					return false
				}
			}
			return true
		}
		return false
	}
	if !walk(v) {
		return nil, false
	}
	return sortedOrigins(out)
}

// moduleOutputOrigins is originSet for module.NAME[KEY].OUTPUT, also an
// element of it (module.NAME.OUTPUT[0]): the output's own, recorded when
// the module instance was evaluated (instance.outOrigins); of every
// instance when the key is not written.
func (in *instance) moduleOutputOrigins(tr hcl.Traversal) ([]scanner.OriginSource, bool) {
	if tr.RootName() != "module" {
		return nil, false
	}
	instances := in.moduleOrigins[attrAt(tr, 1)]
	i, key := 2, ""
	if k := keyAt(tr, 2); k != "" {
		i, key = 3, k
	}
	output := attrAt(tr, i)
	if output == "" || len(instances) == 0 {
		return nil, false
	}
	for _, step := range tr[i+1:] {
		if _, ok := step.(hcl.TraverseIndex); !ok {
			return nil, false // an attribute of the output, not a part
		}
	}
	var out []scanner.OriginSource
	found := false
	for k, outs := range instances {
		if key != "" && k != key {
			continue
		}
		set, ok := outs[output]
		if !ok {
			return nil, false
		}
		found = true
		out = append(out, set...)
	}
	if !found {
		return nil, false
	}
	return sortedOrigins(out)
}

// outputOrigins is originSet for every output of the module instance
// whose value is not wholly known (the outputs' expressions are evaluated
// in ctx), for the caller's module.NAME.OUTPUT; outputs none is known
// for are left out.
func (in *instance) outputOrigins(ctx *hcl.EvalContext, vals map[string]cty.Value) map[string][]scanner.OriginSource {
	var out map[string][]scanner.OriginSource
	for _, o := range in.mod.outputs {
		v, ok := vals[o.name]
		if !ok || o.expr == nil || o.sensitive || v.IsWhollyKnown() {
			continue
		}
		if set, ok := in.originSet(ctx, o.expr, 0); ok {
			if out == nil {
				out = map[string][]scanner.OriginSource{}
			}
			out[o.name] = set
		}
	}
	return out
}

// traversalOrigin is the origin of a reference to an attribute of a
// resource or data source the module declares: aws_vpc.main.cidr_block,
// aws_vpc.main[0].cidr_block, data.aws_vpc.x["k"].cidr_block. It is
// Written when the managed resource writes the attribute as an argument
// (writesReferenced, which readsWrittenArg asks too): every reader of the
// origin, in the loader and in the rules, goes by that one decision.
func (in *instance) traversalOrigin(tr hcl.Traversal) (scanner.OriginSource, bool) {
	if len(tr) < 3 {
		return scanner.OriginSource{}, false
	}
	data, declared, full := false, in.managed, tr
	if tr.RootName() == "data" {
		data, declared, tr = true, in.data, tr[1:]
		if len(tr) < 3 {
			return scanner.OriginSource{}, false
		}
	}
	typ, name := stepName(tr[0]), attrAt(tr, 1)
	if _, ok := declared[typ][name]; !ok {
		return scanner.OriginSource{}, false
	}
	i := 2
	if _, ok := tr[i].(hcl.TraverseIndex); ok {
		i++
	}
	attr := attrAt(tr, i)
	if attr == "" || i+1 != len(tr) {
		return scanner.OriginSource{}, false // a part of the attribute, not the attribute
	}
	return scanner.AttrOrigin(data, typ, attr, in.writesReferenced(full)), true
}

// splatOrigin is the origin of each element of aws_subnet.x[*].cidr_block
// (also values(aws_subnet.x)[*].cidr_block for a for_each resource).
func (in *instance) splatOrigin(e *hclsyntax.SplatExpr) (scanner.OriginSource, bool) {
	each, ok := e.Each.(*hclsyntax.RelativeTraversalExpr)
	if !ok || len(each.Traversal) != 1 {
		return scanner.OriginSource{}, false
	}
	return in.elementOrigin(e.Source, each.Traversal[0])
}

// forOrigin is the origin of each element of
// [for s in aws_subnet.x : s.cidr_block], whatever its condition keeps.
func (in *instance) forOrigin(e *hclsyntax.ForExpr) (scanner.OriginSource, bool) {
	val, ok := e.ValExpr.(*hclsyntax.ScopeTraversalExpr)
	if e.KeyExpr != nil || !ok || len(val.Traversal) != 2 || val.Traversal.RootName() != e.ValVar || e.ValVar == e.KeyVar {
		return scanner.OriginSource{}, false
	}
	return in.elementOrigin(e.CollExpr, val.Traversal[1])
}

// forTemplate is the origin entry and skeleton of each element of
// [for b in aws_s3_bucket.x : "${b.arn}/*"] (also format("%s/*", b.arn)):
// text built around an attribute of each instance, as templateEntry
// names it, and the template's text with scanner.UnknownMark for each
// attribute. Both are zero when a part is anything but known text or
// such an attribute, or an argument the resource writes (see
// readsWrittenArg), or the for expression writes keys.
func (in *instance) forTemplate(ctx *hcl.EvalContext, e *hclsyntax.ForExpr) (scanner.Origin, string) {
	var parts []hclsyntax.Expression
	switch v := e.ValExpr.(type) {
	case *hclsyntax.TemplateExpr:
		parts = v.Parts
	case *hclsyntax.TemplateWrapExpr:
		parts = []hclsyntax.Expression{v.Wrapped}
	case *hclsyntax.FunctionCallExpr:
		tmpl, ok := in.formatTemplate(ctx, v)
		if !ok {
			return scanner.Origin{}, ""
		}
		parts = tmpl.Parts
	default:
		return scanner.Origin{}, ""
	}
	if e.KeyExpr != nil || e.ValVar == e.KeyVar {
		return scanner.Origin{}, ""
	}
	var b strings.Builder
	var entries []scanner.Origin
	for _, p := range parts {
		if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull() {
			b.WriteString(lit.Val.AsString())
			continue
		}
		one := &hclsyntax.ForExpr{KeyVar: e.KeyVar, ValVar: e.ValVar, CollExpr: e.CollExpr, ValExpr: p}
		o, ok := in.forOrigin(one)
		if !ok || in.readsWrittenArg(one) {
			return scanner.Origin{}, ""
		}
		entries = append(entries, scanner.Origin{Sources: []scanner.OriginSource{o}})
		b.WriteString(scanner.UnknownMark)
	}
	entry := textEntry(entries)
	if entry.IsZero() {
		return scanner.Origin{}, ""
	}
	return entry, b.String()
}

// elementOrigin is the origin of the attribute step of each instance of
// the resource coll names, written as a reference to it or values() of
// one.
func (in *instance) elementOrigin(coll hcl.Expression, step hcl.Traverser) (scanner.OriginSource, bool) {
	tr := elementTraversal(coll, step)
	if tr == nil {
		return scanner.OriginSource{}, false
	}
	return in.traversalOrigin(tr)
}

// elementTraversal is the reference to the attribute step of each
// instance of the resource coll names (aws_subnet.x.cidr_block for
// aws_subnet.x[*].cidr_block); nil when coll names none.
func elementTraversal(coll hcl.Expression, step hcl.Traverser) hcl.Traversal {
	a, ok := step.(hcl.TraverseAttr)
	if !ok {
		return nil
	}
	if f, ok := coll.(*hclsyntax.FunctionCallExpr); ok && f.Name == "values" && len(f.Args) == 1 {
		coll = f.Args[0]
	}
	src, ok := coll.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return nil
	}
	tr := append(hcl.Traversal{}, src.Traversal...)
	return append(tr, a)
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

// eachSource is the for_each of the resource instance being evaluated,
// the context it is evaluated in, and the instance's key.
type eachSource struct {
	ctx  *hcl.EvalContext
	expr hcl.Expression
	key  string
}

// eachOrigins is originSet for each.value, each.value.NAME or
// each.value["NAME"] (also nested) in an instance of a resource whose
// for_each key is known: the origins of what the for_each writes for
// that key, when it is written as an object (also through a local, a
// module input, or a for expression that keeps each element as it is).
func (in *instance) eachOrigins(tr hcl.Traversal, depth int) ([]scanner.OriginSource, bool) {
	each := in.eachOf
	if each == nil || attrAt(tr, 1) != "value" {
		return nil, false
	}
	steps := make([]string, 0, len(tr)-2)
	for _, step := range tr[2:] {
		switch s := step.(type) {
		case hcl.TraverseAttr:
			steps = append(steps, s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() != cty.String || !s.Key.IsKnown() {
				return nil, false
			}
			steps = append(steps, s.Key.AsString())
		default:
			return nil, false
		}
	}
	return in.memberOrigins(each.ctx, each.expr, append([]string{each.key}, steps...), depth+1)
}

// memberOrigins is originSet for the member at path (keys, then
// attribute names) of the value of expr, an object or map written as an
// object constructor.
func (in *instance) memberOrigins(ctx *hcl.EvalContext, expr hcl.Expression, path []string, depth int) ([]scanner.OriginSource, bool) {
	if len(path) == 0 {
		return in.originSet(ctx, expr, depth)
	}
	in, ctx, expr, depth = in.stringSource(ctx, expr, depth, true)
	if depth > suffixDepth {
		return nil, false
	}
	switch e := expr.(type) {
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			k, diags := item.KeyExpr.Value(ctx)
			if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
				return nil, false // a key not known may be the one
			}
			if k.AsString() == path[0] {
				return in.memberOrigins(ctx, item.ValueExpr, path[1:], depth+1)
			}
		}
	case *hclsyntax.ForExpr:
		// {for k, v in coll : k => v if ...} keeps coll's elements.
		key, kok := e.KeyExpr.(*hclsyntax.ScopeTraversalExpr)
		val, vok := e.ValExpr.(*hclsyntax.ScopeTraversalExpr)
		if kok && vok && e.KeyVar != "" && e.KeyVar != e.ValVar && !e.Group &&
			len(key.Traversal) == 1 && key.Traversal.RootName() == e.KeyVar &&
			len(val.Traversal) == 1 && val.Traversal.RootName() == e.ValVar {
			return in.memberOrigins(ctx, e.CollExpr, path, depth+1)
		}
	}
	return nil, false
}
