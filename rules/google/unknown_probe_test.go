package google

import (
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
)

// unknownProbeExempt lists the rules, or rule and argument, that may pass a
// bad example's resource once one of its arguments comes from an input
// variable, with why.
var unknownProbeExempt = map[string]string{
	// Not yet fixed: each passes the bad example once the argument is
	// unknown; the rule should say unknown instead.
}

// TestUnknownArgumentNeverPassesABadExample: see ruletest.ProbeUnknowns.
func TestUnknownArgumentNeverPassesABadExample(t *testing.T) {
	ruletest.ProbeUnknowns(t, Rules(), unknownProbeExempt)
}
