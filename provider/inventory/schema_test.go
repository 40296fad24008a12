package inventory

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inventorySchema compiles docs/schemas/inventory.schema.json, the
// documented shape of `inventory --format json`.
func inventorySchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "docs", "schemas", "inventory.schema.json"))
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("inventory.schema.json", doc))
	schema, err := c.Compile("inventory.schema.json")
	require.NoError(t, err)
	return schema
}

// validateJSON writes rep as JSON and validates it against schema.
func validateJSON(t *testing.T, schema *jsonschema.Schema, rep *Report) error {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, rep.Write(&buf, "json"))
	inst, err := jsonschema.UnmarshalJSON(&buf)
	require.NoError(t, err)
	return schema.Validate(inst)
}

// The JSON of the example (from its .tf files and from its applied
// state), of a plan with values known only after apply, of hostile input
// and of an empty state matches the documented schema.
func TestJSONValidatesAgainstSchema(t *testing.T) {
	schema := inventorySchema(t)
	opt := options(t, "2026-12-01")
	inv, err := ParseConfig(filepath.Join("..", "..", "examples", "inventory"))
	require.NoError(t, err)
	reports := map[string]*Report{
		"examples/inventory": NewReport(inv, opt),
		"state":              fileReport(t, stateFixture, opt),
		"plan":               fileReport(t, planFixture, opt),
		"hostile":            reportOf(t, "hostile.json", hostileState(), opt),
		"empty":              reportOf(t, "empty.json", invStateDoc(), opt),
	}
	for name, rep := range reports {
		t.Run(name, func(t *testing.T) {
			assert.NoError(t, validateJSON(t, schema, rep))
		})
	}
}

// The schema is strict enough to catch a broken report.
func TestSchemaRejectsBrokenReports(t *testing.T) {
	schema := inventorySchema(t)
	opt := options(t, "2026-12-01")
	cases := map[string]func(r *Report){
		"criterion coverage": func(r *Report) { r.Criteria[0].Coverage = "fine" },
		"gap not a gap":      func(r *Report) { r.Coverage.Gaps = append(r.Coverage.Gaps, r.Criteria[0]) },
		"evidence status":    func(r *Report) { r.Evidence[0].Status = "late" },
		"warning kind":       func(r *Report) { r.Warnings = append(r.Warnings, Warning{Kind: "oops", Message: "m"}) },
		"source form":        func(r *Report) { r.Source.Form = "yaml" },
		"category in scope":  func(r *Report) { r.CategoriesInScope = append(r.CategoriesInScope, "safety") },
		"nil list":           func(r *Report) { r.Owners = nil },
	}
	for name, breakIt := range cases {
		t.Run(name, func(t *testing.T) {
			rep := fileReport(t, stateFixture, opt)
			require.NoError(t, validateJSON(t, schema, rep))
			require.NotEmpty(t, rep.Criteria)
			require.Equal(t, coverageCovered, rep.Criteria[0].Coverage)
			require.NotEmpty(t, rep.Evidence)
			breakIt(rep)
			assert.Error(t, validateJSON(t, schema, rep))
		})
	}
}
