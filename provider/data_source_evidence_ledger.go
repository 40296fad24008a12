package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/ledger"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/wording"
)

var _ datasource.DataSource = (*evidenceLedgerDataSource)(nil)

// evidenceLedgerDataSource reads the evidence ledger that `scan
// --evidence-dir` writes while Terraform plans, so that an evidence
// requirement can take last_collected from the last record in which its
// control's rules passed, and overdue then follows real CI runs.
type evidenceLedgerDataSource struct{}

func newEvidenceLedgerDataSource() datasource.DataSource { return &evidenceLedgerDataSource{} }

type evidenceLedgerModel struct {
	Dir   types.String `tfsdk:"dir"`
	Rules types.List   `tfsdk:"rules"`

	Records     types.Int64  `tfsdk:"records"`
	ChainValid  types.Bool   `tfsdk:"chain_valid"`
	Problems    types.List   `tfsdk:"problems"`
	FirstRecord types.String `tfsdk:"first_record"`
	LastRecord  types.String `tfsdk:"last_record"`
	RulesStatus types.Map    `tfsdk:"rules_status"`
	LastPassing types.String `tfsdk:"last_passing"`
}

// ruleStatusAttrTypes is the object type of one value of `rules_status`.
var ruleStatusAttrTypes = map[string]attr.Type{
	"last_record":  types.StringType,
	"last_passing": types.StringType,
	"failing_now":  types.BoolType,
}

func (d *evidenceLedgerDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_evidence_ledger"
}

func (d *evidenceLedgerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the evidence ledger that `terraform-provider-soc2 scan --evidence-dir DIR` writes, while Terraform " +
			"plans, and verifies its hash chain as `terraform-provider-soc2 evidence verify` does. Its `last_passing` is the date " +
			"of the newest record in which every listed rule ran and none failed, in the form `soc2_evidence_requirement`'s " +
			"`last_collected` takes, so that a requirement's `next_due` and `overdue` follow real CI runs.\n\n" +
			"A broken chain (a record changed, removed or inserted) is a warning naming the problems, not an error: the records " +
			"are still read, and `chain_valid` lets a `check` block or a `precondition` decide. A record that cannot be read is " +
			"left out of the results and named in `problems`. A record of a scan that could not read all of its input is never " +
			"a pass: it did not see all of the infrastructure.",
		Attributes: map[string]schema.Attribute{
			"dir": schema.StringAttribute{
				MarkdownDescription: "The ledger directory, as given to `scan --evidence-dir`. Relative paths are resolved against " +
					"the directory Terraform runs in; use `path.root` to name a directory next to the configuration.",
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"rules": schema.ListAttribute{
				MarkdownDescription: "Rule IDs to summarise, such as a control's `scanner_rules`. Each gets an entry in " +
					"`rules_status`, and `last_passing` requires all of them. When unset, `last_passing` is the newest record " +
					"in which no rule failed. A listed rule that no record ran is a warning (a misspelt ID, or a rule the scans " +
					"never reach).",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"records": schema.Int64Attribute{
				MarkdownDescription: "Number of record files in the ledger, readable or not.",
				Computed:            true,
			},
			"chain_valid": schema.BoolAttribute{
				MarkdownDescription: "Whether the hash chain is whole: no record was changed, removed or inserted.",
				Computed:            true,
			},
			"problems": schema.ListAttribute{
				MarkdownDescription: "The breaks of the chain, as `file: kind: message` (kinds `changed`, `removed`, " +
					"`inserted`, `reordered`), sorted by file; empty when `chain_valid`.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"first_record": schema.StringAttribute{
				MarkdownDescription: "Time of the oldest record, an RFC 3339 UTC timestamp; null for an empty ledger.",
				Computed:            true,
			},
			"last_record": schema.StringAttribute{
				MarkdownDescription: "Time of the newest record, an RFC 3339 UTC timestamp; null for an empty ledger.",
				Computed:            true,
			},
			"rules_status": schema.MapNestedAttribute{
				MarkdownDescription: "For each rule in `rules`, keyed by rule ID, what the readable records say about it.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"last_record": schema.StringAttribute{
							MarkdownDescription: "Time of the newest record in which the rule ran, an RFC 3339 UTC timestamp; " +
								"null when no record ran it.",
							Computed: true,
						},
						"last_passing": schema.StringAttribute{
							MarkdownDescription: "Date (RFC 3339 full-date, UTC, such as `2025-06-30`) of the newest record in " +
								"which the rule ran with no unsuppressed failing finding and the scan read all of its input; " +
								"null when it never passed.",
							Computed: true,
						},
						"failing_now": schema.BoolAttribute{
							MarkdownDescription: "Whether the rule has unsuppressed failing findings in the newest record that " +
								"ran it.",
							Computed: true,
						},
					},
				},
			},
			"last_passing": schema.StringAttribute{
				MarkdownDescription: "Date (RFC 3339 full-date, UTC, such as `2025-06-30`) of the newest record in which every " +
					"rule in `rules` ran with no unsuppressed failing finding and the scan read all of its input; null when " +
					"there is none. Assign it to `soc2_evidence_requirement`'s `last_collected`.",
				Computed: true,
			},
		},
	}
}

