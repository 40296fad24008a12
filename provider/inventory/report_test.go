package inventory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

var (
	stateFixture  = filepath.Join("testdata", "state.json")
	planFixture   = filepath.Join("testdata", "plan.json")
	brokenFixture = filepath.Join("testdata", "broken.json")
)

// catalogue is the IDs of the scanner's rules.
func catalogue() []string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	return ids
}

// options are the inventory command's defaults at now: security in scope,
// evidence due within 30 days counts as due soon, the scanner's rules.
func options(t *testing.T, now string) Options {
	t.Helper()
	d, err := ParseDate(now)
	require.NoError(t, err)
	return Options{Now: d, DueWithin: 30, Categories: []tsc.Category{tsc.Security}, RuleIDs: catalogue()}
}

// withCategories returns opt with categories in scope.
func withCategories(opt Options, categories ...tsc.Category) Options {
	opt.Categories = categories
	return opt
}

// reportOf parses data, named name, and builds its report with opt.
func reportOf(t *testing.T, name, data string, opt Options) *Report {
	t.Helper()
	inv, err := Parse(name, []byte(data))
	require.NoError(t, err)
	opt.Source = name
	return NewReport(inv, opt)
}

// fileReport is the report of the file at path.
func fileReport(t *testing.T, path string, opt Options) *Report {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return reportOf(t, path, string(data), opt)
}

// written is rep written in format.
func written(t *testing.T, rep *Report, format string) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, rep.Write(&b, format))
	return b.String()
}

// fixtureState is the part of the real state fixture the tests read their
// expectations from, so that they follow the example when it changes.
type fixtureState struct {
	Values struct {
		Outputs map[string]struct {
			Value json.RawMessage `json:"value"`
		} `json:"outputs"`
		RootModule struct {
			Resources []struct {
				Address string         `json:"address"`
				Type    string         `json:"type"`
				Values  map[string]any `json:"values"`
			} `json:"resources"`
		} `json:"root_module"`
	} `json:"values"`
}

func readFixtureState(t *testing.T) fixtureState {
	t.Helper()
	data, err := os.ReadFile(stateFixture)
	require.NoError(t, err)
	var st fixtureState
	require.NoError(t, json.Unmarshal(data, &st))
	return st
}

func (st fixtureState) output(t *testing.T, name string, v any) {
	t.Helper()
	out, ok := st.Values.Outputs[name]
	require.True(t, ok, "output %s in the fixture", name)
	require.NoError(t, json.Unmarshal(out.Value, v))
}

// resources returns the values of the fixture's resources of type typ.
func (st fixtureState) resources(typ string) []map[string]any {
	var out []map[string]any
	for _, r := range st.Values.RootModule.Resources {
		if r.Type == typ {
			out = append(out, r.Values)
		}
	}
	return out
}

func findControl(t *testing.T, rep *Report, id string) Control {
	t.Helper()
	for _, c := range rep.Controls {
		if c.ControlID == id {
			return c
		}
	}
	require.Failf(t, "control not in report", "%s", id)
	return Control{}
}

func findEvidence(t *testing.T, rep *Report, id string) Evidence {
	t.Helper()
	for _, e := range rep.Evidence {
		if e.ID == id {
			return e
		}
	}
	require.Failf(t, "evidence not in report", "%s", id)
	return Evidence{}
}

func criterionIDs(list []Criterion) []string {
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	return ids
}

