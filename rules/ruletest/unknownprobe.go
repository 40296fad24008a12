package ruletest

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
)

// metaArguments are left as they are.
var metaArguments = []string{"count", "for_each", "provider", "depends_on"}

// probeVariable is the input variable, with no default, that the probe
// writes in place of an argument.
const probeVariable = "soc2_unknown_probe"

// ProbeUnknowns holds every rule to "an unknown value is never silently
// passed": for each resource a bad example fails, it writes one argument at
// a time (a nested block's too, and each top-level argument the rule's good
// examples set for that type) as an input variable with no default. The
// variable may hold the very value the example wrote, or leave the argument
// null, so the rule may fail the resource or call it unknown, but must not
// pass it. exempt is keyed by rule ID (the whole rule) or by rule ID, a
// space and the argument as shown (such as logging.target_bucket), and
// gives why.
func ProbeUnknowns(t *testing.T, rules []*scanner.Rule, exempt map[string]string, ds ...scanner.DataSource) {
	if testing.Short() {
		t.Skip("loads each bad example once per argument")
	}
	probeVariants(t, rules, exempt, ds, func(good []scanner.Example) func(code, addr string) []unknownVariant {
		goodArgs := argumentsByType(good)
		return func(code, addr string) []unknownVariant { return unknownVariants(code, addr, goodArgs) }
	}, func(got scanner.Status) bool { return got == scanner.Pass }, "%s is an input variable with no default")
}

// probeVariants decides, for every rule not exempt, each variant of each
// resource a bad example fails (MoreExamples' too) that variantsOf builds
// from the rule's good examples, and reports the
// variants whose status is wrong. exempt is keyed by rule ID, or by rule
// ID, a space and the variant's arg; how says what the variant did, with
// a %s for its arg.
func probeVariants(t *testing.T, rules []*scanner.Rule, exempt map[string]string, ds []scanner.DataSource,
	variantsOf func(good []scanner.Example) func(code, addr string) []unknownVariant, wrong func(scanner.Status) bool, how string) {
	t.Helper()
	for _, rule := range rules {
		t.Run(rule.ID, func(t *testing.T) {
			t.Parallel()
			if exempt[rule.ID] != "" {
				t.Skip(exempt[rule.ID])
			}
			good, bad := rule.Examples()
			variants := variantsOf(good)
			for i, ex := range bad {
				for _, addr := range ex.Fails {
					for _, variant := range variants(ex.Code, addr) {
						if exempt[rule.ID+" "+variant.arg] != "" {
							continue
						}
						got, ok := decideOne(rule, variant.code, ex.Params, addr, ds)
						if ok && wrong(got) {
							t.Errorf("bad example %d: %s is %s when "+how, i, addr, got, variant.arg)
						}
					}
				}
			}
		})
	}
}

// argumentsByType returns the top-level arguments the examples set, by
// resource type.
func argumentsByType(examples []scanner.Example) map[string][]string {
	out := map[string][]string{}
	eachResourceBlock(examples, func(typ string, b *hclwrite.Block) {
		for name := range b.Body().Attributes() {
			if !slices.Contains(out[typ], name) {
				out[typ] = append(out[typ], name)
			}
		}
	})
	return out
}

// eachResourceBlock calls fn with the type and block of every resource the
// examples declare, skipping an example that does not parse.
func eachResourceBlock(examples []scanner.Example, fn func(typ string, b *hclwrite.Block)) {
	for _, ex := range examples {
		f, diags := hclwrite.ParseConfig([]byte(ex.Code), "main.tf", hcl.InitialPos)
		if diags.HasErrors() {
			continue
		}
		for _, b := range f.Body().Blocks() {
			if b.Type() == "resource" && len(b.Labels()) == 2 {
				fn(b.Labels()[0], b)
			}
		}
	}
}

type unknownVariant struct {
	arg  string // the argument written as the variable, such as logging.target_bucket
	code string
}

// unknownVariants returns code with, in turn, each argument of the
// resource at addr (and each of args[type] it does not set) written as
// var.soc2_unknown_probe. Meta-arguments, lifecycle and dynamic blocks are
// left as they are.
func unknownVariants(code, addr string, args map[string][]string) []unknownVariant {
	typ, _, _ := strings.Cut(addr, ".")
	// A path is the blocks' positions, then the argument's name; shown is
	// how it reads.
	type argPath struct {
		blocks []int
		name   string
		shown  string
	}
	var paths []argPath
	var walk func(blocks []int, prefix string, body *hclwrite.Body)
	walk = func(blocks []int, prefix string, body *hclwrite.Body) {
		var names []string
		for name := range body.Attributes() {
			if len(blocks) == 0 && slices.Contains(metaArguments, name) {
				continue
			}
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			paths = append(paths, argPath{blocks: blocks, name: name, shown: prefix + name})
		}
		for i, b := range body.Blocks() {
			if b.Type() != "lifecycle" && b.Type() != "dynamic" {
				walk(append(slices.Clone(blocks), i), prefix+b.Type()+".", b.Body())
			}
		}
	}
	target := resourceBlock(code, addr)
	if target == nil {
		return nil
	}
	walk(nil, "", target.Body())
	for _, name := range args[typ] {
		if target.Body().GetAttribute(name) == nil && !slices.Contains(metaArguments, name) {
			paths = append(paths, argPath{name: name, shown: name})
		}
	}
	var out []unknownVariant
	for _, path := range paths {
		f, _ := hclwrite.ParseConfig([]byte(code), "main.tf", hcl.InitialPos)
		body := resourceBlockIn(f, addr).Body()
		for _, i := range path.blocks {
			body = body.Blocks()[i].Body()
		}
		body.SetAttributeTraversal(path.name, hcl.Traversal{hcl.TraverseRoot{Name: "var"}, hcl.TraverseAttr{Name: probeVariable}})
		f.Body().AppendNewline()
		f.Body().AppendNewBlock("variable", []string{probeVariable})
		out = append(out, unknownVariant{arg: path.shown, code: string(f.Bytes())})
	}
	return out
}

func resourceBlock(code, addr string) *hclwrite.Block {
	f, diags := hclwrite.ParseConfig([]byte(code), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return nil
	}
	return resourceBlockIn(f, addr)
}

func resourceBlockIn(f *hclwrite.File, addr string) *hclwrite.Block {
	for _, b := range f.Body().Blocks() {
		if b.Type() == "resource" && len(b.Labels()) == 2 && b.Labels()[0]+"."+b.Labels()[1] == addr {
			return b
		}
	}
	return nil
}

// decideOne loads code and returns the rule's status for addr; ok is false
// when the code does not load (a variable where Terraform wants a literal).
func decideOne(rule *scanner.Rule, code string, params map[string]any, addr string, ds []scanner.DataSource) (status scanner.Status, ok bool) {
	res, err := loader.LoadFS(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(code)}}, ".", loader.Options{DataSources: ds})
	if err != nil {
		return "", false
	}
	for _, d := range res.Diagnostics {
		if d.Severity == scanner.DiagError {
			return "", false
		}
	}
	p, err := rule.ParamsWithDefaults(params)
	if err != nil {
		return "", false
	}
	ctx := &scanner.Context{Params: p, Index: scanner.NewIndex(res.Resources)}
	for _, r := range res.Resources {
		if r.Address == addr && rule.Inspects(r) {
			return rule.Decide(r, ctx).Status, true
		}
	}
	return "", false
}
