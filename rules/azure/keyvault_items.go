package azure

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const (
	keyVaultKey    = "azurerm_key_vault_key"
	keyVaultSecret = "azurerm_key_vault_secret"
)

var keyVaultKeyRotation = &scanner.Rule{
	ID:    "azure-keyvault-key-rotation-policy",
	Title: "Key Vault keys rotate automatically",
	Description: "A key that never rotates protects ever more data with the same material, so one leak or weakness " +
		"exposes all of it, and nothing forces a review of who can use it. CC6.1 expects cryptographic keys managed " +
		"through their life cycle. The rule passes a key whose rotation_policy has an automatic block (rotate " +
		"time_after_create or time_before_expiry); services that use versionless key IDs (storage, disks, SQL) then " +
		"pick up each new version.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{keyVaultKey},
	Remediation:   "Add a rotation_policy with an automatic block and an expire_after.",
	RemediationCode: `resource "azurerm_key_vault_key" "cmk" {
  # ...
  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P365D"
    notify_before_expiry = "P29D"
  }
}`,
	Links: []string{
		azurermDocs + "key_vault_key#rotation_policy",
		"https://learn.microsoft.com/en-us/azure/key-vault/keys/how-to-configure-key-rotation",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault_key" "cmk" {
  name         = "cmk"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type     = "RSA-HSM"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]
  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after = "P365D"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "rotation" {
  type = list(string)
}

resource "azurerm_key_vault_key" "static" {
  name         = "cmk"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_key_vault_key" "notify_only" {
  name         = "cmk2"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type     = "RSA"
  key_opts     = ["wrapKey", "unwrapKey"]
  rotation_policy {
    expire_after         = "P365D"
    notify_before_expiry = "P29D"
  }
}

resource "azurerm_key_vault_key" "unknown" {
  name         = "cmk3"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type     = "RSA"
  key_opts     = ["wrapKey", "unwrapKey"]
  dynamic "rotation_policy" {
    for_each = var.rotation
    content {
      expire_after = rotation_policy.value
    }
  }
}`,
		Fails:    []string{"azurerm_key_vault_key.static", "azurerm_key_vault_key.notify_only"},
		Unknowns: []string{"azurerm_key_vault_key.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("rotation_policy") {
			return scanner.Unknowable(r.Range, "rotation_policy is not known until apply")
		}
		p := r.FirstBlock("rotation_policy")
		if p == nil {
			return scanner.Failed(r.Range, "no rotation_policy: the key is never rotated")
		}
		if p.BlocksUnknown("automatic") {
			return scanner.Unknowable(p.Range, "rotation_policy.automatic is not known until apply")
		}
		if p.FirstBlock("automatic") == nil {
			return scanner.Failed(p.Range, "rotation_policy has no automatic block: the key is never rotated")
		}
		return scanner.Passed()
	},
}

var keyVaultKeyExpiration = &scanner.Rule{
	ID:    "azure-keyvault-key-expiration",
	Title: "Key Vault keys expire",
	Description: "A key without an expiry date can be used forever, including long after the system it served was " +
		"retired or its holders changed. CC6.1 expects keys managed through their life cycle. The rule passes a key " +
		"with an expiration_date, or a rotation_policy whose expire_after sets one for each version.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{keyVaultKey},
	Remediation:   "Set rotation_policy.expire_after (with automatic rotation before it), or an expiration_date.",
	RemediationCode: `resource "azurerm_key_vault_key" "cmk" {
  # ...
  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after = "P365D"
  }
}`,
	Links: []string{
		azurermDocs + "key_vault_key#expiration_date",
		"https://learn.microsoft.com/en-us/azure/key-vault/keys/about-keys-details#key-attributes",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_40"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0014"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault_key" "dated" {
  name            = "cmk"
  key_vault_id    = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type        = "RSA"
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = "2027-12-31T00:00:00Z"
}

# A week from whenever it is applied: only known then, but never null.
resource "azurerm_key_vault_key" "weekly" {
  name            = "des"
  key_vault_id    = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type        = "RSA"
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = timeadd("${formatdate("YYYY-MM-DD", timestamp())}T00:00:00Z", "168h")
}

resource "azurerm_key_vault_key" "policy" {
  name         = "cmk2"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type     = "RSA"
  key_opts     = ["wrapKey", "unwrapKey"]
  rotation_policy {
    expire_after = "P365D"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_key_vault_key" "forever" {
  name         = "cmk"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type     = "RSA"
  key_opts     = ["wrapKey", "unwrapKey"]
}

variable "expiry" {
  type = string
}

resource "azurerm_key_vault_key" "maybe" {
  name            = "cmk"
  key_vault_id    = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type        = "RSA"
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = var.expiry
}`, Fails: []string{"azurerm_key_vault_key.forever"}, Unknowns: []string{"azurerm_key_vault_key.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		date, after := r.Attr("expiration_date"), r.Get("rotation_policy", "expire_after")
		if dateSet(date) || dateSet(after) {
			return scanner.Passed()
		}
		if r.BlocksUnknown("rotation_policy") {
			return scanner.Unknowable(r.Range, "rotation_policy is not known until apply")
		}
		// An input variable with no default may be null.
		for _, v := range []scanner.Value{date, after} {
			if v.IsSet() {
				return scanner.UnknownName(v)
			}
		}
		return scanner.Failed(r.Range, "no expiration_date and no rotation_policy.expire_after: the key never expires")
	},
}

