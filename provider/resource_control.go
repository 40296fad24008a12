package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

var (
	_ resource.Resource                   = (*controlResource)(nil)
	_ resource.ResourceWithConfigure      = (*controlResource)(nil)
	_ resource.ResourceWithValidateConfig = (*controlResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*controlResource)(nil)
	_ resource.ResourceWithImportState    = (*controlResource)(nil)
)

// controlImportExample is the import ID of a control with only the required
// arguments.
const controlImportExample = `{"control_id":"CRY-01","title":"Encryption at rest",` +
	`"description":"Customer data stores are encrypted.","criteria":["CC6.1"],"owner_id":"alice@example.com"}`

// controlResource is one control of the inventory, mapped to the Trust
// Services Criteria it addresses. It is state-only.
type controlResource struct {
	declarations *declarations
	data         *providerData
}

func newControlResource(d *declarations) resource.Resource {
	return &controlResource{declarations: d}
}

type controlModel struct {
	ID            types.String `tfsdk:"id"`
	ControlID     types.String `tfsdk:"control_id"`
	Title         types.String `tfsdk:"title"`
	Description   types.String `tfsdk:"description"`
	Criteria      types.Set    `tfsdk:"criteria"`
	Categories    types.Set    `tfsdk:"categories"`
	OwnerID       types.String `tfsdk:"owner_id"`
	BackupOwnerID types.String `tfsdk:"backup_owner_id"`
	Status        types.String `tfsdk:"status"`
	Justification types.String `tfsdk:"justification"`
	ControlType   types.String `tfsdk:"control_type"`
	Automation    types.String `tfsdk:"automation"`
	Frequency     types.String `tfsdk:"frequency"`
	ScannerRules  types.Set    `tfsdk:"scanner_rules"`
	Tags          types.Map    `tfsdk:"tags"`
	ScanFindings  types.List   `tfsdk:"scan_findings"`

	AutomatedStatus  types.String `tfsdk:"automated_status"`
	FailingResources types.List   `tfsdk:"failing_resources"`
}

// controlCodec reads and writes controlModel (see modelCodec).
var controlCodec = newModelCodec[controlModel]((&controlResource{}).Schema)

func (r *controlResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_control"
}

