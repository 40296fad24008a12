package window

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/ledger"
)

var day0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// weekly allows a record up to the end of the seventh day after the last.
func weekly(d time.Time) (time.Time, bool) { return d.AddDate(0, 0, 8), true }

// rec is a record on day0+d at 10:00 in which rule r-a ran, failing on the
// given fingerprints.
func rec(d int, failing ...string) *ledger.Record {
	res := ledger.RuleResult{Counts: ledger.Counts{Passed: 1}}
	crit := ledger.Counts{Passed: 1}
	for _, fp := range failing {
		res.Failed++
		crit.Failed++
		res.Failing = append(res.Failing, ledger.Failure{Fingerprint: fp, Resource: "aws_s3_bucket." + fp, Location: "main.tf:1"})
	}
	return &ledger.Record{
		Time:     day0.AddDate(0, 0, d).Add(10 * time.Hour),
		Rules:    map[string]ledger.RuleResult{"r-a": res, "r-b": {}},
		Criteria: map[string]ledger.Counts{"CC6.1": crit},
	}
}

func control() Control {
	return Control{ID: "AC-1", Title: "Access", Owner: "ana@example.com", Frequency: "weekly", Rules: []string{"r-a", "r-x"}, Deadline: weekly}
}

func build(recs []*ledger.Record, to int, controls ...Control) *Report {
	return Build(Input{Records: recs, From: day0, To: day0.AddDate(0, 0, to), Now: day0.AddDate(1, 0, 0), Controls: controls, Ledger: "evidence"})
}

func TestRecordsAtTheFrequencyOperateEffectively(t *testing.T) {
	var recs []*ledger.Record
	for d := 0; d <= 28; d += 7 {
		recs = append(recs, rec(d))
	}
	rep := build(recs, 30, control())
	require.Len(t, rep.Subjects, 1)
	s := rep.Subjects[0]
	assert.Equal(t, OperatedEffectively, s.Verdict, s.Reason)
	assert.Equal(t, 5, s.DaysWithRecord)
	assert.Equal(t, 7.0, s.LongestGap.Days)
	assert.Empty(t, s.Overdue)
	assert.Equal(t, 1, rep.Summary[OperatedEffectively])
}

func TestAGapLongerThanTheFrequencyIsInsufficientEvidence(t *testing.T) {
	rep := build([]*ledger.Record{rec(0), rec(7), rec(20), rec(27)}, 30, control())
	s := rep.Subjects[0]
	assert.Equal(t, InsufficientEvidence, s.Verdict)
	assert.Equal(t, 13.0, s.LongestGap.Days)
	require.Len(t, s.Overdue, 1)
	assert.Equal(t, "2026-01-08T10:00:00Z", s.Overdue[0].From)
	assert.Equal(t, "2026-01-21T10:00:00Z", s.Overdue[0].To)
	assert.Contains(t, s.Reason, "longer than its weekly frequency allows")

	// The same records judged without a frequency have no gap limit.
	c := control()
	c.Frequency, c.Deadline = "", nil
	assert.Equal(t, OperatedEffectively, build([]*ledger.Record{rec(0), rec(7), rec(20), rec(27)}, 30, c).Subjects[0].Verdict)
}

func TestTheWindowEdgesCountAsGaps(t *testing.T) {
	// Nothing in the last 10 days of the window.
	s := build([]*ledger.Record{rec(0), rec(7), rec(14), rec(20)}, 30, control()).Subjects[0]
	assert.Equal(t, InsufficientEvidence, s.Verdict)
	assert.Equal(t, "2026-02-01T00:00:00Z", s.Overdue[0].To)

	// A window that ends in the future is judged until now.
	rep := Build(Input{Records: []*ledger.Record{rec(0), rec(7)}, From: day0, To: day0.AddDate(0, 0, 30), Now: day0.AddDate(0, 0, 10), Controls: []Control{control()}})
	assert.Equal(t, OperatedEffectively, rep.Subjects[0].Verdict)
	assert.Equal(t, "2026-01-11T00:00:00Z", rep.JudgedUntil)
}

