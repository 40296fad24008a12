package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
)

// TestEveryMessageIsRedacted runs rules that quote a sensitive value with
// %q, panic with it and meet it in a diagnostic, and a rule that quotes a
// long file's content: the engine redacts all of them, whatever the rule.
func TestEveryMessageIsRedacted(t *testing.T) {
	const secret = "hunter2-ZZMARK"
	content := strings.Repeat("line of a long file\n", 10)
	r := resource("aws_s3_bucket", "b", "main.tf", 1, nil, nil)
	r.SetAttr("acl", scanner.Value{Val: cty.StringVal(secret), Range: rng("main.tf", 2)}.WithSensitive([]cty.Path{{}}))
	r.SetAttr("policy", scanner.Value{Val: cty.StringVal(content), Range: rng("main.tf", 3)})
	quoting := &scanner.Rule{
		ID: "test-quote", Title: "Quote", Severity: scanner.High, Criteria: scanner.Criteria{Primary: "CC6.1"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
			return scanner.Failed(r.Attr("acl").Range, "acl is %q, policy is %q", r.Attr("acl").StringOr(""), r.Attr("policy").StringOr(""))
		},
	}
	crashing := &scanner.Rule{
		ID: "test-crash", Title: "Crash", Severity: scanner.High, Criteria: scanner.Criteria{Primary: "CC6.1"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
			panic(fmt.Sprintf("bad acl %s", r.Attr("acl").StringOr("")))
		},
	}
	in := &loader.Result{
		Resources:    []*scanner.Resource{r},
		Diagnostics:  []scanner.Diagnostic{{Severity: scanner.DiagWarning, Range: rng("/work/main.tf", 9), Summary: "Odd value", Detail: "value " + secret}},
		FileContents: []scanner.FileContent{{Name: "policy.json", Content: content}},
	}
	rep := run(t, in, Options{}, crashing, quoting)

	assert.Equal(t, `acl is (sensitive value), policy is (content of file "policy.json", 200 bytes)`, find(t, rep, "test-quote", "aws_s3_bucket.b").Message)
	assert.Equal(t, "internal error: the rule crashed on this resource (bad acl (sensitive value))", find(t, rep, "test-crash", "aws_s3_bucket.b").Message)
	require.Len(t, rep.Errors, 1)
	assert.NotContains(t, rep.Errors[0].Message, secret)
	require.Len(t, rep.Warnings, 1)
	assert.Equal(t, "Odd value: value (sensitive value)", rep.Warnings[0].Message)
}
