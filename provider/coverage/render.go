package coverage

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

// renderers are the formats, each a function of the one Report; a new
// format (CSV, HTML) is one more entry.
var renderers = map[string]func(io.Writer, *Report) error{
	"text":     writeText,
	"markdown": writeMarkdown,
	"json":     writeJSON,
	"csv":      writeCSV,
	"html":     writeHTML,
}

// Formats returns the formats Write writes, sorted.
func Formats() []string {
	names := make([]string, 0, len(renderers))
	for name := range renderers {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Write renders the report in format.
func (r *Report) Write(w io.Writer, format string) error {
	render, ok := renderers[format]
	if !ok {
		return fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats(), ", "))
	}
	return render(w, r)
}

func writeJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// table prints rows with their cells padded to the widest of each column,
// each line after indent.
func table(p *wording.Printer, indent string, rows [][]string) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range rows {
		var sb strings.Builder
		for i, cell := range row {
			sb.WriteString(cell)
			if i < len(row)-1 {
				sb.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell)+2))
			}
		}
		p.Printf("%s%s\n", indent, strings.TrimRight(sb.String(), " "))
	}
}

// index finds controls and rules for the renderers.
type index struct {
	controls map[string]*Control // by address
	rules    map[string]*Rule    // by ID
}

func (r *Report) index() index {
	ix := index{controls: map[string]*Control{}, rules: map[string]*Rule{}}
	for i := range r.Controls {
		ix.controls[r.Controls[i].Address] = &r.Controls[i]
	}
	for i := range r.Rules {
		ix.rules[r.Rules[i].ID] = &r.Rules[i]
	}
	return ix
}