func (r *controlResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version: 0,
		MarkdownDescription: "A SOC 2 control: what the organization does, which Trust Services Criteria (TSC 2017) it addresses, " +
			"who owns it and how far it is implemented.\n\n" +
			"Checks at plan time: every criterion exists in the catalogue (with a suggestion for near misses such as `CC6.10`), " +
			"`not-applicable` controls carry a justification, the backup owner differs from the owner, scanner rules exist, " +
			"and a control whose criteria all fall outside the provider's `categories_in_scope` gets a warning.\n\n" +
			"`control_id` must be unique: `terraform plan` reports a duplicate when two controls under the same provider configuration " +
			"declare it. Controls under different (aliased) provider configurations, or whose `control_id` is only known after apply, " +
			"are not compared, and `terraform validate` does not check uniqueness because it sees resource blocks before `count` and " +
			"`for_each` are expanded." + importMarkdown(controlImportExample),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				// The id is the user's own control ID: it is already unique,
				// stable and what auditors and evidence requirements refer to,
				// so a random id would only add a second name for the same thing.
				MarkdownDescription: "Same as `control_id`. Reference it from `soc2_evidence_requirement.control_id`.",
				Computed:            true,
			},
			"control_id": schema.StringAttribute{
				MarkdownDescription: "Your own identifier for the control, such as `CRY-01`: upper-case letters and digits in groups joined by `-`, `.` or `_`, " +
					"starting with a letter, at most 64 characters. Must be unique within the configuration; changing it replaces the resource.",
				Required:      true,
				Validators:    []validator.String{controlIDValidator},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "Short name of the control, such as `Encryption at rest`.",
				Required:            true,
				Validators:          []validator.String{titleValidator},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What the control does, in the words the system description and the auditor's test will use.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"criteria": schema.SetAttribute{
				MarkdownDescription: "Trust Services Criteria (TSC 2017) the control addresses, written exactly as in the catalogue, such as `[\"CC6.1\", \"CC6.7\"]`. " +
					"See the `soc2_criteria` data source for the list.",
				ElementType: types.StringType,
				Required:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(criterionValidator),
				},
			},
			"categories": schema.SetAttribute{
				MarkdownDescription: "Trust Services Categories of the criteria (" + markdownList(tsc.CategoryNames()) + "), derived from `criteria`.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"owner_id": schema.StringAttribute{
				MarkdownDescription: "`id` of the `soc2_control_owner` accountable for the control.",
				Required:            true,
				Validators:          []validator.String{ownerIDValidator},
			},
			"backup_owner_id": schema.StringAttribute{
				MarkdownDescription: "`id` of the `soc2_control_owner` who stands in for the owner. Must differ from `owner_id`.",
				Optional:            true,
				Validators:          []validator.String{ownerIDValidator},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Implementation status, using the OSCAL implementation states: " + markdownList(inventory.ControlStatuses()) +
					". Defaults to `planned`, so that nothing is claimed as implemented by omission. `not-applicable` requires `justification`.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(inventory.StatusPlanned),
				Validators: []validator.String{oneOf("control status", inventory.ControlStatuses())},
			},
			"justification": schema.StringAttribute{
				MarkdownDescription: "Why the control is `not-applicable` (required then), or how an `alternative` implementation meets the criteria.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"control_type": schema.StringAttribute{
				MarkdownDescription: "What the control does about a risk: " + markdownList(inventory.ControlTypes()) + ".",
				Optional:            true,
				Validators:          []validator.String{oneOf("control type", inventory.ControlTypes())},
			},
			"automation": schema.StringAttribute{
				MarkdownDescription: "How the control operates: " + markdownList(inventory.AutomationLevels()) + ".",
				Optional:            true,
				Validators:          []validator.String{oneOf("automation level", inventory.AutomationLevels())},
			},
			"frequency": schema.StringAttribute{
				MarkdownDescription: "How often the control operates: " + markdownList(inventory.Frequencies()) + ".",
				Optional:            true,
				Validators:          []validator.String{oneOf("frequency", inventory.Frequencies())},
			},
			"scanner_rules": schema.SetAttribute{
				MarkdownDescription: "IDs of the scanner rules that give automated configuration evidence for the control, such as " +
					"`aws-rds-storage-encrypted`. Each must exist in the scanner's rule catalogue (`terraform-provider-soc2 rules`).",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(scannerRuleValidator)},
			},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Free-form labels, such as `{ domain = \"cryptography\" }`.",
				ElementType:         types.StringType,
				Optional:            true,
			},
			"scan_findings": schema.ListAttribute{
				MarkdownDescription: "The findings of a scan, as `data.soc2_scan.<name>.findings`: the control is then judged by " +
					"the findings of its `scanner_rules` in `automated_status` and `failing_resources`, and the plan warns when it fails. " +
					"Give the data source `include_passed = true`: a cited rule counts as passing only by its passing findings, " +
					"because a rule with no finding at all may not have run.",
				ElementType: types.ObjectType{AttrTypes: controlFindingAttrTypes},
				Optional:    true,
			},
			"automated_status": schema.StringAttribute{
				MarkdownDescription: "What the findings in `scan_findings` say about the control's `scanner_rules`, judged as by the " +
					"`coverage` command: `failing` when one of the rules has an unsuppressed failing finding, else `unknown` when " +
					"one has a result unknown until apply, else `passing` when one has a passing finding, else `not-evaluated` " +
					"(also when `scan_findings` is not set or the control cites no rule). Suppressed findings do not count. " +
					"Known during plan when the scan is.",
				Computed: true,
			},
			"failing_resources": schema.ListAttribute{
				MarkdownDescription: "The unsuppressed failing findings of the control's `scanner_rules`, as " +
					"`\"rule_id: address (file:line)\"` (without the location for a resource known only from a plan), " +
					"sorted by file and line. Empty when nothing fails.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

func (r *controlResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (r *controlResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config controlModel
	resp.Diagnostics.Append(controlCodec.get(ctx, req.Config.Raw, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if config.Status.ValueString() == inventory.StatusNotApplicable && !config.Justification.IsUnknown() &&
		strings.TrimSpace(config.Justification.ValueString()) == "" {
		// Point at the blank justification when there is one, otherwise at
		// the status that requires it: an absent attribute has no line.
		at := path.Root("status")
		if !config.Justification.IsNull() {
			at = path.Root("justification")
		}
		resp.Diagnostics.AddAttributeError(at, "Missing justification",
			fmt.Sprintf("Control %s has status \"not-applicable\", which needs a justification: set justification to why the control "+
				"does not apply (for example \"No physical offices; data centres are carved out to AWS\"), or choose another status: %s.",
				describeControl(config.ControlID), quoteList(without(inventory.ControlStatuses(), inventory.StatusNotApplicable), "or")))
	}

	if isKnown(config.OwnerID) && isKnown(config.BackupOwnerID) &&
		strings.EqualFold(config.OwnerID.ValueString(), config.BackupOwnerID.ValueString()) {
		resp.Diagnostics.AddAttributeError(path.Root("backup_owner_id"), "Backup owner is the owner",
			fmt.Sprintf("backup_owner_id %q is the same as owner_id; a backup owner must be a different person. "+
				"Reference another soc2_control_owner, or remove backup_owner_id.", config.BackupOwnerID.ValueString()))
	}

	if isKnown(config.ControlID) && checkControlID(config.ControlID.ValueString()) == nil {
		id := config.ControlID.ValueString()
		if titles := r.declarations.declare("soc2_control", id, config.Title.ValueString()); titles != nil {
			resp.Diagnostics.AddAttributeError(path.Root("control_id"), "Duplicate control ID",
				fmt.Sprintf("control_id %q is declared by more than one soc2_control in this configuration (titles: %s). "+
					"Give each control its own control_id.", id, quoteList(titles, "and")))
		}
	}
}

// ModifyPlan fills in the computed id and categories as soon as their
// inputs are known, and warns about controls outside the audit's scope.
// It writes the plan once, with controlCodec: each SetAttribute converts
// and walks the whole plan again, which a large inventory pays per control.
func (r *controlResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan controlModel
	resp.Diagnostics.Append(controlCodec.get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.modifyPlan(ctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(controlCodec.set(ctx, &plan, &resp.Plan.Raw)...)
}

// modifyPlan computes what ModifyPlan writes into plan and appends its
// warnings.
func (r *controlResource) modifyPlan(ctx context.Context, plan *controlModel, diags *diag.Diagnostics) {
	r.planAutomated(ctx, plan, diags)
	if isKnown(plan.ControlID) {
		plan.ID = plan.ControlID
		if isKnown(plan.OwnerID) && r.declarations != nil {
			r.declarations.recordOwner(plan.ControlID.ValueString(), plan.OwnerID.ValueString())
		}
	}
	referrer := "control " + describeControl(plan.ControlID)
	warnRemovedOwner(r.declarations, path.Root("owner_id"), plan.OwnerID, referrer, diags)
	warnRemovedOwner(r.declarations, path.Root("backup_owner_id"), plan.BackupOwnerID, referrer, diags)
	criteria, known := knownStrings(ctx, plan.Criteria, diags)
	if !known {
		return
	}
	categories, d := categoriesOf(criteria)
	diags.Append(d...)
	plan.Categories = categories
	r.warnOutOfScope(*plan, criteria, diags)
}

// planAutomated sets automated_status and failing_resources when the
// findings and rules are known, so that the plan shows them, and warns when
// the control fails. Otherwise they stay unknown until apply.
func (r *controlResource) planAutomated(ctx context.Context, plan *controlModel, diags *diag.Diagnostics) {
	result, known := judgeControl(ctx, *plan, diags)
	if !known {
		plan.AutomatedStatus = types.StringUnknown()
		plan.FailingResources = types.ListUnknown(types.StringType)
		return
	}
	status, failing, d := result.values()
	diags.Append(d...)
	plan.AutomatedStatus, plan.FailingResources = status, failing
	warnFailing(*plan, result, diags)
}

func (r *controlResource) warnOutOfScope(plan controlModel, criteria []string, diags *diag.Diagnostics) {
	if r.data == nil || r.data.scope == nil || plan.Status.ValueString() == inventory.StatusNotApplicable {
		return
	}
	var outside []string
	for _, c := range tsc.CategoriesOf(criteria) {
		if r.data.scope[c] {
			return
		}
		outside = append(outside, string(c))
	}
	if len(outside) == 0 {
		return
	}
	tsc.Sort(criteria)
	diags.AddAttributeWarning(path.Root("criteria"), "Control outside the audit scope",
		fmt.Sprintf("Control %s maps only to criteria in %s (%s), and no category of them is in the provider's categories_in_scope %s. "+
			"Add %s to categories_in_scope in the provider block, or map the control to a criterion in scope.",
			describeControl(plan.ControlID), quoteList(outside, "and"), strings.Join(criteria, ", "), quoteList(r.data.scopeNames(), "and"), quoteList(outside, "or")))
}

func (r *controlResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan controlModel
	resp.Diagnostics.Append(controlCodec.get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(completeControl(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(controlCodec.set(ctx, &plan, &resp.State.Raw)...)
}

// ImportState re-adopts a control from its arguments, for example after the
// state was lost (see importArguments).
func (r *controlResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var m controlModel
	resp.Diagnostics.Append(importArguments(ctx, req.ID, controlImportExample, &resp.State, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The categories are still to be computed, as after a plan whose
	// criteria were unknown.
	m.Categories = types.SetUnknown(types.StringType)
	m.AutomatedStatus = types.StringUnknown()
	m.FailingResources = types.ListUnknown(types.StringType)
	resp.Diagnostics.Append(completeControl(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(controlCodec.set(ctx, &m, &resp.State.Raw)...)
}

// Read keeps the state as it is: there is nothing outside Terraform to read.
func (r *controlResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *controlResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan controlModel
	resp.Diagnostics.Append(controlCodec.get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(completeControl(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(controlCodec.set(ctx, &plan, &resp.State.Raw)...)
}

// Delete only forgets the control; the framework removes it from state.
func (r *controlResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// completeControl computes what the plan could not know yet because its
// inputs came from other resources.
func completeControl(ctx context.Context, m *controlModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = m.ControlID
	if m.Categories.IsUnknown() {
		criteria, _ := knownStrings(ctx, m.Criteria, &diags)
		var d diag.Diagnostics
		m.Categories, d = categoriesOf(criteria)
		diags.Append(d...)
	}
	if m.AutomatedStatus.IsUnknown() || m.FailingResources.IsUnknown() {
		result, _ := judgeControl(ctx, *m, &diags)
		var d diag.Diagnostics
		m.AutomatedStatus, m.FailingResources, d = result.values()
		diags.Append(d...)
	}
	return diags
}

// categoriesOf returns the categories of the given criteria as a set value.
func categoriesOf(criteria []string) (types.Set, diag.Diagnostics) {
	var values []attr.Value
	for _, c := range tsc.CategoriesOf(criteria) {
		values = append(values, types.StringValue(string(c)))
	}
	return types.SetValue(types.StringType, values)
}

// knownStrings returns the elements of a set of strings, and false when the
// set or any element is unknown.
func knownStrings(ctx context.Context, set types.Set, diags *diag.Diagnostics) ([]string, bool) {
	if set.IsUnknown() {
		return nil, false
	}
	for _, e := range set.Elements() {
		if e.IsUnknown() {
			return nil, false
		}
	}
	var out []string
	diags.Append(set.ElementsAs(ctx, &out, true)...)
	return out, !diags.HasError()
}

// describeControl names a control in messages even before its ID is known.
func describeControl(id types.String) string {
	if isKnown(id) {
		return id.ValueString()
	}
	return "(control_id not known yet)"
}
