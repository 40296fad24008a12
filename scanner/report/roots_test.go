package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRootsAreListedInEveryFormat(t *testing.T) {
	r := fixtureReport(false, false)
	r.Roots = []Root{
		{Path: "examples/legacy", Reason: `excluded by exclude_roots "examples/legacy"`, Excluded: true},
		{Path: "examples/local", Reason: "not called by another module"},
		{Path: "examples/registry", Reason: "not called by another module", Notes: []string{"module.x: mapped"}},
	}

	var text bytes.Buffer
	require.NoError(t, WriteText(&text, r, Options{}))
	assert.Contains(t, text.String(), "  2 root modules: examples/local, examples/registry; excluded: examples/legacy.\n")

	var md bytes.Buffer
	require.NoError(t, WriteMarkdown(&md, r))
	assert.Contains(t, md.String(), "2 root modules: `examples/local`, `examples/registry`; excluded: `examples/legacy`.\n")

	var js bytes.Buffer
	require.NoError(t, WriteJSON(&js, r))
	back, err := ReadJSON("r.json", js.Bytes(), fixtureRules())
	require.NoError(t, err)
	assert.Equal(t, r.Roots, back.Roots, "written and read back")

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
