package loader

import (
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// expansion is one instance of a block with count or for_each.
type expansion struct {
	// key is the instance key: a number for count, a string for
	// for_each, cty.NilVal for a single instance or when the keys are not
	// known.
	key cty.Value
	// vars are `count` or `each` for the instance, when they are not
	// made from key and each (see variables).
	vars map[string]cty.Value
	// iterator is "count" for an instance of a known count, "each" for
	// one of a known for_each (whose each.value is each), "" otherwise:
	// variables makes their vars when the instance is evaluated, so that
	// a block of 16,000 instances does not hold 16,000 pairs of maps while
	// its instances are evaluated one by one.
	iterator string
	each     cty.Value
	// label is the address key of an instance whose for_each key is only
	// known after apply (unknownKeyLabel), "" otherwise.
	label string
	// maybe is set when the instance may not exist: its count or for_each
	// is not known, or its element of the for_each may be dropped.
	maybe bool
	// eachValues are the values each.value can take in the one instance
	// that stands for a for_each not known, when they can be listed.
	eachValues []cty.Value
	// eachSuffix is the text each.value (the element of a set of
	// strings) is known to end with, for an instance whose element is
	// only known after apply.
	eachSuffix string
}

// expand evaluates count and for_each of the block at addr (its address,
// or module.NAME, with the module path). When they are not known
// statically, a single representative instance is returned with the
// unkeyed address and count.index or each.key/each.value unknown, so rules
// still see the resource and report what depends on the key as unknown.
// When there are more instances than Options.MaxInstances, only the first
// ones are returned, truncated is set and a warning names the block.
func (in *instance) expand(addr string, countExpr, forEachExpr hcl.Expression) (exps []expansion, known, truncated bool, refs []string) {
	var trs []hcl.Traversal
	for _, e := range []hcl.Expression{countExpr, forEachExpr} {
		if e != nil {
			trs = append(trs, in.ev.variables(e)...)
		}
	}
	ctx := in.evalCtx(trs)
	switch {
	case countExpr != nil:
		v, r := in.evalExpr(ctx, countExpr, nil)
		refs = r
		n, ok := countValue(unmarked(v))
		if !ok {
			return []expansion{{key: cty.NilVal, vars: map[string]cty.Value{
				"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)}),
			}, maybe: true}}, false, false, refs
		}
		n, truncated = in.capInstances(addr, countExpr, n)
		exps = make([]expansion, n)
		for i := range exps {
			exps[i] = expansion{key: cty.NumberIntVal(int64(i)), iterator: "count"}
		}
		return exps, true, truncated, refs
	case forEachExpr != nil:
		v, r := in.evalExpr(ctx, forEachExpr, nil)
		refs = r
		pairs, ok := forEachPairs(in.forEachValue(forEachExpr, v))
		if !ok {
			if exps, ok := in.partialForEach(ctx, forEachExpr, v); ok {
				n, truncated := in.capInstances(addr, forEachExpr, len(exps))
				return exps[:n], false, truncated, refs
			}
			vals, _ := in.eachValues(ctx, forEachExpr)
			return []expansion{{key: cty.NilVal, vars: map[string]cty.Value{
				"each": cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": in.unknownEachValue(ctx, forEachExpr, 0)}),
			}, maybe: true, eachValues: vals}}, false, false, refs
		}
		var n int
		n, truncated = in.capInstances(addr, forEachExpr, len(pairs))
		exps = make([]expansion, n)
		for i, p := range pairs[:n] {
			exps[i] = expansion{key: p[0], iterator: "each", each: p[1]}
		}
		return exps, true, truncated, refs
	}
	return []expansion{{key: cty.NilVal}}, true, false, nil
}

// variables are `count` or `each` for the instance, nil for a block
// without count or for_each.
func (e *expansion) variables() map[string]cty.Value {
	switch e.iterator {
	case "count":
		return map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": e.key})}
	case "each":
		return map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": e.key, "value": e.each})}
	}
	return e.vars
}

// forEachValue is a for_each value without its marks. Terraform rejects a
// sensitive for_each, whose keys would show in every address: so does the
// scanner, with an error at the expression, and the instances are unknown.
func (in *instance) forEachValue(expr hcl.Expression, v cty.Value) cty.Value {
	u, sens := in.ev.unmarkSensitive(v)
	if len(sens) == 0 {
		return u
	}
	in.diag(scanner.Diagnostic{
		Severity: scanner.DiagError,
		Range:    scanner.RangeOf(expr.Range()),
		Summary:  "Invalid for_each argument",
		Detail:   "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments: the instance keys would show the sensitive value.",
	})
	return cty.DynamicVal
}

// capInstances bounds the instances of one block to Options.MaxInstances,
// warning at the count or for_each argument when it cuts.
func (in *instance) capInstances(addr string, expr hcl.Expression, n int) (int, bool) {
	limit := in.ev.tree.limits.perBlock
	if n <= limit {
		return n, false
	}
	shown := strconv.Itoa(n)
	if n >= maxCount {
		shown = "more than " + strconv.Itoa(maxCount)
	}
	in.diag(warning(expr.Range(), "Too many instances",
		"%s has %s instances; only the first %d are scanned, and what refers to the whole of %s is unknown (raise the limit with --max-instances, max_instances in %s, or soc2_scan's max_instances)",
		addr, shown, limit, addr, configFileName))
	return limit, true
}

// maxCount is the largest count read as a number; any larger count is
// far beyond every instance limit anyway.
const maxCount = 1 << 31

// configFileName is the scanner's configuration file, named in messages
// about limits it sets (package config cannot be imported here).
const configFileName = ".soc2scan.hcl"

// countValue reads a known, whole, non-negative count. A count too large
// for an int is maxCount.
func countValue(v cty.Value) (int, bool) {
	if !v.IsKnown() || v.IsNull() {
		return 0, false
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil || !n.IsKnown() || n.IsNull() {
		return 0, false
	}
	bf := n.AsBigFloat()
	if !bf.IsInt() || bf.Sign() < 0 {
		return 0, false
	}
	i, acc := bf.Int64()
	if acc != big.Exact || i > maxCount {
		return maxCount, true
	}
	return int(i), true
}

// forEachPairs reads a known for_each value as (key, value) pairs in
// Terraform's order (sorted keys): a map or object, or a set of strings
// (each.key and each.value both the element). Lists of strings are accepted
// as sets, although Terraform asks for toset().
func forEachPairs(v cty.Value) ([][2]cty.Value, bool) {
	if !v.IsKnown() || v.IsNull() {
		return nil, false
	}
	t := v.Type()
	var out [][2]cty.Value
	switch {
	case t.IsMapType() || t.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out = append(out, [2]cty.Value{k, e})
		}
	case t.IsSetType() || t.IsListType() || t.IsTupleType():
		if !v.IsWhollyKnown() {
			return nil, false
		}
		seen := map[string]bool{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			s, err := convert.Convert(e, cty.String)
			if err != nil || s.IsNull() {
				return nil, false
			}
			if seen[s.AsString()] {
				continue
			}
			seen[s.AsString()] = true
			out = append(out, [2]cty.Value{s, s})
		}
		sortPairs(out)
	default:
		return nil, false
	}
	return out, true
}

func sortPairs(ps [][2]cty.Value) {
	sort.Slice(ps, func(i, j int) bool { return ps[i][0].AsString() < ps[j][0].AsString() })
}

// instanceKey renders an instance key as Terraform writes it in addresses:
// [0] or ["name"].
func instanceKey(k cty.Value) string {
	if k == cty.NilVal || !k.IsKnown() || k.IsNull() {
		return ""
	}
	switch k.Type() {
	case cty.Number:
		bf := k.AsBigFloat()
		if i, acc := bf.Int64(); acc == big.Exact {
			return "[" + strconv.FormatInt(i, 10) + "]"
		}
		return "[" + bf.Text('f', -1) + "]"
	case cty.String:
		return "[" + quoteKey(k.AsString()) + "]"
	}
	return ""
}

// quoteKey quotes a string key the way Terraform prints addresses: HCL
// string syntax, which keeps non-ASCII text as is.
func quoteKey(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// scope holds the resources that count/each and dynamic-block iterators
// refer to, so that `each.value.id` leads where for_each led.
type scope struct {
	names  map[string][]string
	parent *scope
}

func (s *scope) lookup(name string) ([]string, bool) {
	for c := s; c != nil; c = c.parent {
		if r, ok := c.names[name]; ok {
			return r, true
		}
	}
	return nil, false
}

// eachScope says what each.value refers to: the instance with the same key
// when for_each iterates over a resource (`for_each = aws_s3_bucket.b`),
// else whatever the for_each expression refers to.
func eachScope(forEach hcl.Expression, refs []string, key cty.Value) *scope {
	if len(refs) == 0 {
		return nil
	}
	if len(refs) == 1 && key != cty.NilVal && isWholeResource(forEach) {
		refs = []string{refs[0] + instanceKey(key)}
	}
	return &scope{names: map[string][]string{"each": refs}}
}

// isWholeResource reports whether expr names a resource and nothing more
// (`aws_s3_bucket.b`, `data.x.y`, `module.m.aws_x.y` is not one).
func isWholeResource(expr hcl.Expression) bool {
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return false
	}
	root := st.Traversal.RootName()
	switch {
	case root == "data":
		return len(st.Traversal) == 3
	case scopeRoots[root]:
		return false
	}
	return len(st.Traversal) == 2
}

// usageKey is how expressions name d's type: "aws_s3_bucket", or
// "data.aws_region" for a data source (usage.readsType).
func (d *resourceDecl) usageKey() string {
	if d.mode == "data" {
		return "data." + d.typ
	}
	return d.typ
}

// evalResource evaluates every instance of a resource or data block.
func (in *instance) evalResource(d *resourceDecl) {
	var exps []expansion
	var known, truncated bool
	var expRefs []string
	usageKey := d.usageKey()
	in.ev.labelled("for_each ", usageKey, func() {
		exps, known, truncated, expRefs = in.expand(in.prefix()+d.key(), d.count, d.forEach)
	})
	if !in.ev.tree.takeInstances(len(exps), d.defRange, in.prefix()+d.key()) {
		return
	}
	prov := in.provider(resourceProvider(d))
	referenced := in.ev.usage.attrs[usageKey]
	// The objects other expressions see are built only for a type some
	// expression names: at 16,000 resources they are a tenth of the heap
	// while the module is evaluated, and most types are named by none
	// (a bucket's versioning, a volume). Unbuilt, the resource stays
	// DynamicVal, as it is until evaluated.
	build := in.ev.usage.readsType(usageKey)
	var objs []cty.Value
	var keyed map[string]cty.Value
	if build {
		objs = make([]cty.Value, 0, len(exps))
		keyed = make(map[string]cty.Value, len(exps))
	}
	blockType := "resource"
	if d.mode == "data" {
		blockType = "data"
	}
	base := in.evalCtx(resourceTraversals(d))
	attrs := d.attrCount()
	for i := range exps {
		e := &exps[i]
		ctx := base
		if vars := e.variables(); vars != nil {
			ctx = ctx.NewChild()
			ctx.Variables = vars
		}
		block := scanner.NewBlockSized(blockType, scanner.RangeOf(d.defRange), attrs)
		in.eachDomain = e.eachValues
		in.eachSuffix, in.eachCtx = e.eachSuffix, ctx
		if d.forEach != nil && e.key != cty.NilVal && e.key.IsKnown() && e.key.Type() == cty.String {
			in.eachOf = &eachSource{ctx: base, expr: d.forEach, key: e.key.AsString()}
		}
		in.evalResourceBody(ctx, d, block, eachScope(d.forEach, expRefs, e.key))
		in.eachDomain = nil
		in.eachSuffix, in.eachCtx = "", nil
		in.eachOf = nil
		r := &scanner.Resource{
			Root:          in.ev.tree.rootName,
			Address:       in.prefix() + d.key() + e.addrKey(),
			Mode:          d.mode,
			Type:          d.typ,
			Name:          d.name,
			Module:        in.path,
			Provider:      prov.addr,
			ProviderMajor: in.ev.tree.providerMajor(providerName(resourceProvider(d))),
			ModuleCalls:   in.calls,
			MayNotExist:   in.uncertain || e.maybe,
			Block:         block,
		}
		region := resourceRegion(block, prov)
		r.SetRegion(region)
		if prov.account.Present {
			r.SetAccount(&prov.account)
		}
		if prov.defaultTags.Name != "" {
			// A configuration's, shared by its resources. A resource
			// without one (an implicit provider, made for it alone)
			// keeps none rather than the made-up configuration.
			r.SetDefaultTags(&prov.defaultTags)
		}
		in.ev.tree.res.Resources = append(in.ev.tree.res.Resources, r)
		if !build {
			continue
		}
		obj := in.resourceObject(d, block, referenced, region)
		objs = append(objs, obj)
		if e.key != cty.NilVal && e.key.Type() == cty.String {
			keyed[e.key.AsString()] = obj
		}
	}
	var v cty.Value
	switch {
	case !known:
		v = cty.DynamicVal
		in.unkeyed[in.prefix()+d.key()] = true
	case !build, truncated:
		v = cty.DynamicVal // not every instance is here
	case d.count != nil:
		v = cty.TupleVal(objs)
		if len(objs) == 0 {
			v = cty.EmptyTupleVal
		}
	case d.forEach != nil:
		v = cty.ObjectVal(keyed)
	default:
		v = objs[0]
	}
	if d.mode == "data" {
		in.data[d.typ][d.name] = v
	} else {
		in.managed[d.typ][d.name] = v
	}
}

// resourceRegion is the resource's own region argument, else its provider
// configuration's region.
func resourceRegion(b *scanner.Block, prov *providerConf) scanner.Value {
	if v := b.Attr("region"); v.Present && !v.IsNull() {
		return v
	}
	r := prov.region
	r.Name = "region"
	if !r.Present {
		r.Range = b.Range
	}
	return r
}

// resourceObject is the value other expressions see for a resource
// instance: its arguments as written, the nested blocks that are read
// elsewhere, and every other attribute read elsewhere (plus id and arn) as
// unknown, since only the provider knows them. A data source that
// Options.DataSources computes gets the attributes it computes.
func (in *instance) resourceObject(d *resourceDecl, b *scanner.Block, referenced map[string]bool, region scanner.Value) cty.Value {
	attrs := make(map[string]cty.Value, len(b.AttrNames())+len(referenced)+2)
	for _, n := range b.AttrNames() {
		attrs[n] = markedAttr(b.Attr(n))
	}
	for n := range referenced {
		if _, ok := attrs[n]; ok {
			continue
		}
		if blocks := b.Blocks(n); len(blocks) > 0 && !b.BlocksUnknown(n) {
			vals := make([]cty.Value, len(blocks))
			for i, nb := range blocks {
				vals[i] = blockObject(nb)
			}
			attrs[n] = cty.TupleVal(vals)
			continue
		}
		attrs[n] = cty.DynamicVal
	}
	// A created resource always has an ID and (on AWS) an ARN: unknown,
	// but not null, so `arn == null ? … : …` still decides.
	attrs["id"] = knownNotNull(attrs["id"])
	attrs["arn"] = arnOf(d.typ, attrs["arn"])
	if d.mode != "data" {
		shapeComputed(d.typ, attrs)
	}
	if ds, ok := in.ev.dataSources[d.typ]; ok && d.mode == "data" {
		sensitive := blockSensitive(b)
		for k, v := range ds.Compute(b, region) {
			if sensitive {
				// What a data source computes from a sensitive
				// argument is sensitive too, as a function's result is.
				v = in.ev.markSensitive(v)
			}
			attrs[k] = v
		}
	}
	return cty.ObjectVal(attrs)
}

// markedAttr is an argument's value as expressions see it: with the marks
// its sensitive parts had.
func markedAttr(v scanner.Value) cty.Value {
	return remark(v.Val, v.Sensitive())
}

// knownNotNull keeps a configured value and otherwise is an unknown string
// that is not null.
func knownNotNull(v cty.Value) cty.Value {
	if v != cty.NilVal && v != cty.DynamicVal {
		return v
	}
	return cty.UnknownVal(cty.String).RefineNotNull()
}

// arnOf is the arn attribute of a resource of type typ: as configured, and
// otherwise unknown but not null, and for an AWS type known to start with
// "arn:", as every Amazon Resource Name does whatever the partition, so
// that a policy naming aws_s3_bucket.b.arn is known not to name "*".
func arnOf(typ string, v cty.Value) cty.Value {
	if v != cty.NilVal && v != cty.DynamicVal {
		return v
	}
	if !strings.HasPrefix(typ, "aws_") {
		return knownNotNull(v)
	}
	return cty.UnknownVal(cty.String).Refine().NotNull().StringPrefixFull("arn:").NewValue()
}

// blockObject renders a nested block as an object value.
func blockObject(b *scanner.Block) cty.Value {
	attrs := map[string]cty.Value{}
	for _, n := range b.AttrNames() {
		attrs[n] = markedAttr(b.Attr(n))
	}
	for _, t := range b.BlockTypes() {
		if b.BlocksUnknown(t) {
			attrs[t] = cty.DynamicVal
			continue
		}
		bs := b.Blocks(t)
		vals := make([]cty.Value, len(bs))
		for i, nb := range bs {
			vals[i] = blockObject(nb)
		}
		attrs[t] = cty.TupleVal(vals)
	}
	return cty.ObjectVal(attrs)
}

// refsOf returns the addresses of the resources an expression refers to,
// directly or through variables, locals, module outputs and iterators.
func (in *instance) refsOf(ctx *hcl.EvalContext, expr hcl.Expression, sc *scope) []string {
	trs := in.ev.variables(expr)
	if len(trs) == 0 {
		return nil
	}
	// Walking the expression for computed indexes costs a second pass, so
	// it happens only for a reference to a managed resource without a
	// literal key, the one case that needs it.
	var keyed map[string][]string
	walked := false
	var out []string
	tests := in.ev.conditionsOf(expr)
	for _, tr := range trs {
		if tests[tr.SourceRange()] {
			continue
		}
		root := tr.RootName()
		if r, ok := sc.lookup(root); ok {
			// each.value and iterator.value carry what for_each
			// iterated over; keys and count.index do not.
			if attrAt(tr, 1) == "value" {
				out = append(out, r...)
			}
			continue
		}
		switch root {
		case "var":
			out = append(out, in.varRefs[attrAt(tr, 1)]...)
		case "local":
			out = append(out, in.localRefs[attrAt(tr, 1)]...)
		case "module":
			out = append(out, in.moduleOutputRefs(tr)...)
		case "data":
			typ, name := attrAt(tr, 1), attrAt(tr, 2)
			if v, ok := in.data[typ][name]; ok && !absentInstance(v, tr, 3) {
				out = append(out, in.prefix()+"data."+typ+"."+name+keyAt(tr, 3))
			}
		case "count", "each", "self", "path", "terraform":
		default:
			name := attrAt(tr, 1)
			if v, ok := in.managed[root][name]; ok && !absentInstance(v, tr, 2) {
				addr := in.prefix() + root + "." + name
				if k := keyAt(tr, 2); k != "" {
					out = append(out, addr+k)
					continue
				}
				if !walked {
					keyed, walked = in.indexedRefs(ctx, expr), true
				}
				if ks, ok := keyed[addr]; ok {
					out = append(out, ks...)
				} else {
					out = append(out, addr)
				}
			} else if !ok && name != "" {
				// A resource the module does not declare, as in a
				// snippet that uses aws_kms_key.x.arn without the key:
				// Terraform rejects it (validate reports it), but its
				// type still tells rules what kind of thing is meant.
				// Resolve finds nothing for it.
				out = append(out, in.prefix()+root+"."+name)
			}
		}
	}
	// A resource whose count or for_each is not known has one unkeyed
	// instance; a keyed reference to it names that instance.
	for i, r := range out {
		if b := scanner.BaseAddress(r); b != r && in.unkeyed[b] {
			out[i] = b
		}
	}
	return dedupe(out)
}

// conditionsOf returns the source ranges of the references in the
// conditions of expr's conditional expressions (exprFacts.conditions),
// kept by expression for the root module being loaded: refsOf asks them
// of every argument of every instance, and each answer is a walk of the
// whole expression (a policy assignment's JSON body). A condition
// chooses the value but is never part of it, so what it refers to is not
// what the value refers to. In `bucket = one(aws_s3_bucket.a[*].id) == ""
// ? aws_s3_bucket.b.id : ""` the argument names b or nothing, never a; a
// rule that finds a's configuration through the references (its
// versioning, its encryption) must not take b's for a's. It is nil when
// expr has no conditional, as most expressions do not.
func (ev *evaluator) conditionsOf(expr hcl.Expression) map[hcl.Range]bool {
	if _, ok := expr.(hclsyntax.Expression); !ok {
		return nil
	}
	return ev.factsOf(expr, ev.variables(expr)).conditions
}

// addConditionRefs adds to out, made when first needed, the source ranges
// of the references in the condition of n if it is a conditional
// expression, and returns out.
func addConditionRefs(out map[hcl.Range]bool, n hclsyntax.Node) map[hcl.Range]bool {
	c, ok := n.(*hclsyntax.ConditionalExpr)
	if !ok {
		return out
	}
	for _, tr := range c.Condition.Variables() {
		if out == nil {
			out = map[hcl.Range]bool{}
		}
		out[tr.SourceRange()] = true
	}
	return out
}

// indexedRefs finds resources indexed by an expression whose value is
// known, as in `aws_subnet.a[count.index].id`, so the reference names the
// instance rather than every instance. Traversals hide such keys because
// the index is not a literal.
func (in *instance) indexedRefs(ctx *hcl.EvalContext, expr hcl.Expression) map[string][]string {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	var out map[string][]string
	all := map[string]bool{}
	collections := map[*hclsyntax.ScopeTraversalExpr]bool{}
	_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.IndexExpr:
			st, ok := e.Collection.(*hclsyntax.ScopeTraversalExpr)
			if !ok || len(st.Traversal) != 2 {
				return nil
			}
			collections[st] = true // visited next, as a child
			root, name := st.Traversal.RootName(), attrAt(st.Traversal, 1)
			if _, ok := in.managed[root][name]; !ok {
				return nil
			}
			addr := in.prefix() + root + "." + name
			k, diags := e.Key.Value(ctx)
			key := ""
			if !diags.HasErrors() {
				key = instanceKey(unmarked(k))
			}
			if key == "" {
				all[addr] = true
				return nil
			}
			if out == nil {
				out = map[string][]string{}
			}
			out[addr] = append(out[addr], addr+key)
		case *hclsyntax.ScopeTraversalExpr:
			// The same resource also used without an index elsewhere in
			// the expression refers to every instance.
			if len(e.Traversal) >= 2 && !collections[e] {
				if _, isIndex := traversalStep(e.Traversal, 2).(hcl.TraverseIndex); !isIndex {
					all[in.prefix()+e.Traversal.RootName()+"."+attrAt(e.Traversal, 1)] = true
				}
			}
		}
		return nil
	})
	for addr := range all {
		delete(out, addr)
	}
	return out
}

