package loader

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// mayBeBlank reports whether expr, whose value is only known after apply,
// is a conditional (through parentheses, template wraps, locals and module
// inputs) whose condition is unknown and one of whose arms is null or a
// blank string, also in a nested conditional: kms_key_id =
// var.encrypt ? aws_kms_key.k.arn : null names the key only if the
// variable is true (see scanner.Value.MayBeBlank). A known condition is
// followed into the arm it chooses.
func (in *instance) mayBeBlank(ctx *hcl.EvalContext, expr hcl.Expression, depth int) bool {
	in, ctx, expr, depth = in.stringSource(ctx, expr, depth, true)
	e, ok := expr.(*hclsyntax.ConditionalExpr)
	if !ok {
		return false
	}
	c, diags := e.Condition.Value(ctx)
	if !diags.HasErrors() && c.IsKnown() && !c.IsNull() && c.Type() == cty.Bool {
		if c, _ = c.Unmark(); c.True() {
			return in.mayBeBlank(ctx, e.TrueResult, depth+1)
		}
		return in.mayBeBlank(ctx, e.FalseResult, depth+1)
	}
	for _, arm := range []hcl.Expression{e.TrueResult, e.FalseResult} {
		if isBlank(ctx, arm) || in.mayBeBlank(ctx, arm, depth+1) {
			return true
		}
	}
	return false
}

// isBlank reports whether expr's value is known to be null or a blank
// string.
func isBlank(ctx *hcl.EvalContext, expr hcl.Expression) bool {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || !v.IsKnown() {
		return false
	}
	v, _ = v.Unmark()
	if v.IsNull() {
		return true
	}
	return v.Type() == cty.String && strings.TrimSpace(v.AsString()) == ""
}
