package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The content of a dynamic block over a collection only known after apply
// is kept as a template, evaluated once with the iterator unknown, so that
// the rules about literal secrets see what every generated block holds;
// Blocks, FirstBlock and Get answer as they do without it.
func TestDynamicTemplateOverUnknownCollection(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "envs" {}

resource "x_a" "unknown" {
  dynamic "environment" {
    for_each = var.envs
    iterator = env
    content {
      name      = env.key
      value     = env.value
      variables = { AWS_SECRET_ACCESS_KEY = "literal-in-template" }
      nested {
        password = "nested-literal"
      }
    }
  }
}

resource "x_a" "known" {
  dynamic "environment" {
    for_each = ["a"]
    content {
      name = environment.value
    }
  }
}

resource "x_a" "unknown_set" {
  dynamic "environment" {
    for_each = toset([var.envs])
    content {
      name = "fixed"
    }
  }
}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	r := mustResource(t, res, "x_a.unknown")
	assert.Empty(t, r.Blocks("environment"), "the template is not a block")
	assert.Nil(t, r.FirstBlock("environment"))
	assert.True(t, r.BlocksUnknown("environment"))
	v := r.Get("environment", "name")
	assert.True(t, v.IsUnknown(), "Get reads through it as unknown, as before")
	assert.Equal(t, "environment.name", v.Name)
	assert.Empty(t, r.BlockTypes(), "no block type is written")

	tmpls := r.DynamicTemplates("environment")
	require.Len(t, tmpls, 1)
	tmpl := tmpls[0]
	assert.Equal(t, "environment", tmpl.Type)
	assert.Equal(t, 5, tmpl.Range.StartLine, "at the dynamic block's header")
	assert.True(t, tmpl.Attr("name").IsUnknown(), "the iterator's key is unknown")
	assert.True(t, tmpl.Attr("value").IsUnknown(), "the iterator's value is unknown")
	assert.Equal(t, "literal-in-template", str(t, tmpl.Get("variables", "AWS_SECRET_ACCESS_KEY")), "a literal stays a literal")
	assert.Equal(t, 11, tmpl.Attr("variables").Range.StartLine, "an argument keeps its own range")
	assert.Equal(t, "nested-literal", str(t, tmpl.Get("nested", "password")), "blocks written in the content are in the template")
	assert.Len(t, r.BlocksWithTemplates("environment"), 1)

	known := mustResource(t, res, "x_a.known")
	assert.Empty(t, known.DynamicTemplates("environment"), "a known collection is expanded: no template")
	assert.Len(t, known.BlocksWithTemplates("environment"), 1)

	set := mustResource(t, res, "x_a.unknown_set")
	require.Len(t, set.DynamicTemplates("environment"), 1, "a set with an unknown element")
	assert.Equal(t, "fixed", str(t, set.DynamicTemplates("environment")[0].Attr("name")))
	assert.Empty(t, set.Blocks("environment"))

	clone := r.Clone()
	require.Len(t, clone.DynamicTemplates("environment"), 1, "Clone keeps the templates")
	assert.NotSame(t, tmpl, clone.DynamicTemplates("environment")[0])
}
