package loader

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// noteEmptyCall notes on the root that a module call of the root module
// expands to no instance: its count is 0 or its for_each is empty, so
// nothing of the module it calls is scanned through this root. This is
// what a wrapper root scans (terraform-aws-modules' wrappers/, for_each =
// var.items, {} by default): the report then says why the root scanned
// nothing instead of listing it as if it had been checked. Calls of
// nested modules are left alone: switching a submodule off with count is
// an input of the module, not a blind spot of the scan.
func (in *instance) noteEmptyCall(c *callDecl) {
	if in.depth != 0 {
		return
	}
	expr := c.count
	if expr == nil {
		expr = c.forEach
	}
	if expr == nil {
		return
	}
	text := in.exprText(expr)
	var why string
	switch {
	case c.count == nil:
		why = fmt.Sprintf("for_each over %s is empty", text)
	case text == "0":
		why = "count is 0"
	default:
		why = fmt.Sprintf("count = %s is 0", text)
	}
	note := fmt.Sprintf("module.%s expands to no instances: %s", c.name, why)
	if unset := in.ev.defaultedVars(expr); len(unset) > 0 {
		note += fmt.Sprintf(" by default (set %s to scan %s through this root)", strings.Join(unset, " and "), c.source)
	}
	in.ev.tree.res.notes = append(in.ev.tree.res.notes, note)
}

// defaultedVars returns the root variables expr refers to, as var.NAME,
// when it refers to nothing else and none of them is set (by a variable
// file, --var or TF_VAR_*): its value then comes from the defaults alone.
// It returns nil otherwise.
func (ev *evaluator) defaultedVars(expr hcl.Expression) []string {
	var out []string
	seen := map[string]bool{}
	for _, tr := range expr.Variables() {
		if tr.RootName() != "var" || len(tr) < 2 {
			return nil
		}
		attr, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			return nil
		}
		if _, given := ev.rootVars[attr.Name]; given {
			return nil
		}
		if !seen[attr.Name] {
			seen[attr.Name] = true
			out = append(out, "var."+attr.Name)
		}
	}
	return out
}

// maxExprText bounds an expression quoted in a note.
const maxExprText = 60

// exprText is the source text of expr on one line, shortened past
// maxExprText; the rendered traversal when the source was not kept.
func (in *instance) exprText(expr hcl.Expression) string {
	rng := expr.Range()
	src := in.ev.tree.res.Files[rng.Filename]
	var text string
	if rng.Start.Byte >= 0 && rng.End.Byte <= len(src) && rng.Start.Byte < rng.End.Byte {
		text = strings.Join(strings.Fields(string(src[rng.Start.Byte:rng.End.Byte])), " ")
	} else if tr, diags := hcl.AbsTraversalForExpr(expr); !diags.HasErrors() {
		text = traversalString(tr)
	} else {
		text = "its value"
	}
	if r := []rune(text); len(r) > maxExprText {
		text = string(r[:maxExprText-3]) + "..."
	}
	return text
}
