package azure

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/ruletest"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// azapiOutcome runs rule on code and returns its results by address.
func azapiOutcome(t *testing.T, rule *scanner.Rule, code string) map[string]scanner.Result {
	t.Helper()
	return ruletest.Evaluate(t, rule, scanner.Example{Code: code}, nil).Results
}

func TestAzAPIBodyForms(t *testing.T) {
	code := `
resource "azapi_resource" "literal" {
  type = "Microsoft.Storage/storageAccounts@2023-01-01"
  body = {
    sku = { name = "Standard_GRS" }
    properties = {
      allowBlobPublicAccess = false
      minimumTlsVersion     = "TLS1_1"
    }
  }
}

resource "azapi_resource" "jsonencoded" {
  type = "Microsoft.Storage/storageAccounts@2023-01-01"
  body = jsonencode({
    properties = {
      minimumTlsVersion = "TLS1_0"
    }
  })
}

resource "azapi_resource" "json_string" {
  type = "Microsoft.Storage/storageAccounts@2021-09-01"
  body = <<JSON
{"properties": {"minimumTlsVersion": "TLS1_2"}}
JSON
}

resource "azapi_resource" "defaulted" {
  type = "Microsoft.Storage/storageAccounts@2023-01-01"
  body = { properties = {} }
}

resource "azapi_resource" "no_body" {
  type = "Microsoft.Storage/storageAccounts@2023-01-01"
}

resource "azapi_resource" "not_json" {
  type = "Microsoft.Storage/storageAccounts@2023-01-01"
  body = "{ not json"
}

resource "azapi_resource" "vault" {
  type = "Microsoft.KeyVault/vaults@2023-07-01"
  body = { properties = { minimumTlsVersion = "TLS1_0" } }
}
`
	got := azapiOutcome(t, storageMinTLS, code)
	assert.NotContains(t, got, "azapi_resource.vault", "a rule judges only the ARM types it understands")

	lit := got["azapi_resource.literal"]
	assert.Equal(t, scanner.Fail, lit.Status)
	assert.Equal(t, 8, lit.Range.StartLine, "points at the body key")
	assert.Contains(t, lit.Message, `body.properties.minimumTlsVersion is "TLS1_1"`)

	enc := got["azapi_resource.jsonencoded"]
	assert.Equal(t, scanner.Fail, enc.Status)
	assert.Equal(t, 17, enc.Range.StartLine, "points at the key inside jsonencode")

	assert.Equal(t, scanner.Pass, got["azapi_resource.json_string"].Status, "azapi 1.x JSON string body")

	// Azure Storage requires TLS 1.2 since 2026-02-03 whatever the API
	// version's documented default, so leaving the property out passes.
	assert.Equal(t, scanner.Pass, got["azapi_resource.defaulted"].Status, "absent minimumTlsVersion means TLS1_2")
	assert.Equal(t, scanner.Pass, got["azapi_resource.no_body"].Status, "no body leaves minimumTlsVersion absent")

	bad := got["azapi_resource.not_json"]
	assert.Equal(t, scanner.Unknown, bad.Status)
	assert.Contains(t, bad.Message, "the azapi body cannot be read")
}

func TestAzAPIVersionedDefault(t *testing.T) {
	code := `
resource "azapi_resource" "before" {
  type = "Microsoft.Storage/storageAccounts@2022-09-01"
  body = {}
}

resource "azapi_resource" "since" {
  type = "Microsoft.Storage/storageAccounts@2023-05-01"
  body = {}
}

resource "azapi_resource" "preview" {
  type = "Microsoft.Storage/storageAccounts@2023-01-01-preview"
  body = {}
}
`
	got := azapiOutcome(t, storageNoPublicNestedItems, code)
	assert.Equal(t, scanner.Fail, got["azapi_resource.before"].Status, "anonymous access was allowed by default before 2023-01-01")
	assert.Contains(t, got["azapi_resource.before"].Message, "defaults it to true")
	assert.Equal(t, 4, got["azapi_resource.before"].Range.StartLine, "a default points at the body")
	assert.Equal(t, scanner.Pass, got["azapi_resource.since"].Status)
	assert.Equal(t, scanner.Pass, got["azapi_resource.preview"].Status, "a preview version counts by its date")
}

