package inventory

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

// Formats returns the formats Write writes.
func Formats() []string { return []string{"text", "json", "markdown", "csv", "html", "oscal"} }

// Write writes the report in format: text for a person at a terminal, json
// for tools (the shape documented on Report), markdown for a pull request,
// wiki or audit binder, csv for a spreadsheet (columns in CSVHeader), html
// for a person with a browser or a printer, oscal for a GRC tool (an OSCAL
// component definition, see writeOSCAL).
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case "text":
		return writeText(w, r)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	case "markdown":
		return writeMarkdown(w, r)
	case "csv":
		return writeCSV(w, r)
	case "html":
		return writeHTML(w, r)
	case "oscal":
		return writeOSCAL(w, r)
	}
	return fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats(), ", "))
}

// unknownText stands for a value known only after apply.
const unknownText = "(known after apply)"

// alignColumns pads each row's cells to the widest cell of its column, across
// all rows, so that tables split by headings still line up.
func alignColumns(rows [][]string) []string {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	lines := make([]string, len(rows))
	for r, row := range rows {
		var sb strings.Builder
		for i, cell := range row {
			sb.WriteString(cell)
			if i < len(row)-1 {
				sb.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell)+2))
			}
		}
		lines[r] = strings.TrimRight(sb.String(), " ")
	}
	return lines
}

// cellText shows an attribute: its value, unknown until apply, or "-" unset.
func cellText(s string, unknown []string, attr string) string {
	switch {
	case slices.Contains(unknown, attr):
		return unknownText
	case s == "":
		return "-"
	}
	return s
}

func ptrCellText(s *string, unknown []string, attr string) string {
	return cellText(derefString(s), unknown, attr)
}

// ownerText names an owner as "Name <email>", or by id when the owner is
// not declared in the input.
func ownerText(o *OwnerRef, unknown []string, attr string) string {
	switch {
	case slices.Contains(unknown, attr):
		return unknownText
	case o == nil:
		return "-"
	case !o.Declared:
		return o.ID + " (not declared)"
	}
	return fmt.Sprintf("%s <%s>", derefString(o.Name), derefString(o.Email))
}

func (r *Report) asOfText() string {
	t, err := time.Parse(time.RFC3339, r.AsOf)
	if err == nil && r.asOfDateOnly {
		return t.Format(time.DateOnly)
	}
	return r.AsOf
}

func (r *Report) sourceText() string {
	desc := "state"
	switch r.Source.Form {
	case formPlan:
		desc = "plan: the inventory once it is applied"
	case formConfig:
		desc = "configuration: the inventory before apply"
	}
	if r.Source.TerraformVersion != "" {
		desc = fmt.Sprintf("Terraform %s %s", r.Source.TerraformVersion, desc)
	}
	return fmt.Sprintf("%s (%s)", r.Source.Name, desc)
}

