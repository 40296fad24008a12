// Package window judges an observation window from the records of an
// evidence ledger: for each control that cites scanner rules (or, without a
// control inventory, for each rule and each criterion) the days with a
// record, the days its rules failed, the longest gap between records and
// whether that gap is longer than the control's frequency allows, and a
// verdict. Every output format renders the one Report it builds.
package window

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/ledger"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// FormatVersion is the version of the JSON report's shape.
const FormatVersion = 1

// Verdict is how a subject fared over the window.
type Verdict string

// The verdicts.
const (
	// OperatedEffectively: records all through the window, at least as
	// often as the frequency asks, and the rules never failed.
	OperatedEffectively Verdict = "operated effectively"
	// Exceptions: records all through the window, but the rules failed on
	// some days.
	Exceptions Verdict = "exceptions"
	// InsufficientEvidence: no record in the window, or a gap between
	// records longer than the frequency allows.
	InsufficientEvidence Verdict = "insufficient evidence"
)

// Verdicts lists the verdicts, best first.
var Verdicts = []Verdict{OperatedEffectively, Exceptions, InsufficientEvidence}

// Kinds of subject.
const (
	KindControl   = "control"
	KindRule      = "rule"
	KindCriterion = "criterion"
)

// Control is a control that cites scanner rules.
type Control struct {
	ID, Title, Owner string
	// Frequency is the control's declared frequency, "" when none.
	Frequency string
	Rules     []string
	// Deadline returns by when the next record is due after one on day
	// (midnight UTC); ok is false when the frequency sets no calendar
	// limit. Nil means no limit.
	Deadline func(day time.Time) (deadline time.Time, ok bool)
}

// Input is what a report is built from.
type Input struct {
	// Records are the ledger's readable records, in any order.
	Records []*ledger.Record
	// From and To are the first and last days of the window (midnight
	// UTC).
	From, To time.Time
	// Now bounds the window's end: a window that ends in the future is
	// judged up to now.
	Now time.Time
	// Controls are judged when not nil; otherwise each rule and criterion
	// of the records is.
	Controls []Control
	// RuleTitles names the rules, for the per-rule view.
	RuleTitles map[string]string
	// Deadline is used for rules, criteria and controls that declare no
	// frequency; nil means no limit.
	Deadline  func(day time.Time) (time.Time, bool)
	Frequency string
	// Chain is the ledger's verification.
	Chain *ledger.Verification
	// Ledger names the ledger directory.
	Ledger string
}

// Report is an observation window's verdicts.
type Report struct {
	FormatVersion int    `json:"format_version"`
	Ledger        string `json:"ledger"`
	From          string `json:"from"`
	To            string `json:"to"`
	// JudgedUntil is the end of the window or now, whichever is earlier.
	JudgedUntil string `json:"judged_until"`
	// Records is how many records fall in the window.
	Records int `json:"records"`
	// RecordsWithErrors counts the records of scans that could not read
	// or parse some of their input, and so judged less than all of it.
	RecordsWithErrors int   `json:"records_with_errors"`
	Chain             Chain `json:"chain"`
	// By is "control", or "rule" when there is no control inventory.
	By       string    `json:"by"`
	Subjects []Subject `json:"subjects"`
	// Criteria are the per-criterion results when By is "rule".
	// Criteria are the per-criterion results when By is "rule", empty
	// when it is "control".
	Criteria []Subject `json:"criteria"`
	Summary  Summary   `json:"summary"`
}

// Chain is the ledger's verification as the report shows it.
type Chain struct {
	Intact   bool             `json:"intact"`
	Problems []ledger.Problem `json:"problems"`
}

// Summary counts the subjects per verdict.
type Summary map[Verdict]int

// Subject is one control, rule or criterion over the window.
type Subject struct {
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	Title string `json:"title"`
	Owner string `json:"owner,omitempty"`
	// Frequency is the cadence the gaps are judged by, "" when none.
	Frequency string `json:"frequency"`
	// Rules are the rules whose results are judged: a control's, the
	// rule itself, none for a criterion (its counts are judged).
	Rules []string `json:"rules"`
	// DaysWithRecord counts the days with a record in which a rule of the
	// subject ran.
	DaysWithRecord int    `json:"days_with_record"`
	FirstRecord    string `json:"first_record,omitempty"`
	LastRecord     string `json:"last_record,omitempty"`
	// FailingDays are the days on which a rule of the subject failed.
	FailingDays  []string `json:"failing_days"`
	FirstFailure string   `json:"first_failure,omitempty"`
	LastFailure  string   `json:"last_failure,omitempty"`
	// Failing are the failing findings seen in the window, by rule.
	Failing []Failure `json:"failing"`
	// LongestGap is the longest time without a record, counting from the
	// start of the window and up to its (judged) end.
	LongestGap Gap `json:"longest_gap"`
	// Overdue lists the gaps longer than the frequency allows.
	Overdue []Gap   `json:"overdue"`
	Verdict Verdict `json:"verdict"`
	Reason  string  `json:"reason"`
}