func TestFailuresAreExceptions(t *testing.T) {
	rep := build([]*ledger.Record{rec(0), rec(5, "fp1"), rec(6, "fp1", "fp2"), rec(12)}, 14, control())
	s := rep.Subjects[0]
	assert.Equal(t, Exceptions, s.Verdict)
	assert.Equal(t, []string{"2026-01-06", "2026-01-07"}, s.FailingDays)
	assert.Equal(t, "2026-01-06", s.FirstFailure)
	assert.Equal(t, "2026-01-07", s.LastFailure)
	require.Len(t, s.Failing, 2)
	assert.Equal(t, "fp1", s.Failing[0].Fingerprint)
	assert.Equal(t, 2, s.Failing[0].Days)
	assert.Equal(t, 1, s.Failing[1].Days)
}

func TestNoRecordOfTheRulesIsInsufficientEvidence(t *testing.T) {
	c := control()
	c.Rules = []string{"r-other"}
	s := build([]*ledger.Record{rec(0), rec(3)}, 7, c).Subjects[0]
	assert.Equal(t, InsufficientEvidence, s.Verdict)
	assert.Zero(t, s.DaysWithRecord)

	// Records outside the window do not count.
	s = Build(Input{Records: []*ledger.Record{rec(0)}, From: day0.AddDate(0, 0, 1), To: day0.AddDate(0, 0, 5), Controls: []Control{control()}}).Subjects[0]
	assert.Equal(t, InsufficientEvidence, s.Verdict)
}

func TestWithoutControlsEachRuleAndCriterionIsJudged(t *testing.T) {
	rep := Build(Input{
		Records: []*ledger.Record{rec(0), rec(1, "fp1")}, From: day0, To: day0.AddDate(0, 0, 1),
		RuleTitles: map[string]string{"r-a": "Rule A"},
	})
	assert.Equal(t, KindRule, rep.By)
	require.Len(t, rep.Subjects, 2)
	assert.Equal(t, "r-a", rep.Subjects[0].ID)
	assert.Equal(t, "Rule A", rep.Subjects[0].Title)
	assert.Equal(t, Exceptions, rep.Subjects[0].Verdict)
	assert.Equal(t, OperatedEffectively, rep.Subjects[1].Verdict)
	require.Len(t, rep.Criteria, 1)
	assert.Equal(t, "CC6.1", rep.Criteria[0].ID)
	assert.Equal(t, Exceptions, rep.Criteria[0].Verdict)
	assert.Equal(t, []string{"2026-01-02"}, rep.Criteria[0].FailingDays)
}

func TestFormats(t *testing.T) {
	broken := rec(5, "fp1")
	broken.Errors = 1
	rep := build([]*ledger.Record{rec(0), broken}, 6, control())
	assert.Equal(t, 1, rep.RecordsWithErrors)
	var buf bytes.Buffer
	require.NoError(t, rep.Write(&buf, "text"))
	assert.Contains(t, buf.String(), "EXCEPTIONS AC-1 — Access")
	assert.Contains(t, buf.String(), "1 records are of scans that could not read all of their input")
	assert.Contains(t, buf.String(), "r-a aws_s3_bucket.fp1 main.tf:1 (fp1) on 1 days")

	buf.Reset()
	require.NoError(t, rep.Write(&buf, "markdown"))
	assert.Contains(t, buf.String(), "| AC-1 | Access | ana@example.com | weekly | 2 | 1 | 2026-01-06 / 2026-01-06 |")

	buf.Reset()
	require.NoError(t, rep.Write(&buf, "json"))
	var back Report
	require.NoError(t, json.Unmarshal(buf.Bytes(), &back))
	assert.Equal(t, *rep, back)

	assert.Error(t, rep.Write(&buf, "csv"))
}
