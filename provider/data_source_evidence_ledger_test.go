package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/ledger"
)

const (
	ledgerAddress = "data.soc2_evidence_ledger.test"
	ledgerRule    = "aws-rds-storage-encrypted"
	otherRule     = "aws-s3-bucket-versioning"
)

// ledgerRecord is a record of a scan that ran both test rules, with the
// given number of failing findings of ledgerRule.
func ledgerRecord(failed int) *ledger.Record {
	res := ledger.RuleResult{}
	res.Failed = failed
	res.Passed = 1
	for i := range failed {
		res.Failing = append(res.Failing, ledger.Failure{Fingerprint: fmt.Sprintf("fp%d", i), Resource: "aws_db_instance.main"})
	}
	return &ledger.Record{
		FormatVersion: ledger.FormatVersion,
		Tool:          ledger.Tool{Name: "terraform-provider-soc2", Version: "test"},
		Catalogue:     "test",
		Paths:         []string{"infra"},
		Inputs:        ledger.Digest([]byte("inputs")),
		Rules:         map[string]ledger.RuleResult{ledgerRule: res, otherRule: {Counts: ledger.Counts{Passed: 2}}},
		Criteria:      map[string]ledger.Counts{},
	}
}

// writeLedger appends one record per time, failing at the times in
// failing, and returns the directory and the record paths.
func writeLedger(t *testing.T, times []time.Time, failing map[int]bool) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "evidence")
	paths := make([]string, len(times))
	for i, at := range times {
		failed := 0
		if failing[i] {
			failed = 1
		}
		p, err := ledger.Append(dir, ledgerRecord(failed), at)
		require.NoError(t, err)
		paths[i] = p
	}
	return dir, paths
}

var (
	ledgerFailingAt = time.Date(2025, time.May, 20, 9, 30, 0, 0, time.UTC)
	ledgerPassingAt = time.Date(2025, time.June, 2, 18, 15, 0, 0, time.UTC)
)

// ledgerRequirementConfig feeds an evidence requirement from the data
// source, as the README shows.
func ledgerRequirementConfig(dir string) string {
	return evidenceConfig(`
  frequency      = "monthly"
  last_collected = data.soc2_evidence_ledger.test.last_passing
`) + fmt.Sprintf(`
data "soc2_evidence_ledger" "test" {
  dir   = %q
  rules = [%q, %q]
}
`, dir, ledgerRule, otherRule)
}

func ledgerValue(attribute string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(ledgerAddress, tfjsonpath.New(attribute), check)
}

// A failing record then a passing one: the requirement is collected on
// the passing record's date, due a month later, and overdue once the
// injected clock passes that date.
func TestAccEvidenceLedgerDataSource_feedsRequirement(t *testing.T) {
	requireTerraform(t)
	dir, _ := writeLedger(t, []time.Time{ledgerFailingAt, ledgerPassingAt}, map[int]bool{0: true})
	clock := newFakeClock(testNow) // 1 July 2025: due 2 July, not overdue.
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(clock),
		Steps: []resource.TestStep{
			{
				Config: ledgerRequirementConfig(dir),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						// Read during plan: the requirement's dates are known before apply.
						plancheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("last_collected"), knownvalue.StringExact("2025-06-02")),
						plancheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-07-02")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					ledgerValue("records", knownvalue.Int64Exact(2)),
					ledgerValue("chain_valid", knownvalue.Bool(true)),
					ledgerValue("problems", knownvalue.ListExact([]knownvalue.Check{})),
					ledgerValue("first_record", knownvalue.StringExact("2025-05-20T09:30:00Z")),
					ledgerValue("last_record", knownvalue.StringExact("2025-06-02T18:15:00Z")),
					ledgerValue("last_passing", knownvalue.StringExact("2025-06-02")),
					ledgerValue("rules_status", knownvalue.MapExact(map[string]knownvalue.Check{
						ledgerRule: knownvalue.ObjectExact(map[string]knownvalue.Check{
							"last_record":  knownvalue.StringExact("2025-06-02T18:15:00Z"),
							"last_passing": knownvalue.StringExact("2025-06-02"),
							"failing_now":  knownvalue.Bool(false),
						}),
						otherRule: knownvalue.ObjectExact(map[string]knownvalue.Check{
							"last_record":  knownvalue.StringExact("2025-06-02T18:15:00Z"),
							"last_passing": knownvalue.StringExact("2025-06-02"),
							"failing_now":  knownvalue.Bool(false),
						}),
					})),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("last_collected"), knownvalue.StringExact("2025-06-02")),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-07-02")),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(false)),
				},
			},
			{
				// Two days later, with no new record, the evidence is late.
				PreConfig: func() { clock.Advance(48 * time.Hour) },
				Config:    ledgerRequirementConfig(dir),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("last_collected"), knownvalue.StringExact("2025-06-02")),
					statecheck.ExpectKnownValue(evidenceAddress, tfjsonpath.New("overdue"), knownvalue.Bool(true)),
				},
			},
		},
	})
}

