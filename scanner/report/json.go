package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
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
	doc, err := newJSONEncoder("").encode(jsonDocument{Report: &out, RuleIDs: ruleIDs(r.Rules)})
	if err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	// The findings are written one at a time into the place of the empty
	// list, as Encode would indent them, rather than encoded with the rest:
	// the whole document in memory, twice (encoded, then indented), would
	// be the largest allocation of a large scan.
	head, tail, ok := bytes.Cut(doc, []byte(jsonFindingsKey+"[]"))
	if !ok || len(findings) == 0 {
		_, err := w.Write(doc)
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
	enc := newJSONEncoder(jsonFindingIndent)
	for i := range findings {
		wire := findings[i].wire()
		wire.Criteria = nonNil(wire.Criteria)
		if wire.Root == "" {
			// A finding made without a root (one read back from a report
			// older than the field) came from the scanned path itself.
			wire.Root = "."
		}
		one, err := enc.encode(&wire)
		if err != nil {
			return fmt.Errorf("writing JSON report: %w", err)
		}
		sep := []byte(jsonFindingIndent)
		if i > 0 {
			sep = []byte(",\n" + jsonFindingIndent)
		}
		// Encode ends each value with a newline, which the separator replaces.
		if err := write(sep, bytes.TrimSuffix(one, []byte("\n"))); err != nil {
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

// jsonEncoder encodes values as a json.Encoder with SetIndent(prefix, "  ")
// and SetEscapeHTML(false) would, indenting with appendIndented rather
// than encoding/json's scanner.
type jsonEncoder struct {
	prefix string
	raw    bytes.Buffer
	enc    *json.Encoder
	out    []byte
}

func newJSONEncoder(prefix string) *jsonEncoder {
	e := &jsonEncoder{prefix: prefix}
	e.enc = json.NewEncoder(&e.raw)
	e.enc.SetEscapeHTML(false)
	return e
}

// encode returns v encoded and indented, ending in a newline, in a buffer
// the next call reuses.
func (e *jsonEncoder) encode(v any) ([]byte, error) {
	e.raw.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	e.out = appendIndented(e.out[:0], e.raw.Bytes(), e.prefix, "  ")
	return e.out, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// findingJSON is a finding as JSON writes it: every field in the order
// reports have always had, the rule's among the finding's own.
type findingJSON struct {
	RuleID       string           `json:"rule_id"`
	Title        string           `json:"title"`
	Description  string           `json:"description"`
	Severity     scanner.Severity `json:"severity"`
	Criteria     []string         `json:"criteria"`
	Family       scanner.Family   `json:"family"`
	Resource     string           `json:"resource"`
	ResourceType string           `json:"resource_type"`
	Root         string           `json:"root"`
	File         string           `json:"file"`
	StartLine    int              `json:"start_line"`
	EndLine      int              `json:"end_line"`
	StartColumn  int              `json:"start_column,omitempty"`
	EndColumn    int              `json:"end_column,omitempty"`
	Status       scanner.Status   `json:"status"`
	Message      string           `json:"message"`
	Remediation  string           `json:"remediation,omitempty"`
	DocURL       string           `json:"doc_url,omitempty"`
	Suppressed   bool             `json:"suppressed"`
	Suppression  *Suppression     `json:"suppression,omitempty"`
	Notes        []string         `json:"notes,omitempty"`
	Fingerprint  string           `json:"fingerprint"`
}

// wire is f as JSON writes it. A finding without RuleInfo writes empty
// rule fields.
func (f *Finding) wire() findingJSON {
	rule := f.RuleInfo
	if rule == nil {
		rule = &RuleInfo{}
	}
	return findingJSON{
		RuleID: rule.RuleID, Title: rule.Title, Description: rule.Description, Severity: rule.Severity,
		Criteria: rule.Criteria, Family: rule.Family,
		Resource: f.Resource, ResourceType: f.ResourceType, Root: f.Root, File: f.File,
		StartLine: int(f.StartLine), EndLine: int(f.EndLine), StartColumn: int(f.StartColumn), EndColumn: int(f.EndColumn),
		Status: f.Status, Message: f.Message, Remediation: rule.Remediation, DocURL: rule.DocURL,
		Suppressed: f.Suppressed, Suppression: f.Suppression, Notes: f.Notes, Fingerprint: f.Fingerprint,
	}
}

// MarshalJSON writes f as the JSON report does, its rule's fields among
// its own; whether HTML characters are escaped is the caller's encoder's
// choice, as it is for any other value.
func (f Finding) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	wire := f.wire()
	if err := enc.Encode(&wire); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
