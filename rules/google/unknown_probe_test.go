package google

import (
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
)

// unknownProbeExempt lists the rules, or rule and argument, that may pass a
// bad example's resource once one of its arguments comes from an input
// variable, with why. None do.
var unknownProbeExempt = map[string]string{}

// TestUnknownArgumentNeverPassesABadExample: see ruletest.ProbeUnknowns.
func TestUnknownArgumentNeverPassesABadExample(t *testing.T) {
	ruletest.ProbeUnknowns(t, Rules(), unknownProbeExempt)
}
