package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// An argument that reads one element of a known collection, chosen by a
// reference only known after apply, records the value each key gives:
// through lookup of the element, an index or an attribute of it, a local,
// and a collection whose other parts are unknown. A key whose element
// lacks what the argument reads is no key Terraform accepts.
func TestKeyedChoice(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "n" {
  type = number
}

variable "env" {
  type = string
}

resource "aws_kms_key" "k" {}

locals {
  rules = [
    { port = "22", cidr = "10.0.0.0/8" },
    { port = "443", cidr = "0.0.0.0/0" },
  ]
  uneven = [
    { port = 22 },
    { name = "no port" },
    { port = 80 },
  ]
  apis = {
    run   = { role = "roles/run.invoker", member = aws_kms_key.k.arn }
    build = { role = "roles/cloudbuild.builds.editor", member = aws_kms_key.k.arn }
  }
  partly = [
    { cidr = "10.0.0.0/8" },
    { cidr = aws_kms_key.k.arn },
  ]
  envs   = { prod = "a", dev = "b" }
  picked = local.rules[count.index]
}

resource "aws_network_acl_rule" "r" {
  count = var.n

  lookup   = lookup(local.rules[count.index], "cidr", null)
  index    = local.rules[count.index]["port"]
  attr     = local.rules[count.index].cidr
  uneven   = local.uneven[count.index].port
  template = "${local.rules[count.index].port}/${var.env}"

  // Not one key: two references, an unknown element, an index that
  // try may skip, an index through a local.
  two_keys = "${local.rules[count.index].port}${local.envs[var.env]}"
  unknown  = local.apis["run"].member
  partly   = local.partly[count.index].cidr
  in_try   = try(local.rules[count.index].cidr, "none")
  in_cond  = var.env == "x" ? lookup(local.rules[count.index], "cidr", null) : "none"
}

resource "aws_iam_member" "m" {
  count  = var.n
  role   = local.apis[var.env].role
  member = local.apis[var.env].member
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "aws_network_acl_rule.r")

	for name, want := range map[string]wantChoice{
		"lookup": {By: "count.index", Keys: []string{"0", "1"}, Vals: strVals("10.0.0.0/8", "0.0.0.0/0")},
		"index":  {By: "count.index", Keys: []string{"0", "1"}, Vals: strVals("22", "443")},
		"attr":   {By: "count.index", Keys: []string{"0", "1"}, Vals: strVals("10.0.0.0/8", "0.0.0.0/0")},
		"uneven": {By: "count.index", Keys: []string{"0", "2"}, Vals: []cty.Value{cty.NumberIntVal(22), cty.NumberIntVal(80)}},
	} {
		v := r.Attr(name)
		require.True(t, v.IsUnknown(), name)
		assertChoice(t, v, want, name)
	}
	tpl := r.Attr("template")
	assert.Nil(t, tpl.Choice(), "var.env is unknown too, so no key gives a known value")
	// One element's value is unknown: the values listed would not be
	// every value the argument can take.
	for _, name := range []string{"two_keys", "unknown", "partly"} {
		assert.Nil(t, r.Attr(name).Choice(), name)
		assert.Nil(t, r.Attr(name).Candidates(), name)
	}
	// try catches a missing element, so the key is not bound to the
	// collection's: the plain candidates hold, without a key.
	inTry := r.Attr("in_try")
	assert.Nil(t, inTry.Choice())
	assertCandidates(t, inTry.Candidates(), strVals("10.0.0.0/8", "0.0.0.0/0", "none"), "in_try")
	// Within a conditional whose condition is unknown, the same.
	inCond := r.Attr("in_cond")
	assert.Nil(t, inCond.Choice())
	assertCandidates(t, inCond.Candidates(), strVals("10.0.0.0/8", "0.0.0.0/0", "none"), "in_cond")

	m := mustResource(t, res, "aws_iam_member.m")
	assertChoice(t, m.Attr("role"), wantChoice{
		By: "var.env", Keys: []string{"build", "run"}, Vals: strVals("roles/cloudbuild.builds.editor", "roles/run.invoker"),
	}, "role of a partly known map")
	assert.Len(t, m.Attr("role").Candidates(), 2)
	assert.Nil(t, m.Attr("member").Choice(), "the member each key gives is unknown")
}

