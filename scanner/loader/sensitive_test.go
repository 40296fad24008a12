package loader

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// sensitiveFS is a configuration whose sensitive variable reaches resource
// arguments through every route Terraform marks: locals, string templates,
// function results, other resources' attributes, module inputs and
// outputs, dynamic blocks.
var sensitiveFS = fstest.MapFS{
	"main.tf": {Data: []byte(`
variable "secret" {
  type      = string
  sensitive = true
  default   = "s3cr3t-value"
}

variable "plain" {
  default = "open"
}

locals {
  template = "prefix-${var.secret}"
  upper    = upper(var.secret)
  mixed    = { secret = var.secret, plain = var.plain }
  revealed = nonsensitive(var.secret)
  wrapped  = sensitive("literal-secret")
}

resource "x_a" "a" {
  template = local.template
  upper    = local.upper
  plain    = var.plain
  mixed    = local.mixed
  revealed = local.revealed
  wrapped  = local.wrapped
  is_s     = issensitive(var.secret)
  is_p     = issensitive(var.plain)

  nested {
    inner = var.secret
    other = "o"
  }

  dynamic "rule" {
    for_each = [var.secret]
    content {
      value = rule.value
    }
  }
}

provider "aws" {
  region = var.secret
}

resource "aws_s3_bucket" "r" {}

resource "x_b" "b" {
  from_attr  = x_a.a.template
  from_plain = x_a.a.plain
}

module "m" {
  source = "./mod"
  input  = var.secret
  plain  = var.plain
}

resource "x_c" "c" {
  declared = module.m.declared
  carried  = module.m.carried
  open     = module.m.open
}
`)},
	"mod/main.tf": {Data: []byte(`
variable "input" {}

variable "plain" {}

variable "own" {
  sensitive = true
  default   = "module-default"
}

output "declared" {
  value     = var.plain
  sensitive = true
}

output "carried" {
  value     = "${var.input}-x"
  sensitive = true
}

output "open" {
  value = var.plain
}

resource "x_d" "d" {
  from_input = var.input
  own        = var.own
  plain      = var.plain
}
`)},
}

