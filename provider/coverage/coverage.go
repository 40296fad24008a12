// Package coverage joins the control inventory with a scan: for each Trust
// Services Criterion in scope, the controls that claim it, their evidence,
// the scanner rules they cite with the results of those rules, and a
// verdict; and the reverse view, failing rules that no control cites and
// cited rules that did not run.
//
// Build makes the one Report; every format (text, Markdown, JSON, and any
// added later) renders that value and recomputes nothing.
package coverage

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// formatVersion is the version of the JSON document's shape. Fields are
// only ever added; a removal or change of meaning bumps it.
const formatVersion = "1"

// Verdict is how well the inventory and the scan cover a criterion.
type Verdict string

// The verdicts, from the best to the worst news, then the carve-out.
const (
	// Covered: a control that meets the criterion cites scanner rules that
	// ran and pass, and no such control is at risk.
	Covered Verdict = "covered"
	// NotEvaluated: controls meet the criterion, but none cites automated
	// evidence that was evaluated (no rules, rules that did not run, or
	// rules with only unknown results).
	NotEvaluated Verdict = "not-evaluated"
	// AtRisk: a control meets the criterion, but the rules it cites fail or
	// its evidence is overdue.
	AtRisk Verdict = "at-risk"
	// Gap: no implemented, partial or alternative control claims it.
	Gap Verdict = "gap"
	// NotApplicable: only justified not-applicable controls claim it (a
	// carve-out, as in the inventory report).
	NotApplicable Verdict = "not-applicable"
)

// Verdicts returns every verdict, for flags and messages.
func Verdicts() []Verdict { return []Verdict{Covered, NotEvaluated, AtRisk, Gap, NotApplicable} }

// AutomatedStatus is what a control's cited scanner rules say about it;
// the same values as the provider's automated_status attribute.
type AutomatedStatus string

// Automated statuses.
const (
	Passing           AutomatedStatus = "passing"
	Failing           AutomatedStatus = "failing"
	Unknown           AutomatedStatus = "unknown"
	NotEvaluatedState AutomatedStatus = "not-evaluated"
)

// RuleState says whether a cited or failing rule ran in the scan.
type RuleState string

// Rule states.
const (
	RuleRan RuleState = "ran"
	// RuleNotInCatalogue: no rule has this ID (a typo, or renamed).
	RuleNotInCatalogue RuleState = "not-in-catalogue"
	// RuleDisabled: the scan's configuration or flags did not select it.
	RuleDisabled RuleState = "disabled"
	// RuleOutOfScope: its criteria belong to categories the scan left out.
	RuleOutOfScope RuleState = "out-of-scope"
	// RuleBelowThreshold: it ran, but its results are below the scan's
	// severity threshold and were left out of the report.
	RuleBelowThreshold RuleState = "below-threshold"
)

// Report is the coverage report. The JSON shape is documented by
// docs/schemas/coverage.schema.json; every list is sorted and present.
type Report struct {
	FormatVersion     string           `json:"format_version"`
	AsOf              string           `json:"as_of"`
	CategoriesInScope []tsc.Category   `json:"categories_in_scope"`
	Inventory         inventory.Source `json:"inventory"`
	Scan              ScanSource       `json:"scan"`
	Summary           Summary          `json:"summary"`
	// Criteria are the criteria in scope, in catalogue order.
	Criteria []Criterion `json:"criteria"`
	// Controls are every control of the inventory, by control ID.
	Controls []Control `json:"controls"`
	// Rules are the rules that a control cites or that fail, by ID.
	Rules []Rule `json:"rules"`
	// UncitedFailingRules are the IDs of rules that fail and that no
	// control cites.
	UncitedFailingRules []string `json:"uncited_failing_rules"`
	// CitedRulesNotRun are the citations of rules that did not run.
	CitedRulesNotRun []Citation `json:"cited_rules_not_run"`
	// Warnings come from the inventory and the scan.
	Warnings []string `json:"warnings"`
}

