package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

var _ datasource.DataSourceWithValidateConfig = (*criterionDataSource)(nil)

// criterionDataSource looks up one Trust Services Criterion.
type criterionDataSource struct{}

func newCriterionDataSource() datasource.DataSource { return &criterionDataSource{} }

type criterionModel struct {
	ID          types.String `tfsdk:"id"`
	CanonicalID types.String `tfsdk:"canonical_id"`
	Category    types.String `tfsdk:"category"`
	Group       types.String `tfsdk:"group"`
	Title       types.String `tfsdk:"title"`
}

func (d *criterionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_criterion"
}

func (d *criterionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One Trust Services Criterion (TSC 2017) from the catalogue, looked up by ID. " +
			"An unknown ID is an error with a suggestion for near misses (`CC6.10` → `CC6.1`).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Criterion ID, such as `CC6.1`; matched case-insensitively.",
				Required:            true,
			},
			"canonical_id": schema.StringAttribute{
				MarkdownDescription: "The ID as written in the catalogue, such as `CC6.1` for `cc6.1`.",
				Computed:            true,
			},
			"category": schema.StringAttribute{
				MarkdownDescription: "Trust Services Category: " + markdownList(tsc.CategoryNames()) + ".",
				Computed:            true,
			},
			"group": schema.StringAttribute{
				MarkdownDescription: "Group (series) of the criterion, such as `CC6` or `A1`.",
				Computed:            true,
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "Our short title of the criterion (the AICPA owns the criteria text).",
				Computed:            true,
			},
		},
	}
}

func (d *criterionDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var config criterionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !isKnown(config.ID) {
		return
	}
	if _, ok := tsc.Lookup(config.ID.ValueString()); !ok {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Unknown SOC 2 criterion", wording.Sentence(tsc.ErrorMessage(config.ID.ValueString())))
	}
}

func (d *criterionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config criterionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, ok := tsc.Lookup(config.ID.ValueString())
	if !ok {
		// Reached when the ID was unknown at validation time.
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Unknown SOC 2 criterion", wording.Sentence(tsc.ErrorMessage(config.ID.ValueString())))
		return
	}
	config.CanonicalID = types.StringValue(c.ID)
	config.Category = types.StringValue(string(c.Category))
	config.Group = types.StringValue(c.Group)
	config.Title = types.StringValue(c.Title)
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
