package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/tsc"
)

var _ function.Function = (*criterionCategoryFunction)(nil)

// criterionCategoryFunction returns the category of a criterion.
type criterionCategoryFunction struct{}

func newCriterionCategoryFunction() function.Function { return &criterionCategoryFunction{} }

func (f *criterionCategoryFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "criterion_category"
}

func (f *criterionCategoryFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Trust Services Category of a criterion",
		MarkdownDescription: "Returns the Trust Services Category of a SOC 2 criterion (TSC 2017): " + markdownList(tsc.CategoryNames()) +
			". The ID is matched case-insensitively; an unknown ID is an error with a suggestion for near misses.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "id",
				MarkdownDescription: "Criterion ID, such as `CC6.1` or `A1.2`.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *criterionCategoryFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var id string
	resp.Error = req.Arguments.Get(ctx, &id)
	if resp.Error != nil {
		return
	}
	c, ok := tsc.Lookup(id)
	if !ok {
		resp.Error = function.NewArgumentFuncError(0, tsc.ErrorMessage(id))
		return
	}
	resp.Error = resp.Result.Set(ctx, string(c.Category))
}
