package engine

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// The engine is tested with hand-built resources and rules, so that these
// tests depend neither on the loader nor on the rule catalogue.

var fixedNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func rng(file string, line int) scanner.Range {
	return scanner.Range{Filename: file, StartLine: line, StartColumn: 1, EndLine: line, EndColumn: 40}
}

// resource builds a managed resource whose block starts at line of file;
// attrs are placed on the lines given in lines (or on the block line).
func resource(typ, name, file string, line int, attrs map[string]cty.Value, lines map[string]int) *scanner.Resource {
	r := &scanner.Resource{
		Address:  typ + "." + name,
		Mode:     "managed",
		Type:     typ,
		Name:     name,
		Provider: "aws",
		Block:    scanner.NewBlock("resource", rng(file, line)),
	}
	for k, v := range attrs {
		at := line
		if l, ok := lines[k]; ok {
			at = l
		}
		r.SetAttr(k, scanner.Value{Val: v, Range: rng(file, at)})
	}
	return r
}

func requireTrue(attr string) func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
	return func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Attr(attr), attr+" is not true")
	}
}

// testRules are small rules over a few attributes.
func testRules() []*scanner.Rule {
	return []*scanner.Rule{
		{
			ID: "test-enc", Title: "Storage is encrypted", Severity: scanner.High,
			Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
			Family:        scanner.FamilyEncryptionAtRest,
			ResourceTypes: []string{"aws_db_instance"},
			Remediation:   "Set storage_encrypted = true.",
			References: []scanner.Reference{
				{Tool: scanner.ToolCheckov, ID: "CKV_AWS_16"},
				{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0080"},
				{Tool: scanner.ToolTfsec, ID: "aws-rds-encrypt-instance-storage-data"},
			},
			Check: requireTrue("storage_encrypted"),
		},
		{
			ID: "test-versioning", Title: "Versioning", Severity: scanner.Low,
			Criteria:      scanner.Criteria{Primary: "A1.2"},
			ResourceTypes: []string{"aws_s3_bucket"},
			Check:         requireTrue("versioning"),
		},
		{
			ID: "test-deletion", Title: "Deletion protection", Severity: scanner.Medium,
			Criteria:      scanner.Criteria{Primary: "C1.1"},
			ResourceTypes: []string{"aws_db_instance"},
			Check:         requireTrue("deletion_protection"),
		},
		{
			ID: "test-retention", Title: "Retention", Severity: scanner.Medium,
			Criteria:      scanner.Criteria{Primary: "A1.2"},
			ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster"},
			Params:        []scanner.Param{{Name: "min_days", Default: 7}},
			Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
				v := r.Attr("backup_retention_period")
				n, ok := v.AsInt()
				switch {
				case v.IsUnknown():
					return scanner.Unknowable(v.Range, "retention is not known until apply")
				case !ok || int(n) < ctx.Int("min_days"):
					return scanner.Failed(v.Range, "retention %d is below %d days", n, ctx.Int("min_days"))
				}
				return scanner.Passed()
			},
		},
	}
}

