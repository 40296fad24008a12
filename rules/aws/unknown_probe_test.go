package aws

import (
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
)

// unknownProbeExempt lists the rules, or rule and argument, that may pass a
// bad example's resource once one of its arguments comes from an input
// variable, with why.
var unknownProbeExempt = map[string]string{
	// They find secrets written into the configuration: a value read from
	// a variable is not one, whatever it holds.
	"aws-no-embedded-credentials": "literals only",
	"aws-no-literal-passwords":    "literals only",
	// Only a group or prefix list the configuration declares is judged; a
	// literal ID of one outside it passes the same way.
	"aws-ec2-default-security-group-restricts-all security_group_id": "undeclared group",
	"aws-ec2-security-group-no-public-http prefix_list_id":           "undeclared prefix list",
}

// TestUnknownArgumentNeverPassesABadExample: see ruletest.ProbeUnknowns.
func TestUnknownArgumentNeverPassesABadExample(t *testing.T) {
	ruletest.ProbeUnknowns(t, Rules(), unknownProbeExempt, DataSources()...)
}
