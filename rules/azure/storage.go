package azure

import (
	"slices"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const storageAccountDocs = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account"

var storageMinTLS = &scanner.Rule{
	ID:    "azure-storage-min-tls-1-2",
	Title: "Storage accounts refuse TLS versions older than 1.2",
	Description: "TLS 1.0 and 1.1 have known weaknesses and are deprecated; a storage account that still accepts them lets a " +
		"client negotiate a connection an attacker on the path can weaken. CC6.7 expects data in transit to be protected " +
		"with current encryption. azurerm defaults min_tls_version to TLS1_2 since v3.0 (v2 defaulted to TLS1_0), and Azure " +
		"Storage retired TLS 1.0 and 1.1 on 2026-02-03, so an absent value (also an absent minimumTlsVersion in an azapi " +
		"body, whatever the API version documents) means TLS 1.2; only an explicit older value fails.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"azurerm_storage_account"},
	Remediation:   "Remove min_tls_version (it defaults to TLS1_2) or set it to \"TLS1_2\".",
	RemediationCode: `resource "azurerm_storage_account" "main" {
  # ...
  min_tls_version = "TLS1_2"
}`,
	Links: []string{
		storageAccountDocs + "#min_tls_version",
		"https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_44"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0011"},
		{Tool: scanner.ToolTfsec, ID: "azure-storage-use-secure-tls-policy"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "default" {
  name                     = "acmedefault"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account" "explicit" {
  name                     = "acmeexplicit"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_2"
}`}},
	Bad: []scanner.Example{{Code: `
variable "tls" {
  type    = string
  default = "TLS1_0"
}

variable "tls_unknown" {
  type = string
}

resource "azurerm_storage_account" "legacy" {
  name                     = "acmelegacy"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_1"
}

resource "azurerm_storage_account" "from_var" {
  name                     = "acmefromvar"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = var.tls
}

resource "azurerm_storage_account" "unknown" {
  name                     = "acmeunknown"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = var.tls_unknown
}`,
		Fails:    []string{"azurerm_storage_account.legacy", "azurerm_storage_account.from_var"},
		Unknowns: []string{"azurerm_storage_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("min_tls_version")
		switch {
		case v.IsNull():
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "min_tls_version is not known until apply")
		case v.OneOf("TLS1_2", "TLS1_3"):
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "min_tls_version is %q: clients can still connect with TLS older than 1.2", v.StringOr("?"))
	},
}

var storageHTTPSOnly = &scanner.Rule{
	ID:    "azure-storage-https-only",
	Title: "Storage accounts accept requests over HTTPS only",
	Description: "With secure transfer disabled a storage account serves blobs, files and queues over plain HTTP, so keys, " +
		"SAS tokens and data cross the network in clear text. CC6.7 expects transmission to be encrypted. The argument is " +
		"https_traffic_only_enabled in azurerm v4 and enable_https_traffic_only in v3; both default to true, so only an " +
		"explicit false fails.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"azurerm_storage_account"},
	Remediation:   "Remove the argument (it defaults to true) or set https_traffic_only_enabled = true (enable_https_traffic_only on azurerm v3).",
	RemediationCode: `resource "azurerm_storage_account" "main" {
  # ...
  https_traffic_only_enabled = true # azurerm v4; enable_https_traffic_only on v3
}`,
	Links: []string{
		storageAccountDocs + "#https_traffic_only_enabled",
		"https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_3"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0008"},
		{Tool: scanner.ToolTfsec, ID: "azure-storage-enforce-https"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "default" {
  name                     = "acmedefault"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account" "v3" {
  name                      = "acmev3"
  resource_group_name       = "rg"
  location                  = "West Europe"
  account_tier              = "Standard"
  account_replication_type  = "GRS"
  enable_https_traffic_only = true
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_storage_account" "v4" {
  name                       = "acmev4"
  resource_group_name        = "rg"
  location                   = "West Europe"
  account_tier               = "Standard"
  account_replication_type   = "GRS"
  https_traffic_only_enabled = false
}

resource "azurerm_storage_account" "v3" {
  count                     = 2
  name                      = "acmev3${count.index}"
  resource_group_name       = "rg"
  location                  = "West Europe"
  account_tier              = "Standard"
  account_replication_type  = "GRS"
  enable_https_traffic_only = false
}`, Fails: []string{"azurerm_storage_account.v4", "azurerm_storage_account.v3[0]", "azurerm_storage_account.v3[1]"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := firstPresent(r.Block, "https_traffic_only_enabled", "enable_https_traffic_only")
		on := v.BoolOr(true)
		switch on {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
		case scanner.Yes:
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "%s is false: the account accepts unencrypted HTTP requests", v.Name)
	},
}

var storageNoPublicNestedItems = &scanner.Rule{
	ID:    "azure-storage-no-public-nested-items",
	Title: "Storage accounts forbid anonymous public access to containers and blobs",
	Description: "When an account allows nested items to be public, any container can be switched to anonymous read access " +
		"with one setting, and a single mistake exposes its data to the internet. CC6.6 expects access from outside the " +
		"boundary to be restricted. azurerm v3 and v4 default allow_nested_items_to_be_public to true (v5 changes the " +
		"default to false; v2 called it allow_blob_public_access, default false), so an account that leaves it unset is " +
		"reported as allowing public access.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"azurerm_storage_account"},
	Remediation:   "Set allow_nested_items_to_be_public = false; serve public content through a CDN or SAS tokens instead.",
	RemediationCode: `resource "azurerm_storage_account" "main" {
  # ...
  allow_nested_items_to_be_public = false
}`,
	Links: []string{
		storageAccountDocs + "#allow_nested_items_to_be_public",
		"https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_190"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "v4" {
  name                            = "acmev4"
  resource_group_name             = "rg"
  location                        = "West Europe"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_account" "v2" {
  name                     = "acmev2"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  allow_blob_public_access = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "public" {
  type = bool
}

resource "azurerm_storage_account" "unset" {
  name                     = "acmeunset"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account" "explicit" {
  name                            = "acmeexplicit"
  resource_group_name             = "rg"
  location                        = "West Europe"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = true
}

resource "azurerm_storage_account" "unknown" {
  name                            = "acmeunknown"
  resource_group_name             = "rg"
  location                        = "West Europe"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = var.public
}`,
		Fails:    []string{"azurerm_storage_account.unset", "azurerm_storage_account.explicit"},
		Unknowns: []string{"azurerm_storage_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := firstPresent(r.Block, "allow_nested_items_to_be_public", "allow_blob_public_access")
		switch {
		case v.IsNull():
			return scanner.Failed(v.Range, "allow_nested_items_to_be_public is not set and azurerm v3/v4 default it to true: "+
				"any container can be made anonymously readable")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
		case v.IsFalse():
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "%s is true: any container can be made anonymously readable", v.Name)
	},
}

var storageContainerPrivate = &scanner.Rule{
	ID:    "azure-storage-container-private",
	Title: "Blob containers do not grant anonymous read access",
	Description: "A container with access type blob or container lets anyone on the internet read (and, for container, " +
		"list) its blobs without credentials. CC6.6 expects access from outside the system boundary to be restricted. " +
		"container_access_type defaults to private.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"azurerm_storage_container"},
	Remediation:   "Remove container_access_type (it defaults to private) or set it to \"private\"; share individual blobs with short-lived SAS tokens.",
	RemediationCode: `resource "azurerm_storage_container" "data" {
  name                  = "data"
  storage_account_id    = azurerm_storage_account.main.id
  container_access_type = "private"
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container#container_access_type",
		"https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-configure",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_34"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0007"},
		{Tool: scanner.ToolTfsec, ID: "azure-storage-no-public-access"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_container" "default" {
  name               = "default"
  storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acme"
}

resource "azurerm_storage_container" "private" {
  name                  = "private"
  storage_account_name  = "acme"
  container_access_type = "private"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_storage_container" "blob" {
  name                  = "blob"
  storage_account_name  = "acme"
  container_access_type = "blob"
}

resource "azurerm_storage_container" "container" {
  for_each              = toset(["a", "b"])
  name                  = each.key
  storage_account_name  = "acme"
  container_access_type = "container"
}`, Fails: []string{
		"azurerm_storage_container.blob",
		`azurerm_storage_container.container["a"]`,
		`azurerm_storage_container.container["b"]`,
	}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("container_access_type")
		switch {
		case v.IsNull(), v.Equals("private"):
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "container_access_type is not known until apply")
		}
		return scanner.Failed(v.Range, "container_access_type is %q: anyone on the internet can read the container's blobs", v.StringOr("?"))
	},
}

var storageNetworkDefaultDeny = &scanner.Rule{
	ID:    "azure-storage-network-default-deny",
	Title: "Storage accounts deny network access by default",
	Description: "A storage account's public endpoint accepts connections from every network unless public network access is " +
		"disabled or its firewall's default action is Deny; a leaked key or SAS token is then usable from anywhere. CC6.6 " +
		"expects boundary protection in front of data stores. public_network_access_enabled defaults to true and the " +
		"default network action to Allow.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: []string{"azurerm_storage_account"},
	Remediation: "Set public_network_access_enabled = false and use private endpoints, or add network_rules (inline or as " +
		"azurerm_storage_account_network_rules) with default_action = \"Deny\" and the networks that need access.",
	RemediationCode: `resource "azurerm_storage_account" "main" {
  # ...
  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices"]
    virtual_network_subnet_ids = [azurerm_subnet.app.id]
  }
}`,
	Links: []string{
		storageAccountDocs + "#network_rules",
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account_network_rules",
		"https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_35"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_59"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0012"},
		{Tool: scanner.ToolTfsec, ID: "azure-storage-default-action-deny"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "private" {
  name                          = "acmeprivate"
  resource_group_name           = "rg"
  location                      = "West Europe"
  account_tier                  = "Standard"
  account_replication_type      = "GRS"
  public_network_access_enabled = false
}

resource "azurerm_storage_account" "inline" {
  name                     = "acmeinline"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  network_rules {
    default_action = "Deny"
    ip_rules       = ["203.0.113.10"]
  }
}

resource "azurerm_storage_account" "separate" {
  name                     = "acmeseparate"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account_network_rules" "separate" {
  storage_account_id = azurerm_storage_account.separate.id
  default_action     = "Deny"
  bypass             = ["AzureServices"]
}

resource "azurerm_storage_account" "v2" {
  name                     = "acmev2"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account_network_rules" "v2" {
  resource_group_name  = "rg"
  storage_account_name = "acmev2"
  default_action       = "Deny"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_storage_account" "open" {
  name                     = "acmeopen"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account" "allow" {
  name                     = "acmeallow"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  network_rules {
    default_action = "Allow"
  }
}

resource "azurerm_storage_account" "separate_allow" {
  name                     = "acmeseparateallow"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account_network_rules" "separate_allow" {
  storage_account_id = azurerm_storage_account.separate_allow.id
  default_action     = "Allow"
}`, Fails: []string{
		"azurerm_storage_account.open",
		"azurerm_storage_account.allow",
		"azurerm_storage_account.separate_allow",
	}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		public := r.Attr("public_network_access_enabled")
		if public.BoolOr(true) == scanner.No {
			return scanner.Passed()
		}
		rules := r.Blocks("network_rules")
		for _, nr := range storageNetworkRules(r, ctx) {
			rules = append(rules, nr.Block)
		}
		unknown := public.IsUnknown() || r.BlocksUnknown("network_rules")
		var failAt scanner.Value
		for _, nr := range rules {
			action := nr.Attr("default_action")
			switch {
			case action.Equals("Deny"):
				return scanner.Passed()
			case action.IsUnknown():
				unknown = true
			default:
				failAt = action
			}
		}
		if unknown {
			return scanner.Unknowable(public.Range, "whether the account's network access is restricted is not known until apply")
		}
		if failAt.Present {
			return scanner.Failed(failAt.Range, "network_rules default_action is %q and public network access is enabled: "+
				"the account accepts connections from any network", failAt.StringOr("?"))
		}
		return scanner.Failed(public.Range, "public network access is enabled (the default) and no network rule denies by "+
			"default: the account accepts connections from any network")
	},
}

var storageGeoRedundant = &scanner.Rule{
	ID:    "azure-storage-geo-redundant",
	Title: "Storage accounts keep a copy of their data in another region",
	Description: "LRS and ZRS keep every copy of the data in one region, so a regional outage or disaster takes the only " +
		"copies with it. A1.2 expects backups stored off site; geo-redundant replication (GRS, RA-GRS, GZRS, RA-GZRS) copies " +
		"the data to the paired region. An LRS or ZRS account passes when an azurerm_storage_object_replication copies it to " +
		"an account in another location (the route for premium accounts, which support only LRS and ZRS).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"azurerm_storage_account"},
	Remediation: "Set account_replication_type to GZRS (or GRS, RAGRS, RAGZRS), or replicate the account's containers with " +
		"azurerm_storage_object_replication to an account in another region.",
	RemediationCode: `resource "azurerm_storage_account" "main" {
  # ...
  account_replication_type = "GZRS" # zone-redundant in the primary region, copied to the paired region
}`,
	Links: []string{
		storageAccountDocs + "#account_replication_type",
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_object_replication",
		"https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_206"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0058"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "grs" {
  name                     = "acmegrs"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "RAGZRS"
}

resource "azurerm_storage_account" "premium" {
  name                     = "acmepremium"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Premium"
  account_kind             = "BlockBlobStorage"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "premium_dr" {
  name                     = "acmepremiumdr"
  resource_group_name      = "rg"
  location                 = "North Europe"
  account_tier             = "Premium"
  account_kind             = "BlockBlobStorage"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_object_replication" "premium" {
  source_storage_account_id      = azurerm_storage_account.premium.id
  destination_storage_account_id = azurerm_storage_account.premium_dr.id
  rules {
    source_container_name      = "data"
    destination_container_name = "data"
  }
}`}, {Code: `
resource "azurerm_storage_account" "gzrs" {
  name                     = "acmegzrs"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GZRS"
}`}},
	Bad: []scanner.Example{{Code: `
variable "replication" {
  type = string
}

resource "azurerm_storage_account" "lrs" {
  name                     = "acmelrs"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "zrs" {
  name                     = "acmezrs"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Premium"
  account_kind             = "BlockBlobStorage"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "zrs_copy" {
  name                     = "acmezrscopy"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Premium"
  account_kind             = "BlockBlobStorage"
  account_replication_type = "ZRS"
}

# The copy lands in the same region: no protection against a regional outage.
resource "azurerm_storage_object_replication" "same_region" {
  source_storage_account_id      = azurerm_storage_account.zrs.id
  destination_storage_account_id = azurerm_storage_account.zrs_copy.id
  rules {
    source_container_name      = "data"
    destination_container_name = "data"
  }
}

resource "azurerm_storage_account" "unknown" {
  name                     = "acmeunknown"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = var.replication
}`,
		Fails:    []string{"azurerm_storage_account.lrs", "azurerm_storage_account.zrs", "azurerm_storage_account.zrs_copy"},
		Unknowns: []string{"azurerm_storage_account.unknown"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Attr("account_replication_type")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "account_replication_type is not known until apply")
		case v.OneOf("GRS", "RAGRS", "GZRS", "RAGZRS"):
			return scanner.Passed()
		}
		switch offRegionObjectReplica(r, ctx) {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "an object replication policy links this account to another, but whether "+
				"that account is in another region is not known until apply")
		}
		return scanner.Failed(v.Range, "account_replication_type is %q and no object replication links the account to "+
			"one in another region: every copy of the data is in %s", v.StringOr("?"), r.Attr("location").StringOr("one region"))
	},
}

// storageNetworkRules returns the azurerm_storage_account_network_rules
// resources for the account: by storage_account_id (v3+) or by
// storage_account_name (v2).
func storageNetworkRules(r *scanner.Resource, ctx *scanner.Context) []*scanner.Resource {
	const typ = "azurerm_storage_account_network_rules"
	out := referrersOf(ctx, r, typ, "storage_account_id")
	if ctx == nil || ctx.Index == nil {
		return out
	}
	referrers, _ := ctx.Index.Referrers(r, typ, []string{"storage_account_name"}, "name")
	for _, nr := range referrers {
		if !slices.Contains(out, nr) {
			out = append(out, nr)
		}
	}
	return out
}

// offRegionObjectReplica decides whether an azurerm_storage_object_replication
// links the account to an account in another location, as source (its data
// is copied away) or as destination (it holds the off-region copy): Maybe
// when a linked account's location is not known statically.
func offRegionObjectReplica(r *scanner.Resource, ctx *scanner.Context) scanner.Tri {
	type link struct {
		rep   *scanner.Resource
		other string
	}
	var linked []link
	for _, l := range []struct{ self, other string }{
		{"source_storage_account_id", "destination_storage_account_id"},
		{"destination_storage_account_id", "source_storage_account_id"},
	} {
		for _, rep := range referrersOf(ctx, r, "azurerm_storage_object_replication", l.self) {
			linked = append(linked, link{rep, l.other})
		}
	}
	if len(linked) == 0 {
		// Without a replication policy, an account whose location is
		// only known after apply still has every copy in one region.
		return scanner.No
	}
	own, ok := r.Attr("location").AsString()
	if !ok {
		return scanner.TriOf(false, r.Attr("location").IsUnknown())
	}
	copied := scanner.No
	for _, l := range linked {
		others := ctx.Index.Resolve(l.rep.Attr(l.other))
		if len(others) == 0 {
			copied = scanner.Maybe
		}
		for _, o := range others {
			loc, ok := o.Attr("location").AsString()
			switch {
			case !ok:
				copied = scanner.Maybe
			case normalizeLocation(loc) != normalizeLocation(own):
				return scanner.Yes
			}
		}
	}
	return copied
}

// blobServiceAbsent reports whether the account has no blob service whose
// protection settings apply (premium file shares).
func blobServiceAbsent(r *scanner.Resource) bool {
	return r.Attr("account_kind").Equals("FileStorage")
}

var storageBlobSoftDelete = &scanner.Rule{
	ID:    "azure-storage-blob-soft-delete",
	Title: "Storage accounts keep deleted blobs recoverable (blob soft delete)",
	Description: "Without blob soft delete, a blob deleted or overwritten by mistake, by a faulty deployment or by an " +
		"attacker is gone at once. A1.2 expects data to be recoverable. Accounts created through the API (and so " +
		"Terraform) have soft delete off unless blob_properties.delete_retention_policy is set; its days default to 7. " +
		"An account written with azapi is judged by the deleteRetentionPolicy of its " +
		"Microsoft.Storage/storageAccounts/blobServices child named default (of the API versions below), " +
		"which ARM leaves off when no such child sets it.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"azurerm_storage_account"},
	Params: []scanner.Param{{
		Name:        "min_retention_days",
		Description: "Minimum number of days deleted blobs must stay recoverable.",
		Default:     7,
		Min:         1,
		Max:         365,
	}},
	Remediation: "Add blob_properties { delete_retention_policy { days = 7 } } (1–365 days), and container_delete_retention_policy for deleted containers.",
	RemediationCode: `resource "azurerm_storage_account" "main" {
  # ...
  blob_properties {
    delete_retention_policy {
      days = 30
    }
    container_delete_retention_policy {
      days = 30
    }
  }
}`,
	Links: []string{
		storageAccountDocs + "#delete_retention_policy",
		"https://learn.microsoft.com/en-us/azure/storage/blobs/soft-delete-blob-overview",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AZURE_38"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0056"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "default_days" {
  name                     = "acmedefault"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    delete_retention_policy {}
  }
}

resource "azurerm_storage_account" "files" {
  name                     = "acmefiles"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Premium"
  account_kind             = "FileStorage"
  account_replication_type = "ZRS"
}`}, {Code: `
resource "azurerm_storage_account" "month" {
  name                     = "acmemonth"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    delete_retention_policy {
      days = 30
    }
  }
}`, Params: map[string]any{"min_retention_days": 30}}},
	Bad: []scanner.Example{{Code: `
variable "policies" {
  type = list(number)
}

resource "azurerm_storage_account" "none" {
  name                     = "acmenone"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account" "versioning_only" {
  name                     = "acmeversioning"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    versioning_enabled = true
  }
}

resource "azurerm_storage_account" "dynamic" {
  name                     = "acmedynamic"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    dynamic "delete_retention_policy" {
      for_each = var.policies
      content {
        days = delete_retention_policy.value
      }
    }
  }
}`,
		Fails:    []string{"azurerm_storage_account.none", "azurerm_storage_account.versioning_only"},
		Unknowns: []string{"azurerm_storage_account.dynamic"},
	}, {Code: `
resource "azurerm_storage_account" "short" {
  name                     = "acmeshort"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    delete_retention_policy {
      days = 7
    }
  }
}`, Fails: []string{"azurerm_storage_account.short"}, Params: map[string]any{"min_retention_days": 14}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if blobServiceAbsent(r) {
			return scanner.Passed()
		}
		props := r.FirstBlock("blob_properties")
		if r.BlocksUnknown("blob_properties") || props.BlocksUnknown("delete_retention_policy") {
			return scanner.Unknowable(r.Range, "whether blob soft delete is configured is not known until apply")
		}
		policy := props.FirstBlock("delete_retention_policy")
		if policy == nil {
			return scanner.Failed(r.Range, "blob_properties.delete_retention_policy is not set: deleted or overwritten blobs cannot be recovered")
		}
		minimum := ctx.Int("min_retention_days")
		days := policy.Attr("days")
		got, enough := days.IntAtLeast(7, minimum)
		switch enough {
		case scanner.Maybe:
			return scanner.Unknowable(days.Range, "delete_retention_policy.days is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		return scanner.Failed(days.Range, "deleted blobs are kept for %d days, fewer than the required %d", got, minimum)
	},
}

var storageBlobVersioning = &scanner.Rule{
	ID:    "azure-storage-blob-versioning",
	Title: "Storage accounts keep previous versions of blobs",
	Description: "Blob versioning keeps every previous version of a blob, so data overwritten by an application bug or by " +
		"ransomware can be restored. A1.2 expects data to be recoverable; CC7.4 expects recovery from incidents. " +
		"versioning_enabled defaults to false. Accounts with a hierarchical namespace (Data Lake Gen2) do not support " +
		"versioning and are not checked. An account written with azapi is judged by the isVersioningEnabled of its " +
		"Microsoft.Storage/storageAccounts/blobServices child named default (of the API versions below), " +
		"which ARM leaves off when no such child sets it.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "C1.2"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"azurerm_storage_account"},
	Remediation:   "Set blob_properties { versioning_enabled = true } and add a lifecycle rule that expires old versions.",
	RemediationCode: `resource "azurerm_storage_account" "main" {
  # ...
  blob_properties {
    versioning_enabled = true
  }
}`,
	Links: []string{
		storageAccountDocs + "#versioning_enabled",
		"https://learn.microsoft.com/en-us/azure/storage/blobs/versioning-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_storage_account" "versioned" {
  name                     = "acmeversioned"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    versioning_enabled = true
  }
}

resource "azurerm_storage_account" "datalake" {
  name                     = "acmelake"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  is_hns_enabled           = true
}`, NotApplicable: []string{"azurerm_storage_account.datalake"}}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_storage_account" "none" {
  name                     = "acmenone"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account" "off" {
  name                     = "acmeoff"
  resource_group_name      = "rg"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    versioning_enabled = false
  }
}`, Fails: []string{"azurerm_storage_account.none", "azurerm_storage_account.off"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if blobServiceAbsent(r) {
			return scanner.DoesNotApply("a FileStorage account has no blob service")
		}
		if r.Attr("is_hns_enabled").IsTrue() {
			return scanner.DoesNotApply("blob versioning is not supported on accounts with a hierarchical namespace")
		}
		if r.BlocksUnknown("blob_properties") {
			return scanner.Unknowable(r.Range, "blob_properties is not known until apply")
		}
		props := r.FirstBlock("blob_properties")
		v := props.Attr("versioning_enabled")
		if props == nil {
			v.Range = r.Range
		}
		switch {
		case v.IsTrue():
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "blob_properties.versioning_enabled is not known until apply")
		}
		return scanner.Failed(v.Range, "blob versioning is not enabled: overwritten or deleted blobs cannot be restored to a previous version")
	},
}
