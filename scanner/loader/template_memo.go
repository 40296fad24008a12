package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// A module called once per management group renders the same library of
// policy templates in each instance, with variables that differ between
// the instances (the scope being deployed to) but that most templates do
// not use: a policy definition is plain text, an assignment names the
// scope and the default location. A Load keeps what templatefile
// returned, keyed by the file, a digest of its content and the values of
// the variables the template refers to, so an instance, or the next root
// module, whose template sees the same values reuses the rendered value
// instead of rendering it again; jsondecode and yamldecode then get the
// same document, which they decode once (decodeOnce). The variables may
// hold values known only after apply (a workspace ID from another module,
// as in Azure's caf-enterprise-scale): a template that does not refer to
// them renders the same whatever they are, and one that does renders an
// equal unknown (same type and refinements) the same way, so the
// rendering is kept either way. A scan of caf-enterprise-scale renders
// its library about 9,400 times: none of them reused a kept rendering
// when only wholly known variables were kept, 5,700 do now. A template
// whose value may depend on more than that is rendered each time: one
// calling a file function (a path resolved against the root module, a
// read to record), a sensitivity function, or a function the scanner
// does not compute, and any template when the variables are unknown as a
// whole or an unknown it refers to holds marks. Renders that fail are not kept, so that each call reports its
// own error. Like the values of local values (memo.go), an entry no root
// used in the root just loaded is dropped when the next one starts.

// renderKey identifies one rendering of a template file: the file in the
// source filesystem, and a 128-bit hash of its content and of the values
// of the variables the template refers to.
type renderKey struct {
	file   string
	h1, h2 uint64
}

// renderEntry is a rendered template.
type renderEntry struct {
	val cty.Value
	// marked is set when the value may hold a mark, or rendering it
	// made one: a root reusing it has marks too (unmarked_funcs.go).
	marked bool
	rootUse
}

// templateRefs are the names a parsed template refers to: the root
// names of its variables and the functions it calls, sorted and unique.
type templateRefs struct {
	vars  []string
	calls []string
}

// refsOfTemplate lists what expr refers to.
func refsOfTemplate(expr hclsyntax.Expression) templateRefs {
	var r templateRefs
	vars := map[string]bool{}
	for _, tr := range expr.Variables() {
		vars[tr.RootName()] = true
	}
	calls := map[string]bool{}
	_ = hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		if c, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			calls[c.Name] = true
		}
		return nil
	})
	r.vars = sortedKeys(vars)
	r.calls = sortedKeys(calls)
	return r
}

// templateUncached are the functions whose calls keep a template from
// being kept: file functions resolve paths against the root module and
// record what they read; the sensitivity functions make or inspect marks.
var templateUncached = map[string]bool{"sensitive": true, "nonsensitive": true, "issensitive": true}

// renderKeyOf returns the key of rendering the template file (its path in
// the source filesystem) parsed as pt, whose digest stands for its
// content, with vars; ok is false when the rendering is not to be kept.
func (ev *evaluator) renderKeyOf(pt parsedTemplate, file string, vars cty.Value) (renderKey, bool) {
	if pt.err != nil || !vars.IsKnown() || vars.IsMarked() {
		return renderKey{}, false
	}
	ty := vars.Type()
	if !vars.IsNull() && !ty.IsObjectType() && !ty.IsMapType() {
		return renderKey{}, false
	}
	for _, c := range pt.refs.calls {
		if fileFunctions[c] || templateUncached[c] || !ev.computed[c] {
			return renderKey{}, false
		}
	}
	vals := make([]cty.Value, 0, 2*len(pt.refs.vars)+2)
	vals = append(vals, cty.NumberUIntVal(pt.digest[0]), cty.NumberUIntVal(pt.digest[1]))
	for _, name := range pt.refs.vars {
		v := templateVar(vars, name)
		if v != cty.NilVal && !v.IsWhollyKnown() && v.ContainsMarked() {
			// The hash writes an unknown value as go-cty shows it,
			// which leaves out the marks it may hold inside.
			return renderKey{}, false
		}
		vals = append(vals, cty.StringVal(name), v)
	}
	h1, h2, ok := hashValuesIn(ev.files, vals)
	if !ok {
		return renderKey{}, false
	}
	return renderKey{file: file, h1: h1, h2: h2}, true
}

// templateVar is the variable name of vars, cty.NilVal when there is none.
func templateVar(vars cty.Value, name string) cty.Value {
	switch {
	case vars.IsNull():
		return cty.NilVal
	case vars.Type().IsObjectType():
		if vars.Type().HasAttribute(name) {
			return vars.GetAttr(name)
		}
	case vars.HasIndex(cty.StringVal(name)).True():
		return vars.Index(cty.StringVal(name))
	}
	return cty.NilVal
}

func (c *fileCache) lookupRendered(key renderKey) (*renderEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return lookupKept(c, c.rendered, key)
}

func (c *fileCache) storeRendered(key renderKey, e *renderEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	storeKept(c, &c.rendered, key, e)
}

// renderFile renders the template file named name in messages, at file
// in the source filesystem, with content src, reusing an earlier
// rendering with the same content and variable values.
func (ev *evaluator) renderFile(src []byte, name, file string, vars cty.Value) (cty.Value, error) {
	pt := ev.parseTemplate(src, name, file)
	if ev.tmplVars != nil {
		for _, v := range pt.refs.vars {
			ev.tmplVars[v] = true
		}
	}
	key, ok := ev.renderKeyOf(pt, file, vars)
	if ok {
		if e, hit := ev.files.lookupRendered(key); hit {
			ev.marked = ev.marked || e.marked
			return e.val, nil
		}
	}
	before := ev.marked
	v, err := ev.evalTemplate(pt, name, vars)
	if ok && err == nil {
		ev.files.storeRendered(key, &renderEntry{val: v, marked: (ev.marked && !before) || v.ContainsMarked()})
	}
	return v, err
}

// templateFunctions are the functions a template may call: the
// configuration's, except templatefile itself as in Terraform. They are
// built once per evaluator.
func (ev *evaluator) templateFunctions() map[string]function.Function {
	if ev.tmplFuncs == nil {
		ev.tmplFuncs = make(map[string]function.Function, len(ev.funcs))
		for fn, f := range ev.funcs {
			if fn != "templatefile" {
				ev.tmplFuncs[fn] = f
			}
		}
	}
	return ev.tmplFuncs
}
