package provider

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/numberdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
)

var (
	_ resource.Resource                   = (*evidenceRequirementResource)(nil)
	_ resource.ResourceWithConfigure      = (*evidenceRequirementResource)(nil)
	_ resource.ResourceWithValidateConfig = (*evidenceRequirementResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*evidenceRequirementResource)(nil)
	_ resource.ResourceWithImportState    = (*evidenceRequirementResource)(nil)
)

// evidenceImportExample is the import ID of an evidence requirement with
// only the required arguments.
const evidenceImportExample = `{"control_id":"IAM-03","name":"Quarterly access review","frequency":"quarterly"}`

const (
	// defaultRetentionDays is 18 months: evidence has to outlive a
	// 12-month observation window, the fieldwork after it closes and the
	// next period's comparisons.
	defaultRetentionDays = 548
	// minRetentionDays is the floor without an observation window, and what
	// is added to the window's length when there is one: auditors pull
	// populations in the weeks after the window closes.
	minRetentionDays = 90
)

// retentionDaysValidator accepts a whole number of days of at least
// minRetentionDays.
var retentionDaysValidator = wholeNumber{min: minRetentionDays, unit: "days"}

// evidenceRequirementResource is a piece of evidence a control needs, how
// often it is collected and when it was last collected. It is state-only;
// its next due date and overdue flag are computed from the provider's
// clock whenever Terraform plans or refreshes.
type evidenceRequirementResource struct {
	declarations *declarations
	data         *providerData
}

func newEvidenceRequirementResource(d *declarations) resource.Resource {
	return &evidenceRequirementResource{declarations: d}
}

type evidenceRequirementModel struct {
	ID            types.String `tfsdk:"id"`
	ControlID     types.String `tfsdk:"control_id"`
	Name          types.String `tfsdk:"name"`
	Description   types.String `tfsdk:"description"`
	Frequency     types.String `tfsdk:"frequency"`
	Source        types.String `tfsdk:"source"`
	Collection    types.String `tfsdk:"collection"`
	Format        types.String `tfsdk:"format"`
	Location      types.String `tfsdk:"location"`
	OwnerID       types.String `tfsdk:"owner_id"`
	RetentionDays types.Number `tfsdk:"retention_days"`
	LastCollected types.String `tfsdk:"last_collected"`
	NextDue       types.String `tfsdk:"next_due"`
	Overdue       types.Bool   `tfsdk:"overdue"`
}

// evidenceCodec reads and writes evidenceRequirementModel (see modelCodec).
var evidenceCodec = newModelCodec[evidenceRequirementModel]((&evidenceRequirementResource{}).Schema)

func (r *evidenceRequirementResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_evidence_requirement"
}

