package window

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

// Formats lists the output formats.
func Formats() []string { return []string{"text", "markdown", "json", "csv", "html"} }

// Write renders the report in format.
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "markdown":
		return r.writeMarkdown(w)
	case "text":
		return r.writeText(w)
	case "csv":
		return r.writeCSV(w)
	case "html":
		return r.writeHTML(w)
	}
	return fmt.Errorf("unknown format %q; use one of %s", format, strings.Join(Formats(), ", "))
}

func (r *Report) summaryText() string {
	var parts []string
	for _, v := range Verdicts {
		parts = append(parts, fmt.Sprintf("%d %s", r.Summary[v], v))
	}
	return strings.Join(parts, ", ")
}

func (r *Report) chainText() string {
	if r.Chain.Intact {
		return "intact"
	}
	return fmt.Sprintf("BROKEN (%d problems; run 'evidence verify')", len(r.Chain.Problems))
}

func (r *Report) writeText(w io.Writer) error {
	p := &wording.Printer{W: w}
	p.Printf("Evidence ledger %s: %d records from %s to %s (judged until %s); chain %s\n",
		r.Ledger, r.Records, r.From, r.To, r.JudgedUntil, r.chainText())
	if r.RecordsWithErrors > 0 {
		p.Printf("%d records are of scans that could not read all of their input\n", r.RecordsWithErrors)
	}
	p.Printf("By %s: %s\n", r.By, r.summaryText())
	for _, s := range r.Subjects {
		writeTextSubject(p, s)
	}
	if len(r.Criteria) > 0 {
		p.Printf("\nBy criterion:\n")
		for _, s := range r.Criteria {
			writeTextSubject(p, s)
		}
	}
	return p.Err
}

func writeTextSubject(p *wording.Printer, s Subject) {
	p.Printf("\n%s %s — %s\n", strings.ToUpper(s.Verdict.short()), s.ID, s.Title)
	if s.Owner != "" {
		p.Printf("  owner:      %s\n", s.Owner)
	}
	if s.Kind == KindControl {
		p.Printf("  rules:      %s\n", strings.Join(s.Rules, ", "))
	}
	p.Printf("  frequency:  %s\n", orDash(s.Frequency))
	p.Printf("  records:    %d days (first %s, last %s)\n", s.DaysWithRecord, orDash(s.FirstRecord), orDash(s.LastRecord))
	p.Printf("  longest gap: %.2f days (%s to %s)\n", s.LongestGap.Days, s.LongestGap.From, s.LongestGap.To)
	if len(s.FailingDays) > 0 {
		p.Printf("  failed:     %d days (first %s, last %s)\n", len(s.FailingDays), s.FirstFailure, s.LastFailure)
	}
	for _, f := range s.Failing {
		p.Printf("    %s %s %s (%s) on %d days\n", f.Rule, f.Resource, orDash(f.Location), f.Fingerprint, f.Days)
	}
	p.Printf("  verdict:    %s: %s\n", s.Verdict, s.Reason)
}

func (v Verdict) short() string {
	switch v {
	case OperatedEffectively:
		return "ok"
	case Exceptions:
		return "exceptions"
	}
	return "insufficient"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func md(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func (r *Report) writeMarkdown(w io.Writer) error {
	p := &wording.Printer{W: w}
	p.Printf("# Evidence report %s to %s\n\n", r.From, r.To)
	p.Printf("Ledger `%s`: %d records in the window (judged until %s); chain %s.\n\n", r.Ledger, r.Records, r.JudgedUntil, r.chainText())
	if r.RecordsWithErrors > 0 {
		p.Printf("%d records are of scans that could not read all of their input.\n\n", r.RecordsWithErrors)
	}
	p.Printf("By %s: %s.\n\n", r.By, r.summaryText())
	writeMarkdownTable(p, r.Subjects)
	if len(r.Criteria) > 0 {
		p.Printf("\n## By criterion\n\n")
		writeMarkdownTable(p, r.Criteria)
	}
	var failing []Subject
	for _, s := range r.Subjects {
		if len(s.Failing) > 0 {
			failing = append(failing, s)
		}
	}
	if len(failing) > 0 {
		p.Printf("\n## Failing findings\n\n| %s | Rule | Resource | Location | Fingerprint | Days |\n|---|---|---|---|---|---|\n", titleCase(r.By))
		for _, s := range failing {
			for _, f := range s.Failing {
				p.Printf("| %s | `%s` | `%s` | %s | `%s` | %d |\n", md(s.ID), f.Rule, md(f.Resource), md(orDash(f.Location)), f.Fingerprint, f.Days)
			}
		}
	}
	return p.Err
}

func writeMarkdownTable(p *wording.Printer, subjects []Subject) {
	p.Printf("| ID | Title | Owner | Frequency | Days with a record | Days failed | First / last failure | Longest gap (days) | Verdict |\n")
	p.Printf("|---|---|---|---|---|---|---|---|---|\n")
	for _, s := range subjects {
		failures := "-"
		if s.FirstFailure != "" {
			failures = s.FirstFailure + " / " + s.LastFailure
		}
		p.Printf("| %s | %s | %s | %s | %d | %d | %s | %.2f | **%s**: %s |\n", md(s.ID), md(s.Title), md(orDash(s.Owner)),
			orDash(s.Frequency), s.DaysWithRecord, len(s.FailingDays), failures, s.LongestGap.Days, s.Verdict, md(s.Reason))
	}
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
