package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const keyVaultDocs = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault"

var keyVaultPurgeProtection = &scanner.Rule{
	ID:    "azure-keyvault-purge-protection",
	Title: "Key vaults have purge protection enabled",
	Description: "Without purge protection, anyone with the right role can permanently purge a soft-deleted vault or key " +
		"before its retention ends, destroying the keys that decrypt storage, databases and disks. CC6.1 expects " +
		"cryptographic keys to be protected; C1.1 expects confidential data to stay protected. purge_protection_enabled " +
		"defaults to false and, once enabled, cannot be turned off.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"azurerm_key_vault"},
	Remediation:   "Set purge_protection_enabled = true.",
	RemediationCode: `resource "azurerm_key_vault" "main" {
  # ...
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
}`,
	Links: []string{
		keyVaultDocs + "#purge_protection_enabled",
		"https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview#purge-protection",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_110"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_42"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0016"},
		{Tool: scanner.ToolTfsec, ID: "azure-keyvault-no-purge"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault" "protected" {
  name                     = "acme-kv"
  location                 = "West Europe"
  resource_group_name      = "rg"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "purge_protection" {
  type = bool
}

resource "azurerm_key_vault" "default" {
  name                = "acme-kv"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "unknown" {
  name                     = "acme-kv-2"
  location                 = "West Europe"
  resource_group_name      = "rg"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = var.purge_protection
}`,
		Fails:    []string{"azurerm_key_vault.default"},
		Unknowns: []string{"azurerm_key_vault.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireTrue(r.Attr("purge_protection_enabled"),
			"purge_protection_enabled is not true: a deleted vault and its keys can be purged before the retention period ends")
	},
}

var keyVaultSoftDeleteRetention = &scanner.Rule{
	ID:    "azure-keyvault-soft-delete-retention",
	Title: "Key vaults keep deleted vaults, keys and secrets recoverable for long enough",
	Description: "Soft delete keeps a deleted vault, key or secret recoverable for soft_delete_retention_days (7–90, default " +
		"90); shortening it shrinks the window in which an accidental or malicious deletion can be undone. C1.1 expects " +
		"confidential data, and the keys that protect it, to be protected from loss. Soft delete itself is always on since " +
		"azurerm v3 (soft_delete_enabled = false fails on v2 configurations).",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "C1.1", Secondary: []string{"A1.2", "CC7.4"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{"azurerm_key_vault"},
	Params: []scanner.Param{{
		Name:        "min_retention_days",
		Description: "Minimum soft-delete retention, in days (Azure allows 7–90).",
		Default:     90,
		Min:         7,
		Max:         90,
	}},
	Remediation: "Remove soft_delete_retention_days (it defaults to 90) or set it to at least the required minimum.",
	RemediationCode: `resource "azurerm_key_vault" "main" {
  # ...
  soft_delete_retention_days = 90
}`,
	Links: []string{
		keyVaultDocs + "#soft_delete_retention_days",
		"https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault" "default" {
  name                = "acme-kv"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}`}, {Code: `
resource "azurerm_key_vault" "month" {
  name                       = "acme-kv"
  location                   = "West Europe"
  resource_group_name        = "rg"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  soft_delete_retention_days = 30
}`, Params: map[string]any{"min_retention_days": 30}}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_key_vault" "week" {
  name                       = "acme-kv"
  location                   = "West Europe"
  resource_group_name        = "rg"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  soft_delete_retention_days = 7
}

resource "azurerm_key_vault" "v2_off" {
  name                = "acme-kv-2"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  soft_delete_enabled = false
}

variable "soft_delete" {
  type = bool
}

resource "azurerm_key_vault" "v2_unknown" {
  name                = "acme-kv-3"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  soft_delete_enabled = var.soft_delete
}`, Fails: []string{"azurerm_key_vault.week", "azurerm_key_vault.v2_off"}, Unknowns: []string{"azurerm_key_vault.v2_unknown"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if off := r.Attr("soft_delete_enabled"); off.IsFalse() {
			return scanner.Failed(off.Range, "soft_delete_enabled is false: deleted keys and secrets are gone at once")
		}
		minimum := ctx.Int("min_retention_days")
		v := r.Attr("soft_delete_retention_days")
		got, enough := v.IntAtLeast(90, minimum)
		switch enough {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "soft_delete_retention_days is not known until apply")
		case scanner.Yes:
			if off := r.Attr("soft_delete_enabled"); off.IsUnknown() {
				return scanner.Unknowable(off.Range, "soft_delete_enabled is not known until apply: it may turn soft delete off")
			}
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "deleted vaults, keys and secrets stay recoverable for %d days, fewer than the required %d", got, minimum)
	},
}

var keyVaultNetworkDefaultDeny = &scanner.Rule{
	ID:    "azure-keyvault-network-default-deny",
	Title: "Key vaults deny network access by default",
	Description: "A key vault without a network ACL that denies by default answers requests from any network, so stolen " +
		"credentials are enough to read secrets from anywhere. CC6.6 expects boundary protection around key stores. " +
		"Network access is allowed from all networks unless network_acls.default_action is Deny or " +
		"public_network_access_enabled is false.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"azurerm_key_vault"},
	Remediation:   "Add network_acls { default_action = \"Deny\", bypass = \"AzureServices\" } with the allowed subnets and IPs, or set public_network_access_enabled = false and use a private endpoint.",
	RemediationCode: `resource "azurerm_key_vault" "main" {
  # ...
  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    virtual_network_subnet_ids = [azurerm_subnet.app.id]
  }
}`,
	Links: []string{
		keyVaultDocs + "#network_acls",
		"https://learn.microsoft.com/en-us/azure/key-vault/general/network-security",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_109"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0013"},
		{Tool: scanner.ToolTfsec, ID: "azure-keyvault-specify-network-acl"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault" "acl" {
  name                = "acme-kv"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}

resource "azurerm_key_vault" "private" {
  name                          = "acme-kv-2"
  location                      = "West Europe"
  resource_group_name           = "rg"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = false
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_key_vault" "open" {
  name                = "acme-kv"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "allow" {
  name                = "acme-kv-2"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
}`, Fails: []string{"azurerm_key_vault.open", "azurerm_key_vault.allow"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		public := r.Attr("public_network_access_enabled")
		if public.BoolOr(true) == scanner.No {
			return scanner.Passed()
		}
		if r.BlocksUnknown("network_acls") {
			return scanner.Unknowable(r.Range, "network_acls is not known until apply")
		}
		acl := r.FirstBlock("network_acls")
		if acl == nil {
			if public.IsUnknown() {
				return scanner.Unknowable(public.Range, "public_network_access_enabled is not known until apply")
			}
			return scanner.Failed(r.Range, "no network_acls block and public network access is enabled: the vault answers requests from any network")
		}
		action := acl.Attr("default_action")
		switch {
		case action.Equals("Deny"):
			return scanner.Passed()
		case action.IsUnknown() || public.IsUnknown():
			return scanner.Unknowable(action.Range, "whether the vault denies network access by default is not known until apply")
		}
		return scanner.Failed(action.Range, "network_acls default_action is %q: the vault answers requests from any network", action.StringOr("?"))
	},
}