func traversalStep(tr hcl.Traversal, i int) hcl.Traverser {
	if i < len(tr) {
		return tr[i]
	}
	return nil
}

// moduleOutputRefs follows module.NAME[KEY].OUTPUT to the resources the
// output refers to: of that instance when the key is literal, of every
// instance otherwise.
func (in *instance) moduleOutputRefs(tr hcl.Traversal) []string {
	instances := in.moduleRefs[attrAt(tr, 1)]
	if instances == nil {
		return nil
	}
	i, key := 2, ""
	if k := keyAt(tr, 2); k != "" {
		i, key = 3, k
	}
	output := attrAt(tr, i)
	var all []string
	for k, outs := range instances {
		if key != "" && k != key && k != "" && !isUnknownKeyLabel(k) {
			continue
		}
		for name, r := range outs {
			if output == "" || name == output {
				all = append(all, r...)
			}
		}
	}
	return all
}

func attrAt(tr hcl.Traversal, i int) string {
	if i < len(tr) {
		if a, ok := tr[i].(hcl.TraverseAttr); ok {
			return a.Name
		}
	}
	return ""
}

// absentInstance reports whether step i of tr indexes an instance that
// does not exist: a resource whose count is known (its value a known
// tuple) indexed past its end, as in `data.x.y[0]` with count = 0. Such a
// reference lies in a branch Terraform never evaluates (a for expression
// whose filter drops every element, the other side of a conditional), so
// it names nothing the value can come from. A count or key not known, or
// a resource not evaluated yet, keeps the reference.
func absentInstance(v cty.Value, tr hcl.Traversal, i int) bool {
	if i >= len(tr) || !v.IsKnown() || v.IsNull() || !v.Type().IsTupleType() {
		return false
	}
	ix, ok := tr[i].(hcl.TraverseIndex)
	if !ok || !ix.Key.IsKnown() || ix.Key.IsNull() || ix.Key.Type() != cty.Number {
		return false
	}
	n, acc := ix.Key.AsBigFloat().Int64()
	return acc == big.Exact && (n < 0 || n >= int64(v.LengthInt()))
}