// Failure is a failing finding of one of a subject's rules.
type Failure struct {
	Rule string `json:"rule"`
	ledger.Failure
	// Days counts the days it failed on.
	Days int `json:"days"`
}

// Gap is a time without a record.
type Gap struct {
	From string  `json:"from"`
	To   string  `json:"to"`
	Days float64 `json:"days"`
}

// Build judges the window.
func Build(in Input) *Report {
	from, end := in.From.UTC(), in.To.UTC().AddDate(0, 0, 1)
	judged := end
	if !in.Now.IsZero() && in.Now.Before(end) {
		// A window that has not ended is judged up to now (and one that
		// has not begun, not at all).
		judged = in.Now.UTC()
		if judged.Before(from) {
			judged = from
		}
	}
	rep := &Report{
		FormatVersion: FormatVersion, Ledger: in.Ledger,
		From: from.Format(time.DateOnly), To: in.To.UTC().Format(time.DateOnly),
		JudgedUntil: judged.Format(time.RFC3339), Subjects: []Subject{}, Criteria: []Subject{}, Summary: Summary{},
		Chain: Chain{Intact: true, Problems: []ledger.Problem{}},
	}
	if in.Chain != nil {
		rep.Chain = Chain{Intact: in.Chain.OK(), Problems: in.Chain.Problems}
	}
	var recs []*ledger.Record
	for _, r := range in.Records {
		if !r.Time.Before(from) && r.Time.Before(judged) {
			recs = append(recs, r)
		}
	}
	slices.SortFunc(recs, func(a, b *ledger.Record) int { return a.Time.Compare(b.Time) })
	rep.Records = len(recs)
	for _, r := range recs {
		if r.Errors > 0 {
			rep.RecordsWithErrors++
		}
	}
	for _, v := range Verdicts {
		rep.Summary[v] = 0
	}
	j := judge{recs: recs, from: from, until: judged}
	if in.Controls != nil {
		rep.By = KindControl
		for _, c := range in.Controls {
			s := Subject{Kind: KindControl, ID: c.ID, Title: c.Title, Owner: c.Owner, Frequency: c.Frequency, Rules: c.Rules}
			deadline := c.Deadline
			if c.Frequency == "" {
				deadline, s.Frequency = in.Deadline, in.Frequency
			}
			rep.Subjects = append(rep.Subjects, j.subject(s, deadline, rulesOf(c.Rules)))
		}
	} else {
		rep.By = KindRule
		rep.Subjects = j.byRule(in)
		rep.Criteria = j.byCriterion(in)
	}
	for _, s := range rep.Subjects {
		rep.Summary[s.Verdict]++
	}
	return rep
}

// evidence says how one record bears on a subject: whether it ran any of
// the subject's rules, and its failures.
type evidence func(r *ledger.Record) (ran bool, failures []Failure)

func rulesOf(ids []string) evidence {
	return func(r *ledger.Record) (bool, []Failure) {
		ran := false
		var failures []Failure
		for _, id := range ids {
			res, ok := r.Rules[id]
			if !ok {
				continue
			}
			ran = true
			for _, f := range res.Failing {
				failures = append(failures, Failure{Rule: id, Failure: f})
			}
			if res.Failed > len(res.Failing) {
				// A record that counts failures it does not list.
				failures = append(failures, Failure{Rule: id})
			}
		}
		return ran, failures
	}
}

func (j *judge) byRule(in Input) []Subject {
	ids := map[string]bool{}
	for _, r := range j.recs {
		for id := range r.Rules {
			ids[id] = true
		}
	}
	out := []Subject{}
	for _, id := range sortedKeys(ids) {
		s := Subject{Kind: KindRule, ID: id, Title: in.RuleTitles[id], Frequency: in.Frequency, Rules: []string{id}}
		out = append(out, j.subject(s, in.Deadline, rulesOf([]string{id})))
	}
	return out
}

