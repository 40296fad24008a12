package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/coverage"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// automatedConfig scans the insecure fixture and declares three controls:
// one citing a failing rule, one citing only a rule that passes there, and
// one without scan findings. A check block turns the failure into a gate.
func automatedConfig(fixture string) string {
	return ownerConfig + fmt.Sprintf(`
data "soc2_scan" "infra" {
  path           = %q
  include_passed = true
}

resource "soc2_control" "encryption" {
  control_id    = "CRY-01"
  title         = "Encryption at rest"
  description   = "Customer data stores are encrypted with KMS keys."
  criteria      = ["CC6.1"]
  owner_id      = soc2_control_owner.alice.id
  scanner_rules = ["aws-rds-storage-encrypted", "aws-rds-instance-not-publicly-accessible"]
  scan_findings = data.soc2_scan.infra.findings
}

resource "soc2_control" "network" {
  control_id    = "NET-01"
  title         = "No public databases"
  description   = "Databases are not reachable from the internet."
  criteria      = ["CC6.6"]
  owner_id      = soc2_control_owner.bob.id
  scanner_rules = ["aws-rds-instance-not-publicly-accessible"]
  scan_findings = data.soc2_scan.infra.findings
}

resource "soc2_control" "manual" {
  control_id    = "NET-02"
  title         = "No public databases (manual review)"
  description   = "Databases are not reachable from the internet."
  criteria      = ["CC6.6"]
  owner_id      = soc2_control_owner.bob.id
  scanner_rules = ["aws-rds-instance-not-publicly-accessible"]
}

check "controls_pass" {
  assert {
    condition     = soc2_control.encryption.automated_status != "failing"
    error_message = "CRY-01 fails on ${join(", ", soc2_control.encryption.failing_resources)}"
  }
}
`, fixture)
}

func TestAccControl_automatedStatus(t *testing.T) {
	requireTerraform(t)
	fixture := scanFixture(t, "insecure")
	requireNoConfigAbove(t, fixture)
	// On the fake clock's day the inline suppression of the legacy database
	// is in force, so only the main one fails.
	failing := knownvalue.ListExact([]knownvalue.Check{
		knownvalue.StringExact("aws-rds-storage-encrypted: aws_db_instance.main (testdata/scan/insecure/main.tf:6)"),
	})
	none := knownvalue.ListExact([]knownvalue.Check{})
	const encryption, network, manual = "soc2_control.encryption", "soc2_control.network", "soc2_control.manual"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: automatedConfig(fixture),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				// The data source is read during plan, so the status is
				// known in the plan, not only after apply.
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(encryption, tfjsonpath.New("automated_status"), knownvalue.StringExact("failing")),
					plancheck.ExpectKnownValue(encryption, tfjsonpath.New("failing_resources"), failing),
					plancheck.ExpectKnownValue(network, tfjsonpath.New("automated_status"), knownvalue.StringExact("passing")),
					plancheck.ExpectKnownValue(network, tfjsonpath.New("failing_resources"), none),
					plancheck.ExpectKnownValue(manual, tfjsonpath.New("automated_status"), knownvalue.StringExact("not-evaluated")),
					plancheck.ExpectKnownValue(manual, tfjsonpath.New("failing_resources"), none),
					expectCheck{address: "check.controls_pass", status: "fail"},
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(encryption, tfjsonpath.New("automated_status"), knownvalue.StringExact("failing")),
				statecheck.ExpectKnownValue(encryption, tfjsonpath.New("failing_resources"), failing),
				statecheck.ExpectKnownValue(network, tfjsonpath.New("automated_status"), knownvalue.StringExact("passing")),
				statecheck.ExpectKnownValue(manual, tfjsonpath.New("automated_status"), knownvalue.StringExact("not-evaluated")),
			},
		}},
	})
}

// Without include_passed the findings hold no pass: a rule that found
// nothing may not have run, so the control is not evaluated, not passing.
func TestAccControl_automatedStatusWithoutPasses(t *testing.T) {
	requireTerraform(t)
	fixture := scanFixture(t, "insecure")
	requireNoConfigAbove(t, fixture)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: ownerConfig + fmt.Sprintf(`
data "soc2_scan" "infra" {
  path = %q
}

resource "soc2_control" "network" {
  control_id    = "NET-01"
  title         = "No public databases"
  description   = "Databases are not reachable from the internet."
  criteria      = ["CC6.6"]
  owner_id      = soc2_control_owner.bob.id
  scanner_rules = ["aws-rds-instance-not-publicly-accessible"]
  scan_findings = data.soc2_scan.infra.findings
}
`, fixture),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue("soc2_control.network", tfjsonpath.New("automated_status"), knownvalue.StringExact("not-evaluated")),
				},
			},
		}},
	})
}

func reportFinding(rule, status string, line int64, suppressed bool) report.Finding {
	return report.Finding{
		RuleInfo: &report.RuleInfo{RuleID: rule, Severity: scanner.High}, Resource: "aws_db_instance.main", File: "main.tf", StartLine: int32(line),
		Status: scanner.Status(status), Message: "bad", Suppressed: suppressed,
	}
}

