package loader

import (
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

type nodeKind int

const (
	nodeProvider nodeKind = iota
	nodeLocal
	nodeResource
	nodeCall
)

// node is one thing a module instance evaluates: a provider configuration,
// a local value, a resource or data block, or a module call.
type node struct {
	kind  nodeKind
	key   string
	prov  *providerDecl
	local *localDecl
	res   *resourceDecl
	call  *callDecl
	deps  []int
}

// buildGraph orders a module's declarations so that each is evaluated after
// what it refers to. Terraform rejects cycles; the scanner breaks them in
// source order, so a cycle yields unknown values instead of no values.
func buildGraph(m *moduleConfig) []*node {
	var nodes []*node
	for _, p := range m.providers {
		nodes = append(nodes, &node{kind: nodeProvider, key: "provider." + p.addr(), prov: p})
	}
	for _, l := range m.locals {
		nodes = append(nodes, &node{kind: nodeLocal, key: "local." + l.name, local: l})
	}
	for _, r := range m.resources {
		nodes = append(nodes, &node{kind: nodeResource, key: r.key(), res: r})
	}
	for _, c := range m.calls {
		nodes = append(nodes, &node{kind: nodeCall, key: "module." + c.name, call: c})
	}
	index := make(map[string]int, len(nodes))
	for i, n := range nodes {
		index[n.key] = i
	}
	for i, n := range nodes {
		seen := map[int]bool{i: true}
		add := func(key string) {
			if j, ok := index[key]; ok && !seen[j] {
				seen[j] = true
				n.deps = append(n.deps, j)
			}
		}
		for _, tr := range nodeTraversals(n) {
			add(dependencyKey(tr))
		}
		switch n.kind {
		case nodeResource:
			add("provider." + resourceProvider(n.res))
		case nodeCall:
			// A called module sees this module's provider configurations.
			for _, p := range m.providers {
				add("provider." + p.addr())
			}
		}
	}
	m.problems = append(m.problems, checkCycles(nodes)...)
	return topoOrder(nodes)
}

// resourceProvider is the provider configuration address a resource uses
// within its module.
func resourceProvider(r *resourceDecl) string {
	if r.provider != "" {
		return r.provider
	}
	return impliedProvider(r.typ)
}

// impliedProvider is the provider local name Terraform infers from a
// resource type: the part before the first underscore.
func impliedProvider(typ string) string {
	for i := 0; i < len(typ); i++ {
		if typ[i] == '_' {
			return typ[:i]
		}
	}
	return typ
}

// dependencyKey maps a traversal to the key of the node it refers to.
func dependencyKey(tr hcl.Traversal) string {
	root := tr.RootName()
	name := func(i int) string {
		if i < len(tr) {
			if a, ok := tr[i].(hcl.TraverseAttr); ok {
				return a.Name
			}
		}
		return ""
	}
	switch root {
	case "local":
		return "local." + name(1)
	case "module":
		return "module." + name(1)
	case "data":
		return "data." + name(1) + "." + name(2)
	case "var", "count", "each", "path", "terraform", "self":
		return ""
	}
	return root + "." + name(1)
}

func nodeTraversals(n *node) []hcl.Traversal {
	var out []hcl.Traversal
	addExpr := func(e hcl.Expression) {
		if e != nil {
			out = append(out, e.Variables()...)
		}
	}
	switch n.kind {
	case nodeProvider:
		if n.prov.region != nil {
			addExpr(n.prov.region.Expr)
		}
		for _, a := range n.prov.credentials {
			addExpr(a.Expr)
		}
		if n.prov.defaultTags != nil {
			addExpr(n.prov.defaultTags.Expr)
		}
	case nodeLocal:
		addExpr(n.local.expr)
	case nodeResource:
		addExpr(n.res.count)
		addExpr(n.res.forEach)
		out = append(out, n.res.bodyTraversals()...)
	case nodeCall:
		addExpr(n.call.count)
		addExpr(n.call.forEach)
		for _, a := range n.call.inputs {
			addExpr(a.Expr)
		}
	}
	return out
}

// bodyTraversals returns every traversal in a body, nested blocks included.
// For native syntax it over-approximates (iterator variables of `for`
// expressions are included), which only adds edges to nodes that do not
// exist.
func bodyTraversals(body hcl.Body, jsonAttrs hcl.Attributes) []hcl.Traversal {
	var out []hcl.Traversal
	if sb, ok := body.(*hclsyntax.Body); ok {
		_ = hclsyntax.VisitAll(sb, func(n hclsyntax.Node) hcl.Diagnostics {
			if e, ok := n.(*hclsyntax.ScopeTraversalExpr); ok {
				out = append(out, e.Traversal)
			}
			return nil
		})
		return out
	}
	for _, a := range jsonAttrs {
		out = append(out, a.Expr.Variables()...)
	}
	return out
}

// topoOrder sorts nodes so that dependencies come first, preferring source
// order; a cycle is broken at its earliest node.
func topoOrder(nodes []*node) []*node {
	dependents := make([][]int, len(nodes))
	pending := make([]int, len(nodes))
	for i, n := range nodes {
		pending[i] = len(n.deps)
		for _, d := range n.deps {
			dependents[d] = append(dependents[d], i)
		}
	}
	// ready is kept sorted, so the earliest declaration goes first.
	var ready []int
	push := func(i int) {
		at := sort.SearchInts(ready, i)
		ready = slices.Insert(ready, at, i)
	}
	for i := range nodes {
		if pending[i] == 0 {
			push(i)
		}
	}
	done := make([]bool, len(nodes))
	out := make([]*node, 0, len(nodes))
	next := 0 // lowest index that may still be pending, for breaking cycles
	for len(out) < len(nodes) {
		var i int
		if len(ready) > 0 {
			i, ready = ready[0], ready[1:]
			if done[i] {
				continue
			}
		} else {
			for done[next] {
				next++
			}
			i = next
		}
		done[i] = true
		out = append(out, nodes[i])
		for _, d := range dependents[i] {
			pending[d]--
			if pending[d] == 0 && !done[d] {
				push(d)
			}
		}
	}
	return out
}
