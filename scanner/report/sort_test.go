package report

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// compareFindings is SortFindings' order, written on the findings
// themselves.
func compareFindings(a, b Finding) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.StartLine, b.StartLine), cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Resource, b.Resource), cmp.Compare(a.Status, b.Status), cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Fingerprint, b.Fingerprint))
}

// TestSortFindingsOrder checks that SortFindings, which sorts positions
// (by comparison for few findings, by radix for many), puts findings in
// the order a stable sort of the findings themselves does, ties included
// (findings that compare equal but differ in a column keep their order).
func TestSortFindingsOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 7, 13, 100, radixSortMin - 1, radixSortMin, 5000} {
		fs := make([]Finding, n)
		for i := range fs {
			fs[i] = Finding{
				File:        fmt.Sprint("f", r.IntN(3)),
				StartLine:   int32(r.IntN(4)),
				RuleInfo:    &RuleInfo{RuleID: fmt.Sprint("r", r.IntN(3))},
				Resource:    fmt.Sprint("a.b", r.IntN(2)),
				Status:      []scanner.Status{scanner.Pass, scanner.Fail}[r.IntN(2)],
				StartColumn: int32(i), // not compared: tells ties apart
			}
		}
		want := slices.Clone(fs)
		slices.SortStableFunc(want, compareFindings)
		SortFindings(fs)
		assert.Equal(t, want, fs, "%d findings", n)
	}
}

// TestSortFindingsManyKeys checks the radix sort where every key takes
// more than one byte: hundreds of files and rules, lines past 65,535 and
// tens of thousands of addresses, with messages and fingerprints breaking
// the ties of the rest.
func TestSortFindingsManyKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	fs := make([]Finding, 40_000)
	for i := range fs {
		fs[i] = Finding{
			File:        fmt.Sprint("dir/f", r.IntN(300), ".tf"),
			StartLine:   int32(r.IntN(200_000)),
			RuleInfo:    &RuleInfo{RuleID: fmt.Sprint("SOC2-", r.IntN(400))},
			Resource:    fmt.Sprint("aws_s3_bucket.b[", r.IntN(30_000), "]"),
			Status:      []scanner.Status{scanner.Pass, scanner.Fail, scanner.Unknown}[r.IntN(3)],
			Message:     fmt.Sprint("m", r.IntN(2)),
			Fingerprint: fmt.Sprint(r.IntN(2)),
			StartColumn: int32(i),
		}
		if i%10 == 0 { // many findings of one line and rule
			fs[i].StartLine, fs[i].RuleInfo = 7, &RuleInfo{RuleID: "SOC2-1"}
		}
	}
	want := slices.Clone(fs)
	slices.SortStableFunc(want, compareFindings)
	SortFindings(fs)
	require.Len(t, fs, len(want))
	assert.Equal(t, want, fs)
}

// TestSortFindingsNegativeLine checks that a line the radix keys cannot
// hold sorts all the same, by comparison.
func TestSortFindingsNegativeLine(t *testing.T) {
	fs := make([]Finding, radixSortMin+10)
	for i := range fs {
		fs[i] = Finding{File: "main.tf", StartLine: int32(len(fs) - i - 5), RuleInfo: &RuleInfo{RuleID: "r"}, StartColumn: int32(i)}
	}
	want := slices.Clone(fs)
	slices.SortStableFunc(want, compareFindings)
	SortFindings(fs)
	assert.Equal(t, want, fs)
	assert.Equal(t, int32(-4), fs[0].StartLine)
}
