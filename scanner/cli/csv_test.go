package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/coverage"
	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
)

// parseCSV reads a command's CSV output back, header first.
func parseCSV(t *testing.T, out string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	return recs
}

// jsonLen is the length of the list under key in a JSON document.
func jsonLen(t *testing.T, out, key string) int {
	t.Helper()
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	var list []json.RawMessage
	require.NoError(t, json.Unmarshal(doc[key], &list))
	return len(list)
}

func TestInventoryCSVOfTheExample(t *testing.T) {
	// The state of examples/inventory once applied.
	args := []string{"--now", "2026-12-01", stateFixture}
	code, out, stderr := inventoryCmd("", append([]string{"--format", "csv"}, args...)...)
	require.Equal(t, ExitOK, code, stderr)
	recs := parseCSV(t, out)
	assert.Equal(t, inventory.CSVHeader, recs[0])

	code, js, stderr := inventoryCmd("", append([]string{"--format", "json"}, args...)...)
	require.Equal(t, ExitOK, code, stderr)
	controls := jsonLen(t, js, "controls")
	require.Positive(t, controls)
	assert.Len(t, recs, 1+controls, "one row per control of the example")
}

func TestCoverageCSVOfTheExamples(t *testing.T) {
	args := []string{"--config", inventoryExample, "--scan", insecureExample}
	code, out, stderr := coverageCmd("", append(args, "--format", "csv")...)
	require.Equal(t, ExitOK, code, stderr)
	recs := parseCSV(t, out)
	assert.Equal(t, coverage.CSVHeader, recs[0])

	code, js, stderr := coverageCmd("", append(args, "--format", "json")...)
	require.Equal(t, ExitOK, code, stderr)
	criteria := jsonLen(t, js, "criteria")
	require.Positive(t, criteria)
	assert.Len(t, recs, 1+criteria, "one row per criterion in scope")
	assert.Contains(t, out, "../../examples/scan/insecure/encryption.tf:10", "failing resources of the insecure example")
}