func run(t *testing.T, in *loader.Result, opts Options, rules ...*scanner.Rule) *report.Report {
	t.Helper()
	if rules == nil {
		rules = testRules()
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	if opts.WorkDir == "" {
		opts.WorkDir = "/work"
	}
	rep, err := Run(context.Background(), in, rules, opts)
	require.NoError(t, err)
	return rep
}

// find returns the finding of rule on address, failing the test when there
// is none.
func find(t *testing.T, rep *report.Report, ruleID, address string) report.Finding {
	t.Helper()
	for _, f := range rep.Findings {
		if f.RuleID == ruleID && f.Resource == address {
			return f
		}
	}
	require.Failf(t, "finding not found", "%s on %s", ruleID, address)
	return report.Finding{}
}

func has(rep *report.Report, ruleID, address string) bool {
	for _, f := range rep.Findings {
		if f.RuleID == ruleID && f.Resource == address {
			return true
		}
	}
	return false
}

func TestRunProducesFindingsWithAllFields(t *testing.T) {
	db := resource("aws_db_instance", "main", "/work/infra/main.tf", 10,
		map[string]cty.Value{"storage_encrypted": cty.False, "deletion_protection": cty.True, "backup_retention_period": cty.NumberIntVal(3)},
		map[string]int{"storage_encrypted": 12})
	unknownBucket := resource("aws_s3_bucket", "b", "/work/infra/s3.tf", 1,
		map[string]cty.Value{"versioning": cty.UnknownVal(cty.Bool)}, nil)
	data := resource("aws_db_instance", "ignored", "/work/infra/main.tf", 30, nil, nil)
	data.Mode = "data"
	in := &loader.Result{
		Resources: []*scanner.Resource{db, unknownBucket, data},
		Files:     map[string][]byte{"/work/infra/main.tf": []byte("x\n"), "/work/infra/s3.tf": []byte("y\n")},
	}
	rep := run(t, in, Options{Version: "1.0.0"})

	enc := find(t, rep, "test-enc", "aws_db_instance.main")
	assert.Equal(t, report.Finding{
		RuleInfo: &report.RuleInfo{RuleID: "test-enc", Title: "Storage is encrypted", Severity: scanner.High,
			Criteria: []string{"CC6.1", "C1.1"}, Family: scanner.FamilyEncryptionAtRest,
			Remediation: "Set storage_encrypted = true.", DocURL: report.DocURL("test-enc")},
		Resource: "aws_db_instance.main", ResourceType: "aws_db_instance", Root: ".",
		File: "infra/main.tf", StartLine: 12, EndLine: 12, StartColumn: 1, EndColumn: 40,
		Status: scanner.Fail, Message: "storage_encrypted is not true",
		Fingerprint: Fingerprint("test-enc", ".", "aws_db_instance.main", "main.tf"),
	}, enc)

	assert.Equal(t, scanner.Unknown, find(t, rep, "test-versioning", "aws_s3_bucket.b").Status)
	assert.Equal(t, scanner.Pass, find(t, rep, "test-deletion", "aws_db_instance.main").Status)
	ret := find(t, rep, "test-retention", "aws_db_instance.main")
	assert.Equal(t, "retention 3 is below 7 days", ret.Message)
	assert.False(t, has(rep, "test-enc", "aws_db_instance.ignored"), "data sources are not checked")
	assert.False(t, has(rep, "test-versioning", "aws_db_instance.main"), "rules run only on their resource types")

	assert.Equal(t, 2, rep.Summary.ResourcesScanned)
	assert.Equal(t, 2, rep.Summary.FilesScanned)
	assert.Equal(t, 4, rep.Summary.RulesRun)
	assert.Equal(t, report.Counts{Failed: 2, Unknown: 1, Passed: 1}, rep.Summary.Counts)
	assert.Equal(t, "1.0.0", rep.Version)
	assert.Equal(t, []byte("x\n"), rep.Sources["infra/main.tf"], "sources keyed by the displayed path")
	assert.Equal(t, 2, rep.Failing())
}

// TestFindingsOfARuleShareItsInfo checks that the findings of one rule
// point to one RuleInfo rather than each holding a copy, and that a
// severity the configuration sets is what they say.
func TestFindingsOfARuleShareItsInfo(t *testing.T) {
	a := resource("aws_db_instance", "a", "main.tf", 1, map[string]cty.Value{"storage_encrypted": cty.False}, nil)
	b := resource("aws_db_instance", "b", "main.tf", 9, map[string]cty.Value{"storage_encrypted": cty.True}, nil)
	cfg := config.Default()
	cfg.Rules = map[string]*config.RuleSettings{"test-enc": {Severity: scanner.Low}}
	rep := run(t, &loader.Result{Resources: []*scanner.Resource{a, b}}, Options{Config: cfg})
	fa, fb := find(t, rep, "test-enc", "aws_db_instance.a"), find(t, rep, "test-enc", "aws_db_instance.b")
	assert.Same(t, fa.RuleInfo, fb.RuleInfo)
	assert.Equal(t, scanner.Low, fa.Severity, "the configured severity")
	assert.NotSame(t, fa.RuleInfo, find(t, rep, "test-deletion", "aws_db_instance.a").RuleInfo)
}

func TestFingerprintIgnoresLinesAndDirectory(t *testing.T) {
	a := Fingerprint("r", ".", "aws_s3_bucket.b", "/home/ci/repo/infra/main.tf")
	assert.Equal(t, a, Fingerprint("r", ".", "aws_s3_bucket.b", "infra/main.tf"), "the checkout directory does not matter")
	assert.Equal(t, a, Fingerprint("r", ".", "aws_s3_bucket.b", "main.tf"))
	assert.NotEqual(t, a, Fingerprint("r", ".", "aws_s3_bucket.b", "s3.tf"))
	assert.NotEqual(t, a, Fingerprint("r", ".", "aws_s3_bucket.c", "main.tf"))
	assert.NotEqual(t, a, Fingerprint("q", ".", "aws_s3_bucket.b", "main.tf"))
	assert.Len(t, a, 64)
	assert.NotEqual(t, a, Fingerprint("r", "stacks/prod", "aws_s3_bucket.b", "main.tf"), "another root module")
	assert.Equal(t, a, Fingerprint("r", "", "aws_s3_bucket.b", "main.tf"), "no root is the scanned path itself")

	// Moving the resource down the file keeps its fingerprint.
	mk := func(line int) string {
		r := resource("aws_db_instance", "x", "main.tf", line, map[string]cty.Value{"storage_encrypted": cty.False}, nil)
		rep := run(t, &loader.Result{Resources: []*scanner.Resource{r}}, Options{})
		return find(t, rep, "test-enc", "aws_db_instance.x").Fingerprint
	}
	assert.Equal(t, mk(1), mk(40))
}

func TestOutputIsDeterministic(t *testing.T) {
	var resources []*scanner.Resource
	for i := range 300 {
		resources = append(resources,
			resource("aws_db_instance", fmt.Sprintf("db%03d", i), fmt.Sprintf("f%d.tf", i%7), i+1,
				map[string]cty.Value{"storage_encrypted": cty.BoolVal(i%3 == 0), "backup_retention_period": cty.NumberIntVal(int64(i % 10))}, nil),
			resource("aws_s3_bucket", fmt.Sprintf("b%03d", i), fmt.Sprintf("f%d.tf", i%5), i+1, nil, nil))
	}
	in := &loader.Result{Resources: resources}
	var first []byte
	for i := range 5 {
		rep := run(t, in, Options{IncludePassed: true, Workers: i + 1})
		var buf bytes.Buffer
		require.NoError(t, report.WriteJSON(&buf, rep))
		if first == nil {
			first = buf.Bytes()
			continue
		}
		assert.Equal(t, string(first), buf.String(), "run with %d workers", i+1)
	}
	rep := run(t, in, Options{})
	for i := 1; i < len(rep.Findings); i++ {
		a, b := rep.Findings[i-1], rep.Findings[i]
		assert.True(t, a.File < b.File || (a.File == b.File && a.StartLine <= b.StartLine), "sorted by file and line")
	}
}

// TestFindingsAreMadeInSortedOrder checks that Finish, which makes the
// findings in the order of their keys rather than sorting them once made,
// gives SortFindings' order: by file, line, rule and address, then, for a
// module file that two roots share (the same file, line, rule and
// address), by status, message and fingerprint. Enough findings are made
// for the radix sort, not only the comparison sort of small reports.
func TestFindingsAreMadeInSortedOrder(t *testing.T) {
	var resources []*scanner.Resource
	for i := range 400 {
		for _, root := range []string{"b", "a"} {
			r := resource("aws_db_instance", fmt.Sprintf("db%d", i%37), fmt.Sprintf("/work/modules/m%d.tf", i%3), 1000-i,
				map[string]cty.Value{"storage_encrypted": cty.BoolVal((i+len(root))%3 == 0), "backup_retention_period": cty.NumberIntVal(int64(i % 10))}, nil)
			r.Address = fmt.Sprintf("module.m[%d].%s", i%41, r.Address)
			r.Root = root
			resources = append(resources, r)
		}
	}
	rep := run(t, &loader.Result{Resources: resources}, Options{IncludePassed: true})
	require.Greater(t, len(rep.Findings), 1000)
	want := slices.Clone(rep.Findings)
	report.SortFindings(want)
	assert.Equal(t, want, rep.Findings)
}

func TestPanickingRuleIsReportedNotFatal(t *testing.T) {
	boom := &scanner.Rule{
		ID: "test-boom", Title: "Boom", Severity: scanner.High, Criteria: scanner.Criteria{Primary: "CC6.1"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
			if r.Name == "bad" {
				panic("index out of range")
			}
			return scanner.Passed()
		},
	}
	in := &loader.Result{Resources: []*scanner.Resource{
		resource("aws_s3_bucket", "bad", "main.tf", 1, nil, nil),
		resource("aws_s3_bucket", "good", "main.tf", 5, nil, nil),
	}}
	rep := run(t, in, Options{}, boom)
	f := find(t, rep, "test-boom", "aws_s3_bucket.bad")
	assert.Equal(t, scanner.Unknown, f.Status)
	assert.Contains(t, f.Message, "index out of range")
	assert.Equal(t, scanner.Pass, find(t, rep, "test-boom", "aws_s3_bucket.good").Status)
	require.Len(t, rep.Errors, 1)
	assert.Contains(t, rep.Errors[0].Message, "rule test-boom crashed on aws_s3_bucket.bad")
}

func TestDiagnosticsBecomeErrorsAndWarnings(t *testing.T) {
	in := &loader.Result{Diagnostics: []scanner.Diagnostic{
		{Severity: scanner.DiagWarning, Range: rng("/work/main.tf", 3), Summary: "Remote module not scanned", Detail: `module "vpc" uses registry source terraform-aws-modules/vpc/aws`},
		{Severity: scanner.DiagError, Range: scanner.Range{Filename: "/work/broken/x.tf", StartLine: 2, StartColumn: 7}, Summary: "Invalid expression"},
		{Severity: scanner.DiagError, Range: scanner.Range{Filename: "/elsewhere/y.tf", StartLine: 1, StartColumn: 1}, Summary: "Unreadable"},
	}}
	rep := run(t, in, Options{})
	assert.Equal(t, []report.Problem{
		{File: "/elsewhere/y.tf", Line: 1, Column: 1, Message: "Unreadable"},
		{File: "broken/x.tf", Line: 2, Column: 7, Message: "Invalid expression"},
	}, rep.Errors, "paths outside the working directory stay absolute")
	assert.Equal(t, []report.Problem{
		{File: "main.tf", Line: 3, Column: 1, Message: `Remote module not scanned: module "vpc" uses registry source terraform-aws-modules/vpc/aws`},
	}, rep.Warnings)
}

func TestConfigSelectsRulesParamsAndThreshold(t *testing.T) {
	db := resource("aws_db_instance", "main", "main.tf", 1,
		map[string]cty.Value{"storage_encrypted": cty.False, "deletion_protection": cty.False, "backup_retention_period": cty.NumberIntVal(10)}, nil)
	bucket := resource("aws_s3_bucket", "b", "main.tf", 20, map[string]cty.Value{"versioning": cty.False}, nil)
	in := &loader.Result{Resources: []*scanner.Resource{db, bucket}}

	parse := func(src string) *config.Config {
		cfg, err := config.Parse([]byte(src), "/work/.soc2scan.hcl")
		require.NoError(t, err)
		cfg.Dir = "/work"
		return cfg
	}

	t.Run("params", func(t *testing.T) {
		rep := run(t, in, Options{Config: parse(`rule "test-retention" { params = { min_days = 14 } }`)})
		f := find(t, rep, "test-retention", "aws_db_instance.main")
		assert.Equal(t, scanner.Fail, f.Status)
		assert.Equal(t, "retention 10 is below 14 days", f.Message)
	})
	t.Run("disabled and enabled", func(t *testing.T) {
		rep := run(t, in, Options{Config: parse(`rules { disabled = ["test-enc"] }`)})
		assert.False(t, has(rep, "test-enc", "aws_db_instance.main"))
		assert.Equal(t, 3, rep.Summary.RulesRun)
		rep = run(t, in, Options{Config: parse(`rules { enabled = ["test-enc"] }`)})
		assert.True(t, has(rep, "test-enc", "aws_db_instance.main"))
		assert.False(t, has(rep, "test-deletion", "aws_db_instance.main"))
		assert.Equal(t, 1, rep.Summary.RulesRun)
	})
	t.Run("categories in scope", func(t *testing.T) {
		rep := run(t, in, Options{Config: parse(`categories_in_scope = ["availability"]`)})
		assert.True(t, has(rep, "test-enc", "aws_db_instance.main"), "security and confidentiality: security is always in scope")
		assert.False(t, has(rep, "test-deletion", "aws_db_instance.main"), "confidentiality only")
		assert.True(t, has(rep, "test-versioning", "aws_s3_bucket.b"))
	})
	t.Run("severity threshold", func(t *testing.T) {
		rep := run(t, in, Options{Config: parse(`severity_threshold = "medium"`)})
		assert.False(t, has(rep, "test-versioning", "aws_s3_bucket.b"), "low is below medium")
		assert.True(t, has(rep, "test-deletion", "aws_db_instance.main"))
		assert.Equal(t, 1, rep.Summary.BelowThreshold)
		assert.Equal(t, scanner.Medium, rep.Settings.SeverityThreshold)
	})
	t.Run("severity override", func(t *testing.T) {
		rep := run(t, in, Options{Config: parse(`
severity_threshold = "high"
rule "test-versioning" { severity = "critical" }`)})
		assert.Equal(t, scanner.Critical, find(t, rep, "test-versioning", "aws_s3_bucket.b").Severity)
	})
	t.Run("bad param type", func(t *testing.T) {
		// scan.Run validates the configuration first; the engine still
		// refuses a parameter it cannot use.
		_, err := Run(context.Background(), in, testRules(), Options{Config: parse(`rule "test-retention" { params = { min_days = "two weeks" } }`)})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `parameter "min_days": want a whole number`)
	})
}

