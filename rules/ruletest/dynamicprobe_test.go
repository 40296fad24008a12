package ruletest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestDynamicVariants(t *testing.T) {
	code := `
resource "x_y" "a" {
  name = "a"
  rule {
    port = 22
  }
  rule {
    port = 80
    match {
      cidr = "0.0.0.0/0"
    }
  }
  lifecycle {
    prevent_destroy = true
  }
}
`
	variants := dynamicVariants(code, "x_y.a")
	var shown []string
	for _, v := range variants {
		shown = append(shown, v.arg)
	}
	assert.Equal(t, []string{"rule[0]", "rule[1]", "rule[1].match"}, shown, "every nested block but lifecycle, at any depth")
	require.Len(t, variants, 3)
	assert.Contains(t, variants[1].code, `dynamic "rule" {`)
	assert.Contains(t, variants[1].code, "for_each = var."+dynamicProbeVariable)
	assert.Contains(t, variants[1].code, `variable "`+dynamicProbeVariable+`"`)
	assert.Contains(t, variants[2].code, `dynamic "match" {`)
	assert.Empty(t, dynamicVariants(code, "x_y.b"), "no such resource")
}

// A rule that reads a nested argument through Get without asking whether
// a dynamic block may write it sees it as unknown, not absent.
func TestDynamicVariantLoadsAsUnknown(t *testing.T) {
	code := `
resource "x_y" "a" {
  versioning {
    enabled = false
  }
}
`
	rule := &scanner.Rule{ID: "x-versioning", ResourceTypes: []string{"x_y"},
		Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
			return scanner.RequireTrue(r.Get("versioning", "enabled"), "versioning is off")
		}}
	variants := dynamicVariants(code, "x_y.a")
	require.Len(t, variants, 1)
	got, ok := decideOne(rule, variants[0].code, nil, "x_y.a", nil)
	require.True(t, ok, variants[0].code)
	assert.Equal(t, scanner.Unknown, got)
}

func TestAddedDynamicVariants(t *testing.T) {
	good := blocksByType([]scanner.Example{{Code: `
resource "x_y" "good" {
  versioning {
    enabled = true
  }
  logging {
    target = "logs"
  }
  lifecycle {
    prevent_destroy = true
  }
}
`}})
	require.Len(t, good["x_y"], 2, "lifecycle is left out")
	variants := addedDynamicVariants(`
resource "x_y" "bad" {
  logging {
    target = "other"
  }
}
`, "x_y.bad", good)
	require.Len(t, variants, 1, "only the block the bad resource lacks")
	assert.Equal(t, "+versioning", variants[0].arg)
	assert.Contains(t, variants[0].code, `dynamic "versioning" {`)
	assert.Contains(t, variants[0].code, "enabled = true")
}
