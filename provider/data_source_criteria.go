package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

var _ datasource.DataSourceWithValidateConfig = (*criteriaDataSource)(nil)

// criteriaDataSource lists the Trust Services Criteria catalogue.
type criteriaDataSource struct{}

func newCriteriaDataSource() datasource.DataSource { return &criteriaDataSource{} }

type criteriaModel struct {
	Category types.String `tfsdk:"category"`
	Group    types.String `tfsdk:"group"`
	IDs      types.List   `tfsdk:"ids"`
	Criteria types.List   `tfsdk:"criteria"`
}

// criterionAttrTypes is the object type of one element of `criteria`.
var criterionAttrTypes = map[string]attr.Type{
	"id":       types.StringType,
	"category": types.StringType,
	"group":    types.StringType,
	"title":    types.StringType,
}

func (d *criteriaDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_criteria"
}

func (d *criteriaDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The AICPA 2017 Trust Services Criteria (points of focus revised 2022) that SOC 2 reports are written against: " +
			"61 criteria with their category, group and a short title of our own (the AICPA owns the criteria text). " +
			"Optionally filtered by category or group; criteria are listed in catalogue order (CC1.1 … CC9.2, A1, C1, PI1, P1 … P8).",
		Attributes: map[string]schema.Attribute{
			"category": schema.StringAttribute{
				MarkdownDescription: "Only list criteria of this category: " + markdownList(tsc.CategoryNames()) + ".",
				Optional:            true,
				Validators:          []validator.String{oneOf("Trust Services Category", tsc.CategoryNames())},
			},
			"group": schema.StringAttribute{
				MarkdownDescription: "Only list criteria of this group, such as `CC6` or `A1` (case-insensitive).",
				Optional:            true,
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the matching criteria, in catalogue order.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"criteria": schema.ListNestedAttribute{
				MarkdownDescription: "The matching criteria, in catalogue order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":       schema.StringAttribute{MarkdownDescription: "Criterion ID, such as `CC6.1`.", Computed: true},
						"category": schema.StringAttribute{MarkdownDescription: "Trust Services Category, such as `security`.", Computed: true},
						"group":    schema.StringAttribute{MarkdownDescription: "Group (series), such as `CC6`.", Computed: true},
						"title":    schema.StringAttribute{MarkdownDescription: "Our short title of the criterion.", Computed: true},
					},
				},
			},
		},
	}
}

func (d *criteriaDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var config criteriaModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !isKnown(config.Group) {
		return
	}
	if g := config.Group.ValueString(); !tsc.IsGroup(g) {
		resp.Diagnostics.AddAttributeError(path.Root("group"), "Unknown criteria group",
			fmt.Sprintf("%q is not a Trust Services Criteria group; use one of %s.", g, quoteList(tsc.Groups(), "or")))
	}
}

func (d *criteriaDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config criteriaModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	group := tsc.Canonical(config.Group.ValueString())
	var ids, objects []attr.Value
	for _, c := range tsc.All() {
		if !config.Category.IsNull() && string(c.Category) != config.Category.ValueString() {
			continue
		}
		if !config.Group.IsNull() && c.Group != group {
			continue
		}
		obj, diags := criterionObject(c)
		resp.Diagnostics.Append(diags...)
		ids = append(ids, types.StringValue(c.ID))
		objects = append(objects, obj)
	}

	var diags diag.Diagnostics
	config.IDs, diags = types.ListValue(types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	config.Criteria, diags = types.ListValue(types.ObjectType{AttrTypes: criterionAttrTypes}, objects)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

func criterionObject(c tsc.Criterion) (types.Object, diag.Diagnostics) {
	return types.ObjectValue(criterionAttrTypes, map[string]attr.Value{
		"id":       types.StringValue(c.ID),
		"category": types.StringValue(string(c.Category)),
		"group":    types.StringValue(c.Group),
		"title":    types.StringValue(c.Title),
	})
}
