package tsc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCatalogueHasTheSixtyOneCriteria(t *testing.T) {
	all := All()
	require.Len(t, all, 61)

	perCategory := map[Category]int{}
	perGroup := map[string]int{}
	for _, c := range all {
		perCategory[c.Category]++
		perGroup[c.Group]++
		assert.NotEmpty(t, c.Title, c.ID)
	}
	assert.Equal(t, map[Category]int{
		Security: 33, Availability: 3, Confidentiality: 2, ProcessingIntegrity: 5, Privacy: 18,
	}, perCategory)
	assert.Equal(t, 5, perGroup["CC1"])
	assert.Equal(t, 8, perGroup["CC6"])
	assert.Equal(t, 5, perGroup["CC7"])
	assert.Equal(t, 7, perGroup["P6"])
	assert.Len(t, Groups(), 20, "CC1–CC9, A1, C1, PI1, P1–P8")
}

func TestLookupIsCaseInsensitiveAndCanonical(t *testing.T) {
	c, ok := Lookup(" cc6.1 ")
	require.True(t, ok)
	assert.Equal(t, "CC6.1", c.ID)
	assert.Equal(t, Security, c.Category)
	assert.Equal(t, "CC6", c.Group)

	c, ok = Lookup("pi1.5")
	require.True(t, ok)
	assert.Equal(t, ProcessingIntegrity, c.Category)

	c, ok = Lookup("C1.2")
	require.True(t, ok)
	assert.Equal(t, Confidentiality, c.Category)

	_, ok = Lookup("CC6.9")
	assert.False(t, ok)
	_, ok = Lookup("")
	assert.False(t, ok)
}

func TestSuggest(t *testing.T) {
	cases := map[string]string{
		"CC6.10": "CC6.1",
		"cc61":   "CC6.1",
		"CC 6.1": "CC6.1",
		"A12":    "A1.2",
		"P9.9":   "",
		"banana": "",
		"":       "",
	}
	assert.Contains(t, []string{"CC9.1", "CC9.2"}, Suggest("CC9.3"), "stays in the group")
	for in, want := range cases {
		assert.Equal(t, want, Suggest(in), "Suggest(%q)", in)
	}
}

func TestErrorMessage(t *testing.T) {
	assert.Equal(t, `"cc61" is not a SOC 2 Trust Services Criterion (TSC 2017); did you mean "CC6.1"?`, ErrorMessage("cc61"))
	assert.Contains(t, ErrorMessage("zzz"), "valid IDs are CC1.1–CC9.2")
}

func TestCategoriesOfAndSort(t *testing.T) {
	assert.Equal(t, []Category{Security, Availability}, CategoriesOf([]string{"A1.2", "cc6.1", "nope", "CC7.2"}))

	ids := []string{"A1.2", "P1.1", "CC7.2", "CC1.1", "zz"}
	Sort(ids)
	assert.Equal(t, []string{"CC1.1", "CC7.2", "A1.2", "P1.1", "zz"}, ids)
}

func TestParseCategory(t *testing.T) {
	c, ok := ParseCategory("Processing-Integrity")
	require.True(t, ok)
	assert.Equal(t, ProcessingIntegrity, c)
	_, ok = ParseCategory("integrity")
	assert.False(t, ok)
	assert.True(t, IsGroup("cc6"))
	assert.False(t, IsGroup("CC10"))
}
