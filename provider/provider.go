// Package provider implements the soc2 Terraform provider: SOC 2 controls,
// their owners and their evidence requirements declared as state-only
// resources, validated at plan time against the Trust Services Criteria
// catalogue (package scanner/tsc) and the scanner's rule catalogue, and the
// soc2_scan data source, which runs the scanner (package scanner/scan, as
// the CLI does) over Terraform code while Terraform plans.
package provider

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

var (
	_ provider.Provider                   = (*Provider)(nil)
	_ provider.ProviderWithFunctions      = (*Provider)(nil)
	_ provider.ProviderWithValidateConfig = (*Provider)(nil)
)

// Provider is the soc2 provider.
type Provider struct {
	version string
	clock   Clock
	// declarations is shared with the resources for the duplicate checks;
	// see registry.go for why it lives on the provider.
	declarations *declarations
}

// New returns a constructor for the provider, reading the system clock.
func New(version string) func() provider.Provider {
	return NewWithClock(version, SystemClock())
}

// NewWithClock returns a constructor for the provider that reads the given
// clock. Tests use it to inject a clock they can advance.
func NewWithClock(version string, clock Clock) func() provider.Provider {
	return func() provider.Provider {
		return &Provider{version: version, clock: clock, declarations: newDeclarations()}
	}
}

// providerData is what Configure hands to resources and data sources.
type providerData struct {
	clock Clock
	// version is the provider's version, written into soc2_scan reports.
	version      string
	organization string
	// scope holds the categories in scope; nil when the configuration's
	// value is not known yet, in which case scope checks are skipped.
	scope map[tsc.Category]bool
	// window is the Type II observation window; nil when none is configured
	// or when it is not known yet.
	window *observationWindow
}

type observationWindow struct {
	start, end inventory.Date
}

// days is the window's length in days, rounded up; a date-only end counts
// that whole day, so 2025-01-01 to 2025-12-31 is 365 days.
func (w observationWindow) days() int64 {
	return int64(math.Ceil(w.end.End().Sub(w.start.Time).Hours() / 24))
}

type providerModel struct {
	Organization      types.String `tfsdk:"organization"`
	CategoriesInScope types.Set    `tfsdk:"categories_in_scope"`
	ObservationWindow types.Object `tfsdk:"observation_window"`
}

type observationWindowModel struct {
	Start types.String `tfsdk:"start"`
	End   types.String `tfsdk:"end"`
}

// The descriptions of an observation window's bounds, in the provider block
// and in soc2_scope.
const (
	windowStartDescription = "First day of the window, an RFC 3339 date such as `2025-01-01`."
	windowEndDescription   = "Last day of the window, an RFC 3339 date such as `2025-12-31`; must be after `start`."
)

// categoriesValidators check a set of Trust Services Category names, in the
// provider block and in soc2_scope.
func categoriesValidators() []validator.Set {
	return []validator.Set{
		setvalidator.SizeAtLeast(1),
		setvalidator.ValueStringsAre(oneOf("Trust Services Category", tsc.CategoryNames())),
	}
}

var defaultCategoriesInScope = []string{string(tsc.Security)}

func (p *Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "soc2"
	resp.Version = p.version
}

func (p *Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The soc2 provider declares a SOC 2 control inventory as code: " +
			"controls mapped to the AICPA 2017 Trust Services Criteria, the people who own them, and the evidence " +
			"each control needs, with due dates computed from when evidence was last collected. " +
			"All resources are state-only (like `random` or `time`): they call no API, and every check runs at plan time.",
		Attributes: map[string]schema.Attribute{
			"organization": schema.StringAttribute{
				MarkdownDescription: "Name of the organization whose system the inventory describes (the service organization of the SOC 2 report).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"categories_in_scope": schema.SetAttribute{
				MarkdownDescription: "Trust Services Categories in scope of the audit: " + markdownList(tsc.CategoryNames()) +
					". Defaults to `[\"security\"]`. Security (the common criteria) is always in scope and is added when missing. " +
					"A `soc2_control` whose criteria all fall outside these categories gets a warning.",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  categoriesValidators(),
			},
		},
		Blocks: map[string]schema.Block{
			"observation_window": schema.SingleNestedBlock{
				MarkdownDescription: "The observation window of a SOC 2 Type II examination (commonly 3, 6 or 12 months). " +
					"When set, `soc2_evidence_requirement.retention_days` must cover the window plus 90 days of fieldwork.",
				Attributes: map[string]schema.Attribute{
					"start": schema.StringAttribute{
						MarkdownDescription: windowStartDescription,
						Optional:            true,
						Validators:          []validator.String{dateValidator},
					},
					"end": schema.StringAttribute{
						MarkdownDescription: windowEndDescription,
						Optional:            true,
						Validators:          []validator.String{dateValidator},
					},
				},
			},
		},
	}
}

// ValidateConfig checks the provider configuration. Terraform calls it at
// the start of every graph walk, before validating any resource, which is
// what makes it the place to forget the previous walk's declarations.
func (p *Provider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	p.declarations.reset()

	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	_, diags := readWindow(ctx, config.ObservationWindow, true)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(warnMissingSecurity(ctx, config.CategoriesInScope)...)
}