// A removed record breaks the chain: the data source still reads the rest,
// says the chain is invalid and names the problem (the warning itself is
// checked by TestEvidenceLedgerDiagnostics, as terraform-plugin-testing does
// not surface warnings).
func TestAccEvidenceLedgerDataSource_brokenChain(t *testing.T) {
	requireTerraform(t)
	dir, paths := writeLedger(t, []time.Time{ledgerFailingAt, ledgerPassingAt, ledgerPassingAt.Add(time.Hour)}, map[int]bool{0: true})
	require.NoError(t, os.Remove(paths[1]))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("data \"soc2_evidence_ledger\" \"test\" {\n  dir = %q\n}\n", dir),
			ConfigStateChecks: []statecheck.StateCheck{
				ledgerValue("records", knownvalue.Int64Exact(2)),
				ledgerValue("chain_valid", knownvalue.Bool(false)),
				ledgerValue("problems", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringRegexp(regexp.MustCompile(`^` + regexp.QuoteMeta(filepath.Base(paths[2])) + `: removed: `)),
				})),
				// Without rules, the newest record in which no rule failed.
				ledgerValue("last_passing", knownvalue.StringExact("2025-06-02")),
				ledgerValue("rules_status", knownvalue.MapExact(map[string]knownvalue.Check{})),
			},
		}},
	})
}

func TestAccEvidenceLedgerDataSource_missingDir(t *testing.T) {
	requireTerraform(t)
	missing := filepath.Join(t.TempDir(), "no-such-ledger")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("data \"soc2_evidence_ledger\" \"test\" {\n  dir = %q\n}\n", missing),
			// The error is at dir: Terraform quotes that line.
			ExpectError: regexp.MustCompile(`(?s)Cannot read the evidence ledger.*2:\s+dir\s+=.*no such file or directory`),
		}},
	})
}

func TestSummarizeLedger(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, time.June, d, 10, 0, 0, 0, time.UTC) }
	rec := func(at time.Time, errors int, results map[string]int) ledger.Entry {
		r := &ledger.Record{Time: at, Errors: errors, Rules: map[string]ledger.RuleResult{}}
		for id, failed := range results {
			r.Rules[id] = ledger.RuleResult{Counts: ledger.Counts{Failed: failed}}
		}
		return ledger.Entry{Record: r}
	}
	entries := []ledger.Entry{
		rec(day(1), 0, map[string]int{"a": 0, "b": 0}),
		rec(day(2), 0, map[string]int{"a": 0, "b": 1}),
		rec(day(3), 0, map[string]int{"a": 0}),         // b did not run: not a pass of both
		{Name: "damaged.json"},                         // unreadable: skipped
		rec(day(4), 1, map[string]int{"a": 0, "b": 0}), // input errors: no pass
		rec(day(5), 0, map[string]int{"a": 2}),
	}

	sum := summarizeLedger(entries, []string{"a", "b", "never"})
	assert.True(t, sum.LastPassing.IsZero(), "a rule that never ran never passed, so all of them never did")
	assert.Equal(t, ruleStatus{LastRecord: day(5), LastPassing: day(3), FailingNow: true}, sum.Rules["a"])
	assert.Equal(t, ruleStatus{LastRecord: day(4), LastPassing: day(1), FailingNow: false}, sum.Rules["b"])
	assert.Equal(t, ruleStatus{}, sum.Rules["never"])
	assert.Equal(t, day(1), summarizeLedger(entries, []string{"a", "b"}).LastPassing)

	noRules := summarizeLedger(entries, nil)
	assert.Equal(t, day(3), noRules.LastPassing, "the newest record in which no rule failed and all input was read")
	assert.Empty(t, noRules.Rules)

	assert.True(t, summarizeLedger(nil, []string{"a"}).LastPassing.IsZero())
}