func (r *evidenceRequirementResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version: 0,
		MarkdownDescription: "Evidence a control needs for the audit: what it is, where it comes from, how often it is collected " +
			"and when it was last collected.\n\n" +
			"`next_due` and `overdue` are computed from `last_collected` and `frequency` against the current date every time " +
			"Terraform plans or refreshes, so a requirement turns overdue on its own as time passes; an overdue requirement raises a " +
			"warning at plan time naming the requirement and its owner. Use a `check` block on `overdue` to make it a failing check " +
			"(see the inventory example).\n\n" +
			"A control's requirement names must be unique; duplicates are reported under the same conditions as duplicate `control_id`s." +
			importMarkdown(evidenceImportExample),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				// The id is "<control_id>/<name>": readable in state and in
				// `terraform show -json`, and unique because names are unique
				// per control.
				MarkdownDescription: "`<control_id>/<name>`, such as `IAM-03/Quarterly access review`.",
				Computed:            true,
			},
			"control_id": schema.StringAttribute{
				MarkdownDescription: "`id` of the `soc2_control` the evidence is for, such as `soc2_control.access_review.id`. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{controlIDValidator},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the evidence, such as `Quarterly access review sign-off`; unique per control. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{nameValidator},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What the evidence shows and what the auditor will look for in it.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"frequency": schema.StringAttribute{
				MarkdownDescription: "How often the evidence is collected: " + markdownList(inventory.Frequencies()) + ". " +
					"`continuous` (produced all the time by a system) and `per-event` (one record per change, joiner, incident) have no due date.",
				Required:   true,
				Validators: []validator.String{oneOf("frequency", inventory.Frequencies())},
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "System the evidence comes from: " + markdownList(evidenceSources) + ".",
				Optional:            true,
				Validators:          []validator.String{oneOf("evidence source", evidenceSources)},
			},
			"collection": schema.StringAttribute{
				MarkdownDescription: "How the evidence is collected: " + markdownList(collectionMethods) + ".",
				Optional:            true,
				Validators:          []validator.String{oneOf("collection method", collectionMethods)},
			},
			"format": schema.StringAttribute{
				MarkdownDescription: "Form of the evidence, such as `CSV export`, `PDF report`, `screenshot` or `ticket`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"location": schema.StringAttribute{
				MarkdownDescription: "Where the collected evidence is kept, such as the URL of a folder, bucket or GRC record.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"owner_id": schema.StringAttribute{
				MarkdownDescription: "`id` of the `soc2_control_owner` who collects the evidence, when it is not the control's owner.",
				Optional:            true,
				Validators:          []validator.String{ownerIDValidator},
			},
			"retention_days": schema.NumberAttribute{
				MarkdownDescription: fmt.Sprintf("How long collected evidence is kept, in whole days. Defaults to %d (18 months). "+
					"Must be at least %d, and at least the length of the provider's `observation_window` plus %d days when one is configured.",
					defaultRetentionDays, minRetentionDays, minRetentionDays),
				Optional:   true,
				Computed:   true,
				Default:    numberdefault.StaticBigFloat(big.NewFloat(defaultRetentionDays)),
				Validators: []validator.Number{retentionDaysValidator},
			},
			"last_collected": schema.StringAttribute{
				MarkdownDescription: "When the evidence was last collected: an RFC 3339 date (`2025-01-31`) or timestamp (`2025-01-31T09:00:00Z`). " +
					"Leave unset until the first collection.",
				Optional:   true,
				Validators: []validator.String{dateValidator},
			},
			"next_due": schema.StringAttribute{
				MarkdownDescription: "When the evidence is next due: `last_collected` plus one `frequency` period, in the same form as `last_collected`. " +
					"Months are calendar months, clamped to the end of the month (monthly from 31 January is due 28 or 29 February). " +
					"Null when `last_collected` is unset or the frequency is `continuous` or `per-event`.",
				Computed: true,
			},
			"overdue": schema.BoolAttribute{
				MarkdownDescription: "Whether `next_due` has passed: a date-only `next_due` is overdue from the following day (UTC). " +
					"Recomputed from the current date on every plan and refresh.",
				Computed: true,
			},
		},
	}
}

func (r *evidenceRequirementResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (r *evidenceRequirementResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config evidenceRequirementModel
	resp.Diagnostics.Append(evidenceCodec.get(ctx, req.Config.Raw, &config)...)
	if resp.Diagnostics.HasError() || !isKnown(config.ControlID) || !isKnown(config.Name) {
		return
	}
	controlID, name := config.ControlID.ValueString(), config.Name.ValueString()
	if r.declarations.declare("soc2_evidence_requirement", controlID+"/"+name, name) != nil {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Duplicate evidence requirement",
			fmt.Sprintf("Control %s has more than one soc2_evidence_requirement named %q in this configuration. "+
				"Give each requirement of a control its own name.", controlID, name))
	}
}

