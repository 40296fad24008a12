package ruletest

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// dynamicProbeVariable is the input variable, with no default, that the
// dynamic-block probe iterates over.
const dynamicProbeVariable = "soc2_dynamic_probe"

// notRewritten are the nested blocks the dynamic-block probe leaves as
// they are: Terraform does not let a dynamic block write them.
var notRewritten = []string{"lifecycle", "provisioner", "connection", "dynamic"}

// ProbeDynamicBlocks holds every rule to "a block only known after apply
// is never silently passed": for each resource a bad example fails, it
// writes one nested block at a time (at any depth) as a dynamic block over
// an input variable with no default, and adds, one at a time, each
// top-level nested block the rule's good examples write for that type and
// the resource lacks, as such a dynamic block (the good block may be
// generated, or not). The variable may hold one element, so
// the block is the one the example wrote, or none, so the rule may fail
// the resource or call it unknown, but must not pass it, nor find nothing
// to judge (the block may be there). exempt is keyed
// by rule ID (the whole rule) or by rule ID, a space and the block as
// shown (such as logging or settings.backup_configuration), and gives why.
func ProbeDynamicBlocks(t *testing.T, rules []*scanner.Rule, exempt map[string]string, ds ...scanner.DataSource) {
	if testing.Short() {
		t.Skip("loads each bad example once per nested block")
	}
	probeVariants(t, rules, exempt, ds, func(good []scanner.Example) func(code, addr string) []unknownVariant {
		goodBlocks := blocksByType(good)
		return func(code, addr string) []unknownVariant {
			return append(dynamicVariants(code, addr), addedDynamicVariants(code, addr, goodBlocks)...)
		}
	}, func(got scanner.Status) bool {
		return got == scanner.Pass || got == scanner.NotApplicable
	}, "its %s block is dynamic over an input variable with no default")
}

// dynamicVariants returns code with, in turn, each nested block of the
// resource at addr written as `dynamic "type" { for_each =
// var.soc2_dynamic_probe content { … } }`; arg is the block's path of
// types, with an index where the type repeats (ingress[1]).
func dynamicVariants(code, addr string) []unknownVariant {
	target := resourceBlock(code, addr)
	if target == nil {
		return nil
	}
	type blockPath struct {
		at    []int
		shown string
	}
	var paths []blockPath
	var walk func(at []int, prefix string, body *hclwrite.Body)
	walk = func(at []int, prefix string, body *hclwrite.Body) {
		blocks := body.Blocks()
		for i, b := range blocks {
			if slices.Contains(notRewritten, b.Type()) || len(b.Labels()) > 0 {
				continue
			}
			shown := prefix + b.Type()
			if n := countType(blocks, b.Type()); n > 1 {
				shown += "[" + strconv.Itoa(indexOfType(blocks, i)) + "]"
			}
			here := append(slices.Clone(at), i)
			paths = append(paths, blockPath{at: here, shown: shown})
			walk(here, shown+".", b.Body())
		}
	}
	walk(nil, "", target.Body())
	var out []unknownVariant
	for _, path := range paths {
		f, _ := hclwrite.ParseConfig([]byte(code), "main.tf", hcl.InitialPos)
		body := resourceBlockIn(f, addr).Body()
		for _, i := range path.at[:len(path.at)-1] {
			body = body.Blocks()[i].Body()
		}
		makeDynamic(body, body.Blocks()[path.at[len(path.at)-1]])
		f.Body().AppendNewline()
		f.Body().AppendNewBlock("variable", []string{dynamicProbeVariable})
		out = append(out, unknownVariant{arg: path.shown, code: string(f.Bytes())})
	}
	return out
}

// goodBlock is a top-level nested block a good example writes.
type goodBlock struct {
	typ  string
	body hclwrite.Tokens
}

// blocksByType returns the top-level nested blocks the examples write, by
// resource type, the first of each block type.
func blocksByType(examples []scanner.Example) map[string][]goodBlock {
	out := map[string][]goodBlock{}
	eachResourceBlock(examples, func(typ string, b *hclwrite.Block) {
		for _, nb := range b.Body().Blocks() {
			if slices.Contains(notRewritten, nb.Type()) || len(nb.Labels()) > 0 ||
				slices.ContainsFunc(out[typ], func(g goodBlock) bool { return g.typ == nb.Type() }) {
				continue
			}
			out[typ] = append(out[typ], goodBlock{typ: nb.Type(), body: nb.Body().BuildTokens(nil)})
		}
	})
	return out
}

// addedDynamicVariants returns code with, in turn, each of good[type] the
// resource at addr does not write added to it as a dynamic block over the
// probe variable; arg is "+" and the block type.
func addedDynamicVariants(code, addr string, good map[string][]goodBlock) []unknownVariant {
	target := resourceBlock(code, addr)
	if target == nil {
		return nil
	}
	typ, _, _ := strings.Cut(addr, ".")
	var out []unknownVariant
	for _, g := range good[typ] {
		if target.Body().FirstMatchingBlock(g.typ, nil) != nil {
			continue
		}
		f, _ := hclwrite.ParseConfig([]byte(code), "main.tf", hcl.InitialPos)
		body := resourceBlockIn(f, addr).Body()
		appendDynamic(body, g.typ, g.body)
		f.Body().AppendNewline()
		f.Body().AppendNewBlock("variable", []string{dynamicProbeVariable})
		out = append(out, unknownVariant{arg: "+" + g.typ, code: string(f.Bytes())})
	}
	return out
}

// makeDynamic replaces b, a block of body, by a dynamic block over the
// probe variable whose content is b's body. The dynamic block comes last
// in body: blocks of other types do not depend on their order.
func makeDynamic(body *hclwrite.Body, b *hclwrite.Block) {
	inner := b.Body().BuildTokens(nil)
	body.RemoveBlock(b)
	appendDynamic(body, b.Type(), inner)
}

// appendDynamic appends to body a dynamic block of type typ over the probe
// variable whose content is the tokens content.
func appendDynamic(body *hclwrite.Body, typ string, content hclwrite.Tokens) {
	dyn := body.AppendNewBlock("dynamic", []string{typ})
	dyn.Body().SetAttributeTraversal("for_each", hcl.Traversal{hcl.TraverseRoot{Name: "var"}, hcl.TraverseAttr{Name: dynamicProbeVariable}})
	dyn.Body().AppendNewBlock("content", nil).Body().AppendUnstructuredTokens(content)
}

// countType is how many of blocks are of type typ.
func countType(blocks []*hclwrite.Block, typ string) int {
	n := 0
	for _, b := range blocks {
		if b.Type() == typ {
			n++
		}
	}
	return n
}

// indexOfType is the position of blocks[i] among the blocks of its type.
func indexOfType(blocks []*hclwrite.Block, i int) int {
	n := 0
	for _, b := range blocks[:i] {
		if b.Type() == blocks[i].Type() {
			n++
		}
	}
	return n
}
