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

// TestVMPasswordIsNamed checks that the SSH password rule names the
// machine's literal admin password (Result.Secrets): it is usually
// written on the line before disable_password_authentication, which the
// finding's excerpt shows.
func TestVMPasswordIsNamed(t *testing.T) {
	code := `
resource "azurerm_linux_virtual_machine" "vm" {
  name                            = "app"
  admin_username                  = "azureuser"
  admin_password                  = "Vm2-literal-admin"
  disable_password_authentication = false
}`
	out := ruletest.Evaluate(t, vmPasswordAuthDisabled, scanner.Example{Code: code}, nil)
	res, ok := out.Results["azurerm_linux_virtual_machine.vm"]
	require.True(t, ok)
	require.Equal(t, scanner.Fail, res.Status)
	var got []string
	for _, s := range res.Secrets {
		got = append(got, s.Text)
	}
	assert.Equal(t, []string{"Vm2-literal-admin"}, got)
}
