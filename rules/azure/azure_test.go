package azure

import (
	"testing"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
)

func TestRulesByTheirExamples(t *testing.T) {
	ruletest.Run(t, Rules())
}

func TestEveryDeclaredRuleIsListed(t *testing.T) {
	ruletest.CheckListed(t, ".", Rules())
}
