package loader

import (
	"context"
	"errors"
	"fmt"
	"path"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// maxModuleDepth bounds module nesting; real configurations stay far below.
const maxModuleDepth = 32

// loadModuleTree loads the root module in dir of src (or the single file
// only in it) with its module tree, evaluates it and adds the resources to
// res.
func loadModuleTree(ctx context.Context, src *source, cache *parseCache, b *budget, dir, only string, opts Options, res *Result) {
	t := &tree{
		ctx:     ctx,
		src:     src,
		cache:   cache,
		budget:  b,
		limits:  newLimits(opts),
		res:     res,
		usage:   newUsage(),
		modules: map[string]*moduleConfig{},
		rootDir: dir,
		sources: opts.sources,
	}
	t.rootName = src.display(dir)
	if only != "" {
		t.rootName = src.display(path.Join(dir, only))
	}
	t.manifest = readManifest(src, dir, &res.Diagnostics)
	t.locked = readLockFile(src, dir, &res.Diagnostics)
	root := t.loadModule(dir, only, "", nil)
	// Once its values are built, the root's own syntax is released
	// rather than kept for a root that may call it as a module: rules
	// run on this root's resources next, and the collector would mark it
	// all the while (parseCache).
	defer func() {
		if t.released {
			// Their syntax is gone: a root that calls this one as a
			// module parses them again.
			cache.discard(t.rootFiles)
			return
		}
		cache.forget(t.rootFiles)
	}()
	if root == nil {
		return
	}
	if b.exceeded {
		res.addDiag(scanner.Diagnostic{
			Severity: scanner.DiagError,
			Range:    scanner.Range{Filename: t.rootName},
			Summary:  "Root module not evaluated",
			Detail:   fmt.Sprintf("the scan already passed its limit of %d resource and module instances", b.limit),
		})
		return
	}
	ev := &evaluator{tree: t, usage: t.usage, dataSources: make(map[string]scanner.DataSource, len(opts.DataSources)), files: &fileCache{}}
	if cache != nil {
		ev.files = &cache.fileFuncs
	}
	for _, ds := range opts.DataSources {
		ev.dataSources[ds.Type] = ds
	}
	ev.funcs = ev.functions()
	vars := rootVariables(src, dir, only != "", root, opts, ev, &res.Diagnostics)
	ev.runRoot(root, vars)
	t.remapBundled()
}

// evaluator evaluates the module instances of one root module.
type evaluator struct {
	tree *tree
	// profCtx holds the profile labels set by labelled, restored when
	// a nested label ends.
	profCtx context.Context
	usage   *usage
	funcs   map[string]function.Function
	// computed are the names of the functions the scanner computes
	// (funcs but those addUncomputed adds); tmplFuncs are the
	// functions of templates, built when first needed.
	computed    map[string]bool
	tmplFuncs   map[string]function.Function
	dataSources map[string]scanner.DataSource
	// files keeps what file functions read, glob and parse.
	files *fileCache
	// reads collects what file functions return while a local value is
	// evaluated (memo.go).
	reads *[]fileRecord
	// tmplVars collects the variables the templates rendered while a
	// local value is evaluated refer to (memo_narrow.go).
	tmplVars map[string]bool
	// rootVars are the root module's variables set by a variable file,
	// --var or TF_VAR_* (the rest take their defaults).
	rootVars map[string]inputValue
	// marked is set once a value of this root module may hold a mark:
	// until then functions skip go-cty's walks for marks
	// (unmarked_funcs.go).
	marked bool
	// traversals are the references of expressions (variables), kept
	// for the root module being loaded.
	traversals map[hclsyntax.Expression][]hcl.Traversal
	// facts are what the memo reads of local values' expressions
	// (exprFacts), kept for the root module being loaded.
	facts map[hclsyntax.Expression]*exprFacts
	// memoized, while journal is set, are the expressions traversals and
	// facts took in, for release to take out again.
	memoized []hclsyntax.Expression
	journal  bool
	// decided counts the conditions decideBool decided: a local value
	// evaluated while it grew depends on what its module's caller wrote,
	// not only on the values the memo's key holds (decide.go).
	decided int
	// called are the results of wrapped functions called ahead of
	// go-cty's return type check (unmarked_funcs.go, typeAhead), each
	// waiting for its implementation to hand it back.
	called []aheadCall
}

// inputValue is a variable's value with the resources its expression refers
// to, so that references through variables still lead to the resources.
type inputValue struct {
	val  cty.Value
	refs []string
	// src is where a module call writes the value, for mapParts; nil
	// for the root module's variables.
	src *varSource
}

func (ev *evaluator) diag(d scanner.Diagnostic) {
	ev.tree.res.addDiag(d)
}

// diag reports a problem met while evaluating the instance. One raised
// inside a bundled model points at the call this instance was made for:
// remapBundled, which runs after every call is evaluated, no longer knows
// which call of the model it came from.
func (in *instance) diag(d scanner.Diagnostic) {
	if in.mod.bundledFiles != nil && isBundled(d.Range) && len(in.calls) > 0 {
		d.Range = in.calls[len(in.calls)-1]
		d.Detail = strings.TrimSpace(d.Detail + " (in the scanner's bundled model of the module)")
	}
	in.ev.diag(d)
}

// runRoot evaluates the root module instance.
func (ev *evaluator) runRoot(m *moduleConfig, vars map[string]inputValue) {
	ev.rootVars = vars
	in := ev.newInstance(m, "", nil, map[string]*providerConf{}, 0)
	in.setVariables(vars)
	in.run()
}

// providerConf is an evaluated provider configuration.
type providerConf struct {
	// addr is the configuration's address in the module that declares it,
	// prefixed by that module's path: "aws.dr", "module.net.aws".
	addr        string
	region      scanner.Value
	defaultTags scanner.Value
	// account is the account the configuration selects (see
	// scanner.Resource.Account), shared by its resources.
	account scanner.Value
}

// instance is one module instance being evaluated.
type instance struct {
	ev        *evaluator
	mod       *moduleConfig
	path      string // "" for the root, else `module.a["x"].module.b`
	calls     []scanner.Range
	depth     int
	providers map[string]*providerConf

	vars    map[string]cty.Value
	varRefs map[string][]string
	// varSrc is where the caller writes each input variable (mapParts
	// follows it); it is only read while the caller is evaluating the call.
	varSrc    map[string]*varSource
	locals    map[string]cty.Value
	localRefs map[string][]string
	// localFP, varFP and moduleFP keep the fingerprints of local
	// values, variables and module calls for memo keys (memo.go).
	localFP    map[string]*memoEntry
	varFP      map[string]*fingerprint
	moduleFP   map[string]*fingerprint
	managed    map[string]map[string]cty.Value
	data       map[string]map[string]cty.Value
	modules    map[string]cty.Value
	moduleRefs map[string]map[string]map[string][]string // call → instance key → output → refs
	// moduleOrigins is, per call and instance key, the origins of the
	// outputs not wholly known (outputOrigins); outOrigins is this
	// instance's own, for its caller.
	moduleOrigins map[string]map[string]map[string][]scanner.OriginSource
	outOrigins    map[string][]scanner.OriginSource
	// moduleIdents is, per call and instance key, the Ident of each
	// output not known that is one reference (outputIdents); outIdents
	// is this instance's own, for its caller. Both are nil until one is
	// found.
	moduleIdents map[string]map[string]map[string]*scanner.Ident
	outIdents    map[string]*scanner.Ident
	// uncertain is set when the count or for_each of a module call on
	// the way to this instance is not known, so that it may not exist.
	uncertain bool
	// eachDomain is, while the one instance of a resource whose for_each
	// is not known is evaluated, every value each.value can take, when
	// they can be listed (see eachValues); nil otherwise.
	eachDomain []cty.Value
	// eachSuffix is, while an instance of a resource whose for_each
	// element is only known after apply is evaluated, the text every
	// element of that for_each (a set of strings) is known to end with
	// (elemSuffix); eachCtx is the context that instance's each is set in,
	// so that only its own each.value is read so (knownSuffix).
	eachSuffix string
	eachCtx    *hcl.EvalContext
	// eachOf is, while an instance of a resource with a known for_each
	// key is evaluated, that for_each and key, so that origins can follow
	// each.value to the element the for_each writes (eachOrigins).
	eachOf *eachSource
	// forSuffix names the iteration variables of the for expressions
	// elemSuffix is in, with the text their elements are known to end with.
	forSuffix map[string]string
	// unkeyed are the resources whose count or for_each is not known,
	// loaded as one instance without a key.
	unkeyed map[string]bool

	// ctx holds what every expression of the instance sees (var, path,
	// terraform, functions); evalCtx adds what one refers to.
	ctx *hcl.EvalContext
}

func (ev *evaluator) newInstance(m *moduleConfig, modPath string, calls []scanner.Range, providers map[string]*providerConf, depth int) *instance {
	in := &instance{
		ev:            ev,
		mod:           m,
		path:          modPath,
		calls:         calls,
		depth:         depth,
		providers:     providers,
		vars:          map[string]cty.Value{},
		varRefs:       map[string][]string{},
		varSrc:        map[string]*varSource{},
		locals:        map[string]cty.Value{},
		localRefs:     map[string][]string{},
		localFP:       map[string]*memoEntry{},
		varFP:         map[string]*fingerprint{},
		moduleFP:      map[string]*fingerprint{},
		managed:       map[string]map[string]cty.Value{},
		data:          map[string]map[string]cty.Value{},
		modules:       map[string]cty.Value{},
		moduleRefs:    map[string]map[string]map[string][]string{},
		moduleOrigins: map[string]map[string]map[string][]scanner.OriginSource{},
		unkeyed:       map[string]bool{},
	}
	// Everything declared starts unknown, so that a reference to something
	// not evaluated yet (a cycle) is unknown rather than an error.
	for _, l := range m.locals {
		in.locals[l.name] = cty.DynamicVal
	}
	for _, r := range m.resources {
		tab := in.managed
		if r.mode == "data" {
			tab = in.data
		}
		if tab[r.typ] == nil {
			tab[r.typ] = map[string]cty.Value{}
		}
		tab[r.typ][r.name] = cty.DynamicVal
	}
	for _, c := range m.calls {
		in.modules[c.name] = cty.DynamicVal
	}
	in.ctx = &hcl.EvalContext{
		Variables: map[string]cty.Value{
			"path": cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(ev.tree.src.pathValue(ev.tree.rootDir, m.dir)),
				"root":   cty.StringVal(ev.tree.src.pathValue(ev.tree.rootDir, ev.tree.rootDir)),
				"cwd":    cty.StringVal(ev.tree.src.pathValue(ev.tree.rootDir, ev.tree.rootDir)),
			}),
			"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
		},
		Functions: ev.funcs,
	}
	return in
}

