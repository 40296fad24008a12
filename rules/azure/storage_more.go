package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var storageCustomerManagedKey = &scanner.Rule{
	ID:    "azure-storage-cmk",
	Title: "Storage accounts are encrypted with a customer-managed key",
	Description: "Storage service encryption uses Microsoft-managed keys by default. A customer-managed key in Key " +
		"Vault lets you rotate, audit use of and revoke the key, and so make every blob, file, queue and table of the " +
		"account unreadable. CC6.1 lists key protection among logical access controls; C1.1 expects confidential data " +
		"protected. The rule passes an account with a customer_managed_key block or an " +
		"azurerm_storage_account_customer_managed_key that names it.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"azurerm_storage_account"},
	Remediation:   "Add an azurerm_storage_account_customer_managed_key (or a customer_managed_key block) with a Key Vault key and an identity that can use it.",
	RemediationCode: `resource "azurerm_storage_account_customer_managed_key" "main" {
  storage_account_id = azurerm_storage_account.main.id
  key_vault_id       = azurerm_key_vault.main.id
  key_name           = azurerm_key_vault_key.storage.name
}`,
	Links: []string{
		azurermDocs + "storage_account_customer_managed_key",
		"https://learn.microsoft.com/en-us/azure/storage/common/customer-managed-keys-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "cmk" {
  name = "acmecmk"
}

resource "azurerm_storage_account_customer_managed_key" "cmk" {
  storage_account_id = azurerm_storage_account.cmk.id
  key_vault_id       = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_name           = "storage"
}

resource "azurerm_storage_account" "inline" {
  name = "acmeinline"
  customer_managed_key {
    key_vault_key_id          = "https://acme-kv.vault.azure.net/keys/storage"
    user_assigned_identity_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage"
  }
}`}, {Code: `
variable "account_id" {
  type = string
}

resource "azurerm_storage_account" "maybe" {
  name = "acme"
}

resource "azurerm_storage_account_customer_managed_key" "elsewhere" {
  storage_account_id = var.account_id
  key_vault_id       = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_name           = "storage"
}

resource "azurerm_storage_account" "other" {
  name = "acme2"
  customer_managed_key {
    key_vault_key_id          = "https://acme-kv.vault.azure.net/keys/storage"
    user_assigned_identity_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage"
  }
}`, Unknowns: []string{"azurerm_storage_account.maybe"}, Expect: map[string]scanner.Expected{
		"azurerm_storage_account.maybe": {Line: 11, Message: "may be this one"},
	}}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_storage_account" "platform_key" {
  name = "acme"
}`, Fails: []string{"azurerm_storage_account.platform_key"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.FirstBlock("customer_managed_key") != nil || len(referrersOf(ctx, r, "azurerm_storage_account_customer_managed_key", "storage_account_id")) > 0 {
			return scanner.Passed()
		}
		if r.BlocksUnknown("customer_managed_key") {
			return scanner.Unknowable(r.Range, "customer_managed_key is not known until apply")
		}
		if res, decided := undecidedLink(ctx, r, "azurerm_storage_account_customer_managed_key", "storage_account_id"); decided {
			return res
		}
		return scanner.Failed(r.Range, "no customer-managed key: the account is encrypted only with a Microsoft-managed key")
	},
}

var storageSharedKeyDisabled = &scanner.Rule{
	ID:    "azure-storage-shared-key-disabled",
	Title: "Storage accounts do not accept shared key authorisation",
	Description: "The two account keys grant full access to every blob, file, queue and table, never expire, and sign " +
		"SAS tokens that name nobody: a request signed with a key is not tied to any identity, so a leaked key is " +
		"full access that no log can attribute until it is rotated. With " +
		"shared_access_key_enabled = false, requests must be authorised with Entra ID, per identity and role. CC6.1 " +
		"and CC6.3 expect identified users with least privilege. The argument defaults to true.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.3"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"azurerm_storage_account"},
	Remediation:   "Set shared_access_key_enabled = false, grant data roles (Storage Blob Data Reader…) to identities, and set storage_use_azuread = true in the azurerm provider.",
	RemediationCode: `resource "azurerm_storage_account" "main" {
  # ...
  shared_access_key_enabled = false
}`,
	Links: []string{
		storageAccountDocs + "#shared_access_key_enabled",
		"https://learn.microsoft.com/en-us/azure/storage/common/shared-key-authorization-prevent",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "entra" {
  name                      = "acme"
  shared_access_key_enabled = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "keys" {
  type = bool
}

resource "azurerm_storage_account" "default" {
  name = "acme"
}

resource "azurerm_storage_account" "unknown" {
  name                      = "acme2"
  shared_access_key_enabled = var.keys
}`,
		Fails:    []string{"azurerm_storage_account.default"},
		Unknowns: []string{"azurerm_storage_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("shared_access_key_enabled"), true, false, "the account keys grant full access to all data to whoever holds them, with no identity to audit")
	},
}
