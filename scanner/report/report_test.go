package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// extensions maps each format to its golden file's extension; SARIF files end
// in .sarif so that CI validates them with sarif-multitool too.
var extensions = map[string]string{
	"text":     "txt",
	"json":     "json",
	"sarif":    "sarif",
	"junit":    "xml",
	"markdown": "md",
}

var goldenCases = map[string]func() *Report{
	// A report with every kind of finding, passes hidden.
	"findings": func() *Report { return fixtureReport(false, false) },
	// The same with --include-passed and --fail-on-unknown, written by a
	// build that knows its commit and date.
	"passed-fail-on-unknown": func() *Report {
		r := fixtureReport(true, true)
		r.Commit = "0123456789abcdef0123456789abcdef01234567"
		r.BuildDate = "2026-12-05T06:30:00Z"
		return r
	},
	// A clean scan.
	"empty": emptyReport,
}

func render(t *testing.T, format string, r *Report, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, format, r, opts))
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for name, build := range goldenCases {
		for _, format := range Formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				got := render(t, format, build(), Options{})
				path := filepath.Join("testdata", name+".golden."+extensions[format])
				if *update {
					require.NoError(t, os.WriteFile(path, got, 0o644))
				}
				want, err := os.ReadFile(path)
				require.NoError(t, err, "run go test ./scanner/report -update to create it")
				assert.Equal(t, string(want), string(got))
				// Rendering twice gives the same bytes.
				assert.Equal(t, string(got), string(render(t, format, build(), Options{})))
			})
		}
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "yaml", emptyReport(), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "text, json, sarif, junit, markdown")
}

func TestTextColorOnlyWhenAsked(t *testing.T) {
	plain := string(render(t, "text", fixtureReport(false, false), Options{}))
	assert.NotContains(t, plain, "\x1b[")
	colored := string(render(t, "text", fixtureReport(false, false), Options{Color: true}))
	assert.Contains(t, colored, ansiRed+"HIGH"+ansiReset)
	assert.Contains(t, colored, ansiBold+ansiRed+"CRITICAL"+ansiReset)
}

func TestTextShowsExcerptFixAndCriteria(t *testing.T) {
	out := string(render(t, "text", fixtureReport(false, false), Options{}))
	assert.Contains(t, out, "HIGH aws-rds-storage-encrypted: RDS instance storage is encrypted")
	assert.Contains(t, out, "  main.tf:3  aws_db_instance.main\n    storage_encrypted is false\n")
	assert.Contains(t, out, "  Criteria: CC6.1, C1.1\n")
	assert.Contains(t, out, "> 3 |   storage_encrypted = false")
	assert.Contains(t, out, "  2 |   engine            = \"postgres\"")
	assert.Contains(t, out, "Fix: Set storage_encrypted = true")
	assert.NotContains(t, out, "kms_key_id        = aws_kms_key.rds.arn", "the Terraform example stays on the rule's page")
	assert.Contains(t, out, "  See: "+DocURL("aws-rds-storage-encrypted")+"\n")
	assert.Contains(t, out, "  CRITERION  FAILED")
	assert.Contains(t, out, "ERROR: 3 failed, 1 unknown, 1 passed, 2 suppressed; 1 input could not be read.")
	clean := fixtureReport(false, false)
	clean.Errors = nil
	assert.Contains(t, string(render(t, "text", clean, Options{})), "FAIL: 3 failed, 1 unknown, 1 passed, 2 suppressed.")
	assert.Contains(t, string(render(t, "text", emptyReport(), Options{})), "PASS: 0 failed")
	assert.NotContains(t, out, "aws_s3_bucket.archive", "passes are hidden without --include-passed")
}