// criterionRules are the rules cited by the controls of a criterion, by ID.
func (ix index) criterionRules(c Criterion) []*Rule {
	var ids []string
	for _, addr := range c.Controls {
		ids = append(ids, ix.controls[addr].ScannerRules...)
	}
	slices.Sort(ids)
	var out []*Rule
	for _, id := range slices.Compact(ids) {
		if r := ix.rules[id]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

// criterionEvidence is the evidence of the controls of a criterion.
func (ix index) criterionEvidence(c Criterion) []Evidence {
	var out []Evidence
	for _, addr := range c.Controls {
		out = append(out, ix.controls[addr].Evidence...)
	}
	return out
}

func ownerText(o *inventory.OwnerRef) string {
	switch {
	case o == nil:
		return "-"
	case !o.Declared:
		return o.ID + " (not declared)"
	}
	return fmt.Sprintf("%s <%s>", deref(o.Name), deref(o.Email))
}

// mdOwner names an owner as "Name (email)" in a Markdown cell.
func mdOwner(o *inventory.OwnerRef) string {
	if o == nil || !o.Declared {
		return mdEscape(ownerText(o))
	}
	return fmt.Sprintf("%s (%s)", mdEscape(deref(o.Name)), mdEscape(deref(o.Email)))
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func passedText(n *int) string {
	if n == nil {
		return "?"
	}
	return fmt.Sprint(*n)
}

func ruleStateText(r *Rule) string {
	if r.State == RuleNotInCatalogue && r.Suggestion != "" {
		return fmt.Sprintf("%s (did you mean %s?)", r.State, r.Suggestion)
	}
	return string(r.State)
}

func (r *Report) summaryLines() []string {
	s := r.Summary
	var verdicts []string
	for _, v := range Verdicts() {
		verdicts = append(verdicts, fmt.Sprintf("%d %s", s.ByVerdict[v], v))
	}
	var statuses []string
	for _, a := range []AutomatedStatus{Passing, Failing, Unknown, NotEvaluatedState} {
		statuses = append(statuses, fmt.Sprintf("%d %s", s.ControlsByAutomated[a], a))
	}
	return []string{
		fmt.Sprintf("%d criteria in scope: %s", s.CriteriaInScope, strings.Join(verdicts, ", ")),
		fmt.Sprintf("%s by their scanner rules: %s", countNoun(s.Controls, "control"), strings.Join(statuses, ", ")),
		fmt.Sprintf("%s that no control cites, %s that did not run",
			countNoun(s.UncitedFailingRules, "failing rule"), countNoun(s.CitedRulesNotRun, "cited rule")),
	}
}

func (r *Report) scanText() string {
	passes := "passes recorded"
	if !r.Scan.PassesRecorded {
		passes = "passes not recorded"
	}
	return fmt.Sprintf("%s (%s, %d errors, severity threshold %s, %s)", r.Scan.Name, countNoun(r.Scan.RulesRun, "rule")+" run",
		r.Scan.Errors, r.Scan.SeverityThreshold, passes)
}

func writeText(w io.Writer, r *Report) error {
	p := &wording.Printer{W: w}
	ix := r.index()
	p.Printf("SOC 2 coverage: criteria, controls, scanner rules, findings\n")
	p.Printf("  Inventory  %s (%s)\n", r.Inventory.Name, r.Inventory.Form)
	p.Printf("  Scan       %s\n", r.scanText())
	p.Printf("  As of      %s\n", r.AsOf)
	p.Printf("  In scope   %s\n\nSummary\n", categoryList(r.CategoriesInScope))
	for _, line := range r.summaryLines() {
		p.Printf("  %s\n", line)
	}
	p.Printf("\nCriteria\n")
	for _, c := range r.Criteria {
		writeTextCriterion(p, ix, c)
	}
	writeTextReverse(p, r, ix)
	if len(r.Warnings) > 0 {
		p.Printf("\nWarnings (%d)\n", len(r.Warnings))
		for _, w := range r.Warnings {
			p.Printf("  %s\n", w)
		}
	}
	return p.Err
}

func writeTextCriterion(p *wording.Printer, ix index, c Criterion) {
	p.Printf("\n%s  %s  [%s]\n", c.ID, c.Title, c.Verdict)
	for _, reason := range c.Reasons {
		p.Printf("  - %s\n", reason)
	}
	if len(c.Controls) == 0 {
		return
	}
	rows := [][]string{{"CONTROL", "TITLE", "STATUS", "OWNER", "AUTOMATED"}}
	for _, addr := range c.Controls {
		ctl := ix.controls[addr]
		rows = append(rows, []string{ctl.ControlID, ctl.Title, ctl.Status, ownerText(ctl.Owner), string(ctl.AutomatedStatus)})
	}
	table(p, "  ", rows)
	if rules := ix.criterionRules(c); len(rules) > 0 {
		rows := [][]string{{"RULE", "STATE", "FAILED", "UNKNOWN", "PASSED", "SUPPRESSED"}}
		for _, r := range rules {
			rows = append(rows, []string{r.ID, ruleStateText(r), fmt.Sprint(r.Failed), fmt.Sprint(r.Unknown), passedText(r.Passed), fmt.Sprint(r.Suppressed)})
		}
		p.Printf("\n")
		table(p, "  ", rows)
		for _, r := range rules {
			for _, f := range r.Failing {
				p.Printf("    %s fails at %s (%s)\n", r.ID, f.Location(), f.Resource)
			}
		}
	}
	if ev := ix.criterionEvidence(c); len(ev) > 0 {
		rows := [][]string{{"EVIDENCE", "FREQUENCY", "LAST COLLECTED", "NEXT DUE", "STATUS", "OWNER"}}
		for _, e := range ev {
			rows = append(rows, []string{e.ID, e.Frequency, deref(e.LastCollected), deref(e.NextDue), e.Status, ownerText(e.Owner)})
		}
		p.Printf("\n")
		table(p, "  ", rows)
	}
}

func writeTextReverse(p *wording.Printer, r *Report, ix index) {
	p.Printf("\nFailing rules that no control cites (%d)\n", len(r.UncitedFailingRules))
	if len(r.UncitedFailingRules) > 0 {
		rows := [][]string{{"RULE", "SEVERITY", "CRITERIA", "FAILED", "FIRST FAILURE"}}
		for _, id := range r.UncitedFailingRules {
			rule := ix.rules[id]
			rows = append(rows, []string{id, string(rule.Severity), strings.Join(rule.Criteria, ", "), fmt.Sprint(rule.Failed), rule.Failing[0].Location()})
		}
		table(p, "  ", rows)
	}
	p.Printf("\nCited rules that did not run (%d)\n", len(r.CitedRulesNotRun))
	if len(r.CitedRulesNotRun) > 0 {
		rows := [][]string{{"RULE", "CONTROL", "STATE", "WHY"}}
		for _, c := range r.CitedRulesNotRun {
			rows = append(rows, []string{c.RuleID, c.ControlID, string(c.State), c.Message})
		}
		table(p, "  ", rows)
	}
}

// mdEscape makes s safe in a Markdown table cell.
func mdEscape(s string) string { return wording.MarkdownCell(s) }

func mdCode(s string) string { return wording.MarkdownCode(s) }

func mdRow(p *wording.Printer, cells ...string) { p.Printf("%s", wording.MarkdownRow(cells...)) }

func mdHeader(p *wording.Printer, cells ...string) { p.Printf("%s", wording.MarkdownHeader(cells...)) }

func mdVerdict(v Verdict) string {
	if v == AtRisk || v == Gap {
		return "**" + string(v) + "**"
	}
	return string(v)
}

func writeMarkdown(w io.Writer, r *Report) error {
	p := &wording.Printer{W: w}
	ix := r.index()
	p.Printf("# SOC 2 coverage\n\n")
	p.Printf("**Inventory:** %s (%s) · **Scan:** %s · **As of:** %s · **In scope:** %s\n\n",
		mdEscape(r.Inventory.Name), r.Inventory.Form, mdEscape(r.scanText()), r.AsOf, categoryList(r.CategoriesInScope))
	for _, line := range r.summaryLines() {
		p.Printf("- %s\n", line)
	}
	p.Printf("\n## Criteria\n\n")
	mdHeader(p, "Criterion", "Verdict", "Controls", "Scanner rules (failed/unknown/passed)", "Why")
	for _, c := range r.Criteria {
		var controls, rules []string
		for _, addr := range c.Controls {
			ctl := ix.controls[addr]
			controls = append(controls, fmt.Sprintf("%s (%s, %s)", mdCode(ctl.ControlID), ctl.Status, mdOwner(ctl.Owner)))
		}
		for _, rule := range ix.criterionRules(c) {
			rules = append(rules, fmt.Sprintf("%s %d/%d/%s", mdCode(rule.ID), rule.Failed, rule.Unknown, passedText(rule.Passed)))
		}
		mdRow(p, fmt.Sprintf("**%s** %s", c.ID, mdEscape(c.Title)), mdVerdict(c.Verdict), strings.Join(controls, "<br>"),
			strings.Join(rules, "<br>"), mdEscape(strings.Join(c.Reasons, "; ")))
	}
	writeMarkdownFailing(p, r)
	writeMarkdownEvidence(p, r)
	writeMarkdownReverse(p, r, ix)
	if len(r.Warnings) > 0 {
		p.Printf("\n## Warnings (%d)\n\n", len(r.Warnings))
		for _, w := range r.Warnings {
			p.Printf("- %s\n", mdEscape(w))
		}
	}
	return p.Err
}

func writeMarkdownFailing(p *wording.Printer, r *Report) {
	p.Printf("\n## Failing resources of cited rules\n\n")
	var shown bool
	for _, rule := range r.Rules {
		if len(rule.CitedBy) == 0 || rule.State != RuleRan || len(rule.Failing) == 0 {
			continue
		}
		if !shown {
			mdHeader(p, "Rule", "Controls", "Location", "Resource", "Message")
			shown = true
		}
		for _, f := range rule.Failing {
			mdRow(p, mdCode(rule.ID), mdEscape(strings.Join(rule.CitedBy, ", ")), mdCode(f.Location()), mdCode(f.Resource), mdEscape(f.Message))
		}
	}
	if !shown {
		p.Printf("None.\n")
	}
}

func writeMarkdownEvidence(p *wording.Printer, r *Report) {
	p.Printf("\n## Overdue evidence\n\n")
	var shown bool
	for _, c := range r.Controls {
		for _, e := range c.Evidence {
			if !e.Overdue {
				continue
			}
			if !shown {
				mdHeader(p, "Evidence", "Control", "Owner", "Last collected", "Next due")
				shown = true
			}
			mdRow(p, mdEscape(e.ID), mdCode(c.ControlID), mdOwner(e.Owner), deref(e.LastCollected), deref(e.NextDue))
		}
	}
	if !shown {
		p.Printf("None.\n")
	}
}

func writeMarkdownReverse(p *wording.Printer, r *Report, ix index) {
	p.Printf("\n## Failing rules that no control cites (%d)\n\n", len(r.UncitedFailingRules))
	if len(r.UncitedFailingRules) == 0 {
		p.Printf("None.\n")
	} else {
		mdHeader(p, "Rule", "Severity", "Criteria", "Failed", "Locations")
		for _, id := range r.UncitedFailingRules {
			rule := ix.rules[id]
			var locs []string
			for _, f := range rule.Failing {
				locs = append(locs, mdCode(f.Location()))
			}
			mdRow(p, mdCode(id), string(rule.Severity), strings.Join(rule.Criteria, ", "), fmt.Sprint(rule.Failed), strings.Join(locs, "<br>"))
		}
	}
	p.Printf("\n## Cited rules that did not run (%d)\n\n", len(r.CitedRulesNotRun))
	if len(r.CitedRulesNotRun) == 0 {
		p.Printf("None.\n")
		return
	}
	mdHeader(p, "Rule", "Control", "State", "Why")
	for _, c := range r.CitedRulesNotRun {
		mdRow(p, mdCode(c.RuleID), mdCode(c.ControlID), string(c.State), mdEscape(c.Message))
	}
}
