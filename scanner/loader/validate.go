package loader

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// This file holds what Terraform rejects before it plans, so that the
// scanner fails closed on it instead of calling the values unknown, which
// would let a gate pass on a configuration that can never apply:
// references to what the module does not declare and cycles (checked once
// per module), and, while evaluating, calls to functions that do not exist
// and function calls that fail on arguments written in the configuration.
// What may depend on values given at plan time (a variable, a module
// output, a data source) stays unknown: Terraform may well accept it.

// checkReferences reports references to variables, locals, modules,
// resources and data sources the module does not declare, as
// `terraform validate` does. Meta-arguments that are not expressions
// (provider, depends_on, lifecycle, provisioners) are left out.
func checkReferences(m *moduleConfig) []scanner.Diagnostic {
	decl := declared(m)
	var out []scanner.Diagnostic
	check := func(trs []hcl.Traversal) {
		for _, tr := range trs {
			if d, bad := decl.check(tr); bad {
				out = append(out, d)
			}
		}
	}
	vars := func(e hcl.Expression) []hcl.Traversal {
		if e == nil {
			return nil
		}
		return e.Variables()
	}
	for _, p := range m.providers {
		if p.region != nil {
			check(vars(p.region.Expr))
		}
	}
	for _, l := range m.locals {
		check(vars(l.expr))
	}
	for _, o := range m.outputs {
		check(vars(o.expr))
	}
	for _, r := range m.resources {
		check(vars(r.count))
		check(vars(r.forEach))
		if sb, ok := r.body.(*hclsyntax.Body); ok {
			check(r.syntaxReferences(sb))
			continue
		}
		for _, a := range sortedAttrs(r.jsonAttrs) {
			if a.Name != "dynamic" && a.Name != "//" {
				check(vars(a.Expr))
			}
		}
	}
	for _, c := range m.calls {
		check(vars(c.count))
		check(vars(c.forEach))
		for _, a := range sortedAttrs(c.inputs) {
			check(vars(a.Expr))
		}
	}
	return out
}

// syntaxBodyReferences returns the references of a native-syntax resource
// body, its nested blocks included. iterators are the names dynamic blocks
// bind around it; top is set for the resource body itself, whose
// meta-arguments are not references.
func syntaxBodyReferences(body *hclsyntax.Body, top bool, iterators []string) []hcl.Traversal {
	var out []hcl.Traversal
	for name, a := range body.Attributes {
		if top && resourceMeta[name] {
			continue
		}
		for _, tr := range a.Expr.Variables() {
			if !isIterator(tr.RootName(), iterators) {
				out = append(out, tr)
			}
		}
	}
	for _, b := range body.Blocks {
		switch {
		case top && (b.Type == "lifecycle" || b.Type == "provisioner" || b.Type == "connection"):
		case b.Type == "dynamic" && len(b.Labels) == 1:
			iterator := b.Labels[0]
			if a, ok := b.Body.Attributes["iterator"]; ok {
				iterator = hcl.ExprAsKeyword(a.Expr)
			}
			inner := append(append([]string(nil), iterators...), iterator)
			for name, a := range b.Body.Attributes {
				if name == "iterator" {
					continue
				}
				for _, tr := range a.Expr.Variables() {
					if !isIterator(tr.RootName(), iterators) {
						out = append(out, tr)
					}
				}
			}
			for _, c := range b.Body.Blocks {
				out = append(out, syntaxBodyReferences(c.Body, false, inner)...)
			}
		default:
			out = append(out, syntaxBodyReferences(b.Body, false, iterators)...)
		}
	}
	return out
}

func isIterator(name string, iterators []string) bool {
	for _, it := range iterators {
		if it == name {
			return true
		}
	}
	return false
}

// declarations is what a module declares, by kind.
type declarations struct {
	vars, locals, calls map[string]bool
	managed, data       map[string]map[string]bool
}

func declared(m *moduleConfig) *declarations {
	d := &declarations{vars: map[string]bool{}, locals: map[string]bool{}, calls: map[string]bool{}, managed: map[string]map[string]bool{}, data: map[string]map[string]bool{}}
	for n := range m.variables {
		d.vars[n] = true
	}
	for _, l := range m.locals {
		d.locals[l.name] = true
	}
	for _, c := range m.calls {
		d.calls[c.name] = true
	}
	for _, r := range m.resources {
		tab := d.managed
		if r.mode == "data" {
			tab = d.data
		}
		if tab[r.typ] == nil {
			tab[r.typ] = map[string]bool{}
		}
		tab[r.typ][r.name] = true
	}
	return d
}