// ModifyPlan computes id, next_due and overdue from the planned values and
// the clock, warns about overdue evidence and checks retention against the
// observation window. Refresh (Read) computes next_due and overdue the same
// way, so a plan that changes nothing shows no difference.
func (r *evidenceRequirementResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan evidenceRequirementModel
	resp.Diagnostics.Append(evidenceCodec.get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if isKnown(plan.ControlID) && isKnown(plan.Name) {
		plan.ID = types.StringValue(plan.ControlID.ValueString() + "/" + plan.Name.ValueString())
	}
	now := r.data.now()
	if !plan.LastCollected.IsUnknown() && !plan.Frequency.IsUnknown() {
		plan.NextDue, plan.Overdue = dueStatus(plan.LastCollected, plan.Frequency, now)
	}
	resp.Diagnostics.Append(evidenceCodec.set(ctx, &plan, &resp.Plan.Raw)...)

	warnRemovedOwner(r.declarations, path.Root("owner_id"), plan.OwnerID,
		fmt.Sprintf("evidence requirement %q of control %s", plan.Name.ValueString(), describeControl(plan.ControlID)), &resp.Diagnostics)
	resp.Diagnostics.Append(warnOverdue(plan, r.declarations)...)
	resp.Diagnostics.Append(checkFutureCollection(plan, now)...)
	if r.data != nil && r.data.window != nil {
		resp.Diagnostics.Append(checkRetention(plan.RetentionDays, *r.data.window)...)
	}
}

func (r *evidenceRequirementResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan evidenceRequirementModel
	resp.Diagnostics.Append(evidenceCodec.get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.complete(&plan)
	resp.Diagnostics.Append(evidenceCodec.set(ctx, &plan, &resp.State.Raw)...)
}

// ImportState re-adopts an evidence requirement from its arguments, for
// example after the state was lost (see importArguments).
func (r *evidenceRequirementResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var m evidenceRequirementModel
	resp.Diagnostics.Append(importArguments(ctx, req.ID, evidenceImportExample, &resp.State, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// next_due and overdue are still to be computed, as after a plan whose
	// inputs were unknown.
	m.NextDue = types.StringUnknown()
	r.complete(&m)
	resp.Diagnostics.Append(evidenceCodec.set(ctx, &m, &resp.State.Raw)...)
}

// Read keeps the state as it is except for next_due and overdue, which it
// recomputes from the clock: this is how a refresh notices that evidence
// has fallen due since the last apply.
func (r *evidenceRequirementResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state evidenceRequirementModel
	resp.Diagnostics.Append(evidenceCodec.get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.NextDue, state.Overdue = dueStatus(state.LastCollected, state.Frequency, r.data.now())
	resp.Diagnostics.Append(evidenceCodec.set(ctx, &state, &resp.State.Raw)...)
}

func (r *evidenceRequirementResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan evidenceRequirementModel
	resp.Diagnostics.Append(evidenceCodec.get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.complete(&plan)
	resp.Diagnostics.Append(evidenceCodec.set(ctx, &plan, &resp.State.Raw)...)
}

// Delete only forgets the requirement; the framework removes it from state.
func (r *evidenceRequirementResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// complete computes what the plan left unknown. Planned values are kept
// as they are, even if the clock has moved on since the plan: Terraform
// requires the applied result to match the plan, and the next refresh
// recomputes them anyway.
func (r *evidenceRequirementResource) complete(m *evidenceRequirementModel) {
	m.ID = types.StringValue(m.ControlID.ValueString() + "/" + m.Name.ValueString())
	if m.NextDue.IsUnknown() || m.Overdue.IsUnknown() {
		m.NextDue, m.Overdue = dueStatus(m.LastCollected, m.Frequency, r.data.now())
	}
}

// dueStatus computes next_due and overdue. Values that cannot be computed
// (no last collection, a frequency without a calendar period, or invalid
// input already reported by a validator) give a null due date and false.
func dueStatus(lastCollected, frequency types.String, now time.Time) (types.String, types.Bool) {
	if lastCollected.IsNull() {
		return types.StringNull(), types.BoolValue(false)
	}
	last, err := inventory.ParseDate(lastCollected.ValueString())
	if err != nil {
		return types.StringNull(), types.BoolValue(false)
	}
	f, err := inventory.ParseFrequency(frequency.ValueString())
	if err != nil {
		return types.StringNull(), types.BoolValue(false)
	}
	due, ok := inventory.NextDue(last, f)
	if !ok {
		return types.StringNull(), types.BoolValue(false)
	}
	return types.StringValue(due.String()), types.BoolValue(inventory.Overdue(due, now))
}

func warnOverdue(m evidenceRequirementModel, d *declarations) diag.Diagnostics {
	var diags diag.Diagnostics
	if !m.Overdue.ValueBool() {
		return diags
	}
	owner := "no owner_id set on the requirement; the control's owner is accountable"
	if controlOwner, ok := d.ownerOf(m.ControlID.ValueString()); ok && isKnown(m.ControlID) {
		owner = fmt.Sprintf("%s (owner of control %s; the requirement sets no owner_id)", controlOwner, m.ControlID.ValueString())
	}
	if isKnown(m.OwnerID) {
		owner = m.OwnerID.ValueString()
	}
	diags.AddAttributeWarning(path.Root("last_collected"), "Evidence overdue: "+m.Name.ValueString(),
		fmt.Sprintf("Evidence requirement %q of control %s was due on %s (last collected %s, %s). Owner: %s. "+
			"Collect the evidence and set last_collected to the collection date.",
			m.Name.ValueString(), describeControl(m.ControlID), m.NextDue.ValueString(),
			m.LastCollected.ValueString(), m.Frequency.ValueString(), owner))
	return diags
}

// maxClockSkew is how far ahead of the provider's clock last_collected may
// be and still be a collection that happened: a timestamp from a time zone
// ahead of UTC, or a date-only value written on the evening before.
const maxClockSkew = 24 * time.Hour

// checkFutureCollection refuses a last_collected more than maxClockSkew
// after now (a typo in the year, or 9999-12-31 written to silence the
// overdue warning for good), and warns about one less far ahead.
func checkFutureCollection(m evidenceRequirementModel, now time.Time) diag.Diagnostics {
	var diags diag.Diagnostics
	if !isKnown(m.LastCollected) {
		return diags
	}
	last, err := inventory.ParseDate(m.LastCollected.ValueString())
	if err != nil || !last.Time.After(now) {
		return diags
	}
	if last.Time.Sub(now) > maxClockSkew {
		diags.AddAttributeError(path.Root("last_collected"), "Evidence collected in the future",
			fmt.Sprintf("last_collected %s of evidence requirement %q is more than a day after today (%s): evidence cannot have been "+
				"collected then, and a date in the future would keep the requirement from ever falling overdue. Set last_collected to "+
				"the date the evidence was actually collected.", last, m.Name.ValueString(), now.Format(time.DateOnly)))
		return diags
	}
	diags.AddAttributeWarning(path.Root("last_collected"), "Evidence collected in the future",
		fmt.Sprintf("last_collected %s of evidence requirement %q is after today (%s). Check the date.",
			last, m.Name.ValueString(), now.Format(time.DateOnly)))
	return diags
}

// checkRetention requires evidence to be kept for the observation window
// plus the fieldwork after it.
func checkRetention(retention types.Number, w observationWindow) diag.Diagnostics {
	var diags diag.Diagnostics
	if !isKnown(retention) {
		return diags
	}
	got, err := retentionDaysValidator.check(retention.ValueBigFloat())
	if err != nil {
		return diags // the validator reports it
	}
	need := w.days() + minRetentionDays
	if got < need {
		diags.AddAttributeError(path.Root("retention_days"), "Retention shorter than the observation window",
			fmt.Sprintf("retention_days is %d, but the observation window %s to %s is %d days long and evidence must be kept for "+
				"the window plus %d days of fieldwork: set retention_days to at least %d.",
				got, w.start, w.end, w.days(), minRetentionDays, need))
	}
	return diags
}
