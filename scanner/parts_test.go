package scanner

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseExpr(t *testing.T, src string) hcl.Expression {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "main.tf", hcl.Pos{Line: 1, Column: 1})
	require.False(t, diags.HasErrors(), diags.Error())
	return expr
}

func TestPartRange(t *testing.T) {
	src := `{
  sku = { name = "Standard_LRS" }
  "properties" = {
    minimumTlsVersion = "TLS1_0"
  }
}`
	whole := Range{Filename: "main.tf", StartLine: 1}
	v := Value{Range: whole}.WithLiteral(ObjectLiteral(parseExpr(t, src)))
	assert.Equal(t, 2, v.PartRange("sku", "name").StartLine)
	assert.Equal(t, 4, v.PartRange("properties", "minimumTlsVersion").StartLine, "quoted keys count")
	assert.Equal(t, 3, v.PartRange("properties", "missing").StartLine, "the deepest key written")
	assert.Equal(t, whole, v.PartRange("missing"))

	enc := Value{Range: whole}.WithLiteral(ObjectLiteral(parseExpr(t, "jsonencode({\n  a = 1\n})")))
	assert.Equal(t, 2, enc.PartRange("a").StartLine, "inside jsonencode")

	assert.Nil(t, ObjectLiteral(parseExpr(t, "var.body")), "only literals are kept")
	assert.Equal(t, whole, Value{Range: whole}.PartRange("a"), "a value without a literal")
}

func TestPartSuffix(t *testing.T) {
	expr, diags := hclsyntax.ParseExpression([]byte(`{
  properties = {
    roleDefinitionId = "/subscriptions/${var.sub}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
    wholly           = var.role
    ending           = "${var.a}${var.b}"
  }
}`), "body.tf", hcl.InitialPos)
	require.False(t, diags.HasErrors())
	v := Value{Present: true}.WithLiteral(ObjectLiteral(expr))
	assert.Equal(t, "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", v.PartSuffix("properties", "roleDefinitionId"))
	assert.Equal(t, "", v.PartSuffix("properties", "wholly"), "not a template")
	assert.Equal(t, "", v.PartSuffix("properties", "ending"), "ends with an interpolation")
	assert.Equal(t, "", v.PartSuffix("properties", "missing"))
	assert.Equal(t, "", Value{}.PartSuffix("properties"), "no literal")
}