func TestConfigExclusions(t *testing.T) {
	legacy := resource("aws_db_instance", "old", "/work/legacy/main.tf", 1, map[string]cty.Value{"storage_encrypted": cty.False}, nil)
	sandbox := resource("aws_db_instance", "db", "/work/modules/db/main.tf", 1, map[string]cty.Value{"storage_encrypted": cty.False}, nil)
	sandbox.Address = `module.sandbox["eu"].aws_db_instance.db`
	current := resource("aws_db_instance", "new", "/work/main.tf", 1, map[string]cty.Value{"storage_encrypted": cty.False}, nil)
	expired := resource("aws_db_instance", "tmp", "/work/tmp/main.tf", 1, map[string]cty.Value{"storage_encrypted": cty.False}, nil)
	in := &loader.Result{Resources: []*scanner.Resource{legacy, sandbox, current, expired}}
	cfg, err := config.Parse([]byte(`
exclude {
  paths   = ["legacy/**"]
  rules   = ["test-enc"]
  reason  = "legacy stack, decommissioned in Q3"
  expires = "2026-09-30"
}
exclude {
  resources = ["module.sandbox"]
  reason    = "sandbox account"
}
exclude {
  paths   = ["tmp"]
  reason  = "temporary"
  expires = "2026-01-31"
}
`), "/work/.soc2scan.hcl")
	require.NoError(t, err)
	cfg.Dir = "/work"
	rep := run(t, in, Options{Config: cfg})

	f := find(t, rep, "test-enc", "aws_db_instance.old")
	assert.True(t, f.Suppressed)
	assert.Equal(t, &report.Suppression{Reason: "legacy stack, decommissioned in Q3", Expires: "2026-09-30", Source: "config", Location: ".soc2scan.hcl:2"}, f.Suppression)
	assert.False(t, find(t, rep, "test-deletion", "aws_db_instance.old").Suppressed, "the exclusion names only test-enc")
	assert.True(t, find(t, rep, "test-enc", `module.sandbox["eu"].aws_db_instance.db`).Suppressed)
	assert.False(t, find(t, rep, "test-enc", "aws_db_instance.new").Suppressed)

	tmp := find(t, rep, "test-enc", "aws_db_instance.tmp")
	assert.False(t, tmp.Suppressed, "expired")
	assert.Equal(t, []string{"exclusion at .soc2scan.hcl:12 expired on 2026-01-31 and no longer applies"}, tmp.Notes)
	assert.Contains(t, rep.Warnings, report.Problem{File: ".soc2scan.hcl", Line: 12, Column: 1, Message: "exclusion expired on 2026-01-31 and no longer applies (reason was: temporary)"})
}

