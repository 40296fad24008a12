package engine

import (
	"fmt"
	"math"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
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

// TestFingerprintsShareOneString checks that the findings of a report
// slice their fingerprints out of one string, as Fingerprint spells them:
// one allocation for all of them.
func TestFingerprintsShareOneString(t *testing.T) {
	var resources []*scanner.Resource
	for i := range 5 {
		resources = append(resources, resource("aws_db_instance", fmt.Sprintf("d%d", i), "/work/infra/main.tf", 1+10*i,
			map[string]cty.Value{"storage_encrypted": cty.False}, nil))
	}
	rep := run(t, &loader.Result{Resources: resources}, Options{})
	require.Greater(t, len(rep.Findings), 5)
	for _, f := range rep.Findings {
		assert.Equal(t, Fingerprint(f.RuleID, f.Root, f.Resource, f.File), f.Fingerprint)
	}

	run := &ruleRun{rule: &scanner.Rule{ID: "r"}}
	raw := make([]rawResult, 100)
	for i := range raw {
		raw[i] = rawResult{run: run, ref: refOf(resources[i%len(resources)])}
	}
	e := &evaluation{roots: newRootNames("/work", []string{"/work"})}
	assert.Equal(t, 1.0, testing.AllocsPerRun(10, func() { e.fingerprints(raw) }))
	all := e.fingerprints(raw)
	assert.Len(t, all, fingerprintLen*len(raw))
	assert.Equal(t, Fingerprint("r", ".", "aws_db_instance.d1", "main.tf"), all[fingerprintLen:2*fingerprintLen])
}

// TestRawResultAllocatesOnlyForACrash checks that keeping a result
// allocates nothing unless the rule crashed: there are several results
// per resource.
func TestRawResultAllocatesOnlyForACrash(t *testing.T) {
	run, r := &ruleRun{}, &scanner.Resource{}
	res := scanner.Result{Status: scanner.Fail, Message: "m", Range: scanner.Range{Filename: "a.tf", StartLine: 1}}
	var sink rawResult
	assert.Zero(t, testing.AllocsPerRun(100, func() { sink = newRawResult(run, r, res, "") }))
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { sink = newRawResult(run, r, res, "boom") }))
	assert.Equal(t, "boom", sink.crashed())
}