func TestTextLeadsWithSummaryAndGroupsByRule(t *testing.T) {
	out := string(render(t, "text", fixtureReport(false, false), Options{}))
	require.True(t, strings.HasPrefix(out, "Summary\n"), "the summary comes first")
	verdict := "ERROR: 3 failed, 1 unknown, 1 passed, 2 suppressed; 1 input could not be read.\n"
	assert.Equal(t, 2, strings.Count(out, verdict), "the verdict ends the summary and the report")
	assert.True(t, strings.HasSuffix(out, verdict))
	assert.Less(t, strings.Index(out, verdict), strings.Index(out, "CRITICAL aws-ec2-no-admin-ingress"))
	// Rules most severe first, each once, with its resources under it.
	critical := strings.Index(out, "CRITICAL aws-ec2-no-admin-ingress: Security groups do not allow administrative ports from the internet  (2 resources)\n")
	high := strings.Index(out, "HIGH aws-rds-storage-encrypted")
	low := strings.Index(out, "LOW aws-s3-versioning-enabled")
	require.True(t, critical > 0 && high > critical && low > high, "groups in severity order")
	assert.Equal(t, 1, strings.Count(out, "Fix: Restrict cidr_blocks"), "one remediation per rule")
	assert.Less(t, strings.Index(out, "  (plan)  aws_security_group.legacy\n"), strings.Index(out, "  main.tf:12  aws_security_group.web\n"))
	// Summary rows only for what needs attention: the fixture's rules map
	// to no other criterion, so add a clean one to see it left out.
	r := fixtureReport(false, false)
	r.Summary.ByCriterion = append(r.Summary.ByCriterion, CriterionCounts{Criterion: "PI1.1", Title: "clean", Counts: Counts{Passed: 4}})
	assert.NotContains(t, string(render(t, "text", r, Options{})), "PI1.1")
	assert.Less(t, strings.Index(out, "Suppressed findings (2)"), strings.Index(out, "Errors (1)"), "input problems come after the findings")
}

func TestTextShowsExcerptsForTheFirstResourcesOfARule(t *testing.T) {
	r := fixtureReport(false, false)
	sg := r.Rule("aws-ec2-no-admin-ingress")
	require.NotNil(t, sg)
	for line := int32(13); line <= 16; line++ {
		r.Findings = append(r.Findings, finding(sg, scanner.Fail, fmt.Sprintf("aws_security_group.extra%d", line), "main.tf", line, line, "open"))
	}
	SortFindings(r.Findings)
	out := string(render(t, "text", r, Options{}))
	// Six resources: the plan one (no code), main.tf:12, :13 with code,
	// the rest listed without.
	assert.Contains(t, out, "(6 resources)")
	assert.Contains(t, out, "  main.tf:16  aws_security_group.extra16\n    open\n")
	assert.Contains(t, out, "> 13 |")
	assert.NotContains(t, out, "> 14 |")
	assert.Contains(t, out, "(code shown for the first 3; 3 more listed without it)")
}

func TestTextCompactIsOneLinePerFinding(t *testing.T) {
	out := string(render(t, "text", fixtureReport(false, false), Options{Compact: true}))
	want := strings.Join([]string{
		"aws_security_group.legacy: CRITICAL aws-ec2-no-admin-ingress aws_security_group.legacy: ingress from 0.0.0.0/0 to port 3389 (RDP)",
		"main.tf:3:3: HIGH aws-rds-storage-encrypted aws_db_instance.main: storage_encrypted is false",
		"main.tf:5: MEDIUM aws-rds-deletion-protection aws_db_instance.main: deletion_protection is false [suppressed: inline]",
		"main.tf:12: CRITICAL aws-ec2-no-admin-ingress aws_security_group.web: ingress from 0.0.0.0/0 to port 22 (SSH)",
		`modules/logs/main.tf:1: LOW aws-s3-versioning-enabled module.logs["eu"].aws_s3_bucket.logs: versioning is not enabled [suppressed: baseline]`,
		`modules/logs/main.tf:1: LOW aws-s3-versioning-enabled module.logs["us"].aws_s3_bucket.logs: versioning status is not known until apply [unknown until apply]`,
		"error: broken/main.tf:7:3: Argument or block definition required: An argument or block definition is required here.",
		`warning: main.tf:30:1: module "vpc": remote module source "terraform-aws-modules/vpc/aws" not scanned`,
		"ERROR: 3 failed, 1 unknown, 1 passed, 2 suppressed; 1 input could not be read.",
		"",
	}, "\n")
	assert.Equal(t, want, out)

	quiet := string(render(t, "text", fixtureReport(false, false), Options{FailingOnly: true}))
	assert.Equal(t, 5, strings.Count(quiet, "\n"), quiet)
	assert.NotContains(t, quiet, "suppressed:")
	assert.NotContains(t, quiet, "unknown until apply")
	assert.NotContains(t, quiet, "warning:")
	assert.Contains(t, quiet, "error: broken/main.tf:7:3")
	withUnknown := string(render(t, "text", fixtureReport(false, true), Options{FailingOnly: true}))
	assert.Contains(t, withUnknown, `module.logs["us"].aws_s3_bucket.logs: versioning status is not known until apply`, "unknowns fail with fail-on-unknown")
}

