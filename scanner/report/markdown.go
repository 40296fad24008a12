package report

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

// A GitHub pull-request comment holds at most 65,536 characters, so the
// Markdown report lists at most markdownMaxRows findings per table and stops
// adding sections once it would pass markdownBudget bytes, saying what it
// left out.
const (
	markdownMaxRows    = 100
	markdownMaxPerRule = 20
	markdownBudget     = 60000
)

// WriteMarkdown renders the report for a pull-request comment: a verdict, a
// summary table by severity and by Trust Services Criterion, a table of open
// findings (most severe first), then one collapsible section per rule with
// why it matters, the fix and its findings, then suppressed findings, errors
// and warnings, each collapsed.
func WriteMarkdown(w io.Writer, r *Report) error {
	// Built in memory, where writes cannot fail, and written once.
	b := &bytes.Buffer{}
	s := r.Summary
	failing := r.Failing()
	switch {
	case len(r.Errors) > 0:
		fmt.Fprintf(b, "## SOC 2 scan: %s, %s\n\n", plural(len(r.Errors), "input error"), plural(failing, "failing finding"))
	case failing > 0:
		fmt.Fprintf(b, "## SOC 2 scan: %s\n\n", plural(failing, "failing finding"))
	default:
		fmt.Fprintf(b, "## SOC 2 scan: no failing findings\n\n")
	}
	fmt.Fprintf(b, "%s %s%s scanned %d resources in %d files with %d rules (severity threshold: %s",
		ToolName, r.Version, buildSuffix(r), s.ResourcesScanned, s.FilesScanned, s.RulesRun, r.Settings.SeverityThreshold)
	if r.Settings.FailOnUnknown {
		b.WriteString(", unknown values fail")
	}
	b.WriteString(").\n\n")
	if roots := r.rootsSentence(wording.MarkdownCode); roots != "" {
		b.WriteString(strings.ToUpper(roots[:1]) + roots[1:] + "\n\n")
	}
	if heading, lines := r.emptyRoots(wording.MarkdownCode, wording.MarkdownText); heading != "" {
		b.WriteString(heading + "\n\n")
		for _, l := range lines {
			b.WriteString("- " + l + "\n")
		}
		b.WriteString("\n")
	}

	b.WriteString("| Severity | Failed | Unknown | Passed | Suppressed |\n|---|---:|---:|---:|---:|\n")
	for _, c := range s.BySeverity {
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d |\n", c.Severity, c.Failed, c.Unknown, c.Passed, c.Suppressed)
	}
	fmt.Fprintf(b, "| **total** | **%d** | **%d** | **%d** | **%d** |\n\n", s.Failed, s.Unknown, s.Passed, s.Suppressed)
	if s.BelowThreshold > 0 {
		fmt.Fprintf(b, "%s below the severity threshold not shown.\n\n", plural(s.BelowThreshold, "finding"))
	}
	if s.NotApplicable > 0 {
		fmt.Fprintf(b, "%s had nothing for their rule to judge (not applicable, not counted as passed).\n\n", plural(s.NotApplicable, "result"))
	}

	if len(s.ByCriterion) > 0 {
		b.WriteString("### By Trust Services Criterion\n\n")
		b.WriteString("| Criterion | Failed | Unknown | Passed | Suppressed | Title |\n|---|---:|---:|---:|---:|---|\n")
		for _, c := range s.ByCriterion {
			fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %s |\n", c.Criterion, c.Failed, c.Unknown, c.Passed, c.Suppressed, wording.MarkdownCell(c.Title))
		}
		b.WriteString("\n")
	}

	var open, suppressed []Finding
	for _, f := range r.Visible() {
		if f.Suppressed {
			suppressed = append(suppressed, f)
		} else {
			open = append(open, f)
		}
	}
	// A reviewer reads the most severe first.
	sort.SliceStable(open, func(i, j int) bool { return open[i].Severity.Rank() > open[j].Severity.Rank() })
	// Errors, warnings and suppressions come last but matter more than the
	// details of one more rule: their room is kept before rules take theirs.
	multi := r.MultiRoot()
	tail := []string{suppressedSection(suppressed, multi), problemsSection("Errors", r.Errors), problemsSection("Warnings", r.Warnings)}
	reserved := 0
	for _, sec := range tail {
		reserved += len(sec)
	}
	omitted := 0
	add := func(sec string, room int) {
		switch {
		case sec == "":
		case b.Len()+len(sec) > room:
			omitted++
		default:
			b.WriteString(sec)
		}
	}
	add(findingsTable(open, multi), markdownBudget-reserved)
	for _, sec := range ruleSections(r, open, multi) {
		add(sec, markdownBudget-reserved)
	}
	for _, sec := range tail {
		add(sec, markdownBudget)
	}
	if omitted > 0 {
		fmt.Fprintf(b, "_%s left out to fit a pull-request comment: see the JSON or SARIF report for everything._\n", plural(omitted, "section"))
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("writing Markdown report: %w", err)
	}
	return nil
}

