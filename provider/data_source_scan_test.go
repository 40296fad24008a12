package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/cli"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
)

// The soc2_scan tests scan fixtures under testdata/scan. The provider runs
// in the test process, whose working directory is this package's, while
// Terraform runs in a temporary directory, so the configurations name the
// fixtures by absolute path; file names in the results are then relative
// to the package directory, as they would be to Terraform's working
// directory in real use.

const scanAddress = "data.soc2_scan.test"

// scanFixture returns the absolute path of a fixture under testdata/scan.
func scanFixture(t *testing.T, name string) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("testdata", "scan", name))
	require.NoError(t, err)
	return abs
}

// requireNoConfigAbove fails when a .soc2scan.hcl above the fixtures would
// be picked up by fixtures meant to run with the default configuration.
func requireNoConfigAbove(t *testing.T, fixture string) {
	t.Helper()
	found, err := config.Find(fixture)
	require.NoError(t, err)
	require.Empty(t, found, "a %s above the repository changes what the default-configuration fixtures scan", config.FileName)
}

func scanValue(attribute string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(scanAddress, tfjsonpath.New(attribute), check)
}

func countAtLeast(minimum int64) knownvalue.Check {
	return knownvalue.Int64Func(func(v int64) error {
		if v < minimum {
			return fmt.Errorf("%d is below %d", v, minimum)
		}
		return nil
	})
}

// finding matches a findings element by the attributes given.
func finding(attrs map[string]knownvalue.Check) knownvalue.Check {
	return knownvalue.ObjectPartial(attrs)
}

// someElement passes when at least one element of a list passes check.
type someElement struct{ check knownvalue.Check }

func (c someElement) CheckValue(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("expected a list, got %T", v)
	}
	for _, e := range list {
		if c.check.CheckValue(e) == nil {
			return nil
		}
	}
	return fmt.Errorf("none of the %d elements matches %s", len(list), c.check)
}

func (c someElement) String() string { return "some element matching " + c.check.String() }

// everyElement passes when every element of a list passes check.
type everyElement struct{ check knownvalue.Check }

func (c everyElement) CheckValue(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("expected a list, got %T", v)
	}
	for i, e := range list {
		if err := c.check.CheckValue(e); err != nil {
			return fmt.Errorf("element %d: %w", i, err)
		}
	}
	return nil
}

func (c everyElement) String() string { return "every element matching " + c.check.String() }

// expectCheck asserts the status of a check block in the plan: Terraform
// reports a failed check assertion as a warning, which terraform-plugin-
// testing does not surface, so the plan's check results are read instead.
type expectCheck struct{ address, status string }

func (e expectCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, c := range req.Plan.Checks {
		if c.Address.ToDisplay != e.address {
			continue
		}
		if string(c.Status) != e.status {
			resp.Error = fmt.Errorf("check %s: status %q, want %q", e.address, c.Status, e.status)
		}
		return
	}
	resp.Error = fmt.Errorf("no check %s in the plan", e.address)
}

func scanConfig(arguments string) string {
	return fmt.Sprintf("data \"soc2_scan\" \"test\" {\n%s\n}\n", arguments)
}

