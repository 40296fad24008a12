package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// A comparison with a string only known after apply is decided when the
// string's known end rules it out, through a module input, a local, the
// operators !, && and ||, and a conditional whose selected result stays
// partly known; what the end does not rule out stays unknown. A local
// decided so is not reused by another instance of the module, whose
// caller may write something else, nor is one left unknown reused by an
// instance that can decide it (the memo, memo.go), whichever comes first.
func TestDecideBoolByKnownSuffix(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "project_id" {
  type = string
}

variable "free" {
  type = string
}

module "wi" {
  source    = "./mod"
  namespace = "${var.project_id}.svc.id.goog"
}

module "free" {
  source    = "./mod"
  namespace = "${var.project_id}${var.free}"
}

module "z_wi" {
  source    = "./mod"
  namespace = "${var.project_id}.svc.id.goog"
}
`)},
		"root/mod/main.tf": {Data: []byte(`
variable "namespace" {
  type = string
}

locals {
  enabled = !(var.namespace == null || var.namespace == "null")
  config  = !local.enabled ? [] : var.namespace == "enabled" ? [{ pool = "p.svc.id.goog" }] : [{ pool = var.namespace }]
}

resource "google_container_cluster" "c" {
  name                     = "c"
  enable_legacy_abac       = local.enabled
  enable_shielded_nodes    = var.namespace != "x.svc.id.goog"
  enable_kubernetes_alpha  = var.namespace == "a" && var.namespace == "b"
  enable_tpu               = var.namespace == "b.svc.id.goog"
  dynamic "workload_identity_config" {
    for_each = local.config
    content {
      workload_pool = workload_identity_config.value.pool
    }
  }
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)

	c := mustResource(t, res, "module.wi.google_container_cluster.c")
	assert.Equal(t, cty.True, c.Attr("enable_legacy_abac").Val, "neither null nor \"null\" ends with .svc.id.goog")
	assert.False(t, c.Attr("enable_shielded_nodes").Val.IsKnown(), "x.svc.id.goog has the known end: it may be equal")
	assert.Equal(t, cty.False, c.Attr("enable_kubernetes_alpha").Val, "&& with a side decided false")
	assert.False(t, c.Attr("enable_tpu").Val.IsKnown(), "b.svc.id.goog may be the value")
	wi := c.FirstBlock("workload_identity_config")
	require.NotNil(t, wi, "the decided condition selects a one-element list")
	assert.False(t, c.BlocksUnknown("workload_identity_config"))
	assert.False(t, wi.Attr("workload_pool").Val.IsKnown(), "the pool itself is still only known after apply")

	z := mustResource(t, res, "module.z_wi.google_container_cluster.c")
	assert.Equal(t, cty.True, z.Attr("enable_legacy_abac").Val, "decided after an instance that could not")
	require.NotNil(t, z.FirstBlock("workload_identity_config"))

	f := mustResource(t, res, "module.free.google_container_cluster.c")
	assert.False(t, f.Attr("enable_legacy_abac").Val.IsKnown(), "no known end: nothing decided")
	assert.True(t, f.BlocksUnknown("workload_identity_config"))
}

// each.value of an instance whose for_each element is only known after
// apply ends with what every element of the set is known to end with,
// through toset, concat, a list variable, a `for` over it with a condition
// and an empty list; a map's each.value and an element with no known end
// say nothing.
func TestEachValueSuffixFromElements(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "project_id" {
  type = string
}

variable "free" {
  type = string
}

module "ops" {
  source = "./mod"
  users  = ["ops@${var.project_id}.iam.gserviceaccount.com", "bot@acme.iam.gserviceaccount.com"]
}

module "mixed" {
  source = "./mod"
  users  = ["ops@${var.project_id}.iam.gserviceaccount.com", var.free]
}

resource "x_map" "m" {
  for_each = { (var.free) = "serviceAccount:a@b.iam.gserviceaccount.com" }
  member   = "${each.key}-x"
}
`)},
		"root/mod/main.tf": {Data: []byte(`
variable "users" {
  type = list(string)
}

variable "groups" {
  type    = list(string)
  default = []
}

locals {
  # As fleet-app-operator-permissions writes it: deep enough to need the
  # element's own end read with a fresh depth.
  users = [for n in var.users : (
    startswith(n, "principal://") ? n : (
      endswith(n, "gserviceaccount.com") ? "serviceAccount:${n}" : (
        "user:${n}"
  )))]
  groups = [for g in var.groups : "group:${g}"]
}

resource "x_member" "m" {
  for_each = toset(concat(local.users, local.groups))
  member   = each.value
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)

	var unknownOps, unknownMixed *scanner.Resource
	for _, r := range res.Resources {
		if r.Type != "x_member" || r.Attr("member").IsKnown() {
			continue
		}
		switch r.Module {
		case "module.ops":
			unknownOps = r
		case "module.mixed":
			unknownMixed = r
		}
	}
	require.NotNil(t, unknownOps, "the element only known after apply is an instance of its own")
	assert.Equal(t, ".iam.gserviceaccount.com", unknownOps.Attr("member").KnownSuffix())
	require.NotNil(t, unknownMixed)
	assert.Empty(t, unknownMixed.Attr("member").KnownSuffix(), "an element with no known end")
	for _, r := range res.Resources {
		if r.Type == "x_map" {
			assert.Equal(t, "-x", r.Attr("member").KnownSuffix(), "the template's own end, not the map value's")
		}
	}
}
