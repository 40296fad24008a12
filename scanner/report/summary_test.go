package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestTallyCountsAsSummarize checks that counting findings one at a time,
// as Stream.Finish does, gives Summarize's summary: findings of one rule
// share their criteria list, which Tally remembers, and a list that is a
// part of another, or another list with the same first element, must not
// be taken for it.
func TestTallyCountsAsSummarize(t *testing.T) {
	r := fixtureReport(true, false)
	require.NotEmpty(t, r.Findings)
	shared := []string{"CC6.1", "CC6.7", "CC7.2"}
	for i, status := range []scanner.Status{scanner.Fail, scanner.Unknown, scanner.Pass, scanner.NotApplicable, scanner.Fail} {
		f := r.Findings[i%len(r.Findings)]
		f.Status, f.Suppressed = status, i == 4
		f.Criteria = shared[:1+i%3]
		r.Findings = append(r.Findings, f)
	}
	other := make([]string, 0, 3)
	other = append(other, shared[0], "A1.2")
	f := r.Findings[0]
	f.Criteria = other
	r.Findings = append(r.Findings, f)
	r.Omitted = append(r.Omitted, Omitted{RuleID: "x", Severity: scanner.Low, Criteria: []string{"C1.1"}, Status: scanner.Pass, Count: 3})

	want := *r
	want.Summarize()
	var tally Tally
	for i := range r.Findings {
		tally.Add(&r.Findings[i])
	}
	r.SummarizeTally(&tally)
	assert.Equal(t, want.Summary, r.Summary)
	r.SummarizeTally(&tally)
	assert.Equal(t, want.Summary, r.Summary, "a tally may be read twice")

	var empty Tally
	none := emptyReport()
	summary := none.Summary
	none.SummarizeTally(&empty)
	assert.Equal(t, summary, none.Summary, "an empty tally is an empty report's")
}
