package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// An unknown value written as one reference records the reference, with
// the instance key and the module instance, so that rules can tell two
// reads of one variable or attribute apart from two computed values;
// anything computed records none.
func TestIdentNamesTheReferenceAValueIsReadFrom(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "role_arn" {
  type = string
}

variable "cfg" {
  type = object({ arn = string })
}

resource "aws_iam_role" "r" {
  name = var.role_arn
}

resource "aws_iam_role" "many" {
  count = 2
  name  = "r${count.index}"
}

data "aws_iam_role" "d" {
  name = var.role_arn
}

locals {
  arn = aws_iam_role.r.arn
}

resource "aws_thing" "t" {
  count      = 1
  variable   = var.role_arn
  field      = var.cfg.arn
  paren      = (var.role_arn)
  attr       = aws_iam_role.r.arn
  via_local  = local.arn
  keyed      = aws_iam_role.many[1].arn
  by_count   = aws_iam_role.many[count.index].arn
  data_attr  = data.aws_iam_role.d.arn
  tagged     = aws_iam_role.r.tags["team"]
  templ      = "${var.role_arn}-x"
  cond       = var.role_arn != "" ? var.role_arn : aws_iam_role.r.arn
  every      = aws_iam_role.many.arn
  known      = "arn:aws:iam::111122223333:role/x"
}

module "m" {
  source = "./m"
  arn    = aws_iam_role.r.arn
  other  = "${var.role_arn}-y"
}

resource "aws_thing" "outputs" {
  own      = module.m.own_arn
  passed   = module.m.passed
  computed = module.m.computed
}
`)},
		"root/m/main.tf": {Data: []byte(`
variable "arn" {
  type = string
}

variable "other" {
  type = string
}

resource "aws_thing" "inner" {
  passed   = var.arn
  computed = var.other
}

resource "aws_iam_role" "own" {
  name = var.other
}

output "own_arn" {
  value = aws_iam_role.own.arn
}

output "passed" {
  value = var.arn
}

output "computed" {
  value = "${var.other}-z"
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "aws_thing.t[0]")
	variable := &scanner.Ident{Kind: scanner.IdentVariable, Address: "var.role_arn"}
	roleARN := &scanner.Ident{Kind: scanner.IdentResource, Address: "aws_iam_role.r", Type: "aws_iam_role", Attr: "arn"}
	for name, want := range map[string]*scanner.Ident{
		"variable":  variable,
		"field":     {Kind: scanner.IdentVariable, Address: "var.cfg", Attr: "arn"},
		"paren":     variable,
		"attr":      roleARN,
		"via_local": roleARN,
		"keyed":     {Kind: scanner.IdentResource, Address: "aws_iam_role.many[1]", Type: "aws_iam_role", Attr: "arn"},
		"by_count":  {Kind: scanner.IdentResource, Address: "aws_iam_role.many[0]", Type: "aws_iam_role", Attr: "arn"},
		"data_attr": {Kind: scanner.IdentData, Address: "data.aws_iam_role.d", Type: "aws_iam_role", Attr: "arn"},
		"tagged":    {Kind: scanner.IdentResource, Address: "aws_iam_role.r", Type: "aws_iam_role", Attr: `tags["team"]`},
		"templ":     nil,
		"cond":      nil,
		"every":     nil,
		"known":     nil,
	} {
		assert.Equal(t, want, r.Attr(name).Ident(), name)
	}
	inner := mustResource(t, res, "module.m.aws_thing.inner")
	assert.Equal(t, roleARN, inner.Attr("passed").Ident(), "a module input is followed to its caller's reference")
	assert.Nil(t, inner.Attr("computed").Ident(), "nor to a computed one")
	assert.Equal(t, scanner.Yes, scanner.Same(r.Attr("attr"), inner.Attr("passed")))

	outs := mustResource(t, res, "aws_thing.outputs")
	assert.Equal(t, &scanner.Ident{Kind: scanner.IdentResource, Address: "module.m.aws_iam_role.own", Type: "aws_iam_role", Attr: "arn"},
		outs.Attr("own").Ident(), "a module output is followed to the module's reference")
	assert.Equal(t, roleARN, outs.Attr("passed").Ident(), "and on through its input to the caller's")
	assert.Nil(t, outs.Attr("computed").Ident())
}
