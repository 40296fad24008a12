package scanner

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// ObjectLiteral returns expr when it is an object literal written in the
// configuration, or a jsonencode of one, and nil otherwise: the loader
// keeps it in Value.Literal so that PartRange can point into it.
func ObjectLiteral(expr hcl.Expression) hcl.Expression {
	if objectCons(expr) != nil {
		return expr
	}
	return nil
}

// objectCons unwraps expr to the object constructor it writes: `{ … }`
// itself or the single argument of `jsonencode({ … })`.
func objectCons(expr hcl.Expression) *hclsyntax.ObjectConsExpr {
	switch e := expr.(type) {
	case *hclsyntax.ObjectConsExpr:
		return e
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "jsonencode" && len(e.Args) == 1 {
			if o, ok := e.Args[0].(*hclsyntax.ObjectConsExpr); ok {
				return o
			}
		}
	}
	return nil
}

// PartRange returns where the part of an object value at path (a key of
// each nested object, such as "properties", "minimumTlsVersion") is
// written: from its key to the end of its value when the argument is an
// object literal that writes that key, the range of the deepest key of
// path that is written otherwise, and the argument's range when the value
// was not written as a literal (a variable, a local, plan JSON).
func (v Value) PartRange(path ...string) Range {
	rng := v.Range
	obj := objectCons(v.Literal())
	for _, key := range path {
		if obj == nil {
			break
		}
		item := objectItem(obj, key)
		if item == nil {
			break
		}
		rng = RangeOf(hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range()))
		obj = objectCons(item.ValueExpr)
	}
	return rng
}

// objectItem returns the item of obj whose key is a literal equal to key.
func objectItem(obj *hclsyntax.ObjectConsExpr, key string) *hclsyntax.ObjectConsItem {
	for i := range obj.Items {
		k, diags := obj.Items[i].KeyExpr.Value(nil)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || !k.Type().Equals(cty.String) {
			continue
		}
		if k.AsString() == key {
			return &obj.Items[i]
		}
	}
	return nil
}

// PartSuffix returns the text the part of an object literal at path is
// written to end with, when it is a string template whose last part is
// literal text: "/subscriptions/${var.sub}/providers/Microsoft.Authorization/roleDefinitions/<guid>"
// ends with "/providers/Microsoft.Authorization/roleDefinitions/<guid>".
// It is "" when the part is not written as such a template. It gives a
// part of a body or document what Value.KnownSuffix gives an argument.
func (v Value) PartSuffix(path ...string) string {
	obj := objectCons(v.Literal())
	var expr hclsyntax.Expression
	for _, key := range path {
		if obj == nil {
			return ""
		}
		item := objectItem(obj, key)
		if item == nil {
			return ""
		}
		expr = item.ValueExpr
		obj = objectCons(expr)
	}
	tmpl, ok := expr.(*hclsyntax.TemplateExpr)
	if !ok || len(tmpl.Parts) == 0 {
		return ""
	}
	last, ok := tmpl.Parts[len(tmpl.Parts)-1].(*hclsyntax.LiteralValueExpr)
	if !ok || !last.Val.Type().Equals(cty.String) || last.Val.IsNull() {
		return ""
	}
	return last.Val.AsString()
}
