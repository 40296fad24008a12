package tfjson

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/fuzzseed"
)

func TestReadPlanAndState(t *testing.T) {
	plan, kind, err := Read([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b"}]}},"values":{"root_module":{"resources":[{"address":"x.y"}]}}}`))
	require.NoError(t, err)
	assert.Equal(t, KindPlan, kind)
	assert.Nil(t, plan.Values, "a plan's resources are its planned values")
	require.NotNil(t, plan.PlannedValues)

	state, kind, err := Read([]byte(nested[:1] + `"format_version":"1.0","values":` + nested + `}`))
	require.NoError(t, err)
	assert.Equal(t, KindState, kind)
	var got []string
	for _, r := range state.Values.Resources() {
		got = append(got, r.Address)
	}
	assert.Equal(t, []string{"a.root", "module.x.a.one", "module.x.a.two", "module.x.module.y.a.deep", "module.z.a.last"}, got)

	empty, kind, err := Read([]byte(`{"format_version":"1.0","terraform_version":"1.11.4"}`))
	require.NoError(t, err, "terraform show -json of an empty state")
	assert.Equal(t, KindState, kind)
	assert.Nil(t, empty.Values)
}

func TestReadRejects(t *testing.T) {
	cases := map[string]struct {
		data      string
		line, col int
		msg       string
	}{
		"empty":          {" \n", 1, 1, "empty input"},
		"null":           {"null", 1, 1, "a JSON null"},
		"string":         {`"plan"`, 1, 1, "a JSON string"},
		"syntax":         {"{\n\"format_version\": }", 2, 19, "invalid character"},
		"truncated":      {`{"format_version":"1.0"`, 1, 24, ""},
		"duplicate key":  {`{"format_version":"1.0","format_version":"1.0"}`, 1, 25, `duplicate key "format_version"`},
		"version type":   {`{"format_version":1}`, 1, 2, "format_version must be a string"},
		"resources type": {`{"format_version":"1.0","values":{"root_module":{"resources":{}}}}`, 1, 62, "values.root_module.resources must be an array, got a JSON object"},
		"address type":   {`{"format_version":"1.0","values":{"root_module":{"resources":[{"address":12}]}}}`, 1, 74, "must be a string, got a JSON number"},
		"name type":      {`{"format_version":"1.0","values":{"root_module":{"resources":[{"name":"x"}]}}, "resource_changes":[{"address":true}]}`, 1, 111, "must be a string, got a JSON bool"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := Read([]byte(c.data))
			var fe *FormatError
			require.ErrorAs(t, err, &fe)
			assert.Contains(t, fe.Message, c.msg)
			assert.Equal(t, [2]int{c.line, c.col}, [2]int{fe.Line, fe.Column}, fe.Message)
		})
	}
}

// FuzzRead feeds arbitrary bytes to Read: it must never panic, accept only
// valid JSON objects as a plan or a state, and locate every rejection
// inside the input.
func FuzzRead(f *testing.F) {
	fuzzseed.Files(f, nil, "../loader/testdata/plan/*.json", "../../provider/inventory/testdata/*.json")
	for _, s := range []string{"", "[]", "{}", "null", `[{"format_version":"1.2"}]`, `{"format_version":"1.0"}`,
		`{"version":4,"resources":[]}`, `{"format_version":"9"}`, `{"format_version":"1.0","values":{"root_module":{"child_modules":[{"resources":[{}]}]}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, kind, err := Read(data)
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *FormatError", err)
			}
			lines := 1
			for _, b := range data {
				if b == '\n' {
					lines++
				}
			}
			if fe.Line < 1 || fe.Line > lines || fe.Column < 1 {
				t.Fatalf("error outside the input (%d lines): %v", lines, err)
			}
			return
		}
		if kind != KindPlan && kind != KindState {
			t.Fatalf("accepted as %q", kind)
		}
		if !json.Valid(data) {
			t.Fatalf("accepted invalid JSON")
		}
		for range doc.Values.Resources() {
		}
		for range doc.PlannedValues.Resources() {
		}
	})
}
