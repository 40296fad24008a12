package engine

import (
	"math"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestRawResultSize keeps rawResult from growing back: a stream keeps
// every result it shows until Finish, several per resource.
func TestRawResultSize(t *testing.T) {
	assert.LessOrEqual(t, unsafe.Sizeof(rawResult{}), uintptr(88))
}

// TestRawResultKeepsTheResult checks that a kept result gives back the
// status, message and range it was made from, and the crash.
func TestRawResultKeepsTheResult(t *testing.T) {
	run, r := &ruleRun{}, &scanner.Resource{}
	for _, status := range []scanner.Status{scanner.Pass, scanner.Fail, scanner.Unknown, scanner.NotApplicable} {
		res := scanner.Result{Status: status, Message: "m", Range: scanner.Range{Filename: "a.tf", StartLine: 3, StartColumn: 5, EndLine: 4, EndColumn: 9}}
		raw := newRawResult(run, r, res, "")
		assert.Equal(t, status, raw.Status())
		assert.Equal(t, res.Range, raw.Range())
		assert.Equal(t, "m", raw.message)
		assert.Same(t, run, raw.run)
		assert.Same(t, r, raw.resource)
		assert.Nil(t, raw.crash)
		assert.Equal(t, "", raw.crashed())
	}
	raw := newRawResult(run, r, scanner.Result{Status: scanner.Unknown}, "boom")
	assert.Equal(t, "boom", raw.crashed())
	assert.Equal(t, scanner.Range{}, raw.Range(), "the resource block's range stays zero")

	weird := newRawResult(run, r, scanner.Result{Status: "weird"}, "")
	assert.Equal(t, scanner.Unknown, weird.Status(), "never a pass")
	huge := newRawResult(run, r, scanner.Result{Status: scanner.Fail, Range: scanner.Range{Filename: "a.tf", StartLine: math.MaxInt32 + 10}}, "")
	assert.Equal(t, math.MaxInt32, huge.Range().StartLine, "saturated, not wrapped")
}
