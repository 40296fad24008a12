package ruletest

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// recorder collects the failures a check reports.
type recorder struct{ failures []string }

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func TestCheckExpected(t *testing.T) {
	ex := scanner.Example{
		Code:  "\nresource \"x_y\" \"a\" {\n  on = false\n}\n",
		Fails: []string{"x_y.a"},
	}
	out := Outcome{Results: map[string]scanner.Result{
		"x_y.a": scanner.Failed(scanner.Range{Filename: "main.tf", StartLine: 2}, "on is not true"),
	}}

	ex.Expect = map[string]scanner.Expected{"x_y.a": {Line: 2, Message: "not true"}}
	rec := &recorder{}
	CheckExpected(rec, "bad example 0", ex, out)
	assert.Empty(t, rec.failures, "a result where it is expected")

	ex.Expect = map[string]scanner.Expected{"x_y.a": {Line: 3, Message: "is false"}}
	rec = &recorder{}
	CheckExpected(rec, "bad example 0", ex, out)
	if assert.Len(t, rec.failures, 2) {
		assert.Contains(t, rec.failures[0], "bad example 0: the result points at the wrong line")
		assert.Contains(t, rec.failures[0], `x_y.a: at line 2, "resource \"x_y\" \"a\" {"; want line 3, "on = false"`)
		assert.Contains(t, rec.failures[1], `x_y.a: message "on is not true" does not contain "is false"`)
	}

	ex.Expect = map[string]scanner.Expected{"x_y.b": {Line: 2}}
	rec = &recorder{}
	CheckExpected(rec, "bad example 0", ex, out)
	if assert.Len(t, rec.failures, 1) {
		assert.Contains(t, rec.failures[0], "Expect names an address that is neither in Fails nor in Unknowns")
		assert.Contains(t, rec.failures[0], "x_y.b")
	}
}
