package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// The command's tests check what the command adds to package inventory:
// flags, input, streams and exit codes. The report itself is tested there,
// on the same fixtures.
var (
	stateFixture  = filepath.Join("..", "..", "provider", "inventory", "testdata", "state.json")
	brokenFixture = filepath.Join("..", "..", "provider", "inventory", "testdata", "broken.json")
)

// inventoryCmd runs `inventory args...` with stdin as its standard input.
func inventoryCmd(stdin string, args ...string) (code int, stdout, stderr string) {
	return inventoryCmdWith(catalogueDeps(), Streams{Stdin: strings.NewReader(stdin)}, args...)
}

// inventoryCmdWith is inventoryCmd with d as the dependencies and s's
// stdin and terminal settings.
func inventoryCmdWith(d Deps, s Streams, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	s.Stdout, s.Stderr = &out, &errb
	code = Main(append([]string{"inventory"}, args...), s, d)
	return code, out.String(), errb.String()
}

// flagReport is the part of the JSON report that the command's flags decide.
type flagReport struct {
	AsOf              string   `json:"as_of"`
	DueWithinDays     int      `json:"due_within_days"`
	CategoriesInScope []string `json:"categories_in_scope"`
	Source            struct {
		Name string `json:"name"`
	} `json:"source"`
	Summary struct {
		EvidenceOverdue int `json:"evidence_overdue"`
		EvidenceDueSoon int `json:"evidence_due_soon"`
	} `json:"summary"`
}

// inventoryJSON runs the command with --format json and decodes the report.
func inventoryJSON(t *testing.T, stdin string, args ...string) (int, flagReport) {
	t.Helper()
	code, stdout, stderr := inventoryCmd(stdin, append([]string{"--format", "json"}, args...)...)
	require.NotEqual(t, ExitError, code, "stderr: %s", stderr)
	var rep flagReport
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep), "stdout: %s", stdout)
	return code, rep
}

func TestInventoryFlags(t *testing.T) {
	_, rep := inventoryJSON(t, "", "--now", "2027-01-10", stateFixture)
	assert.Equal(t, "2027-01-10T00:00:00Z", rep.AsOf)
	assert.Equal(t, stateFixture, rep.Source.Name)
	assert.Equal(t, []string{"security"}, rep.CategoriesInScope, "security is the default scope")
	assert.Equal(t, 30, rep.DueWithinDays)
	assert.Equal(t, 4, rep.Summary.EvidenceOverdue)
	assert.Equal(t, 2, rep.Summary.EvidenceDueSoon)

	_, rep = inventoryJSON(t, "", "--now", "2027-01-10", "--due-within", "5", "--categories", "availability, security", stateFixture)
	assert.Equal(t, 5, rep.DueWithinDays)
	assert.Equal(t, 1, rep.Summary.EvidenceDueSoon)
	assert.Equal(t, []string{"security", "availability"}, rep.CategoriesInScope, "categories in catalogue order")

	_, rep = inventoryJSON(t, "", "--now", "2026-12-02T23:59:59Z", stateFixture)
	assert.Equal(t, "2026-12-02T23:59:59Z", rep.AsOf)

	// The text formats show --now the way it was written.
	_, stdout, _ := inventoryCmd("", "--now", "2027-01-10", stateFixture)
	assert.Contains(t, stdout, "  As of     2027-01-10, evidence due within 30 days\n")
}

func TestInventoryUsesTheClockByDefault(t *testing.T) {
	d := catalogueDeps()
	d.Now = func() time.Time { return time.Date(2027, 1, 10, 9, 30, 0, 0, time.UTC) }
	code, stdout, stderr := inventoryCmdWith(d, Streams{}, "--format", "json", stateFixture)
	require.Equal(t, ExitOK, code, stderr)
	var rep flagReport
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	assert.Equal(t, "2027-01-10T09:30:00Z", rep.AsOf)
	assert.Equal(t, 4, rep.Summary.EvidenceOverdue)
}

func TestInventoryFailOnGaps(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"gaps without the flag", []string{"--now", "2026-11-25"}, ExitOK},
		{"security has gaps", []string{"--fail-on-gaps", "--now", "2026-11-25"}, ExitFindings},
		{"availability covered, nothing overdue", []string{"--fail-on-gaps", "--categories", "availability", "--now", "2026-11-25"}, ExitOK},
		{"availability covered, evidence overdue", []string{"--fail-on-gaps", "--categories", "availability", "--now", "2027-01-10"}, ExitFindings},
		{"overdue without the flag", []string{"--categories", "availability", "--now", "2027-01-10"}, ExitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := inventoryCmd("", append(tc.args, stateFixture)...)
			assert.Equal(t, tc.want, code, stderr)
			assert.Contains(t, stdout, "SOC 2 control inventory", "the report is written whatever the exit code")
		})
	}
}

