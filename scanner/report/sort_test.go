package report

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestSortFindingsOrder checks that SortFindings, which sorts positions,
// puts findings in the order sorting the findings themselves does, ties
// included (findings that compare equal but differ in a column).
func TestSortFindingsOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 7, 13, 100, 5000} {
		fs := make([]Finding, n)
		for i := range fs {
			fs[i] = Finding{
				File:        fmt.Sprint("f", r.IntN(3)),
				StartLine:   r.IntN(4),
				RuleInfo:    &RuleInfo{RuleID: fmt.Sprint("r", r.IntN(3))},
				Resource:    fmt.Sprint("a.b", r.IntN(2)),
				Status:      []scanner.Status{scanner.Pass, scanner.Fail}[r.IntN(2)],
				StartColumn: i, // not compared: tells ties apart
			}
		}
		want := slices.Clone(fs)
		slices.SortFunc(want, func(a, b Finding) int {
			return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.StartLine, b.StartLine), cmp.Compare(a.RuleID, b.RuleID),
				cmp.Compare(a.Resource, b.Resource), cmp.Compare(a.Status, b.Status), cmp.Compare(a.Message, b.Message),
				cmp.Compare(a.Fingerprint, b.Fingerprint))
		})
		SortFindings(fs)
		assert.Equal(t, want, fs, "%d findings", n)
	}
}
