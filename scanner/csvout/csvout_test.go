package csvout

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCellGuardsFormulaStarts(t *testing.T) {
	for _, in := range []string{"=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx"} {
		assert.Equal(t, "'"+in, Cell(in), "cell %q", in)
	}
	for _, in := range []string{"", "CC6.1", "a=b", "jane@example.com", "'quoted"} {
		assert.Equal(t, in, Cell(in), "cell %q", in)
	}
}

func TestWriteParsesBack(t *testing.T) {
	var buf bytes.Buffer
	header := []string{"id", "note"}
	rows := [][]string{
		{"a", `=HYPERLINK("http://x","y")`},
		{"b", "line one\nline two, with \"quotes\""},
		{"c", "ünïcode"},
	}
	require.NoError(t, Write(&buf, header, rows))
	assert.Contains(t, buf.String(), "\r\n")

	got, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, got, 4)
	assert.Equal(t, header, got[0])
	assert.Equal(t, `'=HYPERLINK("http://x","y")`, got[1][1])
	assert.Equal(t, "line one\nline two, with \"quotes\"", got[2][1])
	assert.Equal(t, "ünïcode", got[3][1])
}

func TestWriteRejectsRaggedRow(t *testing.T) {
	err := Write(&bytes.Buffer{}, []string{"a", "b"}, [][]string{{"1"}})
	assert.ErrorContains(t, err, "row 1 has 1 cells, want 2")
}