// setVariables sets the module's input variables: given values converted to
// their type constraints, defaults otherwise, unknown when neither.
func (in *instance) setVariables(given map[string]inputValue) {
	names := make([]string, 0, len(in.mod.variables))
	for n := range in.mod.variables {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		decl := in.mod.variables[n]
		iv, ok := given[n]
		// A bundled model's declaration is no place the user can fix:
		// a value of the wrong type is the call's input.
		at := decl.rng
		if in.mod.bundledFiles != nil && iv.src != nil {
			at = iv.src.expr.Range()
		}
		in.vars[n] = in.ev.finalizeVariable(decl, iv.val, ok, at)
		in.varRefs[n] = iv.refs
		if iv.src != nil {
			in.varSrc[n] = iv.src
		}
	}
	in.ctx.Variables["var"] = cty.ObjectVal(in.vars)
}

// run evaluates every declaration of the instance in dependency order and
// returns the outputs.
func (in *instance) run() (cty.Value, map[string][]string) {
	for _, n := range in.mod.nodes {
		if in.ev.tree.ctx.Err() != nil || in.ev.tree.budget.exceeded {
			break
		}
		in.evalNode(n)
	}
	var out cty.Value
	var refs map[string][]string
	in.ev.labelled("outputs", "", func() { out, refs = in.outputs() })
	return out, refs
}

