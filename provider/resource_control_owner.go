package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
)

var (
	_ resource.Resource                   = (*controlOwnerResource)(nil)
	_ resource.ResourceWithValidateConfig = (*controlOwnerResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*controlOwnerResource)(nil)
	_ resource.ResourceWithImportState    = (*controlOwnerResource)(nil)
)

// ownerImportExample is the import ID of an owner with only the required
// arguments.
const ownerImportExample = `{"email":"alice@example.com","name":"Alice Example"}`

// controlOwnerResource is a person accountable for controls. It is
// state-only: it records the owner in Terraform state and calls no API.
type controlOwnerResource struct {
	declarations *declarations
}

func newControlOwnerResource(d *declarations) resource.Resource {
	return &controlOwnerResource{declarations: d}
}

type controlOwnerModel struct {
	ID      types.String `tfsdk:"id"`
	Name    types.String `tfsdk:"name"`
	Email   types.String `tfsdk:"email"`
	Title   types.String `tfsdk:"title"`
	Team    types.String `tfsdk:"team"`
	Slack   types.String `tfsdk:"slack"`
	Contact types.String `tfsdk:"contact"`
}

// ownerCodec reads and writes controlOwnerModel (see modelCodec).
var ownerCodec = newModelCodec[controlOwnerModel]((&controlOwnerResource{}).Schema)

func (r *controlOwnerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_control_owner"
}

func (r *controlOwnerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version: 0,
		MarkdownDescription: "A person accountable for SOC 2 controls and their evidence. " +
			"Controls and evidence requirements reference an owner by its `id`, which is the owner's e-mail address, " +
			"so that state and `terraform show -json` read naturally and the same person is one owner everywhere.\n\n" +
			"Two owners with the same e-mail address (compared case-insensitively) are an error at plan time, under the same conditions " +
			"as duplicate `soc2_control` IDs." + importMarkdown(ownerImportExample),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The owner's e-mail address, as written in `email`. Reference it from `owner_id` and `backup_owner_id`.",
				Computed:            true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Full name of the owner.",
				Required:            true,
				Validators:          []validator.String{nameValidator},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "E-mail address of the owner, such as `alice@example.com`. It identifies the owner: changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{emailValidator},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "Job title, such as `Head of Security`. Auditors check that owners have the authority their controls need (CC1.3).",
				Optional:            true,
				Validators:          []validator.String{titleValidator},
			},
			"team": schema.StringAttribute{
				MarkdownDescription: "Team or department, such as `Platform`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"slack": schema.StringAttribute{
				MarkdownDescription: "Slack handle (`@alice`) or channel (`#security`) for reaching the owner.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"contact": schema.StringAttribute{
				MarkdownDescription: "Any other way to reach the owner, such as a phone number, pager rotation or Teams channel.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func (r *controlOwnerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config controlOwnerModel
	resp.Diagnostics.Append(ownerCodec.get(ctx, req.Config.Raw, &config)...)
	if resp.Diagnostics.HasError() || !isKnown(config.Email) || inventory.CheckEmail(config.Email.ValueString()) != nil {
		return
	}
	// E-mail addresses are compared case-insensitively, as mail systems do.
	email := config.Email.ValueString()
	if names := r.declarations.declare("soc2_control_owner", strings.ToLower(email), config.Name.ValueString()); names != nil {
		resp.Diagnostics.AddAttributeError(path.Root("email"), "Duplicate control owner",
			fmt.Sprintf("%q is the e-mail address of more than one soc2_control_owner in this configuration (names: %s). "+
				"Declare each person once and reference that one owner from every control.", email, quoteList(names, "and")))
	}
}

// ModifyPlan sets the id, which is the e-mail address, as soon as the
// address is known so that references to it are known at plan time.
func (r *controlOwnerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	warnOwnerStillReferenced(r.declarations, removedOwnerID(ctx, req, &resp.Diagnostics), &resp.Diagnostics)
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan controlOwnerModel
	resp.Diagnostics.Append(ownerCodec.get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() || !isKnown(plan.Email) {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), plan.Email)...)
}

func (r *controlOwnerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan controlOwnerModel
	resp.Diagnostics.Append(ownerCodec.get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = plan.Email
	resp.Diagnostics.Append(ownerCodec.set(ctx, &plan, &resp.State.Raw)...)
}

// ImportState re-adopts an owner from its arguments, for example after the
// state was lost (see importArguments).
func (r *controlOwnerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var m controlOwnerModel
	resp.Diagnostics.Append(importArguments(ctx, req.ID, ownerImportExample, &resp.State, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.ID = m.Email
	resp.Diagnostics.Append(ownerCodec.set(ctx, &m, &resp.State.Raw)...)
}

// Read keeps the state as it is: there is nothing outside Terraform to read.
func (r *controlOwnerResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *controlOwnerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan controlOwnerModel
	resp.Diagnostics.Append(ownerCodec.get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = plan.Email
	resp.Diagnostics.Append(ownerCodec.set(ctx, &plan, &resp.State.Raw)...)
}

// Delete only forgets the owner; the framework removes it from state.
func (r *controlOwnerResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// isKnown reports whether a value is set and known.
func isKnown(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}
