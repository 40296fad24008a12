package loader

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// stringSkeleton returns, for a string expression only known after apply,
// its whole text with scanner.UnknownMark for each unknown part (see
// scanner.Value.Skeleton): a template's parts, the template a local names,
// or a single reference to a resource's or data source's attribute, which
// is one unknown part, or format of a plain format string (formatTemplate). It returns "" when the expression is something
// else, such as a variable, whose text may hold more than one piece (a
// module input written "${a}/resourceGroups/${b}"), a function call or a
// conditional, and when a part is sensitive.
func (in *instance) stringSkeleton(ctx *hcl.EvalContext, expr hcl.Expression, depth int) string {
	in, ctx, expr, _ = in.stringSource(ctx, expr, depth, false)
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		switch e.Traversal.RootName() {
		case "local", "var", "module", "each", "count", "path", "terraform", "self":
			return ""
		}
		if v := in.value(ctx, e); v.IsKnown() || v.IsMarked() {
			return ""
		}
		return scanner.UnknownMark
	case *hclsyntax.TemplateExpr:
		s, _ := in.templateSkeleton(ctx, e)
		return s
	case *hclsyntax.FunctionCallExpr:
		if tmpl, ok := in.formatTemplate(ctx, e); ok {
			s, _ := in.templateSkeleton(ctx, tmpl)
			return s
		}
	}
	return ""
}

// templateSkeleton is the text of tmpl with scanner.UnknownMark for each
// unknown part; ok is false, and the text "", when no part is unknown, or
// one is sensitive or writes no text.
func (in *instance) templateSkeleton(ctx *hcl.EvalContext, tmpl *hclsyntax.TemplateExpr) (string, bool) {
	var b strings.Builder
	unknown := false
	for _, part := range tmpl.Parts {
		pv := in.value(ctx, part)
		if pv.IsMarked() {
			return "", false
		}
		if !pv.IsKnown() {
			b.WriteString(scanner.UnknownMark)
			unknown = true
			continue
		}
		s, err := convertString(pv)
		if err != nil {
			return "", false
		}
		b.WriteString(s)
	}
	if !unknown {
		return "", false
	}
	return b.String(), true
}