// evalNode evaluates one declaration; a panic becomes a diagnostic and the
// declaration's values stay unknown.
func (in *instance) evalNode(n *node) {
	defer func() {
		if r := recover(); r != nil {
			in.ev.journal = false // the resource keeps its syntax
			in.diag(scanner.Diagnostic{
				Severity: scanner.DiagError,
				Range:    scanner.RangeOf(nodeRange(n)),
				Summary:  "Internal error while evaluating " + n.key,
				Detail:   fmt.Sprintf("%v\n%s", r, debug.Stack()),
			})
		}
	}()
	switch n.kind {
	case nodeProvider:
		in.evalProvider(n.prov)
	case nodeLocal:
		in.ev.labelled("local ", n.local.name, func() {
			v, refs := in.evalLocal(n.local)
			in.locals[n.local.name] = v
			in.localRefs[n.local.name] = refs
		})
	case nodeResource:
		in.ev.journal = in.releases(n.res)
		kind := "body "
		if n.res.mode == "data" {
			kind = "body data."
		}
		in.ev.labelled(kind, n.res.typ, func() { in.evalResource(n.res) })
		in.release(n.res)
	case nodeCall:
		in.ev.labelled("call module.", n.call.name, func() { in.evalCall(n.call) })
	}
}

func nodeRange(n *node) hcl.Range {
	switch n.kind {
	case nodeProvider:
		return n.prov.defRange
	case nodeLocal:
		return n.local.rng
	case nodeResource:
		return n.res.defRange
	default:
		return n.call.defRange
	}
}

