package loader

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// partsDepth bounds how many merges, conditionals, local values and module
// inputs mapParts follows.
const partsDepth = 16

// partsBudget bounds how many expressions mapParts reads for one
// argument, so that conditionals and merges of local values that repeat
// one another cannot make it read exponentially many.
const partsBudget = 512

// varSource is where a module call writes an input variable: the calling
// instance, the call's evaluation context and the argument's expression.
type varSource struct {
	in   *instance
	ctx  *hcl.EvalContext
	expr hcl.Expression
}

// partialMaps returns the MapParts of the maps only known after apply
// within the value v of expr: v itself, or the items of an object literal
// (body = { properties = var.app_settings }), at their paths.
func (in *instance) partialMaps(ctx *hcl.EvalContext, expr hcl.Expression, v cty.Value, path []string, depth int) []scanner.PartialMap {
	if depth > partsDepth || v == cty.NilVal {
		return nil
	}
	v, _ = v.Unmark()
	if !v.IsKnown() {
		t := v.Type()
		if !t.IsMapType() && !t.IsObjectType() && t != cty.DynamicPseudoType {
			return nil
		}
		budget := partsBudget
		return []scanner.PartialMap{{Path: path, Parts: in.mapParts(ctx, expr, 0, &budget)}}
	}
	obj, ok := unwrapParens(expr).(*hclsyntax.ObjectConsExpr)
	if !ok || v.IsNull() || !v.Type().IsObjectType() {
		return nil
	}
	var out []scanner.PartialMap
	for _, item := range obj.Items {
		k, diags := item.KeyExpr.Value(ctx)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || !k.Type().Equals(cty.String) {
			continue
		}
		if !v.Type().HasAttribute(k.AsString()) {
			continue
		}
		iv := v.GetAttr(k.AsString())
		if iv.IsWhollyKnown() {
			continue
		}
		sub := append(append([]string(nil), path...), k.AsString())
		out = append(out, in.partialMaps(ctx, item.ValueExpr, iv, sub, depth+1)...)
	}
	return out
}

func unwrapParens(expr hcl.Expression) hcl.Expression {
	for {
		p, ok := expr.(*hclsyntax.ParenthesesExpr)
		if !ok {
			return expr
		}
		expr = p.Expression
	}
}

// mapParts reads the map expr evaluates to by the parts it is written
// from: a known map gives its entries; merge() the parts of each argument,
// a later key replacing an earlier one; a conditional the branch its known
// condition picks, or both branches' entries as maybe; local values and
// module inputs are followed to their expressions; an attribute of a
// resource or data source is computed by the provider. Anything else is
// open, with the reason.
func (in *instance) mapParts(ctx *hcl.EvalContext, expr hcl.Expression, depth int, budget *int) *scanner.MapParts {
	*budget--
	if depth > partsDepth || *budget < 0 {
		return &scanner.MapParts{Open: "it is built through too many merges, conditionals, local values and module inputs to follow"}
	}
	expr = unwrapParens(expr)
	if v, diags := expr.Value(ctx); !diags.HasErrors() && v.IsKnown() {
		return knownParts(v, exprName(expr))
	}
	switch e := expr.(type) {
	case *hclsyntax.FunctionCallExpr:
		if (e.Name == "merge" || e.Name == "tomap" && len(e.Args) == 1) && !e.ExpandFinal {
			out := &scanner.MapParts{}
			for _, a := range e.Args {
				out = mergeParts(out, in.mapParts(ctx, a, depth+1, budget))
			}
			return out
		}
	case *hclsyntax.ConditionalExpr:
		c, diags := e.Condition.Value(ctx)
		c, _ = c.UnmarkDeep()
		if !diags.HasErrors() && c.IsKnown() && !c.IsNull() && c.Type() == cty.Bool {
			if c.True() {
				return in.mapParts(ctx, e.TrueResult, depth+1, budget)
			}
			return in.mapParts(ctx, e.FalseResult, depth+1, budget)
		}
		return eitherParts(in.mapParts(ctx, e.TrueResult, depth+1, budget), in.mapParts(ctx, e.FalseResult, depth+1, budget))
	case *hclsyntax.ScopeTraversalExpr:
		if p := in.traversalParts(e.Traversal, depth, budget); p != nil {
			return p
		}
	case *hclsyntax.ObjectConsExpr:
		out := &scanner.MapParts{}
		for _, item := range e.Items {
			k, diags := item.KeyExpr.Value(ctx)
			k, _ = k.UnmarkDeep()
			if diags.HasErrors() || !k.IsKnown() || k.IsNull() || !k.Type().Equals(cty.String) {
				if out.Open == "" {
					out.Open = "a key of " + exprName(expr) + " is only known after apply"
				}
				continue
			}
			v, diags := item.ValueExpr.Value(ctx)
			if diags.HasErrors() {
				v = cty.DynamicVal
			}
			v, _ = v.UnmarkDeep()
			out = mergeParts(out, &scanner.MapParts{Entries: []scanner.MapEntry{{Key: k.AsString(), Val: v}}})
		}
		return out
	}
	return &scanner.MapParts{Open: exprName(expr) + " is only known after apply"}
}

