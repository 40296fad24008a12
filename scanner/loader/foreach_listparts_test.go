package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// toset of a list that Terraform only knows after apply as a whole, but
// which is built from known lists and unknown ones, keeps the known
// strings as keyed instances that surely exist, plus one stand-in that may
// not for whatever the unknown lists hold.
func TestForEachOverPartlyKnownListKeepsKnownElements(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "extra" {
  type = list(string)
}

variable "one" {
  type = string
}

locals {
  fixed  = ["Owner", "Reader"]
  merged = distinct(flatten([local.fixed, var.extra, ["Reader"]]))
}

resource "azurerm_role_assignment" "flatten" {
  for_each             = toset(local.merged)
  role_definition_name = each.value
}

resource "azurerm_role_assignment" "concat" {
  for_each             = toset(concat(["Contributor"], var.extra))
  role_definition_name = each.key
}

resource "azurerm_role_assignment" "setunion" {
  for_each             = toset(setunion(["Owner"], tolist(var.extra)))
  role_definition_name = each.value
}

resource "azurerm_role_assignment" "nested" {
  for_each             = toset(flatten([["Owner", var.one], [var.extra]]))
  role_definition_name = each.value
}

resource "azurerm_role_assignment" "nothing_known" {
  for_each             = toset(concat(var.extra, var.extra))
  role_definition_name = each.value
}

resource "azurerm_role_assignment" "beside_func" {
  for_each             = toset(flatten([["Owner"], slice(concat(["Reader"], var.extra), 1, 2)]))
  role_definition_name = each.value
}

resource "azurerm_role_assignment" "other_func" {
  for_each             = toset(slice(concat(["Owner"], var.extra), 1, 2))
  role_definition_name = each.value
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	for _, addr := range []string{`azurerm_role_assignment.flatten["Owner"]`, `azurerm_role_assignment.flatten["Reader"]`} {
		r := mustResource(t, res, addr)
		assert.False(t, r.MayNotExist, addr)
	}
	assert.Equal(t, "Owner", str(t, mustResource(t, res, `azurerm_role_assignment.flatten["Owner"]`).Attr("role_definition_name")))
	rest := mustResource(t, res, "azurerm_role_assignment.flatten[(known after apply #1)]")
	assert.True(t, rest.MayNotExist)
	assert.False(t, rest.Attr("role_definition_name").IsKnown())

	c := mustResource(t, res, `azurerm_role_assignment.concat["Contributor"]`)
	assert.False(t, c.MayNotExist)
	assert.Equal(t, "Contributor", str(t, c.Attr("role_definition_name")))
	assert.True(t, mustResource(t, res, "azurerm_role_assignment.concat[(known after apply #1)]").MayNotExist)

	assert.False(t, mustResource(t, res, `azurerm_role_assignment.setunion["Owner"]`).MayNotExist)

	// A known element next to an unknown one in an inner list is kept.
	assert.False(t, mustResource(t, res, `azurerm_role_assignment.nested["Owner"]`).MayNotExist)
	assert.True(t, mustResource(t, res, "azurerm_role_assignment.nested[(known after apply #1)]").MayNotExist)

	// Nothing known: the single stand-in as before.
	assert.True(t, mustResource(t, res, "azurerm_role_assignment.nothing_known").MayNotExist)

	// A function that may drop elements is not followed: "Owner" may not
	// be in the slice; nor is a known list after a function that may
	// drop it, but what is known beside it is kept.
	assert.False(t, mustResource(t, res, `azurerm_role_assignment.beside_func["Owner"]`).MayNotExist)
	assert.True(t, mustResource(t, res, "azurerm_role_assignment.beside_func[(known after apply #1)]").MayNotExist)
	for _, r := range res.Resources {
		assert.NotEqual(t, `azurerm_role_assignment.beside_func["Reader"]`, r.Address, "Reader may not be in the slice")
	}
	o := mustResource(t, res, "azurerm_role_assignment.other_func")
	assert.True(t, o.MayNotExist)
	assert.False(t, o.Attr("role_definition_name").IsKnown())
}

// A module input is followed to the expression its caller writes: the
// known roles the caller passes keep their instances inside the module,
// also through a local value of the module, and what the caller does not
// write (a default, an unknown list) stays one stand-in.
func TestForEachOverPartlyKnownModuleInputKeepsKnownElements(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "extra" {
  type = list(string)
}

module "partly" {
  source = "./assign"
  roles  = concat(["b24988ac-6180-42a0-ab88-20f7382dd24c"], var.extra)
}

module "unknown" {
  source = "./assign"
  roles  = var.extra
}
`)},
		"root/assign/main.tf": {Data: []byte(`
variable "roles" {
  type = list(string)
}

locals {
  roles = distinct(var.roles)
}

resource "azurerm_role_assignment" "direct" {
  for_each           = toset(var.roles)
  role_definition_id = each.value
}

resource "azurerm_role_assignment" "via_local" {
  for_each           = toset(local.roles)
  role_definition_id = each.value
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	for _, name := range []string{"direct", "via_local"} {
		known := mustResource(t, res, `module.partly.azurerm_role_assignment.`+name+`["b24988ac-6180-42a0-ab88-20f7382dd24c"]`)
		assert.False(t, known.MayNotExist, name)
		assert.Equal(t, "b24988ac-6180-42a0-ab88-20f7382dd24c", str(t, known.Attr("role_definition_id")))
		rest := mustResource(t, res, `module.partly.azurerm_role_assignment.`+name+`[(known after apply #1)]`)
		assert.True(t, rest.MayNotExist, name)
		assert.False(t, rest.Attr("role_definition_id").IsKnown(), name)

		unknown := mustResource(t, res, `module.unknown.azurerm_role_assignment.`+name)
		assert.True(t, unknown.MayNotExist, name)
	}
}
