package report

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// Summary counts a report's findings. Failed and Unknown count unsuppressed
// findings only; suppressed ones are counted once, under Suppressed.
type Summary struct {
	ResourcesScanned int `json:"resources_scanned"`
	FilesScanned     int `json:"files_scanned"`
	RulesRun         int `json:"rules_run"`
	Counts
	// BelowThreshold counts failures and unknowns left out of the report
	// because their severity is below the threshold.
	BelowThreshold int `json:"below_threshold"`
	// BySeverity has one entry per severity, most urgent first.
	BySeverity []SeverityCounts `json:"by_severity"`
	// ByCriterion has one entry per criterion that some rule of the scan
	// maps to, in catalogue order.
	ByCriterion []CriterionCounts `json:"by_criterion"`
}

// Counts tallies findings by outcome.
type Counts struct {
	Failed     int `json:"failed"`
	Unknown    int `json:"unknown"`
	Passed     int `json:"passed"`
	Suppressed int `json:"suppressed"`
	// NotApplicable counts resources a rule had nothing to judge on; they
	// are neither passes nor evidence.
	NotApplicable int `json:"not_applicable"`
}

// SeverityCounts are the counts of one severity.
type SeverityCounts struct {
	Severity scanner.Severity `json:"severity"`
	Counts
}

// CriterionCounts are the counts of one Trust Services Criterion: a finding
// counts for every criterion its rule maps to, primary or secondary.
type CriterionCounts struct {
	Criterion string `json:"criterion"`
	Title     string `json:"title"`
	Counts
}

func (c *Counts) add(f *Finding) {
	c.addN(f.Status, f.Suppressed, 1)
}

// addN counts n results of one status, suppressed or not.
func (c *Counts) addN(status scanner.Status, suppressed bool, n int) {
	switch {
	case suppressed:
		c.Suppressed += n
	case status == scanner.Fail:
		c.Failed += n
	case status == scanner.Unknown:
		c.Unknown += n
	case status == scanner.Pass:
		c.Passed += n
	case status == scanner.NotApplicable:
		c.NotApplicable += n
	}
}

// buildSuffix names the build's commit and date for headings, as
// " (commit abc1234, built 2026-12-05)", or "" when unknown.
func buildSuffix(r *Report) string {
	var parts []string
	if r.Commit != "" {
		c := r.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		parts = append(parts, "commit "+c)
	}
	if r.BuildDate != "" {
		parts = append(parts, "built "+r.BuildDate)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// Summarize recomputes the finding counts of r.Summary from r.Findings,
// r.Omitted and r.Rules, keeping the scan totals (resources, files, rules run, below
// threshold) as they are.
func (r *Report) Summarize() {
	var t Tally
	for i := range r.Findings {
		t.Add(&r.Findings[i])
	}
	r.SummarizeTally(&t)
}

// Tally counts findings one at a time, as they are made: a scan of 16,000
// resources makes hundreds of thousands of findings, tens of megabytes
// that no longer fit in the processor's cache, and counting them in a
// pass of its own (Summarize) read them all from memory again. Its zero
// value is ready to use.
type Tally struct {
	counts     Counts
	bySeverity map[scanner.Severity]*Counts
	// byCriterion holds the counts of each criterion; lastCriteria and
	// lastCounts are those of the criteria list added last: a rule's
	// findings share one list, and a scan has many findings of few rules.
	byCriterion  map[string]*Counts
	lastCriteria []string
	lastCounts   []*Counts
}

// Add counts f as Summarize does.
func (t *Tally) Add(f *Finding) {
	if t.bySeverity == nil {
		t.bySeverity = make(map[scanner.Severity]*Counts, len(scanner.Severities))
		for _, sev := range scanner.Severities {
			t.bySeverity[sev] = &Counts{}
		}
		t.byCriterion = map[string]*Counts{}
	}
	t.counts.add(f)
	if c := t.bySeverity[f.Severity]; c != nil {
		c.add(f)
	}
	for _, c := range t.criteria(f.Criteria) {
		c.add(f)
	}
}

// criteria returns the counts of each of ids, added when missing.
func (t *Tally) criteria(ids []string) []*Counts {
	if len(ids) == 0 {
		return nil
	}
	if len(ids) == len(t.lastCriteria) && &ids[0] == &t.lastCriteria[0] {
		return t.lastCounts
	}
	out := make([]*Counts, len(ids))
	for i, id := range ids {
		c := t.byCriterion[id]
		if c == nil {
			c = &Counts{}
			t.byCriterion[id] = c
		}
		out[i] = c
	}
	t.lastCriteria, t.lastCounts = ids, out
	return out
}

// SummarizeTally sets the finding counts of r.Summary from t, which counted
// every one of r.Findings, and from r.Omitted and r.Rules, keeping the
// scan totals as they are; the result is Summarize's.
func (r *Report) SummarizeTally(t *Tally) {
	s := &r.Summary
	s.Counts = t.counts
	bySeverity := map[scanner.Severity]*Counts{}
	for _, sev := range scanner.Severities {
		bySeverity[sev] = &Counts{}
		if c := t.bySeverity[sev]; c != nil {
			*bySeverity[sev] = *c
		}
	}
	byCriterion := make(map[string]*Counts, len(t.byCriterion))
	for id, c := range t.byCriterion {
		cc := *c
		byCriterion[id] = &cc
	}
	// Every criterion a rule of the scan maps to gets a row, so that a
	// criterion with nothing failing shows as covered.
	for _, rule := range r.Rules {
		// Criteria.IDs would make a slice per rule.
		if byCriterion[rule.Criteria.Primary] == nil {
			byCriterion[rule.Criteria.Primary] = &Counts{}
		}
		for _, id := range rule.Criteria.Secondary {
			if byCriterion[id] == nil {
				byCriterion[id] = &Counts{}
			}
		}
	}
	for _, o := range r.Omitted {
		s.addN(o.Status, false, o.Count)
		if c := bySeverity[o.Severity]; c != nil {
			c.addN(o.Status, false, o.Count)
		}
		for _, id := range o.Criteria {
			if byCriterion[id] == nil {
				byCriterion[id] = &Counts{}
			}
			byCriterion[id].addN(o.Status, false, o.Count)
		}
	}
	s.BySeverity = make([]SeverityCounts, 0, len(scanner.Severities))
	for _, sev := range scanner.Severities {
		s.BySeverity = append(s.BySeverity, SeverityCounts{Severity: sev, Counts: *bySeverity[sev]})
	}
	ids := make([]string, 0, len(byCriterion))
	for id := range byCriterion {
		ids = append(ids, id)
	}
	tsc.Sort(ids)
	s.ByCriterion = make([]CriterionCounts, 0, len(ids))
	for _, id := range ids {
		title := ""
		if c, ok := tsc.Lookup(id); ok {
			title = c.Title
		}
		s.ByCriterion = append(s.ByCriterion, CriterionCounts{Criterion: id, Title: title, Counts: *byCriterion[id]})
	}
}