func TestAzAPIUnknownType(t *testing.T) {
	code := `
variable "version" {}

variable "type" {}

resource "azapi_resource" "version_unknown" {
  type = "Microsoft.KeyVault/vaults@${var.version}"
  body = { properties = { enablePurgeProtection = true } }
}

resource "azapi_resource" "type_unknown" {
  type = var.type
  body = { properties = { enablePurgeProtection = false } }
}
`
	got := azapiOutcome(t, keyVaultPurgeProtection, code)
	require.Contains(t, got, "azapi_resource.version_unknown")
	assert.Equal(t, scanner.Unknown, got["azapi_resource.version_unknown"].Status)
	assert.Contains(t, got["azapi_resource.version_unknown"].Message, "API version of the azapi type is not known")
	assert.NotContains(t, got, "azapi_resource.type_unknown", "a resource of unknown type stands for nothing a rule knows")
}

func TestAzAPIPatchJudgesOnlyWhatItSets(t *testing.T) {
	code := `
resource "azapi_update_resource" "other" {
  type        = "Microsoft.Storage/storageAccounts@2023-01-01"
  resource_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acme"
  body        = { properties = { allowBlobPublicAccess = false } }
}

resource "azapi_update_resource" "newer" {
  type        = "Microsoft.Storage/storageAccounts@2099-01-01"
  resource_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acme"
  body        = { properties = { accessTier = "Cool" } }
}

resource "azapi_update_resource" "newer_tls" {
  type        = "Microsoft.Storage/storageAccounts@2099-01-01"
  resource_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acme"
  body        = { properties = { minimumTlsVersion = "TLS1_2" } }
}

resource "azapi_update_resource" "turns_off" {
  type        = "Microsoft.Storage/storageAccounts@2023-01-01"
  resource_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acme"
  body        = { properties = { minimumTlsVersion = "TLS1_0" } }
}
`
	got := azapiOutcome(t, storageMinTLS, code)
	assert.Equal(t, scanner.NotApplicable, got["azapi_update_resource.newer"].Status,
		"a patch that sets nothing the rule reads does not apply, whatever its API version")
	assert.Equal(t, scanner.Unknown, got["azapi_update_resource.newer_tls"].Status)
	assert.Contains(t, got["azapi_update_resource.newer_tls"].Message, "not understood by rule azure-storage-min-tls-1-2")
	assert.Equal(t, scanner.NotApplicable, got["azapi_update_resource.other"].Status, "the patch leaves the TLS version as it is")
	assert.Contains(t, got["azapi_update_resource.other"].Message, "properties.minimumTlsVersion")
	assert.Equal(t, scanner.Fail, got["azapi_update_resource.turns_off"].Status)
}

func TestReplaceWord(t *testing.T) {
	got, found := replaceWord("min_tls_version and scm_min_tls_version; min_tls_version", "min_tls_version", "X")
	assert.True(t, found)
	assert.Equal(t, "X and scm_min_tls_version; X", got)
	_, found = replaceWord("scm_min_tls_version", "min_tls_version", "X")
	assert.False(t, found)
}

func TestAzAPIGeoRedundancyWithUnknownLocation(t *testing.T) {
	code := `
variable "location" {}

resource "azapi_resource" "zrs" {
  type     = "Microsoft.Storage/storageAccounts@2025-01-01"
  location = var.location
  body     = { sku = { name = "Standard_ZRS" } }
}
`
	got := azapiOutcome(t, storageGeoRedundant, code)["azapi_resource.zrs"]
	assert.Equal(t, scanner.Fail, got.Status, "without object replication the location does not matter")
	assert.Contains(t, got.Message, `body.sku.name is "Standard_ZRS"`, "the message quotes what the body says, not the replication read from it")
}