func evidenceIDs(rep *Report, status string) []string {
	var ids []string
	for _, e := range rep.Evidence {
		if e.Status == status {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

func TestInventoryCountsTheRealState(t *testing.T) {
	st := readFixtureState(t)
	rep := fileReport(t, stateFixture, options(t, "2026-11-25"))

	assert.Equal(t, formState, rep.Source.Form)
	assert.Equal(t, stateFixture, rep.Source.Name)
	assert.Equal(t, "1.11.4", rep.Source.TerraformVersion)
	assert.Equal(t, len(st.resources(TypeControl)), rep.Summary.Controls)
	assert.Equal(t, len(st.resources(TypeOwner)), rep.Summary.Owners)
	assert.Equal(t, len(st.resources(TypeEvidence)), rep.Summary.EvidenceRequirements)
	require.Len(t, rep.Controls, rep.Summary.Controls)
	require.Len(t, rep.Evidence, rep.Summary.EvidenceRequirements)
	statuses := map[string]int{}
	for _, c := range st.resources(TypeControl) {
		statuses[c["status"].(string)]++
	}
	assert.Equal(t, statuses, rep.Summary.ControlsByStatus)
	assert.Empty(t, rep.Warnings, "the example is a consistent inventory, applied on 2026-11-25")
}

func TestInventoryGroupsControlsByCriterion(t *testing.T) {
	st := readFixtureState(t)
	rep := fileReport(t, stateFixture, withCategories(options(t, "2026-11-25"), tsc.Security, tsc.Availability))

	// The example's own output is the auditor's cross-reference.
	var crossRef map[string][]string
	st.output(t, "controls_by_criterion", &crossRef)
	require.NotEmpty(t, crossRef)
	got := map[string][]string{}
	var order []string
	for _, c := range rep.Criteria {
		if len(c.Controls) > 0 {
			got[c.ID] = c.Controls
		}
		order = append(order, c.ID)
	}
	assert.Equal(t, crossRef, got)

	sorted := slices.Clone(order)
	tsc.Sort(sorted)
	assert.Equal(t, sorted, order, "criteria in catalogue order")

	cc61 := rep.Criteria[slices.Index(order, "CC6.1")]
	assert.Equal(t, tsc.MustLookup("CC6.1").Title, cc61.Title)
	assert.Equal(t, "security", cc61.Category)

	// Text: each criterion heading is followed by its controls, headings
	// in catalogue order.
	stdout := written(t, fileReport(t, stateFixture, options(t, "2026-11-25")), "text")
	section := stdout[strings.Index(stdout, "Controls by criterion"):strings.Index(stdout, "Coverage of the in-scope criteria")]
	headings := regexp.MustCompile(`(?m)^((?:CC|A|C|PI|P)\d\.\d+)  `).FindAllStringSubmatch(section, -1)
	var headingIDs []string
	for _, h := range headings {
		headingIDs = append(headingIDs, h[1])
	}
	want := make([]string, 0, len(crossRef))
	for id := range crossRef {
		want = append(want, id)
	}
	tsc.Sort(want)
	assert.Equal(t, want, headingIDs)
	assert.Regexp(t, `(?m)^  CONTROL +TITLE +STATUS +OWNER +AUTOMATION +FREQUENCY +EVIDENCE +SCANNER RULES$`, section, "the columns have headers")
	assert.Regexp(t, `(?m)^CC6\.1  Logical access security.*\n  CRY-01 +Encryption at rest +implemented +Marco Lindqvist <marco\.lindqvist@acme\.example> +automated +continuous +1 evidence requirement +aws-ebs-volume-encrypted, aws-efs-file-system-encrypted\n  CRY-03 .*\n  IAM-01 .*\n  NET-01 `, section)
	assert.Regexp(t, `(?m)^A1\.2  .*\(not in scope\)$`, section, "availability is not in scope by default")
}

func TestInventoryResolvesOwners(t *testing.T) {
	rep := fileReport(t, stateFixture, options(t, "2026-11-25"))

	iam01 := findControl(t, rep, "IAM-01")
	require.NotNil(t, iam01.Owner)
	assert.Equal(t, OwnerRef{ID: "priya.raman@acme.example", Name: ptrTo("Priya Raman"), Email: ptrTo("priya.raman@acme.example"), Declared: true}, *iam01.Owner)
	require.NotNil(t, iam01.BackupOwner)
	assert.Equal(t, "Lena Fischer", derefString(iam01.BackupOwner.Name))
	assert.Nil(t, findControl(t, rep, "CRY-01").BackupOwner)

	// Evidence is collected by its own owner_id when set, else by the
	// control's owner.
	assert.Equal(t, "Marco Lindqvist", derefString(findEvidence(t, rep, "IAM-03/Service account review").Owner.Name))
	assert.Equal(t, "Priya Raman", derefString(findEvidence(t, rep, "IAM-03/Access review sign-off").Owner.Name))
	assert.Equal(t, "Marco Lindqvist", derefString(findEvidence(t, rep, "CRY-01/Encryption configuration scan results").Owner.Name))

	require.Len(t, rep.Owners, 5)
	var names []string
	for _, o := range rep.Owners {
		names = append(names, derefString(o.Name))
		assert.True(t, o.Declared)
	}
	assert.Equal(t, []string{"Dana Okafor", "Lena Fischer", "Marco Lindqvist", "Priya Raman", "Sam Whitfield"}, names)
	dana := rep.Owners[0]
	assert.Equal(t, []string{"PHY-01", "RSK-01"}, dana.Controls)
	assert.Equal(t, []string{"IAM-03", "OPS-03"}, dana.BackupFor)
	assert.Equal(t, []string{"RSK-01/Risk assessment and register"}, dana.Evidence)
	assert.Equal(t, "Chief Technology Officer", derefString(dana.Title))

	// Every control is owned by someone in the owners section.
	owned := 0
	for _, o := range rep.Owners {
		owned += len(o.Controls)
	}
	assert.Equal(t, len(rep.Controls), owned)

	stdout := written(t, rep, "text")
	assert.Regexp(t, `(?m)^  Dana Okafor <dana\.okafor@acme\.example> — Chief Technology Officer, Executive\n    controls:    PHY-01, RSK-01\n    backup for:  IAM-03, OPS-03\n`, stdout)
}

func TestInventoryGaps(t *testing.T) {
	st := readFixtureState(t)
	// The example's provider has security and availability in scope, and
	// its output counts a justified not-applicable control as addressing
	// its criteria, as the report does.
	var withoutControls []string
	st.output(t, "criteria_without_controls", &withoutControls)
	require.NotEmpty(t, withoutControls)

	rep := fileReport(t, stateFixture, withCategories(options(t, "2026-11-25"), tsc.Security, tsc.Availability))
	assert.True(t, rep.Failing(), "gaps fail --fail-on-gaps")
	assert.Equal(t, withoutControls, criterionIDs(rep.Coverage.Gaps))
	assert.Equal(t, []string{"CC6.4", "CC6.5"}, criterionIDs(rep.Coverage.NotApplicable))
	assert.Equal(t, []string{"PHY-01"}, rep.Coverage.NotApplicable[0].Controls)
	assert.Equal(t, len(withoutControls), rep.Summary.Gaps)
	assert.Equal(t, 36, rep.Summary.CriteriaInScope, "33 common criteria and 3 availability criteria")
	assert.Equal(t, rep.Summary.CriteriaInScope, rep.Summary.CriteriaCovered+rep.Summary.CriteriaNotApplicable+rep.Summary.Gaps)
	for _, g := range rep.Coverage.Gaps {
		assert.True(t, g.InScope, g.ID)
		assert.Equal(t, coverageGap, g.Coverage, g.ID)
	}

	require.Len(t, rep.Coverage.ControlsNotImplemented, 1)
	phy := rep.Coverage.ControlsNotImplemented[0]
	assert.Equal(t, "PHY-01", phy.ControlID)
	assert.Equal(t, "not-applicable", phy.Status)
	assert.Contains(t, derefString(phy.Justification), "AWS SOC 2 report")

	// Availability alone is fully covered in the example.
	rep = fileReport(t, stateFixture, withCategories(options(t, "2026-11-25"), tsc.Availability))
	assert.Empty(t, rep.Coverage.Gaps)
	assert.Equal(t, 3, rep.Summary.CriteriaCovered)

	// A planned control does not close a gap, and the gap names it.
	rep = fileReport(t, planFixture, options(t, "2026-11-25"))
	i := slices.Index(criterionIDs(rep.Coverage.Gaps), "CC4.1")
	require.GreaterOrEqual(t, i, 0, "CC4.1 has only a planned control")
	assert.Equal(t, []string{"MON-01"}, rep.Coverage.Gaps[i].Controls)
	assert.NotContains(t, criterionIDs(rep.Coverage.Gaps), "CC6.1")

	stdout := written(t, fileReport(t, stateFixture, withCategories(options(t, "2026-11-25"), tsc.Security, tsc.Availability)), "text")
	assert.Contains(t, stdout, "Gaps: no implemented, partial or alternative control (9)\n    CC1.2  Board independence")
	assert.Contains(t, stdout, "      Justification: Acme has no data centres")
}

func TestInventoryRecomputesDueDates(t *testing.T) {
	st := readFixtureState(t)
	stateNextDue := map[string]string{}
	for _, e := range st.resources(TypeEvidence) {
		require.Equal(t, false, e["overdue"], "nothing was overdue when the fixture was applied: %s", e["id"])
		if nd, ok := e["next_due"].(string); ok {
			stateNextDue[e["id"].(string)] = nd
		}
	}

	// Six weeks after the state was written: state still says nothing is
	// overdue; the report recomputes.
	rep := fileReport(t, stateFixture, options(t, "2027-01-10"))
	assert.Equal(t, "2027-01-10T00:00:00Z", rep.AsOf)
	assert.Equal(t, []string{
		"END-01/MDM compliance report",                     // due 2026-12-02
		"OPS-02/Vulnerability scan and remediation report", // due 2026-12-05
		"CHG-01/Branch protection settings",                // due 2027-01-01
		"IAM-03/Access review sign-off",                    // due 2027-01-06
	}, evidenceIDs(rep, dueOverdue))
	assert.Equal(t, []string{"NET-01/Security group and WAF rule review", "GOV-01/Policy approval record"}, evidenceIDs(rep, dueSoon))
	assert.Equal(t, 4, rep.Summary.EvidenceOverdue)
	assert.Equal(t, 2, rep.Summary.EvidenceDueSoon)

	mdm := findEvidence(t, rep, "END-01/MDM compliance report")
	assert.True(t, mdm.Overdue)
	assert.Equal(t, -39, *mdm.DaysUntilDue)
	assert.Equal(t, false, *mdm.State.Overdue)
	assert.True(t, mdm.State.Stale)

	// The recomputed due dates are the provider's.
	for _, e := range rep.Evidence {
		if want, ok := stateNextDue[e.ID]; ok {
			assert.Equal(t, want, derefString(e.NextDue), e.ID)
		} else {
			assert.Nil(t, e.NextDue, e.ID)
			assert.Equal(t, dueNotPeriodic, e.Status, e.ID)
		}
	}
	require.Len(t, rep.Warnings, 1)
	assert.Equal(t, warnStaleState, rep.Warnings[0].Kind)
	assert.Contains(t, rep.Warnings[0].Message, "for 4 evidence requirement(s)")

	// --due-within narrows "due soon".
	opt := options(t, "2027-01-10")
	opt.DueWithin = 5
	rep = fileReport(t, stateFixture, opt)
	assert.Equal(t, []string{"NET-01/Security group and WAF rule review"}, evidenceIDs(rep, dueSoon))

	// A date-only due date is due all that day and late the next.
	rep = fileReport(t, stateFixture, options(t, "2026-12-02T23:59:59Z"))
	mdm = findEvidence(t, rep, "END-01/MDM compliance report")
	assert.Equal(t, dueSoon, mdm.Status)
	assert.Equal(t, 0, *mdm.DaysUntilDue)
	rep = fileReport(t, stateFixture, options(t, "2026-12-03"))
	mdm = findEvidence(t, rep, "END-01/MDM compliance report")
	assert.Equal(t, dueOverdue, mdm.Status)
	assert.Equal(t, -1, *mdm.DaysUntilDue)

	stdout := written(t, fileReport(t, stateFixture, options(t, "2027-01-10")), "text")
	assert.Regexp(t, `(?m)^  overdue   2026-12-02  39 days late  END-01/MDM compliance report +Lena Fischer <lena\.fischer@acme\.example> +stale: input says next_due 2026-12-02, overdue false$`, stdout)
	assert.Regexp(t, `(?m)^  due-soon  2027-01-14  in 4 days +NET-01/Security group and WAF rule review `, stdout)
}

func TestInventoryFailing(t *testing.T) {
	for _, tc := range []struct {
		name       string
		now        string
		categories []tsc.Category
		want       bool
	}{
		{"security has gaps", "2026-11-25", []tsc.Category{tsc.Security}, true},
		{"availability covered, nothing overdue", "2026-11-25", []tsc.Category{tsc.Availability}, false},
		{"availability covered, evidence overdue", "2027-01-10", []tsc.Category{tsc.Availability}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := fileReport(t, stateFixture, withCategories(options(t, tc.now), tc.categories...))
			assert.Equal(t, tc.want, rep.Failing())
		})
	}
}

func TestInventoryWarnsAboutUnknownScannerRules(t *testing.T) {
	// With the real catalogue, every rule the example names exists (the
	// provider checks it at plan time).
	rep := fileReport(t, stateFixture, options(t, "2026-11-25"))
	for _, c := range rep.Controls {
		assert.Empty(t, c.UnknownScannerRules, c.ControlID)
	}

	// A rule renamed or removed since the state was written.
	const removed = "aws-kms-key-rotation-enabled"
	require.NotNil(t, rules.Lookup(removed))
	opt := options(t, "2026-11-25")
	opt.RuleIDs = slices.DeleteFunc(opt.RuleIDs, func(id string) bool { return id == removed })

	rep = fileReport(t, stateFixture, opt)
	cry03 := findControl(t, rep, "CRY-03")
	assert.Equal(t, []string{removed}, cry03.UnknownScannerRules)
	assert.Equal(t, []string{removed}, cry03.ScannerRules)
	require.Len(t, rep.Warnings, 1)
	assert.Equal(t, Warning{
		Kind:    warnUnknownScannerRule,
		Address: "soc2_control.key_management",
		Message: `CRY-03: scanner rule "aws-kms-key-rotation-enabled" is not in the rule catalogue (was it renamed or removed?); see ` + "`terraform-provider-soc2 rules`",
	}, rep.Warnings[0])
	assert.Equal(t, 1, rep.Summary.Warnings)

	assert.Contains(t, written(t, rep, "text"), "\nWarnings (1)\n  soc2_control.key_management: CRY-03: scanner rule \"aws-kms-key-rotation-enabled\" is not in the rule catalogue")
	assert.Contains(t, written(t, rep, "markdown"), "\n## Warnings (1)\n\n- `soc2_control.key_management`: CRY-03: scanner rule \"aws-kms-key-rotation-enabled\" is not in the rule catalogue")
}

func TestInventoryJSONShape(t *testing.T) {
	stdout := written(t, fileReport(t, stateFixture, options(t, "2027-01-10")), "json")
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc))

	keys := func(m map[string]any) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	assert.Equal(t, []string{"as_of", "categories_in_scope", "controls", "coverage", "criteria", "due_within_days", "evidence", "format_version", "owners", "source", "summary", "warnings"}, keys(doc))
	assert.Equal(t, "1", doc["format_version"])
	assert.ElementsMatch(t, []string{"controls", "controls_by_status", "owners", "evidence_requirements", "criteria_in_scope", "criteria_covered", "criteria_not_applicable", "gaps", "evidence_overdue", "evidence_due_soon", "evidence_never_collected", "warnings"}, keys(doc["summary"].(map[string]any)))
	assert.ElementsMatch(t, []string{"gaps", "not_applicable", "controls_not_implemented"}, keys(doc["coverage"].(map[string]any)))

	control := doc["controls"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []string{"control_id", "address", "title", "status", "criteria", "owner", "backup_owner", "control_type", "automation", "frequency", "justification", "evidence_requirements", "evidence", "scanner_rules", "unknown_scanner_rules", "unknown"}, keys(control))
	assert.Nil(t, control["justification"], "unset attributes are null")
	assert.IsType(t, []any{}, control["unknown_scanner_rules"], "lists are never null")
	evidence := doc["evidence"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []string{"id", "address", "control_id", "name", "frequency", "owner", "last_collected", "next_due", "overdue", "days_until_due", "status", "state", "unknown"}, keys(evidence))
	assert.ElementsMatch(t, []string{"next_due", "overdue", "stale"}, keys(evidence["state"].(map[string]any)))
	owner := doc["owners"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []string{"id", "name", "email", "title", "team", "address", "declared", "controls", "backup_for", "evidence"}, keys(owner))
	criterion := doc["criteria"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []string{"id", "category", "title", "in_scope", "coverage", "controls"}, keys(criterion))

	// Sorted: controls by control_id, evidence by due date with undated last.
	var rep Report
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	assert.True(t, slices.IsSortedFunc(rep.Controls, func(x, y Control) int { return strings.Compare(x.ControlID, y.ControlID) }))
	var due []string
	undated := false
	for _, e := range rep.Evidence {
		if e.NextDue == nil {
			undated = true
			continue
		}
		assert.False(t, undated, "dated evidence after undated: %s", e.ID)
		due = append(due, *e.NextDue)
	}
	assert.True(t, slices.IsSorted(due))

	// Deterministic: the same input gives the same bytes.
	again := written(t, fileReport(t, stateFixture, options(t, "2027-01-10")), "json")
	assert.Equal(t, stdout, again)
}

