package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const automationAccount = "azurerm_automation_account"

var automationPublicNetworkAccess = &scanner.Rule{
	ID:    "azure-automation-public-network-access-disabled",
	Title: "Automation accounts are not reachable from the internet",
	Description: "An Automation account's webhook and Hybrid Runbook Worker endpoints start runbooks that usually run " +
		"with broad rights over the subscription. With public network access on, anyone on the internet who holds a " +
		"webhook URL or agent credential can reach them. CC6.6 expects access from outside the system boundary " +
		"restricted and CC6.1 logical access limited. public_network_access_enabled defaults to true, so only an " +
		"explicit false passes; reach the account through a private endpoint instead.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{automationAccount},
	Remediation:   "Set public_network_access_enabled = false and use a private endpoint (azurerm_private_endpoint with subresource Webhook or DSCAndHybridWorker).",
	RemediationCode: `resource "azurerm_automation_account" "main" {
  # ...
  public_network_access_enabled = false
}`,
	Links: []string{
		azurermDocs + "automation_account#public_network_access_enabled",
		"https://learn.microsoft.com/en-us/azure/automation/how-to/private-link-security",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_automation_account" "private" {
  name                          = "acme-automation"
  location                      = "West Europe"
  resource_group_name           = "rg"
  sku_name                      = "Basic"
  public_network_access_enabled = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "public" {
  type = bool
}

resource "azurerm_automation_account" "default" {
  name                = "acme-automation"
  location            = "West Europe"
  resource_group_name = "rg"
  sku_name            = "Basic"
}

resource "azurerm_automation_account" "open" {
  name                          = "acme-open"
  location                      = "West Europe"
  resource_group_name           = "rg"
  sku_name                      = "Basic"
  public_network_access_enabled = true
}

resource "azurerm_automation_account" "unknown" {
  name                          = "acme-unknown"
  location                      = "West Europe"
  resource_group_name           = "rg"
  sku_name                      = "Basic"
  public_network_access_enabled = var.public
}`,
		Fails:    []string{"azurerm_automation_account.default", "azurerm_automation_account.open"},
		Unknowns: []string{"azurerm_automation_account.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_automation_account.open": {Line: 18, Message: "public_network_access_enabled is true"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requirePublicAccessOff(r.Attr("public_network_access_enabled"), "the account")
	},
}

var automationCustomerManagedKey = &scanner.Rule{
	ID:    "azure-automation-cmk",
	Title: "Automation accounts encrypt their assets with a customer-managed key",
	Description: "An Automation account stores credentials, certificates, connections and encrypted variables that " +
		"runbooks use to act on other systems. Azure encrypts them with a Microsoft-managed key unless an encryption " +
		"block names a Key Vault key; with a customer-managed key you can rotate, audit use of and revoke the key. " +
		"CC6.1 lists key protection among logical access controls and C1.1 expects confidential information " +
		"protected. The rule passes an account whose encryption block sets key_vault_key_id (or, on azurerm v3, " +
		"key_source = \"Microsoft.Keyvault\") and fails one with no encryption block or key_source = " +
		"\"Microsoft.Automation\".",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{automationAccount},
	Remediation:   "Add an encryption block with key_vault_key_id (and user_assigned_identity_id for a user-assigned identity that can use the key).",
	RemediationCode: `resource "azurerm_automation_account" "main" {
  # ...
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.automation.id]
  }

  encryption {
    key_vault_key_id          = azurerm_key_vault_key.automation.id
    user_assigned_identity_id = azurerm_user_assigned_identity.automation.id
  }
}`,
	Links: []string{
		azurermDocs + "automation_account#encryption",
		"https://learn.microsoft.com/en-us/azure/automation/automation-secure-asset-encryption",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_automation_account" "cmk" {
  name                = "acme-automation"
  location            = "West Europe"
  resource_group_name = "rg"
  sku_name            = "Basic"

  encryption {
    key_vault_key_id          = "https://acme-kv.vault.azure.net/keys/automation/0123"
    user_assigned_identity_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/automation"
  }
}

resource "azurerm_automation_account" "v3" {
  name                = "acme-automation-v3"
  location            = "West Europe"
  resource_group_name = "rg"
  sku_name            = "Basic"

  encryption {
    key_source       = "Microsoft.Keyvault"
    key_vault_key_id = "https://acme-kv.vault.azure.net/keys/automation/0123"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "encryption" {
  type = list(object({ key_vault_key_id = string }))
}

resource "azurerm_automation_account" "default" {
  name                = "acme-automation"
  location            = "West Europe"
  resource_group_name = "rg"
  sku_name            = "Basic"
}

resource "azurerm_automation_account" "platform" {
  name                = "acme-platform"
  location            = "West Europe"
  resource_group_name = "rg"
  sku_name            = "Basic"

  encryption {
    key_source = "Microsoft.Automation"
  }
}

resource "azurerm_automation_account" "unknown" {
  name                = "acme-unknown"
  location            = "West Europe"
  resource_group_name = "rg"
  sku_name            = "Basic"

  dynamic "encryption" {
    for_each = var.encryption
    content {
      key_vault_key_id = encryption.value.key_vault_key_id
    }
  }
}`,
		Fails:    []string{"azurerm_automation_account.default", "azurerm_automation_account.platform"},
		Unknowns: []string{"azurerm_automation_account.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_automation_account.platform": {Line: 20, Message: "key_source is \"Microsoft.Automation\""},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("encryption") {
			return scanner.Unknowable(r.Range, "encryption is not known until apply")
		}
		enc := r.FirstBlock("encryption")
		if enc == nil {
			return scanner.Failed(r.Range, "no encryption block: the account's credentials, certificates and variables are encrypted only with a Microsoft-managed key")
		}
		src := enc.Attr("key_source")
		switch {
		case src.IsUnknown():
			return scanner.Unknowable(src.Range, "key_source is not known until apply")
		case src.IsSet() && !src.Equals("Microsoft.Keyvault"):
			return scanner.Failed(src.Range, "key_source is %q: the account's assets are encrypted only with a Microsoft-managed key", src.StringOr("?"))
		case src.Equals("Microsoft.Keyvault"), enc.Attr("key_vault_key_id").IsSet():
			return scanner.Passed()
		}
		return scanner.Failed(enc.Range, "the encryption block names no key_vault_key_id: the account's assets are encrypted only with a Microsoft-managed key")
	},
}

