package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
)

var _ function.Function = (*nextDueFunction)(nil)

// nextDueFunction computes when evidence is next due, the same way
// soc2_evidence_requirement computes next_due.
type nextDueFunction struct{}

func newNextDueFunction() function.Function { return &nextDueFunction{} }

func (f *nextDueFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "next_due"
}

func (f *nextDueFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Date evidence is next due",
		MarkdownDescription: "Returns `last_collected` plus one `frequency` period, in the same form as `last_collected` " +
			"(an RFC 3339 date or timestamp), exactly as `soc2_evidence_requirement` computes `next_due`. " +
			"Months are calendar months clamped to the end of the month. Returns null for `continuous` and `per-event`, " +
			"which have no calendar due date.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "last_collected",
				MarkdownDescription: "When the evidence was last collected: an RFC 3339 date (`2025-01-31`) or timestamp (`2025-01-31T09:00:00Z`).",
			},
			function.StringParameter{
				Name:                "frequency",
				MarkdownDescription: "Collection frequency: " + markdownList(inventory.Frequencies()) + ".",
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *nextDueFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var lastCollected, frequency string
	resp.Error = req.Arguments.Get(ctx, &lastCollected, &frequency)
	if resp.Error != nil {
		return
	}
	last, err := inventory.ParseDate(lastCollected)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	freq, err := inventory.ParseFrequency(frequency)
	if err != nil {
		msg := notOneOf("frequency", inventory.Frequencies(), frequency)
		resp.Error = function.NewArgumentFuncError(1, msg)
		return
	}
	due, ok := inventory.NextDue(last, freq)
	if !ok {
		resp.Error = resp.Result.Set(ctx, types.StringNull())
		return
	}
	resp.Error = resp.Result.Set(ctx, due.String())
}