// keyAt returns the literal instance key at step i ("[0]", `["a"]`), or "".
func keyAt(tr hcl.Traversal, i int) string {
	if i < len(tr) {
		if ix, ok := tr[i].(hcl.TraverseIndex); ok {
			return instanceKey(ix.Key)
		}
	}
	return ""
}

// dedupe returns the strings of s sorted and without repeats, in a new
// slice. refsOf ends with it for every argument of every instance:
// sorting first and dropping neighbours allocates the slice alone, where
// a set of the strings seen allocated a map as well.
func dedupe(s []string) []string {
	if len(s) < 2 {
		return s
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// errorf is a warning diagnostic at rng.
func warning(rng hcl.Range, summary, format string, args ...any) scanner.Diagnostic {
	return scanner.Diagnostic{
		Severity: scanner.DiagWarning,
		Range:    scanner.RangeOf(rng),
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
	}
}

// resourceTraversals returns every traversal of a resource block that its
// evaluation may follow: count, for_each, the body with nested blocks, and
// the lifecycle block.
func resourceTraversals(d *resourceDecl) []hcl.Traversal {
	var trs []hcl.Traversal
	for _, e := range []hcl.Expression{d.count, d.forEach} {
		if e != nil {
			trs = append(trs, e.Variables()...)
		}
	}
	trs = append(trs, d.bodyTraversals()...)
	if d.lifecycle != nil {
		if attrs, diags := d.lifecycle.Body.JustAttributes(); !diags.HasErrors() {
			for _, a := range attrs {
				trs = append(trs, a.Expr.Variables()...)
			}
		}
	}
	return trs
}

// releases reports whether release drops d's syntax once its instances
// are built: a native syntax resource of the root module instance. The
// root module instance is evaluated once; the modules it calls are left
// alone, as one may be called again, and a bundled model is shared by
// the process.
func (in *instance) releases(d *resourceDecl) bool {
	_, native := d.body.(*hclsyntax.Body)
	return native && in.path == "" && in.mod.bundledFiles == nil
}

// release drops the syntax of a resource of the root module once its
// instances are built (releases): nothing reads it after that but
// writes, which gets the names of the arguments it sets. A one-file
// module of 16,000 resources otherwise kept all of its syntax (tens of
// megabytes) while the values built from it grew, each collection
// marking both. The memo of the traversals and facts of expressions
// (evaluator.traversals, facts) forgets the expressions it took in while
// the resource was evaluated, which it would keep alive; an expression
// of another declaration among them is walked again if read again.
func (in *instance) release(d *resourceDecl) {
	ev := in.ev
	if !ev.journal {
		return
	}
	for _, e := range ev.memoized {
		delete(ev.traversals, e)
		delete(ev.facts, e)
	}
	clear(ev.memoized)
	ev.memoized, ev.journal = ev.memoized[:0], false
	sb, ok := d.body.(*hclsyntax.Body)
	if !ok {
		return // journal is set for native bodies only (releases)
	}
	names := make([]string, 0, len(sb.Attributes))
	for n := range sb.Attributes {
		names = append(names, n)
	}
	d.written, d.body, d.walks = names, nil, nil
	ev.tree.released = true
}