func TestSensitiveMarksPropagate(t *testing.T) {
	res, err := LoadFS(t.Context(), sensitiveFS, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	a := mustResource(t, res, "x_a.a")
	for name, want := range map[string]string{
		"template": "prefix-s3cr3t-value",
		"upper":    "S3CR3T-VALUE",
		"wrapped":  "literal-secret",
	} {
		v := a.Attr(name)
		assert.True(t, v.IsSensitive(), "%s is sensitive", name)
		assert.Equal(t, want, str(t, v), "%s stays readable for rules", name)
		assert.False(t, v.Val.ContainsMarked(), "%s: rules get unmarked values", name)
	}
	assert.False(t, a.Attr("plain").IsSensitive())
	assert.False(t, a.Attr("revealed").IsSensitive(), "nonsensitive() removes the mark")
	assert.True(t, a.Attr("is_s").IsTrue(), "issensitive(var.secret)")
	assert.True(t, a.Attr("is_p").IsFalse(), "issensitive(var.plain)")

	mixed := a.Attr("mixed")
	assert.True(t, mixed.IsSensitive(), "a part of it is")
	assert.True(t, mixed.Index("secret").IsSensitive())
	assert.False(t, mixed.Index("plain").IsSensitive())
	assert.True(t, a.Get("nested", "inner").IsSensitive())
	assert.False(t, a.Get("nested", "other").IsSensitive())
	require.Len(t, a.Blocks("rule"), 1)
	assert.True(t, a.Blocks("rule")[0].Attr("value").IsSensitive(), "a dynamic block's iterator carries the mark")

	assert.True(t, mustResource(t, res, "aws_s3_bucket.r").Region().IsSensitive(), "a provider's region")

	b := mustResource(t, res, "x_b.b")
	assert.True(t, b.Attr("from_attr").IsSensitive(), "another resource's attribute set from it")
	assert.False(t, b.Attr("from_plain").IsSensitive())

	d := mustResource(t, res, "module.m.x_d.d")
	assert.True(t, d.Attr("from_input").IsSensitive(), "a module input carrying a marked value")
	assert.True(t, d.Attr("own").IsSensitive(), "a module variable declared sensitive")
	assert.False(t, d.Attr("plain").IsSensitive())

	c := mustResource(t, res, "x_c.c")
	assert.True(t, c.Attr("declared").IsSensitive(), "an output declared sensitive")
	assert.True(t, c.Attr("carried").IsSensitive())
	assert.Equal(t, "s3cr3t-value-x", str(t, c.Attr("carried")))
	assert.False(t, c.Attr("open").IsSensitive())

	assert.Equal(t, []string{"module-default", "s3cr3t-value"}, res.Secrets, "the sensitive variables' own values, once")
	assert.Equal(t, []string{"S3CR3T-VALUE", "literal-secret", "module-default", "open", "prefix-s3cr3t-value", "s3cr3t-value", "s3cr3t-value-x"},
		scanner.SensitiveStrings(res.Resources))
}

func TestSensitiveForEachIsAnError(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "names" {
  type      = set(string)
  sensitive = true
  default   = ["hidden-key"]
}

resource "x_a" "a" {
  for_each = var.names
  name     = each.key
}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	errs := errorsOf(res)
	require.Len(t, errs, 1)
	assert.Equal(t, "Invalid for_each argument", errs[0].Summary)
	assert.Equal(t, 9, errs[0].Range.StartLine)
	assert.Equal(t, []string{"x_a.a"}, addresses(res), "no key shows the value")
	assert.True(t, mustResource(t, res, "x_a.a").MayNotExist)
}

func TestFileContentsRecorded(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
resource "x_a" "a" {
  short = file("short.txt")
  long  = templatefile("long.tpl", { name = "n" })
  again = file("short.txt")
  b64   = filebase64("short.txt")
}
`)},
		"short.txt": {Data: []byte("tiny")},
		"long.tpl":  {Data: []byte("hello ${name}\nsecond line\n")},
	}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	assert.ElementsMatch(t, []scanner.FileContent{
		{Name: "short.txt", Content: "tiny"},
		{Name: "long.tpl", Content: "hello n\nsecond line\n"},
		{Name: "short.txt", Content: "dGlueQ=="},
	}, res.FileContents, "what the functions returned, once per file")
}

func TestPlanJSONSensitive(t *testing.T) {
	plan := `{
  "format_version": "1.2",
  "variables": {"r": {"value": "eu-secret-1"}},
  "configuration": {
    "provider_config": {"aws": {"name": "aws", "expressions": {"region": {"references": ["var.r"]}}}},
    "root_module": {
      "resources": [{"address": "aws_db_instance.a", "provider_config_key": "aws", "expressions": {}}],
      "variables": {"r": {"sensitive": true}}
    }
  },
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_db_instance.a", "mode": "managed", "type": "aws_db_instance", "name": "a",
     "values": {"password": "plan-secret-1", "username": "admin",
                "tags": {"token": "plan-secret-2", "team": "ops"},
                "ingress": [{"cidr": "10.0.0.0/8", "key": "plan-secret-3"}]},
     "sensitive_values": {"password": true, "tags": {"token": true}}}
  ]}},
  "resource_changes": [
    {"address": "aws_db_instance.a", "change": {
      "after": {"password": "plan-secret-1", "username": "admin",
                "tags": {"token": "plan-secret-2", "team": "ops"},
                "ingress": [{"cidr": "10.0.0.0/8", "key": "plan-secret-3"}]},
      "after_unknown": {},
      "after_sensitive": {"ingress": [{"key": true}]},
      "before_sensitive": false}}
  ]
}`
	dir := t.TempDir()
	p := filepath.Join(dir, "plan.json")
	require.NoError(t, os.WriteFile(p, []byte(plan), 0o600))
	res, err := Load(t.Context(), Options{Paths: []string{p}})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	db := mustResource(t, res, "aws_db_instance.a")
	assert.True(t, db.Attr("password").IsSensitive(), "sensitive_values")
	assert.Equal(t, "plan-secret-1", str(t, db.Attr("password")))
	assert.False(t, db.Attr("username").IsSensitive())
	assert.True(t, db.Attr("tags").Index("token").IsSensitive())
	assert.False(t, db.Attr("tags").Index("team").IsSensitive())
	assert.True(t, db.Get("ingress", "key").IsSensitive(), "after_sensitive, into a nested block")
	assert.False(t, db.Get("ingress", "cidr").IsSensitive())
	assert.True(t, db.Region().IsSensitive(), "region = var.r, declared sensitive")
	assert.Equal(t, "eu-secret-1", str(t, db.Region()))
	assert.Equal(t, []string{"eu-secret-1", "plan-secret-1", "plan-secret-2", "plan-secret-3"}, scanner.SensitiveStrings(res.Resources))
}

func TestRemarkConvertedWholeWhenPathChanges(t *testing.T) {
	// A tuple converted to a set loses its indexes: the whole is marked.
	v := cty.SetVal([]cty.Value{cty.StringVal("a")})
	out := remarkConverted(v, []cty.Path{cty.IndexIntPath(0)})
	assert.True(t, out.HasMark(sensitiveMark))
}

func TestSensitiveThroughTryWithAnUnknownKey(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "m" {
  type      = map(string)
  sensitive = true
  default   = { a = "same-secret", b = "same-secret" }
}

variable "k" {
  type = string
}

resource "x_a" "a" {
  v = try(var.m[var.k], "same-secret")
}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, res.Diagnostics)
	v := mustResource(t, res, "x_a.a").Attr("v")
	assert.Equal(t, "same-secret", str(t, v), "every candidate agrees")
	assert.True(t, v.IsSensitive())
}

func TestSensitiveDataSourceComputesSensitive(t *testing.T) {
	// A computed data source whose arguments are sensitive computes a
	// sensitive result, as a function would.
	ds := scanner.DataSource{Type: "x_doc", Compute: func(b *scanner.Block, _ scanner.Value) map[string]cty.Value {
		return map[string]cty.Value{"json": cty.StringVal("doc:" + b.Attr("in").StringOr(""))}
	}}
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "s" {
  sensitive = true
  default   = "data-secret"
}

data "x_doc" "d" {
  in = var.s
}

resource "x_a" "a" {
  doc = data.x_doc.d.json
}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{DataSources: []scanner.DataSource{ds}})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	doc := mustResource(t, res, "x_a.a").Attr("doc")
	assert.Equal(t, "doc:data-secret", str(t, doc))
	assert.True(t, doc.IsSensitive())
}

func TestSensitiveSurvivesOverrideFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
variable "base" {
  sensitive = true
  default   = "base-secret"
}

variable "later" {
  default = "later-secret"
}

resource "x_a" "a" {
  base  = var.base
  later = var.later
}
`)},
		"override.tf": {Data: []byte(`
variable "base" {
  default = "overridden-secret"
}

variable "later" {
  sensitive = true
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	a := mustResource(t, res, "x_a.a")
	assert.Equal(t, "overridden-secret", str(t, a.Attr("base")))
	assert.True(t, a.Attr("base").IsSensitive(), "an override of the default keeps the declaration sensitive")
	assert.True(t, a.Attr("later").IsSensitive(), "an override can make a variable sensitive")
}
