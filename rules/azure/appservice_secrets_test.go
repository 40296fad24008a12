package azure

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestAppServiceLiteralSecretsAreNamed checks that the rule names the
// literal secrets of the settings and connection strings it fails
// (Result.Secrets), for the engine to redact from code excerpts, and
// not the settings that are no secret.
func TestAppServiceLiteralSecretsAreNamed(t *testing.T) {
	code := `
resource "azurerm_linux_web_app" "app" {
  name                = "app"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
  app_settings = {
    API_KEY   = "Zk3y-literal-value"
    LOG_LEVEL = "debug"
  }
  connection_string {
    name  = "db"
    type  = "SQLAzure"
    value = "Server=db;Password=Zc0nn-literal"
  }
}`
	out := ruletest.Evaluate(t, appServiceNoSecretsInSettings, scanner.Example{Code: code}, nil)
	res, ok := out.Results["azurerm_linux_web_app.app"]
	require.True(t, ok)
	require.Equal(t, scanner.Fail, res.Status)
	var got []string
	for _, s := range res.Secrets {
		got = append(got, s.Text)
	}
	assert.Equal(t, []string{"Zk3y-literal-value", "Server=db;Password=Zc0nn-literal"}, got)
}
