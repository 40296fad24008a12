package loader

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// evalCall evaluates every instance of a module call: its inputs in this
// instance, then the child module instance, whose outputs become
// module.NAME here.
func (in *instance) evalCall(c *callDecl) {
	childMod := in.mod.children[c]
	if childMod == nil {
		return // remote or missing: reported when loading; outputs stay unknown
	}
	if in.depth >= maxModuleDepth {
		in.diag(warning(c.defRange, "Module nesting too deep", "module %q is nested more than %d levels deep and is not evaluated", c.name, maxModuleDepth))
		return
	}
	exps, known, truncated, expRefs := in.expand(in.prefix()+"module."+c.name, c.count, c.forEach)
	if !in.ev.tree.takeInstances(len(exps), c.defRange, in.prefix()+"module."+c.name) {
		return
	}
	if known && len(exps) == 0 {
		in.noteEmptyCall(c)
	}
	calls := append(append([]scanner.Range(nil), in.calls...), scanner.RangeOf(c.defRange))
	providers := in.childProviders(c)
	objs := make([]cty.Value, 0, len(exps))
	keyed := make(map[string]cty.Value, len(exps))
	outRefs := map[string]map[string][]string{}
	outOrigins := map[string]map[string][]scanner.OriginSource{}
	var trs []hcl.Traversal
	for _, a := range c.inputs {
		trs = append(trs, in.ev.variables(a.Expr)...)
	}
	base := in.evalCtx(trs)
	for _, e := range exps {
		if in.ev.tree.budget.exceeded {
			return
		}
		ctx := base
		if vars := e.variables(); vars != nil {
			ctx = ctx.NewChild()
			ctx.Variables = vars
		}
		sc := eachScope(c.forEach, expRefs, e.key)
		inputs := make(map[string]inputValue, len(c.inputs))
		for name, a := range c.inputs {
			v, refs := in.evalExpr(ctx, a.Expr, sc)
			inputs[name] = inputValue{val: v, refs: refs, src: &varSource{in: in, ctx: ctx, expr: a.Expr}}
		}
		childPath := in.prefix() + "module." + c.name + e.addrKey()
		child := in.ev.newInstance(childMod, childPath, calls, providers, in.depth+1)
		child.uncertain = in.uncertain || e.maybe
		out, refs := child.runWith(inputs)
		outRefs[e.addrKey()] = refs
		outOrigins[e.addrKey()] = child.outOrigins
		if child.outIdents != nil {
			if in.moduleIdents == nil {
				in.moduleIdents = map[string]map[string]map[string]*scanner.Ident{}
			}
			if in.moduleIdents[c.name] == nil {
				in.moduleIdents[c.name] = map[string]map[string]*scanner.Ident{}
			}
			in.moduleIdents[c.name][e.addrKey()] = child.outIdents
		}
		objs = append(objs, out)
		if e.key != cty.NilVal && e.key.Type() == cty.String {
			keyed[e.key.AsString()] = out
		}
	}
	var v cty.Value
	switch {
	case !known, truncated:
		v = cty.DynamicVal
	case c.count != nil:
		v = cty.TupleVal(objs)
		if len(objs) == 0 {
			v = cty.EmptyTupleVal
		}
	case c.forEach != nil:
		v = cty.ObjectVal(keyed)
	default:
		v = objs[0]
	}
	in.modules[c.name] = v
	delete(in.moduleFP, c.name)
	in.moduleRefs[c.name] = outRefs
	in.moduleOrigins[c.name] = outOrigins
}

// childProviders returns the provider configurations a called module sees:
// those its `providers` map passes or, without that map, the caller's
// default (unaliased) configurations, as Terraform does.
func (in *instance) childProviders(c *callDecl) map[string]*providerConf {
	out := map[string]*providerConf{}
	if len(c.providers) == 0 {
		for addr, p := range in.providers {
			if !strings.Contains(addr, ".") {
				out[addr] = p
			}
		}
		return out
	}
	for _, pp := range c.providers {
		out[pp.child] = in.provider(pp.parent)
	}
	return out
}

// readManifest reads .terraform/modules/modules.json, written by `terraform
// init`, mapping module keys ("app", "app.db") to their directories.
func readManifest(src *source, rootDir string, diags *[]scanner.Diagnostic) map[string]string {
	p := path.Join(rootDir, ".terraform", "modules", "modules.json")
	data, err := fs.ReadFile(src.fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		*diags = append(*diags, notRead(scanner.Range{Filename: src.display(p)}, src.display, "Cannot read module manifest", err))
		return nil
	}
	var m struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		*diags = append(*diags, scanner.Diagnostic{
			Severity: scanner.DiagWarning,
			Range:    scanner.Range{Filename: src.display(p)},
			Summary:  "Cannot read module manifest",
			Detail:   fmt.Sprintf("%v; installed modules are not scanned", err),
		})
		return nil
	}
	out := map[string]string{}
	for _, mod := range m.Modules {
		if mod.Key == "" {
			continue
		}
		// A Dir that leaves the tree is kept: loading it is refused and
		// reported at the module call.
		out[mod.Key] = src.join(rootDir, strings.ReplaceAll(mod.Dir, `\`, "/"))
	}
	return out
}
