package loader

import (
	"errors"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// errNotString is returned for a template part that writes no text.
var errNotString = errors.New("not a string")

// suffixDepth bounds how many templates, locals and conditionals
// knownSuffix follows.
const suffixDepth = 8

// knownSuffix returns the text a string expression only known after apply
// is known to end with: the known parts at the end of a template, followed
// into a local value and into the branch a known condition picks (the
// common tail of both branches otherwise). cty refines unknown strings
// only by their prefix; a suffix such as "-compute@developer.gserviceaccount.com"
// still decides what a value names. Sensitive parts end the suffix.
func (in *instance) knownSuffix(ctx *hcl.EvalContext, expr hcl.Expression, depth int) string {
	in, ctx, expr, depth = in.stringSource(ctx, expr, depth, true)
	switch e := expr.(type) {
	case *hclsyntax.TemplateExpr:
		suffix := ""
		for i := len(e.Parts) - 1; i >= 0; i-- {
			v, diags := e.Parts[i].Value(ctx)
			if diags.HasErrors() || v.IsMarked() {
				return suffix
			}
			if !v.IsKnown() {
				return in.knownSuffix(ctx, e.Parts[i], depth+1) + suffix
			}
			s, err := convertString(v)
			if err != nil {
				return suffix
			}
			suffix = s + suffix
		}
		return suffix
	case *hclsyntax.ScopeTraversalExpr:
		if tr := e.Traversal; tr.RootName() == "each" {
			return in.eachValueSuffix(ctx, tr)
		}
		return in.traversalSuffix(e.Traversal)
	case *hclsyntax.ConditionalExpr:
		c, diags := e.Condition.Value(ctx)
		if !diags.HasErrors() && c.IsKnown() && !c.IsNull() && c.Type() == cty.Bool {
			if c.True() {
				return in.knownSuffix(ctx, e.TrueResult, depth+1)
			}
			return in.knownSuffix(ctx, e.FalseResult, depth+1)
		}
		return commonSuffix(in.knownSuffix(ctx, e.TrueResult, depth+1), in.knownSuffix(ctx, e.FalseResult, depth+1))
	}
	return ""
}

// stringSource follows a string expression to where its text is written,
// for knownSuffix and stringSkeleton: through template wraps and
// parentheses, which keep the text, into the expression of a local value
// and, with vars, of a module input (see refSource). It returns that
// expression with the instance and context to read it in and its depth;
// expr is nil past suffixDepth.
func (in *instance) stringSource(ctx *hcl.EvalContext, expr hcl.Expression, depth int, vars bool) (*instance, *hcl.EvalContext, hcl.Expression, int) {
	for ; depth <= suffixDepth && expr != nil; depth++ {
		switch e := expr.(type) {
		case *hclsyntax.TemplateWrapExpr:
			expr = e.Wrapped
		case *hclsyntax.ParenthesesExpr:
			expr = e.Expression
		case *hclsyntax.ScopeTraversalExpr:
			src, sctx, sexpr := in.refSource(e, vars)
			if sexpr == nil {
				return in, ctx, expr, depth
			}
			in, ctx, expr = src, sctx, sexpr
		default:
			return in, ctx, expr, depth
		}
	}
	return in, ctx, nil, depth
}

// traversalSuffix is knownSuffix for a reference stringSource does not
// follow: an attribute the provider computes whose end computedShapes
// knows. A local value or module input not found ends nowhere known.
func (in *instance) traversalSuffix(tr hcl.Traversal) string {
	root, name := tr.RootName(), attrAt(tr, 1)
	if root == "local" || root == "var" {
		return ""
	}
	if s, ok := in.forSuffix[root]; ok && len(tr) == 1 {
		return s
	}
	if _, ok := in.managed[root][name]; !ok || len(tr) < 3 || in.writes(root, name, tr) {
		return ""
	}
	return computedSuffix(tr)
}

// convertString returns a known, unmarked, non-null primitive as the text
// a template writes for it.
func convertString(v cty.Value) (string, error) {
	if v.IsNull() {
		return "", errNotString
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil {
		return "", err
	}
	return s.AsString(), nil
}

// commonSuffix returns the longest text both a and b end with.
func commonSuffix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	for i > 0 && !utf8.RuneStart(a[len(a)-i]) {
		i--
	}
	return a[len(a)-i:]
}

// elementSkeletons returns, for each element of a list literal that is a
// template (or format of one, see formatTemplate) only partly known, its text with scanner.UnknownMark for every
// unknown part (see scanner.Value.ElementSkeletons); nil when there is none.
// A list read from a local (local.x) is followed to the local's literal, as
// knownSuffix follows it.
func (in *instance) elementSkeletons(ctx *hcl.EvalContext, expr hcl.Expression, depth int) []string {
	if depth > suffixDepth {
		return nil
	}
	var tup *hclsyntax.TupleConsExpr
	switch e := expr.(type) {
	case *hclsyntax.TupleConsExpr:
		tup = e
	case *hclsyntax.ParenthesesExpr:
		return in.elementSkeletons(ctx, e.Expression, depth+1)
	case *hclsyntax.ScopeTraversalExpr:
		if l := in.localExpr(e); l != nil {
			return in.elementSkeletons(in.evalCtx(in.ev.variables(l)), l, depth+1)
		}
		return nil
	default:
		return nil
	}
	var out []string
	for i, e := range tup.Exprs {
		pctx := ctx
		tmpl, ok := in.formatTemplate(ctx, e)
		if !ok {
			tmpl, ok = in.templateOf(e, depth)
			if ok && tmpl != e {
				pctx = in.evalCtx(tmpl.Variables())
			}
		}
		if !ok || len(tmpl.Parts) < 2 {
			continue
		}
		skel, ok := in.templateSkeleton(pctx, tmpl)
		if !ok {
			continue
		}
		if out == nil {
			out = make([]string, len(tup.Exprs))
		}
		out[i] = skel
	}
	return out
}

// templateOf returns the template an element is written as: itself, or
// the template a local it names (local.x) is written as.
func (in *instance) templateOf(e hcl.Expression, depth int) (*hclsyntax.TemplateExpr, bool) {
	if depth > suffixDepth {
		return nil, false
	}
	switch x := e.(type) {
	case *hclsyntax.TemplateExpr:
		return x, true
	case *hclsyntax.ScopeTraversalExpr:
		if l := in.localExpr(x); l != nil {
			return in.templateOf(l, depth+1)
		}
	}
	return nil, false
}
