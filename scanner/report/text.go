package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// ANSI escapes, used only when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiCyan   = "\x1b[36m"
)

// excerptContext is how many lines around a finding the excerpt shows, and
// excerptMax the most lines it shows in all.
const (
	excerptContext = 1
	excerptMax     = 8
)

type textWriter struct {
	// w is in memory, where writes cannot fail; WriteText copies it out.
	w     *bytes.Buffer
	color bool
	r     *Report
}

func (t *textWriter) paint(code, s string) string {
	if !t.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *textWriter) severity(sev scanner.Severity) string {
	label := strings.ToUpper(string(sev))
	switch sev {
	case scanner.Critical:
		return t.paint(ansiBold+ansiRed, label)
	case scanner.High:
		return t.paint(ansiRed, label)
	case scanner.Medium:
		return t.paint(ansiYellow, label)
	case scanner.Low:
		return t.paint(ansiBlue, label)
	}
	return label
}

// WriteText renders the report for a person reading a terminal or a CI log:
// each finding with its rule, severity, criteria, resource, file:line, a code
// excerpt and the fix, then suppressed findings, then a summary by Trust
// Services Criterion.
func WriteText(w io.Writer, r *Report, opts Options) error {
	t := &textWriter{w: &bytes.Buffer{}, color: opts.Color, r: r}
	t.problems("Errors", r.Errors, ansiRed)
	t.problems("Warnings", r.Warnings, ansiYellow)

	var open, suppressed []Finding
	for _, f := range r.Visible() {
		if f.Suppressed {
			suppressed = append(suppressed, f)
		} else {
			open = append(open, f)
		}
	}
	for i := range open {
		t.finding(&open[i])
	}
	if len(suppressed) > 0 {
		fmt.Fprintf(t.w, "%s\n", t.paint(ansiBold, fmt.Sprintf("Suppressed findings (%d)", len(suppressed))))
		for _, f := range suppressed {
			s := f.Suppression
			line := fmt.Sprintf("  %-8s %s  %s  %s  [%s] %s", strings.ToUpper(string(f.Severity)), f.RuleID, f.Resource, f.Location(), s.Source, s.Reason)
			if s.Expires != "" {
				line += " (until " + s.Expires + ")"
			}
			fmt.Fprintln(t.w, t.paint(ansiDim, strings.TrimRight(line, " ")))
		}
		fmt.Fprintln(t.w)
	}
	t.summary()
	if _, err := w.Write(t.w.Bytes()); err != nil {
		return fmt.Errorf("writing text report: %w", err)
	}
	return nil
}

func (t *textWriter) problems(title string, ps []Problem, color string) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(t.w, "%s\n", t.paint(ansiBold+color, fmt.Sprintf("%s (%d)", title, len(ps))))
	for _, p := range ps {
		fmt.Fprintf(t.w, "  %s\n", p.String())
	}
	fmt.Fprintln(t.w)
}

func (t *textWriter) finding(f *Finding) {
	status := ""
	switch f.Status {
	case scanner.Unknown:
		status = " " + t.paint(ansiCyan, "(unknown until apply)")
	case scanner.Pass:
		status = " " + t.paint(ansiGreen, "(passed)")
	}
	fmt.Fprintf(t.w, "%s %s: %s%s\n", t.severity(f.Severity), t.paint(ansiBold, f.RuleID), f.Title, status)
	fmt.Fprintf(t.w, "  Resource: %s\n", f.Resource)
	fmt.Fprintf(t.w, "  Location: %s\n", f.Location())
	if len(f.Criteria) > 0 {
		fmt.Fprintf(t.w, "  Criteria: %s\n", strings.Join(f.Criteria, ", "))
	}
	if f.Message != "" {
		fmt.Fprintf(t.w, "  %s\n", f.Message)
	}
	for _, n := range f.Notes {
		fmt.Fprintf(t.w, "  %s %s\n", t.paint(ansiYellow, "Note:"), n)
	}
	t.excerpt(f)
	if f.Status != scanner.Pass {
		t.fix(f)
	}
	if f.DocURL != "" {
		fmt.Fprintf(t.w, "  See: %s\n", f.DocURL)
	}
	fmt.Fprintln(t.w)
}

func (t *textWriter) excerpt(f *Finding) {
	lines := excerptLines(t.r.Sources[f.File], f.StartLine, f.EndLine)
	if len(lines) == 0 {
		return
	}
	width := len(fmt.Sprint(lines[len(lines)-1].number))
	fmt.Fprintln(t.w)
	for _, l := range lines {
		marker := "  "
		num := fmt.Sprintf("%*d", width, l.number)
		if l.hit {
			marker = t.paint(ansiRed, "> ")
			num = t.paint(ansiBold, num)
		} else {
			num = t.paint(ansiDim, num)
		}
		fmt.Fprintf(t.w, "  %s%s | %s\n", marker, num, l.text)
	}
	fmt.Fprintln(t.w)
}

