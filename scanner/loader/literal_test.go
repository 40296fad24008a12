package loader

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIsLiteral checks isLiteral against what it stands for: an
// expression it calls literal has no variables.
func TestIsLiteral(t *testing.T) {
	for src, want := range map[string]bool{
		`1`:                        true,
		`true`:                     true,
		`null`:                     true,
		`"tcp"`:                    true,
		`["10.0.0.0/8", 2]`:        true,
		`[["a"], []]`:              true,
		`"a-${var.x}"`:             false,
		`"%{if true}a%{endif}"`:    false,
		`var.x`:                    false,
		`[var.x]`:                  false,
		`{a = 1}`:                  false,
		`upper("a")`:               false,
		`[for x in [1] : x]`:       false,
		"<<EOT\nplain\nEOT\n":      true,
		"<<EOT\n${local.a}\nEOT\n": false,
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		require.False(t, diags.HasErrors(), "%s: %s", src, diags)
		assert.Equal(t, want, isLiteral(expr), src)
		if isLiteral(expr) {
			assert.Empty(t, expr.Variables(), src)
		}
	}
}