func TestAccScanDataSource_insecure(t *testing.T) {
	requireTerraform(t)
	fixture := scanFixture(t, "insecure")
	requireNoConfigAbove(t, fixture)
	notApplicable := cliSummary(t, fixture).NotApplicable
	require.Positive(t, notApplicable, "the fixture has rules with nothing to judge")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: scanConfig(fmt.Sprintf("  path = %q", fixture)) + `
check "soc2_scan" {
  assert {
    condition     = data.soc2_scan.test.passed
    error_message = "${data.soc2_scan.test.failed_count} failing SOC 2 findings"
  }
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{expectCheck{address: "check.soc2_scan", status: "fail"}},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				scanValue("passed", knownvalue.Bool(false)),
				scanValue("failed_count", countAtLeast(2)),
				scanValue("suppressed_count", knownvalue.Int64Exact(1)),
				scanValue("unknown_count", knownvalue.Int64Exact(0)),
				scanValue("files_scanned", knownvalue.Int64Exact(1)),
				scanValue("resources_scanned", knownvalue.Int64Exact(2)),
				// The effective settings: no configuration file, low, false.
				scanValue("config", knownvalue.Null()),
				scanValue("severity_threshold", knownvalue.StringExact("low")),
				scanValue("fail_on_unknown", knownvalue.Bool(false)),
				scanValue("findings", someElement{finding(map[string]knownvalue.Check{
					"rule_id":    knownvalue.StringExact("aws-rds-storage-encrypted"),
					"title":      knownvalue.StringExact("RDS instances and Aurora clusters encrypt their storage"),
					"severity":   knownvalue.StringExact("high"),
					"criteria":   knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("CC6.1"), knownvalue.StringExact("C1.1")}),
					"resource":   knownvalue.StringExact("aws_db_instance.main"),
					"file":       knownvalue.StringExact("testdata/scan/insecure/main.tf"),
					"line":       knownvalue.Int64Exact(6),
					"status":     knownvalue.StringExact("fail"),
					"message":    knownvalue.StringRegexp(regexp.MustCompile(`storage_encrypted = false`)),
					"suppressed": knownvalue.Bool(false),
				})}),
				// The inline suppression is in force on the fake clock's day.
				scanValue("findings", someElement{finding(map[string]knownvalue.Check{
					"rule_id":    knownvalue.StringExact("aws-rds-storage-encrypted"),
					"resource":   knownvalue.StringExact("aws_db_instance.legacy"),
					"line":       knownvalue.Int64Exact(13),
					"suppressed": knownvalue.Bool(true),
				})}),
				// Passes are counted but not listed without include_passed.
				scanValue("passed_count", countAtLeast(1)),
				// Rules with nothing to judge on these instances (customer-
				// key rules for Performance Insights, which is off; secrets
				// in tags, of which there are none) are counted apart from
				// the passes, exactly as the CLI counts them.
				scanValue("not_applicable_count", knownvalue.Int64Exact(notApplicable)),
				scanValue("findings", everyElement{finding(map[string]knownvalue.Check{
					"status": knownvalue.StringRegexp(regexp.MustCompile(`^(fail|unknown)$`)),
				})}),
				statecheck.ExpectKnownValue(scanAddress, tfjsonpath.New("criteria").AtMapKey("CC6.1").AtMapKey("failed"), countAtLeast(1)),
				statecheck.ExpectKnownValue(scanAddress, tfjsonpath.New("criteria").AtMapKey("CC6.1").AtMapKey("suppressed"), knownvalue.Int64Exact(1)),
				scanValue("errors", knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}

// The threshold tests use a configuration that enables two rules with
// pinned severities: storage encryption (high) and multi-AZ (low), which
// fail on both instances of the fixture; the legacy instance's encryption
// finding is suppressed inline.
func TestAccScanDataSource_severityThreshold(t *testing.T) {
	requireTerraform(t)
	fixture, cfg := scanFixture(t, "insecure"), scanFixture(t, "two-rules.soc2scan.hcl")
	ruleIs := func(id string) knownvalue.Check {
		return finding(map[string]knownvalue.Check{"rule_id": knownvalue.StringExact(id)})
	}
	step := func(threshold string, checks ...statecheck.StateCheck) resource.TestStep {
		args := fmt.Sprintf("  path   = %q\n  config = %q", fixture, cfg)
		if threshold != "" {
			args += fmt.Sprintf("\n  severity_threshold = %q", threshold)
		}
		return resource.TestStep{Config: scanConfig(args), ConfigStateChecks: checks}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			step("",
				scanValue("config", knownvalue.StringExact(cfg)),
				scanValue("severity_threshold", knownvalue.StringExact("low")),
				scanValue("passed", knownvalue.Bool(false)),
				scanValue("failed_count", knownvalue.Int64Exact(3)),
				scanValue("suppressed_count", knownvalue.Int64Exact(1)),
				scanValue("findings", knownvalue.ListSizeExact(4)),
				scanValue("findings", someElement{finding(map[string]knownvalue.Check{
					"rule_id":  knownvalue.StringExact("aws-rds-multi-az"),
					"severity": knownvalue.StringExact("low"), // the configuration's override
				})}),
			),
			step("high",
				scanValue("passed", knownvalue.Bool(false)),
				scanValue("failed_count", knownvalue.Int64Exact(1)),
				scanValue("suppressed_count", knownvalue.Int64Exact(1)),
				scanValue("findings", knownvalue.ListSizeExact(2)),
				scanValue("findings", everyElement{ruleIs("aws-rds-storage-encrypted")}),
			),
			step("critical",
				scanValue("severity_threshold", knownvalue.StringExact("critical")),
				scanValue("passed", knownvalue.Bool(true)),
				scanValue("failed_count", knownvalue.Int64Exact(0)),
				scanValue("suppressed_count", knownvalue.Int64Exact(0)),
				scanValue("findings", knownvalue.ListExact([]knownvalue.Check{})),
			),
		},
	})
}

// The fake clock decides whether an inline suppression with an expiry date
// still applies: from 2026 the legacy instance's finding fails.
func TestAccScanDataSource_suppressionExpires(t *testing.T) {
	requireTerraform(t)
	clock := newFakeClock(testNow)
	cfg := scanConfig(fmt.Sprintf("  path   = %q\n  config = %q", scanFixture(t, "insecure"), scanFixture(t, "two-rules.soc2scan.hcl")))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(clock),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					scanValue("failed_count", knownvalue.Int64Exact(3)),
					scanValue("suppressed_count", knownvalue.Int64Exact(1)),
					scanValue("warnings", knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
			{
				PreConfig: func() { clock.Advance(200 * 24 * time.Hour) }, // 2026-01-17
				Config:    cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					scanValue("failed_count", knownvalue.Int64Exact(4)),
					scanValue("suppressed_count", knownvalue.Int64Exact(0)),
					scanValue("warnings", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(
						"testdata/scan/insecure/main.tf:12:5: soc2:ignore:aws-rds-storage-encrypted expired on 2025-12-31 and no longer suppresses")})),
				},
			},
		},
	})
}

// A directory without Terraform files of its own is scanned as the root
// modules below it, with the configuration file found upward from it.
func TestAccScanDataSource_compliant(t *testing.T) {
	requireTerraform(t)
	fixture := scanFixture(t, "compliant")
	passing := func(rule string) knownvalue.Check {
		return finding(map[string]knownvalue.Check{
			"rule_id":  knownvalue.StringExact(rule),
			"resource": knownvalue.StringExact("aws_db_instance.main"),
			"file":     knownvalue.StringExact("testdata/scan/compliant/stack/main.tf"),
			"line":     knownvalue.Int64Exact(1),
			"status":   knownvalue.StringExact("pass"),
		})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config: scanConfig(fmt.Sprintf("  path = %q", fixture)),
				ConfigStateChecks: []statecheck.StateCheck{
					scanValue("config", knownvalue.StringExact(filepath.Join(fixture, config.FileName))),
					scanValue("passed", knownvalue.Bool(true)),
					scanValue("failed_count", knownvalue.Int64Exact(0)),
					scanValue("passed_count", knownvalue.Int64Exact(2)),
					scanValue("not_applicable_count", knownvalue.Int64Exact(0)),
					scanValue("findings", knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(scanAddress, tfjsonpath.New("criteria").AtMapKey("CC6.1"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"failed": knownvalue.Int64Exact(0), "unknown": knownvalue.Int64Exact(0),
						"passed": knownvalue.Int64Exact(1), "suppressed": knownvalue.Int64Exact(0),
					})),
				},
			},
			{
				Config: scanConfig(fmt.Sprintf("  path = %q\n  include_passed = true", fixture)),
				ConfigStateChecks: []statecheck.StateCheck{
					// Sorted by file, line and rule ID, as in every report.
					scanValue("findings", knownvalue.ListExact([]knownvalue.Check{
						passing("aws-rds-deletion-protection"),
						passing("aws-rds-storage-encrypted"),
					})),
				},
			},
		},
	})
}

// cliCounts are the summary counts of the CLI's JSON report that the
// tests compare with the data source's.
type cliCounts struct {
	NotApplicable int64 `json:"not_applicable"`
}

// cliSummary runs the CLI's JSON scan of path on the test clock and
// returns its summary counts.
func cliSummary(t *testing.T, path string) (summary cliCounts) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Main([]string{"scan", "--format", "json", "--soft-fail", path},
		cli.Streams{Stdout: &stdout, Stderr: &stderr},
		cli.Deps{Rules: rules.All(), DataSources: rules.DataSources(), Now: func() time.Time { return testNow }, Version: "test"})
	require.Equal(t, cli.ExitOK, code, stderr.String())
	var rep struct {
		Summary json.RawMessage `json:"summary"`
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep))
	require.NoError(t, json.Unmarshal(rep.Summary, &summary))
	return summary
}

// The CLI and the data source share scan.Run: one configuration file,
// found upward from the scanned stack, raises a rule parameter and disables
// a rule for both. The CLI's report shows both effects, and the data source
// must list exactly the CLI's findings.
func TestAccScanDataSource_sameAsCLI(t *testing.T) {
	requireTerraform(t)
	fixture := scanFixture(t, "shared-config")
	stack := filepath.Join(fixture, "stack")

	var stdout, stderr bytes.Buffer
	code := cli.Main([]string{"scan", "--format", "json", "--include-passed", stack},
		cli.Streams{Stdout: &stdout, Stderr: &stderr},
		cli.Deps{Rules: rules.All(), DataSources: rules.DataSources(), Now: func() time.Time { return testNow }, Version: "test"})
	require.Equal(t, cli.ExitFindings, code, stderr.String())
	var rep struct {
		Findings []struct {
			RuleID     string `json:"rule_id"`
			Resource   string `json:"resource"`
			Root       string `json:"root"`
			File       string `json:"file"`
			StartLine  int64  `json:"start_line"`
			Status     string `json:"status"`
			Message    string `json:"message"`
			Suppressed bool   `json:"suppressed"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep))
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.RuleID+" "+f.Status+": "+f.Message)
		assert.Equal(t, ".", f.Root, "one stack scanned: its root is the scanned path")
	}
	require.Equal(t, []string{
		"aws-rds-storage-encrypted pass: ",
		"aws-rds-backup-retention fail: backup_retention_period = 14 is below the configured minimum of 30 days",
	}, got, "the CLI read the configuration: 30 days, not the default 7, and no deletion protection check")

	want := make([]knownvalue.Check, len(rep.Findings))
	for i, f := range rep.Findings {
		want[i] = finding(map[string]knownvalue.Check{
			"rule_id":    knownvalue.StringExact(f.RuleID),
			"resource":   knownvalue.StringExact(f.Resource),
			"root":       knownvalue.StringExact(f.Root),
			"file":       knownvalue.StringExact(f.File),
			"line":       knownvalue.Int64Exact(f.StartLine),
			"status":     knownvalue.StringExact(f.Status),
			"message":    knownvalue.StringExact(f.Message),
			"suppressed": knownvalue.Bool(f.Suppressed),
		})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: scanConfig(fmt.Sprintf("  path = %q\n  include_passed = true", stack)),
			ConfigStateChecks: []statecheck.StateCheck{
				scanValue("config", knownvalue.StringExact(filepath.Join(fixture, config.FileName))),
				scanValue("findings", knownvalue.ListExact(want)),
				scanValue("failed_count", knownvalue.Int64Exact(1)),
			},
		}},
	})
}

