package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// checkDecodeJSON checks that decodeJSON gives go-cty's value for doc, or
// leaves it to go-cty; it returns whether decodeJSON read it.
func checkDecodeJSON(t *testing.T, doc string) bool {
	t.Helper()
	got, ok := decodeJSON([]byte(doc))
	want, err := stdlib.JSONDecodeFunc.Call([]cty.Value{cty.StringVal(doc)})
	if !ok {
		return false
	}
	if assert.NoError(t, err, "%q was read, go-cty rejects it", doc) {
		assert.True(t, want.RawEquals(got), "%q: go-cty %#v, decodeJSON %#v", doc, want, got)
	}
	return true
}

func TestDecodeJSONMatchesGoCty(t *testing.T) {
	read := []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `12`, `-1.5e3`, `1E+2`, `0.1`, `123456789012345678901234567890`,
		`""`, `"plain"`, `"esc \" \\ \/ \n \u00e9 \ud83d\ude00"`, `"é"`, "\"e\u0301\"",
		` { "a" : [ 1 , { "b" : null } , "x" ] , "c" : {} , "d" : [] } `,
		`{"Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}`,
		`[[[[]]], {"": 1}]`, "\t\r\n[1]\n",
	}
	for _, doc := range read {
		assert.True(t, checkDecodeJSON(t, doc), "%q is read", doc)
	}
	left := []string{
		``, ` `, `{`, `}`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `01`, `1.`, `.5`, `-`, `1e`, `+1`, `tru`, `nul`, `NaN`,
		`{"a": 1} x`, `{"a": 1}}`, `[1] [2]`, `{"a": 1, "a": 2}`, `{"a": 1, "a": "x"}`, "\"tab\tin\"", "\"\xff\"",
		`"\x"`, `"unterminated`, `"\`, "\ufeff{}", `[1 2]`,
	}
	for _, doc := range left {
		assert.False(t, checkDecodeJSON(t, doc), "%q is left to go-cty", doc)
	}
	deep := strings.Repeat("[", jsonMaxDepth+2) + strings.Repeat("]", jsonMaxDepth+2)
	assert.False(t, checkDecodeJSON(t, deep), "deep nesting is left to go-cty")
}

// The JSON files of the corpora decode as go-cty decodes them.
func TestDecodeJSONMatchesGoCtyOnCorpus(t *testing.T) {
	n := 0
	for _, dir := range []string{corpusDir, filepath.Join(filepath.Dir(corpusDir), "corpus-multicloud")} {
		_ = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.HasSuffix(p, ".json") && n < 3000 {
				if data, rerr := os.ReadFile(p); rerr == nil && len(data) <= 1<<20 && checkDecodeJSON(t, string(data)) {
					n++
				}
			}
			return nil // an unreadable file is not JSON to compare
		})
	}
	if n == 0 {
		t.Skip("no corpus JSON files")
	}
}

func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{`{"a": [1, 2.5e-3, "x\u0041", null, true]}`, `[{}, []]`, `"\ud800"`, `-0.0E+00`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		checkDecodeJSON(t, doc)
	})
}

func BenchmarkDecodeJSON(b *testing.B) {
	doc := `{"name": "policy", "properties": {"policyRule": {"if": {"allOf": [{"field": "type", "equals": "Microsoft.Storage/storageAccounts"}, {"field": "location", "notIn": ["westeurope", "northeurope"]}]}, "then": {"effect": "[parameters('effect')]"}}, "parameters": {"effect": {"type": "String", "allowedValues": ["Audit", "Deny", "Disabled"], "defaultValue": "Audit"}}, "metadata": {"version": "1.0.0", "category": "Storage"}}}`
	b.Run("decodeJSON", func(b *testing.B) {
		for b.Loop() {
			if _, ok := decodeJSON([]byte(doc)); !ok {
				b.Fatal("not read")
			}
		}
	})
	b.Run("go-cty", func(b *testing.B) {
		arg := []cty.Value{cty.StringVal(doc)}
		for b.Loop() {
			_, err := stdlib.JSONDecodeFunc.Call(arg)
			require.NoError(b, err)
		}
	})
}

// The configuration's jsondecode gives go-cty's value, type and error for
// known, unknown, sensitive and malformed documents, and reads each
// document once.
func TestJSONDecodeFunctionMatchesGoCty(t *testing.T) {
	args := []cty.Value{
		cty.StringVal(`{"a": [1, "x", null], "b": {}}`),
		cty.StringVal(`{"a": 1, "a": 2}`),
		cty.StringVal(`{"a": 1,}`),
		cty.StringVal(`[1] x`),
		cty.UnknownVal(cty.String),
		cty.UnknownVal(cty.String).Refine().StringPrefix(`"ab`).NewValue(),
		markSensitive(cty.StringVal(`{"secret": "s"}`)),
	}
	for _, marked := range []bool{false, true} {
		ev := templateEvaluator()
		ev.marked = marked
		f := ev.funcs["jsondecode"]
		for _, arg := range args {
			if arg.ContainsMarked() && !marked {
				continue // only an evaluator that made a mark sees one
			}
			want, wantDiags := callExpr(stdlib.JSONDecodeFunc, arg)
			for range 2 {
				got, diags := callExpr(f, arg)
				assert.Equal(t, diagTexts(wantDiags), diagTexts(diags), "%#v", arg)
				if wantDiags.HasErrors() {
					continue
				}
				assert.True(t, want.RawEquals(got), "%#v: go-cty %#v, here %#v", arg, want, got)
			}
		}
		known := 4
		if marked {
			known++ // the sensitive document, unmarked
		}
		assert.Len(t, ev.files.decoded, known, "each known document decoded once")
	}
}
