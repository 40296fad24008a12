package azure

import (
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
)

// unknownProbeExempt lists the rules, or rule and argument, that may pass a
// bad example's resource once one of its arguments comes from an input
// variable, with why.
var unknownProbeExempt = map[string]string{
	// It finds secrets written into the configuration: a value read from a
	// variable is not one, whatever it holds.
	"azure-appservice-no-literal-secrets": "literals only",
}

// TestUnknownArgumentNeverPassesABadExample: see ruletest.ProbeUnknowns.
func TestUnknownArgumentNeverPassesABadExample(t *testing.T) {
	ruletest.ProbeUnknowns(t, Rules(), unknownProbeExempt)
}