func TestAccScanDataSource_variables(t *testing.T) {
	requireTerraform(t)
	fixture := scanFixture(t, "variables")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config:            scanConfig(fmt.Sprintf("  path = %q", fixture)),
				ConfigStateChecks: []statecheck.StateCheck{scanValue("failed_count", knownvalue.Int64Exact(1))},
			},
			{
				Config:            scanConfig(fmt.Sprintf("  path = %q\n  vars = { encrypted = \"true\" }", fixture)),
				ConfigStateChecks: []statecheck.StateCheck{scanValue("failed_count", knownvalue.Int64Exact(0)), scanValue("passed", knownvalue.Bool(true))},
			},
			{
				Config: scanConfig(fmt.Sprintf("  path = %q\n  var_files = [%q]", fixture, filepath.Join(fixture, "encrypted.tfvars"))),
				ConfigStateChecks: []statecheck.StateCheck{
					scanValue("failed_count", knownvalue.Int64Exact(0)),
					scanValue("files_scanned", knownvalue.Int64Exact(2)),
				},
			},
		},
	})
}

// errorAt matches an error diagnostic: its summary, the attribute it is
// reported at, and its detail.
func errorAt(summary, attribute, detail string) *regexp.Regexp {
	return regexp.MustCompile(errorContaining("Error: "+summary).String() + `[\s\S]*` +
		errorContaining(`in data "soc2_scan" "test":`).String() + `\s+\d+:\s+` + regexp.QuoteMeta(attribute) + `\s+=[\s\S]*` +
		errorContaining(detail).String())
}

