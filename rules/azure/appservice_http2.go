package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var appServiceHTTP2 = &scanner.Rule{
	ID:    "azure-appservice-http2-enabled",
	Title: "Web and function apps accept HTTP/2",
	Description: "An app that speaks only HTTP/1.1 keeps clients on the older protocol version, without the fixes and " +
		"hardening of HTTP/2 (which App Service serves only over TLS). CC7.1 expects configurations kept to current " +
		"standards, CC6.7 protected transmission. site_config.http2_enabled defaults to false on every App Service " +
		"resource (web and function apps, their slots and the legacy azurerm_app_service and azurerm_function_app), so " +
		"leaving it unset fails. Low severity: HTTP/2 is hardening, not a control on its own.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC7.1", Secondary: []string{"CC6.7"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: allApps,
	Remediation:   "Set site_config.http2_enabled = true.",
	RemediationCode: `resource "azurerm_linux_web_app" "app" {
  # ...
  site_config {
    http2_enabled = true
  }
}`,
	Links: []string{
		azurermDocs + "linux_web_app#http2_enabled",
		"https://learn.microsoft.com/en-us/azure/app-service/configure-common#configure-general-settings",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_18"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0005"},
		{Tool: scanner.ToolTfsec, ID: "azure-appservice-enable-http2"},
		{Tool: scanner.ToolKICS, ID: "App Service HTTP2 Disabled"},
		{Tool: scanner.ToolProwler, ID: "app_ensure_using_http20"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "app" {
  name = "acme"
  site_config {
    http2_enabled = true
  }
}

resource "azurerm_windows_function_app_slot" "staging" {
  name = "staging"
  site_config {
    http2_enabled = true
  }
}

resource "azurerm_app_service" "legacy" {
  name = "acme-legacy"
  site_config {
    http2_enabled = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "http2" {
  type = bool
}

resource "azurerm_windows_function_app" "default" {
  name = "acme-func"
}

resource "azurerm_linux_web_app_slot" "off" {
  name = "staging"
  site_config {
    http2_enabled = false
  }
}

resource "azurerm_linux_web_app" "unknown" {
  name = "acme"
  site_config {
    http2_enabled = var.http2
  }
}

resource "azurerm_windows_web_app" "dynamic" {
  name = "acme2"
  dynamic "site_config" {
    for_each = var.http2 ? [1] : []
    content {
      http2_enabled = true
    }
  }
}`,
		Fails:    []string{"azurerm_windows_function_app.default", "azurerm_linux_web_app_slot.off"},
		Unknowns: []string{"azurerm_linux_web_app.unknown", "azurerm_windows_web_app.dynamic"},
		Expect: map[string]scanner.Expected{
			"azurerm_windows_function_app.default": {Line: 6, Message: "http2_enabled is not set and defaults to false"},
			"azurerm_linux_web_app_slot.off":       {Line: 13, Message: "http2_enabled is false"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cfg, unknown := siteConfig(r)
		if unknown {
			return scanner.Unknowable(r.Range, "site_config is not known until apply")
		}
		return requireSwitch(cfg.Attr("http2_enabled"), false, true, "clients can only connect with HTTP/1.1")
	},
}
