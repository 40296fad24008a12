package azure

import (
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
)

// dynamicProbeExempt lists the rules, or rule and block, that may pass a
// bad example's resource once one of its nested blocks is a dynamic block
// over an input variable, with why.
var dynamicProbeExempt = map[string]string{}

// TestDynamicBlockNeverPassesABadExample: see ruletest.ProbeDynamicBlocks.
func TestDynamicBlockNeverPassesABadExample(t *testing.T) {
	ruletest.ProbeDynamicBlocks(t, Rules(), dynamicProbeExempt)
}