// A broken chain is a warning at dir naming the problems, never an error;
// a listed rule no record ran is a warning at rules.
func TestEvidenceLedgerDiagnostics(t *testing.T) {
	dir, paths := writeLedger(t, []time.Time{ledgerFailingAt, ledgerPassingAt, ledgerPassingAt.Add(time.Hour)}, nil)
	require.NoError(t, os.Remove(paths[1]))
	ver, err := ledger.Verify(dir)
	require.NoError(t, err)
	entries, _, err := ledger.Read(dir)
	require.NoError(t, err)

	got := ledgerDiagnostics(dir, ver, summarizeLedger(entries, []string{ledgerRule, "aws-typo"}))
	require.Len(t, got, 2, "%v", got)
	assert.False(t, got.HasError(), "a broken chain is not an error")
	assert.Equal(t, "Evidence ledger chain is broken", got[0].Summary())
	assert.Contains(t, got[0].Detail(), filepath.Base(paths[2])+": removed: ")
	assert.Equal(t, path.Root("dir"), got[0].(interface{ Path() path.Path }).Path())
	assert.Equal(t, "Rules never ran", got[1].Summary())
	assert.Contains(t, got[1].Detail(), "aws-typo")
	assert.NotContains(t, got[1].Detail(), ledgerRule)
	assert.Equal(t, path.Root("rules"), got[1].(interface{ Path() path.Path }).Path())

	whole, err := ledger.Verify(t.TempDir())
	require.NoError(t, err)
	empty := ledgerDiagnostics("evidence", whole, summarizeLedger(nil, nil))
	require.Len(t, empty, 1)
	assert.Equal(t, "Evidence ledger is empty", empty[0].Summary())
}

// The documented example runs: the requirement is collected on the day of
// the passing record, during plan, and the chain check passes.
func TestAccEvidenceLedgerDataSource_example(t *testing.T) {
	requireTerraform(t)
	src, err := os.ReadFile(filepath.Join("..", "examples", "data-sources", "soc2_evidence_ledger", "data-source.tf"))
	require.NoError(t, err)
	const evidence = `"${path.root}/../evidence"`
	require.Equal(t, 1, strings.Count(string(src), evidence), "the example reads %s", evidence)
	dir, _ := writeLedger(t, []time.Time{ledgerFailingAt, ledgerPassingAt}, map[int]bool{0: true})
	example := strings.Replace(string(src), evidence, fmt.Sprintf("%q", dir), 1)
	const requirement = "soc2_evidence_requirement.encryption_scan"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: example,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(requirement, tfjsonpath.New("last_collected"), knownvalue.StringExact("2025-06-02")),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{expectCheck{address: "check.evidence_ledger", status: "pass"}},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(requirement, tfjsonpath.New("next_due"), knownvalue.StringExact("2025-07-02")),
				statecheck.ExpectKnownValue(requirement, tfjsonpath.New("overdue"), knownvalue.Bool(false)),
			},
		}},
	})
}