var automationLocalAuth = &scanner.Rule{
	ID:    "azure-automation-local-auth-disabled",
	Title: "Automation accounts accept Entra ID identities only, not local keys",
	Description: "With local authentication on, an Automation account accepts its shared agent registration keys and " +
		"webhook-style non-Entra requests, which name nobody and keep working after their holder leaves. With " +
		"local_authentication_enabled = false, only Entra ID identities reach the account and each gets its own role. " +
		"CC6.1 and CC6.3 expect identified users with least privilege. local_authentication_enabled defaults to true.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.3"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{automationAccount},
	Remediation:   "Set local_authentication_enabled = false and grant identities Automation roles through Entra ID.",
	RemediationCode: `resource "azurerm_automation_account" "main" {
  # ...
  local_authentication_enabled = false
}`,
	Links: []string{
		azurermDocs + "automation_account#local_authentication_enabled",
		"https://learn.microsoft.com/en-us/azure/automation/disable-local-authentication",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_automation_account" "entra" {
  name                         = "acme-automation"
  location                     = "West Europe"
  resource_group_name          = "rg"
  sku_name                     = "Basic"
  local_authentication_enabled = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "local" {
  type = bool
}

resource "azurerm_automation_account" "default" {
  name                = "acme-automation"
  location            = "West Europe"
  resource_group_name = "rg"
  sku_name            = "Basic"
}

resource "azurerm_automation_account" "unknown" {
  name                         = "acme-unknown"
  location                     = "West Europe"
  resource_group_name          = "rg"
  sku_name                     = "Basic"
  local_authentication_enabled = var.local
}`,
		Fails:    []string{"azurerm_automation_account.default"},
		Unknowns: []string{"azurerm_automation_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("local_authentication_enabled"), true, false, "local keys that name nobody grant access to the account")
	},
}
