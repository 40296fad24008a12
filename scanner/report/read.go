package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/textpos"
)

// jsonDocument is the JSON report on the wire: the report and the IDs of
// the rules that ran, which the Report holds as rules (Report.Rules) and
// the JSON names only, so that a saved result can be read back against the
// catalogue.
type jsonDocument struct {
	*Report
	RuleIDs []string `json:"rule_ids"`
}

func ruleIDs(rules []*scanner.Rule) []string {
	ids := make([]string, 0, len(rules))
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	if !slices.IsSorted(ids) { // rules come sorted from the catalogue
		slices.Sort(ids)
	}
	return ids
}

// ReadJSON reads a report written by WriteJSON (`scan --format json`);
// name is the file name for messages. The rules that ran are looked up in
// catalogue by the IDs the report lists: an ID the catalogue does not know
// (a report written by another version) is a warning of the returned
// report. A report written before the rule IDs were recorded lists none;
// the rules of its findings are taken as the rules that ran, and a warning
// says so.
//
// Passing findings are in the file only when the scan ran with
// --include-passed (Settings.IncludePassed); without it the report read
// back has none.
func ReadJSON(name string, data []byte, catalogue []*scanner.Rule) (*Report, error) {
	var doc jsonDocument
	doc.Report = &Report{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, readError(name, data, err)
	}
	if dec.More() {
		line, col := textpos.LineColumn(data, dec.InputOffset())
		return nil, fmt.Errorf("%s:%d:%d: unexpected data after the report", name, line, col)
	}
	r := doc.Report
	for i := range r.Findings {
		// A finding with none of its rule's keys decodes without
		// RuleInfo, whose fields every reader of a finding reads.
		if r.Findings[i].RuleInfo == nil {
			r.Findings[i].RuleInfo = &RuleInfo{}
		}
	}
	if r.Tool != ToolName || r.SchemaVersion == 0 {
		return nil, fmt.Errorf("%s: not a report of `%s scan --format json` (tool %q, schema_version %d)", name, ToolName, r.Tool, r.SchemaVersion)
	}
	if r.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("%s: schema_version %d: this version reads schema_version %d", name, r.SchemaVersion, SchemaVersion)
	}
	ids := doc.RuleIDs
	if ids == nil {
		seen := map[string]bool{}
		for _, f := range r.Findings {
			if !seen[f.RuleID] {
				seen[f.RuleID] = true
				ids = append(ids, f.RuleID)
			}
		}
		slices.Sort(ids)
		r.Warnings = append(r.Warnings, Problem{File: name, Message: "the report does not list the rules that ran (it was written by an older version); only the rules with findings are known to have run"})
	}
	byID := map[string]*scanner.Rule{}
	for _, rule := range catalogue {
		byID[rule.ID] = rule
	}
	for _, id := range ids {
		rule, ok := byID[id]
		if !ok {
			r.Warnings = append(r.Warnings, Problem{File: name, Message: fmt.Sprintf("rule %s ran in the saved scan but is not in this version's catalogue", id)})
			continue
		}
		r.Rules = append(r.Rules, rule)
	}
	return r, nil
}

// readError locates a JSON decoding error in data.
func readError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := textpos.LineColumn(data, se.Offset-1)
		return fmt.Errorf("%s:%d:%d: invalid JSON: %w", name, line, col, err)
	case errors.As(err, &te):
		line, col := textpos.LineColumn(data, te.Offset)
		return fmt.Errorf("%s:%d:%d: %s: want %s, got %s", name, line, col, strings.TrimPrefix(te.Field, "Report."), te.Type, te.Value)
	}
	return fmt.Errorf("%s: not a scan report: %w", name, err)
}
