package provider

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/coverage"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// scanFindingModel is one element of soc2_scan's findings, as a control's
// scan_findings receives it.
// controlFindingAttrTypes is the element type of soc2_control's
// scan_findings: a soc2_scan finding without root, which the control does
// not judge by, so that findings written out by hand need not name it
// (Terraform drops the data source's root when converting).
var controlFindingAttrTypes = func() map[string]attr.Type {
	out := make(map[string]attr.Type, len(scanFindingAttrTypes))
	for k, v := range scanFindingAttrTypes {
		if k != "root" {
			out[k] = v
		}
	}
	return out
}()

type scanFindingModel struct {
	RuleID     types.String `tfsdk:"rule_id"`
	Title      types.String `tfsdk:"title"`
	Severity   types.String `tfsdk:"severity"`
	Criteria   types.List   `tfsdk:"criteria"`
	Resource   types.String `tfsdk:"resource"`
	File       types.String `tfsdk:"file"`
	Line       types.Int64  `tfsdk:"line"`
	Status     types.String `tfsdk:"status"`
	Message    types.String `tfsdk:"message"`
	Suppressed types.Bool   `tfsdk:"suppressed"`
}

// automatedResult is what a control's cited rules say about it in the
// findings it was given.
type automatedResult struct {
	status  coverage.AutomatedStatus
	failing []string
}

// judgeControl computes automated_status and failing_resources from
// scan_findings and scanner_rules with coverage.ControlStatus, the logic of
// the coverage report. It returns false when an input is unknown until
// apply: the status is then unknown too, never passing.
//
// The findings list no rule that found nothing, so a cited rule is judged
// by its findings only: failing or unknown by its unsuppressed failing or
// unknown findings, passing by its passes, which soc2_scan lists only with
// include_passed = true. A cited rule with no finding at all is not
// evaluated: the scan may not have run it.
func judgeControl(ctx context.Context, m controlModel, diags *diag.Diagnostics) (automatedResult, bool) {
	if m.ScanFindings.IsUnknown() || m.ScannerRules.IsUnknown() {
		return automatedResult{}, false
	}
	if m.ScanFindings.IsNull() {
		return automatedResult{status: coverage.NotEvaluatedState, failing: []string{}}, true
	}
	ruleIDs, known := knownStrings(ctx, m.ScannerRules, diags)
	if !known {
		return automatedResult{}, false
	}
	findings, known := knownFindings(ctx, m.ScanFindings, diags)
	if !known {
		return automatedResult{}, false
	}
	rules := make(map[string]*coverage.Rule, len(ruleIDs))
	cited := make([]*coverage.Rule, 0, len(ruleIDs))
	for _, id := range ruleIDs {
		// Passes are counted from the findings, so a rule without any is
		// "checked nothing", not "passes were not recorded".
		r := &coverage.Rule{ID: id, State: coverage.RuleRan, Passed: new(int)}
		rules[id] = r
		cited = append(cited, r)
	}
	for _, f := range findings {
		if r := rules[f.RuleID]; r != nil {
			r.Tally(f)
		}
	}
	status, failures := coverage.ControlStatus(cited)
	failing := make([]string, 0, len(failures))
	for _, f := range failures {
		failing = append(failing, describeFailure(f))
	}
	return automatedResult{status: status, failing: failing}, true
}

// describeFailure reads "rule_id: address (file:line)", or
// "rule_id: address" for a resource known only from a plan.
func describeFailure(f coverage.CitedFailure) string {
	if f.File == "" {
		return fmt.Sprintf("%s: %s", f.RuleID, f.Resource)
	}
	return fmt.Sprintf("%s: %s (%s)", f.RuleID, f.Resource, f.Location())
}

// knownFindings converts scan_findings to the scanner's findings, and
// returns false when any part of them is unknown.
func knownFindings(ctx context.Context, list types.List, diags *diag.Diagnostics) ([]report.Finding, bool) {
	var elems []scanFindingModel
	diags.Append(list.ElementsAs(ctx, &elems, false)...)
	if diags.HasError() {
		return nil, false
	}
	out := make([]report.Finding, 0, len(elems))
	for _, e := range elems {
		for _, v := range []attr.Value{e.RuleID, e.Resource, e.File, e.Line, e.Status, e.Suppressed} {
			if v.IsUnknown() {
				return nil, false
			}
		}
		out = append(out, report.Finding{
			RuleInfo: &report.RuleInfo{RuleID: e.RuleID.ValueString()}, Resource: e.Resource.ValueString(), File: e.File.ValueString(),
			StartLine: int32(max(min(e.Line.ValueInt64(), math.MaxInt32), math.MinInt32)), Status: scanner.Status(e.Status.ValueString()),
			Message: e.Message.ValueString(), Suppressed: e.Suppressed.ValueBool(),
		})
	}
	return out, true
}

// values returns the result as the attributes' values.
func (a automatedResult) values() (types.String, types.List, diag.Diagnostics) {
	failing, diags := types.ListValueFrom(context.Background(), types.StringType, a.failing)
	return types.StringValue(string(a.status)), failing, diags
}

// warnFailing names the failing control and its owner, at scan_findings.
func warnFailing(m controlModel, a automatedResult, diags *diag.Diagnostics) {
	if a.status != coverage.Failing {
		return
	}
	name := describeControl(m.ControlID)
	if isKnown(m.ControlID) {
		name = strconv.Quote(name)
	}
	owner := "not known yet"
	if isKnown(m.OwnerID) {
		owner = m.OwnerID.ValueString()
	}
	listed := a.failing
	more := ""
	if len(listed) > maxListedProblems {
		more = fmt.Sprintf("\n  … and %d more (see failing_resources)", len(listed)-maxListedProblems)
		listed = listed[:maxListedProblems]
	}
	diags.AddAttributeWarning(path.Root("scan_findings"), "Control failing its scanner rules",
		fmt.Sprintf("Control %s (owner %s) is failing: %s on its scanner rules:\n  %s%s\n"+
			"Fix the resources, or ask the owner to review the control. A check block on automated_status turns this into a gate.",
			name, owner, countFindings(len(a.failing)), strings.Join(listed, "\n  "), more))
}

func countFindings(n int) string {
	if n == 1 {
		return "1 finding"
	}
	return fmt.Sprintf("%d findings", n)
}
