package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/config"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/scan"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

var _ datasource.DataSourceWithConfigure = (*scanDataSource)(nil)

// scanDataSource runs the scanner — the same scan.Run as
// `terraform-provider-soc2 scan` — over Terraform code on disk while
// Terraform plans, so that a check block or a precondition can gate on the
// result and a control can cite it as evidence.
type scanDataSource struct {
	data *providerData
}

func newScanDataSource() datasource.DataSource { return &scanDataSource{} }

// sizeValidator accepts a file size as the scanner's max_file_size does.
var sizeValidator = stringCheck{
	description: "must be a number of bytes, optionally with KiB, MiB or GiB, such as 50MiB",
	summary:     "Invalid max_file_size",
	check: func(s string) error {
		_, err := config.ParseSize(s)
		return err
	},
}

type scanModel struct {
	Path              types.String `tfsdk:"path"`
	Config            types.String `tfsdk:"config"`
	SeverityThreshold types.String `tfsdk:"severity_threshold"`
	VarFiles          types.List   `tfsdk:"var_files"`
	Vars              types.Map    `tfsdk:"vars"`
	FailOnUnknown     types.Bool   `tfsdk:"fail_on_unknown"`
	IncludePassed     types.Bool   `tfsdk:"include_passed"`
	FailOnEmpty       types.Bool   `tfsdk:"fail_on_empty"`
	AllowPaths        types.List   `tfsdk:"allow_paths"`
	MaxFileSize       types.String `tfsdk:"max_file_size"`
	MaxInstances      types.Int64  `tfsdk:"max_instances"`
	MaxTotalInstances types.Int64  `tfsdk:"max_total_instances"`

	Passed           types.Bool  `tfsdk:"passed"`
	FailedCount      types.Int64 `tfsdk:"failed_count"`
	UnknownCount     types.Int64 `tfsdk:"unknown_count"`
	PassedCount      types.Int64 `tfsdk:"passed_count"`
	SuppressedCount  types.Int64 `tfsdk:"suppressed_count"`
	NotApplicable    types.Int64 `tfsdk:"not_applicable_count"`
	FilesScanned     types.Int64 `tfsdk:"files_scanned"`
	ResourcesScanned types.Int64 `tfsdk:"resources_scanned"`
	Findings         types.List  `tfsdk:"findings"`
	Criteria         types.Map   `tfsdk:"criteria"`
	Errors           types.List  `tfsdk:"errors"`
	Roots            types.List  `tfsdk:"roots"`
	Warnings         types.List  `tfsdk:"warnings"`
}

// scanFindingAttrTypes is the object type of one element of `findings`.
var scanFindingAttrTypes = map[string]attr.Type{
	"rule_id":    types.StringType,
	"title":      types.StringType,
	"severity":   types.StringType,
	"criteria":   types.ListType{ElemType: types.StringType},
	"resource":   types.StringType,
	"root":       types.StringType,
	"file":       types.StringType,
	"line":       types.Int64Type,
	"status":     types.StringType,
	"message":    types.StringType,
	"suppressed": types.BoolType,
}

// scanCountsAttrTypes is the object type of one value of `criteria`.
var scanCountsAttrTypes = map[string]attr.Type{
	"failed":     types.Int64Type,
	"unknown":    types.Int64Type,
	"passed":     types.Int64Type,
	"suppressed": types.Int64Type,
}

var scanRootAttrTypes = map[string]attr.Type{
	"path":      types.StringType,
	"reason":    types.StringType,
	"excluded":  types.BoolType,
	"resources": types.Int64Type,
	"notes":     types.ListType{ElemType: types.StringType},
}

// severityNames lists the severities, most urgent first.
func severityNames() []string {
	out := make([]string, len(scanner.Severities))
	for i, s := range scanner.Severities {
		out[i] = string(s)
	}
	return out
}

