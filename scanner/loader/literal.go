package loader

import "github.com/hashicorp/hcl/v2/hclsyntax"

// isLiteral reports whether expr is built of literal values only: a
// number, a bool, a quoted string without interpolation, or a tuple of
// those. Such an expression has no references, so evaluator.variables
// answers it without walking it or keeping an entry for it; most arguments
// of a large configuration are like this.
func isLiteral(expr hclsyntax.Expression) bool {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return true
	case *hclsyntax.TemplateExpr:
		for _, p := range e.Parts {
			if _, ok := p.(*hclsyntax.LiteralValueExpr); !ok {
				return false
			}
		}
		return true
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			if !isLiteral(x) {
				return false
			}
		}
		return true
	}
	return false
}
