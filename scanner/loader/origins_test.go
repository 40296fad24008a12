package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An unknown value, or an unknown element of a list, read from a resource's
// or data source's attribute records which attribute, so that a rule can
// use what the provider guarantees of it; elements read from anywhere else
// stay without an origin.
func TestOriginsNameTheAttributeAValueIsReadFrom(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "cidr" {
  type = string
}

variable "extra" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
}

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
  undeclared = aws_vpc.other.cidr_block
  known     = ["10.0.0.0/8"]
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
		"undeclared": nil,
		"known":      nil,
	} {
		assert.Equal(t, want, r.Attr(name).Origins(), name)
	}
	inner := mustResource(t, res, "module.m.aws_thing.inner")
	assert.Equal(t, []string{"aws_vpc.cidr_block"}, inner.Attr("cidrs").Origins(), "followed through the module input")
}
