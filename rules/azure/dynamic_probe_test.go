package azure

import (
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
)

// dynamicProbeExempt lists the rules, or rule and block, that may pass a
// bad example's resource once one of its nested blocks is a dynamic block
// over an input variable, with why.
var dynamicProbeExempt = map[string]string{
	// They find secrets written into the configuration. The content of a
	// dynamic block over a collection only known after apply is not
	// evaluated into the model, so a literal there is not seen: a known
	// gap, not an unknown value passed.
	"azure-appservice-no-literal-secrets": "literals only; a dynamic block over an unknown collection is not in the model",
}

// TestDynamicBlockNeverPassesABadExample: see ruletest.ProbeDynamicBlocks.
func TestDynamicBlockNeverPassesABadExample(t *testing.T) {
	ruletest.ProbeDynamicBlocks(t, Rules(), dynamicProbeExempt)
}