// notReferences are the roots of references that name no declaration of
// the module (or that the scanner does not check).
var notReferences = map[string]bool{
	"count": true, "each": true, "self": true, "path": true, "terraform": true,
	"ephemeral": true, "resource": true, "action": true, "list": true,
}

// check reports a traversal that refers to nothing declared.
func (d *declarations) check(tr hcl.Traversal) (scanner.Diagnostic, bool) {
	root := tr.RootName()
	name := attrAt(tr, 1)
	diag := func(summary, format string, args ...any) (scanner.Diagnostic, bool) {
		return scanner.Diagnostic{
			Severity: scanner.DiagError,
			Range:    scanner.RangeOf(tr.SourceRange()),
			Summary:  summary,
			Detail:   fmt.Sprintf(format, args...) + "; Terraform rejects the configuration.",
		}, true
	}
	switch {
	case notReferences[root]:
		return scanner.Diagnostic{}, false
	case root == "var":
		if name != "" && !d.vars[name] {
			return diag("Reference to undeclared input variable", "an input variable named %q is not declared", name)
		}
	case root == "local":
		if name != "" && !d.locals[name] {
			return diag("Reference to undeclared local value", "a local value named %q is not declared", name)
		}
	case root == "module":
		if name != "" && !d.calls[name] {
			return diag("Reference to undeclared module", "no module call named %q is declared", name)
		}
	case root == "data":
		typ, dname := name, attrAt(tr, 2)
		if typ != "" && dname != "" && !d.data[typ][dname] {
			return diag("Reference to undeclared resource", "a data resource %q %q is not declared", typ, dname)
		}
	case name == "":
		if len(tr) == 1 {
			return diag("Invalid reference", "%q is not a variable, local value, resource or anything else that can be referred to", root)
		}
	case !d.managed[root][name]:
		return diag("Reference to undeclared resource", "a managed resource %q %q is not declared", root, name)
	}
	return scanner.Diagnostic{}, false
}

// checkCycles reports the local values and resources that depend on each
// other, which Terraform rejects ("Cycle: local.a, local.b"). Cycles
// through module calls or provider configurations are left alone: Terraform
// orders a module's variables and outputs one by one, so a module call may
// well both use and feed another declaration.
func checkCycles(byIndex []*node) []scanner.Diagnostic {
	var out []scanner.Diagnostic
	for _, scc := range stronglyConnected(byIndex) {
		if len(scc) == 1 && !selfReferent(byIndex[scc[0]]) {
			continue
		}
		names := make([]string, 0, len(scc)+1)
		checked := true
		for _, i := range scc {
			n := byIndex[i]
			if n.kind != nodeLocal && n.kind != nodeResource {
				checked = false
				break
			}
			names = append(names, n.key)
		}
		if !checked {
			continue
		}
		first := byIndex[scc[0]]
		out = append(out, scanner.Diagnostic{
			Severity: scanner.DiagError,
			Range:    scanner.RangeOf(nodeRange(first)),
			Summary:  "Cycle",
			Detail:   strings.Join(names, ", ") + " depend on each other; Terraform rejects the configuration.",
		})
	}
	return out
}

// selfReferent reports a local value that refers to itself.
func selfReferent(n *node) bool {
	if n.kind != nodeLocal {
		return false
	}
	for _, tr := range n.local.expr.Variables() {
		if dependencyKey(tr) == n.key {
			return true
		}
	}
	return false
}

// stronglyConnected returns the strongly connected components of the
// dependency graph (Tarjan's algorithm, without recursion so that a long
// chain of locals cannot exhaust the stack), each sorted by declaration
// order, in the order of their first declaration.
func stronglyConnected(nodes []*node) [][]int {
	const unvisited = -1
	index := make([]int, len(nodes))
	low := make([]int, len(nodes))
	onStack := make([]bool, len(nodes))
	for i := range index {
		index[i] = unvisited
	}
	var stack []int
	var out [][]int
	next := 0
	type frame struct{ v, edge int }
	for start := range nodes {
		if index[start] != unvisited {
			continue
		}
		work := []frame{{v: start}}
		index[start], low[start] = next, next
		next++
		stack = append(stack, start)
		onStack[start] = true
		for len(work) > 0 {
			f := &work[len(work)-1]
			deps := nodes[f.v].deps
			if f.edge < len(deps) {
				w := deps[f.edge]
				f.edge++
				switch {
				case index[w] == unvisited:
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					work = append(work, frame{v: w})
				case onStack[w]:
					low[f.v] = min(low[f.v], index[w])
				}
				continue
			}
			v := f.v
			work = work[:len(work)-1]
			if len(work) > 0 {
				p := work[len(work)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			var scc []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				scc = append(scc, w)
				if w == v {
					break
				}
			}
			slices.Sort(scc)
			out = append(out, scc)
		}
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}
