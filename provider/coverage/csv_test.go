package coverage

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// csvRows parses r's CSV form back into rows by criterion, as column name
// to cell, checking the header.
func csvRows(t *testing.T, r *Report) map[string]map[string]string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, r.Write(&b, "csv"))
	recs, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	require.Equal(t, CSVHeader, recs[0])
	require.Len(t, recs, 1+len(r.Criteria), "a header and one row per criterion in scope")
	rows := map[string]map[string]string{}
	for i, rec := range recs[1:] {
		assert.Equal(t, r.Criteria[i].ID, rec[0], "rows in catalogue order")
		row := map[string]string{}
		for j, name := range recs[0] {
			row[name] = rec[j]
		}
		rows[rec[0]] = row
	}
	return rows
}

func TestCSV(t *testing.T) {
	rows := csvRows(t, build(t, true))

	fail := rows["CC6.6"]
	assert.Equal(t, string(AtRisk), fail["verdict"])
	assert.Equal(t, "CTL-FAIL", fail["controls"])
	assert.Equal(t, "Dana <dana@example.com>", fail["owners"])
	assert.Equal(t, "rule-fail", fail["rules"])
	assert.Equal(t, "2", fail["failed"])
	assert.Equal(t, "0", fail["passed"])
	assert.Equal(t, "main.tf:10; main.tf:20", fail["failing_resources"])

	pass := rows["CC6.1"]
	assert.Equal(t, "1", pass["passed"])
	assert.Equal(t, "1", pass["suppressed"])
	assert.Equal(t, "0", pass["failed"])

	assert.Equal(t, "1", rows["CC6.8"]["unknown"])
	assert.Equal(t, "1", rows["CC6.2"]["overdue_evidence"])
}

func TestCSVPassesNotRecorded(t *testing.T) {
	rows := csvRows(t, build(t, false))
	assert.Empty(t, rows["CC6.1"]["passed"], "passes are unknown, not zero, when the scan did not record them")
}

func TestCSVGuardsFormulas(t *testing.T) {
	r := build(t, true)
	r.Criteria[0].Reasons = []string{"@cmd|' /C calc'!A0"}
	r.Criteria[0].Title = "=1+1"
	rows := csvRows(t, r)
	row := rows[r.Criteria[0].ID]
	assert.Equal(t, "'=1+1", row["title"])
	assert.Equal(t, "'@cmd|' /C calc'!A0", row["reasons"])
}