// ScanSource describes the scan the report judges.
type ScanSource struct {
	Name              string           `json:"name"`
	Version           string           `json:"version"`
	SeverityThreshold scanner.Severity `json:"severity_threshold"`
	CategoriesInScope []tsc.Category   `json:"categories_in_scope"`
	// PassesRecorded is false for a saved result written without
	// --include-passed: pass counts are then unknown (null).
	PassesRecorded bool `json:"passes_recorded"`
	RulesRun       int  `json:"rules_run"`
	Errors         int  `json:"errors"`
}

// Summary counts criteria by verdict and the reverse view.
type Summary struct {
	CriteriaInScope     int                     `json:"criteria_in_scope"`
	ByVerdict           map[Verdict]int         `json:"by_verdict"`
	Controls            int                     `json:"controls"`
	ControlsByAutomated map[AutomatedStatus]int `json:"controls_by_automated_status"`
	UncitedFailingRules int                     `json:"uncited_failing_rules"`
	CitedRulesNotRun    int                     `json:"cited_rules_not_run"`
}

// Criterion is a criterion in scope with its verdict.
type Criterion struct {
	ID       string  `json:"id"`
	Category string  `json:"category"`
	Title    string  `json:"title"`
	Verdict  Verdict `json:"verdict"`
	// Reasons explain the verdict, one sentence each.
	Reasons []string `json:"reasons"`
	// Controls are the addresses of the controls that claim it.
	Controls []string `json:"controls"`
}

// Control is a control with what the scan and the calendar say about it.
type Control struct {
	ControlID string              `json:"control_id"`
	Address   string              `json:"address"`
	Title     string              `json:"title"`
	Status    string              `json:"status"`
	Owner     *inventory.OwnerRef `json:"owner"`
	// Meets is whether the status meets its criteria (implemented,
	// partial, alternative).
	Meets           bool            `json:"meets"`
	Criteria        []string        `json:"criteria"`
	ScannerRules    []string        `json:"scanner_rules"`
	AutomatedStatus AutomatedStatus `json:"automated_status"`
	// FailingResources are the locations (file:line, or the address) of
	// the unsuppressed failures of its rules.
	FailingResources []string   `json:"failing_resources"`
	Evidence         []Evidence `json:"evidence"`
	OverdueEvidence  int        `json:"overdue_evidence"`
	Unknown          []string   `json:"unknown"`
}

// Evidence is an evidence requirement of a control.
type Evidence struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Frequency string `json:"frequency"`
	// Owner is the requirement's owner, else its control's.
	Owner         *inventory.OwnerRef `json:"owner"`
	LastCollected *string             `json:"last_collected"`
	NextDue       *string             `json:"next_due"`
	Overdue       bool                `json:"overdue"`
	Status        string              `json:"status"`
}

// Rule is a scanner rule with its results in the scan.
type Rule struct {
	ID       string           `json:"id"`
	Title    string           `json:"title"`
	Severity scanner.Severity `json:"severity"`
	Criteria []string         `json:"criteria"`
	State    RuleState        `json:"state"`
	// Suggestion is the catalogue's closest ID to one not in it.
	Suggestion string `json:"suggestion"`
	Failed     int    `json:"failed"`
	Unknown    int    `json:"unknown"`
	// Passed is null when the scan did not record passes.
	Passed     *int      `json:"passed"`
	Suppressed int       `json:"suppressed"`
	Failing    []Failure `json:"failing"`
	// CitedBy are the control IDs that cite it.
	CitedBy []string `json:"cited_by"`
}

