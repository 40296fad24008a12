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
func (in *instance) origins(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, evaluated bool) []string {
	whole := !v.IsKnown()
	if !whole {
		v, _ = v.Unmark()
		// A set has no positions: each unknown element comes from one
		// of the set's origins.
		whole = !v.IsNull() && v.Type().IsSetType() && !v.IsWhollyKnown()
	}
	if whole {
		var set []string
		var ok bool
		if evaluated {
			set, ok = in.unknownOriginSet(ctx, expr, 0)
		} else {
			set, ok = in.originSet(ctx, expr, 0)
		}
		if ok && len(set) > 0 {
			return set
		}
		return nil
	}
	if v.IsNull() || !v.Type().IsTupleType() && !v.Type().IsListType() || v.IsWhollyKnown() {
		// A wholly known list has no unknown part to name an origin
		// for: most lists are, and the walk below is not free.
		return nil
	}
	out := in.listOrigins(ctx, expr, v, 0)
	for _, o := range out {
		if o != "" {
			return out
		}
	}
	return nil
}

// listOrigins is origins for a known list or tuple v with unknown
// elements, the value of expr: one entry per element, "" for a known
// element or one read from nowhere known. An element's entry is the
// attributes it can be read from joined by "|" (usually one), or the one
// known text it can be (quoted). A list written as a literal, a splat or
// for expression over a resource, concat or tolist of such lists keeps
// each element's own origin; any other list whose every part comes from
// attributes gives each unknown element all of them.
func (in *instance) listOrigins(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, depth int) []string {
	n := v.LengthInt()
	src, sctx, e, depth := in.stringSource(ctx, expr, depth, true)
	switch e := e.(type) {
	case *hclsyntax.TupleConsExpr:
		if len(e.Exprs) != n {
			return nil
		}
		out := make([]string, n)
		for i, el := range e.Exprs {
			if !v.Index(cty.NumberIntVal(int64(i))).IsKnown() {
				out[i] = originEntry(src.originSet(sctx, el, depth+1))
				if out[i] == "" {
					out[i] = src.templateEntry(sctx, el, depth+1)
				}
			}
		}
		return out
	case *hclsyntax.SplatExpr:
		return repeat(src.splatOrigin(e), n)
	case *hclsyntax.ForExpr:
		if o := src.forOrigin(e); o != "" {
			return repeat(o, n)
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
	var names []string
	for _, o := range set {
		if isQuoted(o) {
			// An unknown element may be known text chosen by an
			// unknown key: nothing says which element.
			return nil
		}
		names = append(names, o)
	}
	return repeat(strings.Join(names, "|"), n)
}

// templateEntry is the listOrigins entry of an element written as a
// template that originSet cannot name, such as "${aws_s3_bucket.b.arn}/*"
// (also format("%s/*", aws_s3_bucket.b.arn), see formatTemplate):
// "text(" and the attributes its unknown parts are read from, joined by
// "|", and ")". It is "" when some unknown part can come from anywhere else
// (a variable without a value). A policy's resource list often names a
// bucket and its objects from the same attribute ([b.arn, "${b.arn}/*"]);
// the entry tells that each element is built from an identifier AWS
// assigns, which counting references cannot (both elements share one).
func (in *instance) templateEntry(ctx *hcl.EvalContext, expr hcl.Expression, depth int) string {
	src, sctx, e, depth := in.stringSource(ctx, expr, depth, true)
	if depth > suffixDepth {
		return ""
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
		return ""
	}
	var attrs []string
	for _, p := range parts {
		if v, diags := p.Value(sctx); !diags.HasErrors() && v.IsWhollyKnown() {
			continue
		}
		if src.readsWrittenArg(p) {
			// The argument's value, as the configuration gives it.
			return ""
		}
		set, ok := src.joinedOrigins(sctx, p, depth+1)
		if !ok || len(set) == 0 {
			return ""
		}
		for _, o := range set {
			if isQuoted(o) {
				return ""
			}
			attrs = append(attrs, o)
		}
	}
	if len(attrs) == 0 {
		return ""
	}
	slices.Sort(attrs)
	return "text(" + strings.Join(slices.Compact(attrs), "|") + ")"
}

// joinedOrigins is originSet for a part of text, which may also be
// join(sep, list) with a known separator: the text is the list's elements
// and the separator, as count = 0 or 1 resources are often written
// (join("", aws_iam_role.r[*].arn)).
func (in *instance) joinedOrigins(ctx *hcl.EvalContext, expr hcl.Expression, depth int) ([]string, bool) {
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
func (in *instance) callListOrigins(ctx *hcl.EvalContext, e *hclsyntax.FunctionCallExpr, n, depth int) ([]string, bool) {
	switch {
	case e.Name == "concat":
	case e.Name == "tolist" && len(e.Args) == 1:
	default:
		return nil, false
	}
	out := make([]string, 0, n)
	for _, a := range e.Args {
		av, diags := a.Value(ctx)
		av, _ = av.Unmark()
		if diags.HasErrors() || !av.IsKnown() || av.IsNull() || !av.Type().IsTupleType() && !av.Type().IsListType() {
			return nil, false
		}
		m := av.LengthInt()
		part := make([]string, m)
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
// from set (originSet): its attributes joined by "|", or its one known
// text; "" when it can come from anywhere else or be more than one text.
func originEntry(set []string, ok bool) string {
	if !ok || len(set) == 0 {
		return ""
	}
	if len(set) == 1 {
		return set[0]
	}
	for _, o := range set {
		if isQuoted(o) {
			return ""
		}
	}
	return strings.Join(set, "|")
}

// isQuoted reports whether origin o is known text rather than an
// attribute.
func isQuoted(o string) bool { return strings.HasPrefix(o, `"`) }

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

// originSet returns everything the parts of expr's value (the value
// itself for a string, every element or map value, nested, for a
// collection) can be read from, sorted and without repeats: a resource or
// data source attribute as "<type>.<attribute>" ("data.<type>.<attribute>"
// for a data source), "cidrsubnet(<origin>)" for a cidrsubnet or
// cidrsubnets of such a part, and a known text quoted (strconv.Quote). It
// follows parentheses, template wraps, locals, module inputs and outputs,
// conditionals (the arm a known condition chooses, both otherwise),
// literals, and the functions whose result is made only of their
// arguments' parts (concat, flatten, compact, distinct, tolist, toset,
// element, one, coalesce, try, lookup, ...). ok is false when some part
// can come from anywhere else (a variable not known, an attribute of
// something the module does not declare, another function).
func (in *instance) originSet(ctx *hcl.EvalContext, expr hcl.Expression, depth int) ([]string, bool) {
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
func (in *instance) unknownOriginSet(ctx *hcl.EvalContext, expr hcl.Expression, depth int) ([]string, bool) {
	if depth > suffixDepth || expr == nil {
		return nil, false
	}
	in, ctx, expr, depth = in.stringSource(ctx, expr, depth, true)
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		if o := in.traversalOrigin(e.Traversal); o != "" {
			return []string{o}, true
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
			return []string{"prefixlen(" + n + ")"}, true
		}
	}
	return nil, false
}

// prefixLength returns the prefix length a CIDR block whose text is known
// to end with suffix has: "${var.admin_ip}/32" is one address whatever the
// address is. The suffix must hold the "/" itself, since "${var.x}2" may
// end "/32" or "/2".
func prefixLength(suffix string) (string, bool) {
	i := strings.LastIndexByte(suffix, '/')
	if i < 0 {
		return "", false
	}
	n := suffix[i+1:]
	if len(n) == 0 || len(n) > 3 || strings.Trim(n, "0123456789") != "" {
		return "", false
	}
	return n, true
}

// callOrigins is originSet for a function call.
func (in *instance) callOrigins(ctx *hcl.EvalContext, e *hclsyntax.FunctionCallExpr, depth int) ([]string, bool) {
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
		out := make([]string, len(set))
		for i, o := range set {
			out[i] = "cidrsubnet(" + o + ")"
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
func unionOrigins[E hcl.Expression](in *instance, ctx *hcl.EvalContext, exprs []E, depth int) ([]string, bool) {
	var out []string
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
func sortedOrigins(set []string) ([]string, bool) {
	slices.Sort(set)
	set = slices.Compact(set)
	if len(set) > maxOriginParts {
		return nil, false
	}
	if set == nil {
		set = []string{}
	}
	return set, true
}

// single is originSet for a part read from origin o: ok only when o is
// an attribute.
func single(o string) ([]string, bool) {
	if o == "" {
		return nil, false
	}
	return []string{o}, true
}

// knownOrigins is originSet for a wholly known value: its texts, quoted.
// A null has no part. A sensitive value names none, so that no secret
// text is kept as an origin.
func knownOrigins(v cty.Value) ([]string, bool) {
	if v.ContainsMarked() {
		return nil, false
	}
	var out []string
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
			out = append(out, strconv.Quote(s))
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
func (in *instance) moduleOutputOrigins(tr hcl.Traversal) ([]string, bool) {
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
	var out []string
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
func (in *instance) outputOrigins(ctx *hcl.EvalContext, vals map[string]cty.Value) map[string][]string {
	var out map[string][]string
	for _, o := range in.mod.outputs {
		v, ok := vals[o.name]
		if !ok || o.expr == nil || o.sensitive || v.IsWhollyKnown() {
			continue
		}
		if set, ok := in.originSet(ctx, o.expr, 0); ok {
			if out == nil {
				out = map[string][]string{}
			}
			out[o.name] = set
		}
	}
	return out
}

// traversalOrigin is the origin of a reference to an attribute of a
// resource or data source the module declares: aws_vpc.main.cidr_block,
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

// splatOrigin is the origin of each element of aws_subnet.x[*].cidr_block
// (also values(aws_subnet.x)[*].cidr_block for a for_each resource).
func (in *instance) splatOrigin(e *hclsyntax.SplatExpr) string {
	each, ok := e.Each.(*hclsyntax.RelativeTraversalExpr)
	if !ok || len(each.Traversal) != 1 {
		return ""
	}
	return in.elementOrigin(e.Source, each.Traversal[0])
}

// forOrigin is the origin of each element of
// [for s in aws_subnet.x : s.cidr_block], whatever its condition keeps.
func (in *instance) forOrigin(e *hclsyntax.ForExpr) string {
	val, ok := e.ValExpr.(*hclsyntax.ScopeTraversalExpr)
	if e.KeyExpr != nil || !ok || len(val.Traversal) != 2 || val.Traversal.RootName() != e.ValVar || e.ValVar == e.KeyVar {
		return ""
	}
	return in.elementOrigin(e.CollExpr, val.Traversal[1])
}

// forTemplate is the origin entry and skeleton of each element of
// [for b in aws_s3_bucket.x : "${b.arn}/*"] (also format("%s/*", b.arn)):
// text built around an attribute of each instance, as templateEntry
// names it, and the template's text with scanner.UnknownMark for each
// attribute. Both are "" when a part is anything but known text or such
// an attribute, or an argument the resource writes (see
// readsWrittenArg), or the for expression writes keys.
func (in *instance) forTemplate(ctx *hcl.EvalContext, e *hclsyntax.ForExpr) (entry, skeleton string) {
	var parts []hclsyntax.Expression
	switch v := e.ValExpr.(type) {
	case *hclsyntax.TemplateExpr:
		parts = v.Parts
	case *hclsyntax.TemplateWrapExpr:
		parts = []hclsyntax.Expression{v.Wrapped}
	case *hclsyntax.FunctionCallExpr:
		tmpl, ok := in.formatTemplate(ctx, v)
		if !ok {
			return "", ""
		}
		parts = tmpl.Parts
	default:
		return "", ""
	}
	if e.KeyExpr != nil || e.ValVar == e.KeyVar {
		return "", ""
	}
	var b strings.Builder
	var attrs []string
	for _, p := range parts {
		if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull() {
			b.WriteString(lit.Val.AsString())
			continue
		}
		one := &hclsyntax.ForExpr{KeyVar: e.KeyVar, ValVar: e.ValVar, CollExpr: e.CollExpr, ValExpr: p}
		o := in.forOrigin(one)
		if o == "" || in.readsWrittenArg(one) {
			return "", ""
		}
		attrs = append(attrs, o)
		b.WriteString(scanner.UnknownMark)
	}
	if len(attrs) == 0 {
		return "", ""
	}
	return textEntry(attrs), b.String()
}

// elementOrigin is the origin of the attribute step of each instance of
// the resource coll names, written as a reference to it or values() of
// one.
func (in *instance) elementOrigin(coll hcl.Expression, step hcl.Traverser) string {
	tr := elementTraversal(coll, step)
	if tr == nil {
		return ""
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
func (in *instance) eachOrigins(tr hcl.Traversal, depth int) ([]string, bool) {
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
func (in *instance) memberOrigins(ctx *hcl.EvalContext, expr hcl.Expression, path []string, depth int) ([]string, bool) {
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