var keyVaultSecretExpiration = &scanner.Rule{
	ID:    "azure-keyvault-secret-expiration",
	Title: "Key Vault secrets expire",
	Description: "A secret without an expiry date is never forced to rotate, so a password or key that leaked years " +
		"ago still works. CC6.1 expects credentials managed through their life cycle. The rule passes a secret with " +
		"an expiration_date.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{keyVaultSecret},
	Remediation:   "Set expiration_date and rotate the secret before it (an Event Grid SecretNearExpiry subscription can trigger the rotation).",
	RemediationCode: `resource "azurerm_key_vault_secret" "db" {
  # ...
  expiration_date = timeadd(time_static.rotated.rfc3339, "2160h")
}`,
	Links: []string{
		azurermDocs + "key_vault_secret#expiration_date",
		"https://learn.microsoft.com/en-us/azure/key-vault/secrets/tutorial-rotation",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_41"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0017"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault_secret" "db" {
  name            = "db-password"
  key_vault_id    = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  value           = "from-a-variable-in-real-code"
  expiration_date = "2027-12-31T00:00:00Z"
}

# A week from whenever it is applied: only known then, but never null.
resource "azurerm_key_vault_secret" "weekly" {
  name            = "api-token"
  key_vault_id    = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  value           = "from-a-variable-in-real-code"
  expiration_date = timeadd("${formatdate("YYYY-MM-DD", timestamp())}T00:00:00Z", "168h")
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_key_vault_secret" "forever" {
  name         = "db-password"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  value        = "from-a-variable-in-real-code"
}

variable "expiry" {
  type = string
}

resource "azurerm_key_vault_secret" "maybe" {
  name            = "db-password"
  key_vault_id    = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  value           = "from-a-variable-in-real-code"
  expiration_date = var.expiry
}`, Fails: []string{"azurerm_key_vault_secret.forever"}, Unknowns: []string{"azurerm_key_vault_secret.maybe"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		date := r.Attr("expiration_date")
		if dateSet(date) {
			return scanner.Passed()
		}
		res := scanner.RequireSet(date, "no expiration_date: the secret never expires")
		if v := r.Attr("value"); res.Status.IsProblem() {
			// The excerpt shows the secret's block, whose value is
			// the secret: name it for the engine to redact.
			if s, ok := v.AsString(); ok && strings.TrimSpace(s) != "" {
				res = res.WithSecrets(scanner.Secret{Text: s, Range: v.Range})
			}
		}
		return res
	},
}

var keyVaultKeyHSM = &scanner.Rule{
	ID:    "azure-keyvault-key-hsm-backed",
	Title: "Key Vault keys are HSM-backed",
	Description: "Software-protected keys are processed in Key Vault's software; HSM-protected keys (RSA-HSM, EC-HSM) " +
		"never leave FIPS 140 validated hardware security modules. Some commitments (payment data, customer contracts, " +
		"FIPS 140-2 Level 2 or 3) require HSM-backed keys for the encryption that protects confidential data; CC6.1 " +
		"and C1.1 then expect them used. Low severity: exclude the rule where software keys are acceptable.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{keyVaultKey},
	Remediation:   "Use key_type = \"RSA-HSM\" or \"EC-HSM\" (a premium vault, or a managed HSM).",
	RemediationCode: `resource "azurerm_key_vault_key" "cmk" {
  # ...
  key_type = "RSA-HSM"
  key_size = 3072
}`,
	Links: []string{
		azurermDocs + "key_vault_key#key_type",
		"https://learn.microsoft.com/en-us/azure/key-vault/keys/about-keys#hsm-protected-keys",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_112"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault_key" "hsm" {
  name         = "cmk"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type     = "RSA-HSM"
  key_opts     = ["wrapKey", "unwrapKey"]
}`}},
	Bad: []scanner.Example{{Code: `
variable "type" {
  type = string
}

resource "azurerm_key_vault_key" "software" {
  name         = "cmk"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type     = "RSA"
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_key_vault_key" "unknown" {
  name         = "cmk2"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
  key_type     = var.type
  key_opts     = ["wrapKey", "unwrapKey"]
}`,
		Fails:    []string{"azurerm_key_vault_key.software"},
		Unknowns: []string{"azurerm_key_vault_key.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("key_type")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "key_type is not known until apply")
		case v.OneOf("RSA-HSM", "EC-HSM", "oct-HSM"):
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "key_type is %s: the key is software-protected, not held in an HSM", v.StringOr("not set"))
	},
}