var keyVaultAuditLogging = &scanner.Rule{
	ID:    "azure-keyvault-audit-logging",
	Title: "Key vault access is logged through a diagnostic setting",
	Description: "Key Vault records who read which secret or used which key only in its AuditEvent resource logs, and only " +
		"when a diagnostic setting sends them somewhere. Without one, access to keys and secrets leaves no trail. CC7.2 " +
		"expects security-relevant events to be logged and monitored. The rule looks for an " +
		"azurerm_monitor_diagnostic_setting on the vault, or an azapi_resource of type " +
		"Microsoft.Insights/diagnosticSettings (API versions 2017-05-01-preview to 2021-05-01-preview, others unknown) " +
		"whose parent_id is the vault, that enables the AuditEvent category or the audit / allLogs category group. A " +
		"setting whose count or for_each is only known after apply may not exist, which leaves the vault unknown.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC2.1", "CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"azurerm_key_vault"},
	Remediation:   "Add an azurerm_monitor_diagnostic_setting with target_resource_id = the vault's id and enabled_log { category_group = \"audit\" } sent to Log Analytics.",
	RemediationCode: `resource "azurerm_monitor_diagnostic_setting" "kv" {
  name                       = "kv-audit"
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "audit"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_diagnostic_setting",
		"https://learn.microsoft.com/en-us/azure/key-vault/general/logging",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault" "azapi" {
  name                = "acme-kv-3"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azapi_resource" "kv_diag" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  parent_id = azurerm_key_vault.azapi.id
  name      = "kv-audit"
  body = {
    properties = {
      workspaceId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/acme"
      logs        = [{ categoryGroup = "allLogs", enabled = true }]
    }
  }
}

resource "azurerm_key_vault" "logged" {
  name                = "acme-kv"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "logged" {
  name                       = "kv-audit"
  target_resource_id         = azurerm_key_vault.logged.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/acme"

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_key_vault" "legacy" {
  name                = "acme-kv-2"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "legacy" {
  name               = "kv-audit"
  target_resource_id = azurerm_key_vault.legacy.id
  storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmelogs"

  log {
    category = "AuditEvent"
    enabled  = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_key_vault" "silent" {
  name                = "acme-kv"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "metrics_only" {
  name                = "acme-kv-2"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "metrics_only" {
  name                       = "kv-metrics"
  target_resource_id         = azurerm_key_vault.metrics_only.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/acme"

  enabled_metric {
    category = "AllMetrics"
  }
}`,
		Fails: []string{"azurerm_key_vault.silent", "azurerm_key_vault.metrics_only"},
		Expect: map[string]scanner.Expected{
			"azurerm_key_vault.silent": {Message: "no diagnostic setting (azurerm_monitor_diagnostic_setting or azapi Microsoft.Insights/diagnosticSettings) targets the vault"},
		},
	}, {Code: `
resource "azurerm_key_vault" "metrics_only" {
  name                = "acme-kv"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azapi_resource" "metrics_only" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  parent_id = azurerm_key_vault.metrics_only.id
  name      = "kv-metrics"
  body = {
    properties = {
      workspaceId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/acme"
      logs        = [{ category = "AuditEvent", enabled = false }]
      metrics     = [{ category = "AllMetrics", enabled = true }]
    }
  }
}

resource "azurerm_key_vault" "newer" {
  name                = "acme-kv-2"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azapi_resource" "newer" {
  type      = "Microsoft.Insights/diagnosticSettings@2030-01-01"
  parent_id = azurerm_key_vault.newer.id
  name      = "kv-audit"
  body      = { properties = { logs = [{ categoryGroup = "audit", enabled = true }] } }
}`,
		Fails:    []string{"azurerm_key_vault.metrics_only"},
		Unknowns: []string{"azurerm_key_vault.newer"},
	}, {Code: `
variable "audit" {
  type = bool
}

resource "azurerm_key_vault" "maybe" {
  name                = "acme-kv"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

# Whether the setting exists is only known after apply.
resource "azurerm_monitor_diagnostic_setting" "maybe" {
  count                      = var.audit ? 1 : 0
  name                       = "kv-audit"
  target_resource_id         = azurerm_key_vault.maybe.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/acme"

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_key_vault" "azapi_maybe" {
  name                = "acme-kv-2"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azapi_resource" "azapi_maybe" {
  count     = var.audit ? 1 : 0
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  parent_id = azurerm_key_vault.azapi_maybe.id
  name      = "kv-audit"
  body      = { properties = { logs = [{ categoryGroup = "audit", enabled = true }] } }
}

resource "azurerm_key_vault" "maybe_metrics" {
  name                = "acme-kv-3"
  location            = "West Europe"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

# Whether or not it exists, this setting sends no audit logs.
resource "azurerm_monitor_diagnostic_setting" "maybe_metrics" {
  count                      = var.audit ? 1 : 0
  name                       = "kv-metrics"
  target_resource_id         = azurerm_key_vault.maybe_metrics.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/acme"

  enabled_metric {
    category = "AllMetrics"
  }
}`,
		Fails:    []string{"azurerm_key_vault.maybe_metrics"},
		Unknowns: []string{"azurerm_key_vault.maybe", "azurerm_key_vault.azapi_maybe"},
		Expect: map[string]scanner.Expected{
			"azurerm_key_vault.maybe":       {Message: "azurerm_monitor_diagnostic_setting.maybe may send the vault's audit logs, but its count or for_each is only known after apply: it may not exist"},
			"azurerm_key_vault.azapi_maybe": {Message: "azapi_resource.azapi_maybe may send the vault's audit logs"},
		},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		res, decided, found := diagnosticLogging(ctx, r, logsAuditEvents, "the vault's audit logs")
		switch {
		case decided:
			return res
		case found == 0:
			return scanner.Failed(r.Range, "no diagnostic setting (azurerm_monitor_diagnostic_setting or azapi Microsoft.Insights/diagnosticSettings) "+
				"targets the vault: reads of its keys and secrets are not logged")
		}
		return scanner.Failed(r.Range, "the vault's diagnostic settings do not enable the AuditEvent category or the audit/allLogs category group")
	},
}