// evalCtx returns an evaluation context holding what the traversals trs
// refer to: the local values, module calls, data sources and resources
// they name, over the instance's context (var, path, terraform, functions).
// Building only what is referred to keeps evaluation linear: rebuilding
// every local value for each of them made a module with 100,000 locals
// take hours.
func (in *instance) evalCtx(trs []hcl.Traversal) *hcl.EvalContext {
	picked := map[string]map[string]cty.Value{}
	pick := func(root string, all map[string]cty.Value, name string) {
		if v, ok := all[name]; ok {
			if picked[root] == nil {
				picked[root] = map[string]cty.Value{}
			}
			picked[root][name] = v
		}
	}
	data := map[string]map[string]cty.Value{}
	for _, tr := range trs {
		root, name := tr.RootName(), attrAt(tr, 1)
		switch root {
		case "local":
			pick(root, in.locals, name)
		case "module":
			pick(root, in.modules, name)
		case "data":
			typ, dname := name, attrAt(tr, 2)
			if v, ok := in.data[typ][dname]; ok {
				if data[typ] == nil {
					data[typ] = map[string]cty.Value{}
				}
				data[typ][dname] = v
			}
		default:
			if all, ok := in.managed[root]; ok {
				pick(root, all, name)
			}
		}
	}
	vars := make(map[string]cty.Value, len(picked)+1)
	for root, names := range picked {
		vars[root] = cty.ObjectVal(names)
	}
	if len(data) > 0 {
		types := make(map[string]cty.Value, len(data))
		for typ, names := range data {
			types[typ] = cty.ObjectVal(names)
		}
		vars["data"] = cty.ObjectVal(types)
	}
	ctx := in.ctx.NewChild()
	ctx.Variables = vars
	return ctx
}

// variables is expr.Variables(), kept by expression for the root module
// being loaded: each instance of a module walks the same expressions for
// their references (the evaluation context, the memo's key, the
// references of the value), and a landing zone calls one module 49 times.
// The slice is capped at its length, so that a caller's append copies it;
// no caller writes into it.
func (ev *evaluator) variables(expr hcl.Expression) []hcl.Traversal {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		return expr.Variables()
	}
	if isLiteral(se) {
		return nil
	}
	if trs, ok := ev.traversals[se]; ok {
		return trs
	}
	trs := expr.Variables()
	trs = trs[:len(trs):len(trs)]
	if ev.traversals == nil {
		ev.traversals = map[hclsyntax.Expression][]hcl.Traversal{}
	}
	ev.traversals[se] = trs
	if ev.journal {
		ev.memoized = append(ev.memoized, se)
	}
	return trs
}

