package window

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/ledger"
)

// csvRecords is rep's CSV form read back; it checks the header.
func csvRecords(t *testing.T, rep *Report) [][]string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, rep.Write(&buf, "csv"))
	recs, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(recs), 1, "a header first")
	require.Equal(t, CSVHeader, recs[0])
	return recs
}

func TestCSVOneRowPerControl(t *testing.T) {
	rep := build([]*ledger.Record{rec(0), rec(5, "fp1")}, 6, control())
	recs := csvRecords(t, rep)
	require.Len(t, recs, 2)
	row := recs[1]
	assert.Equal(t, []string{KindControl, "AC-1", "Access", "ana@example.com", "weekly", "r-a; r-x", string(Exceptions)}, row[:7])
	assert.Equal(t, "1", row[10], "failing_days")
	assert.Equal(t, "r-a aws_s3_bucket.fp1 (main.tf:1)", row[13])
}

func TestCSVPerRuleThenCriterion(t *testing.T) {
	rep := Build(Input{Records: []*ledger.Record{rec(0), rec(1, "fp1")}, From: day0, To: day0.AddDate(0, 0, 1)})
	recs := csvRecords(t, rep)
	require.Len(t, recs, 1+len(rep.Subjects)+len(rep.Criteria))
	assert.Equal(t, KindRule, recs[1][0])
	assert.Equal(t, []string{KindCriterion, "CC6.1"}, recs[len(recs)-1][:2])
}

func TestCSVGuardsFormulas(t *testing.T) {
	c := control()
	c.Title = "=cmd"
	recs := csvRecords(t, build([]*ledger.Record{rec(0)}, 1, c))
	assert.Equal(t, "'=cmd", recs[1][2])
}
