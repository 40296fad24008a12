package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

var (
	_ resource.Resource                   = (*scopeResource)(nil)
	_ resource.ResourceWithValidateConfig = (*scopeResource)(nil)
)

// scopeID is the id of every soc2_scope: an organization has one scope,
// and the id only has to be known at plan time.
const scopeID = "scope"

// scopeResource records the organization's audit scope in state, where the
// `inventory` and `coverage` reports read it: the provider block's
// settings are not in state. It is state-only and calls no API.
type scopeResource struct{}

func newScopeResource() resource.Resource { return &scopeResource{} }

type scopeModel struct {
	ID                types.String `tfsdk:"id"`
	CategoriesInScope types.Set    `tfsdk:"categories_in_scope"`
	ObservationWindow types.Object `tfsdk:"observation_window"`
}

func (r *scopeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope"
}

func (r *scopeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The scope of the SOC 2 examination, recorded in state so that the `inventory` and `coverage` " +
			"commands read it from `terraform show -json` (the provider block's settings are not in state): the Trust Services " +
			"Categories in scope and the Type II observation window. Declare one per configuration, usually from the same values " +
			"as the provider block. The commands' `--categories` flag still overrides it. State-only: it calls no API.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Always `scope`: an organization has one scope.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"categories_in_scope": schema.SetAttribute{
				MarkdownDescription: "Trust Services Categories in scope of the examination: " + markdownList(tsc.CategoryNames()) +
					". Security (the common criteria) is always in scope; the reports add it when missing, and a warning says so.",
				ElementType: types.StringType,
				Required:    true,
				Validators:  categoriesValidators(),
			},
			"observation_window": schema.SingleNestedAttribute{
				MarkdownDescription: "The observation window of a Type II examination (commonly 3, 6 or 12 months), " +
					"which the evidence reports default to.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"start": schema.StringAttribute{
						MarkdownDescription: windowStartDescription,
						Required:            true,
						Validators:          []validator.String{dateValidator},
					},
					"end": schema.StringAttribute{
						MarkdownDescription: windowEndDescription,
						Required:            true,
						Validators:          []validator.String{dateValidator},
					},
				},
			},
		},
	}
}

// ValidateConfig checks the window's order and warns when security is
// missing from the categories, as the provider block does.
func (r *scopeResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config scopeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	_, diags := readWindow(ctx, config.ObservationWindow, true)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(warnMissingSecurity(ctx, config.CategoriesInScope)...)
}

func (r *scopeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.save(ctx, req.Plan.Get, resp.State.Set, &resp.Diagnostics)
}

func (r *scopeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.save(ctx, req.Plan.Get, resp.State.Set, &resp.Diagnostics)
}

// save writes the plan to state with the id set.
func (r *scopeResource) save(ctx context.Context, get func(context.Context, any) diag.Diagnostics, set func(context.Context, any) diag.Diagnostics, diags *diag.Diagnostics) {
	var plan scopeModel
	diags.Append(get(ctx, &plan)...)
	if diags.HasError() {
		return
	}
	plan.ID = types.StringValue(scopeID)
	diags.Append(set(ctx, &plan)...)
}

// Read keeps the state as it is: there is nothing outside Terraform to read.
func (r *scopeResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

// Delete only forgets the scope; the framework removes it from state.
func (r *scopeResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