// evalLocal evaluates a local value, or reuses the value another instance
// of the module computed from equal referenced values (memo.go).
func (in *instance) evalLocal(l *localDecl) (cty.Value, []string) {
	trs := in.ev.variables(l.expr)
	ctx := in.evalCtx(trs)
	refs := in.refsOf(ctx, l.expr, nil)
	narrow := in.templateOnlyRefs(l.expr, trs)
	key, ok := in.localKey(l, trs, narrow)
	if ok {
		var e *memoEntry
		var hit bool
		if narrow != nil {
			e, hit = in.ev.files.lookupNarrowed(key, narrow)
		} else {
			e, hit = in.ev.files.lookupLocal(key)
		}
		// A value left partly unknown by a comparison may be decided
		// for this instance by what its caller wrote (decideBool). The
		// expression is looked at first: the value may be a whole
		// library of policy documents, walked again on every hit.
		if hit && in.ev.factsOf(l.expr, trs).comparison && !e.val.IsWhollyKnown() {
			hit = false
		}
		if hit {
			for _, f := range e.files {
				in.ev.readFile(f.path, f.val)
			}
			in.localFP[l.name] = e
			in.ev.marked = in.ev.marked || e.marked
			return e.val, refs
		}
	}
	res := in.ev.tree.res
	before := len(res.Diagnostics)
	var files []fileRecord
	in.ev.reads = &files
	if narrow != nil {
		in.ev.tmplVars = map[string]bool{}
	}
	decided := in.ev.decided
	v := in.value(ctx, l.expr)
	tmplVars := in.ev.tmplVars
	in.ev.reads, in.ev.tmplVars = nil, nil
	e := &memoEntry{val: v, files: files, marked: in.ev.marked}
	in.localFP[l.name] = e
	switch {
	case !ok || len(res.Diagnostics) != before || in.ev.decided != decided:
	case narrow != nil:
		in.ev.files.storeNarrowed(key, narrow, tmplVars, e)
	default:
		in.ev.files.storeLocal(key, e)
	}
	return e.val, refs
}

// prefix is the module path followed by a dot, "" for the root.
func (in *instance) prefix() string {
	if in.path == "" {
		return ""
	}
	return in.path + "."
}

func (in *instance) evalProvider(p *providerDecl) {
	conf := &providerConf{addr: in.prefix() + p.addr()}
	conf.region = scanner.Value{Name: "region", Val: cty.NilVal, Range: scanner.RangeOf(p.defRange)}
	if p.region != nil {
		ctx := in.evalCtx(p.region.Expr.Variables())
		v, refs := in.evalExpr(ctx, p.region.Expr, nil)
		conf.region = attrValue(v, scanner.RangeOf(p.region.Range), refs)
		conf.region.Name, conf.region.Present = "region", true
		if !v.IsKnown() {
			// Two providers whose region is one variable are in one
			// region, whichever it is.
			if id := in.ident(ctx, p.region.Expr); id != nil {
				conf.region = conf.region.WithIdent(id)
			}
		}
	}
	conf.defaultTags = scanner.Value{Name: "default_tags", Val: cty.NilVal, Range: scanner.RangeOf(p.defRange)}
	switch {
	case p.dynamicTags:
		conf.defaultTags.Val, conf.defaultTags.Present = cty.DynamicVal, true
	case p.defaultTags != nil:
		v, refs := in.evalExpr(in.evalCtx(p.defaultTags.Expr.Variables()), p.defaultTags.Expr, nil)
		conf.defaultTags = attrValue(v, scanner.RangeOf(p.defaultTags.Range), refs)
		conf.defaultTags.Name, conf.defaultTags.Present = "default_tags", true
	}
	conf.account = in.providerAccount(p)
	in.providers[p.addr()] = conf
	in.emitProviderCredentials(p)
}