func TestInventoryMarkdown(t *testing.T) {
	stdout := written(t, fileReport(t, stateFixture, withCategories(options(t, "2027-01-10"), tsc.Security, tsc.Availability)), "markdown")
	for _, heading := range []string{
		"# SOC 2 control inventory\n",
		"\n## Controls by criterion\n\n| Criterion | Control | Title | Status | Owner | Automation | Frequency | Evidence | Scanner rules |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
		"\n## Coverage of the in-scope criteria (security, availability)\n",
		"\n### Gaps: no implemented, partial or alternative control (9)\n",
		"\n### Not applicable: only justified not-applicable controls (2)\n",
		"\n## Evidence overdue, due within 30 days or never collected\n",
		"\n## Owners (5)\n",
	} {
		assert.Contains(t, stdout, heading)
	}
	assert.Contains(t, stdout, "| **CC6.1** Logical access security: identity, authN, segmentation, encryption, key protection, asset inventory | `CRY-01` | Encryption at rest | implemented | Marco Lindqvist (marco.lindqvist@acme.example) | automated | continuous | 1 | `aws-ebs-volume-encrypted`, `aws-efs-file-system-encrypted` |\n|  | `CRY-03` |")
	assert.Contains(t, stdout, "| **overdue** | 2026-12-02 | 39 days late | END-01/MDM compliance report | Lena Fischer (lena.fischer@acme.example) | stale: input says next\\_due 2026-12-02, overdue false |")

	// Every table row has as many cells as its header.
	var cells int
	for _, line := range strings.Split(stdout, "\n") {
		if !strings.HasPrefix(line, "|") {
			cells = 0
			continue
		}
		n := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1)) - 1
		if cells == 0 {
			cells = n
		}
		assert.Equal(t, cells, n, line)
	}

	// Cell text cannot break the table or inject HTML.
	doc := invStateDoc(
		invOwnerJSON("owner", "Ana <script>", "ana@example.com"),
		invControlJSON("pipes", map[string]any{"control_id": "X-01", "title": "Backups | restores *now*", "owner_id": "ana@example.com", "criteria": []string{"A1.2"}}),
	)
	stdout = written(t, reportOf(t, "<stdin>", doc, options(t, "2026-11-25")), "markdown")
	assert.Contains(t, stdout, "| `X-01` | Backups \\| restores \\*now\\* | implemented | Ana &lt;script&gt; (ana@example.com) |")

	// IDs stay code: a backtick becomes a quote, a pipe is escaped.
	doc = invStateDoc(invControlJSON("odd", map[string]any{"control_id": "X`01", "criteria": []string{"A1.2"}, "scanner_rules": []string{"rule|x"}}))
	stdout = written(t, reportOf(t, "<stdin>", doc, options(t, "2026-11-25")), "markdown")
	assert.Contains(t, stdout, "| `X'01` | A control | implemented | - | - | - | 0 | `rule\\|x` |")
}

