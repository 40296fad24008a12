package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vpcFromVariables declares a VPC whose block is a variable, so only known
// after apply, and a second variable that can be anything.
const vpcFromVariables = `
variable "cidr" {
  type = string
}

variable "extra" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
}
`

// An unknown value, or an unknown element of a list, read from a resource's
// or data source's attribute records which attribute, so that a rule can
// use what the provider guarantees of it; elements read from anywhere else
// stay without an origin.
func TestOriginsNameTheAttributeAValueIsReadFrom(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(vpcFromVariables + `
resource "aws_subnet" "a" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(var.cidr, 8, count.index)
}

resource "aws_subnet" "b" {
  for_each        = toset(["x", "y"])
  vpc_id          = aws_vpc.main.id
  cidr_block      = cidrsubnet(var.cidr, 8, 9)
  ipv6_cidr_block = var.extra
}

data "aws_vpc" "peer" {
  id = var.extra
}

locals {
  vpc_cidr = aws_vpc.main.cidr_block
  cidrs    = [aws_vpc.main.cidr_block, "10.0.0.0/8"]
}

resource "aws_thing" "t" {
  one       = aws_vpc.main.cidr_block
  ipv6      = aws_vpc.main.ipv6_cidr_block
  indexed   = aws_subnet.a[0].cidr_block
  data_one  = data.aws_vpc.peer.cidr_block
  mixed     = [aws_vpc.main.cidr_block, var.extra]
  with_lit  = [aws_vpc.main.cidr_block, "10.0.0.0/8"]
  via_local = [local.vpc_cidr]
  local_list = local.cidrs
  sub       = [cidrsubnet(aws_vpc.main.cidr_block, 4, 1)]
  splat     = aws_subnet.a[*].cidr_block
  legacy    = aws_subnet.a.*.cidr_block
  by_key    = values(aws_subnet.b)[*].ipv6_cidr_block
  for_expr  = [for s in aws_subnet.a : s.cidr_block]
  for_tags  = [for s in aws_subnet.a : s.tags["cidr"]]
  for_keyed = [for k, s in aws_subnet.a : k]
  tagged    = aws_vpc.main.tags["cidr"]
  variable  = var.extra
  templ     = "${aws_vpc.main.cidr_block}"
  joined    = "${aws_vpc.main.cidr_block}x"
  host      = "${var.extra}/32"
  hosts     = ["${var.extra}/32", var.extra]
  digit     = "${var.extra}2"
  undeclared = aws_vpc.other.cidr_block
  known     = ["10.0.0.0/8"]
  arns      = [aws_vpc.main.arn, "${aws_vpc.main.arn}/*", "x"]
  arn_var   = ["${aws_vpc.main.arn}/${var.extra}"]
  var_tmpl  = ["${var.extra}/*"]
  join_list = [join("", aws_vpc.main[*].arn), "${join("", aws_vpc.main[*].arn)}:*", join(var.extra, aws_vpc.main[*].arn)]
}

module "m" {
  source   = "./m"
  vpc_cidr = aws_vpc.main.cidr_block
}
`)},
		"root/m/main.tf": {Data: []byte(`
variable "vpc_cidr" {
  type = string
}

resource "aws_thing" "inner" {
  cidrs = [var.vpc_cidr]
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "aws_thing.t")
	require.False(t, r.Attr("one").IsKnown(), "the VPC's block is only known after apply")
	for name, want := range map[string][]string{
		"one":        {"aws_vpc.cidr_block"},
		"ipv6":       {"aws_vpc.ipv6_cidr_block"},
		"indexed":    {"aws_subnet.cidr_block"},
		"data_one":   {"data.aws_vpc.cidr_block"},
		"mixed":      {"aws_vpc.cidr_block", ""},
		"with_lit":   {"aws_vpc.cidr_block", ""},
		"via_local":  {"aws_vpc.cidr_block"},
		"local_list": {"aws_vpc.cidr_block", ""},
		"sub":        {"cidrsubnet(aws_vpc.cidr_block)"},
		"splat":      {"aws_subnet.cidr_block", "aws_subnet.cidr_block"},
		"legacy":     {"aws_subnet.cidr_block", "aws_subnet.cidr_block"},
		"by_key":     {"aws_subnet.ipv6_cidr_block", "aws_subnet.ipv6_cidr_block"},
		"for_expr":   {"aws_subnet.cidr_block", "aws_subnet.cidr_block"},
		"for_tags":   nil,
		"for_keyed":  nil,
		"templ":      {"aws_vpc.cidr_block"},
		"tagged":     nil, // a part of the attribute
		"variable":   nil,
		"joined":     nil, // more text than the attribute
		"host":       {"prefixlen(32)"},
		"hosts":      {"prefixlen(32)", ""},
		"digit":      nil, // "/32" or "/2" or no CIDR at all
		"undeclared": nil,
		"known":      nil,
		"arns":       {"aws_vpc.arn", "text(aws_vpc.arn)", ""},
		"arn_var":    nil, // the variable can be anything
		"var_tmpl":   nil,
		"join_list":  {"text(aws_vpc.arn)", "text(aws_vpc.arn)", ""}, // a separator not known could be "*"
	} {
		assert.Equal(t, want, r.Attr(name).Origins().Strings(), name)
	}
	inner := mustResource(t, res, "module.m.aws_thing.inner")
	assert.Equal(t, []string{"aws_vpc.cidr_block"}, inner.Attr("cidrs").Origins().Strings(), "followed through the module input")
}

// Origins flow through module outputs (of a local module and of a bundled
// registry model), through the functions that only pass their arguments'
// parts on, and through conditionals; a list with a part read from
// nowhere known keeps that part without an origin.
func TestOriginsFollowOutputsFunctionsAndConditionals(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "cidr" {
  type = string
}

variable "extra" {
  type = list(string)
}

variable "flag" {
  type = bool
}

variable "i" {
  type = number
}

data "aws_availability_zones" "available" {}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
}

resource "aws_subnet" "a" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
}

module "net" {
  source = "./net"
  cidr   = var.cidr
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"

  azs             = data.aws_availability_zones.available.names
  private_subnets = [for k, v in data.aws_availability_zones.available.names : cidrsubnet(var.cidr, 8, k)]
  cidr            = var.cidr
}

locals {
  by_name = {
    vpc    = aws_vpc.main.cidr_block
    subnet = aws_subnet.a[0].cidr_block
  }
}

resource "aws_thing" "t" {
  out_one      = module.net.vpc_cidr
  out_list     = module.net.subnet_cidrs
  out_nested   = module.net.nested
  out_var      = module.net.from_var
  out_elem     = module.net.subnet_cidrs[0]
  bundled_vpc  = module.vpc.vpc_cidr_block
  bundled_subs = module.vpc.private_subnets_cidr_blocks

  concat_ok    = concat(module.vpc.private_subnets_cidr_blocks, ["10.1.0.0/16"])
  concat_mixed = concat([aws_vpc.main.cidr_block], var.extra)
  concat_known = concat([aws_vpc.main.cidr_block], ["10.1.0.0/16"])
  flatten      = flatten([aws_subnet.a[*].cidr_block, [aws_vpc.main.cidr_block]])
  compact      = compact(aws_subnet.a[*].cidr_block)
  distinct     = distinct(aws_subnet.a[*].cidr_block)
  tolist       = tolist(aws_subnet.a[*].cidr_block)
  toset        = toset(aws_subnet.a[*].cidr_block)
  element      = element(aws_subnet.a[*].cidr_block, var.i)
  one          = one(aws_subnet.a[*].cidr_block)
  coalesce     = coalesce(aws_vpc.main.cidr_block, "10.1.0.0/16")
  coalesce_var = coalesce(aws_vpc.main.cidr_block, var.cidr)
  try          = try(aws_vpc.main.cidr_block, null)
  lookup       = lookup(local.by_name, var.cidr)
  lookup_dflt  = lookup(local.by_name, var.cidr, "0.0.0.0/0")
  cidrsubnets  = cidrsubnets(aws_vpc.main.cidr_block, 4, 4)
  cond_both    = var.flag ? aws_vpc.main.cidr_block : aws_subnet.a[0].cidr_block
  cond_one     = var.flag ? aws_vpc.main.cidr_block : var.cidr
  cond_known   = true ? aws_vpc.main.cidr_block : var.cidr
  other_func   = upper(aws_vpc.main.cidr_block)
  secret       = coalesce(aws_vpc.main.cidr_block, sensitive("10.1.0.0/16"))
}
`)},
		"root/net/main.tf": {Data: []byte(`
variable "cidr" {
  type = string
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
}

resource "aws_subnet" "this" {
  for_each   = { a = 1, b = 2 }
  cidr_block = cidrsubnet(aws_vpc.this.cidr_block, 8, each.value)
  vpc_id     = aws_vpc.this.id
}

output "vpc_cidr" {
  value = try(aws_vpc.this.cidr_block, null)
}

output "subnet_cidrs" {
  value = [for s in aws_subnet.this : s.cidr_block]
}

output "nested" {
  value = concat(values(aws_subnet.this)[*].cidr_block, [aws_vpc.this.cidr_block])
}

output "from_var" {
  value = var.cidr
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "aws_thing.t")
	vpc, subnet := "aws_vpc.cidr_block", "aws_subnet.cidr_block"
	for name, want := range map[string][]string{
		"out_one":      {vpc},
		"out_list":     {subnet, subnet},
		"out_nested":   {subnet + "|" + vpc, subnet + "|" + vpc, subnet + "|" + vpc},
		"out_var":      nil, // the root's variable can be anything
		"out_elem":     {subnet},
		"bundled_vpc":  {vpc},
		"bundled_subs": {subnet},
		"concat_ok":    {`"10.1.0.0/16"`, subnet},
		"concat_mixed": nil,
		"concat_known": {vpc, ""},
		"flatten":      {subnet + "|" + vpc, subnet + "|" + vpc, subnet + "|" + vpc},
		"compact":      {subnet},
		"distinct":     {subnet},
		"tolist":       {subnet, subnet},
		"toset":        {subnet},
		"element":      {subnet},
		"one":          {subnet},
		"coalesce":     {`"10.1.0.0/16"`, vpc},
		"coalesce_var": nil,
		"try":          {vpc},
		"lookup":       {subnet, vpc},
		"lookup_dflt":  {`"0.0.0.0/0"`, subnet, vpc},
		"cidrsubnets":  {"cidrsubnet(" + vpc + ")"},
		"cond_both":    {subnet, vpc},
		"cond_one":     nil,
		"cond_known":   {vpc},
		"other_func":   nil,
		"secret":       nil, // no secret text is kept as an origin
	} {
		assert.Equal(t, want, r.Attr(name).Origins().Strings(), name)
	}
}

// each.value.NAME follows the for_each to the element written for the
// instance's key, through a module input and a for expression that keeps
// the elements, as a module that takes its rules as a map is called.
func TestOriginsFollowEachValueToTheForEachElement(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(vpcFromVariables + `
module "db" {
  source = "./db"
  rules = {
    vpc   = { cidr_ipv4 = aws_vpc.main.cidr_block }
    extra = { cidr_ipv4 = var.extra }
  }
}

resource "aws_thing" "inline" {
  for_each = {
    vpc   = { cidr = aws_vpc.main.cidr_block }
    extra = { cidr = var.extra }
  }
  cidr  = each.value.cidr
  index = each.value["cidr"]
}
`)},
		"root/db/main.tf": {Data: []byte(`
variable "rules" {
  type = map(object({ cidr_ipv4 = string }))
}

resource "aws_thing" "rule" {
  for_each  = { for k, v in var.rules : k => v if v != null }
  cidr_ipv4 = each.value.cidr_ipv4
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	vpc := []string{"aws_vpc.cidr_block"}
	assert.Equal(t, vpc, mustResource(t, res, `module.db.aws_thing.rule["vpc"]`).Attr("cidr_ipv4").Origins().Strings())
	assert.Nil(t, mustResource(t, res, `module.db.aws_thing.rule["extra"]`).Attr("cidr_ipv4").Origins(), "the variable can be anything")
	in := mustResource(t, res, `aws_thing.inline["vpc"]`)
	assert.Equal(t, vpc, in.Attr("cidr").Origins().Strings())
	assert.Equal(t, vpc, in.Attr("index").Origins().Strings())
	assert.Nil(t, mustResource(t, res, `aws_thing.inline["extra"]`).Attr("cidr").Origins())
}
