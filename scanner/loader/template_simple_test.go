package loader

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertParsedAsHCL checks that parseSimpleTemplate, when it parses src,
// builds the tree hclsyntax.ParseTemplate builds; it returns whether it
// parsed it.
func assertParsedAsHCL(t *testing.T, src string) bool {
	t.Helper()
	got, ok := parseSimpleTemplate([]byte(src), "lib/t.json.tftpl")
	if !ok {
		return false
	}
	want, diags := hclsyntax.ParseTemplate([]byte(src), "lib/t.json.tftpl", hcl.InitialPos)
	require.False(t, diags.HasErrors(), "%q: HCL fails on a template read as simple: %s", src, diags.Error())
	assert.Equal(t, want, got, "%q", src)
	return true
}

func TestSimpleTemplateParsedAsHCL(t *testing.T) {
	simple := []string{
		"{\n  \"a\": \"${root_scope_resource_id}/x\",\n  \"b\": 1\n}\n",
		"${a}${b}",
		"${a} ",
		" ${a}",
		"x${a-b_1}y\n\n${C}\tz$ 100% {}",
		"line\n${a}\n${b}",
		"$ {a} ${a}",
	}
	for _, src := range simple {
		assert.True(t, assertParsedAsHCL(t, src), "%q is simple", src)
	}
	left := []string{
		"${a}",                      // wrapped, not a string
		"plain",                     // no interpolation
		"$${a} ${b}",                // escape
		"x $$${a}",                  // escape
		"%{ if a }x%{ endif } ${b}", // directive
		"%%{a} ${b}",                // escaped directive
		"${ a } x",                  // spaces
		"${~a} x",                   // strip marker
		"${a.b} x",                  // attribute
		"${true} x", "${null} x",    // literal values
		"${1a} x",       // not an identifier
		"${upper(a)} x", // call
		"é ${a}",        // not ASCII
		"a\r\n${b}",     // carriage return
		"${a",           // unclosed
		"x ${}",         // empty
	}
	for _, src := range left {
		_, ok := parseSimpleTemplate([]byte(src), "t")
		assert.False(t, ok, "%q is left to HCL", src)
	}

	// Random templates of the pieces above.
	pieces := []string{"a", " ", "\n", "\t", "$", "%", "{", "}", "\"", "${x}", "${y-1}", "${_z}", "$${x}", "%{", "~", "${ x }", "${x.y}", "${true}"}
	rng := rand.New(rand.NewPCG(3, 4))
	parsed := 0
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if assertParsedAsHCL(t, b.String()) {
			parsed++
		}
	}
	assert.Greater(t, parsed, 100, "the random templates include simple ones")
}

// TestSimpleTemplateCorpus compares the trees for the templates of the
// multicloud corpus, which holds a landing zone's library.
func TestSimpleTemplateCorpus(t *testing.T) {
	// From a checkout beside shared/, or from a worktree one level
	// further down.
	root := ""
	for _, dir := range []string{"../../../shared/corpus-multicloud", "../../../../shared/corpus-multicloud"} {
		if _, err := os.Stat(dir); err == nil {
			root = dir
			break
		}
	}
	if root == "" {
		t.Skip("no corpus")
	}
	parsed := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(d.Name(), ".tmpl.") && !strings.HasSuffix(d.Name(), ".tftpl") {
			return err
		}
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		if assertParsedAsHCL(t, string(src)) {
			parsed++
		}
		return nil
	})
	require.NoError(t, err)
	t.Logf("%d templates parsed as simple", parsed)
	assert.Positive(t, parsed)
}

// TestParseTemplateReadsSimpleTemplates checks that templatefile's parser
// (evaluator.parseTemplate) reads a simple template with
// parseSimpleTemplate: the tree is the same as HCL's, so only what the
// parse allocates tells which parser read it (parseSimpleTemplate about
// a third of what HCL's parser does).
func TestParseTemplateReadsSimpleTemplates(t *testing.T) {
	src := []byte(strings.Repeat("{\"id\": \"${root_scope_resource_id}/x\", \"n\": 1}\n", 100))
	_, simple := parseSimpleTemplate(src, "t.json.tftpl")
	require.True(t, simple)
	expr, diags := hclsyntax.ParseTemplate(src, "t.json.tftpl", hcl.InitialPos)
	require.False(t, diags.HasErrors())
	byHCL := testing.AllocsPerRun(5, func() { _, _ = hclsyntax.ParseTemplate(src, "t.json.tftpl", hcl.InitialPos) })
	// parseTemplate also lists the template's references.
	refs := testing.AllocsPerRun(5, func() { refsOfTemplate(expr) })
	ev := templateEvaluator()
	got := testing.AllocsPerRun(5, func() {
		ev.files.templates = nil // parsed anew each run
		p := ev.parseTemplate(src, "t.json.tftpl", "t.json.tftpl")
		require.NoError(t, p.err)
	})
	t.Logf("allocations: %v through parseTemplate (%v listing references), %v through HCL", got, refs, byHCL)
	assert.Less(t, got-refs, byHCL/2)
}