// Failure is an unsuppressed failing finding.
type Failure struct {
	Resource string `json:"resource"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}

// Location is the failure as file:line, or the resource address when it
// came from a plan.
func (f Failure) Location() string {
	switch {
	case f.File == "":
		return f.Resource
	case f.Line == 0:
		return f.File
	}
	return fmt.Sprintf("%s:%d", f.File, f.Line)
}

// Citation is a control citing a rule that did not run.
type Citation struct {
	RuleID     string    `json:"rule_id"`
	ControlID  string    `json:"control_id"`
	Address    string    `json:"address"`
	State      RuleState `json:"state"`
	Suggestion string    `json:"suggestion"`
	Message    string    `json:"message"`
}

// unknownScannerRule is the kind of the inventory's warning about a cited
// rule not in the catalogue.
const unknownScannerRule = "unknown-scanner-rule"

// Input is what the report joins.
type Input struct {
	// Inventory is the inventory report, made with the scope and the time
	// the coverage report uses.
	Inventory *inventory.Report
	// Scan is the scan; Scan.Rules are the rules that ran.
	Scan *report.Report
	// ScanName names the scan in the report: the paths scanned or the
	// saved result's file.
	ScanName string
	// Catalogue is every rule the tool knows, for rules that did not run.
	Catalogue []*scanner.Rule
}

// builder holds the indexes while the report is assembled.
type builder struct {
	in        Input
	rep       *Report
	catalogue map[string]*scanner.Rule
	ran       map[string]bool
	rules     map[string]*Rule
}

// Build joins the inventory and the scan.
func Build(in Input) *Report {
	inv, scan := in.Inventory, in.Scan
	b := &builder{
		in: in,
		rep: &Report{
			FormatVersion: formatVersion, AsOf: inv.AsOf, CategoriesInScope: inv.CategoriesInScope,
			Inventory: inv.Source,
			Scan: ScanSource{
				Name: in.ScanName, Version: scan.Version, SeverityThreshold: scan.Settings.SeverityThreshold,
				CategoriesInScope: nonNil(scan.Settings.CategoriesInScope), PassesRecorded: scan.Settings.IncludePassed,
				RulesRun: len(scan.Rules), Errors: len(scan.Errors),
			},
			Criteria: []Criterion{}, Controls: []Control{}, Rules: []Rule{},
			UncitedFailingRules: []string{}, CitedRulesNotRun: []Citation{}, Warnings: []string{},
		},
		catalogue: map[string]*scanner.Rule{},
		ran:       map[string]bool{},
		rules:     map[string]*Rule{},
	}
	for _, r := range in.Catalogue {
		b.catalogue[r.ID] = r
	}
	for _, r := range scan.Rules {
		b.ran[r.ID] = true
	}
	b.tallyFindings()
	b.addControls()
	b.addRules()
	b.addCriteria()
	b.addWarnings()
	b.summarise()
	return b.rep
}

// rule returns the entry of rule id, creating it.
func (b *builder) rule(id string) *Rule {
	if r, ok := b.rules[id]; ok {
		return r
	}
	r := &Rule{ID: id, Criteria: []string{}, Failing: []Failure{}, CitedBy: []string{}}
	if b.in.Scan.Settings.IncludePassed {
		r.Passed = new(int)
	}
	r.State, r.Suggestion = b.ruleState(id)
	if c := b.catalogue[id]; c != nil {
		r.Title, r.Severity, r.Criteria = c.Title, c.Severity, c.Criteria.IDs()
	}
	b.rules[id] = r
	return r
}

// ruleState says whether rule id ran and, when it did not, why, with the
// closest catalogue ID to one that is not in it.
func (b *builder) ruleState(id string) (RuleState, string) {
	c, known := b.catalogue[id]
	switch {
	case !known && b.ran[id]:
		return RuleRan, "" // ran in a saved scan of another version
	case !known:
		ids := make([]string, 0, len(b.catalogue))
		for other := range b.catalogue {
			ids = append(ids, other)
		}
		slices.Sort(ids)
		return RuleNotInCatalogue, config.Suggest(id, ids)
	case !b.ran[id]:
		scope := &config.Config{CategoriesInScope: b.in.Scan.Settings.CategoriesInScope}
		if !scope.InScope(c.Criteria) {
			return RuleOutOfScope, ""
		}
		return RuleDisabled, ""
	case c.Severity.Rank() < b.in.Scan.Settings.SeverityThreshold.Rank():
		return RuleBelowThreshold, ""
	}
	return RuleRan, ""
}

// tallyFindings counts every finding under its rule.
func (b *builder) tallyFindings() {
	for _, f := range b.in.Scan.Findings {
		r := b.rule(f.RuleID)
		if r.State == RuleBelowThreshold {
			// It has results: the configuration raised its severity.
			r.State = RuleRan
		}
		r.Tally(f)
	}
}

// Tally counts one finding of the rule: what the coverage report does with
// every finding of a scan, and what a soc2_control does with the findings
// it is given. A pass counts only when Passed is not nil.
func (r *Rule) Tally(f report.Finding) {
	switch {
	case f.Suppressed:
		r.Suppressed++
	case f.Status == scanner.Fail:
		r.Failed++
		r.Failing = append(r.Failing, Failure{Resource: f.Resource, File: f.File, Line: int(f.StartLine), Message: f.Message})
	case f.Status == scanner.Unknown:
		r.Unknown++
	case f.Status == scanner.Pass && r.Passed != nil:
		*r.Passed++
	}
}

func (b *builder) addControls() {
	evidence := map[string][]inventory.Evidence{}
	for _, e := range b.in.Inventory.Evidence {
		evidence[e.ControlID] = append(evidence[e.ControlID], e)
	}
	for _, c := range b.in.Inventory.Controls {
		row := Control{
			ControlID: c.ControlID, Address: c.Address, Title: c.Title, Status: c.Status, Owner: c.Owner,
			Meets: inventory.Covers(c.Status), Criteria: c.Criteria, ScannerRules: c.ScannerRules,
			FailingResources: []string{}, Evidence: []Evidence{}, Unknown: c.Unknown,
		}
		for _, e := range evidence[c.ControlID] {
			row.Evidence = append(row.Evidence, Evidence{
				ID: e.ID, Name: e.Name, Frequency: e.Frequency, Owner: e.Owner, LastCollected: e.LastCollected,
				NextDue: e.NextDue, Overdue: e.Overdue, Status: e.Status,
			})
			if e.Overdue {
				row.OverdueEvidence++
			}
		}
		for _, id := range c.ScannerRules {
			r := b.rule(id)
			r.CitedBy = append(r.CitedBy, c.ControlID)
		}
		row.AutomatedStatus = b.automatedStatus(&row)
		b.rep.Controls = append(b.rep.Controls, row)
	}
}

// automatedStatus judges a control by its cited rules and lists where they
// fail.
func (b *builder) automatedStatus(c *Control) AutomatedStatus {
	cited := make([]*Rule, 0, len(c.ScannerRules))
	for _, id := range c.ScannerRules {
		cited = append(cited, b.rules[id])
	}
	status, failing := ControlStatus(cited)
	for _, f := range failing {
		c.FailingResources = append(c.FailingResources, f.Location())
	}
	c.FailingResources = slices.Compact(c.FailingResources)
	return status
}

// CitedFailure is an unsuppressed failure of one of a control's rules.
type CitedFailure struct {
	RuleID string
	Failure
}

// ControlStatus judges a control by the results of the rules it cites:
// failing when one fails, unknown when one is unknown until apply, passing
// when the rules that ran checked something (or may have: a rule whose
// Passed is nil because passes were not recorded), and not evaluated
// otherwise. Rules that did not run are ignored. The failures come sorted
// by file and line (main.tf:9 before main.tf:10), as the scan sorts, then
// resource and rule.
func ControlStatus(cited []*Rule) (AutomatedStatus, []CitedFailure) {
	status := NotEvaluatedState
	failing := []CitedFailure{}
	for _, r := range cited {
		if r.State != RuleRan {
			continue
		}
		for _, f := range r.Failing {
			failing = append(failing, CitedFailure{RuleID: r.ID, Failure: f})
		}
		switch {
		case r.Failed > 0:
			status = Failing
		case status == Failing:
		case r.Unknown > 0:
			status = Unknown
		case status == Unknown:
		case r.Passed == nil || *r.Passed > 0:
			status = Passing
		}
	}
	slices.SortFunc(failing, func(x, y CitedFailure) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Line, y.Line),
			cmp.Compare(x.Resource, y.Resource), cmp.Compare(x.RuleID, y.RuleID))
	})
	return status, failing
}

func (b *builder) addRules() {
	for _, r := range b.rules {
		// Rules that pass and that no control cites say nothing here.
		if len(r.CitedBy) == 0 && r.Failed == 0 {
			continue
		}
		slices.Sort(r.CitedBy)
		r.CitedBy = slices.Compact(r.CitedBy)
		b.rep.Rules = append(b.rep.Rules, *r)
		if len(r.CitedBy) == 0 {
			b.rep.UncitedFailingRules = append(b.rep.UncitedFailingRules, r.ID)
		}
	}
	slices.SortFunc(b.rep.Rules, func(x, y Rule) int { return cmp.Compare(x.ID, y.ID) })
	slices.Sort(b.rep.UncitedFailingRules)
	for _, c := range b.rep.Controls {
		for _, id := range c.ScannerRules {
			r := b.rules[id]
			if r.State == RuleRan {
				continue
			}
			b.rep.CitedRulesNotRun = append(b.rep.CitedRulesNotRun, Citation{
				RuleID: id, ControlID: c.ControlID, Address: c.Address, State: r.State,
				Suggestion: r.Suggestion, Message: b.notRunMessage(r),
			})
		}
	}
	slices.SortFunc(b.rep.CitedRulesNotRun, func(x, y Citation) int {
		return cmp.Or(cmp.Compare(x.RuleID, y.RuleID), cmp.Compare(x.ControlID, y.ControlID), cmp.Compare(x.Address, y.Address))
	})
}

func (b *builder) notRunMessage(r *Rule) string {
	switch r.State {
	case RuleNotInCatalogue:
		msg := fmt.Sprintf("no scanner rule is named %q", r.ID)
		if r.Suggestion != "" {
			msg += fmt.Sprintf("; did you mean %q?", r.Suggestion)
		}
		return msg
	case RuleOutOfScope:
		return fmt.Sprintf("its criteria (%s) are outside the scan's categories in scope (%s)", strings.Join(r.Criteria, ", "), categoryList(b.in.Scan.Settings.CategoriesInScope))
	case RuleDisabled:
		return "the scan did not run it: disabled by the scan's configuration, --only-rules or --exclude-rules"
	case RuleBelowThreshold:
		return fmt.Sprintf("its severity (%s) is below the scan's severity threshold (%s), so its results were left out", r.Severity, b.in.Scan.Settings.SeverityThreshold)
	}
	return ""
}

func (b *builder) addCriteria() {
	byCriterion := map[string][]*Control{}
	for i := range b.rep.Controls {
		c := &b.rep.Controls[i]
		for _, id := range c.Criteria {
			byCriterion[tsc.Canonical(id)] = append(byCriterion[tsc.Canonical(id)], c)
		}
	}
	inScope := map[tsc.Category]bool{}
	for _, c := range b.rep.CategoriesInScope {
		inScope[c] = true
	}
	for _, crit := range tsc.All() {
		if !inScope[crit.Category] {
			continue
		}
		row := Criterion{ID: crit.ID, Category: string(crit.Category), Title: crit.Title, Reasons: []string{}, Controls: []string{}}
		for _, c := range byCriterion[crit.ID] {
			row.Controls = append(row.Controls, c.Address)
		}
		row.Verdict, row.Reasons = verdict(byCriterion[crit.ID])
		b.rep.Criteria = append(b.rep.Criteria, row)
	}
}

// verdict judges a criterion by the controls that claim it and says why.
func verdict(controls []*Control) (Verdict, []string) {
	var meets []*Control
	carvedOut := false
	for _, c := range controls {
		switch {
		case c.Meets:
			meets = append(meets, c)
		case c.Status == inventory.StatusNotApplicable:
			carvedOut = true
		}
	}
	if len(meets) == 0 {
		if carvedOut {
			return NotApplicable, []string{"only not-applicable controls claim it"}
		}
		if len(controls) > 0 {
			return Gap, []string{"no control that claims it is implemented, partial or alternative"}
		}
		return Gap, []string{"no control claims it"}
	}
	reasons := []string{}
	passing := false
	for _, c := range meets {
		if c.AutomatedStatus == Failing {
			reasons = append(reasons, fmt.Sprintf("%s: its scanner rules fail on %s", c.ControlID, countNoun(len(c.FailingResources), "resource")))
		}
		if c.OverdueEvidence > 0 {
			reasons = append(reasons, fmt.Sprintf("%s: %s overdue", c.ControlID, countNoun(c.OverdueEvidence, "evidence requirement")))
		}
		passing = passing || c.AutomatedStatus == Passing
	}
	switch {
	case len(reasons) > 0:
		return AtRisk, reasons
	case passing:
		return Covered, []string{"its controls' scanner rules pass and no evidence is overdue"}
	}
	return NotEvaluated, []string{"its controls cite no scanner rule that ran and decided"}
}

func (b *builder) addWarnings() {
	for _, w := range b.in.Inventory.Warnings {
		if w.Kind == unknownScannerRule {
			continue // the reverse view lists them, with a suggestion
		}
		b.rep.Warnings = append(b.rep.Warnings, w.String())
	}
	for _, p := range b.in.Scan.Errors {
		b.rep.Warnings = append(b.rep.Warnings, "scan error: "+p.String())
	}
	for _, p := range b.in.Scan.Warnings {
		b.rep.Warnings = append(b.rep.Warnings, "scan: "+p.String())
	}
	if !b.in.Scan.Settings.IncludePassed {
		b.rep.Warnings = append(b.rep.Warnings, "the scan did not record passing results (it ran without --include-passed), so pass counts are unknown and a cited rule that found nothing to check counts as passing")
	}
}

func (b *builder) summarise() {
	s := &b.rep.Summary
	s.CriteriaInScope = len(b.rep.Criteria)
	s.ByVerdict = map[Verdict]int{}
	for _, v := range Verdicts() {
		s.ByVerdict[v] = 0
	}
	for _, c := range b.rep.Criteria {
		s.ByVerdict[c.Verdict]++
	}
	s.Controls = len(b.rep.Controls)
	s.ControlsByAutomated = map[AutomatedStatus]int{Passing: 0, Failing: 0, Unknown: 0, NotEvaluatedState: 0}
	for _, c := range b.rep.Controls {
		s.ControlsByAutomated[c.AutomatedStatus]++
	}
	s.UncitedFailingRules = len(b.rep.UncitedFailingRules)
	s.CitedRulesNotRun = len(b.rep.CitedRulesNotRun)
}

// Has reports whether a criterion in scope has one of the verdicts: what
// `coverage --fail-on` fails on.
func (r *Report) Has(verdicts ...Verdict) bool {
	for _, c := range r.Criteria {
		if slices.Contains(verdicts, c.Verdict) {
			return true
		}
	}
	return false
}

// ParseVerdicts reads a comma-separated list of verdicts.
func ParseVerdicts(list string) ([]Verdict, error) {
	var out []Verdict
	for _, part := range strings.Split(list, ",") {
		name := strings.TrimSpace(part)
		if name == "" {
			continue
		}
		if !slices.Contains(Verdicts(), Verdict(name)) {
			names := make([]string, 0, len(Verdicts()))
			for _, v := range Verdicts() {
				names = append(names, string(v))
			}
			return nil, fmt.Errorf("unknown verdict %q: use %s", name, strings.Join(names, ", "))
		}
		out = append(out, Verdict(name))
	}
	return out, nil
}

func categoryList(cs []tsc.Category) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