func TestAzAPIAutomationAccountDefaults(t *testing.T) {
	code := `
resource "azapi_resource" "empty" {
  type = "Microsoft.Automation/automationAccounts@2023-11-01"
  body = { properties = { sku = { name = "Basic" } } }
}

resource "azapi_resource" "hardened" {
  type = "Microsoft.Automation/automationAccounts@2021-06-22"
  body = {
    properties = {
      publicNetworkAccess = false
      disableLocalAuth    = true
      encryption          = { keySource = "Microsoft.KeyVault" }
    }
  }
}

resource "azapi_resource" "local" {
  type = "Microsoft.Automation/automationAccounts@2023-11-01"
  body = { properties = { disableLocalAuth = false } }
}

resource "azapi_resource" "before_local_auth" {
  type = "Microsoft.Automation/automationAccounts@2020-01-13-preview"
  body = { properties = { publicNetworkAccess = false } }
}
`
	for _, rule := range []*scanner.Rule{automationPublicNetworkAccess, automationCustomerManagedKey, automationLocalAuth} {
		got := azapiOutcome(t, rule, code)
		assert.Equal(t, scanner.Fail, got["azapi_resource.empty"].Status, "%s: an empty body takes ARM's defaults", rule.ID)
		assert.Equal(t, scanner.Pass, got["azapi_resource.hardened"].Status, "%s: %s", rule.ID, got["azapi_resource.hardened"].Message)
		assert.Equal(t, scanner.Unknown, got["azapi_resource.before_local_auth"].Status, rule.ID)
	}
	got := azapiOutcome(t, automationLocalAuth, code)
	assert.Equal(t, scanner.Fail, got["azapi_resource.local"].Status)
	// The message gives the body's value, not azurerm's inverted one.
	assert.Contains(t, got["azapi_resource.local"].Message, "body.properties.disableLocalAuth is false")
	assert.Contains(t, got["azapi_resource.empty"].Message, "body.properties.disableLocalAuth is not set and defaults to false")
	got = azapiOutcome(t, automationCustomerManagedKey, code)
	assert.Contains(t, got["azapi_resource.empty"].Message, "no body.properties.encryption:", "the block is named by its body path")
	got = azapiOutcome(t, automationPublicNetworkAccess, code)
	assert.Contains(t, got["azapi_resource.empty"].Message, "body.properties.publicNetworkAccess is not set and defaults to true")
}

func TestAzAPIMessageNamesBlockByBodyPath(t *testing.T) {
	code := `
resource "azapi_resource" "open" {
  type = "Microsoft.KeyVault/vaults@2023-07-01"
  body = { properties = { tenantId = "0000" } }
}
`
	got := azapiOutcome(t, keyVaultNetworkDefaultDeny, code)
	require.Contains(t, got, "azapi_resource.open")
	assert.Equal(t, scanner.Fail, got["azapi_resource.open"].Status)
	assert.Contains(t, got["azapi_resource.open"].Message, "no body.properties.networkAcls and")
	assert.NotContains(t, got["azapi_resource.open"].Message, "network_acls")
}

// A scale set's inline extensionProfile is read as azurerm's extension
// blocks: Azure Disk Encryption there counts, another extension does not.
func TestAzAPIScaleSetInlineExtensions(t *testing.T) {
	code := `
resource "azapi_resource" "ade" {
  type = "Microsoft.Compute/virtualMachineScaleSets@2024-07-01"
  body = {
    properties = {
      virtualMachineProfile = {
        storageProfile = { osDisk = { createOption = "FromImage" } }
        extensionProfile = {
          extensions = [{
            name = "ade"
            properties = {
              publisher = "Microsoft.Azure.Security"
              type      = "AzureDiskEncryptionForLinux"
              settings  = { EncryptionOperation = "EnableEncryption", KeyVaultURL = "https://acme-kv.vault.azure.net/" }
            }
          }]
        }
      }
    }
  }
}

resource "azapi_resource" "monitor" {
  type = "Microsoft.Compute/virtualMachineScaleSets@2024-07-01"
  body = {
    properties = {
      virtualMachineProfile = {
        storageProfile = { osDisk = { createOption = "FromImage" } }
        extensionProfile = {
          extensions = [{
            name       = "ama"
            properties = { publisher = "Microsoft.Azure.Monitor", type = "AzureMonitorLinuxAgent" }
          }]
        }
      }
    }
  }
}
`
	got := azapiOutcome(t, diskCustomerManagedKey, code)
	require.Contains(t, got, "azapi_resource.ade")
	assert.Equal(t, scanner.Pass, got["azapi_resource.ade"].Status)
	mon := got["azapi_resource.monitor"]
	assert.Equal(t, scanner.Fail, mon.Status)
	assert.Equal(t, 28, mon.Range.StartLine, "points at the OS disk in the machine profile")
	assert.Contains(t, mon.Message, "body.properties.virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id")
}