func TestInventoryReadsPlans(t *testing.T) {
	rep := fileReport(t, planFixture, options(t, "2026-11-25"))
	assert.Equal(t, formPlan, rep.Source.Form)

	var ids []string
	for _, c := range rep.Controls {
		ids = append(ids, c.ControlID)
	}
	assert.Equal(t, []string{"CRY-01", "HR-01", "MON-01"}, ids, "child modules are read; data sources and other types are not")
	assert.Equal(t, "module.people.soc2_control.training", findControl(t, rep, "HR-01").Address)

	mon := findControl(t, rep, "MON-01")
	assert.Nil(t, mon.Owner)
	assert.Equal(t, []string{"owner_id"}, mon.Unknown)
	assert.Empty(t, findControl(t, rep, "CRY-01").Unknown, "after_unknown false is known")
	assert.Equal(t, []string{"CRY-01/Encryption scan results"}, findControl(t, rep, "CRY-01").Evidence)
	assert.Equal(t, []string{"CRY-01/Encryption scan results"}, evidenceIDs(rep, dueSoon))

	var kinds []string
	for _, w := range rep.Warnings {
		kinds = append(kinds, w.Kind+" "+w.Address)
	}
	assert.Equal(t, []string{
		warnUndeclaredOwner + " module.people.soc2_control.training",
		warnUnknownValue + " soc2_control.monitoring",
	}, kinds)

	stdout := written(t, rep, "text")
	assert.Contains(t, stdout, "(Terraform 1.11.4 plan: the inventory once it is applied)")
	assert.Regexp(t, `(?m)^  MON-01 +Internal control evaluation +planned +\(known after apply\) +manual`, stdout)
	assert.Regexp(t, `(?m)^    MON-01 +Internal control evaluation +planned +\(known after apply\)$`, stdout)
	assert.Regexp(t, `(?m)^  HR-01 +Security awareness training +implemented +lena\.fischer@acme\.example \(not declared\) `, stdout)
}

