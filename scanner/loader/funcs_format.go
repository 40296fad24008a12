package loader

import (
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// formatFunc is Terraform's format. With an argument only known after
// apply, the result's known prefix reaches past the first verb when it can:
// the verbs before the unknown argument are formatted, and a plain %s or %v
// of the unknown argument adds that argument's own known prefix, so that
// format("serviceAccount:%s", format("service-%s@…", var.n)) is known to
// start with "serviceAccount:service-" (the cty function stops at the text
// before the first verb).
var formatFunc = function.New(&function.Spec{
	Description:  stdlib.FormatFunc.Description(),
	Params:       formatParams(),
	VarParam:     stdlib.FormatFunc.VarParam(),
	Type:         function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		out, err := stdlib.FormatFunc.Call(args)
		if err != nil || out.IsKnown() {
			return out, err
		}
		if !args[0].IsKnown() {
			// The text before the first verb of a format string only
			// partly known is written as it is:
			// format("arn:${local.partition}:iam::%s:root", …) starts
			// with "arn:" as the template would.
			prefix, _, _ := strings.Cut(scanner.StringPrefix(args[0]), "%")
			if prefix == "" {
				return out, nil
			}
			return cty.UnknownVal(cty.String).Refine().NotNull().StringPrefix(prefix).NewValue(), nil
		}
		prefix := formatPrefix(args[0].AsString(), args[1:])
		if len(prefix) <= len(scanner.StringPrefix(out)) {
			return out, nil
		}
		return cty.UnknownVal(cty.String).Refine().NotNull().StringPrefix(prefix).NewValue(), nil
	},
})

// formatPrefix returns the text format(f, args...) is known to start with
// when some argument is only known after apply: f up to the verb of the
// first such argument, the verbs before it formatted, plus that argument's
// known prefix when the verb is a plain %s or %v. It stops at anything it
// does not follow (an explicit argument index, a verb it cannot format).
func formatPrefix(f string, args []cty.Value) string {
	var b strings.Builder
	next := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		if i+1 < len(f) && f[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("+-# 0123456789.", f[j]) >= 0 {
			j++
		}
		if j >= len(f) || f[j] == '[' || f[j] == '*' || next >= len(args) {
			return b.String()
		}
		verb, arg := f[i:j+1], args[next]
		next++
		if !arg.IsWhollyKnown() {
			if verb == "%s" || verb == "%v" {
				b.WriteString(scanner.StringPrefix(arg))
			}
			return b.String()
		}
		piece, err := stdlib.Format(cty.StringVal(verb), arg)
		if err != nil || !piece.IsKnown() {
			return b.String()
		}
		b.WriteString(piece.AsString())
		i = j
	}
	return b.String()
}

// formatParams are format's parameters, its format string allowed to be
// unknown so that formatFunc still sees the text it is known to start
// with.
func formatParams() []function.Parameter {
	ps := stdlib.FormatFunc.Params()
	ps[0].AllowUnknown = true
	return ps
}