func TestBaseline(t *testing.T) {
	a := resource("aws_db_instance", "a", "main.tf", 1, map[string]cty.Value{"storage_encrypted": cty.False, "deletion_protection": cty.True, "backup_retention_period": cty.NumberIntVal(30)}, nil)
	b := resource("aws_s3_bucket", "b", "main.tf", 9, map[string]cty.Value{"versioning": cty.UnknownVal(cty.Bool)}, nil)
	rep := run(t, &loader.Result{Resources: []*scanner.Resource{a, b}}, Options{})
	var buf bytes.Buffer
	require.NoError(t, WriteBaseline(&buf, rep))
	assert.Equal(t, 2, strings.Count(buf.String(), `"fingerprint"`), "one failure and one unknown; passes are not recorded")

	// Writing again gives the same bytes.
	var again bytes.Buffer
	require.NoError(t, WriteBaseline(&again, run(t, &loader.Result{Resources: []*scanner.Resource{b, a}}, Options{})))
	assert.Equal(t, buf.String(), again.String())

	base, err := DecodeBaseline(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	base.Name = ".soc2-baseline.json"
	assert.Equal(t, 2, base.Len())

	// A new finding and the old ones moved down the file.
	a2 := resource("aws_db_instance", "a", "main.tf", 50, map[string]cty.Value{"storage_encrypted": cty.False, "deletion_protection": cty.False, "backup_retention_period": cty.NumberIntVal(30)}, nil)
	rep = run(t, &loader.Result{Resources: []*scanner.Resource{a2, b}}, Options{Baseline: base})
	old := find(t, rep, "test-enc", "aws_db_instance.a")
	assert.True(t, old.Suppressed)
	assert.Equal(t, &report.Suppression{Source: "baseline", Reason: "recorded in baseline .soc2-baseline.json"}, old.Suppression)
	assert.True(t, find(t, rep, "test-versioning", "aws_s3_bucket.b").Suppressed)
	assert.False(t, find(t, rep, "test-deletion", "aws_db_instance.a").Suppressed, "new since the baseline")
	assert.Equal(t, 1, rep.Failing())

	// Rewriting the baseline keeps baselined findings and adds new ones.
	buf.Reset()
	require.NoError(t, WriteBaseline(&buf, rep))
	assert.Equal(t, 3, strings.Count(buf.String(), `"fingerprint"`))

	_, err = DecodeBaseline(strings.NewReader(`{"version": 9, "findings": []}`))
	assert.ErrorContains(t, err, "unsupported baseline version 9")
	_, err = DecodeBaseline(strings.NewReader(`not json`))
	assert.ErrorContains(t, err, "not a baseline file")
	_, err = ReadBaseline("/nonexistent/baseline.json")
	assert.Error(t, err)
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := &loader.Result{Resources: []*scanner.Resource{resource("aws_s3_bucket", "b", "main.tf", 1, nil, nil)}}
	_, err := Run(ctx, in, testRules(), Options{WorkDir: "/work"})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestRootsKeepTheirOwnAddressSpace(t *testing.T) {
	// Two root modules scanned together both declare aws_s3_bucket.logs;
	// only the first gives it a public access block. A rule that follows
	// links must not let one root's block cover the other root's bucket.
	bucketA := resource("aws_s3_bucket", "logs", "/work/a/main.tf", 1, nil, nil)
	bucketA.Root = "a"
	blockA := resource("aws_s3_bucket_public_access_block", "logs", "/work/a/main.tf", 5, nil, nil)
	blockA.Root = "a"
	blockA.SetAttr("bucket", scanner.Value{Val: cty.UnknownVal(cty.String), Range: rng("/work/a/main.tf", 6), Refs: []string{"aws_s3_bucket.logs"}})
	bucketB := resource("aws_s3_bucket", "logs", "/work/b/main.tf", 1, nil, nil)
	bucketB.Root = "b"

	hasBlock := &scanner.Rule{
		ID: "test-pab", Title: "Bucket has a public access block", Severity: scanner.High,
		Criteria:      scanner.Criteria{Primary: "CC6.6"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
			if found, _ := ctx.Index.Referrers(r, "aws_s3_bucket_public_access_block", []string{"bucket"}); len(found) > 0 {
				return scanner.Passed()
			}
			return scanner.Failed(r.Range, "no public access block")
		},
	}
	rep := run(t, &loader.Result{Resources: []*scanner.Resource{bucketA, blockA, bucketB}}, Options{IncludePassed: true}, hasBlock)
	statusByFile := map[string]scanner.Status{}
	for _, f := range rep.Findings {
		statusByFile[f.File] = f.Status
	}
	assert.Equal(t, map[string]scanner.Status{"a/main.tf": scanner.Pass, "b/main.tf": scanner.Fail}, statusByFile)
}

func TestFindingOnAnInstanceThatMayNotExistSaysSo(t *testing.T) {
	maybe := resource("aws_db_instance", "maybe", "/work/infra/main.tf", 1, map[string]cty.Value{"storage_encrypted": cty.False}, nil)
	maybe.MayNotExist = true
	sure := resource("aws_db_instance", "sure", "/work/infra/main.tf", 9, map[string]cty.Value{"storage_encrypted": cty.False}, nil)
	rep := run(t, &loader.Result{Resources: []*scanner.Resource{maybe, sure}}, Options{}, testRules()[0])
	assert.Equal(t, []string{"count or for_each is only known after apply: this applies to every instance Terraform creates, if any"},
		find(t, rep, "test-enc", "aws_db_instance.maybe").Notes)
	assert.Empty(t, find(t, rep, "test-enc", "aws_db_instance.sure").Notes)
}

func TestRootNamesAreRelativeToTheScannedPathHoldingThem(t *testing.T) {
	names := newRootNames("/work", []string{"stacks", "/work/stacks/prod/../dev", "plan.json"})
	assert.Equal(t, "prod", names.name("stacks/prod"))
	assert.Equal(t, "prod", names.name("/work/stacks/prod"), "absolute or relative, one name")
	assert.Equal(t, ".", names.name("stacks/dev"), "the deepest scanned path holding the root names it")
	assert.Equal(t, "eu/app", names.name("stacks/dev/eu/app"))
	assert.Equal(t, ".", names.name("plan.json"))
	assert.Equal(t, ".", names.name("/elsewhere/x"), "outside every scanned path")
	assert.Equal(t, ".", names.name(""))
}

// A rule with nothing to judge reports not-applicable: counted apart, never
// a pass, never shown (not even with passes included), never baselined.
func TestNotApplicableIsNeitherPassNorEvidence(t *testing.T) {
	rule := &scanner.Rule{
		ID: "test-replica-region", Title: "Replicas are in another region", Severity: scanner.Medium,
		Criteria: scanner.Criteria{Primary: "A1.2"}, Family: scanner.FamilyBackupRegion,
		ResourceTypes: []string{"aws_db_instance"},
		Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
			if r.Attr("replicate").IsNull() {
				return scanner.DoesNotApply("no replication to judge")
			}
			return scanner.Passed()
		},
	}
	in := &loader.Result{Resources: []*scanner.Resource{
		resource("aws_db_instance", "alone", "main.tf", 1, map[string]cty.Value{}, nil),
		resource("aws_db_instance", "replicated", "main.tf", 9, map[string]cty.Value{"replicate": cty.True}, nil),
	}}
	rep := run(t, in, Options{IncludePassed: true}, rule)

	assert.Equal(t, report.Counts{Passed: 1, NotApplicable: 1}, rep.Summary.Counts)
	for _, c := range rep.Summary.ByCriterion {
		if c.Criterion == "A1.2" {
			assert.Equal(t, report.Counts{Passed: 1, NotApplicable: 1}, c.Counts)
		}
	}
	visible := rep.Visible()
	require.Len(t, visible, 1, "passes are shown when asked, not-applicable results never")
	assert.Equal(t, "aws_db_instance.replicated", visible[0].Resource)
	assert.Zero(t, rep.Failing())

	var baseline bytes.Buffer
	require.NoError(t, WriteBaseline(&baseline, rep))
	assert.NotContains(t, baseline.String(), "aws_db_instance.alone")

	var junit bytes.Buffer
	require.NoError(t, report.WriteJUnit(&junit, rep))
	assert.Contains(t, junit.String(), "not applicable: no replication to judge")
}

func TestStreamByRootMakesTheReportOfTheWholeInput(t *testing.T) {
	// The same two roots, run at once and one root at a time, give the
	// same report; the stream keeps no resource values once a root is
	// added (its values may be released).
	build := func() (a, b []*scanner.Resource) {
		ra := resource("aws_s3_bucket", "logs", "/work/a/main.tf", 1, map[string]cty.Value{"versioning": cty.False}, nil)
		ra.Root = "a"
		rb := resource("aws_s3_bucket", "logs", "/work/b/main.tf", 3, map[string]cty.Value{"versioning": cty.True}, nil)
		rb.Root = "b"
		return []*scanner.Resource{ra}, []*scanner.Resource{rb}
	}
	rules := []*scanner.Rule{{
		ID: "test-versioning", Title: "Bucket is versioned", Severity: scanner.Medium,
		Criteria:      scanner.Criteria{Primary: "A1.2"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Check:         requireTrue("versioning"),
	}}
	opts := Options{IncludePassed: true, Now: func() time.Time { return fixedNow }, WorkDir: "/work"}
	a, b := build()
	whole := run(t, &loader.Result{Resources: append(a, b...)}, opts, rules...)

	a, b = build()
	s, err := NewStream(rules, opts)
	require.NoError(t, err)
	require.NoError(t, s.Add(context.Background(), a))
	require.NoError(t, s.Add(context.Background(), b))
	for _, raw := range s.raw {
		assert.Nil(t, raw.resource, "the stream keeps a reference to %s, not its values", raw.ref.Address)
	}
	streamed := s.Finish(&loader.Result{})
	require.Len(t, whole.Findings, 2)
	assert.Equal(t, whole, streamed)
}

func TestStreamSharesARulesRepeatedMessage(t *testing.T) {
	// Results are kept until Finish: a rule that says the same thing of
	// several resources, each time in a new string, has them keep one.
	var resources []*scanner.Resource
	for i, on := range []bool{false, true, false, false} {
		resources = append(resources, resource("aws_s3_bucket", fmt.Sprintf("b%d", i), "/work/main.tf", 1+3*i,
			map[string]cty.Value{"versioning": cty.BoolVal(on)}, nil))
	}
	rules := []*scanner.Rule{{
		ID: "test-versioning", Title: "Bucket is versioned", Severity: scanner.Medium,
		Criteria:      scanner.Criteria{Primary: "A1.2"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
			if r.Attr("versioning").IsTrue() {
				return scanner.Passed()
			}
			return scanner.Failed(r.Range, "versioning is %s", "off") // a new string each time
		},
	}}
	s, err := NewStream(rules, Options{IncludePassed: true, Now: func() time.Time { return fixedNow }, WorkDir: "/work"})
	require.NoError(t, err)
	require.NoError(t, s.Add(context.Background(), resources))
	var failed []string
	for _, raw := range s.raw {
		if raw.Status() == scanner.Fail {
			failed = append(failed, raw.message)
		}
	}
	require.Len(t, failed, 3)
	for _, msg := range failed {
		assert.Equal(t, "versioning is off", msg)
		assert.Same(t, unsafe.StringData(failed[0]), unsafe.StringData(msg), "one string for the rule's repeated message")
	}
}

// streamAsLoaded runs the stream as scan.Run does with the loader: the
// resources first, then each file offered to KeepSource, the digests of
// all of them kept.
func streamAsLoaded(t *testing.T, rules []*scanner.Rule, opts Options, in *loader.Result) *report.Report {
	t.Helper()
	opts.Now = func() time.Time { return fixedNow }
	opts.WorkDir = "/work"
	s, err := NewStream(rules, opts)
	require.NoError(t, err)
	require.NoError(t, s.Add(context.Background(), in.Resources))
	loaded := &loader.Result{Files: map[string][]byte{}, Digests: map[string][32]byte{}, Secrets: in.Secrets}
	for name, src := range in.Files {
		if s.KeepSource(name, src) {
			loaded.Files[name] = src
		}
		loaded.Digests[name] = report.Digest(src)
	}
	return s.Finish(loaded)
}

func TestOmitHiddenCountsWhatNoFormatShows(t *testing.T) {
	rules := []*scanner.Rule{
		{
			ID: "test-replica", Title: "Replicas", Severity: scanner.Medium,
			Criteria: scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC6.1"}}, Family: scanner.FamilyBackupRegion,
			ResourceTypes: []string{"aws_db_instance"},
			Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
				if r.Attr("replicate").IsNull() {
					return scanner.DoesNotApply("no replication to judge")
				}
				return scanner.RequireTrue(r.Attr("replicate"), "replicate is not true")
			},
		},
		{
			ID: "test-low", Title: "Below the threshold", Severity: scanner.Low,
			Criteria: scanner.Criteria{Primary: "CC7.2"}, ResourceTypes: []string{"aws_db_instance"},
			Check: func(*scanner.Resource, *scanner.Context) scanner.Result { return scanner.Passed() },
		},
	}
	// The files of a passing and a failing result hold a secret: the
	// evidence record hashes them redacted, kept as findings or not.
	files := map[string][]byte{
		"/work/p/main.tf":   []byte(`resource "aws_db_instance" "ok" { password = "hunter2-secret-value" }`),
		"/work/f/main.tf":   []byte(`resource "aws_db_instance" "bad" { password = "hunter2-secret-value" }`),
		"/work/s/main.tf":   []byte(`# soc2:ignore:test-replica reason`),
		"/work/n/other.tf":  []byte(`locals { a = "hunter2-secret-value" }`),
		"/work/n/README.tf": []byte(`locals {}`),
	}
	build := func() *loader.Result {
		return &loader.Result{
			Resources: []*scanner.Resource{
				resource("aws_db_instance", "ok", "/work/p/main.tf", 1, map[string]cty.Value{"replicate": cty.True}, nil),
				resource("aws_db_instance", "bad", "/work/f/main.tf", 1, map[string]cty.Value{"replicate": cty.False}, nil),
				resource("aws_db_instance", "alone", "/work/f/main.tf", 5, map[string]cty.Value{}, nil),
			},
			Files:   files,
			Secrets: []string{"hunter2-secret-value"},
		}
	}
	cfg := config.Default()
	cfg.SeverityThreshold = scanner.Medium
	for _, includePassed := range []bool{false, true} {
		t.Run(fmt.Sprintf("include passed %v", includePassed), func(t *testing.T) {
			full := streamAsLoaded(t, rules, Options{Config: cfg, IncludePassed: includePassed}, build())
			assert.Nil(t, full.Omitted)
			assert.Contains(t, full.Sources, "p/main.tf")
			assert.NotEqual(t, report.Digest(files["/work/p/main.tf"]), full.Digests["p/main.tf"], "hashed redacted")
			assert.Equal(t, report.Digest(files["/work/n/other.tf"]), full.Digests["n/other.tf"], "no finding: hashed as read")
			assert.Len(t, full.Digests, len(files))

			lean := streamAsLoaded(t, rules, Options{Config: cfg, IncludePassed: includePassed, OmitHidden: true}, build())
			assert.Equal(t, full.Visible(), lean.Findings, "the findings kept are those shown")
			assert.Equal(t, full.Summary, lean.Summary)
			assert.Equal(t, full.Digests, lean.Digests)
			assert.Equal(t, includePassed, lean.Sources["p/main.tf"] != nil, "a file with passes only is kept when they are shown")
			assert.Equal(t, full.Sources["f/main.tf"], lean.Sources["f/main.tf"])
			assert.Equal(t, report.Counts{Failed: 1, Passed: 1, NotApplicable: 1}, lean.Summary.Counts)
			want := []report.Omitted{}
			if !includePassed {
				want = append(want, report.Omitted{RuleID: "test-replica", Severity: scanner.Medium, Criteria: []string{"A1.2", "CC6.1"}, Status: scanner.Pass, Count: 1})
			}
			want = append(want, report.Omitted{RuleID: "test-replica", Severity: scanner.Medium, Criteria: []string{"A1.2", "CC6.1"}, Status: scanner.NotApplicable, Count: 1})
			assert.Equal(t, want, lean.Omitted, "counted by rule and status, nothing below the threshold")

			bare := streamAsLoaded(t, rules, Options{Config: cfg, IncludePassed: includePassed, OmitHidden: true, OmitSources: true}, build())
			assert.Equal(t, lean.Findings, bare.Findings)
			assert.Equal(t, full.Summary, bare.Summary)
			assert.Equal(t, full.Digests, bare.Digests)
			assert.Equal(t, map[string][]byte{"s/main.tf": files["/work/s/main.tf"]}, bare.Sources, "only what may hold a suppression")

			// Without an evidence record to make, nothing is kept per
			// file for digests; what the outputs show is the same.
			s, err := NewStream(rules, Options{Config: cfg, IncludePassed: includePassed, OmitHidden: true, OmitSources: true, OmitDigests: true,
				Now: func() time.Time { return fixedNow }, WorkDir: "/work"})
			require.NoError(t, err)
			in := build()
			require.NoError(t, s.Add(context.Background(), in.Resources))
			loaded := &loader.Result{Files: map[string][]byte{}, Digests: map[string][32]byte{}, Secrets: in.Secrets}
			for name, src := range in.Files {
				if s.KeepSource(name, src) {
					loaded.Files[name] = src
				}
				loaded.Digests[name] = report.Digest(src)
			}
			assert.Empty(t, s.packed, "no content kept for a digest")
			noDigests := s.Finish(loaded)
			assert.Nil(t, noDigests.Digests)
			assert.Equal(t, bare.Findings, noDigests.Findings)
			assert.Equal(t, bare.Summary, noDigests.Summary)
			assert.Equal(t, len(files), noDigests.Summary.FilesScanned)
			assert.Equal(t, bare.Sources, noDigests.Sources)
			assert.Equal(t, bare.Omitted, noDigests.Omitted)
		})
	}
}

func TestPackRoundTrips(t *testing.T) {
	p := newPacker()
	a := bytes.Repeat([]byte("resource \"aws_s3_bucket\" \"b\" {}\n"), 100)
	za := p.pack(a)
	zb := p.pack([]byte("x"))
	assert.Less(t, len(za), len(a))
	assert.Equal(t, a, unpack(za), "a packed slice is its own, not reused by the next pack")
	assert.Equal(t, []byte("x"), unpack(zb))
}

// The engine decides a rule that answers unknown on an argument chosen
// among known values by its candidates: every candidate failing fails,
// every one passing passes, a mix stays unknown.
func TestEngineDecidesByCandidates(t *testing.T) {
	mk := func(name string, line int, candidates ...cty.Value) *scanner.Resource {
		r := resource("aws_s3_bucket", name, "/work/infra/s3.tf", line, nil, nil)
		r.SetAttr("versioning", scanner.Value{Val: cty.UnknownVal(cty.Bool), Range: rng("/work/infra/s3.tf", line+1)}.WithCandidates(candidates))
		return r
	}
	in := &loader.Result{Resources: []*scanner.Resource{
		mk("off", 1, cty.False, cty.NullVal(cty.Bool)),
		mk("on", 5, cty.True, cty.StringVal("true")),
		mk("mixed", 9, cty.True, cty.False),
	}}
	rep := run(t, in, Options{IncludePassed: true})
	off := find(t, rep, "test-versioning", "aws_s3_bucket.off")
	assert.Equal(t, scanner.Fail, off.Status)
	assert.Contains(t, off.Message, "for every value versioning can take")
	assert.Equal(t, int32(2), off.StartLine)
	assert.Equal(t, scanner.Pass, find(t, rep, "test-versioning", "aws_s3_bucket.on").Status)
	assert.Equal(t, scanner.Unknown, find(t, rep, "test-versioning", "aws_s3_bucket.mixed").Status)
}
