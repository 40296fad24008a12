package rules

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestCatalogueIsSortedAndUnique(t *testing.T) {
	ids := make([]string, 0, len(All()))
	for _, r := range All() {
		ids = append(ids, r.ID)
	}
	assert.True(t, sort.StringsAreSorted(ids))
	for i := 1; i < len(ids); i++ {
		assert.NotEqual(t, ids[i-1], ids[i], "rule ID registered twice")
	}
	for _, id := range ids {
		require.NotNil(t, Lookup(id), id)
		assert.Equal(t, id, Lookup(id).ID)
	}
	assert.Nil(t, Lookup("aws-no-such-rule"))
	assert.Nil(t, Lookup(""))
	assert.Nil(t, Lookup("zzz-after-every-rule"))
}

// TestCatalogueMeetsTheIssue asserts the catalogue's size and spread that
// issue 4 requires: at least 100 rules, at least 15 each for Azure and
// Google, and every family covered.
func TestCatalogueMeetsTheIssue(t *testing.T) {
	assert.GreaterOrEqual(t, len(All()), 100, "rules in the catalogue")

	byProvider := map[string]int{}
	byFamily := map[scanner.Family]int{}
	for _, r := range All() {
		byProvider[r.Provider]++
		byFamily[r.Family]++
	}
	assert.GreaterOrEqual(t, byProvider["azurerm"], 15, "Azure rules")
	assert.GreaterOrEqual(t, byProvider["google"], 15, "Google rules")
	for _, f := range scanner.Families {
		assert.Positive(t, byFamily[f], "no rule in family %s", f)
	}
	for f := range byFamily {
		assert.Contains(t, scanner.Families, f, "rule family %q is not one of scanner's families", f)
	}
}

// TestRulesMatchTheirProvider catches a rule registered under one cloud but
// naming or inspecting another's resources.
func TestRulesMatchTheirProvider(t *testing.T) {
	idPrefix := map[string]string{"aws": "aws-", "azurerm": "azure-", "google": "google-"}
	for _, r := range All() {
		prefix, ok := idPrefix[r.Provider]
		if !assert.True(t, ok, "%s: unknown provider %q", r.ID, r.Provider) {
			continue
		}
		assert.True(t, strings.HasPrefix(r.ID, prefix), "%s: provider %s wants IDs starting %q", r.ID, r.Provider, prefix)
		for _, typ := range r.ResourceTypes {
			if r.Provider == "azurerm" && strings.HasPrefix(typ, "azapi_") {
				continue // azapi resources stand for azurerm ones (rules/azure/azapi.go)
			}
			if typ == "provider."+r.Provider {
				continue // the provider's own configuration (scanner.Resource.Mode "provider")
			}
			assert.True(t, strings.HasPrefix(typ, r.Provider+"_"), "%s: resource type %s is not a %s resource", r.ID, typ, r.Provider)
		}
	}
}

func TestEveryRuleCarriesItsMetadata(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) { ruletest.CheckMetadata(t, r) })
	}
}