func (t *textWriter) fix(f *Finding) {
	rule := t.r.Rule(f.RuleID)
	remediation := f.Remediation
	code := ""
	if rule != nil {
		if remediation == "" {
			remediation = rule.Remediation
		}
		code = strings.TrimRight(rule.RemediationCode, "\n")
	}
	if remediation != "" {
		fmt.Fprintf(t.w, "  %s %s\n", t.paint(ansiGreen, "Fix:"), remediation)
	}
	if code != "" {
		for _, l := range strings.Split(code, "\n") {
			if l = strings.TrimRight(l, " \t"); l == "" {
				fmt.Fprintln(t.w)
				continue
			}
			fmt.Fprintf(t.w, "      %s\n", l)
		}
	}
}

func (t *textWriter) summary() {
	s := t.r.Summary
	fmt.Fprintln(t.w, t.paint(ansiBold, "Summary by TSC criterion"))
	if len(s.ByCriterion) == 0 {
		fmt.Fprintln(t.w, "  no rule ran")
	} else {
		tw := tabwriter.NewWriter(t.w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  CRITERION\tFAILED\tUNKNOWN\tPASSED\tSUPPRESSED\tTITLE")
		for _, c := range s.ByCriterion {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t%s\n", c.Criterion, c.Failed, c.Unknown, c.Passed, c.Suppressed, c.Title)
		}
		_ = tw.Flush() // writes to memory
	}
	fmt.Fprintln(t.w)
	fmt.Fprintln(t.w, t.paint(ansiBold, "Summary by severity"))
	tw := tabwriter.NewWriter(t.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  SEVERITY\tFAILED\tUNKNOWN\tPASSED\tSUPPRESSED")
	for _, c := range s.BySeverity {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\n", c.Severity, c.Failed, c.Unknown, c.Passed, c.Suppressed)
	}
	_ = tw.Flush() // writes to memory
	fmt.Fprintln(t.w)

	fmt.Fprintf(t.w, "Scanned %d resources in %d files with %d rules.\n", s.ResourcesScanned, s.FilesScanned, s.RulesRun)
	if s.BelowThreshold > 0 {
		fmt.Fprintf(t.w, "%s below the %s severity threshold not shown.\n", plural(s.BelowThreshold, "finding"), t.r.Settings.SeverityThreshold)
	}
	verdict := fmt.Sprintf("%d failed, %d unknown, %d passed, %d suppressed", s.Failed, s.Unknown, s.Passed, s.Suppressed)
	if s.NotApplicable > 0 {
		verdict += fmt.Sprintf(" (%d not applicable)", s.NotApplicable)
	}
	switch {
	case len(t.r.Errors) > 0:
		fmt.Fprintf(t.w, "%s %s; %s could not be read.\n", t.paint(ansiBold+ansiRed, "ERROR:"), verdict, plural(len(t.r.Errors), "input"))
	case t.r.Failing() > 0:
		fmt.Fprintf(t.w, "%s %s.\n", t.paint(ansiBold+ansiRed, "FAIL:"), verdict)
	default:
		fmt.Fprintf(t.w, "%s %s.\n", t.paint(ansiBold+ansiGreen, "PASS:"), verdict)
	}
}

type excerptLine struct {
	number int
	text   string
	hit    bool
}

// excerptLines returns the lines start..end of src with excerptContext lines
// around them, at most excerptMax in all.
func excerptLines(src []byte, start, end int) []excerptLine {
	if len(src) == 0 || start <= 0 {
		return nil
	}
	if end < start {
		end = start
	}
	first := max(1, start-excerptContext)
	last := end + excerptContext
	if last-first+1 > excerptMax {
		last = first + excerptMax - 1
	}
	var out []excerptLine
	n := 0
	for line := range bytes.Lines(src) {
		n++
		if n < first {
			continue
		}
		if n > last {
			break
		}
		text := strings.TrimRight(string(line), "\r\n")
		out = append(out, excerptLine{number: n, text: text, hit: n >= start && n <= end})
	}
	if len(out) == 0 || !hasHit(out) {
		return nil
	}
	return out
}

func hasHit(lines []excerptLine) bool {
	for _, l := range lines {
		if l.hit {
			return true
		}
	}
	return false
}

// plural renders "1 finding" or "2 findings".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
