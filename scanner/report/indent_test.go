package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// indentSamples are values whose encoding has every kind of token, empty
// and nested objects and arrays, and strings holding brackets, commas,
// colons, quotes and backslashes.
var indentSamples = []any{
	map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{1, "x", true, nil, 2.5, -3e-7}, "d": map[string]any{"e": []any{[]any{}, map[string]any{"f": "g"}}}},
	[]string{`{"not": [an, object]}`, `quote " backslash \ end\`, `\"`, `\\`, "tab\tnewline\n", "<html> & ünïcødé \u2028", ""},
	"top-level string, with: [brackets]",
	42,
	nil,
	[]any{},
	map[string]any{},
	map[string]any{`k"e\y`: []any{map[string]any{}, []any{[]any{}}}},
}

func TestAppendIndentedAsJSONIndent(t *testing.T) {
	for _, v := range indentSamples {
		var raw bytes.Buffer
		enc := json.NewEncoder(&raw)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(v))
		for _, prefix := range []string{"", "    "} {
			var want bytes.Buffer
			require.NoError(t, json.Indent(&want, raw.Bytes(), prefix, "  "))
			assert.Equal(t, want.String(), string(appendIndented(nil, raw.Bytes(), prefix, "  ")), "%s", raw.Bytes())
		}
	}
}

// Any valid JSON, compacted as the encoder writes it, is indented as
// json.Indent indents it.
func FuzzAppendIndented(f *testing.F) {
	for _, v := range indentSamples {
		b, err := json.Marshal(v)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		compact.WriteByte('\n')
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, compact.Bytes(), "  ", "  "))
		if got := appendIndented(nil, compact.Bytes(), "  ", "  "); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indented %q as %q, want %q", compact.Bytes(), got, want.Bytes())
		}
	})
}