// variableName is the shape of a Terraform variable name.
var variableName = lazyre.New(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// maxListedProblems bounds how many findings or input problems one
// diagnostic lists; the attributes hold them all.
const maxListedProblems = 10

func (d *scanDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scan"
}

func (d *scanDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	countAttribute := func(description string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Scans Terraform code for SOC 2 findings while Terraform plans, with the same loader, rules and engine as " +
			"`terraform-provider-soc2 scan`: root modules, single `.tf` files or plan JSON, `.soc2scan.hcl` configuration, " +
			"inline suppressions and severity threshold all behave as on the command line.\n\n" +
			"Failing findings are not errors: the data source adds one warning that summarises them, and a `check` block " +
			"(which reports a failed assertion as a warning) or a `precondition` (which fails the plan) decides what they mean. " +
			"Input that cannot be read or parsed is an error naming `file:line:column`. When `path` or another argument is only " +
			"known after apply, Terraform reads the data source during apply and every result is `(known after apply)` in the plan.\n\n" +
			"Relative paths are resolved against the directory Terraform runs in. File names in the results are relative to it " +
			"when `path` is relative, so that they do not change from one machine to another. Variables are read as Terraform " +
			"reads them (`TF_VAR_*`, `terraform.tfvars`, `*.auto.tfvars`); values given to Terraform with `-var` or `-var-file` " +
			"are not visible to the provider: pass them in `vars` or `var_files`.",
		Attributes: map[string]schema.Attribute{
			"path": schema.StringAttribute{
				MarkdownDescription: "What to scan: a root module directory (such as `path.root`, or a sibling directory of " +
					"infrastructure code), a `.tf` or `.tf.json` file, or plan JSON (`terraform show -json`). A directory without " +
					"Terraform files of its own, such as the top of a repository, is scanned as the root modules below it " +
					"(directories with Terraform files that no other one calls as a local module).",
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"config": schema.StringAttribute{
				MarkdownDescription: "Path of the scanner configuration file. Defaults to the first `" + config.FileName +
					"` found in `path`'s directory or above it, as on the command line; null when there is none.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"severity_threshold": schema.StringAttribute{
				MarkdownDescription: "Lowest severity reported and counted: " + markdownList(severityNames()) +
					". Findings of lower severity are left out of `findings` and every count. Defaults to the configuration " +
					"file's `severity_threshold`, else `low`.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{oneOf("severity", severityNames())},
			},
			"var_files": schema.ListAttribute{
				MarkdownDescription: "Variable definition files applied after `terraform.tfvars` and `*.auto.tfvars`, in order, " +
					"like `-var-file`.",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"vars": schema.MapAttribute{
				MarkdownDescription: "Values of the scanned root module's variables, applied last, like `-var`. Values of " +
					"list, map and object variables are written in HCL syntax, such as `[\"eu-west-1\"]`.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.RegexMatches(variableName(),
					"must be a variable name: a letter or underscore followed by letters, digits, underscores and dashes"))},
			},
			"allow_paths": schema.ListAttribute{
				MarkdownDescription: "Directories outside `path` that the scan may read, like `--allow-path`: local modules " +
					"whose `source` leaves `path`, files read by `file()` or `templatefile()`, and symbolic links leading out of " +
					"`path`. Nothing else outside `path` is read, whether through `..`, an absolute path or a symbolic link; " +
					"the configuration file's `allow_paths` add to these. Relative paths are resolved against the directory " +
					"Terraform runs in.",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"max_file_size": schema.StringAttribute{
				MarkdownDescription: "Largest file the scan reads, such as `50MiB` (a number of bytes, optionally with `KiB`, " +
					"`MiB` or `GiB`), like `--max-file-size`. Larger files, and anything that is not a regular file, are not " +
					"read and are reported in `errors`. Defaults to the configuration file's `max_file_size`, else `20MiB`.",
				Optional:   true,
				Validators: []validator.String{sizeValidator},
			},
			"fail_on_unknown": schema.BoolAttribute{
				MarkdownDescription: "Count results that are unknown until apply (such as a KMS key created in the same plan) " +
					"as failing in `passed`. Defaults to the configuration file's `fail_on_unknown`, else `false`.",
				Optional: true,
				Computed: true,
			},
			"fail_on_empty": schema.BoolAttribute{
				MarkdownDescription: "Make a scan that finds no Terraform configuration, plan or state under `path` (a directory " +
					"of symlink loops or of other files) an error rather than a warning, so that it cannot pass having checked " +
					"nothing. Defaults to `true` when the environment variable `CI` is `true`, as the CLI's `--fail-on-empty`, else `false`.",
				Optional: true,
			},
			"include_passed": schema.BoolAttribute{
				MarkdownDescription: "List passing results in `findings` too, as evidence of what was checked. Defaults to " +
					"`false`: `findings` lists failing and unknown results, suppressed or not. The counts always include passes.",
				Optional: true,
			},
			"max_instances": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Scan at most this many instances of one resource, data source or module call "+
					"(`count`, `for_each`); past it, the first ones are scanned and a warning names the block. Defaults to the "+
					"configuration file's `max_instances`, else %d.", loader.DefaultMaxInstances),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, 1<<30)},
			},
			"max_total_instances": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Stop evaluating past this many resource and module instances in all, with an "+
					"error naming the chain of module calls. Defaults to the configuration file's `max_total_instances`, else %d.",
					loader.DefaultMaxTotalInstances),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, 1<<30)},
			},
			"passed": schema.BoolAttribute{
				MarkdownDescription: "Whether the scan passed: no unsuppressed failing finding at or above the severity " +
					"threshold (nor unknown one, with `fail_on_unknown`), and no input error.",
				Computed: true,
			},
			"failed_count":     countAttribute("Number of unsuppressed failing findings at or above the severity threshold."),
			"unknown_count":    countAttribute("Number of unsuppressed findings whose result is unknown until apply, at or above the severity threshold."),
			"passed_count":     countAttribute("Number of passing results at or above the severity threshold."),
			"suppressed_count": countAttribute("Number of failing or unknown findings suppressed by an inline comment or a configuration exclusion."),
			"not_applicable_count": countAttribute("Number of results where a rule had nothing to judge (for example a replication-region rule " +
				"on a bucket without replication). They are not passes and are never listed as findings."),
			"files_scanned":     countAttribute("Number of files read. Zero means nothing was scanned, which the data source warns about."),
			"resources_scanned": countAttribute("Number of managed resource instances scanned."),
			"findings": schema.ListNestedAttribute{
				MarkdownDescription: "The findings at or above the severity threshold, sorted by file, line, rule ID and resource " +
					"as in every report format.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"rule_id":  schema.StringAttribute{MarkdownDescription: "Rule ID, such as `aws-rds-storage-encrypted`.", Computed: true},
						"title":    schema.StringAttribute{MarkdownDescription: "The rule's title.", Computed: true},
						"severity": schema.StringAttribute{MarkdownDescription: "Severity, after any override in the configuration: " + markdownList(severityNames()) + ".", Computed: true},
						"criteria": schema.ListAttribute{MarkdownDescription: "Trust Services Criteria the rule evidences, primary first.", ElementType: types.StringType, Computed: true},
						"resource": schema.StringAttribute{MarkdownDescription: "Address of the resource, such as `module.db.aws_db_instance.this`.", Computed: true},
						"root": schema.StringAttribute{MarkdownDescription: "Root module the resource was evaluated through: its path relative to the scanned " +
							"path that holds it, `.` for that path itself. A module called from several roots gives a finding per root.", Computed: true},
						"file":       schema.StringAttribute{MarkdownDescription: "File of the finding; empty for a resource known only from a plan.", Computed: true},
						"line":       schema.Int64Attribute{MarkdownDescription: "Line of the finding in `file`.", Computed: true},
						"status":     schema.StringAttribute{MarkdownDescription: "`fail`, `unknown` or `pass`.", Computed: true},
						"message":    schema.StringAttribute{MarkdownDescription: "What the rule found.", Computed: true},
						"suppressed": schema.BoolAttribute{MarkdownDescription: "Whether a suppression comment or a configuration exclusion applies.", Computed: true},
					},
				},
			},
			"criteria": schema.MapNestedAttribute{
				MarkdownDescription: "Counts by Trust Services Criterion, keyed by criterion ID (such as `CC6.1`), for every " +
					"criterion a rule of the scan maps to, so that a control can cite the evidence for its criteria. " +
					"A finding counts for every criterion its rule maps to.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"failed":     countAttribute("Unsuppressed failing findings."),
						"unknown":    countAttribute("Unsuppressed findings unknown until apply."),
						"passed":     countAttribute("Passing results."),
						"suppressed": countAttribute("Suppressed findings."),
					},
				},
			},
			"roots": schema.ListNestedAttribute{
				MarkdownDescription: "The root modules scanned, each evaluated on its own with its variables' values, and " +
					"the directories `exclude_roots` left out, sorted by path as in the JSON report. Every directory in and below " +
					"a directory `path` with Terraform files that no other one calls as a module is a root (a stack, each " +
					"example and wrapper of a module repository); a file or plan `path` is one. Modules called by a root are " +
					"scanned through it and are not listed.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"path": schema.StringAttribute{
							MarkdownDescription: "The root's directory (or file, or plan) with forward slashes, relative when `path` is.",
							Computed:            true,
						},
						"reason": schema.StringAttribute{
							MarkdownDescription: "Why it is a root: `not called by another module` for a directory found, " +
								"`named` for a file or plan `path` (or one with nothing to scan); for an excluded directory, the " +
								"`exclude_roots` pattern that excluded it.",
							Computed: true,
						},
						"excluded": schema.BoolAttribute{
							MarkdownDescription: "Whether the directory was left out by `exclude_roots` rather than scanned.",
							Computed:            true,
						},
						"resources": schema.Int64Attribute{
							MarkdownDescription: "Number of managed resource instances scanned from the root, its modules' " +
								"included: 0 for an excluded root and for one that scanned nothing, such as a `wrappers/` " +
								"directory whose `for_each = var.items` is empty by default (its `notes` then say so).",
							Computed: true,
						},
						"notes": schema.ListAttribute{
							MarkdownDescription: "What the root's evaluation depended on: a registry module scanned from the " +
								"repository's local copy, or a module call that expands to no instances (a `count` of 0, an " +
								"empty `for_each`), whose module is then not scanned through this root.",
							ElementType: types.StringType,
							Computed:    true,
						},
					},
				},
			},
			"errors": schema.ListAttribute{
				MarkdownDescription: "Input that could not be read, parsed or evaluated (what Terraform itself rejects, such as " +
					"a reference to an undeclared variable, and input past `max_total_instances`), as `file:line:column: message`. " +
					"Each is also an error diagnostic, so a successful read has none.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"warnings": schema.ListAttribute{
				MarkdownDescription: "Input that was read but not fully evaluated (a remote module, which is never downloaded, " +
					"or a `count` or `for_each` past `max_instances`) and suppressions that did not apply, as " +
					"`file:line:column: message`.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

func (d *scanDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (d *scanDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model scanModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !model.inputsKnown() {
		// Terraform defers the read to apply when the configuration is not
		// wholly known; this only guards against a caller that does not.
		model.setUnknown()
		resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
		return
	}

	res, diags := d.scan(ctx, &model)
	resp.Diagnostics.Append(diags...)
	if res == nil {
		return
	}
	rep := res.Report
	resp.Diagnostics.Append(model.setResults(ctx, res)...)
	resp.Diagnostics.Append(reportDiagnostics(model.Path.ValueString(), rep)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// inputsKnown reports whether every argument is known.
func (m *scanModel) inputsKnown() bool {
	for _, v := range []attr.Value{m.Path, m.Config, m.SeverityThreshold, m.VarFiles, m.Vars, m.FailOnUnknown, m.IncludePassed, m.FailOnEmpty, m.AllowPaths, m.MaxFileSize} {
		if v.IsUnknown() {
			return false
		}
	}
	for _, v := range append(append(m.VarFiles.Elements(), m.AllowPaths.Elements()...), mapValues(m.Vars)...) {
		if v.IsUnknown() {
			return false
		}
	}
	return true
}

func mapValues(m types.Map) []attr.Value {
	out := make([]attr.Value, 0, len(m.Elements()))
	for _, v := range m.Elements() {
		out = append(out, v)
	}
	return out
}

// setUnknown marks every computed value unknown.
func (m *scanModel) setUnknown() {
	if m.Config.IsNull() {
		m.Config = types.StringUnknown()
	}
	if m.SeverityThreshold.IsNull() {
		m.SeverityThreshold = types.StringUnknown()
	}
	if m.FailOnUnknown.IsNull() {
		m.FailOnUnknown = types.BoolUnknown()
	}
	m.Passed = types.BoolUnknown()
	for _, c := range []*types.Int64{&m.FailedCount, &m.UnknownCount, &m.PassedCount, &m.SuppressedCount, &m.NotApplicable, &m.FilesScanned, &m.ResourcesScanned} {
		*c = types.Int64Unknown()
	}
	m.Findings = types.ListUnknown(types.ObjectType{AttrTypes: scanFindingAttrTypes})
	m.Criteria = types.MapUnknown(types.ObjectType{AttrTypes: scanCountsAttrTypes})
	m.Errors = types.ListUnknown(types.StringType)
	m.Roots = types.ListUnknown(types.ObjectType{AttrTypes: scanRootAttrTypes})
	m.Warnings = types.ListUnknown(types.StringType)
}

// scan runs the scanner on the model's arguments. It returns nil when the
// scan could not run at all (a path that does not exist, a bad
// configuration file); problems with the input itself are in the report.
func (d *scanDataSource) scan(ctx context.Context, m *scanModel) (*scan.Result, diag.Diagnostics) {
	var diags diag.Diagnostics
	var varFiles []string
	diags.Append(m.VarFiles.ElementsAs(ctx, &varFiles, false)...)
	var allowPaths []string
	diags.Append(m.AllowPaths.ElementsAs(ctx, &allowPaths, false)...)
	vars := map[string]string{}
	diags.Append(m.Vars.ElementsAs(ctx, &vars, false)...)
	if diags.HasError() {
		return nil, diags
	}
	req := scan.Request{
		Paths:             []string{m.Path.ValueString()},
		Rules:             rules.All(),
		DataSources:       rules.DataSources(),
		ConfigFile:        m.Config.ValueString(),
		VarFiles:          varFiles,
		Vars:              assignments(vars),
		AllowPaths:        allowPaths,
		Env:               os.Environ(),
		IncludePassed:     m.IncludePassed.ValueBool(),
		Version:           d.data.providerVersion(),
		Now:               d.data.now,
		FailOnEmpty:       scan.CIMode(os.Environ()),
		MaxInstances:      int(m.MaxInstances.ValueInt64()),
		MaxTotalInstances: int(m.MaxTotalInstances.ValueInt64()),
	}
	if !m.FailOnEmpty.IsNull() {
		req.FailOnEmpty = m.FailOnEmpty.ValueBool()
	}
	if !m.MaxFileSize.IsNull() {
		req.MaxFileSize, _ = config.ParseSize(m.MaxFileSize.ValueString()) // checked by sizeValidator
	}
	if !m.SeverityThreshold.IsNull() {
		req.SeverityThreshold = scanner.Severity(m.SeverityThreshold.ValueString())
	}
	if !m.FailOnUnknown.IsNull() {
		failOnUnknown := m.FailOnUnknown.ValueBool()
		req.FailOnUnknown = &failOnUnknown
	}
	res, err := scan.Run(ctx, req)
	if err != nil {
		diags.Append(scanErrorDiagnostic(m, varFiles, err))
		return nil, diags
	}
	return res, diags
}

// scanErrorDiagnostic turns a scan that could not run into an error at the
// argument to blame.
func scanErrorDiagnostic(m *scanModel, varFiles []string, err error) diag.Diagnostic {
	var e *scan.Error
	if !errors.As(err, &e) {
		return diag.NewAttributeErrorDiagnostic(path.Root("path"), "Cannot run the scan", wording.Sentence(err.Error()))
	}
	summary, detail := describeScanError(e)
	return diag.NewAttributeErrorDiagnostic(m.blame(e, varFiles), summary, detail)
}

// blame returns the argument that a scan error is about.
func (m *scanModel) blame(e *scan.Error, varFiles []string) path.Path {
	switch e.Input {
	case scan.InputConfigFile:
		// A file found upward from path is path's doing.
		if !m.Config.IsNull() {
			return path.Root("config")
		}
	case scan.InputSeverityThreshold:
		return path.Root("severity_threshold")
	case scan.InputVarFiles:
		if i := slices.Index(varFiles, e.Name); i >= 0 {
			return path.Root("var_files").AtListIndex(i)
		}
		return path.Root("var_files")
	case scan.InputAllowPaths:
		var allowed []string
		_ = m.AllowPaths.ElementsAs(context.Background(), &allowed, false)
		if i := slices.Index(allowed, e.Name); i >= 0 {
			return path.Root("allow_paths").AtListIndex(i)
		}
		return path.Root("allow_paths")
	}
	return path.Root("path")
}

// describeScanError returns the summary and detail of a scan error's
// diagnostic.
func describeScanError(e *scan.Error) (summary, detail string) {
	switch e.Step {
	case scan.StepOpen:
		detail = fmt.Sprintf("%s: %v. Relative paths are resolved against the directory Terraform runs in (%s)", e.Name, e.Err, workingDir())
		if e.Input == scan.InputVarFiles {
			return "Cannot read variable file", detail + "."
		}
		if e.Input == scan.InputAllowPaths {
			return "Cannot read allowed path", detail + "."
		}
		return "Cannot read scan path", detail + "; use path.root or path.module to scan code next to the configuration."
	case scan.StepConfigure:
		return "Invalid scanner configuration", wording.Sentence(e.Err.Error())
	case scan.StepLoad:
		if errors.Is(e.Err, scan.ErrNothingToScan) {
			return "Nothing to scan", fmt.Sprintf("%s: %v. fail_on_empty is on (the default when CI=true); set fail_on_empty = false to accept an empty scan.", e.Name, e.Err)
		}
		return "Cannot load Terraform input", fmt.Sprintf("Loading %s: %v.", e.Name, e.Err)
	}
	return "Cannot run the scan", wording.Sentence(e.Err.Error())
}

// workingDir is the directory relative paths are resolved against, for
// messages.
func workingDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return wd
}

// assignments turns vars into name=value options, sorted by name so that
// the scan does not depend on map order.
func assignments(vars map[string]string) []string {
	names := make([]string, 0, len(vars))
	for name := range vars {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]string, 0, len(names))
	for _, name := range names {
		out = append(out, name+"="+vars[name])
	}
	return out
}

// setResults copies the scan's result into the model's computed
// attributes: the effective settings of the arguments left null, and the
// report.
func (m *scanModel) setResults(ctx context.Context, res *scan.Result) diag.Diagnostics {
	var diags diag.Diagnostics
	rep := res.Report
	if m.Config.IsNull() && res.ConfigFile != "" {
		m.Config = types.StringValue(res.ConfigFile)
	}
	if m.SeverityThreshold.IsNull() {
		m.SeverityThreshold = types.StringValue(string(rep.Settings.SeverityThreshold))
	}
	if m.FailOnUnknown.IsNull() {
		m.FailOnUnknown = types.BoolValue(rep.Settings.FailOnUnknown)
	}
	s := rep.Summary
	m.Passed = types.BoolValue(rep.Failing() == 0 && len(rep.Errors) == 0)
	m.FailedCount = types.Int64Value(int64(s.Failed))
	m.UnknownCount = types.Int64Value(int64(s.Unknown))
	m.PassedCount = types.Int64Value(int64(s.Passed))
	m.SuppressedCount = types.Int64Value(int64(s.Suppressed))
	m.NotApplicable = types.Int64Value(int64(s.NotApplicable))
	m.FilesScanned = types.Int64Value(int64(s.FilesScanned))
	m.ResourcesScanned = types.Int64Value(int64(s.ResourcesScanned))

	findings := make([]attr.Value, 0, len(rep.Findings))
	for _, f := range rep.Visible() {
		obj, d := findingObject(f)
		diags.Append(d...)
		findings = append(findings, obj)
	}
	var d diag.Diagnostics
	m.Findings, d = types.ListValue(types.ObjectType{AttrTypes: scanFindingAttrTypes}, findings)
	diags.Append(d...)

	criteria := make(map[string]attr.Value, len(s.ByCriterion))
	for _, c := range s.ByCriterion {
		obj, d := countsObject(c.Counts)
		diags.Append(d...)
		criteria[c.Criterion] = obj
	}
	m.Criteria, d = types.MapValue(types.ObjectType{AttrTypes: scanCountsAttrTypes}, criteria)
	diags.Append(d...)

	roots := make([]attr.Value, 0, len(rep.Roots))
	for _, r := range rep.Roots {
		obj, d := rootObject(r)
		diags.Append(d...)
		roots = append(roots, obj)
	}
	m.Roots, d = types.ListValue(types.ObjectType{AttrTypes: scanRootAttrTypes}, roots)
	diags.Append(d...)

	m.Errors, d = types.ListValueFrom(ctx, types.StringType, problemStrings(rep.Errors))
	diags.Append(d...)
	m.Warnings, d = types.ListValueFrom(ctx, types.StringType, problemStrings(rep.Warnings))
	diags.Append(d...)
	return diags
}

func findingObject(f report.Finding) (types.Object, diag.Diagnostics) {
	criteria := make([]attr.Value, len(f.Criteria))
	for i, c := range f.Criteria {
		criteria[i] = types.StringValue(c)
	}
	return types.ObjectValue(scanFindingAttrTypes, map[string]attr.Value{
		"rule_id":    types.StringValue(f.RuleID),
		"title":      types.StringValue(f.Title),
		"severity":   types.StringValue(string(f.Severity)),
		"criteria":   types.ListValueMust(types.StringType, criteria),
		"resource":   types.StringValue(f.Resource),
		"root":       types.StringValue(cmp.Or(f.Root, ".")),
		"file":       types.StringValue(f.File),
		"line":       types.Int64Value(int64(f.StartLine)),
		"status":     types.StringValue(string(f.Status)),
		"message":    types.StringValue(f.Message),
		"suppressed": types.BoolValue(f.Suppressed),
	})
}

func rootObject(r report.Root) (types.Object, diag.Diagnostics) {
	notes := make([]attr.Value, len(r.Notes))
	for i, n := range r.Notes {
		notes[i] = types.StringValue(n)
	}
	return types.ObjectValue(scanRootAttrTypes, map[string]attr.Value{
		"path":      types.StringValue(r.Path),
		"reason":    types.StringValue(r.Reason),
		"excluded":  types.BoolValue(r.Excluded),
		"resources": types.Int64Value(int64(r.Resources)),
		"notes":     types.ListValueMust(types.StringType, notes),
	})
}

func countsObject(c report.Counts) (types.Object, diag.Diagnostics) {
	return types.ObjectValue(scanCountsAttrTypes, map[string]attr.Value{
		"failed":     types.Int64Value(int64(c.Failed)),
		"unknown":    types.Int64Value(int64(c.Unknown)),
		"passed":     types.Int64Value(int64(c.Passed)),
		"suppressed": types.Int64Value(int64(c.Suppressed)),
	})
}

func problemStrings(ps []report.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// reportDiagnostics turns a report into diagnostics: an error for each
// input that could not be read or parsed, one warning listing the rest of
// the input problems, one warning when nothing was scanned, one warning
// naming the roots that scanned no resource for a reason their notes give
// (a module call that expands to no instances), and one warning
// summarising the failing findings, which are not errors by themselves.
func reportDiagnostics(target string, rep *report.Report) diag.Diagnostics {
	var diags diag.Diagnostics
	at := path.Root("path")
	for i, p := range rep.Errors {
		if i == maxListedProblems {
			diags.AddAttributeError(at, "More Terraform input could not be scanned",
				fmt.Sprintf("%d more problems; the errors attribute lists them all.", len(rep.Errors)-maxListedProblems))
			break
		}
		diags.AddAttributeError(at, "Terraform input could not be scanned",
			p.String()+"\n\nThe scan went on without this input; fix it so that its resources are checked.")
	}
	if len(rep.Warnings) > 0 {
		diags.AddAttributeWarning(at, "Terraform input not fully scanned",
			listed(problemStrings(rep.Warnings), "warnings"))
	}
	if rep.Summary.FilesScanned == 0 {
		diags.AddAttributeWarning(at, "Nothing scanned",
			fmt.Sprintf("No Terraform files or plans were found in %s, so the scan checked nothing and passes trivially.", target))
	}
	var empty []string
	for _, r := range rep.Roots {
		if !r.Excluded && r.Resources == 0 && len(r.Notes) > 0 {
			empty = append(empty, r.Path+": "+strings.Join(r.Notes, "; "))
		}
	}
	if len(empty) > 0 {
		diags.AddAttributeWarning(at, "Root modules scanned no resource",
			listed(empty, "roots")+"\n\nNothing was checked through these roots: give the variables named a value "+
				"(in vars, var_files or a .tfvars file next to the root) to scan their modules, or leave the roots out with exclude_roots in .soc2scan.hcl.")
	}
	if failing := rep.Failing(); failing > 0 {
		diags.AddAttributeWarning(at, "SOC 2 scan found failing findings", findingsSummary(rep, failing))
	}
	return diags
}

// findingsSummary says how many findings fail and lists the first ones.
func findingsSummary(rep *report.Report, failing int) string {
	s := rep.Summary
	var lines []string
	for _, f := range rep.Findings {
		if f.Counts(rep.Settings.FailOnUnknown) {
			lines = append(lines, fmt.Sprintf("%s: %s (%s) on %s: %s", f.Location(), f.RuleID, f.Severity, f.Resource, f.Message))
		}
	}
	return fmt.Sprintf("%d of the findings at or above severity %s fail the scan (%d failed, %d unknown, %d passed, %d suppressed). "+
		"A check block or a precondition on passed decides whether that stops anything.\n\n%s",
		failing, rep.Settings.SeverityThreshold, s.Failed, s.Unknown, s.Passed, s.Suppressed, listed(lines, "findings"))
}

// listed joins the first maxListedProblems lines, saying how many more the
// named attribute holds.
func listed(lines []string, attribute string) string {
	if len(lines) <= maxListedProblems {
		return strings.Join(lines, "\n")
	}
	return strings.Join(lines[:maxListedProblems], "\n") +
		fmt.Sprintf("\n… and %d more in the %s attribute.", len(lines)-maxListedProblems, attribute)
}
