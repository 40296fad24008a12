package loader

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// formatTemplate returns format(f, args...) written as the template it
// builds, when every verb of f is a plain %s or %v (or %%): its text, and
// each argument in its verb's place. The skeleton and origins of
// format("%s/*", aws_s3_bucket.b.arn) are then those of
// "${aws_s3_bucket.b.arn}/*", as Cloud Posse writes its ARNs
// (format("arn:${local.partition}:iam::%s:root", local.account_id)). f
// may itself be a template: its unknown parts stand as written, as text
// holding a verb would leave format with too few arguments. ok is false
// for any other call, or a verb with flags, a width or an index, whose text
// the template does not show.
func (in *instance) formatTemplate(ctx *hcl.EvalContext, expr hcl.Expression) (*hclsyntax.TemplateExpr, bool) {
	call, ok := expr.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "format" || call.ExpandFinal || len(call.Args) < 2 {
		return nil, false
	}
	var fparts []hclsyntax.Expression
	switch f := call.Args[0].(type) {
	case *hclsyntax.TemplateExpr:
		fparts = f.Parts
	default:
		fparts = []hclsyntax.Expression{f}
	}
	args := call.Args[1:]
	out := &hclsyntax.TemplateExpr{SrcRange: call.Range()}
	for _, p := range fparts {
		v := in.value(ctx, p)
		if !v.IsKnown() {
			out.Parts = append(out.Parts, p)
			continue
		}
		if v.IsNull() || v.IsMarked() || !v.Type().Equals(cty.String) {
			return nil, false
		}
		var ok bool
		if out.Parts, args, ok = formatPieces(v.AsString(), args, out.Parts, p.Range()); !ok {
			return nil, false
		}
	}
	if len(args) != 0 {
		return nil, false // format rejects arguments its verbs leave over
	}
	return out, true
}

// formatPieces appends to parts the known text f of a format string, as
// literals, and for each %s or %v the next of args, returning the
// arguments left; ok is false for any other verb or too few arguments.
func formatPieces(f string, args []hclsyntax.Expression, parts []hclsyntax.Expression, rng hcl.Range) ([]hclsyntax.Expression, []hclsyntax.Expression, bool) {
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			parts = append(parts, &hclsyntax.LiteralValueExpr{Val: cty.StringVal(text.String()), SrcRange: rng})
			text.Reset()
		}
	}
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			text.WriteByte(f[i])
			continue
		}
		if i+1 >= len(f) {
			return nil, nil, false
		}
		switch f[i+1] {
		case '%':
			text.WriteByte('%')
		case 's', 'v':
			if len(args) == 0 {
				return nil, nil, false
			}
			flush()
			parts, args = append(parts, args[0]), args[1:]
		default:
			return nil, nil, false
		}
		i++
	}
	flush()
	return parts, args, true
}