// azapiVaultAuditGood is a vault written with azapi whose audit logs a
// diagnostic setting sends on.
var azapiVaultAuditGood = []scanner.Example{{Code: `
resource "azapi_resource" "logged" {
  type      = "Microsoft.KeyVault/vaults@2024-11-01"
  name      = "acme-kv"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"
  body = {
    properties = {
      tenantId = "00000000-0000-0000-0000-000000000000"
      sku      = { family = "A", name = "standard" }
    }
  }
}

resource "azurerm_monitor_diagnostic_setting" "logged" {
  name                       = "kv-audit"
  target_resource_id         = azapi_resource.logged.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/acme"

  enabled_log {
    category_group = "audit"
  }
}`}}

// azapiVaultAuditBad are azapi vaults without audit logs, and one whose
// only setting may not exist.
var azapiVaultAuditBad = []scanner.Example{{Code: `
variable "audit" {
  type = bool
}

resource "azapi_resource" "silent" {
  type      = "Microsoft.KeyVault/vaults@2024-11-01"
  name      = "acme-kv"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"
  body      = { properties = { enableRbacAuthorization = true } }
}

resource "azapi_resource" "maybe" {
  type      = "Microsoft.KeyVault/vaults@2024-11-01"
  name      = "acme-kv-2"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"
  body      = { properties = { enableRbacAuthorization = true } }
}

resource "azapi_resource" "maybe_diag" {
  count     = var.audit ? 1 : 0
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  parent_id = azapi_resource.maybe.id
  name      = "kv-audit"
  body      = { properties = { logs = [{ categoryGroup = "audit", enabled = true }] } }
}`,
	Fails:    []string{"azapi_resource.silent"},
	Unknowns: []string{"azapi_resource.maybe"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.silent": {Message: "no diagnostic setting (azurerm_monitor_diagnostic_setting or azapi Microsoft.Insights/diagnosticSettings) targets the vault"},
	},
}}

// logsAuditEvents decides whether a diagnostic setting enables Key Vault's
// audit logs, in the enabled_log (v3.x+) or log (v2–v3) syntax.
func logsAuditEvents(s *scanner.Resource) scanner.Tri {
	logged := scanner.TriOf(false, s.BlocksUnknown("enabled_log") || s.BlocksUnknown("log"))
	isAudit := func(b *scanner.Block) bool {
		return b.Attr("category").Equals("AuditEvent") || b.Attr("category_group").OneOf("audit", "allLogs")
	}
	for _, b := range s.Blocks("enabled_log") {
		if isAudit(b) {
			return scanner.Yes
		}
		if b.Attr("category").IsUnknown() || b.Attr("category_group").IsUnknown() {
			logged = scanner.Maybe
		}
	}
	for _, b := range s.Blocks("log") {
		on := b.Attr("enabled").BoolOr(true)
		if isAudit(b) && on == scanner.Yes {
			return scanner.Yes
		}
		if on == scanner.Maybe {
			logged = scanner.Maybe
		}
	}
	return logged
}