func (r *Report) scopeText() string {
	names := make([]string, len(r.CategoriesInScope))
	for i, c := range r.CategoriesInScope {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// summaryLines are the counts both text formats open with.
func (r *Report) summaryLines() []string {
	s := r.Summary
	var statuses []string
	for _, status := range slices.Concat(reportStatuses, []string{"unknown"}) {
		if n := s.ControlsByStatus[status]; n > 0 {
			statuses = append(statuses, fmt.Sprintf("%d %s", n, status))
		}
	}
	var invalid []string // statuses outside the schema, from a hand-edited state
	for status := range s.ControlsByStatus {
		if !slices.Contains(reportStatuses, status) && status != "unknown" {
			invalid = append(invalid, status)
		}
	}
	slices.Sort(invalid)
	for _, status := range invalid {
		statuses = append(statuses, fmt.Sprintf("%d %s", s.ControlsByStatus[status], status))
	}
	controls := countNoun(s.Controls, "control")
	if len(statuses) > 0 {
		controls += ": " + strings.Join(statuses, ", ")
	}
	return []string{
		controls,
		fmt.Sprintf("%s, %s", countNoun(s.Owners, "owner"), countNoun(s.EvidenceRequirements, "evidence requirement")),
		fmt.Sprintf("%s in scope: %d covered, %d not applicable, %s",
			countNoun(s.CriteriaInScope, "criterion"), s.CriteriaCovered, s.CriteriaNotApplicable, countNoun(s.Gaps, "gap")),
		fmt.Sprintf("Evidence: %d overdue, %d due within %d days, %d never collected",
			s.EvidenceOverdue, s.EvidenceDueSoon, r.DueWithinDays, s.EvidenceNeverCollected),
		countNoun(s.Warnings, "warning"),
	}
}

func countNoun(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	if noun == "criterion" {
		return fmt.Sprintf("%d criteria", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// controlsByID indexes the report's controls.
func (r *Report) controlsByID() map[string][]Control {
	out := map[string][]Control{}
	for _, c := range r.Controls {
		out[c.ControlID] = append(out[c.ControlID], c)
	}
	return out
}

// evidenceToShow is the evidence that needs attention: overdue, due soon,
// never collected, or of unknown due date.
func (r *Report) evidenceToShow() []Evidence {
	var out []Evidence
	for _, e := range r.Evidence {
		switch e.Status {
		case dueOverdue, dueSoon, dueNeverCollected, dueUnknown:
			out = append(out, e)
		}
	}
	return out
}

func dueText(e Evidence) string {
	switch {
	case e.DaysUntilDue == nil:
		return "-"
	case *e.DaysUntilDue < 0:
		return countNoun(-*e.DaysUntilDue, "day") + " late"
	case *e.DaysUntilDue == 0:
		return "due today"
	}
	return "in " + countNoun(*e.DaysUntilDue, "day")
}

func stateNote(e Evidence) string {
	if !e.State.Stale {
		return ""
	}
	overdue := "-"
	if e.State.Overdue != nil {
		overdue = fmt.Sprint(*e.State.Overdue)
	}
	return fmt.Sprintf("stale: input says next_due %s, overdue %s", cellText(derefString(e.State.NextDue), nil, ""), overdue)
}

// controlHeader names the columns of controlRow.
var controlHeader = []string{"  CONTROL", "TITLE", "STATUS", "OWNER", "AUTOMATION", "FREQUENCY", "EVIDENCE", "SCANNER RULES"}

func controlRow(c Control) []string {
	rules := strings.Join(c.ScannerRules, ", ")
	if slices.Contains(c.Unknown, "scanner_rules") {
		rules = unknownText
	}
	return []string{
		"  " + cellText(c.ControlID, c.Unknown, "control_id"),
		cellText(c.Title, c.Unknown, "title"),
		cellText(c.Status, c.Unknown, "status"),
		ownerText(c.Owner, c.Unknown, "owner_id"),
		ptrCellText(c.Automation, c.Unknown, "automation"),
		ptrCellText(c.Frequency, c.Unknown, "frequency"),
		countNoun(c.EvidenceRequirements, "evidence requirement"),
		rules,
	}
}

// String is the warning as one line: the resource's address, then the
// message.
func (w Warning) String() string {
	if w.Address == "" {
		return w.Message
	}
	return w.Address + ": " + w.Message
}

// writeInventoryText writes the report for a person at a terminal.
func writeText(w io.Writer, r *Report) error {
	p := &wording.Printer{W: w}
	p.Printf("SOC 2 control inventory\n")
	p.Printf("  Source    %s\n", r.sourceText())
	p.Printf("  As of     %s, evidence due within %d days\n", r.asOfText(), r.DueWithinDays)
	p.Printf("  In scope  %s\n\n", r.scopeText())
	p.Printf("Summary\n")
	for _, line := range r.summaryLines() {
		p.Printf("  %s\n", line)
	}
	writeTextControls(p, r)
	writeTextCoverage(p, r)
	writeTextEvidence(p, r)
	writeTextOwners(p, r)
	if len(r.Warnings) > 0 {
		p.Printf("\nWarnings (%d)\n", len(r.Warnings))
		for _, warning := range r.Warnings {
			p.Printf("  %s\n", warning.String())
		}
	}
	return p.Err
}

func writeTextControls(p *wording.Printer, r *Report) {
	p.Printf("\nControls by criterion\n")
	byID := r.controlsByID()
	type group struct {
		heading string
		first   int
	}
	var groups []group
	var rows [][]string
	for _, c := range r.Criteria {
		if len(c.Controls) == 0 {
			continue
		}
		groups = append(groups, group{heading: fmt.Sprintf("%s  %s%s", c.ID, c.Title, scopeNote(c)), first: len(rows)})
		for _, id := range c.Controls {
			for _, ctl := range byID[id] {
				if slices.Contains(ctl.Criteria, c.ID) {
					rows = append(rows, controlRow(ctl))
				}
			}
		}
	}
	if unassigned := controlsWithoutCriteria(r); len(unassigned) > 0 {
		groups = append(groups, group{heading: "Criteria " + unknownText, first: len(rows)})
		for _, c := range unassigned {
			rows = append(rows, controlRow(c))
		}
	}
	if len(groups) == 0 {
		p.Printf("  No controls.\n")
		return
	}
	// The header is aligned with every group's rows and printed once.
	lines := alignColumns(append([][]string{controlHeader}, rows...))
	p.Printf("%s\n", lines[0])
	lines = lines[1:]
	for i, g := range groups {
		end := len(lines)
		if i+1 < len(groups) {
			end = groups[i+1].first
		}
		p.Printf("\n%s\n", g.heading)
		for _, line := range lines[g.first:end] {
			p.Printf("%s\n", line)
		}
	}
}

// scopeNote marks a criterion outside the categories in scope, whose
// controls are listed but not judged.
func scopeNote(c Criterion) string {
	if c.InScope {
		return ""
	}
	return " (not in scope)"
}

// controlsWithoutCriteria are the controls grouping cannot place: their
// criteria are known only after apply.
func controlsWithoutCriteria(r *Report) []Control {
	var out []Control
	for _, c := range r.Controls {
		if len(c.Criteria) == 0 {
			out = append(out, c)
		}
	}
	return out
}

func writeTextCoverage(p *wording.Printer, r *Report) {
	cov := r.Coverage
	p.Printf("\nCoverage of the in-scope criteria (%s)\n", r.scopeText())
	p.Printf("  Gaps: no implemented, partial or alternative control (%d)\n", len(cov.Gaps))
	criterionRows := func(list []Criterion) {
		var rows [][]string
		for _, c := range list {
			controls := ""
			if len(c.Controls) > 0 {
				controls = "(" + strings.Join(c.Controls, ", ") + ")"
			}
			rows = append(rows, []string{"    " + c.ID, c.Title, controls})
		}
		for _, line := range alignColumns(rows) {
			p.Printf("%s\n", line)
		}
	}
	criterionRows(cov.Gaps)
	if len(cov.NotApplicable) > 0 {
		p.Printf("  Not applicable: only justified not-applicable controls (%d)\n", len(cov.NotApplicable))
		criterionRows(cov.NotApplicable)
	}
	p.Printf("  Controls planned or not applicable (%d)\n", len(cov.ControlsNotImplemented))
	var rows [][]string
	for _, c := range cov.ControlsNotImplemented {
		rows = append(rows, []string{"    " + c.ControlID, c.Title, c.Status, ownerText(c.Owner, c.Unknown, "owner_id")})
	}
	for i, line := range alignColumns(rows) {
		p.Printf("%s\n", line)
		if j := cov.ControlsNotImplemented[i].Justification; j != nil {
			p.Printf("      Justification: %s\n", *j)
		}
	}
}

func writeTextEvidence(p *wording.Printer, r *Report) {
	p.Printf("\nEvidence overdue, due within %d days or never collected, as of %s\n", r.DueWithinDays, r.asOfText())
	show := r.evidenceToShow()
	if len(show) == 0 {
		p.Printf("  None: %s\n", countNoun(len(r.Evidence), "evidence requirement")+" checked")
		return
	}
	rows := [][]string{{"  STATUS", "NEXT DUE", "WHEN", "EVIDENCE", "OWNER", "NOTE"}}
	for _, e := range show {
		rows = append(rows, []string{
			"  " + e.Status, cellText(derefString(e.NextDue), nil, ""), dueText(e),
			cellText(e.ID, e.Unknown, "name"), ownerText(e.Owner, e.Unknown, "owner_id"), stateNote(e),
		})
	}
	for _, line := range alignColumns(rows) {
		p.Printf("%s\n", line)
	}
}

func writeTextOwners(p *wording.Printer, r *Report) {
	p.Printf("\nOwners (%d)\n", len(r.Owners))
	for _, o := range r.Owners {
		name := o.ID + " (not declared)"
		if o.Declared {
			name = fmt.Sprintf("%s <%s>", derefString(o.Name), derefString(o.Email))
		}
		var role []string
		for _, s := range []*string{o.Title, o.Team} {
			if s != nil {
				role = append(role, *s)
			}
		}
		if len(role) > 0 {
			name += " — " + strings.Join(role, ", ")
		}
		p.Printf("  %s\n", name)
		p.Printf("    controls:    %s\n", listOrNone(o.Controls))
		if len(o.BackupFor) > 0 {
			p.Printf("    backup for:  %s\n", strings.Join(o.BackupFor, ", "))
		}
		p.Printf("    evidence:    %s\n", listOrNone(o.Evidence))
	}
}

func listOrDash(list []string) string {
	if len(list) == 0 {
		return "-"
	}
	return strings.Join(list, ", ")
}

func listOrNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

// mdEscape makes s safe in a Markdown table cell.
func mdEscape(s string) string {
	return strings.NewReplacer(
		`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
		"<", "&lt;", ">", "&gt;", "\r\n", " ", "\n", " ",
	).Replace(s)
}

// mdID writes an ID (of a control or a scanner rule) as inline code in a
// table cell. The "-" of an unset ID and the text of an unknown one stay
// plain text, and a backtick, which would end the code span, becomes a
// quote so that the ID is still shown as code.
func mdID(s string) string {
	if s == "-" || s == unknownText {
		return s
	}
	return wording.MarkdownCode(strings.ReplaceAll(s, "`", "'"))
}

func mdOwner(o *OwnerRef, unknown []string, attr string) string {
	switch {
	case slices.Contains(unknown, attr):
		return unknownText
	case o == nil:
		return "-"
	case !o.Declared:
		return mdEscape(o.ID) + " (not declared)"
	}
	return fmt.Sprintf("%s (%s)", mdEscape(derefString(o.Name)), mdEscape(derefString(o.Email)))
}

func mdRow(p *wording.Printer, cells ...string) {
	p.Printf("%s", wording.MarkdownRow(cells...))
}

func mdHeader(p *wording.Printer, cells ...string) {
	p.Printf("%s", wording.MarkdownHeader(cells...))
}

// writeInventoryMarkdown writes the report for a pull request, wiki or
// audit binder.
func writeMarkdown(w io.Writer, r *Report) error {
	p := &wording.Printer{W: w}
	p.Printf("# SOC 2 control inventory\n\n")
	p.Printf("**Source:** %s · **As of:** %s · **In scope:** %s\n\n", mdEscape(r.sourceText()), r.asOfText(), mdEscape(r.scopeText()))
	for _, line := range r.summaryLines() {
		p.Printf("- %s\n", line)
	}
	writeMarkdownControls(p, r)
	writeMarkdownCoverage(p, r)
	writeMarkdownEvidence(p, r)
	writeMarkdownOwners(p, r)
	if len(r.Warnings) > 0 {
		p.Printf("\n## Warnings (%d)\n\n", len(r.Warnings))
		for _, warning := range r.Warnings {
			if warning.Address == "" {
				p.Printf("- %s\n", mdEscape(warning.Message))
				continue
			}
			p.Printf("- `%s`: %s\n", warning.Address, mdEscape(warning.Message))
		}
	}
	return p.Err
}

func writeMarkdownControls(p *wording.Printer, r *Report) {
	p.Printf("\n## Controls by criterion\n\n")
	byID := r.controlsByID()
	row := func(criterion string, c Control) {
		rules := make([]string, len(c.ScannerRules))
		for i, id := range c.ScannerRules {
			rules[i] = mdID(id)
		}
		if slices.Contains(c.Unknown, "scanner_rules") {
			rules = []string{unknownText}
		}
		mdRow(p, criterion, mdID(cellText(c.ControlID, c.Unknown, "control_id")), mdEscape(cellText(c.Title, c.Unknown, "title")),
			mdEscape(cellText(c.Status, c.Unknown, "status")), mdOwner(c.Owner, c.Unknown, "owner_id"),
			mdEscape(ptrCellText(c.Automation, c.Unknown, "automation")), mdEscape(ptrCellText(c.Frequency, c.Unknown, "frequency")),
			fmt.Sprint(c.EvidenceRequirements), strings.Join(rules, ", "))
	}
	unassigned := controlsWithoutCriteria(r)
	if len(r.Controls) == 0 {
		p.Printf("No controls.\n")
		return
	}
	mdHeader(p, "Criterion", "Control", "Title", "Status", "Owner", "Automation", "Frequency", "Evidence", "Scanner rules")
	for _, c := range r.Criteria {
		first := true
		for _, id := range c.Controls {
			for _, ctl := range byID[id] {
				if !slices.Contains(ctl.Criteria, c.ID) {
					continue
				}
				label := ""
				if first {
					label = fmt.Sprintf("**%s** %s%s", c.ID, mdEscape(c.Title), scopeNote(c))
					first = false
				}
				row(label, ctl)
			}
		}
	}
	for _, c := range unassigned {
		row(unknownText, c)
	}
}

func writeMarkdownCoverage(p *wording.Printer, r *Report) {
	cov := r.Coverage
	p.Printf("\n## Coverage of the in-scope criteria (%s)\n\n", mdEscape(r.scopeText()))
	criteria := func(heading string, list []Criterion) {
		p.Printf("### %s (%d)\n\n", heading, len(list))
		if len(list) == 0 {
			p.Printf("None.\n\n")
			return
		}
		mdHeader(p, "Criterion", "Title", "Controls")
		for _, c := range list {
			mdRow(p, "**"+c.ID+"**", mdEscape(c.Title), mdEscape(listOrDash(c.Controls)))
		}
		p.Printf("\n")
	}
	criteria("Gaps: no implemented, partial or alternative control", cov.Gaps)
	criteria("Not applicable: only justified not-applicable controls", cov.NotApplicable)
	p.Printf("### Controls planned or not applicable (%d)\n\n", len(cov.ControlsNotImplemented))
	if len(cov.ControlsNotImplemented) == 0 {
		p.Printf("None.\n")
		return
	}
	mdHeader(p, "Control", "Title", "Status", "Owner", "Justification")
	for _, c := range cov.ControlsNotImplemented {
		mdRow(p, mdID(c.ControlID), mdEscape(c.Title), c.Status, mdOwner(c.Owner, c.Unknown, "owner_id"), mdEscape(cellText(derefString(c.Justification), nil, "")))
	}
}

func writeMarkdownEvidence(p *wording.Printer, r *Report) {
	p.Printf("\n## Evidence overdue, due within %d days or never collected\n\n", r.DueWithinDays)
	show := r.evidenceToShow()
	if len(show) == 0 {
		p.Printf("None: %s checked as of %s.\n", countNoun(len(r.Evidence), "evidence requirement"), r.asOfText())
		return
	}
	mdHeader(p, "Status", "Next due", "When", "Evidence", "Owner", "Note")
	for _, e := range show {
		status := e.Status
		if status == dueOverdue {
			status = "**overdue**"
		}
		mdRow(p, status, cellText(derefString(e.NextDue), nil, ""), dueText(e), mdEscape(cellText(e.ID, e.Unknown, "name")),
			mdOwner(e.Owner, e.Unknown, "owner_id"), mdEscape(stateNote(e)))
	}
}

func writeMarkdownOwners(p *wording.Printer, r *Report) {
	p.Printf("\n## Owners (%d)\n\n", len(r.Owners))
	if len(r.Owners) == 0 {
		p.Printf("None.\n")
		return
	}
	mdHeader(p, "Owner", "Title", "Team", "Controls", "Backup for", "Evidence")
	for _, o := range r.Owners {
		name := mdEscape(o.ID) + " (not declared)"
		if o.Declared {
			name = fmt.Sprintf("%s (%s)", mdEscape(derefString(o.Name)), mdEscape(derefString(o.Email)))
		}
		mdRow(p, name, mdEscape(cellText(derefString(o.Title), nil, "")), mdEscape(cellText(derefString(o.Team), nil, "")),
			mdEscape(listOrNone(o.Controls)), mdEscape(listOrNone(o.BackupFor)), mdEscape(listOrNone(o.Evidence)))
	}
}
