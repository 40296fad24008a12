package loader

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// blankDecls are the declarations the fallback cases read, in native
// syntax whichever syntax the cases are written in.
const blankDecls = `
variable "encrypt" { type = bool }
variable "cfg" { type = any }
variable "keys" { type = map(string) }
variable "env" { type = string }
variable "i" { type = number }
variable "n" { type = number }
variable "key_id" { type = string }

resource "aws_kms_key" "k" {}
resource "aws_kms_key" "counted" { count = var.n }
`

// blankLocals are the locals the cases read, by name, as expressions.
var blankLocals = map[string]string{
	"key":        `var.encrypt ? aws_kms_key.k.arn : null`,
	"keys_blank": `{ prod = aws_kms_key.k.arn, dev = "" }`,
	"keys_named": `{ prod = aws_kms_key.k.arn, dev = aws_kms_key.k.id }`,
	"envs":       `{ prod = { key = aws_kms_key.k.arn }, dev = { key = null } }`,
	"envs_named": `{ prod = { key = aws_kms_key.k.arn }, dev = { key = aws_kms_key.k.id } }`,
}

// blankCases are arguments only known after apply, by resource name, and
// whether a choice made after apply may leave them null or blank.
var blankCases = []struct {
	name, expr string
	want       bool
}{
	{"try_null", `try(var.cfg.kms_key, null)`, true},
	{"try_empty", `try(var.cfg.kms_key, "")`, true},
	{"try_local", `try(local.key, aws_kms_key.k.arn)`, true},
	{"try_named_fallback", `try(var.cfg.kms_key, aws_kms_key.k.arn)`, false},
	{"try_cannot_fail", `try(aws_kms_key.k.arn, null)`, false},
	{"lookup_null_default", `lookup(var.keys, var.env, null)`, true},
	{"lookup_blank_value", `lookup(local.keys_blank, var.env, aws_kms_key.k.arn)`, true},
	{"lookup_named", `lookup(local.keys_named, var.env, aws_kms_key.k.arn)`, false},
	// The key is in the map: its element, not the default, is the value.
	{"lookup_known_key", `lookup(local.keys_named, "prod", "")`, false},
	{"env_attribute", `local.envs[var.env].key`, true},
	{"env_attribute_named", `local.envs_named[var.env].key`, false},
	{"one_filtered", `one([for k in [aws_kms_key.k] : k.arn if var.encrypt])`, true},
	{"one_splat", `one(aws_kms_key.counted[*].arn)`, true},
	{"one_known_length", `one([aws_kms_key.k.arn])`, false},
	{"element_concat", `element(concat(aws_kms_key.counted[*].arn, [""]), 0)`, true},
	{"element_named", `element([aws_kms_key.k.arn, aws_kms_key.k.id], var.i)`, false},
	{"index_null", `[aws_kms_key.k.arn, null][var.i]`, true},
	{"join_splat", `join("", aws_kms_key.counted[*].arn)`, true},
	{"join_known_length", `join("", [aws_kms_key.k.arn])`, false},
	{"for_if", `[for k in [aws_kms_key.k] : k.arn if var.encrypt]`, true},
	{"one_for_no_if", `one([for k in [aws_kms_key.k] : k.arn])`, false},
	// Terraform's coalesce skips null and "" and fails when nothing is
	// left: it never yields a blank value.
	{"coalesce_all_blank", `coalesce(var.encrypt ? aws_kms_key.k.arn : null, "")`, false},
	{"coalesce_named", `coalesce(var.key_id, aws_kms_key.k.arn)`, false},
	{"conditional_in_try", `try(var.encrypt ? aws_kms_key.k.arn : null, aws_kms_key.k.id)`, true},
}

// blankHCL writes the locals and cases in native syntax.
func blankHCL() string {
	var b strings.Builder
	b.WriteString("locals {\n")
	for name, expr := range blankLocals {
		fmt.Fprintf(&b, "  %s = %s\n", name, expr)
	}
	b.WriteString("}\n")
	for _, c := range blankCases {
		fmt.Fprintf(&b, "resource \"x\" %q { kms_key_id = %s }\n", c.name, c.expr)
		fmt.Fprintf(&b, "resource \"y\" %q {\n  rule {\n    apply {\n      kms_key_id = %s\n    }\n  }\n}\n", c.name, c.expr)
	}
	return b.String()
}

// blankJSON writes the locals and cases as a .tf.json file does: each
// expression a "${...}" template, the maps JSON objects.
func blankJSON(t *testing.T) string {
	t.Helper()
	locals := map[string]any{
		"key":        "${" + blankLocals["key"] + "}",
		"keys_blank": map[string]any{"prod": "${aws_kms_key.k.arn}", "dev": ""},
		"keys_named": map[string]any{"prod": "${aws_kms_key.k.arn}", "dev": "${aws_kms_key.k.id}"},
		"envs":       map[string]any{"prod": map[string]any{"key": "${aws_kms_key.k.arn}"}, "dev": map[string]any{"key": nil}},
		"envs_named": map[string]any{"prod": map[string]any{"key": "${aws_kms_key.k.arn}"}, "dev": map[string]any{"key": "${aws_kms_key.k.id}"}},
	}
	resources, nested := map[string]any{}, map[string]any{}
	for _, c := range blankCases {
		resources[c.name] = map[string]any{"kms_key_id": "${" + c.expr + "}"}
		nested[c.name] = map[string]any{"rule": []any{map[string]any{"apply": []any{map[string]any{"kms_key_id": "${" + c.expr + "}"}}}}}
	}
	out, err := json.Marshal(map[string]any{"locals": locals, "resource": map[string]any{"x": resources, "y": nested}})
	require.NoError(t, err)
	return string(out)
}

// TestMayBeBlankFallbacks checks the other ways than a conditional an
// argument may fall back to null or blank after apply, written in native
// syntax and in a .tf.json file, at the top of a resource and in nested
// blocks: both syntaxes give the same flags.
func TestMayBeBlankFallbacks(t *testing.T) {
	for syntax, file := range map[string]fstest.MapFile{
		"main.tf":      {Data: []byte(blankHCL())},
		"main.tf.json": {Data: []byte(blankJSON(t))},
	} {
		t.Run(syntax, func(t *testing.T) {
			fsys := fstest.MapFS{"root/decls.tf": {Data: []byte(blankDecls)}, "root/" + syntax: &file}
			res, err := LoadFS(t.Context(), fsys, "root", Options{})
			require.NoError(t, err)
			for _, c := range blankCases {
				top := mustResource(t, res, "x."+c.name).Attr("kms_key_id")
				nested := mustResource(t, res, "y."+c.name).Get("rule", "apply", "kms_key_id")
				for _, v := range []scanner.Value{top, nested} {
					require.True(t, v.Present, c.name)
					require.False(t, v.IsKnown(), c.name)
					assert.Equal(t, c.want, v.MayBeBlank(), c.name)
					if c.want {
						assert.Equal(t, scanner.Maybe, v.Names(), c.name)
					}
				}
			}
		})
	}
}