func (d *evidenceLedgerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model evidenceLedgerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var ruleIDs []string
	resp.Diagnostics.Append(model.Rules.ElementsAs(ctx, &ruleIDs, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	dir := model.Dir.ValueString()
	ver, err := ledger.Verify(dir)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("dir"), "Cannot read the evidence ledger",
			fmt.Sprintf("%s Relative paths are resolved against the directory Terraform runs in (%s).",
				wording.Sentence(err.Error()), workingDir()))
		return
	}
	entries, _, err := ledger.Read(dir)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("dir"), "Cannot read the evidence ledger", wording.Sentence(err.Error()))
		return
	}
	sum := summarizeLedger(entries, slices.Compact(slices.Sorted(slices.Values(ruleIDs))))
	resp.Diagnostics.Append(model.set(ctx, ver, sum)...)
	resp.Diagnostics.Append(ledgerDiagnostics(dir, ver, sum)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// ruleStatus is what the records say about one rule.
type ruleStatus struct {
	// LastRecord and LastPassing are zero when no record ran, or passed,
	// the rule.
	LastRecord, LastPassing time.Time
	FailingNow              bool
}

// ledgerSummary is what the readable records say about the listed rules.
type ledgerSummary struct {
	Rules map[string]ruleStatus
	// LastPassing is the time of the newest record in which every listed
	// rule passed; zero when none did.
	LastPassing time.Time
}

// summarizeLedger walks the readable records from oldest to newest. A
// record passes a rule when the rule ran in it with no failing finding and
// the scan read all of its input.
func summarizeLedger(entries []ledger.Entry, ruleIDs []string) ledgerSummary {
	sum := ledgerSummary{Rules: make(map[string]ruleStatus, len(ruleIDs))}
	for _, id := range ruleIDs {
		sum.Rules[id] = ruleStatus{}
	}
	for _, e := range entries {
		rec := e.Record
		if rec == nil {
			continue
		}
		allPassed := rec.Errors == 0
		for _, id := range ruleIDs {
			res, ran := rec.Rules[id]
			if !ran {
				allPassed = false
				continue
			}
			st := sum.Rules[id]
			st.LastRecord = rec.Time
			st.FailingNow = res.Failed > 0
			passed := res.Failed == 0 && rec.Errors == 0
			if passed {
				st.LastPassing = rec.Time
			}
			allPassed = allPassed && passed
			sum.Rules[id] = st
		}
		if len(ruleIDs) == 0 {
			allPassed = allPassed && noRuleFailed(rec)
		}
		if allPassed {
			sum.LastPassing = rec.Time
		}
	}
	return sum
}

func noRuleFailed(rec *ledger.Record) bool {
	for _, res := range rec.Rules {
		if res.Failed > 0 {
			return false
		}
	}
	return true
}

// set copies the verification and the summary into the computed attributes.
func (m *evidenceLedgerModel) set(ctx context.Context, ver *ledger.Verification, sum ledgerSummary) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Records = types.Int64Value(int64(ver.Records))
	m.ChainValid = types.BoolValue(ver.OK())
	var d diag.Diagnostics
	m.Problems, d = types.ListValueFrom(ctx, types.StringType, chainProblems(ver))
	diags.Append(d...)
	m.FirstRecord, m.LastRecord = timestampValue(ver.First), timestampValue(ver.Last)
	m.LastPassing = dateValue(sum.LastPassing)

	statuses := make(map[string]attr.Value, len(sum.Rules))
	for id, st := range sum.Rules {
		obj, d := types.ObjectValue(ruleStatusAttrTypes, map[string]attr.Value{
			"last_record":  timestampValue(st.LastRecord),
			"last_passing": dateValue(st.LastPassing),
			"failing_now":  types.BoolValue(st.FailingNow),
		})
		diags.Append(d...)
		statuses[id] = obj
	}
	m.RulesStatus, d = types.MapValue(types.ObjectType{AttrTypes: ruleStatusAttrTypes}, statuses)
	diags.Append(d...)
	return diags
}

// chainProblems returns the chain's problems as file: kind: message.
func chainProblems(ver *ledger.Verification) []string {
	out := make([]string, len(ver.Problems))
	for i, p := range ver.Problems {
		out[i] = p.String()
	}
	return out
}

// timestampValue formats t as an RFC 3339 UTC timestamp to the second,
// null for the zero time.
func timestampValue(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}

// dateValue formats t as an RFC 3339 full-date in UTC, the date form of
// soc2_evidence_requirement's last_collected; null for the zero time.
func dateValue(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.DateOnly))
}

// ledgerDiagnostics warns about a broken chain, an empty ledger and listed
// rules that no record ran.
func ledgerDiagnostics(dir string, ver *ledger.Verification, sum ledgerSummary) diag.Diagnostics {
	var diags diag.Diagnostics
	at := path.Root("dir")
	if !ver.OK() {
		diags.AddAttributeWarning(at, "Evidence ledger chain is broken",
			fmt.Sprintf("%d problems in the hash chain of %s: records were changed, removed or inserted, so the ledger no longer "+
				"proves what CI ran. Restore the records from the repository's or artifact store's history.\n\n%s",
				len(ver.Problems), dir, listed(chainProblems(ver), "problems")))
	}
	if ver.Records == 0 {
		diags.AddAttributeWarning(at, "Evidence ledger is empty",
			fmt.Sprintf("%s holds no records; run `terraform-provider-soc2 scan --evidence-dir %s` in CI to collect them.", dir, dir))
		return diags
	}
	var never []string
	for id, st := range sum.Rules {
		if st.LastRecord.IsZero() {
			never = append(never, id)
		}
	}
	if len(never) > 0 {
		slices.Sort(never)
		diags.AddAttributeWarning(path.Root("rules"), "Rules never ran",
			fmt.Sprintf("No record of %s ran %s: check the rule IDs and that the scans cover the resources they check.",
				dir, strings.Join(never, ", ")))
	}
	return diags
}
