package loader

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An argument a dynamic block over a collection only known after apply may
// write is read as unknown through Get, never as absent: a rule that reads
// it without asking BlocksUnknown first must not pass it.
func TestGetThroughDynamicBlocks(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "rules" {}
variable "enabled" {}

resource "x_a" "unknown_for_each" {
  dynamic "versioning" {
    for_each = var.rules
    content {
      enabled = true
    }
  }
}

resource "x_a" "deeper" {
  settings {
    tier = "small"
    dynamic "backup" {
      for_each = var.rules
      content {
        enabled = true
      }
    }
  }
}

resource "x_a" "known_for_each_unknown_content" {
  dynamic "versioning" {
    for_each = [1]
    content {
      enabled = var.enabled
    }
  }
}

resource "x_a" "known_for_each_unknown_elements" {
  dynamic "versioning" {
    for_each = [var.enabled]
    content {
      enabled = versioning.value
      mode    = "fixed"
    }
  }
}

resource "x_a" "unknown_set_element" {
  dynamic "versioning" {
    for_each = toset([var.enabled])
    content {
      enabled = true
    }
  }
}

resource "x_a" "empty" {
  dynamic "versioning" {
    for_each = []
    content {
      enabled = true
    }
  }
}

resource "x_a" "static_and_dynamic" {
  versioning {
    enabled = false
  }
  dynamic "versioning" {
    for_each = var.rules
    content {
      enabled = true
    }
  }
}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	v := mustResource(t, res, "x_a.unknown_for_each").Get("versioning", "enabled")
	assert.True(t, v.IsUnknown(), "a block only a dynamic block over an unknown collection writes")
	assert.False(t, v.IsNull())
	assert.Equal(t, "versioning.enabled", v.Name)
	assert.Equal(t, 6, v.Range.StartLine, "at the dynamic block")
	blk, dyn := mustResource(t, res, "x_a.unknown_for_each").Follow("versioning")
	assert.Nil(t, blk)
	assert.Equal(t, "versioning", dyn)

	deeper := mustResource(t, res, "x_a.deeper")
	v = deeper.Get("settings", "backup", "enabled")
	assert.True(t, v.IsUnknown(), "a dynamic block inside a static one")
	assert.Equal(t, "backup.enabled", v.Name)
	assert.Equal(t, "small", str(t, deeper.Get("settings", "tier")))
	assert.True(t, deeper.Get("settings", "other").IsNull(), "an argument of the static block is what it is")
	assert.True(t, deeper.Get("logging", "enabled").IsNull(), "no block and no dynamic block: absent")
	_, dyn = deeper.Follow("settings", "backup")
	assert.Equal(t, "backup", dyn)
	blk, dyn = deeper.Follow("settings")
	assert.NotNil(t, blk)
	assert.Empty(t, dyn)

	v = mustResource(t, res, "x_a.known_for_each_unknown_content").Get("versioning", "enabled")
	assert.True(t, v.IsUnknown(), "content written from a variable")
	assert.Equal(t, "enabled", v.Name, "the argument itself, as written")

	elems := mustResource(t, res, "x_a.known_for_each_unknown_elements")
	assert.True(t, elems.Get("versioning", "enabled").IsUnknown(), "the element is unknown")
	assert.Equal(t, "fixed", str(t, elems.Get("versioning", "mode")), "what the content writes literally is known")

	assert.True(t, mustResource(t, res, "x_a.unknown_set_element").Get("versioning", "enabled").IsUnknown(),
		"a set with an unknown element may hold one element or fewer")

	empty := mustResource(t, res, "x_a.empty").Get("versioning", "enabled")
	assert.True(t, empty.IsNull(), "a dynamic block over an empty collection writes nothing")
	assert.False(t, empty.IsUnknown())

	assert.True(t, mustResource(t, res, "x_a.static_and_dynamic").Get("versioning", "enabled").IsFalse(),
		"the first block is written: Get reads it")
}

// JSON configuration cannot expand a dynamic block without the provider's
// schema: its block types are unknown, not absent.
func TestGetThroughDynamicBlocksInJSONConfiguration(t *testing.T) {
	fsys := fstest.MapFS{"main.tf.json": {Data: []byte(`{
  "resource": {"x_a": {"j": {
    "name": "n",
    "dynamic": {"versioning": {"for_each": "${var.rules}", "content": {"enabled": true}}}
  }}},
  "variable": {"rules": {}}
}`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	j := mustResource(t, res, "x_a.j")
	assert.True(t, j.BlocksUnknown("versioning"))
	assert.True(t, j.Get("versioning", "enabled").IsUnknown())
	assert.True(t, j.Get("logging", "enabled").IsNull())
}

// A plan's nested block list whose elements are only known after apply
// reads the same as a dynamic block over an unknown collection.
func TestGetThroughUnknownNestedBlocksInAPlan(t *testing.T) {
	plan := `{
  "format_version": "1.2",
  "terraform_version": "1.11.4",
  "planned_values": {"root_module": {"resources": [
    {"address": "x_a.whole", "mode": "managed", "type": "x_a", "name": "whole", "values": {}},
    {"address": "x_a.element", "mode": "managed", "type": "x_a", "name": "element",
     "values": {"versioning": [null]}},
    {"address": "x_a.leaf", "mode": "managed", "type": "x_a", "name": "leaf",
     "values": {"versioning": [{"mode": "fixed"}]}}
  ]}},
  "resource_changes": [
    {"address": "x_a.whole", "change": {"after": {}, "after_unknown": {"versioning": true}}},
    {"address": "x_a.element", "change": {"after": {"versioning": [null]}, "after_unknown": {"versioning": [true]}}},
    {"address": "x_a.leaf", "change": {"after": {"versioning": [{"mode": "fixed"}]}, "after_unknown": {"versioning": [{"enabled": true}]}}}
  ]
}`
	p := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(p, []byte(plan), 0o600))
	res, err := Load(t.Context(), Options{Paths: []string{p}})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	for _, addr := range []string{"x_a.whole", "x_a.element", "x_a.leaf"} {
		r := mustResource(t, res, addr)
		v := r.Get("versioning", "enabled")
		assert.True(t, v.IsUnknown(), "%s: a nested block known after apply", addr)
		assert.False(t, v.IsNull(), addr)
	}
	_, dyn := mustResource(t, res, "x_a.element").Follow("versioning")
	assert.Equal(t, "versioning", dyn)
	assert.Equal(t, "fixed", str(t, mustResource(t, res, "x_a.leaf").Get("versioning", "mode")))
}