func TestAccScanDataSource_invalid(t *testing.T) {
	requireTerraform(t)
	insecure, missing := scanFixture(t, "insecure"), scanFixture(t, "missing")
	for name, tc := range map[string]struct {
		arguments string
		want      *regexp.Regexp
	}{
		"parse error": {
			arguments: fmt.Sprintf("  path = %q", scanFixture(t, "broken")),
			want: errorAt("Terraform input could not be scanned", "path",
				"testdata/scan/broken/bad.tf:2:23: Invalid expression: Expected the start of an expression, but found an invalid expression token."),
		},
		"missing path": {
			arguments: fmt.Sprintf("  path = %q", missing),
			want: errorAt("Cannot read scan path", "path",
				missing+": no such file or directory. Relative paths are resolved against the directory Terraform runs in"),
		},
		"missing variable file": {
			arguments: fmt.Sprintf("  path      = %q\n  var_files = [%q]", insecure, missing),
			want: errorAt("Cannot read variable file", "var_files",
				missing+": no such file or directory. Relative paths are resolved against the directory Terraform runs in"),
		},
		"missing allowed path": {
			arguments: fmt.Sprintf("  path        = %q\n  allow_paths = [%q]", insecure, missing),
			want: errorAt("Cannot read allowed path", "allow_paths",
				missing+": no such file or directory. Relative paths are resolved against the directory Terraform runs in"),
		},
		"unknown rule in the configuration": {
			arguments: fmt.Sprintf("  path   = %q\n  config = %q", insecure, scanFixture(t, "unknown-rule.soc2scan.hcl")),
			want: errorAt("Invalid scanner configuration", "config", scanFixture(t, "unknown-rule.soc2scan.hcl")+
				`:2:14: rules.enabled: unknown rule "aws-rds-storage-encryption"; did you mean "aws-rds-storage-encrypted"?`),
		},
		"missing configuration": {
			arguments: fmt.Sprintf("  path   = %q\n  config = %q", insecure, scanFixture(t, "missing.hcl")),
			want: errorAt("Invalid scanner configuration", "config",
				"reading config: open "+scanFixture(t, "missing.hcl")+": no such file or directory."),
		},
		"severity": {
			arguments: fmt.Sprintf("  path = %q\n  severity_threshold = \"severe\"", insecure),
			want: errorAt("Invalid severity", "severity_threshold",
				`"severe" is not a valid severity. Allowed values: "critical", "high", "medium" or "low".`),
		},
		"variable name": {
			arguments: fmt.Sprintf("  path = %q\n  vars = { \"not a name\" = \"x\" }", insecure),
			want:      errorAt("Invalid Attribute Value Match", "vars", `Attribute vars["not a name"] must be a variable name`),
		},
		"nothing to scan": {
			arguments: fmt.Sprintf("  path = %q\n  fail_on_empty = true", t.TempDir()),
			want:      errorAt("Nothing to scan", "path", "nothing to scan: no Terraform configuration (.tf, .tf.json) or plan or state JSON was found"),
		},
		"empty path": {
			arguments: `  path = ""`,
			want:      errorAt("Invalid Attribute Value Length", "path", "Attribute path string length must be at least 1"),
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
				Steps: []resource.TestStep{{
					Config:      scanConfig(tc.arguments),
					PlanOnly:    true,
					ExpectError: tc.want,
				}},
			})
		})
	}
}

