package loader

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// A module's library of policy documents is rendered with one object of
// template variables (`templatefile(f, local.template_file_vars)`) that
// holds what differs between the instances: the scope, the location.
// Most templates use none of it, so the value of the local value that
// renders the library does not depend on most of the object; keyed by the
// whole object, each instance would render and decode the library again.
// A value referred to only as the variables of templatefile calls is
// therefore left out of the key (narrowed), and kept with the value are
// the names of the variables the rendered templates refer to and a hash
// of the value's attributes of those names: an instance reuses the value
// when its own attributes of those names are equal. What a template
// renders is a function of its content and of the variables it refers to
// (templateRefs); a template that fails to be read or parsed fails the
// same way whatever the variables. A value that is not a known object or
// map without marks is not narrowed: a template sees it differently. Its
// attributes may be unknown (template_memo.go): the hash writes an
// unknown with its type and refinements.

// narrowEntry is one value of a local value whose key left out narrowed
// values: names are the template variables its evaluation referred to,
// h the hash of the narrowed values' attributes of those names.
type narrowEntry struct {
	names []string
	h     [2]uint64
	e     *memoEntry
}

// narrowMax bounds the values kept for one key with narrowed values.
const narrowMax = 16

// templateOnlyRefs returns the values of the local values and variables
// that expr refers to only as a whole, as the variables of templatefile
// calls, by "root.name"; nil when there are none, or when one is not a
// known object or map without marks.
func (in *instance) templateOnlyRefs(expr hcl.Expression, trs []hcl.Traversal) map[string]cty.Value {
	var out map[string]cty.Value
	for _, ref := range in.ev.factsOf(expr, trs).templateOnly {
		var v cty.Value
		var declared bool
		if ref[:len("local.")] == "local." {
			v, declared = in.locals[ref[len("local."):]]
		} else {
			v, declared = in.vars[ref[len("var."):]]
		}
		if !declared || v.IsNull() || !v.IsKnown() || in.ev.containsMarked(v) {
			return nil
		}
		if ty := v.Type(); !ty.IsObjectType() && !ty.IsMapType() {
			return nil
		}
		if out == nil {
			out = map[string]cty.Value{}
		}
		out[ref] = v
	}
	return out
}

// templateVarsRef returns the local value or variable ("root.name") n
// passes whole as the variables of a templatefile call, if it is one.
func templateVarsRef(n hclsyntax.Node) (string, bool) {
	c, ok := n.(*hclsyntax.FunctionCallExpr)
	if !ok || c.Name != "templatefile" || c.ExpandFinal || len(c.Args) != 2 {
		return "", false
	}
	st, ok := c.Args[1].(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(st.Traversal) != 2 {
		return "", false
	}
	root, name := st.Traversal.RootName(), attrAt(st.Traversal, 1)
	if (root != "local" && root != "var") || name == "" {
		return "", false
	}
	return root + "." + name, true
}

// templateOnly lists, sorted, the local values and variables
// ("root.name") that an expression whose references are trs refers to
// only as a whole, as the variables of templatefile calls: asVars counts
// those calls per name (templateVarsRef). It consumes asVars.
func templateOnly(asVars map[string]int, trs []hcl.Traversal) []string {
	if asVars == nil {
		return nil
	}
	for _, tr := range trs {
		ref := tr.RootName() + "." + attrAt(tr, 1)
		if _, ok := asVars[ref]; ok {
			asVars[ref]--
		}
	}
	var names []string
	for ref, n := range asVars {
		// n < 0: referred to other than as templatefile's variables too.
		if n == 0 {
			names = append(names, ref)
		}
	}
	sort.Strings(names)
	return names
}

// narrowHash hashes the attributes named names of the narrowed values.
func narrowHash(c *fileCache, narrow map[string]cty.Value, names []string) (uint64, uint64, bool) {
	refs := sortedKeys(narrow)
	vals := make([]cty.Value, 0, len(refs)*(2*len(names)+1))
	for _, ref := range refs {
		vals = append(vals, cty.StringVal(ref))
		for _, name := range names {
			vals = append(vals, cty.StringVal(name), templateVar(narrow[ref], name))
		}
	}
	return hashValuesIn(c, vals)
}

// lookupNarrowed returns the value kept for key whose narrowed values'
// attributes equal those of narrow.
func (c *fileCache) lookupNarrowed(key memoKey, narrow map[string]cty.Value) (*memoEntry, bool) {
	c.mu.Lock()
	cands := append([]*narrowEntry(nil), c.narrowed[key]...)
	c.mu.Unlock()
	for _, ne := range cands {
		h1, h2, ok := narrowHash(c, narrow, ne.names)
		if !ok || h1 != ne.h[0] || h2 != ne.h[1] {
			continue
		}
		c.mu.Lock()
		ne.e.used = c.root
		c.mu.Unlock()
		return ne.e, true
	}
	return nil, false
}

// storeNarrowed keeps e for key, evaluated with the narrowed values narrow
// by templates that referred to the variables names.
func (c *fileCache) storeNarrowed(key memoKey, narrow map[string]cty.Value, names map[string]bool, e *memoEntry) {
	sorted := sortedKeys(names)
	h1, h2, ok := narrowHash(c, narrow, sorted)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.narrowed == nil {
		c.narrowed = map[memoKey][]*narrowEntry{}
	}
	if len(c.narrowed[key]) >= narrowMax {
		return
	}
	e.used = c.root
	c.narrowed[key] = append(c.narrowed[key], &narrowEntry{names: sorted, h: [2]uint64{h1, h2}, e: e})
}

// sweepNarrowed drops the values the root just loaded did not use; c.mu
// is held.
func (c *fileCache) sweepNarrowed() {
	for k, list := range c.narrowed {
		kept := list[:0]
		for _, ne := range list {
			if ne.e.used >= c.root {
				kept = append(kept, ne)
			}
		}
		if len(kept) == 0 {
			delete(c.narrowed, k)
		} else {
			c.narrowed[k] = kept
		}
	}
}