func (p *Provider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	data := &providerData{clock: p.clock, version: p.version, organization: config.Organization.ValueString()}

	scope, diags := readScope(ctx, config.CategoriesInScope)
	resp.Diagnostics.Append(diags...)
	data.scope = scope

	// Errors in the window were reported by ValidateConfig; here they only
	// mean there is no usable window.
	data.window, _ = readWindow(ctx, config.ObservationWindow, false)

	resp.ResourceData = data
	resp.DataSourceData = data
	p.declarations.enable()
}

// readScope returns the categories in scope, security always included, or
// nil when the configured value is not known yet.
func readScope(ctx context.Context, set types.Set) (map[tsc.Category]bool, diag.Diagnostics) {
	if set.IsUnknown() {
		return nil, nil
	}
	names := defaultCategoriesInScope
	if !set.IsNull() {
		var known bool
		var diags diag.Diagnostics
		if names, known = knownStrings(ctx, set, &diags); !known {
			return nil, diags
		}
	}
	scope := map[tsc.Category]bool{tsc.Security: true}
	for _, n := range names {
		if c, ok := tsc.ParseCategory(n); ok {
			scope[c] = true
		}
	}
	return scope, nil
}

func warnMissingSecurity(ctx context.Context, set types.Set) diag.Diagnostics {
	var diags diag.Diagnostics
	if set.IsNull() || set.IsUnknown() {
		return diags
	}
	var names []string
	if d := set.ElementsAs(ctx, &names, true); d.HasError() {
		return diags
	}
	for _, n := range names {
		if n == string(tsc.Security) {
			return diags
		}
	}
	diags.AddAttributeWarning(path.Root("categories_in_scope"), "Security is always in scope",
		fmt.Sprintf("categories_in_scope is %s, but the security category (the common criteria CC1–CC9) is in scope of every SOC 2 examination, "+
			"so the provider treats it as in scope. Add \"security\" to categories_in_scope to make this explicit.", quoteList(names, "and")))
	return diags
}

// readWindow parses the observation_window block. It returns nil when the
// block is absent or any part of it is unknown. With report set it returns
// diagnostics for a missing bound or an end not after the start.
func readWindow(ctx context.Context, obj types.Object, report bool) (*observationWindow, diag.Diagnostics) {
	var diags diag.Diagnostics
	if obj.IsNull() || obj.IsUnknown() {
		return nil, diags
	}
	var m observationWindowModel
	if d := obj.As(ctx, &m, basetypes.ObjectAsOptions{}); d.HasError() {
		return nil, d
	}
	base := path.Root("observation_window")
	bounds := []struct {
		name  string
		value types.String
	}{{"start", m.Start}, {"end", m.End}}
	for _, b := range bounds {
		if name := b.name; b.value.IsNull() && report {
			diags.AddAttributeError(base.AtName(name), "Missing observation window "+name,
				fmt.Sprintf("observation_window needs both start and end; set %s to an RFC 3339 date such as 2025-01-01.", name))
		}
	}
	if m.Start.IsNull() || m.End.IsNull() || m.Start.IsUnknown() || m.End.IsUnknown() {
		return nil, diags
	}
	start, errStart := inventory.ParseDate(m.Start.ValueString())
	end, errEnd := inventory.ParseDate(m.End.ValueString())
	if errStart != nil || errEnd != nil {
		return nil, diags // the attribute validators report these
	}
	if !start.Time.Before(end.Time) {
		if report {
			diags.AddAttributeError(base.AtName("end"), "Observation window ends before it starts",
				fmt.Sprintf("observation_window.end (%s) must be after observation_window.start (%s).", end, start))
		}
		return nil, diags
	}
	w := &observationWindow{start: start, end: end}
	if report && w.days() > 366 {
		diags.AddAttributeWarning(base, "Observation window longer than a year",
			fmt.Sprintf("The observation window %s to %s is %d days long; a SOC 2 Type II report usually covers 3 to 12 months. Check start and end.",
				start, end, w.days()))
	}
	return w, diags
}

func (p *Provider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return newControlOwnerResource(p.declarations) },
		func() resource.Resource { return newControlResource(p.declarations) },
		func() resource.Resource { return newEvidenceRequirementResource(p.declarations) },
		newScopeResource,
	}
}

func (p *Provider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newCriteriaDataSource,
		newCriterionDataSource,
		newEvidenceLedgerDataSource,
		newScanDataSource,
	}
}

func (p *Provider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		newCriterionCategoryFunction,
		newNextDueFunction,
	}
}

// scopeNames lists the categories in scope in catalogue order.
func (d *providerData) scopeNames() []string {
	var names []string
	for _, c := range tsc.Categories {
		if d.scope[c] {
			names = append(names, string(c))
		}
	}
	return names
}

// now reads the configured clock, falling back to the system clock when the
// provider has not been configured (as in terraform validate).
func (d *providerData) now() time.Time {
	if d == nil || d.clock == nil {
		return SystemClock().Now()
	}
	return d.clock.Now()
}

// providerVersion is the provider's version, or "" when the provider has
// not been configured.
func (d *providerData) providerVersion() string {
	if d == nil {
		return ""
	}
	return d.version
}

// configureData extracts the provider's data in a resource's or data
// source's Configure. It is nil before the provider is configured.
func configureData(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the soc2 provider; please report it.", raw))
		return nil
	}
	return data
}
