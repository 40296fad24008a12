package loader

import (
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// joinFunc is Terraform's join. When an element is only known after
// apply, the result still starts with the known elements before it and
// the element's own known prefix: join("", data.aws_iam_policy_document.x[*].json)
// of one document starts with "{" (not ""), as its json does, so a module
// that tests its policy input against "" (var.policy != "") chooses
// the document (the cty function keeps no prefix).
var joinFunc = function.New(&function.Spec{
	Description:  stdlib.JoinFunc.Description(),
	Params:       stdlib.JoinFunc.Params(),
	VarParam:     stdlib.JoinFunc.VarParam(),
	Type:         function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		out, err := stdlib.JoinFunc.Call(args)
		if err != nil || out.IsKnown() || !args[0].IsKnown() {
			return out, err
		}
		if prefix := joinPrefix(args[0].AsString(), args[1:]); prefix != "" {
			return cty.UnknownVal(cty.String).Refine().NotNull().StringPrefix(prefix).NewValue(), nil
		}
		return out, nil
	},
})

// joinPrefix is the text join(sep, lists...) is known to start with: the
// known elements up to the first one only known after apply, and that
// one's known prefix; it stops at a list whose length is not known.
func joinPrefix(sep string, lists []cty.Value) string {
	var b strings.Builder
	first := true
	for _, list := range lists {
		if !list.IsKnown() || list.IsNull() {
			return b.String()
		}
		for it := list.ElementIterator(); it.Next(); {
			_, el := it.Element()
			if !first {
				b.WriteString(sep)
			}
			first = false
			if el.IsMarked() || el.IsNull() {
				return ""
			}
			if !el.IsKnown() {
				b.WriteString(scanner.StringPrefix(el))
				return b.String()
			}
			b.WriteString(el.AsString())
		}
	}
	return b.String()
}
