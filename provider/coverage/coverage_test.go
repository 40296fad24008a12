package coverage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// fixtureConfig declares one control per verdict and per kind of citation.
const fixtureConfig = `
resource "soc2_control_owner" "sec" {
  name  = "Dana"
  email = "dana@example.com"
}

resource "soc2_control" "pass" {
  control_id    = "CTL-PASS"
  title         = "Passing"
  criteria      = ["CC6.1"]
  owner_id      = soc2_control_owner.sec.id
  status        = "implemented"
  scanner_rules = ["rule-pass"]
}

resource "soc2_control" "fail" {
  control_id    = "CTL-FAIL"
  title         = "Failing"
  criteria      = ["CC6.6"]
  owner_id      = soc2_control_owner.sec.id
  status        = "implemented"
  scanner_rules = ["rule-fail"]
}

resource "soc2_control" "overdue" {
  control_id = "CTL-OVERDUE"
  title      = "Overdue evidence"
  criteria   = ["CC6.2"]
  owner_id   = soc2_control_owner.sec.id
  status     = "implemented"
}

resource "soc2_evidence_requirement" "overdue" {
  control_id     = soc2_control.overdue.id
  name           = "Monthly review"
  frequency      = "monthly"
  last_collected = "2026-01-01"
}

resource "soc2_control" "manual" {
  control_id = "CTL-MANUAL"
  title      = "Manual"
  criteria   = ["CC6.3"]
  status     = "implemented"
}

resource "soc2_control" "na" {
  control_id    = "CTL-NA"
  title         = "Carved out"
  criteria      = ["CC6.4"]
  status        = "not-applicable"
  justification = "No data centres."
}

resource "soc2_control" "typo" {
  control_id    = "CTL-TYPO"
  title         = "Cites rules that do not run"
  criteria      = ["CC6.7"]
  status        = "implemented"
  scanner_rules = ["rule-pas", "rule-disabled", "rule-avail"]
}

resource "soc2_control" "unknown" {
  control_id    = "CTL-UNKNOWN"
  title         = "Unknown until apply"
  criteria      = ["CC6.8"]
  status        = "implemented"
  scanner_rules = ["rule-unknown"]
}

resource "soc2_control" "planned" {
  control_id    = "CTL-PLANNED"
  title         = "Planned"
  criteria      = ["CC7.1"]
  scanner_rules = ["rule-fail"]
}
`

func fixtureRules() []*scanner.Rule {
	rule := func(id, criterion string) *scanner.Rule {
		return &scanner.Rule{ID: id, Title: "Rule " + id, Severity: scanner.High, Criteria: scanner.Criteria{Primary: criterion}}
	}
	return []*scanner.Rule{
		rule("rule-avail", "A1.2"), rule("rule-disabled", "CC6.1"), rule("rule-fail", "CC6.6"),
		rule("rule-pass", "CC6.1"), rule("rule-uncited", "CC7.2"), rule("rule-unknown", "CC6.8"),
	}
}

func fixtureScan(includePassed bool) *report.Report {
	byID := map[string]*scanner.Rule{}
	for _, r := range fixtureRules() {
		byID[r.ID] = r
	}
	finding := func(rule string, status scanner.Status, resource string, line int32) report.Finding {
		return report.Finding{RuleInfo: &report.RuleInfo{RuleID: rule}, Status: status, Resource: resource, File: "main.tf", StartLine: line, Message: rule + " " + string(status)}
	}
	suppressed := finding("rule-pass", scanner.Fail, "aws_s3_bucket.scratch", 30)
	suppressed.Suppressed = true
	return &report.Report{
		SchemaVersion: report.SchemaVersion, Tool: report.ToolName, Version: "test",
		Settings: report.Settings{SeverityThreshold: scanner.Low, IncludePassed: includePassed, CategoriesInScope: []tsc.Category{tsc.Security}},
		Findings: []report.Finding{
			finding("rule-pass", scanner.Pass, "aws_s3_bucket.logs", 3),
			finding("rule-fail", scanner.Fail, "aws_security_group.web", 10),
			finding("rule-fail", scanner.Fail, "aws_security_group.db", 20),
			finding("rule-unknown", scanner.Unknown, "aws_instance.app", 40),
			finding("rule-uncited", scanner.Fail, "aws_cloudtrail.main", 50),
			suppressed,
		},
		Rules: []*scanner.Rule{byID["rule-fail"], byID["rule-pass"], byID["rule-uncited"], byID["rule-unknown"]},
	}
}