func TestInventoryReportsInconsistentInventories(t *testing.T) {
	doc := invStateDoc(
		invOwnerJSON("a", "Ana", "ana@example.com"),
		invOwnerJSON("a_again", "Ana Again", "ANA@example.com"),
		invControlJSON("one", map[string]any{"control_id": "X-01", "owner_id": "ana@example.com", "criteria": []string{"CC6.1", "CC6.10"}}),
		invControlJSON("two", map[string]any{"control_id": "X-01", "owner_id": "ana@example.com", "status": "done"}),
		invEvidenceJSON("orphan", map[string]any{"control_id": "Y-01", "name": "Lost"}),
		invEvidenceJSON("bad_date", map[string]any{"control_id": "X-01", "name": "Report", "frequency": "monthly", "last_collected": "last week"}),
		map[string]any{
			"address": "soc2_control.fork", "mode": "managed", "type": "soc2_control", "name": "fork",
			"provider_name": "registry.terraform.io/someone-else/soc2", "values": map[string]any{},
		},
	)
	rep := reportOf(t, "<stdin>", doc, options(t, "2026-11-25"))
	got := map[string]string{}
	for _, w := range rep.Warnings {
		got[w.Kind+" "+w.Address] = w.Message
	}
	assert.Contains(t, got[warnDuplicate+" soc2_control_owner.a_again"], "declared twice")
	assert.Contains(t, got[warnDuplicate+" soc2_control.two"], "control_id X-01 is declared twice")
	assert.Contains(t, got[warnUnknownCriterion+" soc2_control.one"], `"CC6.10" is not a SOC 2 Trust Services Criterion`)
	assert.Contains(t, got[warnInvalidValue+" soc2_control.two"], `status "done"`)
	assert.Contains(t, got[warnOrphanEvidence+" soc2_evidence_requirement.orphan"], `"Y-01"`)
	assert.Contains(t, got[warnInvalidValue+" soc2_evidence_requirement.bad_date"], `"last week" is not an RFC 3339 date`)
	assert.Contains(t, got[warnOtherProvider+" soc2_control.fork"], "registry.terraform.io/someone-else/soc2")
	assert.Len(t, got, 7)
	assert.Equal(t, dueUnknown, findEvidence(t, rep, "X-01/Report").Status)
	assert.Equal(t, map[string]int{"implemented": 1, "done": 1}, rep.Summary.ControlsByStatus)
	i := slices.Index(criterionIDs(rep.Criteria), "CC6.10")
	require.GreaterOrEqual(t, i, 0, "a control's unknown criterion is still shown")
	assert.Equal(t, len(rep.Criteria)-1, i, "unknown criteria sort last")

	// Not a single soc2 resource: a report, but an empty one.
	inv, err := Parse("<stdin>", []byte(doc))
	require.NoError(t, err)
	assert.False(t, inv.Empty())
	inv, err = Parse("<stdin>", []byte(invStateDoc()))
	require.NoError(t, err)
	assert.True(t, inv.Empty())
	assert.Equal(t, Summary{ControlsByStatus: map[string]int{}, CriteriaInScope: 33, Gaps: 33}, NewReport(inv, options(t, "2026-11-25")).Summary)
}

