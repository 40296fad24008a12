package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A string only known after apply keeps its whole written text, with a
// mark for each unknown piece, when it is a template, a local holding
// one, or one reference to a resource or data source; a variable, which
// may hold several pieces, and a known string have no skeleton.
func TestStringSkeleton(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
variable "sub" {
  type = string
}

variable "rg" {
  type = string
}

data "azurerm_subscription" "current" {}

locals {
  sub_scope = data.azurerm_subscription.current.id
}

resource "x_use" "u" {
  template = "/subscriptions/${var.sub}/resourceGroups/${var.rg}"
  sub      = "/subscriptions/${var.sub}"
  data_ref = data.azurerm_subscription.current.id
  wrapped  = "${data.azurerm_subscription.current.id}"
  local    = local.sub_scope
  variable = var.sub
  known    = "/subscriptions/0000"
  call     = lower(var.sub)
}

module "m" {
  source = "./m"
  scope  = "${data.azurerm_subscription.current.id}/resourceGroups/${var.rg}"
}
`)},
		"m/main.tf": {Data: []byte(`
variable "scope" {
  type = string
}

resource "x_use" "child" {
  scope = var.scope
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)

	u := mustResource(t, res, "x_use.u")
	for name, want := range map[string]string{
		"template": "/subscriptions/\x00/resourceGroups/\x00",
		"sub":      "/subscriptions/\x00",
		"data_ref": "\x00",
		"wrapped":  "\x00",
		"local":    "\x00",
		"variable": "",
		"known":    "",
		"call":     "",
	} {
		assert.Equal(t, want, u.Attr(name).Skeleton(), name)
	}
	child := mustResource(t, res, "module.m.x_use.child").Attr("scope")
	require.False(t, child.IsKnown())
	assert.Empty(t, child.Skeleton(), "a module input may hold a path below the reference")
}