// providerAccount evaluates the account p selects: allowed_account_ids of
// one element, else the account field of assume_role's role_arn; unknown
// when p selects credentials some other way or these are not known (with
// the reference they are read from, so that two configurations assuming
// var.role are in one account); absent when p selects none.
func (in *instance) providerAccount(p *providerDecl) scanner.Value {
	out := scanner.Value{Name: "account", Val: cty.NilVal, Range: scanner.RangeOf(p.defRange)}
	for _, a := range []*hcl.Attribute{p.accountIDs, p.roleARN} {
		if a == nil {
			continue
		}
		ctx := in.evalCtx(a.Expr.Variables())
		v, refs := in.evalExpr(ctx, a.Expr, nil)
		out = attrValue(v, scanner.RangeOf(a.Range), refs)
		out.Name, out.Present = "account", true
		if id, ok := accountOf(v, a == p.roleARN); ok {
			out.Val = cty.StringVal(id)
			return out
		}
		out.Val = cty.UnknownVal(cty.String)
		if id := in.ident(ctx, a.Expr); id != nil && !v.IsKnown() {
			out = out.WithIdent(id)
		}
		return out
	}
	if p.selectsAccount {
		out.Val, out.Present = cty.UnknownVal(cty.String), true
	}
	return out
}

// accountOf reads the account from an evaluated allowed_account_ids (one
// known element) or role_arn (the fifth field of a known ARN). A
// sensitive value gives none: its text is not read, and the account is
// unknown.
func accountOf(v cty.Value, isARN bool) (string, bool) {
	if !v.IsWhollyKnown() || v.IsNull() || v.ContainsMarked() {
		return "", false
	}
	if isARN {
		if v.Type() != cty.String {
			return "", false
		}
		parts := strings.SplitN(v.AsString(), ":", 6)
		if len(parts) < 6 || parts[0] != "arn" || parts[4] == "" {
			return "", false
		}
		return parts[4], true
	}
	if !v.CanIterateElements() || v.LengthInt() != 1 {
		return "", false
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.Type() == cty.String && !e.IsNull() {
			return e.AsString(), true
		}
		if e.Type() == cty.Number {
			return e.AsBigFloat().Text('f', 0), true
		}
	}
	return "", false
}

// emitProviderCredentials adds a provider configuration that sets
// credentials to the resources, as a pseudo-resource of mode "provider"
// and type "provider.NAME" (address "provider.aws", "provider.aws.west",
// "module.net.provider.aws"), so that a rule can judge keys written into
// the configuration. Its block holds the credential arguments only.
func (in *instance) emitProviderCredentials(p *providerDecl) {
	if len(p.credentials) == 0 {
		return
	}
	block := scanner.NewBlock("provider", scanner.RangeOf(p.defRange))
	for _, a := range p.credentials {
		v, refs := in.evalExpr(in.evalCtx(a.Expr.Variables()), a.Expr, nil)
		block.SetAttr(a.Name, attrValue(v, scanner.RangeOf(a.Range), refs))
	}
	in.ev.tree.res.Resources = append(in.ev.tree.res.Resources, &scanner.Resource{
		Root:          in.ev.tree.rootName,
		Address:       in.prefix() + "provider." + p.addr(),
		Mode:          "provider",
		Type:          "provider." + p.name,
		Name:          p.addr(),
		Module:        in.path,
		Provider:      in.prefix() + p.addr(),
		ProviderMajor: in.ev.tree.providerMajor(p.name),
		ModuleCalls:   in.calls,
		MayNotExist:   in.uncertain,
		Block:         block,
	})
}

// provider returns the configuration a resource of this instance uses.
func (in *instance) provider(addr string) *providerConf {
	if p, ok := in.providers[addr]; ok {
		return p
	}
	return &providerConf{addr: in.prefix() + addr, region: scanner.Value{Name: "region", Val: cty.NilVal}}
}

// evalExpr evaluates an expression and the resources it refers to. An
// evaluation error yields an unknown value: the scanner cannot know it, and
// Terraform would not run with it either.
func (in *instance) evalExpr(ctx *hcl.EvalContext, expr hcl.Expression, sc *scope) (cty.Value, []string) {
	v, refs, _ := in.evalExprOf(ctx, expr, sc)
	return v, refs
}

// evalExprOf is evalExpr, with whether hcl's own evaluation of expr failed
// or gave a value not wholly known (valueOf).
func (in *instance) evalExprOf(ctx *hcl.EvalContext, expr hcl.Expression, sc *scope) (cty.Value, []string, bool) {
	if expr == nil {
		return cty.NullVal(cty.DynamicPseudoType), nil, false
	}
	refs := in.refsOf(ctx, expr, sc)
	v, unknown := in.valueOf(ctx, expr)
	return v, refs, unknown
}