func (j *judge) byCriterion(in Input) []Subject {
	ids := map[string]bool{}
	for _, r := range j.recs {
		for id := range r.Criteria {
			ids[id] = true
		}
	}
	list := sortedKeys(ids)
	tsc.Sort(list)
	out := []Subject{}
	for _, id := range list {
		title := ""
		if c, ok := tsc.Lookup(id); ok {
			title = c.Title
		}
		s := Subject{Kind: KindCriterion, ID: id, Title: title, Frequency: in.Frequency, Rules: []string{}}
		out = append(out, j.subject(s, in.Deadline, func(r *ledger.Record) (bool, []Failure) {
			c, ok := r.Criteria[id]
			if !ok {
				return false, nil
			}
			var failures []Failure
			if c.Failed > 0 {
				failures = append(failures, Failure{})
			}
			return true, failures
		}))
	}
	return out
}

// sortedKeys returns m's keys sorted, an empty list (not nil) for none.
func sortedKeys(m map[string]bool) []string {
	keys := slices.AppendSeq(make([]string, 0, len(m)), maps.Keys(m))
	slices.Sort(keys)
	return keys
}

type judge struct {
	recs        []*ledger.Record
	from, until time.Time
}

func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// Midnight returns the start of t's day in UTC.
func Midnight(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// subject fills in s from the records that bear on it.
func (j *judge) subject(s Subject, deadline func(time.Time) (time.Time, bool), ev evidence) Subject {
	s.FailingDays, s.Failing, s.Overdue = []string{}, []Failure{}, []Gap{}
	days, failingDays := map[string]bool{}, map[string]bool{}
	type key struct{ rule, fp, res string }
	failures := map[key]*Failure{}
	failDays := map[key]map[string]bool{}
	var times []time.Time
	for _, r := range j.recs {
		ran, fs := ev(r)
		if !ran {
			continue
		}
		d := day(r.Time)
		times = append(times, r.Time)
		days[d] = true
		if len(fs) > 0 {
			failingDays[d] = true
		}
		for _, f := range fs {
			if f.Rule == "" {
				continue
			}
			k := key{f.Rule, f.Fingerprint, f.Resource}
			if failures[k] == nil {
				failures[k], failDays[k] = &Failure{Rule: f.Rule, Failure: f.Failure}, map[string]bool{}
			}
			failDays[k][d] = true
		}
	}
	s.DaysWithRecord = len(days)
	if len(times) > 0 {
		s.FirstRecord, s.LastRecord = times[0].Format(time.RFC3339), times[len(times)-1].Format(time.RFC3339)
	}
	s.FailingDays = sortedKeys(failingDays)
	if n := len(s.FailingDays); n > 0 {
		s.FirstFailure, s.LastFailure = s.FailingDays[0], s.FailingDays[n-1]
	}
	for k, f := range failures {
		f.Days = len(failDays[k])
		s.Failing = append(s.Failing, *f)
	}
	slices.SortFunc(s.Failing, func(a, b Failure) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Resource, b.Resource), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	s.LongestGap, s.Overdue = j.gaps(times, deadline)
	s.Verdict, s.Reason = verdict(&s)
	return s
}

// gaps returns the longest stretch without a record, from the window's
// start through the records to its judged end, and the stretches longer
// than the deadline allows: a record is due by deadline(day of the last
// one), the first by deadline(first day of the window).
func (j *judge) gaps(times []time.Time, deadline func(time.Time) (time.Time, bool)) (Gap, []Gap) {
	points := append(append([]time.Time{j.from}, times...), j.until)
	var longest Gap
	overdue := []Gap{}
	for i := 1; i < len(points); i++ {
		a, b := points[i-1], points[i]
		g := Gap{From: a.Format(time.RFC3339), To: b.Format(time.RFC3339), Days: roundDays(b.Sub(a))}
		if g.Days > longest.Days || longest.From == "" {
			longest = g
		}
		if deadline == nil {
			continue
		}
		if due, ok := deadline(Midnight(a)); ok && b.After(due) {
			overdue = append(overdue, g)
		}
	}
	return longest, overdue
}

func roundDays(d time.Duration) float64 {
	return float64((d+36*time.Second)/(864*time.Second)) / 100
}

func verdict(s *Subject) (Verdict, string) {
	switch {
	case s.DaysWithRecord == 0:
		return InsufficientEvidence, "no record in the window ran its rules"
	case len(s.Overdue) > 0:
		g := s.Overdue[0]
		more := ""
		if n := len(s.Overdue) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more)", n)
		}
		return InsufficientEvidence, fmt.Sprintf("no record from %s to %s (%.2f days), longer than its %s frequency allows%s", g.From, g.To, g.Days, s.Frequency, more)
	case len(s.FailingDays) > 0:
		return Exceptions, fmt.Sprintf("its rules failed on %d of %d days with a record, from %s to %s", len(s.FailingDays), s.DaysWithRecord, s.FirstFailure, s.LastFailure)
	}
	return OperatedEffectively, fmt.Sprintf("its rules passed on all %d days with a record", s.DaysWithRecord)
}
