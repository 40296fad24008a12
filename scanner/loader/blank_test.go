package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestMayBeBlank checks which arguments a conditional whose condition is
// only known after apply may leave null or empty, and that Names then
// answers Maybe though the other arm refers to a declared resource.
func TestMayBeBlank(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "encrypt" { type = bool }
variable "on" {
  type    = bool
  default = true
}
variable "off" {
  type    = bool
  default = false
}
variable "key_id" {
  type    = string
  default = null
}

resource "aws_kms_key" "k" {}

locals {
  key = var.encrypt ? aws_kms_key.k.arn : null
}

resource "x" "null_arm" { kms_key_id = var.encrypt ? aws_kms_key.k.arn : null }
resource "x" "empty_arm" { kms_key_id = (var.encrypt ? "" : aws_kms_key.k.arn) }
resource "x" "blank_arm" { kms_key_id = var.encrypt ? aws_kms_key.k.arn : " " }
resource "x" "nested" { kms_key_id = var.encrypt ? aws_kms_key.k.arn : (var.on ? aws_kms_key.k.id : null) }
resource "x" "nested_unknown" { kms_key_id = var.encrypt ? aws_kms_key.k.arn : (var.encrypt == false ? null : aws_kms_key.k.id) }
resource "x" "local" { kms_key_id = local.key }
resource "x" "template" { kms_key_id = "${var.encrypt ? aws_kms_key.k.arn : null}" }
resource "x" "null_variable" { kms_key_id = var.encrypt ? aws_kms_key.k.arn : var.key_id }
resource "x" "both_named" { kms_key_id = var.encrypt ? aws_kms_key.k.arn : aws_kms_key.k.id }
resource "x" "known_true" { kms_key_id = var.on ? aws_kms_key.k.arn : null }
resource "x" "known_false" { kms_key_id = var.off ? null : aws_kms_key.k.arn }
resource "x" "plain" { kms_key_id = aws_kms_key.k.arn }
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	for addr, want := range map[string]bool{
		"x.null_arm":       true,
		"x.empty_arm":      true,
		"x.blank_arm":      true,
		"x.nested":         false,
		"x.nested_unknown": true,
		"x.local":          true,
		"x.template":       true,
		"x.null_variable":  true,
		"x.both_named":     false,
		"x.known_true":     false,
		"x.known_false":    false,
		"x.plain":          false,
	} {
		v := mustResource(t, res, addr).Attr("kms_key_id")
		require.False(t, v.IsKnown(), addr)
		assert.Equal(t, want, v.MayBeBlank(), addr)
		wantNames := scanner.Yes
		if want {
			wantNames = scanner.Maybe
		}
		assert.Equal(t, wantNames, v.Names(), addr)
	}
}
