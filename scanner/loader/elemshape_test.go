package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// A for_each over a map built from a list that is only known after apply
// (roles) loses the whole map in Terraform, yet every element is built by
// the for expressions from known parts too: each.value keeps what all
// elements share (the scope, a module input here, as the caf module's
// role_assignments_for_policy does), and strings that differ keep the
// beginning they share. What the elements read from the unknown list, or
// from sensitive values, stays unknown.
func TestForEachOverUnknownListKeepsWhatElementsShare(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "roles" {
  type = list(string)
}

module "one" {
  source = "./assign"
  scopes = ["/providers/Microsoft.Management/managementGroups/platform"]
  roles  = var.roles
}

module "two" {
  source = "./assign"
  scopes = [
    "/providers/Microsoft.Management/managementGroups/platform",
    "/providers/Microsoft.Management/managementGroups/corp",
  ]
  roles = var.roles
}

module "dropped" {
  source = "./assign"
  scopes = ["/providers/Microsoft.Management/managementGroups/platform", "/subscriptions/0000"]
  roles  = var.roles
  only   = "/providers/"
}

variable "secret" {
  type      = string
  sensitive = true
  default   = "/providers/Microsoft.Management/managementGroups/hidden"
}

module "sensitive" {
  source = "./assign"
  scopes = [var.secret]
  roles  = var.roles
}
`)},
		"root/assign/main.tf": {Data: []byte(`
variable "scopes" {
  type = list(string)
}

variable "roles" {
  type = list(string)
}

variable "only" {
  type    = string
  default = ""
}

locals {
  roles_by_scope = { for s in var.scopes : s => var.roles if startswith(s, var.only) }
  pairs = flatten([
    for scope, roles in local.roles_by_scope : [
      for role in roles : {
        id    = "${scope}/providers/Microsoft.Authorization/roleAssignments/${role}"
        scope = scope
        role  = role
      }
    ]
  ])
  assignments = { for p in local.pairs : p.id => p }
}

resource "azurerm_role_assignment" "this" {
  for_each           = local.assignments
  scope              = each.value.scope
  role_definition_id = each.value.role
  name               = each.value.id
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	one := mustResource(t, res, "module.one.azurerm_role_assignment.this")
	assert.True(t, one.MayNotExist, "the roles may be none")
	assert.Equal(t, "/providers/Microsoft.Management/managementGroups/platform", str(t, one.Attr("scope")))
	assert.False(t, one.Attr("role_definition_id").IsKnown())
	assert.False(t, one.Attr("name").IsKnown())
	assert.Equal(t, "/providers/Microsoft.Management/managementGroups/platform/providers/Microsoft.Authorization/roleAssignments/",
		one.Attr("name").KnownPrefix())

	two := mustResource(t, res, "module.two.azurerm_role_assignment.this")
	assert.False(t, two.Attr("scope").IsKnown(), "two scopes: either")
	assert.Equal(t, "/providers/Microsoft.Management/managementGroups/", two.Attr("scope").KnownPrefix())

	dropped := mustResource(t, res, "module.dropped.azurerm_role_assignment.this")
	assert.Equal(t, "/providers/Microsoft.Management/managementGroups/platform", str(t, dropped.Attr("scope")),
		"the subscription is filtered out by a known condition")

	sens := mustResource(t, res, "module.sensitive.azurerm_role_assignment.this")
	assert.False(t, sens.Attr("scope").IsKnown())
	assert.Empty(t, sens.Attr("scope").KnownPrefix())
}

// joinShapes keeps what two elements share and nothing more.
func TestJoinShapes(t *testing.T) {
	obj := func(scope, role cty.Value) cty.Value {
		return cty.ObjectVal(map[string]cty.Value{"scope": scope, "role": role})
	}
	a := obj(cty.StringVal("/subscriptions/1/resourceGroups/a"), cty.StringVal("Reader"))
	b := obj(cty.StringVal("/subscriptions/1/resourceGroups/b"), cty.StringVal("Reader"))

	j := joinShapes(a, b)
	require.True(t, j.Type().IsObjectType())
	assert.Equal(t, cty.StringVal("Reader"), j.GetAttr("role"))
	assert.False(t, j.GetAttr("scope").IsKnown())
	assert.Equal(t, "/subscriptions/1/resourceGroups/", j.GetAttr("scope").Range().StringPrefix())

	assert.Equal(t, a, joinShapes(cty.NilVal, a), "no element yet")
	assert.Equal(t, a, joinShapes(a, a))
	assert.Equal(t, cty.DynamicVal, joinShapes(a, cty.StringVal("x")), "different types")
	assert.Equal(t, cty.DynamicVal,
		joinShapes(a, cty.ObjectVal(map[string]cty.Value{"scope": cty.StringVal("/")})), "different attributes")
	assert.Equal(t, cty.DynamicVal, joinShapes(a, a.Mark(sensitiveMark)), "sensitive")
	n := joinShapes(cty.NumberIntVal(1), cty.NumberIntVal(2))
	assert.False(t, n.IsKnown())
	assert.Equal(t, cty.Number, n.Type())
	s := joinShapes(cty.StringVal("é1"), cty.StringVal("è2"))
	assert.False(t, s.IsKnown())
	assert.Empty(t, s.Range().StringPrefix(), "a prefix never splits a character")
	nul := joinShapes(cty.NullVal(cty.String), cty.StringVal("a"))
	assert.False(t, nul.IsKnown())
	assert.True(t, nul.Range().CouldBeNull())
	mayBeNull := joinShapes(cty.UnknownVal(cty.String), cty.StringVal("a"))
	assert.True(t, mayBeNull.Range().CouldBeNull(), "an unknown string may be null")
	notNull := joinShapes(cty.StringVal("ab"), cty.StringVal("ac"))
	assert.False(t, notNull.Range().CouldBeNull())
	assert.Equal(t, "a", notNull.Range().StringPrefix())
}

// A collection too large to walk gives each.value nothing but what the
// value expression builds without it.
func TestElementShapeStopsOnLargeCollections(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "names" {
  type = list(string)
}

locals {
  many = flatten([for i in range(40) : [for j in range(40) : [for n in var.names : { zone = "eu", name = n }]]])
  few  = flatten([for i in range(3) : [for n in var.names : { zone = "eu", name = n }]])
}

resource "aws_route53_record" "many" {
  for_each = { for r in local.many : r.name => r }
  name     = each.value.zone
}

resource "aws_route53_record" "few" {
  for_each = { for r in local.few : r.name => r }
  name     = each.value.zone
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	assert.False(t, mustResource(t, res, "aws_route53_record.many").Attr("name").IsKnown())
	assert.Equal(t, "eu", str(t, mustResource(t, res, "aws_route53_record.few").Attr("name")))
}
