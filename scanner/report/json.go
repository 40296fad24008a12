package report

import (
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
	out.Findings = nonNil(r.Visible())
	out.Errors = nonNil(r.Errors)
	out.Warnings = nonNil(r.Warnings)
	out.Summary.BySeverity = nonNil(r.Summary.BySeverity)
	out.Summary.ByCriterion = nonNil(r.Summary.ByCriterion)
	out.Settings.CategoriesInScope = nonNil(r.Settings.CategoriesInScope)
	for i := range out.Findings {
		out.Findings[i].Criteria = nonNil(out.Findings[i].Criteria)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(jsonDocument{Report: &out, RuleIDs: ruleIDs(r.Rules)}); err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
