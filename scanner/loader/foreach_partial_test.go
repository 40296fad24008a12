package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// A for_each whose keys are only known after apply but whose elements are
// known gives one instance per element, with its own each.value, under a
// numbered placeholder key; a set mixing known and unknown strings keeps
// the known ones as keyed instances.
func TestForEachWithUnknownKeysExpandsKnownElements(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "prefix" {
  type = string
}

variable "buckets" {
  default = {
    logs = { acl = "private" }
    site = { acl = "public-read" }
  }
}

locals {
  named = { for k, v in var.buckets : "${var.prefix}-${k}" => v }
}

resource "aws_s3_bucket" "direct" {
  for_each = { for k, v in var.buckets : "${var.prefix}-${k}" => v }
  bucket   = each.key
  acl      = each.value.acl
}

resource "aws_s3_bucket" "via_local" {
  for_each = local.named
  acl      = each.value.acl
}

resource "aws_s3_bucket" "cons" {
  for_each = {
    (var.prefix) = "private"
    fixed        = "public-read"
  }
  acl = each.value
}

resource "aws_s3_bucket" "set" {
  for_each = toset(["a", var.prefix, "b"])
  bucket   = each.value
}

resource "aws_s3_bucket" "cond" {
  for_each = { for k, v in var.buckets : k => v if var.prefix != "" }
  acl      = each.value.acl
}

resource "aws_s3_bucket" "unknown" {
  for_each = var.prefix == "" ? {} : var.buckets
  acl      = each.value.acl
}

module "m" {
  source   = "./m"
  for_each = { for k, v in var.buckets : "${var.prefix}-${k}" => v }
  acl      = each.value.acl
}

resource "aws_s3_bucket_policy" "p" {
  for_each = aws_s3_bucket.direct
  bucket   = each.value.id
}
`)}, "root/m/main.tf": {Data: []byte(`
variable "acl" {}
resource "aws_s3_bucket" "b" {
  acl = var.acl
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	// Elements in the order of the source (sorted map keys), keys unknown.
	d1 := mustResource(t, res, "aws_s3_bucket.direct[(known after apply #1)]")
	d2 := mustResource(t, res, "aws_s3_bucket.direct[(known after apply #2)]")
	assert.Equal(t, "private", str(t, d1.Attr("acl")))
	assert.Equal(t, "public-read", str(t, d2.Attr("acl")))
	assert.False(t, d1.Attr("bucket").IsKnown())
	assert.False(t, d1.MayNotExist, "every element is an instance")

	assert.Equal(t, "public-read", str(t, mustResource(t, res, "aws_s3_bucket.via_local[(known after apply #2)]").Attr("acl")))

	// A known key keeps its address, the unknown one is numbered.
	assert.Equal(t, "public-read", str(t, mustResource(t, res, `aws_s3_bucket.cons["fixed"]`).Attr("acl")))
	assert.Equal(t, "private", str(t, mustResource(t, res, "aws_s3_bucket.cons[(known after apply #1)]").Attr("acl")))

	// Sets: known strings are keyed instances that surely exist, the
	// unknown one may equal one of them.
	a := mustResource(t, res, `aws_s3_bucket.set["a"]`)
	assert.Equal(t, "a", str(t, a.Attr("bucket")))
	assert.False(t, a.MayNotExist)
	mustResource(t, res, `aws_s3_bucket.set["b"]`)
	u := mustResource(t, res, "aws_s3_bucket.set[(known after apply #1)]")
	assert.True(t, u.MayNotExist)
	assert.False(t, u.Attr("bucket").IsKnown())

	// An unknown condition keeps the keys but each instance may be dropped.
	c := mustResource(t, res, `aws_s3_bucket.cond["site"]`)
	assert.True(t, c.MayNotExist)
	assert.Equal(t, "public-read", str(t, c.Attr("acl")))

	// An unknown collection is still one unkeyed representative.
	un := mustResource(t, res, "aws_s3_bucket.unknown")
	assert.True(t, un.MayNotExist)
	assert.False(t, un.Attr("acl").IsKnown())

	// Module calls expand the same way.
	assert.Equal(t, "public-read", str(t, mustResource(t, res, "module.m[(known after apply #2)].aws_s3_bucket.b").Attr("acl")))

	// The resource as a whole has unknown keys: iterating over it is
	// unknown, and what refers to it refers to all its instances.
	p := mustResource(t, res, "aws_s3_bucket_policy.p")
	assert.True(t, p.MayNotExist)
	assert.ElementsMatch(t, []string{"aws_s3_bucket.direct"}, p.Attr("bucket").Refs)
	ix := scanner.NewIndex(res.Resources)
	assert.Len(t, ix.Resolve(p.Attr("bucket")), 2)
	assert.Equal(t, "aws_s3_bucket.direct", scanner.BaseAddress(d1.Address))
}

// A for_each over a for expression whose collection is only known after
// apply is one unkeyed representative, and its each.value is what the value
// expression builds whatever the elements are: what it does not read from
// the element stays known.
func TestForEachOverUnknownCollectionKeepsTheValueExpression(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "names" {
  type = list(string)
}

variable "secret" {
  type      = string
  sensitive = true
  default   = "x"
}

locals {
  rules = { for n in var.names : n => { cidr = "0.0.0.0/0", name = n } }
}

resource "aws_security_group_rule" "constant" {
  for_each    = { for n in var.names : n => "0.0.0.0/0" }
  cidr_blocks = [each.value]
}

resource "aws_security_group_rule" "via_local" {
  for_each    = tomap(local.rules)
  cidr_blocks = [each.value.cidr]
  description = each.value.name
}

resource "aws_security_group_rule" "reads_element" {
  for_each    = { for n in var.names : n => n }
  description = each.value
}

resource "aws_security_group_rule" "grouped" {
  for_each    = { for n in var.names : n => "0.0.0.0/0"... }
  cidr_blocks = each.value
}

resource "aws_security_group_rule" "sensitive" {
  for_each    = { for n in var.names : n => var.secret }
  description = each.value
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	c := mustResource(t, res, "aws_security_group_rule.constant")
	assert.True(t, c.MayNotExist)
	got, ok := c.Attr("cidr_blocks").AsStrings()
	assert.True(t, ok)
	assert.Equal(t, []string{"0.0.0.0/0"}, got)

	l := mustResource(t, res, "aws_security_group_rule.via_local")
	got, ok = l.Attr("cidr_blocks").AsStrings()
	assert.True(t, ok)
	assert.Equal(t, []string{"0.0.0.0/0"}, got)
	assert.False(t, l.Attr("description").IsKnown(), "the name is the unknown element")

	assert.False(t, mustResource(t, res, "aws_security_group_rule.reads_element").Attr("description").IsKnown())
	assert.False(t, mustResource(t, res, "aws_security_group_rule.grouped").Attr("cidr_blocks").IsKnown())
	assert.False(t, mustResource(t, res, "aws_security_group_rule.sensitive").Attr("description").IsKnown())
}
