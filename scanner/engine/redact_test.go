package engine

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
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

// TestExcerptFindsFindingAfterSecrets checks that the engine tells the
// report where it redacted a source: on a plan's single line, ten
// 32-character passwords before a finding would otherwise push the text
// report's window off it. The finding keeps the original's column.
func TestExcerptFindsFindingAfterSecrets(t *testing.T) {
	var line strings.Builder
	var secrets []cty.Value
	line.WriteString(`{"resources":[`)
	for i := range 10 {
		s := fmt.Sprintf("Pw%02d-%s", i, strings.Repeat("Zq9", 9))
		secrets = append(secrets, cty.StringVal(s))
		fmt.Fprintf(&line, `{"address":"aws_db_instance.db%d","values":{"password":"%s"}},`, i, s)
	}
	const target = `{"address":"aws_s3_bucket.b","mode":"managed"}`
	col := line.Len() + 1
	line.WriteString(target + strings.Repeat(`,{"address":"aws_s3_bucket.other"}`, 20) + "]}")

	r := resource("aws_s3_bucket", "b", "plan.json", 1, nil, nil)
	r.SetAttr("passwords", scanner.Value{Val: cty.ListVal(secrets), Range: rng("plan.json", 1)}.WithSensitive([]cty.Path{{}}))
	at := scanner.Range{Filename: "plan.json", StartLine: 1, StartColumn: col, EndLine: 1, EndColumn: col + len(target)}
	failing := &scanner.Rule{
		ID: "test-fail", Title: "Fail", Severity: scanner.High, Criteria: scanner.Criteria{Primary: "CC6.1"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Check: func(*scanner.Resource, *scanner.Context) scanner.Result {
			return scanner.Failed(at, "fails")
		},
	}
	in := &loader.Result{Resources: []*scanner.Resource{r}, Files: map[string][]byte{"plan.json": []byte(line.String())}}
	rep := run(t, in, Options{}, failing)

	f := find(t, rep, "test-fail", "aws_s3_bucket.b")
	assert.EqualValues(t, col, f.StartColumn, "the finding keeps the original's column")
	require.NotContains(t, string(rep.Sources["plan.json"]), "Zq9Zq9", "the source is redacted")
	require.Len(t, rep.Redactions["plan.json"], 10)
	var out bytes.Buffer
	require.NoError(t, report.WriteText(&out, rep, report.Options{}))
	assert.Contains(t, out.String(), target, "the excerpt shows the finding")
	assert.NotContains(t, out.String(), "Zq9Zq9")
}
