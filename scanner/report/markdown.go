package report

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// markdownMaxFindings caps the findings a Markdown report lists, because a
// GitHub pull-request comment holds at most 65,536 characters.
const markdownMaxFindings = 100

// WriteMarkdown renders the report for a pull-request comment: a verdict, a
// summary table by severity and by Trust Services Criterion, a table of open
// findings with collapsible details (message, fix, snippet), then suppressed
// findings, errors and warnings, each collapsed.
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
	fmt.Fprintf(b, "%s %s scanned %d resources in %d files with %d rules (severity threshold: %s",
		ToolName, r.Version, s.ResourcesScanned, s.FilesScanned, s.RulesRun, r.Settings.SeverityThreshold)
	if r.Settings.FailOnUnknown {
		b.WriteString(", unknown values fail")
	}
	b.WriteString(").\n\n")

	b.WriteString("| Severity | Failed | Unknown | Passed | Suppressed |\n|---|---:|---:|---:|---:|\n")
	for _, c := range s.BySeverity {
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d |\n", c.Severity, c.Failed, c.Unknown, c.Passed, c.Suppressed)
	}
	fmt.Fprintf(b, "| **total** | **%d** | **%d** | **%d** | **%d** |\n\n", s.Failed, s.Unknown, s.Passed, s.Suppressed)
	if s.BelowThreshold > 0 {
		fmt.Fprintf(b, "%s below the severity threshold not shown.\n\n", plural(s.BelowThreshold, "finding"))
	}

	if len(s.ByCriterion) > 0 {
		b.WriteString("### By Trust Services Criterion\n\n")
		b.WriteString("| Criterion | Failed | Unknown | Passed | Suppressed | Title |\n|---|---:|---:|---:|---:|---|\n")
		for _, c := range s.ByCriterion {
			fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %s |\n", c.Criterion, c.Failed, c.Unknown, c.Passed, c.Suppressed, mdCell(c.Title))
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
	writeMarkdownFindings(b, r, open)
	if len(suppressed) > 0 {
		fmt.Fprintf(b, "<details><summary>Suppressed findings (%d)</summary>\n\n", len(suppressed))
		b.WriteString("| Severity | Rule | Resource | Location | Source | Reason | Expires |\n|---|---|---|---|---|---|---|\n")
		for i, f := range suppressed {
			if i == markdownMaxFindings {
				fmt.Fprintf(b, "\n…and %d more.\n", len(suppressed)-i)
				break
			}
			sp := f.Suppression
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", f.Severity, mdCode(f.RuleID), mdCode(f.Resource),
				mdCode(f.Location()), sp.Source, mdCell(sp.Reason), sp.Expires)
		}
		b.WriteString("\n</details>\n\n")
	}
	writeMarkdownProblems(b, "Errors", r.Errors)
	writeMarkdownProblems(b, "Warnings", r.Warnings)
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("writing Markdown report: %w", err)
	}
	return nil
}

func writeMarkdownFindings(b *bytes.Buffer, r *Report, open []Finding) {
	if len(open) == 0 {
		return
	}
	shown := open
	if len(shown) > markdownMaxFindings {
		shown = shown[:markdownMaxFindings]
	}
	b.WriteString("### Findings\n\n")
	b.WriteString("| Severity | Status | Rule | Resource | Location | Criteria |\n|---|---|---|---|---|---|\n")
	for _, f := range shown {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", f.Severity, f.Status, mdCode(f.RuleID), mdCode(f.Resource),
			mdCode(f.Location()), strings.Join(f.Criteria, ", "))
	}
	if len(open) > len(shown) {
		fmt.Fprintf(b, "\n…and %d more findings: see the full report (JSON or SARIF).\n", len(open)-len(shown))
	}
	b.WriteString("\n")
	for _, f := range shown {
		fmt.Fprintf(b, "<details><summary><b>%s</b> %s: %s</summary>\n\n", f.Severity, htmlEscape(f.RuleID), htmlEscape(f.Resource))
		fmt.Fprintf(b, "**%s** (%s)\n\n", mdText(f.Title), mdCode(f.Location()))
		if f.Status == scanner.Unknown {
			b.WriteString("The deciding value is only known after apply.\n\n")
		}
		if f.Message != "" {
			fmt.Fprintf(b, "%s\n\n", mdText(f.Message))
		}
		for _, n := range f.Notes {
			fmt.Fprintf(b, "> Note: %s\n\n", mdText(n))
		}
		if f.Description != "" {
			fmt.Fprintf(b, "%s\n\n", mdText(f.Description))
		}
		if rule := r.Rule(f.RuleID); rule != nil {
			if rule.Remediation != "" {
				fmt.Fprintf(b, "**Fix:** %s\n\n", mdText(rule.Remediation))
			}
			if code := strings.TrimRight(rule.RemediationCode, "\n"); code != "" {
				fmt.Fprintf(b, "```hcl\n%s\n```\n\n", code)
			}
		} else if f.Remediation != "" {
			fmt.Fprintf(b, "**Fix:** %s\n\n", mdText(f.Remediation))
		}
		if f.DocURL != "" {
			fmt.Fprintf(b, "[Rule documentation](%s)\n\n", f.DocURL)
		}
		b.WriteString("</details>\n\n")
	}
}

func writeMarkdownProblems(b *bytes.Buffer, title string, ps []Problem) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(b, "<details><summary>%s (%d)</summary>\n\n", title, len(ps))
	for _, p := range ps {
		fmt.Fprintf(b, "- %s\n", mdText(p.String()))
	}
	b.WriteString("\n</details>\n\n")
}

// mdCode renders s as inline code, or as escaped text when it holds a
// backtick.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	if strings.Contains(s, "`") {
		return mdCell(s)
	}
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}

// mdCell escapes s for a table cell: pipes and line breaks would end it.
func mdCell(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "|", `\|`).Replace(s)
	return mdText(s)
}

// mdText keeps text from being read as HTML.
func mdText(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(s)
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