var keyVaultRBACAuthorization = &scanner.Rule{
	ID:    "azure-keyvault-rbac-authorization",
	Title: "Key vaults authorise data access with Azure RBAC",
	Description: "Vault access policies grant permissions on every key, secret or certificate of the vault at once, " +
		"cannot be scoped to one item, are not covered by Privileged Identity Management, and can be changed by " +
		"anyone with Contributor on the vault, who can so grant themselves its secrets. Azure RBAC scopes data access " +
		"to a single item and separates it from management. CC6.3 expects access granted by least privilege. " +
		"enable_rbac_authorization (rbac_authorization_enabled in azurerm 4) defaults to false.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"azurerm_key_vault"},
	Remediation:   "Set enable_rbac_authorization = true (rbac_authorization_enabled in azurerm 4) and replace access policies with role assignments such as Key Vault Secrets User.",
	RemediationCode: `resource "azurerm_key_vault" "main" {
  # ...
  enable_rbac_authorization = true
}`,
	Links: []string{
		keyVaultDocs + "#enable_rbac_authorization",
		"https://learn.microsoft.com/en-us/azure/key-vault/general/rbac-access-policy",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_key_vault" "rbac" {
  name                       = "acme-kv"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  rbac_authorization_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "rbac" {
  type = bool
}

resource "azurerm_key_vault" "policies" {
  name      = "acme-kv"
  tenant_id = "00000000-0000-0000-0000-000000000000"
  sku_name  = "standard"
}

resource "azurerm_key_vault" "unknown" {
  name                      = "acme-kv2"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  enable_rbac_authorization = var.rbac
}`,
		Fails:    []string{"azurerm_key_vault.policies"},
		Unknowns: []string{"azurerm_key_vault.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(firstPresent(r.Block, "enable_rbac_authorization", "rbac_authorization_enabled"), false, true,
			"data access is granted by vault access policies, on every item of the vault at once")
	},
}

// dateSet reports whether a date or duration argument is set: known and
// not null, or only known after apply but named (see scanner.Value.Names)
// or sure not to be null, as timeadd(timestamp(), "168h") is. Any value
// that is not null sets it, since the provider rejects text that is not a
// date or a duration.
func dateSet(v scanner.Value) bool {
	if !v.IsSet() {
		return false
	}
	if v.Names() != scanner.Maybe {
		return true
	}
	val, _ := v.Val.Unmark()
	return !val.IsKnown() && !val.Range().CouldBeNull()
}