// A local that indexes by count.index cannot be evaluated at all (locals
// have no count), but one chosen by a variable is followed.
func TestKeyedChoiceThroughLocal(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "env" {
  type = string
}

locals {
  sizes  = { prod = 3, dev = 1 }
  picked = local.sizes[var.env]
}

resource "aws_instance" "i" {
  size = (local.picked)
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	i := mustResource(t, res, "aws_instance.i")
	assertChoice(t, i.Attr("size"), wantChoice{
		By: "var.env", Keys: []string{"dev", "prod"}, Vals: []cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(3)},
	}, "size")
}

// A list is only indexed by a number as written: a string reference could
// be "01", which the keys do not list, so it makes no keyed choice.
func TestKeyedChoiceListNeedsNumber(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "i" {
  type = string
}

resource "aws_instance" "i" {
  size = ["a", "b"][var.i]
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	i := mustResource(t, res, "aws_instance.i")
	assert.Nil(t, i.Attr("size").Choice())
}

func strVals(ss ...string) []cty.Value {
	out := make([]cty.Value, len(ss))
	for i, s := range ss {
		out[i] = cty.StringVal(s)
	}
	return out
}

// wantChoice is the Choice an argument should have, with the value each
// key gives in place of its position among the argument's Candidates.
type wantChoice struct {
	By   string
	Keys []string
	Vals []cty.Value
}

func assertChoice(t *testing.T, got scanner.Value, want wantChoice, name string) {
	t.Helper()
	require.NotNil(t, got.Choice(), name)
	assert.Equal(t, want.By, got.Choice().By, name)
	assert.Equal(t, want.Keys, got.Choice().Keys, name)
	require.Len(t, got.Choice().Picks, len(want.Vals), name)
	for i, pick := range got.Choice().Picks {
		require.Less(t, pick, len(got.Candidates()), "%s key %d picks no candidate", name, i)
		v := got.Candidates()[pick]
		assert.True(t, v.RawEquals(want.Vals[i]), "%s value %d: %#v, want %#v", name, i, v, want.Vals[i])
	}
}

// A .tf.json configuration writes arguments as strings with
// interpolations: their choices are the same as the native syntax's.
func TestKeyedChoiceJSON(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf.json": {Data: []byte(`{
  "variable": {"n": {"type": "number"}, "strict": {"type": "bool"}},
  "locals": {"rules": [
    {"port": "22", "cidr": "10.0.0.0/8"},
    {"port": "443", "cidr": "0.0.0.0/0"}
  ]},
  "resource": {"aws_network_acl_rule": {"r": {
    "count": "${var.n}",
    "cidr_block": "${lookup(local.rules[count.index], \"cidr\", null)}",
    "from_port": "${local.rules[count.index].port}",
    "label": "rule-${local.rules[count.index].port}",
    "protocol": "${var.strict ? \"tcp\" : \"udp\"}",
    "egress": false
  }}}
}`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "aws_network_acl_rule.r")
	assertChoice(t, r.Attr("cidr_block"), wantChoice{
		By: "count.index", Keys: []string{"0", "1"}, Vals: strVals("10.0.0.0/8", "0.0.0.0/0"),
	}, "cidr_block")
	assertChoice(t, r.Attr("from_port"), wantChoice{
		By: "count.index", Keys: []string{"0", "1"}, Vals: strVals("22", "443"),
	}, "from_port")
	assertChoice(t, r.Attr("label"), wantChoice{
		By: "count.index", Keys: []string{"0", "1"}, Vals: strVals("rule-22", "rule-443"),
	}, "label")
	protocol := r.Attr("protocol")
	assert.Nil(t, protocol.Choice())
	assertCandidates(t, protocol.Candidates(), strVals("tcp", "udp"), "protocol")
	assert.Nil(t, r.Attr("egress").Candidates())
}

// The one instance of a for_each whose keys are only known after apply
// but whose values can be listed, through locals, flatten and for
// expressions, chooses each.value among them: every argument reading it
// is keyed by the value's position.
func TestEachValueChoice(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "scope" {
  type = string
}

variable "roles" {
  type    = list(string)
  default = ["Reader", "Contributor"]
}

locals {
  by_scope    = { for s in [var.scope] : s => var.roles }
  assignments = flatten([for s, roles in local.by_scope : [for r in roles : { scope = s, role = r }]])
  by_id       = { for a in local.assignments : "${a.scope}/${a.role}" => a }
}

resource "azurerm_role_assignment" "a" {
  for_each             = local.by_id
  scope                = each.value.scope
  role_definition_name = lookup(each.value, "role", null)
  description          = "grants ${each.value.role}"
}

locals {
  partly       = { for s in [var.scope] : s => [{ role = "Reader" }, { role = s }] }
  partly_roles = { for a in flatten([for k, v in local.partly : v]) : a.role => a }
}

resource "azurerm_role_assignment" "one_unknown" {
  for_each             = local.partly_roles
  role_definition_name = each.value.role
}

resource "azurerm_role_assignment" "unknown_values" {
  for_each             = { for s in [var.scope] : s => { role = s } }
  role_definition_name = each.value.role
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	a := mustResource(t, res, "azurerm_role_assignment.a")
	assertChoice(t, a.Attr("role_definition_name"), wantChoice{
		By: "each.value", Keys: []string{"0", "1"}, Vals: strVals("Reader", "Contributor"),
	}, "role_definition_name")
	assertChoice(t, a.Attr("description"), wantChoice{
		By: "each.value", Keys: []string{"0", "1"}, Vals: strVals("grants Reader", "grants Contributor"),
	}, "description")
	assert.Nil(t, a.Attr("scope").Choice(), "the scope is unknown in every value")
	assert.Nil(t, a.Attr("scope").Candidates())

	// One value each.value can take has an unknown role: the roles
	// listed would not be every role the argument can take.
	one := mustResource(t, res, "azurerm_role_assignment.one_unknown")
	assert.True(t, one.Attr("role_definition_name").IsUnknown())
	assert.Nil(t, one.Attr("role_definition_name").Candidates())

	u := mustResource(t, res, "azurerm_role_assignment.unknown_values[(known after apply #1)]")
	assert.True(t, u.Attr("role_definition_name").IsUnknown())
	assert.Nil(t, u.Attr("role_definition_name").Candidates())
}

// A module's for_each over an input the caller writes with keys only
// known after apply lists the caller's values; merge and a conditional
// whose condition is unknown list the values of each side.
func TestEachValueChoiceThroughModuleInput(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "on" {
  type = bool
}

resource "aws_kms_key" "a" {}

module "rules" {
  source = "./mod"
  on     = var.on
  rules = {
    (aws_kms_key.a.arn) = { port = 22 }
    (aws_kms_key.a.id)  = { port = 443 }
  }
}
`)},
		"root/mod/main.tf": {Data: []byte(`
variable "rules" {
  type = map(object({ port = number }))
}

variable "on" {
  type = bool
}

resource "aws_security_group_rule" "r" {
  for_each  = var.on ? merge(var.rules, { extra = { port = 80 } }) : {}
  from_port = each.value.port
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "module.rules.aws_security_group_rule.r")
	assertChoice(t, r.Attr("from_port"), wantChoice{
		By: "each.value", Keys: []string{"0", "1", "2"},
		Vals: []cty.Value{cty.NumberIntVal(22), cty.NumberIntVal(443), cty.NumberIntVal(80)},
	}, "from_port")
}