func TestJSONSchema(t *testing.T) {
	var got map[string]any
	require.NoError(t, json.Unmarshal(render(t, "json", fixtureReport(false, false), Options{}), &got))
	for _, key := range []string{"schema_version", "tool", "version", "settings", "findings", "errors", "warnings", "summary"} {
		assert.Contains(t, got, key)
	}
	findings := got["findings"].([]any)
	require.Len(t, findings, 6, "passes left out")
	first := findings[0].(map[string]any)
	for _, key := range []string{"rule_id", "title", "description", "severity", "criteria", "resource", "resource_type",
		"file", "start_line", "end_line", "status", "message", "suppressed", "fingerprint"} {
		assert.Contains(t, first, key)
	}
	var suppressed map[string]any
	for _, f := range findings {
		if m := f.(map[string]any); m["suppressed"] == true && m["rule_id"] == "aws-rds-deletion-protection" {
			suppressed = m
		}
	}
	require.NotNil(t, suppressed)
	assert.Equal(t, map[string]any{
		"reason": "scratch database, rebuilt nightly", "expires": "2099-01-01", "source": "inline", "location": "main.tf:4",
	}, suppressed["suppression"])
	errs := got["errors"].([]any)
	require.Len(t, errs, 1)
	assert.Equal(t, map[string]any{
		"file": "broken/main.tf", "line": float64(7), "column": float64(3),
		"message": "Argument or block definition required: An argument or block definition is required here.",
	}, errs[0])

	var empty map[string]any
	require.NoError(t, json.Unmarshal(render(t, "json", emptyReport(), Options{}), &empty))
	assert.Equal(t, []any{}, empty["findings"], "empty lists are [] not null")
	assert.Equal(t, []any{}, empty["errors"])
}

func TestSummaryCounts(t *testing.T) {
	r := fixtureReport(true, false)
	s := r.Summary
	assert.Equal(t, Counts{Failed: 3, Unknown: 1, Passed: 1, Suppressed: 2}, s.Counts)
	require.Len(t, s.BySeverity, 4)
	assert.Equal(t, SeverityCounts{Severity: scanner.Critical, Counts: Counts{Failed: 2}}, s.BySeverity[0])
	assert.Equal(t, SeverityCounts{Severity: scanner.Low, Counts: Counts{Unknown: 1, Passed: 1, Suppressed: 1}}, s.BySeverity[3])
	var ids []string
	for _, c := range s.ByCriterion {
		ids = append(ids, c.Criterion)
	}
	assert.Equal(t, []string{"CC6.1", "CC6.6", "A1.2", "C1.1"}, ids, "catalogue order")
	assert.Equal(t, Counts{Failed: 3}, s.ByCriterion[0].Counts, "CC6.1: storage encryption and the two security groups")
	assert.Equal(t, Counts{Unknown: 1, Passed: 1, Suppressed: 2}, s.ByCriterion[2].Counts, "A1.2")
	assert.Equal(t, 3, r.Failing())
	assert.Equal(t, 4, fixtureReport(false, true).Failing(), "unknown fails with --fail-on-unknown")
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schemaPath := filepath.Join("..", "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")
	if _, err := os.Stat(schemaPath); err != nil {
		t.Skipf("SARIF schema not found at %s (the shared reference folder is not beside the repository)", schemaPath)
	}
	f, err := os.Open(schemaPath)
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("sarif-schema-2.1.0.json", doc))
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	require.NoError(t, err)

	for name, build := range goldenCases {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, "sarif", build(), Options{})))
			require.NoError(t, err)
			assert.NoError(t, schema.Validate(inst))
		})
	}
}

func TestJSONValidatesAgainstOurSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("report.schema.json", doc))
	schema, err := c.Compile("report.schema.json")
	require.NoError(t, err)
	for name, build := range goldenCases {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, "json", build(), Options{})))
			require.NoError(t, err)
			assert.NoError(t, schema.Validate(inst))
		})
	}
	// The schema is strict enough to catch a broken report.
	broken := fixtureReport(false, false)
	broken.Findings[0].Suppressed = true
	broken.Findings[0].Suppression = nil
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, "json", broken, Options{})))
	require.NoError(t, err)
	assert.Error(t, schema.Validate(inst), "suppressed without a suppression")
}

func TestSARIFContent(t *testing.T) {
	var log sarifLog
	require.NoError(t, json.Unmarshal(render(t, "sarif", fixtureReport(false, false), Options{}), &log))
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	require.Len(t, rules, 4)
	for i, res := range run.Results {
		require.Equal(t, res.RuleID, rules[res.RuleIndex].ID, "result %d: ruleIndex", i)
		assert.NotEmpty(t, res.PartialFingerprints[fingerprintKey])
	}
	byID := map[string]sarifRule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	enc := byID["aws-rds-storage-encrypted"]
	assert.Equal(t, "8.0", enc.Properties.SecuritySeverity)
	assert.Equal(t, []string{"security", "soc2", "encryption-at-rest", "CC6.1", "C1.1"}, enc.Properties.Tags)
	assert.Contains(t, enc.Help.Markdown, "```hcl\nstorage_encrypted = true")
	assert.Equal(t, DocURL("aws-rds-storage-encrypted"), enc.HelpURI)
	assert.Equal(t, "9.5", byID["aws-ec2-no-admin-ingress"].Properties.SecuritySeverity)

	kinds := map[string]int{}
	for _, res := range run.Results {
		kinds[res.Kind+"/"+res.Level]++
		for _, s := range res.Suppressions {
			kinds["suppression/"+s.Kind]++
		}
	}
	assert.Equal(t, map[string]int{
		"fail/error": 3, "fail/warning": 1, "fail/note": 1, "review/none": 1,
		"suppression/inSource": 1, "suppression/external": 1,
	}, kinds)
	assert.False(t, run.Invocations[0].ExecutionSuccessful, "an input error makes the run unsuccessful")
	require.Len(t, run.Invocations[0].ToolExecutionNotifications, 2)
	loc := run.Results[1].Locations[0].PhysicalLocation
	require.NotNil(t, loc)
	assert.Equal(t, sarifArtifactLocation{URI: "main.tf", URIBaseID: "%SRCROOT%"}, loc.ArtifactLocation)
}

func TestJUnitIsWellFormedWithCounts(t *testing.T) {
	out := render(t, "junit", fixtureReport(false, false), Options{})
	assert.True(t, strings.HasPrefix(string(out), `<?xml version="1.0" encoding="UTF-8"?>`))
	var doc junitSuites
	require.NoError(t, xml.Unmarshal(out, &doc))
	assert.Equal(t, 8, doc.Tests, "seven rule × resource cases, passes included, and one load error")
	assert.Equal(t, 3, doc.Failures)
	assert.Equal(t, 3, doc.Skipped, "one unknown and two suppressed")
	assert.Equal(t, 1, doc.Errors)
	sum := 0
	for _, s := range doc.Suites {
		assert.Equal(t, len(s.Cases), s.Tests, s.Name)
		sum += s.Tests
		for _, c := range s.Cases {
			if s.Name != loadSuite {
				assert.Equal(t, s.Name, c.ClassName)
			}
		}
	}
	assert.Equal(t, doc.Tests, sum)

	require.NoError(t, xml.Unmarshal(render(t, "junit", fixtureReport(false, true), Options{}), &doc))
	assert.Equal(t, 4, doc.Failures, "unknown is a failure with --fail-on-unknown")
	assert.Equal(t, 2, doc.Skipped)
}

