package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

// The end-to-end tests build the real provider binary, install it for the
// real Terraform CLI through dev_overrides (so no `terraform init` and no
// registry), and run validate, plan, apply and show on the examples, the
// way a user would.

// e2e holds what every end-to-end subtest needs.
type e2e struct {
	env []string // environment for terraform commands
}

func TestE2E(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end tests build the provider and run Terraform; skipped with -short")
	}
	requireTerraform(t)

	e := setupE2E(t)
	t.Run("examples are formatted", func(t *testing.T) {
		out, err := e.terraform(t, filepath.Join("..", "examples"), "fmt", "-check", "-recursive", "-diff")
		require.NoError(t, err, "run `terraform fmt -recursive examples`:\n%s", out)
	})
	t.Run("inventory applies", e.testInventory)
	t.Run("plan rejects", e.testPlanRejects)
	t.Run("plan warns", e.testPlanWarns)
	t.Run("plan warns about a removed owner", e.testOwnerRemoved)
}

// setupE2E builds the provider into a temporary directory and writes a CLI
// configuration that makes Terraform use it.
func setupE2E(t testing.TB) *e2e {
	t.Helper()
	pluginDir := t.TempDir()
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the end-to-end test builds the provider with the go command, which is not on PATH")
	binary := filepath.Join(pluginDir, "terraform-provider-soc2")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command(goTool, "build", "-o", binary, ".")
	build.Dir = ".." // the module root, where main.go is
	out, err := build.CombinedOutput()
	require.NoError(t, err, "building the provider:\n%s", out)

	cliConfig := filepath.Join(t.TempDir(), "terraformrc")
	require.NoError(t, os.WriteFile(cliConfig, fmt.Appendf(nil, `provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, inventory.ProviderAddress, filepath.ToSlash(pluginDir)), 0o600))

	var env []string
	for _, kv := range os.Environ() {
		// Never let the test process's own settings redirect Terraform.
		if strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") || strings.HasPrefix(kv, "TF_REATTACH_PROVIDERS=") ||
			strings.HasPrefix(kv, "TF_LOG=") || strings.HasPrefix(kv, "TF_DATA_DIR=") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	return &e2e{env: env}
}

// terraform runs the Terraform CLI in dir and returns its combined output.
func (e *e2e) terraform(t testing.TB, dir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(terraformPath, append(args, "-no-color")...)
	cmd.Dir = dir
	cmd.Env = e.env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	return out.String(), err
}

// mustTerraform is terraform for commands that must succeed.
func (e *e2e) mustTerraform(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := e.terraform(t, dir, args...)
	require.NoError(t, err, "terraform %s:\n%s", strings.Join(args, " "), out)
	return out
}

// writeConfig writes a configuration into a new directory, with the
// required_providers block in its own file so that line numbers in main.tf
// are those of the test's text.
func writeConfig(t testing.TB, mainTF string) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "versions.tf"), []byte(`terraform {
  required_providers {
    soc2 = {
      source = "soc2-as-code/soc2"
    }
  }
}
`), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(mainTF), 0o600))
	return dir
}

// flat joins Terraform's wrapped output into single spaces so that messages
// can be matched whatever the line width.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func (e *e2e) testInventory(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, copyDir(filepath.Join("..", "examples", "inventory"), dir))

	e.mustTerraform(t, dir, "validate")
	plan := e.mustTerraform(t, dir, "plan")
	assert.Contains(t, plan, "Plan: 52 to add, 0 to change, 0 to destroy.")
	applyOut := e.mustTerraform(t, dir, "apply", "-auto-approve")
	assert.Contains(t, applyOut, "Apply complete! Resources: 52 added, 0 changed, 0 destroyed.")

	shown := e.mustTerraform(t, dir, "show", "-json")
	var state showState
	require.NoError(t, json.Unmarshal([]byte(shown), &state))
	// The reports read the scope from state, from soc2_scope.
	inv, err := inventory.Parse("state.json", []byte(shown))
	require.NoError(t, err)
	require.NotNil(t, inv.Scope())
	assert.Equal(t, []tsc.Category{tsc.Security, tsc.Availability}, inv.Scope().Categories)
	assert.Equal(t, "2026-12-31", inv.Scope().WindowEnd)
	byType := map[string]map[string]map[string]any{}
	for _, r := range state.Values.RootModule.Resources {
		if r.Mode != "managed" {
			continue
		}
		if byType[r.Type] == nil {
			byType[r.Type] = map[string]map[string]any{}
		}
		byType[r.Type][r.Name] = r.Values
	}
	owners, controls, evidence := byType["soc2_control_owner"], byType["soc2_control"], byType["soc2_evidence_requirement"]
	require.Len(t, owners, 5)
	require.Len(t, controls, 21)
	require.Len(t, evidence, 25)

	ownerIDs := map[any]bool{}
	for _, o := range owners {
		assert.Equal(t, o["email"], o["id"])
		ownerIDs[o["id"]] = true
	}

	accessReview := controls["access_review"]
	assert.Equal(t, "IAM-03", accessReview["id"])
	assert.Equal(t, "IAM-03", accessReview["control_id"])
	assert.Equal(t, []any{"CC6.2", "CC6.3"}, accessReview["criteria"])
	assert.Equal(t, []any{"security"}, accessReview["categories"])
	assert.Equal(t, "priya.raman@acme.example", accessReview["owner_id"])
	assert.Equal(t, "dana.okafor@acme.example", accessReview["backup_owner_id"])
	assert.Equal(t, "quarterly", accessReview["frequency"])
	assert.ElementsMatch(t, []any{"availability", "security"}, controls["backups"]["categories"])
	assert.Equal(t, "not-applicable", controls["physical_security"]["status"])
	assert.NotEmpty(t, controls["physical_security"]["justification"])

	controlIDs := map[any]bool{}
	controlOwners := map[any]any{}
	criteria := map[string]bool{}
	for name, c := range controls {
		assert.Equal(t, c["control_id"], c["id"], name)
		assert.True(t, ownerIDs[c["owner_id"]], "%s: owner_id %v is not an owner", name, c["owner_id"])
		controlIDs[c["id"]] = true
		controlOwners[c["id"]] = c["owner_id"]
		for _, id := range c["criteria"].([]any) {
			criteria[id.(string)] = true
		}
	}
	for _, want := range []string{"CC6.1", "CC6.2", "CC6.3", "CC6.6", "CC6.7", "CC6.8", "CC7.1", "CC7.2", "CC7.3", "CC7.4", "CC7.5", "CC8.1", "A1.2", "A1.3"} {
		assert.True(t, criteria[want], "the inventory covers %s", want)
	}

	signoff := evidence["access_review_signoff"]
	assert.Equal(t, "IAM-03/Access review sign-off", signoff["id"])
	assert.Equal(t, "2026-10-06", signoff["last_collected"])
	assert.Equal(t, "2027-01-06", signoff["next_due"])
	assert.EqualValues(t, 548, signoff["retention_days"])
	assert.EqualValues(t, 730, evidence["penetration_test"]["retention_days"])
	assert.Nil(t, evidence["pull_requests"]["next_due"], "per-event evidence has no due date")
	assert.Equal(t, false, evidence["pull_requests"]["overdue"])

	// The inventory's dates are fixed while time moves on, so which
	// requirements are overdue depends on the day the test runs: compute it
	// from today's date, and check that each overdue one was reported.
	today := time.Now().UTC().Format("2006-01-02")
	wantOverdue := []string{}
	for name, ev := range evidence {
		assert.True(t, controlIDs[ev["control_id"]], "%s: control_id %v is not a control", name, ev["control_id"])
		due, _ := ev["next_due"].(string)
		overdue := due != "" && today > due
		assert.Equal(t, overdue, ev["overdue"], "%s (next_due %q, today %s)", name, due, today)
		if overdue {
			wantOverdue = append(wantOverdue, fmt.Sprintf("%s (due %s)", ev["id"], due))
			assert.Contains(t, flat(applyOut), fmt.Sprintf("Warning: Evidence overdue: %s", ev["name"]))
			if ev["owner_id"] == nil {
				// The warning names the control's owner.
				assert.Contains(t, flat(applyOut), fmt.Sprintf("Owner: %s (owner of control %s; the requirement sets no owner_id)",
					controlOwners[ev["control_id"]], ev["control_id"]))
			}
		}
	}
	sort.Strings(wantOverdue)
	gotOverdue := toStrings(state.Values.Outputs["overdue_evidence"].Value)
	sort.Strings(gotOverdue)
	assert.Equal(t, wantOverdue, gotOverdue, "the overdue_evidence output")
	if len(wantOverdue) > 0 {
		assert.Contains(t, flat(applyOut), "Overdue SOC 2 evidence:", "the evidence_is_current check fails")
	} else {
		assert.NotContains(t, applyOut, "Check block assertion failed")
	}

	// Nothing changed, so nothing to do: no perpetual diff.
	assert.Contains(t, e.mustTerraform(t, dir, "plan", "-detailed-exitcode"), "No changes.")
}

// Each mistake fails the plan with a message that names the bad value and
// says exactly what to write instead.
func (e *e2e) testPlanRejects(t *testing.T) {
	const owner = `
resource "soc2_control_owner" "alice" {
  name  = "Alice Example"
  email = "alice@example.com"
}
`
	for name, tc := range map[string]struct {
		config string
		want   []string
	}{
		"criterion typo": {
			config: owner + `
resource "soc2_control" "test" {
  control_id  = "CRY-01"
  title       = "Encryption at rest"
  description = "Customer data is encrypted."
  criteria    = ["CC6.10"]
  owner_id    = soc2_control_owner.alice.id
}`,
			want: []string{
				"Error: Unknown SOC 2 criterion",
				`with soc2_control.test, on main.tf line 11, in resource "soc2_control" "test":`,
				`11: criteria = ["CC6.10"]`,
				`"CC6.10" is not a SOC 2 Trust Services Criterion (TSC 2017); did you mean "CC6.1"?`,
			},
		},
		"bad email": {
			config: `
resource "soc2_control_owner" "alice" {
  name  = "Alice Example"
  email = "alice.example.com"
}`,
			want: []string{
				"Error: Invalid e-mail address",
				`with soc2_control_owner.alice, on main.tf line 4, in resource "soc2_control_owner" "alice":`,
				`"alice.example.com" is not an e-mail address; write a bare address such as alice@example.com`,
			},
		},
		"not-applicable without justification": {
			config: owner + `
resource "soc2_control" "test" {
  control_id  = "PHY-01"
  title       = "Physical security"
  description = "Offices are locked."
  criteria    = ["CC6.4"]
  owner_id    = soc2_control_owner.alice.id
  status      = "not-applicable"
}`,
			want: []string{
				"Error: Missing justification",
				`on main.tf line 13, in resource "soc2_control" "test": 13: status = "not-applicable"`,
				`Control PHY-01 has status "not-applicable", which needs a justification: set justification to why the control does not apply`,
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := e.terraform(t, writeConfig(t, tc.config), "plan")
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "terraform plan must fail:\n%s", out)
			assert.Equal(t, 1, exit.ExitCode())
			for _, want := range tc.want {
				assert.Contains(t, flat(out), want)
			}
		})
	}
}

// Warnings do not stop a plan but must say what is wrong and who owns it.
func (e *e2e) testPlanWarns(t *testing.T) {
	dir := writeConfig(t, fmt.Sprintf(`
provider "soc2" {
  categories_in_scope = ["availability"]
}

resource "soc2_control_owner" "alice" {
  name  = "Alice Example"
  email = "alice@example.com"
}

resource "soc2_control" "privacy" {
  control_id  = "PRV-01"
  title       = "Privacy notice"
  description = "The privacy notice is reviewed every year."
  criteria    = ["P1.1"]
  owner_id    = soc2_control_owner.alice.id
}

resource "soc2_evidence_requirement" "notice" {
  control_id     = soc2_control.privacy.id
  name           = "Privacy notice review"
  frequency      = "annual"
  owner_id       = soc2_control_owner.alice.id
  last_collected = "2020-01-15"
}

check "evidence_is_current" {
  assert {
    condition     = !soc2_evidence_requirement.notice.overdue
    error_message = "${soc2_evidence_requirement.notice.id} was due on ${soc2_evidence_requirement.notice.next_due}."
  }
}

data "soc2_scan" "infra" {
  path = %q
}

resource "soc2_control" "encryption" {
  control_id    = "CRY-01"
  title         = "Encryption at rest"
  description   = "Customer data stores are encrypted with KMS keys."
  criteria      = ["CC6.1"]
  owner_id      = soc2_control_owner.alice.id
  scanner_rules = ["aws-rds-storage-encrypted"]
  scan_findings = data.soc2_scan.infra.findings
}
`, scanFixture(t, "insecure")))
	out := flat(e.mustTerraform(t, dir, "plan"))
	for _, want := range []string{
		`Warning: Security is always in scope`,
		`Warning: Control outside the audit scope`,
		`Control PRV-01 maps only to criteria in "privacy" (P1.1), and no category of them is in the provider's categories_in_scope "security" and "availability".`,
		`Warning: Evidence overdue: Privacy notice review`,
		`Evidence requirement "Privacy notice review" of control PRV-01 was due on 2021-01-15 (last collected 2020-01-15, annual). Owner: alice@example.com.`,
		`Warning: Check block assertion failed`,
		`PRV-01/Privacy notice review was due on 2021-01-15.`,
		`Warning: Control failing its scanner rules`,
		`Control "CRY-01" (owner alice@example.com) is failing:`,
		`on its scanner rules: aws-rds-storage-encrypted: aws_db_instance.main (`,
	} {
		assert.Contains(t, out, want)
	}
}

// An owner named by a literal owner_id rather than a reference can be
// removed without Terraform noticing: the plan warns.
func (e *e2e) testOwnerRemoved(t *testing.T) {
	const control = `
resource "soc2_control" "backups" {
  control_id  = "OPS-01"
  title       = "Database backups"
  description = "Databases are backed up every day."
  criteria    = ["CC6.1"]
  owner_id    = "bob@example.com"
}
`
	dir := writeConfig(t, control+`
resource "soc2_control_owner" "bob" {
  name  = "Bob Example"
  email = "bob@example.com"
}
`)
	out := flat(e.mustTerraform(t, dir, "apply", "-auto-approve"))
	assert.NotContains(t, out, "Owner removed")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(control), 0o600))
	out = flat(e.mustTerraform(t, dir, "plan"))
	assert.Contains(t, out, "Warning: Owner removed")
	assert.Contains(t, out, `"bob@example.com"`)
	assert.Contains(t, out, "OPS-01")
	assert.Contains(t, out, "Plan: 0 to add, 0 to change, 1 to destroy.")
}

// showState is the part of `terraform show -json` the tests read.
type showState struct {
	Values struct {
		Outputs map[string]struct {
			Value any `json:"value"`
		} `json:"outputs"`
		RootModule struct {
			Resources []struct {
				Mode   string         `json:"mode"`
				Type   string         `json:"type"`
				Name   string         `json:"name"`
				Values map[string]any `json:"values"`
			} `json:"resources"`
		} `json:"root_module"`
	} `json:"values"`
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, s := range list {
		out = append(out, fmt.Sprint(s))
	}
	return out
}

// copyDir copies the regular files of src into dst, skipping Terraform's
// working files in case someone ran Terraform in the example.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if name == ".terraform" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasPrefix(name, "terraform.tfstate") || name == ".terraform.lock.hcl" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("copying the example: %w", err)
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o600)
	})
}
