package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
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