func build(t *testing.T, includePassed bool) *Report {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fixtureConfig), 0o600))
	inv, err := inventory.ParseConfig(dir)
	require.NoError(t, err)
	now, err := inventory.ParseDate("2026-06-01")
	require.NoError(t, err)
	opt := inventory.Options{Source: dir, Now: now, DueWithin: 30, Categories: []tsc.Category{tsc.Security}}
	for _, r := range fixtureRules() {
		opt.RuleIDs = append(opt.RuleIDs, r.ID)
	}
	invRep := inventory.NewReport(inv, opt)
	return Build(Input{Inventory: invRep, Scan: fixtureScan(includePassed), ScanName: "infra", Catalogue: fixtureRules()})
}

func criterion(t *testing.T, r *Report, id string) Criterion {
	t.Helper()
	for _, c := range r.Criteria {
		if c.ID == id {
			return c
		}
	}
	require.Failf(t, "criterion not in the report", "%s", id)
	return Criterion{}
}

func control(t *testing.T, r *Report, id string) Control {
	t.Helper()
	for _, c := range r.Controls {
		if c.ControlID == id {
			return c
		}
	}
	require.Failf(t, "control not in the report", "%s", id)
	return Control{}
}

func TestVerdicts(t *testing.T) {
	r := build(t, true)
	cases := map[string]Verdict{
		"CC6.1": Covered,       // CTL-PASS: its rule passes; the suppressed failure does not count
		"CC6.6": AtRisk,        // CTL-FAIL: its rule fails
		"CC6.2": AtRisk,        // CTL-OVERDUE: monthly evidence last collected in January
		"CC6.3": NotEvaluated,  // CTL-MANUAL: no rules
		"CC6.7": NotEvaluated,  // CTL-TYPO: its rules do not run
		"CC6.8": NotEvaluated,  // CTL-UNKNOWN: its rule is unknown until apply
		"CC6.4": NotApplicable, // CTL-NA
		"CC6.5": Gap,           // nothing claims it
		"CC7.1": Gap,           // only a planned control claims it
	}
	for id, want := range cases {
		assert.Equal(t, want, criterion(t, r, id).Verdict, id)
	}
	assert.Equal(t, []string{"CTL-FAIL: its scanner rules fail on 2 resources"}, criterion(t, r, "CC6.6").Reasons)
	assert.Equal(t, []string{"CTL-OVERDUE: 1 evidence requirement overdue"}, criterion(t, r, "CC6.2").Reasons)
	assert.Equal(t, []string{"no control that claims it is implemented, partial or alternative"}, criterion(t, r, "CC7.1").Reasons)
	security := 0
	for _, c := range tsc.All() {
		if c.Category == tsc.Security {
			security++
		}
	}
	assert.Len(t, r.Criteria, security, "every security criterion, and only those")
	assert.Equal(t, 1, r.Summary.ByVerdict[Covered])
	assert.True(t, r.Has(AtRisk))
	assert.False(t, r.Has(Covered, Gap, AtRisk) && !r.Has(Gap), "Has sees every verdict asked")
}

func TestControls(t *testing.T) {
	r := build(t, true)
	pass := control(t, r, "CTL-PASS")
	assert.Equal(t, Passing, pass.AutomatedStatus)
	require.NotNil(t, pass.Owner)
	assert.Equal(t, "dana@example.com", pass.Owner.ID, "owner_id resolved through soc2_control_owner.sec.id")
	fail := control(t, r, "CTL-FAIL")
	assert.Equal(t, Failing, fail.AutomatedStatus)
	assert.Equal(t, []string{"main.tf:10", "main.tf:20"}, fail.FailingResources)
	assert.Equal(t, Unknown, control(t, r, "CTL-UNKNOWN").AutomatedStatus)
	assert.Equal(t, NotEvaluatedState, control(t, r, "CTL-TYPO").AutomatedStatus)
	overdue := control(t, r, "CTL-OVERDUE")
	require.Len(t, overdue.Evidence, 1)
	assert.Equal(t, "CTL-OVERDUE/Monthly review", overdue.Evidence[0].ID)
	assert.Equal(t, "2026-02-01", *overdue.Evidence[0].NextDue)
	assert.True(t, overdue.Evidence[0].Overdue)
}

func TestRuleCounts(t *testing.T) {
	r := build(t, true)
	rules := map[string]Rule{}
	for _, rule := range r.Rules {
		rules[rule.ID] = rule
	}
	pass := rules["rule-pass"]
	require.NotNil(t, pass.Passed)
	assert.Equal(t, 1, *pass.Passed)
	assert.Equal(t, 0, pass.Failed)
	assert.Equal(t, 1, pass.Suppressed)
	assert.Equal(t, []string{"CTL-PASS"}, pass.CitedBy)
	assert.Equal(t, 2, rules["rule-fail"].Failed)
	assert.Equal(t, []string{"CTL-FAIL", "CTL-PLANNED"}, rules["rule-fail"].CitedBy)
	assert.Equal(t, 1, rules["rule-unknown"].Unknown)

	// A saved scan without passes: pass counts are unknown, and a rule
	// that ran without failing still counts as passing.
	saved := build(t, false)
	for _, rule := range saved.Rules {
		assert.Nil(t, rule.Passed, rule.ID)
	}
	assert.Equal(t, Covered, criterion(t, saved, "CC6.1").Verdict)
	assert.Contains(t, saved.Warnings[len(saved.Warnings)-1], "did not record passing results")
}

