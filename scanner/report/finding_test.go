package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestFindingSize keeps Finding from growing back: a large scan holds
// hundreds of thousands of findings at once, and what they say of their
// rule belongs in the RuleInfo they share, not in fields of each.
func TestFindingSize(t *testing.T) {
	assert.LessOrEqual(t, unsafe.Sizeof(Finding{}), uintptr(176), "Finding")
}

// TestFindingMarshalJSON checks that a finding marshals as the JSON report
// writes it, its rule's fields in their old places among its own (not
// first, as the embedded RuleInfo would put them), and that escaping HTML
// is left to the caller's encoder as for any other value.
func TestFindingMarshalJSON(t *testing.T) {
	f := finding(fixtureRules()[3], scanner.Fail, "aws_s3_bucket.b", "main.tf", 1, 2, "a <b> & c")
	got, err := json.Marshal(f)
	require.NoError(t, err)
	wire := f.wire()
	want, err := json.Marshal(&wire)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	assert.Contains(t, string(got), `"message":"a \u003cb\u003e \u0026 c","remediation":`,
		"remediation follows message, and json.Marshal escapes HTML")

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode([]Finding{f}))
	assert.Contains(t, buf.String(), `"message":"a <b> & c"`, "an encoder that does not escape HTML")

	var back Finding
	require.NoError(t, json.Unmarshal(got, &back))
	assert.Equal(t, f, back, "decoding fills RuleInfo from the same keys")
}

// TestReadJSONFindingWithoutRuleFields reads a finding that names none of
// its rule's fields: it gets an empty RuleInfo, so that reading them does
// not panic.
func TestReadJSONFindingWithoutRuleFields(t *testing.T) {
	data := render(t, "json", fixtureReport(false, false), Options{})
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	doc["findings"] = []any{map[string]any{"resource": "aws_s3_bucket.b", "status": "fail", "fingerprint": "x"}}
	edited, err := json.Marshal(doc)
	require.NoError(t, err)

	got, err := ReadJSON("edited.json", edited, fixtureRules())
	require.NoError(t, err)
	require.Len(t, got.Findings, 1)
	require.NotNil(t, got.Findings[0].RuleInfo)
	assert.Equal(t, "", got.Findings[0].RuleID)
	assert.Equal(t, "aws_s3_bucket.b", got.Findings[0].Resource)
	var out bytes.Buffer
	require.NoError(t, Write(&out, "text", got, Options{}), "writers read the rule's fields")
}