func TestMarkdownEscapesTableCells(t *testing.T) {
	out := string(render(t, "markdown", fixtureReport(false, false), Options{}))
	assert.Contains(t, out, "## SOC 2 scan: 1 input error, 3 failing findings")
	assert.Contains(t, out, "| **total** | **3** | **1** | **1** | **2** |")
	assert.Contains(t, out, "<details><summary><b>high</b> aws-rds-storage-encrypted: RDS instance storage is encrypted (1 finding)</summary>")
	assert.Contains(t, out, "- `aws_security_group.web` at `main.tf:12`: ingress from 0.0.0.0/0 to port 22 (SSH)\n")
	assert.Contains(t, out, "&lt;by mistake&gt;", "HTML in text is escaped")
	assert.Contains(t, out, "| `module.logs[\"eu\"].aws_s3_bucket.logs` |")
	critical := strings.Index(out, "| critical | fail | `aws-ec2-no-admin-ingress` | `aws_security_group.web`")
	high := strings.Index(out, "| high | fail | `aws-rds-storage-encrypted`")
	require.Positive(t, critical)
	assert.Less(t, critical, high, "most severe findings first")
}

func TestMarkdownFitsAPullRequestComment(t *testing.T) {
	r := fixtureReport(false, false)
	rules := fixtureRules()
	var many []Finding
	for i := range 2000 {
		f := finding(rules[i%len(rules)], scanner.Fail, fmt.Sprintf("aws_s3_bucket.b%04d", i), "main.tf", int32(i+1), int32(i+1), strings.Repeat("a long message ", 10))
		many = append(many, f)
	}
	r.Findings = many
	r.Summarize()
	out := string(render(t, "markdown", r, Options{}))
	assert.Less(t, len(out), 65536)
	assert.Contains(t, out, "…and 1900 more.")
	assert.Contains(t, out, "- …and 480 more\n", "each rule lists 20 findings")
	assert.Contains(t, out, "Warnings (1)", "short sections still fit")
}

func TestExcerptLines(t *testing.T) {
	src := newLineIndex([]byte("a\nb\nc\nd\n"))
	got := excerptLines(src, 2, 2, 1, charColumns, nil)
	require.Len(t, got, 3)
	assert.Equal(t, excerptLine{number: 2, text: "b", hit: true}, got[1])
	assert.Nil(t, excerptLines(src, 5, 5, 1, charColumns, nil), "a line past the end shows nothing")
	assert.Nil(t, excerptLines(src, 0, 0, 0, charColumns, nil))
	assert.Len(t, excerptLines(newLineIndex([]byte(strings.Repeat("x\n", 40))), 5, 30, 1, charColumns, nil), excerptMax)
	crlf := excerptLines(newLineIndex([]byte("a\r\nb")), 2, 2, 1, charColumns, nil)
	require.Len(t, crlf, 2)
	assert.Equal(t, []string{"a", "b"}, []string{crlf[0].text, crlf[1].text}, "line endings are not shown; a last line without one is")
}

func TestLineIndex(t *testing.T) {
	for src, want := range map[string][]string{
		"":           nil,
		"\n":         {""},
		"\n\n":       {"", ""},
		"a":          {"a"},
		"a\nb":       {"a", "b"},
		"a\nb\n":     {"a", "b"},
		"a\r\n\nc\n": {"a", "", "c"},
	} {
		ix := newLineIndex([]byte(src))
		var got []string
		for n := 1; n <= ix.count(); n++ {
			got = append(got, string(ix.line(n)))
		}
		assert.Equal(t, want, got, "%q", src)
	}
}