func TestInventoryWarningsOnStderr(t *testing.T) {
	// Six weeks on, state is stale: one warning.
	code, stdout, stderr := inventoryCmd("", "--now", "2027-01-10", stateFixture)
	assert.Equal(t, ExitOK, code, "a warning, not a failure")
	assert.Contains(t, stdout, "\nWarnings (1)\n  next_due or overdue in the state differ")
	assert.Empty(t, stderr, "text shows warnings in the report")

	for _, format := range []string{"json", "markdown"} {
		code, _, stderr = inventoryCmd("", "--format", format, "--now", "2027-01-10", stateFixture)
		assert.Equal(t, ExitOK, code)
		assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
		assert.True(t, strings.HasPrefix(stderr, "terraform-provider-soc2 inventory: warning: next_due or overdue in the state differ"),
			"machine formats repeat warnings on stderr: %s", stderr)
	}

	// Not a single soc2 resource: report, but say so.
	code, stdout, stderr = inventoryCmd(`{"format_version": "1.0", "values": {"root_module": {}}}`, "--format", "json")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, stdout, `"controls": []`)
	assert.Equal(t, "terraform-provider-soc2 inventory: warning: <stdin> has no soc2_control, soc2_control_owner, soc2_evidence_requirement resources of registry.terraform.io/soc2-as-code/soc2\n", stderr)
}

func TestInventoryReadsStdin(t *testing.T) {
	data, err := os.ReadFile(stateFixture)
	require.NoError(t, err)
	_, fromFile, _ := inventoryCmd("", "--format", "json", "--now", "2027-01-10", stateFixture)

	for _, args := range [][]string{{}, {"-"}} {
		code, stdout, stderr := inventoryCmd(string(data), append([]string{"--format", "json", "--now", "2027-01-10"}, args...)...)
		require.Equal(t, ExitOK, code, stderr)
		assert.Equal(t, strings.Replace(fromFile, fmt.Sprintf("%q", stateFixture), `"<stdin>"`, 1), stdout, "args %q", args)
	}

	// Nothing piped in at a terminal: say how to use it rather than wait.
	atTerminal := func(stdin string) Streams {
		return Streams{Stdin: strings.NewReader(stdin), StdinIsTerminal: true}
	}
	code, stdout, stderr := inventoryCmdWith(catalogueDeps(), atTerminal(""))
	assert.Equal(t, ExitError, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "no input: pass STATE_JSON or pipe it in")
	code, _, _ = inventoryCmdWith(catalogueDeps(), atTerminal(string(data)), "-")
	assert.Equal(t, ExitOK, code, `"-" reads stdin even from a terminal`)
}

func TestInventoryRejectsBadInput(t *testing.T) {
	code, stdout, stderr := inventoryCmd("", brokenFixture)
	assert.Equal(t, ExitError, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "terraform-provider-soc2 inventory: "+brokenFixture+`:6:5: invalid JSON: invalid character '"' after object key:value pair`+"\n", stderr)

	for _, tc := range []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"empty", "", []string{"-"}, "<stdin>: empty input"},
		{"not terraform show output", `{"values": {}}`, nil, "<stdin>: not the output of `terraform show -json`: no format_version"},
		{"missing file", "", []string{"no-such.json"}, "cannot read no-such.json: no such file or directory"},
		{"two files", "", []string{"a.json", "b.json"}, "one STATE_JSON at most, got 2"},
		{"bad format", "", []string{"--format", "sarif"}, `--format: invalid value "sarif": use one of text, json, markdown`},
		{"bad category", "", []string{"--categories", "security,secrecy"}, `--categories: unknown category "secrecy"`},
		{"no category", "", []string{"--categories", ","}, "--categories: name at least one category"},
		{"bad now", "", []string{"--now", "2027-13-01"}, `--now: "2027-13-01" is not an RFC 3339 date`},
		{"negative due-within", "", []string{"--due-within", "-1"}, "--due-within: -1 is negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := inventoryCmd(tc.stdin, tc.args...)
			assert.Equal(t, ExitError, code)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, "terraform-provider-soc2 inventory: "+tc.want)
		})
	}
}

func TestInventoryIsACommand(t *testing.T) {
	code, stdout, _ := run("help")
	require.Equal(t, ExitOK, code)
	assert.Contains(t, stdout, "inventory  Report the SOC 2 control inventory")
	code, _, stderr := run("inventory", "-h")
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, "terraform show -json | terraform-provider-soc2 inventory")
	assert.Contains(t, stderr, "-fail-on-gaps")
}

func TestInventoryChecksScannerRulesAgainstTheCatalogueItIsGiven(t *testing.T) {
	code, stdout, stderr := inventoryCmd("", "--now", "2026-11-25", stateFixture)
	require.Equal(t, ExitOK, code, stderr)
	assert.NotContains(t, stdout, "is not in the rule catalogue", "every rule the fixture names exists")

	// A rule renamed or removed since the state was written.
	const removed = "aws-kms-key-rotation-enabled"
	d := catalogueDeps()
	d.Rules = slices.DeleteFunc(slices.Clone(d.Rules), func(r *scanner.Rule) bool { return r.ID == removed })
	require.Len(t, d.Rules, len(catalogueDeps().Rules)-1, "the fixture's rule is in the catalogue")
	code, stdout, stderr = inventoryCmdWith(d, Streams{}, "--now", "2026-11-25", stateFixture)
	assert.Equal(t, ExitOK, code, "a warning, not a failure")
	assert.Contains(t, stdout, "\nWarnings (1)\n  soc2_control.key_management: CRY-03: scanner rule \""+removed+"\" is not in the rule catalogue")
	assert.Empty(t, stderr)
}
