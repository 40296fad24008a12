// Package csvout writes the compliance reports' CSV form: RFC 4180 (via
// encoding/csv), UTF-8, a header row, and every cell guarded against
// formula injection, so that a spreadsheet opening the file never runs a
// value taken from Terraform code or state as a formula.
package csvout

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// ListSeparator joins the values of a list in one cell.
const ListSeparator = "; "

// Cell guards a cell against formula injection: a cell starting with =, +,
// -, @, a tab or a carriage return is read as a formula by Excel, LibreOffice
// and Google Sheets, so it is prefixed with a single quote, which they show
// as text (OWASP's "CSV Injection" advice). Other cells are unchanged.
func Cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Join writes a list in one cell, its values in the given order.
func Join(values []string) string { return strings.Join(values, ListSeparator) }

// Write writes header and rows as CSV, with CRLF line ends as RFC 4180
// asks. Every row must have as many cells as the header.
func Write(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(guard(header)); err != nil {
		return fmt.Errorf("writing CSV header: %w", err)
	}
	for i, row := range rows {
		if len(row) != len(header) {
			return fmt.Errorf("CSV row %d has %d cells, want %d", i+1, len(row), len(header))
		}
		if err := cw.Write(guard(row)); err != nil {
			return fmt.Errorf("writing CSV row %d: %w", i+1, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

func guard(row []string) []string {
	out := make([]string, len(row))
	for i, cell := range row {
		out[i] = Cell(cell)
	}
	return out
}
