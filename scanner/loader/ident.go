package loader

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// ident returns the reference the value of expr, not known, is read from
// (see scanner.Value.Ident): expr written as one reference to an input
// variable or to a resource's or data source's attribute, also through
// parentheses, locals and module inputs that are one reference
// themselves (stringSource), module outputs that are (outputIdents), and
// an instance picked by a key known here
// (aws_iam_role.r[count.index].arn). Anything computed gives nil: its
// equality to another value cannot be told.
func (in *instance) ident(ctx *hcl.EvalContext, expr hcl.Expression) *scanner.Ident {
	src, sctx, e, _ := in.stringSource(ctx, expr, 0, true)
	switch e := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return src.traversalIdent(e.Traversal)
	case *hclsyntax.RelativeTraversalExpr:
		ix, ok := e.Source.(*hclsyntax.IndexExpr)
		if !ok {
			return nil
		}
		coll, ok := ix.Collection.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			return nil
		}
		k, diags := ix.Key.Value(sctx)
		if diags.HasErrors() || instanceKey(unmarked(k)) == "" {
			return nil
		}
		tr := make(hcl.Traversal, 0, len(coll.Traversal)+1+len(e.Traversal))
		tr = append(append(tr, coll.Traversal...), hcl.TraverseIndex{Key: unmarked(k)})
		return src.traversalIdent(append(tr, e.Traversal...))
	}
	return nil
}

// traversalIdent is ident for the reference tr, nil when it names
// neither a variable nor an attribute of a resource or data source the
// module declares, or leaves out the key of a resource with count or
// for_each.
func (in *instance) traversalIdent(tr hcl.Traversal) *scanner.Ident {
	if tr.RootName() == "module" {
		return in.moduleOutputIdent(tr)
	}
	if tr.RootName() == "var" {
		name := attrAt(tr, 1)
		if name == "" {
			return nil
		}
		attr, ok := stepsText(tr[2:])
		if !ok {
			return nil
		}
		return &scanner.Ident{Kind: scanner.IdentVariable, Address: in.prefix() + "var." + name, Attr: attr}
	}
	kind, prefix, declared := scanner.IdentResource, "", in.managed
	if tr.RootName() == "data" {
		kind, prefix, declared, tr = scanner.IdentData, "data.", in.data, tr[1:]
	}
	if len(tr) < 3 {
		return nil
	}
	typ, name := stepName(tr[0]), attrAt(tr, 1)
	if _, ok := declared[typ][name]; !ok {
		return nil
	}
	addr, i := in.prefix()+prefix+typ+"."+name, 2
	if ix, ok := tr[2].(hcl.TraverseIndex); ok {
		key := instanceKey(unmarked(ix.Key))
		if key == "" {
			return nil
		}
		addr, i = addr+key, 3
	} else if d := in.mod.managedByAddr[resourceAddr{typ: typ, name: name}]; kind == scanner.IdentResource && (d == nil || d.count != nil || d.forEach != nil) {
		return nil // every instance, not one
	}
	if attrAt(tr, i) == "" {
		return nil // the whole object, not an attribute
	}
	attr, ok := stepsText(tr[i:])
	if !ok {
		return nil
	}
	return &scanner.Ident{Kind: kind, Address: addr, Type: typ, Attr: attr}
}

// stepsText writes the attribute and literal index steps of a reference
// the way Terraform prints them (`tags["Name"]`, `rule[0].id`); ok is
// false for any other step.
func stepsText(steps hcl.Traversal) (string, bool) {
	var b strings.Builder
	for _, step := range steps {
		switch s := step.(type) {
		case hcl.TraverseAttr:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.Name)
		case hcl.TraverseIndex:
			key := instanceKey(unmarked(s.Key))
			if key == "" {
				return "", false
			}
			b.WriteString(key)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// moduleOutputIdent is traversalIdent for module.NAME[KEY].OUTPUT: the
// Ident of the output's own expression, recorded when the module instance
// was evaluated (outputIdents). The key must be written for a call with
// count or for_each, since each instance's output is its own.
func (in *instance) moduleOutputIdent(tr hcl.Traversal) *scanner.Ident {
	instances := in.moduleIdents[attrAt(tr, 1)]
	i, key := 2, ""
	if k := keyAt(tr, 2); k != "" {
		i, key = 3, k
	}
	output := attrAt(tr, i)
	if output == "" || i+1 != len(tr) {
		return nil // the whole module, or a part of an output
	}
	return instances[key][output]
}

// outputIdents is the Ident (see ident) of every output of the module
// instance whose value is not known, for the caller's module.NAME.OUTPUT;
// nil when none has one. Sensitive outputs are left out, as their
// origins are.
func (in *instance) outputIdents(ctx *hcl.EvalContext, vals map[string]cty.Value) map[string]*scanner.Ident {
	var out map[string]*scanner.Ident
	for _, o := range in.mod.outputs {
		v, ok := vals[o.name]
		if !ok || o.expr == nil || o.sensitive || v.IsKnown() {
			continue
		}
		if id := in.ident(ctx, o.expr); id != nil {
			if out == nil {
				out = map[string]*scanner.Ident{}
			}
			out[o.name] = id
		}
	}
	return out
}