// When path is only known after apply, Terraform reads the data source
// during apply: the plan shows its results as unknown.
func TestAccScanDataSource_unknownPath(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "dir" {
  input = %q
}
`, scanFixture(t, "insecure")) + scanConfig("  path = terraform_data.dir.output"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(scanAddress, tfjsonpath.New("passed")),
					plancheck.ExpectUnknownValue(scanAddress, tfjsonpath.New("findings")),
					plancheck.ExpectUnknownValue(scanAddress, tfjsonpath.New("severity_threshold")),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				scanValue("passed", knownvalue.Bool(false)),
				scanValue("severity_threshold", knownvalue.StringExact("low")),
			},
		}},
	})
}

// A precondition on passed is the hard gate: the plan fails.
func TestAccScanDataSource_precondition(t *testing.T) {
	requireTerraform(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: scanConfig(fmt.Sprintf("  path = %q\n  severity_threshold = \"high\"", scanFixture(t, "insecure"))) + `
resource "terraform_data" "release" {
  lifecycle {
    precondition {
      condition     = data.soc2_scan.test.passed
      error_message = "SOC 2 scan failed: ${join(", ", [for f in data.soc2_scan.test.findings : "${f.rule_id} on ${f.resource}" if f.status == "fail" && !f.suppressed])}."
    }
  }
}
`,
			ExpectError: errorContaining("SOC 2 scan failed: aws-rds-storage-encrypted on aws_db_instance.main."),
		}},
	})
}

// The documented example runs: its check fails on the insecure fixture.
func TestAccScanDataSource_example(t *testing.T) {
	requireTerraform(t)
	src, err := os.ReadFile(filepath.Join("..", "examples", "data-sources", "soc2_scan", "data-source.tf"))
	require.NoError(t, err)
	const infra = `"${path.root}/../infrastructure"`
	require.Equal(t, 1, strings.Count(string(src), infra), "the example scans %s", infra)
	example := strings.Replace(string(src), infra, fmt.Sprintf("%q", scanFixture(t, "insecure")), 1)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: example,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{
					expectCheck{address: "check.soc2_scan", status: "fail"},
					expectCheck{address: "check.encryption_at_rest", status: "fail"},
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.soc2_scan.infra", tfjsonpath.New("passed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("soc2_control.encryption_at_rest", tfjsonpath.New("automated_status"), knownvalue.StringExact("failing")),
				statecheck.ExpectKnownValue("soc2_control.encryption_at_rest", tfjsonpath.New("scanner_rules"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("aws-rds-storage-encrypted")})),
			},
		}},
	})
}

// Failing findings are one warning that counts them and names the first
// ones; the scan's own input warnings are another.
func TestScanDiagnostics(t *testing.T) {
	d := &scanDataSource{data: &providerData{clock: newFakeClock(testNow.Add(200 * 24 * time.Hour))}}
	m := scanModel{
		Path:              types.StringValue(filepath.Join("testdata", "scan", "insecure")),
		Config:            types.StringValue(filepath.Join("testdata", "scan", "two-rules.soc2scan.hcl")),
		SeverityThreshold: types.StringValue("high"),
		VarFiles:          types.ListNull(types.StringType),
		Vars:              types.MapNull(types.StringType),
		FailOnUnknown:     types.BoolNull(),
		IncludePassed:     types.BoolNull(),
		AllowPaths:        types.ListNull(types.StringType),
		MaxFileSize:       types.StringNull(),
	}
	res, diags := d.scan(t.Context(), &m)
	require.False(t, diags.HasError(), "%v", diags)
	require.NotNil(t, res)

	got := reportDiagnostics(m.Path.ValueString(), res.Report)
	require.Len(t, got, 2, "%v", got)
	assert.False(t, got.HasError(), "failing findings are not errors")
	assert.Equal(t, "Terraform input not fully scanned", got[0].Summary())
	assert.Equal(t, "testdata/scan/insecure/main.tf:12:5: soc2:ignore:aws-rds-storage-encrypted expired on 2025-12-31 and no longer suppresses", got[0].Detail())
	assert.Equal(t, "SOC 2 scan found failing findings", got[1].Summary())
	assert.Equal(t, "2 of the findings at or above severity high fail the scan (2 failed, 0 unknown, 0 passed, 0 suppressed). "+
		"A check block or a precondition on passed decides whether that stops anything.\n\n"+
		"testdata/scan/insecure/main.tf:6: aws-rds-storage-encrypted (high) on aws_db_instance.main: storage_encrypted = false: the database, its backups and snapshots are stored unencrypted\n"+
		"testdata/scan/insecure/main.tf:13: aws-rds-storage-encrypted (high) on aws_db_instance.legacy: storage_encrypted = false: the database, its backups and snapshots are stored unencrypted",
		got[1].Detail())
	for _, dg := range got {
		withPath, ok := dg.(interface{ Path() path.Path })
		require.True(t, ok)
		assert.Equal(t, path.Root("path"), withPath.Path())
	}
}

// pathOnly is the arguments of a data source that sets only path.
func pathOnly(target string) scanModel {
	return scanModel{
		Path:              types.StringValue(target),
		Config:            types.StringNull(),
		SeverityThreshold: types.StringNull(),
		VarFiles:          types.ListNull(types.StringType),
		Vars:              types.MapNull(types.StringType),
		FailOnUnknown:     types.BoolNull(),
		IncludePassed:     types.BoolNull(),
		FailOnEmpty:       types.BoolNull(),
		AllowPaths:        types.ListNull(types.StringType),
		MaxFileSize:       types.StringNull(),
	}
}

func TestScanDiagnosticsNothingScanned(t *testing.T) {
	t.Setenv("CI", "")
	empty := t.TempDir()
	d := &scanDataSource{}
	m := pathOnly(empty)
	res, diags := d.scan(t.Context(), &m)
	require.False(t, diags.HasError(), "%v", diags)
	got := reportDiagnostics(empty, res.Report)
	require.NotEmpty(t, got)
	last := got[len(got)-1]
	assert.Equal(t, "Nothing scanned", last.Summary())
	assert.Contains(t, last.Detail(), "No Terraform files or plans were found in "+empty)
}

// fail_on_empty turns a scan that found nothing into an error at path; it
// is on by default when CI=true, as the CLI's --fail-on-empty.
func TestScanFailOnEmpty(t *testing.T) {
	empty := t.TempDir()
	require.NoError(t, os.Symlink("loop", filepath.Join(empty, "loop")))
	require.NoError(t, os.WriteFile(filepath.Join(empty, "README.md"), []byte("not Terraform"), 0o600))
	d := &scanDataSource{}
	for _, tc := range []struct {
		ci       string
		argument types.Bool
		fails    bool
	}{
		{"", types.BoolNull(), false},
		{"true", types.BoolNull(), true},
		{"true", types.BoolValue(false), false},
		{"", types.BoolValue(true), true},
	} {
		t.Setenv("CI", tc.ci)
		m := pathOnly(empty)
		m.FailOnEmpty = tc.argument
		res, diags := d.scan(t.Context(), &m)
		if !tc.fails {
			require.False(t, diags.HasError(), "CI=%q fail_on_empty=%v: %v", tc.ci, tc.argument, diags)
			assert.Zero(t, res.Report.Summary.FilesScanned)
			continue
		}
		require.Nil(t, res)
		require.Len(t, diags, 1)
		assert.Equal(t, "Nothing to scan", diags[0].Summary())
		assert.Contains(t, diags[0].Detail(), empty+": nothing to scan: no Terraform configuration")
		assert.Contains(t, diags[0].Detail(), "set fail_on_empty = false")
		withPath, ok := diags[0].(diag.DiagnosticWithPath)
		require.True(t, ok)
		assert.Equal(t, path.Root("path"), withPath.Path())
	}
}

func TestScanReportHasTheProviderVersion(t *testing.T) {
	d := &scanDataSource{data: &providerData{clock: newFakeClock(testNow), version: "1.2.3"}}
	m := pathOnly(scanFixture(t, "compliant"))
	res, diags := d.scan(t.Context(), &m)
	require.False(t, diags.HasError(), "%v", diags)
	assert.Equal(t, "1.2.3", res.Report.Version)
}

func TestListedCapsLongLists(t *testing.T) {
	lines := make([]string, maxListedProblems+3)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d", i)
	}
	out := listed(lines, "findings")
	assert.Contains(t, out, "line 9\n… and 3 more in the findings attribute.")
	assert.NotContains(t, out, "line 10")
	assert.Equal(t, "a\nb", listed([]string{"a", "b"}, "findings"))
}

// outsideMarker is the content of a file outside the scanned tree; no
// diagnostic or result of soc2_scan may ever hold it.
const outsideMarker = "OUTSIDE-MARKER-soc2-scan-8d21"

// outsideTree makes a tree whose listener's ssl_policy (which a rule
// repeats in its message) is read from a file outside it through a
// symbolic link and whose module climbs out to a module that does the
// same, and returns the tree and the outside directory.
func outsideTree(t *testing.T) (tree, outside string) {
	t.Helper()
	base := t.TempDir()
	tree, outside = filepath.Join(base, "tree"), filepath.Join(base, "outside")
	listener := func(name, policy string) string {
		return fmt.Sprintf(`resource "aws_lb_listener" %q {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/x/1"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = %s
}
`, name, policy)
	}
	files := map[string]string{
		filepath.Join(outside, "policy.txt"):     outsideMarker,
		filepath.Join(outside, "mod", "main.tf"): listener("leak", `"`+outsideMarker+`"`),
		filepath.Join(tree, "main.tf"): `module "m" {
  source = "../outside/mod"
}
` + listener("link", `file("${path.module}/policy.txt")`),
	}
	for p, content := range files {
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	require.NoError(t, os.Symlink(filepath.Join(outside, "policy.txt"), filepath.Join(tree, "policy.txt")))
	return tree, outside
}

// scanText is everything a scan shows Terraform: diagnostics and results.
func scanText(t *testing.T, m scanModel) string {
	t.Helper()
	d := &scanDataSource{data: &providerData{clock: newFakeClock(testNow)}}
	res, diags := d.scan(t.Context(), &m)
	require.False(t, diags.HasError(), "%v", diags)
	require.NotNil(t, res)
	diags.Append(m.setResults(t.Context(), res)...)
	diags.Append(reportDiagnostics(m.Path.ValueString(), res.Report)...)
	var b strings.Builder
	for _, dg := range diags {
		b.WriteString(dg.Summary() + ": " + dg.Detail() + "\n")
	}
	b.WriteString(m.Findings.String() + m.Errors.String() + m.Warnings.String())
	return b.String()
}

func TestScanNeverReadsOutsidePath(t *testing.T) {
	tree, outside := outsideTree(t)
	m := pathOnly(tree)
	got := scanText(t, m)
	assert.NotContains(t, got, outsideMarker, "the outside file's content reached Terraform")
	assert.Contains(t, got, `main.tf:1:1: Module \"m\" not scanned`)
	assert.Contains(t, got, "a symbolic link leads outside the scanned directory")
	assert.Contains(t, got, "allow_paths")

	// allow_paths lets the same reads through, so the check above would
	// see a leak.
	m = pathOnly(tree)
	m.AllowPaths = types.ListValueMust(types.StringType, []attr.Value{types.StringValue(outside)})
	got = scanText(t, m)
	assert.Contains(t, got, `ssl_policy \"`+outsideMarker+`\" is not in the allowed list`)
	assert.NotContains(t, got, "outside the scanned directory")
}

