package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON renders the report as indented JSON, with the IDs of the rules
// that ran (rule_ids) so that ReadJSON can read it back. Passes are
// included only when Settings.IncludePassed is set; empty lists are written
// as [] so that consumers never meet null.
func WriteJSON(w io.Writer, r *Report) error {
	out := *r
	findings := r.Visible()
	out.Findings = []Finding{}
	out.Errors = nonNil(r.Errors)
	out.Warnings = nonNil(r.Warnings)
	out.Summary.BySeverity = nonNil(r.Summary.BySeverity)
	out.Summary.ByCriterion = nonNil(r.Summary.ByCriterion)
	out.Settings.CategoriesInScope = nonNil(r.Settings.CategoriesInScope)
	var doc bytes.Buffer
	if err := newJSONEncoder(&doc, "").Encode(jsonDocument{Report: &out, RuleIDs: ruleIDs(r.Rules)}); err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	// The findings are written one at a time into the place of the empty
	// list, as Encode would indent them, rather than encoded with the rest:
	// the whole document in memory, twice (encoded, then indented), would
	// be the largest allocation of a large scan.
	head, tail, ok := bytes.Cut(doc.Bytes(), []byte(jsonFindingsKey+"[]"))
	if !ok || len(findings) == 0 {
		_, err := w.Write(doc.Bytes())
		return err
	}
	// bufio.Writer keeps its first error and returns it from every later
	// write and from Flush; the writes are checked anyway so that a failed
	// write stops the loop early.
	bw := bufio.NewWriter(w)
	write := func(parts ...[]byte) error {
		for _, p := range parts {
			if _, err := bw.Write(p); err != nil {
				return fmt.Errorf("writing JSON report: %w", err)
			}
		}
		return nil
	}
	if err := write(head, []byte(jsonFindingsKey+"[\n")); err != nil {
		return err
	}
	var one bytes.Buffer
	enc := newJSONEncoder(&one, jsonFindingIndent)
	for i := range findings {
		f := &findings[i]
		f.Criteria = nonNil(f.Criteria)
		if f.Root == "" {
			// A finding made without a root (one read back from a report
			// older than the field) came from the scanned path itself.
			f.Root = "."
		}
		one.Reset()
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("writing JSON report: %w", err)
		}
		sep := []byte(jsonFindingIndent)
		if i > 0 {
			sep = []byte(",\n" + jsonFindingIndent)
		}
		// Encode ends each value with a newline, which the separator replaces.
		if err := write(sep, bytes.TrimSuffix(one.Bytes(), []byte("\n"))); err != nil {
			return err
		}
	}
	if err := write([]byte("\n  ]"), tail); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	return nil
}

// jsonFindingsKey is the report's findings key as the indented document
// writes it: at the top level, so at the start of a line indented once
// (a key inside strings or deeper objects cannot look like it).
const jsonFindingsKey = "\n  \"findings\": "

// jsonFindingIndent is the indentation of the findings' lines.
const jsonFindingIndent = "    "

func newJSONEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
