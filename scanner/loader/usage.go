package loader

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// usage is what a configuration uses, collected once while parsing: the
// functions it calls and the attributes of resources it reads.
type usage struct {
	functions map[string]bool
	// attrs maps a resource type ("aws_s3_bucket", "data.aws_region") to
	// the attribute names read from its instances (`aws_s3_bucket.b.arn`).
	attrs map[string]map[string]bool
	// roots are the names expressions start a reference with that are
	// not scopes (resource types, "data.TYPE" for data sources), and
	// opaque says that some file's references were not walked (JSON):
	// the instances of a type no expression names are never read, and
	// are not built (readsType).
	roots  map[string]bool
	opaque bool
}

func newUsage() *usage {
	return &usage{functions: map[string]bool{}, attrs: map[string]map[string]bool{}, roots: map[string]bool{}}
}

// readsType reports whether an expression may read the instances of
// typ ("aws_s3_bucket", "data.aws_region"): one names it, or a file was
// not walked.
func (u *usage) readsType(typ string) bool {
	return u.opaque || u.roots[typ]
}

// addRoot records the resource type (or data source type) a reference
// starts with; a reference to "data" without a type may be to any data
// source.
func (u *usage) addRoot(tr hcl.Traversal) {
	root := tr.RootName()
	switch {
	case scopeRoots[root]:
	case root != "data":
		u.roots[root] = true
	case len(tr) > 1:
		if t, ok := tr[1].(hcl.TraverseAttr); ok {
			u.roots["data."+t.Name] = true
			return
		}
		u.opaque = true
	default:
		u.opaque = true
	}
}

func (u *usage) merge(o *usage) {
	if o == nil {
		return
	}
	for f := range o.functions {
		u.functions[f] = true
	}
	for typ, names := range o.attrs {
		for n := range names {
			u.addAttr(typ, n)
		}
	}
	for r := range o.roots {
		u.roots[r] = true
	}
	u.opaque = u.opaque || o.opaque
}

func (u *usage) addAttr(typ, name string) {
	m := u.attrs[typ]
	if m == nil {
		m = map[string]bool{}
		u.attrs[typ] = m
	}
	m[name] = true
}

// scopeRoots are traversal roots that are not resource types.
var scopeRoots = map[string]bool{
	"var": true, "local": true, "module": true, "count": true, "each": true,
	"path": true, "terraform": true, "self": true,
}

// collectUsage walks a file's native syntax; JSON files are covered by their
// traversals when evaluated, and call unknown functions rarely enough that
// an error (and an unknown value) is acceptable there.
func collectUsage(body hcl.Body) *usage {
	u := newUsage()
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		u.opaque = true
		return u
	}
	_ = hclsyntax.VisitAll(sb, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.FunctionCallExpr:
			u.functions[e.Name] = true
		case *hclsyntax.ScopeTraversalExpr:
			u.addRoot(e.Traversal)
			u.addTraversal(e.Traversal, nil)
		case *hclsyntax.SplatExpr:
			if src, ok := e.Source.(*hclsyntax.ScopeTraversalExpr); ok {
				if rel, ok := e.Each.(*hclsyntax.RelativeTraversalExpr); ok && len(rel.Traversal) > 0 {
					if a, ok := rel.Traversal[0].(hcl.TraverseAttr); ok {
						u.addTraversal(src.Traversal, &a)
					}
				}
			}
		case *hclsyntax.ForExpr:
			u.addForExpr(e)
		case *hclsyntax.RelativeTraversalExpr:
			// values(aws_s3_bucket.b)[0].arn and similar: the attribute
			// could belong to any resource; record it for the source's
			// resource when the source is one.
			src, ok := e.Source.(*hclsyntax.ScopeTraversalExpr)
			if ix, isIndex := e.Source.(*hclsyntax.IndexExpr); isIndex {
				// aws_subnet.a[local.k].id: the key is an expression,
				// so the traversal stops at the resource.
				src, ok = ix.Collection.(*hclsyntax.ScopeTraversalExpr)
			}
			if ok && len(e.Traversal) > 0 {
				if a, ok := e.Traversal[0].(hcl.TraverseAttr); ok {
					u.addTraversal(src.Traversal, &a)
				}
			}
		}
		return nil
	})
	return u
}

// addTraversal records the attribute a traversal reads from a resource:
// type.name.attr, type.name[key].attr, data.type.name.attr; extra is the
// attribute read after the traversal (a splat's or an index expression's).
func (u *usage) addTraversal(tr hcl.Traversal, extra *hcl.TraverseAttr) {
	if len(tr) < 2 {
		return
	}
	root := tr.RootName()
	typ := root
	rest := tr[2:]
	switch {
	case root == "data":
		if len(tr) < 3 {
			return
		}
		t, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			return
		}
		typ = "data." + t.Name
		rest = tr[3:]
	case scopeRoots[root]:
		return
	}
	if len(rest) > 0 {
		if _, ok := rest[0].(hcl.TraverseIndex); ok {
			rest = rest[1:]
		}
	}
	if len(rest) > 0 {
		if a, ok := rest[0].(hcl.TraverseAttr); ok {
			u.addAttr(typ, a.Name)
		}
		return
	}
	if extra != nil {
		u.addAttr(typ, extra.Name)
	}
}

// addForExpr records the attributes a for expression over a resource's
// instances reads from its value variable: in
// `{ for k, d in data.azurerm_policy_definition.x : k => d.policy_rule }`
// d.policy_rule is an attribute of data.azurerm_policy_definition, which
// must be in the instance objects (unknown) for the expression to keep
// its known keys rather than fail as a whole.
func (u *usage) addForExpr(e *hclsyntax.ForExpr) {
	src, ok := e.CollExpr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || e.ValVar == "" {
		return
	}
	tr := src.Traversal
	want := 2 // type.name
	if tr.RootName() == "data" {
		want = 3 // data.type.name
	}
	if len(tr) != want || scopeRoots[tr.RootName()] {
		return
	}
	for _, sub := range []hclsyntax.Expression{e.KeyExpr, e.ValExpr, e.CondExpr} {
		if sub == nil {
			continue
		}
		_ = hclsyntax.VisitAll(sub, func(n hclsyntax.Node) hcl.Diagnostics {
			st, ok := n.(*hclsyntax.ScopeTraversalExpr)
			if !ok || len(st.Traversal) < 2 || st.Traversal.RootName() != e.ValVar {
				return nil
			}
			if a, ok := st.Traversal[1].(hcl.TraverseAttr); ok {
				u.addTraversal(append(tr[:want:want], a), nil)
			}
			return nil
		})
	}
}