// A security rule created as a child resource of its NSG is judged as
// azurerm_network_security_rule, and the RDP rule of the corpus's
// AVM web-site example as an inline rule of its NSG.
func TestAzAPISecurityRules(t *testing.T) {
	code := `
resource "azapi_resource" "ssh" {
  type      = "Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg"
  name      = "ssh"
  body = {
    properties = {
      direction             = "Inbound"
      access                = "Allow"
      protocol              = "*"
      sourceAddressPrefixes = ["10.0.0.0/8", "Internet"]
      destinationPortRanges = ["20-25"]
    }
  }
}

resource "azapi_resource" "office" {
  type = "Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01"
  body = {
    properties = {
      direction            = "Inbound"
      access               = "Allow"
      protocol             = "Tcp"
      sourceAddressPrefix  = "203.0.113.0/24"
      destinationPortRange = "22"
    }
  }
}

resource "azapi_resource" "nsg" {
  type = "Microsoft.Network/networkSecurityGroups@2025-03-01"
  body = {
    properties = {
      securityRules = [
        {
          name = "AllowAllRDPInbound"
          properties = {
            access                   = "Allow"
            direction                = "Inbound"
            protocol                 = "Tcp"
            priority                 = 100
            destinationAddressPrefix = "*"
            destinationPortRange     = "3389"
            sourceAddressPrefix      = "*"
            sourcePortRange          = "*"
          }
        }
      ]
    }
  }
}
`
	got := azapiOutcome(t, nsgNoPublicAdminPorts, code)
	ssh := got["azapi_resource.ssh"]
	assert.Equal(t, scanner.Fail, ssh.Status)
	assert.Contains(t, ssh.Message, `from "Internet" is allowed to port 22`)
	assert.Equal(t, 12, ssh.Range.StartLine, "points at destinationPortRanges")
	assert.Equal(t, scanner.Pass, got["azapi_resource.office"].Status)
	nsg := got["azapi_resource.nsg"]
	assert.Equal(t, scanner.Fail, nsg.Status)
	assert.Equal(t, 34, nsg.Range.StartLine, "points at securityRules")
	assert.Contains(t, nsg.Message, `body.properties.securityRules entry "AllowAllRDPInbound"`)
}

// A body that writes a switch as "Enabled"/"Disabled" is quoted with that
// word, never with the boolean azurerm reads it as.
func TestAzAPISpelledSwitchMessages(t *testing.T) {
	code := `
resource "azapi_resource" "open" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme"
  body      = { properties = { publicNetworkAccess = "Enabled" } }
}
`
	got := azapiOutcome(t, mssqlPublicNetworkAccess, code)
	require.Contains(t, got, "azapi_resource.open")
	assert.Equal(t, scanner.Fail, got["azapi_resource.open"].Status)
	assert.Contains(t, got["azapi_resource.open"].Message, `body.properties.publicNetworkAccess is "Enabled"`)
	assert.NotContains(t, got["azapi_resource.open"].Message, "is true")

	r := spelledValues("body.properties.publicNetworkAccess")
	assert.Equal(t, `body.properties.publicNetworkAccess is not set and defaults to "Disabled": x`,
		r.Replace("body.properties.publicNetworkAccess is not set and defaults to false: x"))
	assert.Equal(t, "other is true", r.Replace("other is true"), "another path is left alone")
}
