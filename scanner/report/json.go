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
	bw := bufio.NewWriter(w)
	bw.Write(head)
	bw.WriteString(jsonFindingsKey + "[\n")
	var one bytes.Buffer
	enc := newJSONEncoder(&one, jsonFindingIndent)
	for i := range findings {
		f := &findings[i]
		f.Criteria = nonNil(f.Criteria)
		one.Reset()
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("writing JSON report: %w", err)
		}
		if i > 0 {
			bw.WriteString(",\n")
		}
		bw.WriteString(jsonFindingIndent)
		bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n"))) // Encode ends each value with one
	}
	bw.WriteString("\n  ]")
	bw.Write(tail)
	return bw.Flush()
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