// value evaluates an expression. When an object or tuple constructor
// fails, its items are evaluated one by one so that one bad item (a tag
// calling an unsupported function) leaves only that item unknown.
func (in *instance) value(ctx *hcl.EvalContext, expr hcl.Expression) cty.Value {
	v, _ := in.valueOf(ctx, expr)
	return v
}

// valueOf is value, with whether hcl's own evaluation of expr (before the
// loader's refinements) failed or gave a value not wholly known: origins
// then need not evaluate expr again to ask.
func (in *instance) valueOf(ctx *hcl.EvalContext, expr hcl.Expression) (cty.Value, bool) {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal {
		return in.failedValue(ctx, expr, diags), diags.HasErrors()
	}
	return in.evaluatedValue(ctx, expr, v)
}

// failedValue is value for an expr whose evaluation failed.
func (in *instance) failedValue(ctx *hcl.EvalContext, expr hcl.Expression, diags hcl.Diagnostics) cty.Value {
	switch e := expr.(type) {
	case *hclsyntax.ObjectConsExpr:
		return in.objectItems(ctx, e)
	case *hclsyntax.TupleConsExpr:
		vals := make([]cty.Value, len(e.Exprs))
		for i, item := range e.Exprs {
			vals[i] = in.value(ctx, item)
		}
		return cty.TupleVal(vals)
	}
	in.reportEscapes(diags)
	in.reportRejected(expr, diags)
	if b, ok := pythonBool(expr); ok {
		return b
	}
	return cty.DynamicVal
}

// evaluatedValue is value for an expr hcl evaluated as v, with whether
// v is not wholly known (valueOf).
func (in *instance) evaluatedValue(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value) (cty.Value, bool) {
	why, tooLarge, whollyKnown := in.ev.files.measure(v)
	if tooLarge {
		in.diag(scanner.Diagnostic{
			Severity: scanner.DiagError,
			Range:    scanner.RangeOf(expr.Range()),
			Summary:  "Value too large",
			Detail:   why + "; the scanner does not evaluate it",
		})
		return cty.DynamicVal, false
	}
	if whollyKnown {
		return v, false
	}
	v = sameResults(in, ctx, expr, v, 0)
	if !v.IsKnown() && !v.IsMarked() && (v.Type() == cty.Bool || v.Type() == cty.DynamicPseudoType) && mayDecideBool(expr) {
		if b, ok := in.decideBool(ctx, expr, 0); ok {
			in.noteDecided()
			return cty.BoolVal(b), true
		}
	}
	// Marks (sensitive) stay on the value until it becomes a scanner.Value
	// (attrValue), so that locals, outputs and resource attributes derived
	// from it carry them as in Terraform.
	return in.fullPrefixes(ctx, expr, v), true
}

func (in *instance) objectItems(ctx *hcl.EvalContext, e *hclsyntax.ObjectConsExpr) cty.Value {
	attrs := make(map[string]cty.Value, len(e.Items))
	for _, item := range e.Items {
		k, diags := item.KeyExpr.Value(ctx)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() {
			return cty.DynamicVal
		}
		ks, err := convert.Convert(unmarked(k), cty.String)
		if err != nil {
			return cty.DynamicVal
		}
		attrs[ks.AsString()] = in.value(ctx, item.ValueExpr)
	}
	return cty.ObjectVal(attrs)
}

// outputs evaluates the module's outputs.
func (in *instance) outputs() (cty.Value, map[string][]string) {
	var trs []hcl.Traversal
	for _, o := range in.mod.outputs {
		if o.expr != nil {
			trs = append(trs, o.expr.Variables()...)
		}
	}
	ctx := in.evalCtx(trs)
	vals := make(map[string]cty.Value, len(in.mod.outputs))
	refs := make(map[string][]string, len(in.mod.outputs))
	for _, o := range in.mod.outputs {
		v, r := in.evalOutput(ctx, o)
		if o.sensitive {
			v = in.ev.markSensitive(v)
		}
		vals[o.name] = v
		refs[o.name] = r
	}
	if in.path != "" {
		in.outOrigins = in.outputOrigins(ctx, vals)
		in.outIdents = in.outputIdents(ctx, vals)
	}
	return cty.ObjectVal(vals), refs
}

