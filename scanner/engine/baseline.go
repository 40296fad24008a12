package engine

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// BaselineVersion is the version of the baseline file's shape.
const BaselineVersion = 1

// Baseline is a set of findings accepted as they are, so that a scan reports
// only new ones. Findings are matched by fingerprint, which leaves line
// numbers out, so the baseline survives edits around a resource.
type Baseline struct {
	// Name is where the baseline was read from, for suppression reasons.
	Name    string
	entries map[string]bool
}

// baselineFile is the JSON shape of a baseline: sorted, and without
// timestamps, so that rewriting an unchanged baseline changes nothing.
type baselineFile struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding. Only the fingerprint matters; the
// other fields tell a reviewer what was accepted.
type BaselineEntry struct {
	Fingerprint string         `json:"fingerprint"`
	RuleID      string         `json:"rule_id"`
	Resource    string         `json:"resource"`
	File        string         `json:"file,omitempty"`
	Status      scanner.Status `json:"status"`
}

// Contains reports whether a finding with the fingerprint is in the baseline.
func (b *Baseline) Contains(fingerprint string) bool {
	return b != nil && b.entries[fingerprint]
}

// Len returns the number of findings in the baseline.
func (b *Baseline) Len() int { return len(b.entries) }

// ReadBaseline reads a baseline written by WriteBaseline.
func ReadBaseline(path string) (*Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	defer f.Close()
	b, err := DecodeBaseline(f)
	if err != nil {
		return nil, fmt.Errorf("reading baseline %s: %w", path, err)
	}
	b.Name = path
	return b, nil
}

// DecodeBaseline parses a baseline.
func DecodeBaseline(r io.Reader) (*Baseline, error) {
	var file baselineFile
	dec := json.NewDecoder(r)
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("not a baseline file: %w", err)
	}
	if file.Version != BaselineVersion {
		return nil, fmt.Errorf("unsupported baseline version %d (this tool writes version %d)", file.Version, BaselineVersion)
	}
	b := &Baseline{entries: make(map[string]bool, len(file.Findings))}
	for i, e := range file.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("finding %d has no fingerprint", i)
		}
		b.entries[e.Fingerprint] = true
	}
	return b, nil
}

// WriteBaseline records the report's failing and unknown findings that are
// not suppressed otherwise (those already in a baseline stay in), sorted by
// fingerprint.
func WriteBaseline(w io.Writer, r *report.Report) error {
	file := baselineFile{Version: BaselineVersion, Tool: report.ToolName, Findings: []BaselineEntry{}}
	seen := map[string]bool{}
	for _, f := range r.Findings {
		if !f.Status.IsProblem() || seen[f.Fingerprint] {
			continue
		}
		if f.Suppressed && f.Suppression != nil && f.Suppression.Source != report.SourceBaseline {
			continue
		}
		seen[f.Fingerprint] = true
		file.Findings = append(file.Findings, BaselineEntry{
			Fingerprint: f.Fingerprint,
			RuleID:      f.RuleID,
			Resource:    f.Resource,
			File:        f.File,
			Status:      f.Status,
		})
	}
	sort.Slice(file.Findings, func(i, j int) bool { return file.Findings[i].Fingerprint < file.Findings[j].Fingerprint })
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&file); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	return nil
}