func TestAccScanDataSource_outsidePath(t *testing.T) {
	requireTerraform(t)
	tree, outside := outsideTree(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{
			{
				Config:      scanConfig(fmt.Sprintf("  path = %q", tree)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Module\s+"m"\s+not\s+scanned[\s\S]*--allow-path\s+DIR\s+\(allow_paths\s+in\s+\.soc2scan\.hcl\s+or\s+on\s+soc2_scan\)`),
			},
			{
				Config:      scanConfig(fmt.Sprintf("  path = %q\n  max_file_size = \"lots\"", tree)),
				PlanOnly:    true,
				ExpectError: errorAt("Invalid max_file_size", "max_file_size", `invalid size "lots"`),
			},
			{
				Config: scanConfig(fmt.Sprintf("  path = %q\n  allow_paths = [%q]\n  max_file_size = \"1MiB\"", tree, outside)),
				ConfigStateChecks: []statecheck.StateCheck{
					scanValue("errors", knownvalue.ListExact(nil)),
					scanValue("findings", someElement{finding(map[string]knownvalue.Check{
						"resource": knownvalue.StringExact("module.m.aws_lb_listener.leak"),
						"message":  knownvalue.StringRegexp(regexp.MustCompile(regexp.QuoteMeta(outsideMarker))),
					})}),
				},
			},
		},
	})
}

func TestScanDiagnosticsRedactSensitiveValues(t *testing.T) {
	const marker = "ZZPROVIDERMARKERZZ"
	d := &scanDataSource{data: &providerData{clock: newFakeClock(testNow)}}
	m := pathOnly(filepath.Join("testdata", "scan", "sensitive"))
	res, diags := d.scan(t.Context(), &m)
	require.False(t, diags.HasError(), "%v", diags)
	require.NotNil(t, res)

	var messages []string
	for _, f := range res.Report.Findings {
		if f.RuleID == "aws-cloudwatch-log-group-customer-key" {
			messages = append(messages, f.Message)
		}
		assert.NotContains(t, f.Message, marker, "the findings attribute")
	}
	assert.Equal(t, []string{"kms_key_id is (sensitive value), an AWS managed key: the log data is not under a customer-managed KMS key"}, messages)

	got := reportDiagnostics(m.Path.ValueString(), res.Report)
	require.NotEmpty(t, got)
	var failing string
	for _, dg := range got {
		assert.NotContains(t, dg.Summary(), marker)
		assert.NotContains(t, dg.Detail(), marker)
		if dg.Summary() == "SOC 2 scan found failing findings" {
			failing = dg.Detail()
		}
	}
	assert.Contains(t, failing, "aws-cloudwatch-log-group-customer-key (low) on aws_cloudwatch_log_group.app: kms_key_id is (sensitive value)")
}

// A module repository scanned whole lists its roots: the example scans the
// top module with its inputs; the wrapper, whose for_each over var.items is
// {} by default, scans nothing and says why, in roots and in a warning.
func TestAccScanDataSource_roots(t *testing.T) {
	requireTerraform(t)
	fixture := scanFixture(t, "wrapper-repo")
	requireNoConfigAbove(t, fixture)
	note := "module.wrapper expands to no instances: for_each over var.items is empty by default (set var.items to scan ../ through this root)"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories(newFakeClock(testNow)),
		Steps: []resource.TestStep{{
			Config: scanConfig(fmt.Sprintf("  path = %q", fixture)),
			ConfigStateChecks: []statecheck.StateCheck{
				scanValue("resources_scanned", knownvalue.Int64Exact(1)),
				scanValue("findings", knownvalue.ListPartial(map[int]knownvalue.Check{
					0: finding(map[string]knownvalue.Check{"root": knownvalue.StringExact("examples/basic")}),
				})),
				scanValue("roots", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"path":      knownvalue.StringExact(filepath.ToSlash(filepath.Join(fixture, "examples", "basic"))),
						"reason":    knownvalue.StringExact("not called by another module"),
						"excluded":  knownvalue.Bool(false),
						"resources": knownvalue.Int64Exact(1),
						"notes":     knownvalue.ListExact([]knownvalue.Check{}),
					}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"path":      knownvalue.StringExact(filepath.ToSlash(filepath.Join(fixture, "wrappers"))),
						"reason":    knownvalue.StringExact("not called by another module"),
						"excluded":  knownvalue.Bool(false),
						"resources": knownvalue.Int64Exact(0),
						"notes":     knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(note)}),
					}),
				})),
			},
		}, {
			// Given items, the wrapper scans the module once per item.
			Config: scanConfig(fmt.Sprintf("  path = %q\n  var_files = [%q]", fixture, filepath.Join(fixture, "items.tfvars.example"))),
			ConfigStateChecks: []statecheck.StateCheck{
				scanValue("resources_scanned", knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(scanAddress, tfjsonpath.New("roots").AtSliceIndex(1).AtMapKey("resources"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue(scanAddress, tfjsonpath.New("roots").AtSliceIndex(1).AtMapKey("notes"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}

func TestScanDiagnosticsRootScannedNothing(t *testing.T) {
	d := &scanDataSource{}
	fixture := filepath.Join("testdata", "scan", "wrapper-repo")
	m := pathOnly(fixture)
	res, diags := d.scan(t.Context(), &m)
	require.False(t, diags.HasError(), "%v", diags)
	var found diag.Diagnostic
	for _, dg := range reportDiagnostics(fixture, res.Report) {
		if dg.Summary() == "Root modules scanned no resource" {
			found = dg
		}
	}
	require.NotNil(t, found, "the wrapper scanned nothing: a warning says so")
	assert.Equal(t, diag.SeverityWarning, found.Severity())
	assert.Contains(t, found.Detail(), "testdata/scan/wrapper-repo/wrappers: module.wrapper expands to no instances: for_each over var.items is empty by default")
	assert.NotContains(t, found.Detail(), "examples/basic", "the example scanned its module")
}
