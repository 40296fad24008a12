package azure

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
)

// filesOutcome loads files as a root module with its local modules and
// runs rule on every resource it inspects, by address.
func filesOutcome(t *testing.T, rule *scanner.Rule, files map[string]string) map[string]scanner.Result {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, code := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(code)}
	}
	res, err := loader.LoadFS(context.Background(), fsys, ".", loader.Options{})
	require.NoError(t, err)
	for _, d := range res.Diagnostics {
		require.NotEqual(t, scanner.DiagError, d.Severity, "does not load: %s", d.Error())
	}
	params, err := rule.ParamsWithDefaults(nil)
	require.NoError(t, err)
	ctx := &scanner.Context{Params: params, Index: scanner.NewIndex(res.Resources)}
	out := map[string]scanner.Result{}
	for _, r := range res.Resources {
		if rule.Inspects(r) {
			out[r.Address] = rule.Check(r, ctx)
		}
	}
	return out
}

// A diagnostic setting in a module called with a count only known after
// apply may not exist, like one with such a count of its own: the vault,
// the cluster and the web app it targets are unknown, not passed, while
// the same module called once passes them.
func TestDiagnosticSettingInModuleOfUnknownCount(t *testing.T) {
	const module = `
variable "target" {
  type = string
}

resource "azurerm_monitor_diagnostic_setting" "this" {
  name                       = "all"
  target_resource_id         = var.target
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
  enabled_log {
    category_group = "allLogs"
  }
}
`
	root := func(count string) string {
		return `
variable "diagnostics" {
  type = bool
}

resource "azurerm_key_vault" "kv" {
  name                = "acme-kv"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_kubernetes_cluster" "aks" {
  name = "acme"
}

resource "azurerm_linux_web_app" "app" {
  name = "acme"
}

module "kv_diag" {
  source = "./diag"
  count  = ` + count + `
  target = azurerm_key_vault.kv.id
}

module "aks_diag" {
  source = "./diag"
  count  = ` + count + `
  target = azurerm_kubernetes_cluster.aks.id
}

module "app_diag" {
  source = "./diag"
  count  = ` + count + `
  target = azurerm_linux_web_app.app.id
}
`
	}
	for _, tc := range []struct {
		rule    *scanner.Rule
		address string
	}{
		{keyVaultAuditLogging, "azurerm_key_vault.kv"},
		{aksMonitoring, "azurerm_kubernetes_cluster.aks"},
		{appServiceHTTPLogs, "azurerm_linux_web_app.app"},
	} {
		t.Run(tc.rule.ID, func(t *testing.T) {
			maybe := filesOutcome(t, tc.rule, map[string]string{"main.tf": root("var.diagnostics ? 1 : 0"), "diag/main.tf": module})
			require.Contains(t, maybe, tc.address)
			assert.Equal(t, scanner.Unknown, maybe[tc.address].Status, maybe[tc.address].Message)
			assert.Contains(t, maybe[tc.address].Message, "it may not exist")

			sure := filesOutcome(t, tc.rule, map[string]string{"main.tf": root("1"), "diag/main.tf": module})
			require.Contains(t, sure, tc.address)
			assert.Equal(t, scanner.Pass, sure[tc.address].Status, sure[tc.address].Message)
		})
	}
}
