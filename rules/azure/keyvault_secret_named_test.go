package azure

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestKeyVaultSecretValueIsNamed checks that the expiry rule names a
// Key Vault secret's literal value (Result.Secrets): its finding's excerpt
// shows the secret's block.
func TestKeyVaultSecretValueIsNamed(t *testing.T) {
	code := `
resource "azurerm_key_vault_secret" "db" {
  value        = "Kv4-literal-secret"
  name         = "db-password"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
}`
	out := ruletest.Evaluate(t, keyVaultSecretExpiration, scanner.Example{Code: code}, nil)
	res, ok := out.Results["azurerm_key_vault_secret.db"]
	require.True(t, ok)
	require.Equal(t, scanner.Fail, res.Status)
	var got []string
	for _, s := range res.Secrets {
		got = append(got, s.Text)
	}
	assert.Equal(t, []string{"Kv4-literal-secret"}, got)
}