func TestReverseView(t *testing.T) {
	r := build(t, true)
	assert.Equal(t, []string{"rule-uncited"}, r.UncitedFailingRules)
	got := map[string]Citation{}
	for _, c := range r.CitedRulesNotRun {
		assert.Equal(t, "CTL-TYPO", c.ControlID)
		got[c.RuleID] = c
	}
	require.Len(t, got, 3)
	assert.Equal(t, RuleNotInCatalogue, got["rule-pas"].State)
	assert.Equal(t, "rule-pass", got["rule-pas"].Suggestion)
	assert.Contains(t, got["rule-pas"].Message, `did you mean "rule-pass"?`)
	assert.Equal(t, RuleDisabled, got["rule-disabled"].State)
	assert.Equal(t, RuleOutOfScope, got["rule-avail"].State)
	assert.Contains(t, got["rule-avail"].Message, "A1.2")
	assert.Equal(t, 3, r.Summary.CitedRulesNotRun)
}

func TestBelowThreshold(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fixtureConfig), 0o600))
	inv, err := inventory.ParseConfig(dir)
	require.NoError(t, err)
	scan := fixtureScan(true)
	scan.Settings.SeverityThreshold = scanner.Critical
	// The engine drops the results of rules below the threshold, except
	// those whose severity the configuration raised: rule-fail here.
	var kept []report.Finding
	for _, f := range scan.Findings {
		if f.RuleID == "rule-fail" {
			kept = append(kept, f)
		}
	}
	scan.Findings = kept
	r := Build(Input{Inventory: inventory.NewReport(inv, inventory.Options{Categories: []tsc.Category{tsc.Security}}), Scan: scan, Catalogue: fixtureRules()})
	var states []RuleState
	for _, c := range r.CitedRulesNotRun {
		if c.RuleID == "rule-pass" {
			states = append(states, c.State)
		}
	}
	assert.Equal(t, []RuleState{RuleBelowThreshold}, states)
	assert.Equal(t, Failing, control(t, r, "CTL-FAIL").AutomatedStatus, "a rule with results ran, whatever its default severity")
}

func TestFormats(t *testing.T) {
	r := build(t, true)
	var text, md bytes.Buffer
	require.NoError(t, r.Write(&text, "text"))
	require.NoError(t, r.Write(&md, "markdown"))
	for _, want := range []string{
		"CC6.6  Protect against threats from outside the system boundary",
		"[at-risk]",
		"CONTROL   TITLE",
		"rule-fail fails at main.tf:10 (aws_security_group.web)",
		"Failing rules that no control cites (1)",
		`no scanner rule is named "rule-pas"; did you mean "rule-pass"?`,
		"CTL-OVERDUE/Monthly review  monthly    2026-01-01      2026-02-01  overdue  Dana <dana@example.com>",
	} {
		assert.Contains(t, text.String(), want)
	}
	for _, want := range []string{
		"| **CC6.6** Protect against threats",
		"| **at-risk** |",
		"| `rule-fail` | CTL-FAIL, CTL-PLANNED | `main.tf:10` | `aws_security_group.web` |",
		"| CTL-OVERDUE/Monthly review | `CTL-OVERDUE` | Dana (dana@example.com) | 2026-01-01 | 2026-02-01 |",
	} {
		assert.Contains(t, md.String(), want)
	}
	assert.ErrorContains(t, r.Write(&text, "yaml"), `unknown format "yaml": use one of csv, html, json, markdown, text`)
}

func TestJSONValidatesAgainstSchema(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "docs", "schemas", "coverage.schema.json"))
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("coverage.schema.json", doc))
	schema, err := c.Compile("coverage.schema.json")
	require.NoError(t, err)
	for _, includePassed := range []bool{true, false} {
		var buf bytes.Buffer
		require.NoError(t, build(t, includePassed).Write(&buf, "json"))
		inst, err := jsonschema.UnmarshalJSON(&buf)
		require.NoError(t, err)
		assert.NoError(t, schema.Validate(inst))
	}
	// The schema is strict enough to catch a broken report.
	broken := build(t, true)
	broken.Criteria[0].Verdict = "fine"
	var buf bytes.Buffer
	require.NoError(t, broken.Write(&buf, "json"))
	inst, err := jsonschema.UnmarshalJSON(&buf)
	require.NoError(t, err)
	assert.Error(t, schema.Validate(inst))
}