// knownParts are the entries of a known map or object; name says what
// it is in a reason.
func knownParts(v cty.Value, name string) *scanner.MapParts {
	v, _ = v.UnmarkDeep()
	if v.IsNull() {
		return &scanner.MapParts{}
	}
	if t := v.Type(); t.IsMapType() || t.IsObjectType() {
		out := &scanner.MapParts{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out.Entries = append(out.Entries, scanner.MapEntry{Key: k.AsString(), Val: e})
		}
		return out
	}
	return &scanner.MapParts{Open: name + " is not a map"}
}

// traversalParts follows local.NAME and var.NAME to their expressions and
// takes a resource's or data source's attribute for computed; it returns
// nil for other references.
func (in *instance) traversalParts(tr hcl.Traversal, depth int, budget *int) *scanner.MapParts {
	root := tr.RootName()
	name := ""
	if len(tr) > 1 {
		if a, ok := tr[1].(hcl.TraverseAttr); ok {
			name = a.Name
		}
	}
	switch root {
	case "local":
		if len(tr) != 2 {
			return nil
		}
		if l := in.mod.local(name); l != nil {
			if v := in.locals[name]; v.IsKnown() {
				return knownParts(v, "local."+name)
			}
			return in.mapParts(in.evalCtx(in.ev.variables(l.expr)), l.expr, depth+1, budget)
		}
	case "var":
		if len(tr) != 2 {
			return nil
		}
		if v, ok := in.vars[name]; ok && v.IsKnown() {
			return knownParts(v, "var."+name)
		}
		if src := in.varSrc[name]; src != nil {
			return src.in.mapParts(src.ctx, src.expr, depth+1, budget)
		}
		return &scanner.MapParts{Open: "var." + name + " has no value"}
	case "data":
		return &scanner.MapParts{Computed: []string{traversalName(tr)}}
	default:
		if _, ok := in.managed[root]; ok && name != "" {
			if in.writes(root, name, tr) {
				return &scanner.MapParts{Open: traversalName(tr) + " is written in the configuration from values only known after apply"}
			}
			return &scanner.MapParts{Computed: []string{traversalName(tr)}}
		}
	}
	return nil
}

// writes reports whether the managed resource typ.name writes the
// argument the traversal reads after it (its value comes from the
// configuration, not from the provider).
func (in *instance) writes(typ, name string, tr hcl.Traversal) bool {
	arg := ""
	for _, step := range tr[2:] {
		if a, ok := step.(hcl.TraverseAttr); ok {
			arg = a.Name
			break
		}
	}
	if arg == "" {
		return false
	}
	r := in.mod.managedByAddr[resourceAddr{typ: typ, name: name}]
	if r == nil {
		return false
	}
	return r.setsArg(arg)
}

// mergeParts returns the parts of merge(a, b): b's entries replace a's
// entries of the same key when b surely holds them, and a's entries may be
// replaced when b may hold keys that cannot be read.
func mergeParts(a, b *scanner.MapParts) *scanner.MapParts {
	out := &scanner.MapParts{Open: a.Open, Computed: append(append([]string(nil), a.Computed...), b.Computed...)}
	if out.Open == "" {
		out.Open = b.Open
	}
	replaced := map[string]bool{}
	for _, e := range b.Entries {
		if !e.Maybe {
			replaced[e.Key] = true
		}
	}
	unreadable := b.Open != "" || len(b.Computed) > 0
	for _, e := range a.Entries {
		if replaced[e.Key] {
			continue
		}
		if unreadable {
			e.Maybe = true
		}
		out.Entries = append(out.Entries, e)
	}
	out.Entries = append(out.Entries, b.Entries...)
	return out
}

// eitherParts returns the parts of a map that is a or b, as a condition
// only known after apply decides: every entry is maybe.
func eitherParts(a, b *scanner.MapParts) *scanner.MapParts {
	out := &scanner.MapParts{Open: a.Open, Computed: append(append([]string(nil), a.Computed...), b.Computed...)}
	if out.Open == "" {
		out.Open = b.Open
	}
	for _, e := range append(append([]scanner.MapEntry(nil), a.Entries...), b.Entries...) {
		e.Maybe = true
		out.Entries = append(out.Entries, e)
	}
	return out
}

// exprName names an expression in a reason: a reference as written, a
// function call by its name, anything else by where it is written.
func exprName(expr hcl.Expression) string {
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return traversalName(e.Traversal)
	case *hclsyntax.FunctionCallExpr:
		return e.Name + "(…)"
	case *hclsyntax.ForExpr:
		return "the for expression at line " + fmt.Sprint(e.SrcRange.Start.Line)
	}
	return fmt.Sprintf("the expression at %s:%d", expr.Range().Filename, expr.Range().Start.Line)
}

// traversalName writes a traversal as the configuration does.
func traversalName(tr hcl.Traversal) string {
	var b strings.Builder
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			if s.Key.IsKnown() && s.Key.Type() == cty.String {
				fmt.Fprintf(&b, "[%q]", s.Key.AsString())
			} else if s.Key.IsKnown() && s.Key.Type() == cty.Number {
				fmt.Fprintf(&b, "[%s]", s.Key.AsBigFloat().Text('f', -1))
			} else {
				b.WriteString("[…]")
			}
		}
	}
	return b.String()
}