func TestInventoryRejectsBadInput(t *testing.T) {
	data, err := os.ReadFile(brokenFixture)
	require.NoError(t, err)
	_, err = Parse(brokenFixture, data)
	require.Error(t, err)
	assert.Equal(t, brokenFixture+`:6:5: invalid JSON: invalid character '"' after object key:value pair`, err.Error())

	for _, tc := range []struct {
		name, input, want string
	}{
		{"empty", "", "<stdin>: empty input"},
		{"truncated", "{\n  \"format_version\": \"1.0\",\n  \"values\": {", "<stdin>:3:14: invalid JSON: unexpected end of input"},
		{"two documents", `{"format_version":"1.0"} {}`, "<stdin>:1:26: invalid JSON: unexpected data after the top-level JSON value"},
		{"wrong type", "{\"format_version\": \"1.0\",\n \"values\": {\"root_module\": {\"resources\": {}}}}", "<stdin>:2:"},
		{"not an object", "[1]", "<stdin>:1:2: the document: want an object, got array"},
		{"raw state file", `{"version": 4, "terraform_version": "1.11.4", "resources": []}`, "this is a raw state file"},
		{"no format_version", `{"values": {}}`, "no format_version"},
		{"future format", `{"format_version": "2.0", "values": {}}`, `unsupported format_version "2.0"`},
		{"no state", `{"format_version": "1.0"}`, "<stdin>: no state: the input has neither values (state) nor planned_values (plan)"},
		{"attribute of the wrong type", invStateDoc(invControlJSON("x", map[string]any{"criteria": "CC6.1"})), "<stdin>: soc2_control.x: criteria: want a list of strings, got a string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := Parse("<stdin>", []byte(tc.input))
			assert.Nil(t, inv)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// invStateDoc builds a state-form `terraform show -json` document holding
// resources.
func invStateDoc(resources ...map[string]any) string {
	if resources == nil {
		resources = []map[string]any{}
	}
	doc := map[string]any{
		"format_version": "1.0", "terraform_version": "1.11.4",
		"values": map[string]any{"root_module": map[string]any{"resources": resources}},
	}
	data, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return string(data)
}

func invResourceJSON(typ, name string, values map[string]any) map[string]any {
	return map[string]any{
		"address": typ + "." + name, "mode": "managed", "type": typ, "name": name,
		"provider_name": ProviderAddress, "values": values,
	}
}

func invOwnerJSON(name, fullName, email string) map[string]any {
	return invResourceJSON(TypeOwner, name, map[string]any{"id": email, "email": email, "name": fullName, "title": nil, "team": nil})
}

// invControlJSON is a soc2_control with every attribute, defaults overridden by
// values.
func invControlJSON(name string, values map[string]any) map[string]any {
	v := map[string]any{
		"control_id": "C-01", "title": "A control", "status": "implemented", "criteria": []string{"CC6.1"},
		"owner_id": nil, "backup_owner_id": nil, "control_type": nil, "automation": nil, "frequency": nil,
		"justification": nil, "scanner_rules": nil,
	}
	for k, x := range values {
		v[k] = x
	}
	return invResourceJSON(TypeControl, name, v)
}

func invEvidenceJSON(name string, values map[string]any) map[string]any {
	v := map[string]any{
		"control_id": "C-01", "name": "Evidence", "frequency": "continuous", "owner_id": nil,
		"last_collected": nil, "next_due": nil, "overdue": false,
	}
	for k, x := range values {
		v[k] = x
	}
	v["id"] = fmt.Sprintf("%s/%s", v["control_id"], v["name"])
	return invResourceJSON(TypeEvidence, name, v)
}

func ptrTo[T any](v T) *T { return &v }
