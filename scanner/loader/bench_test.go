package loader

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// BenchmarkLoadCorpus loads each repository of the corpus, every module
// directory of it as a root module, and reports configuration files read
// per second.
func BenchmarkLoadCorpus(b *testing.B) {
	if _, err := os.Stat(corpusDir); err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	repos := corpusRepositories(b)
	b.ReportAllocs()
	b.ResetTimer()
	files, resources := 0, 0
	for b.Loop() {
		for _, dirs := range repos {
			res, err := Load(b.Context(), Options{Paths: dirs})
			if err != nil {
				b.Fatal(err)
			}
			files += len(res.Files)
			resources += len(res.Resources)
		}
	}
	b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(files)/float64(b.N), "files/op")
	b.ReportMetric(float64(resources)/float64(b.N), "resources/op")
}

// BenchmarkLookupInFor evaluates a `for` expression that looks each key
// up in the map it ranges over, as the landing zone's archetypes do with
// their policy documents: go-cty's mark check walked the whole map for
// each call, so the work grew with the square of its size (see
// unmarked_funcs.go).
func BenchmarkLookupInFor(b *testing.B) {
	m := make(map[string]cty.Value, 300)
	for i := range 300 {
		m[fmt.Sprintf("policy%03d", i)] = cty.ObjectVal(map[string]cty.Value{
			"name":       cty.StringVal(fmt.Sprintf("policy%03d", i)),
			"parameters": cty.ObjectVal(map[string]cty.Value{"effect": cty.StringVal("Audit"), "values": cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})}),
		})
	}
	expr, diags := hclsyntax.ParseExpression([]byte(`{ for k in keys(big) : k => lookup(big, k).name }`), "bench.tf", hcl.InitialPos)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"big": cty.ObjectVal(m)}, Functions: templateEvaluator().funcs}
	b.ReportAllocs()
	for b.Loop() {
		v, diags := expr.Value(ctx)
		if diags.HasErrors() || v.LengthInt() != 300 {
			b.Fatal(diags, v.GoString())
		}
	}
}
