package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRootsAreListedInEveryFormat(t *testing.T) {
	r := fixtureReport(false, false)
	r.Roots = []Root{
		{Path: "examples/legacy", Reason: `excluded by exclude_roots "examples/legacy"`, Excluded: true},
		{Path: "examples/local", Reason: "not called by another module", Resources: 2},
		{Path: "examples/registry", Reason: "not called by another module", Resources: 1, Notes: []string{"module.x: mapped"}},
		{Path: "wrappers", Reason: "not called by another module", Notes: []string{"module.wrapper expands to no instances: for_each over var.items is empty by default (set var.items to scan ../ through this root)"}},
	}

	var text bytes.Buffer
	require.NoError(t, WriteText(&text, r, Options{}))
	assert.Contains(t, text.String(), "  3 root modules: examples/local, examples/registry, wrappers; excluded: examples/legacy.\n"+
		"  1 root module scanned no resource:\n"+
		"    wrappers: module.wrapper expands to no instances: for_each over var.items is empty by default (set var.items to scan ../ through this root)\n")

	var md bytes.Buffer
	require.NoError(t, WriteMarkdown(&md, r))
	assert.Contains(t, md.String(), "3 root modules: `examples/local`, `examples/registry`, `wrappers`; excluded: `examples/legacy`.\n\n"+
		"1 root module scanned no resource:\n\n"+
		"- `wrappers`: module.wrapper expands to no instances: for_each over var.items is empty by default (set var.items to scan ../ through this root)\n\n")

	var js bytes.Buffer
	require.NoError(t, WriteJSON(&js, r))
	back, err := ReadJSON("r.json", js.Bytes(), fixtureRules())
	require.NoError(t, err)
	assert.Equal(t, r.Roots, back.Roots, "written and read back")
	assert.Contains(t, js.String(), `"resources": 0`, "an empty root says so: resources is never left out")
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("report.schema.json", doc))
	schema, err := c.Compile("report.schema.json")
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js.Bytes()))
	require.NoError(t, err)
	assert.NoError(t, schema.Validate(inst), "the roots match the schema")

	var sarif bytes.Buffer
	require.NoError(t, WriteSARIF(&sarif, r))
	var log struct {
		Runs []struct {
			Properties struct{ Roots []Root } `json:"properties"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(sarif.Bytes(), &log))
	require.Len(t, log.Runs, 1)
	assert.Equal(t, r.Roots, log.Runs[0].Properties.Roots)
}

func TestRootsSentenceSumsUpMany(t *testing.T) {
	r := &Report{}
	for i := range 10 {
		r.Roots = append(r.Roots, Root{Path: fmt.Sprintf("r%d", i), Reason: "named"})
	}
	assert.Equal(t, "10 root modules: r0, r1, r2, r3, r4, r5, r6, r7 and 2 more (the JSON report lists them all).",
		r.rootsSentence(func(s string) string { return s }))
	assert.Empty(t, (&Report{}).rootsSentence(func(s string) string { return s }))
}

func TestEmptyRootsSumUpMany(t *testing.T) {
	r := &Report{Roots: []Root{{Path: "full", Resources: 3}, {Path: "gone", Excluded: true}}}
	heading, lines := r.emptyRoots(func(s string) string { return "<" + s + ">" }, func(s string) string { return s })
	assert.Empty(t, heading, "an excluded root scanned nothing, as it says already")
	assert.Empty(t, lines)
	for i := range 10 {
		r.Roots = append(r.Roots, Root{Path: fmt.Sprintf("r%d", i)})
	}
	heading, lines = r.emptyRoots(func(s string) string { return "<" + s + ">" }, func(s string) string { return s })
	assert.Equal(t, "10 root modules scanned no resource:", heading)
	assert.Equal(t, []string{"<r0>", "<r1>", "<r2>", "<r3>", "<r4>", "<r5>", "<r6>", "<r7>", "and 2 more (the JSON report lists them all)"}, lines)
}
