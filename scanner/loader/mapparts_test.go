package loader

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// entries renders MapParts entries as key=value, with ? for a maybe entry
// and <unknown> for a value only known after apply.
func entries(p *scanner.MapParts) []string {
	var out []string
	for _, e := range p.Entries {
		s := e.Key + "="
		switch {
		case !e.Val.IsKnown():
			s += "<unknown>"
		case e.Val.Type() == cty.String:
			s += e.Val.AsString()
		default:
			s += e.Val.GoString()
		}
		if e.Maybe {
			s += "?"
		}
		out = append(out, s)
	}
	return out
}

// A map only known after apply keeps the parts it is written from,
// through merge(), conditionals, local values and module inputs, down to
// the object literal of an argument (body = { properties = var.x }).
func TestUnknownMapsKeepTheirParts(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "extra" {
  type = map(string)
}

variable "base" {
  type    = map(string)
  default = { REGION = "westeurope", API_KEY = "overridden" }
}

resource "azapi_resource" "ai" {
  type = "Microsoft.Insights/components@2020-02-02"
}

resource "azurerm_linux_web_app" "written" {
  app_settings = merge(var.extra, {})
}

locals {
  insights = azapi_resource.ai.output.cs != null ? { CS = azapi_resource.ai.output.cs } : {}
  merged   = merge(var.base, local.insights, { API_KEY = "literal" }, azapi_resource.ai.output.more)
}

module "child" {
  source   = "./child"
  settings = local.merged
}

resource "x_thing" "open" {
  settings = merge({ A = "1" }, var.extra)
  copied   = merge({ A = "1" }, azurerm_linux_web_app.written.app_settings)
  keys     = merge({ A = "1" }, { for k in var.extra : k => "v" })
}
`)},
		"root/child/main.tf": {Data: []byte(`
variable "settings" {
  type = map(string)
}

resource "azapi_update_resource" "cfg" {
  body = {
    name       = "appsettings"
    properties = var.settings
  }
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)

	cfg := mustResource(t, res, "module.child.azapi_update_resource.cfg")
	body := cfg.Attr("body")
	assert.Nil(t, body.Parts(), "the body itself is known")
	props := body.Index("properties")
	p := props.Parts()
	require.NotNil(t, p)
	assert.Equal(t, []string{"REGION=westeurope?", "CS=<unknown>?", "API_KEY=literal?"}, entries(p),
		"the literal API_KEY replaces the variable's; a map the provider computes may replace any key")
	assert.Equal(t, []string{"azapi_resource.ai.output.more"}, p.Computed)
	assert.Empty(t, p.Open)

	open := mustResource(t, res, "x_thing.open")
	p = open.Attr("settings").Parts()
	require.NotNil(t, p)
	assert.Equal(t, []string{"A=1?"}, entries(p))
	assert.Equal(t, "var.extra has no value", p.Open)
	p = open.Attr("copied").Parts()
	require.NotNil(t, p)
	assert.Equal(t, "azurerm_linux_web_app.written.app_settings is written in the configuration from values only known after apply", p.Open,
		"an argument the configuration writes is not computed by the provider")
	p = open.Attr("keys").Parts()
	require.NotNil(t, p)
	assert.Contains(t, p.Open, "for expression")
}

// Local values that each extend the previous one under an unknown
// condition, reading it in both branches, would make mapParts read exponentially many expressions: it
// stops at its budget and says so.
func TestUnknownMapPartsAreBounded(t *testing.T) {
	src := "variable \"c\" {\n  type = bool\n}\n\nlocals {\n  l0 = { A = \"1\" }\n"
	for i := 1; i <= 14; i++ {
		src += fmt.Sprintf("  l%d = var.c ? merge(local.l%d, { K%d = \"x\" }) : local.l%d\n", i, i-1, i, i-1)
	}
	src += "}\n\nresource \"x_thing\" \"t\" {\n  settings = local.l14\n}\n"
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(src)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	p := mustResource(t, res, "x_thing.t").Attr("settings").Parts()
	require.NotNil(t, p)
	assert.Contains(t, p.Open, "too many")
	assert.LessOrEqual(t, len(p.Entries), partsBudget)
}

// Whether the configuration writes a resource's argument is read from the
// managed resource after override files are merged, never from a data
// source of the same type and name.
func TestWrittenArgumentsFollowOverridesNotDataSources(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "extra" {
  type = map(string)
}

resource "azurerm_linux_web_app" "app" {
  name = "app"
}

data "azurerm_linux_web_app" "app" {
  app_settings = { A = "1" }
  tags         = var.extra
}

resource "x_thing" "t" {
  settings = merge({ A = "1" }, azurerm_linux_web_app.app.app_settings)
  tags     = merge({ A = "1" }, azurerm_linux_web_app.app.tags)
}
`)},
		"root/override.tf": {Data: []byte(`
resource "azurerm_linux_web_app" "app" {
  app_settings = merge(var.extra, {})
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)

	thing := mustResource(t, res, "x_thing.t")
	p := thing.Attr("settings").Parts()
	require.NotNil(t, p)
	assert.Equal(t, "azurerm_linux_web_app.app.app_settings is written in the configuration from values only known after apply", p.Open,
		"the override file writes app_settings")
	p = thing.Attr("tags").Parts()
	require.NotNil(t, p)
	assert.Empty(t, p.Open, "only the data source writes tags")
	assert.Equal(t, []string{"azurerm_linux_web_app.app.tags"}, p.Computed)
}
