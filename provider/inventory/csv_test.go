package inventory

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// csvRecords parses rep's CSV form back, header first.
func csvRecords(t *testing.T, rep *Report) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(written(t, rep, "csv"))).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	return recs
}

// csvRow is the row of a control by id, as column name to cell.
func csvRow(t *testing.T, recs [][]string, id string) map[string]string {
	t.Helper()
	for _, rec := range recs[1:] {
		if rec[0] == id {
			row := map[string]string{}
			for i, name := range recs[0] {
				row[name] = rec[i]
			}
			return row
		}
	}
	require.Failf(t, "control not in CSV", "%s", id)
	return nil
}

func TestInventoryCSVHasOneRowPerControl(t *testing.T) {
	st := readFixtureState(t)
	rep := fileReport(t, stateFixture, options(t, "2026-11-25"))
	recs := csvRecords(t, rep)

	assert.Equal(t, CSVHeader, recs[0])
	require.Len(t, recs, 1+len(st.resources(TypeControl)), "a header and one row per control of the example")
	for i, c := range rep.Controls {
		assert.Equal(t, c.ControlID, recs[i+1][0], "rows in the report's order")
	}

	c := rep.Controls[0]
	row := csvRow(t, recs, c.ControlID)
	assert.Equal(t, c.Address, row["address"])
	assert.Equal(t, c.Title, row["title"])
	assert.Equal(t, strings.Join(c.Criteria, "; "), row["criteria"])
	require.NotNil(t, c.Owner)
	assert.Equal(t, derefString(c.Owner.Email), row["owner_email"])
}

func TestInventoryCSVDueDatesComeFromTheEvidence(t *testing.T) {
	rep := fileReport(t, stateFixture, options(t, "2027-06-01"))
	recs := csvRecords(t, rep)
	overdue := map[string]int{}
	for _, e := range rep.Evidence {
		if e.Overdue {
			overdue[e.ControlID]++
		}
	}
	require.NotEmpty(t, overdue, "evidence is overdue half a year after the example was applied")
	for id, n := range overdue {
		row := csvRow(t, recs, id)
		assert.Equal(t, strconv.Itoa(n), row["evidence_overdue"], "control %s", id)
		assert.NotEmpty(t, row["next_due"], "control %s", id)
		assert.LessOrEqual(t, row["next_due"], "2027-06-01", "control %s: its earliest due date is past", id)
	}
}

func TestInventoryCSVShowsUnknownValues(t *testing.T) {
	rep := fileReport(t, planFixture, options(t, "2026-11-25"))
	recs := csvRecords(t, rep)
	require.Len(t, recs, 1+len(rep.Controls))
	for _, c := range rep.Controls {
		if len(c.Unknown) == 0 {
			continue
		}
		row := csvRow(t, recs, c.ControlID)
		assert.Equal(t, strings.Join(c.Unknown, "; "), row["unknown"])
		return
	}
	require.Fail(t, "the plan fixture has a control with values known only after apply")
}

func TestInventoryCSVGuardsFormulas(t *testing.T) {
	name := "=HYPERLINK(\"http://evil\",\"x\")"
	rep := &Report{Controls: []Control{{
		ControlID: "AC-1", Title: "+SUM(A1)", Status: "implemented",
		Owner: &OwnerRef{ID: "ops", Name: &name, Declared: true},
	}}}
	recs := csvRecords(t, rep)
	require.Len(t, recs, 2)
	row := csvRow(t, recs, "AC-1")
	assert.Equal(t, "'+SUM(A1)", row["title"])
	assert.Equal(t, "'"+name, row["owner_name"])
}