func (in *instance) evalOutput(ctx *hcl.EvalContext, o *outputDecl) (v cty.Value, refs []string) {
	defer func() {
		if r := recover(); r != nil {
			v, refs = cty.DynamicVal, nil
			in.diag(scanner.Diagnostic{
				Severity: scanner.DiagError,
				Range:    scanner.RangeOf(o.rng),
				Summary:  "Internal error while evaluating output " + o.name,
				Detail:   fmt.Sprint(r),
			})
		}
	}()
	return in.evalExpr(ctx, o.expr, nil)
}

// pathValue is what path.module and path.root evaluate to for a directory
// of the source filesystem: relative to the root module, which is
// Terraform's working directory, or absolute when reading from disk (as
// Terraform shows path.cwd).
func (s *source) pathValue(rootDir, dir string) string {
	if s.absolute {
		return "/" + strings.TrimPrefix(dir, "/")
	}
	return relPath(rootDir, dir)
}

// relPath is the slash path from directory from to directory to, both
// paths of the same filesystem.
func relPath(from, to string) string {
	if from == "." {
		return to
	}
	if to == from {
		return "."
	}
	if strings.HasPrefix(to, from+"/") {
		return to[len(from)+1:]
	}
	fromParts := strings.Split(from, "/")
	toParts := strings.Split(to, "/")
	if to == "." {
		toParts = nil
	}
	i := 0
	for i < len(fromParts) && i < len(toParts) && fromParts[i] == toParts[i] {
		i++
	}
	parts := make([]string, 0, len(fromParts)-i+len(toParts)-i)
	for range fromParts[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, toParts[i:]...)
	return path.Join(parts...)
}

// fsPath maps a path given to file() and friends back to the source
// filesystem: absolute paths (from path.module on disk) lose their slash,
// relative ones are relative to the root module, as Terraform's working
// directory is.
func (s *source) fsPath(rootDir, p string) string {
	if s.absolute && strings.HasPrefix(p, "/") {
		return path.Clean(strings.TrimPrefix(p, "/"))
	}
	return s.join(rootDir, p)
}

// join resolves rel against dir, both paths of the source filesystem. On
// disk a `..` above the root stays at the root, as it does for the
// operating system: "../../../etc" from a shallow directory is /etc.
func (s *source) join(dir, rel string) string {
	if !s.absolute {
		return path.Join(dir, rel)
	}
	p := strings.TrimPrefix(path.Join("/"+dir, rel), "/")
	if p == "" {
		return "."
	}
	return p
}

// reportEscapes turns file functions' refusals to leave the scanned tree
// into error diagnostics at the call; other evaluation errors only make the
// value unknown.
func (in *instance) reportEscapes(diags hcl.Diagnostics) {
	for _, d := range diags {
		extra, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d)
		if !ok {
			continue
		}
		var ref *refusedError
		if !errors.As(extra.FunctionCallError(), &ref) {
			continue
		}
		diag := scanner.Diagnostic{Severity: scanner.DiagError, Summary: "File not read", Detail: ref.Error()}
		if ref.outside {
			diag.Summary = "File outside the scanned directory"
		}
		if d.Subject != nil {
			diag.Range = scanner.RangeOf(*d.Subject)
		}
		in.diag(diag)
	}
}

// pythonBool reads a bare True or False (any case) as the boolean its
// author meant. Terraform rejects it as a reference to nothing, and the
// loader reports that error, but the slip is common in configurations
// written by people used to Python or YAML, and reading encrypted = False
// as unknown would hide a plain misconfiguration behind the error.
func pythonBool(expr hcl.Expression) (cty.Value, bool) {
	e, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(e.Traversal) != 1 {
		return cty.NilVal, false
	}
	switch strings.ToLower(e.Traversal.RootName()) {
	case "true":
		return cty.True, true
	case "false":
		return cty.False, true
	}
	return cty.NilVal, false
}