// findingValue is one element of scan_findings.
func findingValue(t *testing.T, rule, status string, line int64, suppressed bool) types.Object {
	t.Helper()
	obj, diags := findingObject(reportFinding(rule, status, line, suppressed))
	require.False(t, diags.HasError(), "%v", diags)
	// As Terraform converts the data source's finding to scan_findings'
	// element type: without root.
	attrs := obj.Attributes()
	delete(attrs, "root")
	obj, diags = types.ObjectValue(controlFindingAttrTypes, attrs)
	require.False(t, diags.HasError(), "%v", diags)
	return obj
}

func controlWithFindings(t *testing.T, rules []string, findings ...types.Object) controlModel {
	t.Helper()
	ruleSet, diags := types.SetValueFrom(context.Background(), types.StringType, rules)
	require.False(t, diags.HasError(), "%v", diags)
	elems := make([]attr.Value, len(findings))
	for i, f := range findings {
		elems[i] = f
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: controlFindingAttrTypes}, elems)
	require.False(t, diags.HasError(), "%v", diags)
	return controlModel{
		ControlID: types.StringValue("AC-01"), OwnerID: types.StringValue("alice@example.com"),
		ScannerRules: ruleSet, ScanFindings: list,
	}
}

func TestJudgeControl(t *testing.T) {
	ctx := context.Background()
	rules := []string{"aws-rds-storage-encrypted", "aws-rds-multi-az"}
	for name, tc := range map[string]struct {
		findings []types.Object
		want     coverage.AutomatedStatus
		failing  []string
	}{
		"no findings": {want: coverage.NotEvaluatedState, failing: []string{}},
		"only passes": {findings: []types.Object{findingValue(t, "aws-rds-multi-az", "pass", 4, false)}, want: coverage.Passing, failing: []string{}},
		"unknown wins over pass": {
			findings: []types.Object{findingValue(t, "aws-rds-multi-az", "pass", 4, false), findingValue(t, "aws-rds-storage-encrypted", "unknown", 6, false)},
			want:     coverage.Unknown, failing: []string{},
		},
		"suppressed failure does not count": {
			findings: []types.Object{findingValue(t, "aws-rds-storage-encrypted", "fail", 6, true)},
			want:     coverage.NotEvaluatedState, failing: []string{},
		},
		"uncited rule does not count": {
			findings: []types.Object{findingValue(t, "aws-s3-bucket-encrypted", "fail", 6, false)},
			want:     coverage.NotEvaluatedState, failing: []string{},
		},
		"failures sorted by line": {
			findings: []types.Object{
				findingValue(t, "aws-rds-storage-encrypted", "fail", 13, false),
				findingValue(t, "aws-rds-multi-az", "fail", 4, false),
				findingValue(t, "aws-rds-multi-az", "pass", 20, false),
			},
			want: coverage.Failing,
			failing: []string{
				"aws-rds-multi-az: aws_db_instance.main (main.tf:4)",
				"aws-rds-storage-encrypted: aws_db_instance.main (main.tf:13)",
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			got, known := judgeControl(ctx, controlWithFindings(t, rules, tc.findings...), &diags)
			require.False(t, diags.HasError(), "%v", diags)
			require.True(t, known)
			assert.Equal(t, tc.want, got.status)
			assert.Equal(t, tc.failing, got.failing)
		})
	}
}

func TestJudgeControlUnknownFindings(t *testing.T) {
	m := controlWithFindings(t, []string{"aws-rds-storage-encrypted"})
	m.ScanFindings = types.ListUnknown(types.ObjectType{AttrTypes: controlFindingAttrTypes})
	var diags diag.Diagnostics
	_, known := judgeControl(context.Background(), m, &diags)
	assert.False(t, known, "unknown findings must leave the status unknown, never passing")

	m = controlWithFindings(t, []string{"aws-rds-storage-encrypted"})
	m.ScanFindings = types.ListNull(types.ObjectType{AttrTypes: controlFindingAttrTypes})
	got, known := judgeControl(context.Background(), m, &diags)
	require.True(t, known)
	assert.Equal(t, coverage.NotEvaluatedState, got.status)
}

func TestFailingControlWarningNamesControlAndOwner(t *testing.T) {
	m := controlWithFindings(t, []string{"aws-rds-storage-encrypted"})
	result := automatedResult{status: coverage.Failing, failing: []string{
		"aws-rds-storage-encrypted: aws_db_instance.main (main.tf:6)",
		"aws-rds-storage-encrypted: aws_db_instance.legacy (main.tf:13)",
	}}
	var diags diag.Diagnostics
	warnFailing(m, result, &diags)
	require.Len(t, diags, 1)
	assert.Equal(t, diag.SeverityWarning, diags[0].Severity())
	assert.Contains(t, diags[0].Detail(), `Control "AC-01" (owner alice@example.com) is failing: 2 findings on its scanner rules:`+
		"\n  aws-rds-storage-encrypted: aws_db_instance.main (main.tf:6)\n  aws-rds-storage-encrypted: aws_db_instance.legacy (main.tf:13)")

	diags = nil
	warnFailing(m, automatedResult{status: coverage.Passing, failing: []string{}}, &diags)
	assert.Empty(t, diags, "no warning for a passing control")
}
