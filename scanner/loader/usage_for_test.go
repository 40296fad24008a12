package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A for expression over a resource's instances that reads an attribute
// only the provider knows from its value variable keeps the instances'
// keys: the attribute is unknown in each instance, not missing, so the
// map has known keys with unknown values, and a merge with known maps
// keeps the known entries (as in caf-enterprise-scale's policy roles).
func TestForOverResourceInstancesReadsProviderAttributes(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
data "azurerm_policy_set_definition" "ext" {
  for_each = { "/ps/builtin" = "x" }
  name     = each.value
}
locals {
  internal = { "/ps/internal" = ["/p/internal"] }
  external = {
    for id, c in data.azurerm_policy_set_definition.ext :
    id => [for p in c.policy_definition_reference : p.policy_definition_id]
  }
  ids = merge(local.internal, local.external)
}
resource "null_resource" "a" {
  for_each = { for pa, pid in { a = "/ps/internal", b = "/ps/builtin" } : pa => lookup(local.ids, pid, []) }
  triggers = { ids = jsonencode(each.value) }
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	a := mustResource(t, res, `null_resource.a["a"]`)
	assert.Equal(t, `["/p/internal"]`, a.Attr("triggers").Val.GetAttr("ids").AsString())
	b := mustResource(t, res, `null_resource.a["b"]`)
	assert.False(t, b.Attr("triggers").Val.GetAttr("ids").IsKnown())
}