func findingsTable(open []Finding, multiRoot bool) string {
	if len(open) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("### Findings\n\n")
	b.WriteString("| Severity | Status | Rule | Resource | Location | Criteria |\n|---|---|---|---|---|---|\n")
	for i, f := range open {
		if i == markdownMaxRows {
			fmt.Fprintf(&b, "\n…and %d more.\n", len(open)-i)
			break
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", f.Severity, f.Status, wording.MarkdownCode(f.RuleID), wording.MarkdownCode(f.Resource),
			wording.MarkdownCode(f.LocationInRoot(multiRoot)), strings.Join(f.Criteria, ", "))
	}
	b.WriteString("\n")
	return b.String()
}

// ruleSections returns one collapsible section per rule with open findings,
// in the order the rules first appear in open (most severe first).
func ruleSections(r *Report, open []Finding, multiRoot bool) []string {
	var order []string
	byRule := map[string][]Finding{}
	for _, f := range open {
		if _, ok := byRule[f.RuleID]; !ok {
			order = append(order, f.RuleID)
		}
		byRule[f.RuleID] = append(byRule[f.RuleID], f)
	}
	out := make([]string, 0, len(order))
	for _, id := range order {
		fs := byRule[id]
		first := fs[0]
		var b strings.Builder
		fmt.Fprintf(&b, "<details><summary><b>%s</b> %s: %s (%s)</summary>\n\n", first.Severity, htmlEscape(id), htmlEscape(first.Title), plural(len(fs), "finding"))
		if first.Description != "" {
			fmt.Fprintf(&b, "%s\n\n", wording.MarkdownText(first.Description))
		}
		fmt.Fprintf(&b, "Criteria: %s\n\n", strings.Join(first.Criteria, ", "))
		for i, f := range fs {
			if i == markdownMaxPerRule {
				fmt.Fprintf(&b, "- …and %d more\n", len(fs)-i)
				break
			}
			status := ""
			switch f.Status {
			case scanner.Unknown:
				status = " (unknown until apply)"
			case scanner.Pass:
				status = " (passed)"
			}
			fmt.Fprintf(&b, "- %s at %s%s: %s\n", wording.MarkdownCode(f.Resource), wording.MarkdownCode(f.LocationInRoot(multiRoot)), status, wording.MarkdownText(firstNonEmpty(f.Message, f.Title)))
			for _, n := range f.Notes {
				fmt.Fprintf(&b, "  - Note: %s\n", wording.MarkdownText(n))
			}
		}
		b.WriteString("\n")
		remediation, code := first.Remediation, ""
		if rule := r.Rule(id); rule != nil {
			remediation, code = firstNonEmpty(rule.Remediation, remediation), strings.TrimRight(rule.RemediationCode, "\n")
		}
		if remediation != "" {
			fmt.Fprintf(&b, "**Fix:** %s\n\n", wording.MarkdownText(remediation))
		}
		if code != "" {
			fmt.Fprintf(&b, "```hcl\n%s\n```\n\n", code)
		}
		if first.DocURL != "" {
			fmt.Fprintf(&b, "[Rule documentation](%s)\n\n", first.DocURL)
		}
		b.WriteString("</details>\n\n")
		out = append(out, b.String())
	}
	return out
}

func suppressedSection(suppressed []Finding, multiRoot bool) string {
	if len(suppressed) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<details><summary>Suppressed findings (%d)</summary>\n\n", len(suppressed))
	b.WriteString("| Severity | Rule | Resource | Location | Source | Reason | Expires |\n|---|---|---|---|---|---|---|\n")
	for i, f := range suppressed {
		if i == markdownMaxRows {
			fmt.Fprintf(&b, "\n…and %d more.\n", len(suppressed)-i)
			break
		}
		sp := f.Suppression
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", f.Severity, wording.MarkdownCode(f.RuleID), wording.MarkdownCode(f.Resource),
			wording.MarkdownCode(f.LocationInRoot(multiRoot)), sp.Source, wording.MarkdownCell(sp.Reason), sp.Expires)
	}
	b.WriteString("\n</details>\n\n")
	return b.String()
}

func problemsSection(title string, ps []Problem) string {
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<details><summary>%s (%d)</summary>\n\n", title, len(ps))
	for i, p := range ps {
		if i == markdownMaxRows {
			fmt.Fprintf(&b, "- …and %d more\n", len(ps)-i)
			break
		}
		fmt.Fprintf(&b, "- %s\n", wording.MarkdownText(p.String()))
	}
	b.WriteString("\n</details>\n\n")
	return b.String()
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
