package rules

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
)

func TestCatalogueIsSortedAndUnique(t *testing.T) {
	ids := make([]string, 0, len(All()))
	for _, r := range All() {
		ids = append(ids, r.ID)
	}
	assert.True(t, sort.StringsAreSorted(ids))
	for _, id := range ids {
		require.NotNil(t, Lookup(id), id)
		assert.Equal(t, id, Lookup(id).ID)
	}
	assert.Nil(t, Lookup("aws-no-such-rule"))
}

func TestEveryRuleCarriesItsMetadata(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) { ruletest.CheckMetadata(t, r) })
	}
}
