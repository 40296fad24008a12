package azure

import (
	"net/netip"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const cosmosAccount = "azurerm_cosmosdb_account"

var cosmosPublicNetworkAccess = &scanner.Rule{
	ID:    "azure-cosmosdb-public-network-access-restricted",
	Title: "Cosmos DB accounts are not open to every network",
	Description: "A Cosmos DB account with public network access and no IP or virtual network filter accepts " +
		"connections from the whole internet, guarded only by its keys or tokens. CC6.6 expects access from outside " +
		"the system boundary restricted. public_network_access_enabled defaults to true; the account passes when it " +
		"is false, or when an ip_range_filter or the virtual network filter limits who can connect. An ip_range_filter " +
		"entry that admits every address (0.0.0.0/0) limits nothing: the account fails unless public network access " +
		"is off. The single address 0.0.0.0, which admits Azure's datacenters, is left alone.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "C1.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{cosmosAccount},
	Remediation:   "Set public_network_access_enabled = false and reach the account through a private endpoint, or restrict it with ip_range_filter / is_virtual_network_filter_enabled.",
	RemediationCode: `resource "azurerm_cosmosdb_account" "main" {
  # ...
  public_network_access_enabled = false
}`,
	Links: []string{
		azurermDocs + "cosmosdb_account#public_network_access_enabled",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-configure-firewall",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_101"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_99"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "private" {
  name                          = "acme"
  public_network_access_enabled = false
}

resource "azurerm_cosmosdb_account" "filtered" {
  name            = "acme2"
  ip_range_filter = ["203.0.113.0/24"]
}`}},
	Bad: []scanner.Example{{Code: `
variable "public" {
  type = bool
}

resource "azurerm_cosmosdb_account" "default" {
  name = "acme"
}

resource "azurerm_cosmosdb_account" "unknown" {
  name                          = "acme2"
  public_network_access_enabled = var.public
}

resource "azurerm_cosmosdb_account" "open_filter" {
  name                              = "acme3"
  is_virtual_network_filter_enabled = true
  ip_range_filter                   = ["203.0.113.0/24", "0.0.0.0/0"]
}

resource "azurerm_cosmosdb_account" "open_filter_v3" {
  name            = "acme4"
  ip_range_filter = "203.0.113.7,0.0.0.0/0"
}

variable "allowed_ips" {
  type = list(string)
}

resource "azurerm_cosmosdb_account" "unknown_filter" {
  name            = "acme5"
  ip_range_filter = var.allowed_ips
}`,
		Fails: []string{"azurerm_cosmosdb_account.default", "azurerm_cosmosdb_account.open_filter", "azurerm_cosmosdb_account.open_filter_v3"},
		Expect: map[string]scanner.Expected{
			"azurerm_cosmosdb_account.open_filter": {Message: "ip_range_filter admits 0.0.0.0/0"},
		},
		Unknowns: []string{"azurerm_cosmosdb_account.unknown", "azurerm_cosmosdb_account.unknown_filter"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		pna := r.Attr("public_network_access_enabled")
		if open := cosmosOpenIPEntry(r.Attr("ip_range_filter")); open != "" && !pna.IsFalse() {
			if pna.IsUnknown() {
				return scanner.Unknowable(pna.Range, "public_network_access_enabled is not known until apply, and ip_range_filter admits %s", open)
			}
			return scanner.Failed(r.Attr("ip_range_filter").Range, "ip_range_filter admits %s: every address can connect to the account", open)
		}
		// A filter, or an entry of it, only known after apply may admit
		// every address.
		if ips := r.Attr("ip_range_filter"); ips.IsSet() && !pna.IsFalse() {
			if _, incomplete := ips.KnownStrings(); incomplete {
				return scanner.Unknowable(ips.Range, "ip_range_filter is not known until apply: it may admit every address")
			}
		}
		if r.Attr("is_virtual_network_filter_enabled").IsTrue() {
			return scanner.Passed()
		}
		if ips := r.Attr("ip_range_filter"); ips.IsSet() {
			list, incomplete := ips.KnownStrings()
			if len(list) > 0 && list[0] != "" || incomplete {
				return scanner.Passed()
			}
		}
		return requirePublicAccessOff(r.Attr("public_network_access_enabled"), "the account")
	},
}

// cosmosOpenIPEntry returns the known ip_range_filter entry that admits
// every address (a /0 range), "" when there is none. The filter is a set of
// strings in azurerm v4 and one comma-separated string in v3; each element
// is split on commas to read both.
func cosmosOpenIPEntry(v scanner.Value) string {
	items, _ := v.KnownStrings()
	if s, ok := v.AsString(); ok {
		items = []string{s}
	}
	for _, item := range items {
		for _, entry := range strings.Split(item, ",") {
			entry = strings.TrimSpace(entry)
			if p, err := netip.ParsePrefix(entry); err == nil && p.Bits() == 0 {
				return entry
			}
		}
	}
	return ""
}

var cosmosKeyMetadataWrites = &scanner.Rule{
	ID:    "azure-cosmosdb-key-metadata-writes-disabled",
	Title: "Cosmos DB account keys cannot change databases and containers",
	Description: "By default anyone holding a Cosmos DB account key can create, change and delete databases, containers " +
		"and throughput, so a key leaked from an application becomes control of the account's structure. With " +
		"access_key_metadata_writes_enabled = false those changes need Azure RBAC through the management plane, where " +
		"they are authorised and logged. CC6.3 expects privileges limited to what a role needs. The argument defaults " +
		"to true.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.3", Secondary: []string{"CC6.1", "CC8.1"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{cosmosAccount},
	Remediation:   "Set access_key_metadata_writes_enabled = false and manage databases and containers through Terraform or Azure RBAC.",
	RemediationCode: `resource "azurerm_cosmosdb_account" "main" {
  # ...
  access_key_metadata_writes_enabled = false
}`,
	Links: []string{
		azurermDocs + "cosmosdb_account#access_key_metadata_writes_enabled",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/role-based-access-control#prevent-sdk-changes",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_132"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "locked" {
  name                               = "acme"
  access_key_metadata_writes_enabled = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "writes" {
  type = bool
}

resource "azurerm_cosmosdb_account" "default" {
  name = "acme"
}

resource "azurerm_cosmosdb_account" "unknown" {
  name                               = "acme2"
  access_key_metadata_writes_enabled = var.writes
}`,
		Fails:    []string{"azurerm_cosmosdb_account.default"},
		Unknowns: []string{"azurerm_cosmosdb_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("access_key_metadata_writes_enabled"), true, false,
			"an account key can create, change and delete databases and containers")
	},
}

var cosmosLocalAuthDisabled = &scanner.Rule{
	ID:    "azure-cosmosdb-local-auth-disabled",
	Title: "Cosmos DB accounts accept Entra ID identities only, not account keys",
	Description: "Account keys are shared secrets that grant full data access, never expire and do not name who used " +
		"them. With local_authentication_disabled = true, clients must authenticate with Microsoft Entra ID, so access " +
		"is granted per identity through data-plane RBAC and attributed in logs. CC6.1 expects users identified and " +
		"authenticated. The argument defaults to false.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.2", "CC6.3"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{cosmosAccount},
	Remediation:   "Set local_authentication_disabled = true and grant applications Cosmos DB data-plane roles (azurerm_cosmosdb_sql_role_assignment).",
	RemediationCode: `resource "azurerm_cosmosdb_account" "main" {
  # ...
  local_authentication_disabled = true
}`,
	Links: []string{
		azurermDocs + "cosmosdb_account#local_authentication_disabled",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-setup-rbac#disable-local-auth",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_140"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "entra" {
  name                          = "acme"
  local_authentication_disabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "local" {
  type = bool
}

resource "azurerm_cosmosdb_account" "default" {
  name = "acme"
}

resource "azurerm_cosmosdb_account" "unknown" {
  name                          = "acme2"
  local_authentication_disabled = var.local
}`,
		Fails:    []string{"azurerm_cosmosdb_account.default"},
		Unknowns: []string{"azurerm_cosmosdb_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("local_authentication_disabled"), false, true,
			"the account keys, shared secrets that name nobody, grant full data access")
	},
}

// cosmosBackup returns the account's backup block, or nil when it has none
// (Azure then takes periodic backups with its defaults). unknown is set
// when a dynamic backup block is only known after apply.
func cosmosBackup(r *scanner.Resource) (backup *scanner.Block, unknown bool) {
	if r.BlocksUnknown("backup") {
		return nil, true
	}
	return r.FirstBlock("backup"), false
}

var cosmosBackupRetention = &scanner.Rule{
	ID:    "azure-cosmosdb-backup-retention",
	Title: "Cosmos DB accounts keep backups long enough to restore",
	Description: "Without a backup block, Cosmos DB takes a periodic backup every 4 hours and keeps only the last two, " +
		"8 hours in all: data deleted or corrupted on a Friday evening is gone by Saturday morning. A1.2 expects " +
		"backups retained to meet recovery objectives. Continuous backup (point-in-time restore over 7 or 30 days) " +
		"passes; periodic backup passes when retention_in_hours reaches the min_periodic_retention_hours parameter, " +
		"168 hours (a week) by default.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.5", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{cosmosAccount},
	Params: []scanner.Param{{
		Name:        "min_periodic_retention_hours",
		Description: "Minimum retention of periodic backups, in hours (Azure allows 8–720).",
		Default:     168,
	}},
	Remediation: "Use continuous backup (type = \"Continuous\", tier Continuous30Days for a month), or raise retention_in_hours of periodic backup.",
	RemediationCode: `resource "azurerm_cosmosdb_account" "main" {
  # ...
  backup {
    type = "Continuous"
    tier = "Continuous30Days"
  }
}`,
	Links: []string{
		azurermDocs + "cosmosdb_account#backup",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/continuous-backup-restore-introduction",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/periodic-backup-restore-introduction",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "continuous" {
  name = "acme"
  backup {
    type = "Continuous"
  }
}

resource "azurerm_cosmosdb_account" "week" {
  name = "acme2"
  backup {
    type                = "Periodic"
    interval_in_minutes = 240
    retention_in_hours  = 168
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "hours" {
  type = number
}

resource "azurerm_cosmosdb_account" "default" {
  name = "acme"
}

resource "azurerm_cosmosdb_account" "short" {
  name = "acme2"
  backup {
    type               = "Periodic"
    retention_in_hours = 24
  }
}

resource "azurerm_cosmosdb_account" "unknown" {
  name = "acme3"
  backup {
    type               = "Periodic"
    retention_in_hours = var.hours
  }
}`,
		Fails:    []string{"azurerm_cosmosdb_account.default", "azurerm_cosmosdb_account.short"},
		Unknowns: []string{"azurerm_cosmosdb_account.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_cosmosdb_account.default": {Line: 6, Message: "only the last 8 hours"},
			"azurerm_cosmosdb_account.short":   {Line: 14, Message: "24 hours"},
		},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		minimum := ctx.Int("min_periodic_retention_hours")
		backup, unknown := cosmosBackup(r)
		if unknown {
			return scanner.Unknowable(r.Range, "the backup block is not known until apply")
		}
		if backup == nil {
			return scanner.Failed(r.Range, "no backup block: Azure keeps periodic backups of only the last 8 hours, fewer than the required %d", minimum)
		}
		typ := backup.Attr("type")
		switch {
		case typ.Equals("Continuous"):
			return scanner.Passed()
		case typ.IsUnknown():
			return scanner.Unknowable(typ.Range, "the backup type is not known until apply")
		}
		v := backup.Attr("retention_in_hours")
		got, enough := v.IntAtLeast(8, minimum)
		switch enough {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "retention_in_hours is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "periodic backups are kept for %d hours, fewer than the required %d", got, minimum)
	},
}

// cosmosRegions counts the account's geo_location blocks; unknown is set
// when they come from a dynamic block only known after apply.
func cosmosRegions(r *scanner.Resource) (locations []*scanner.Block, unknown bool) {
	if r.BlocksUnknown("geo_location") {
		return nil, true
	}
	return r.Blocks("geo_location"), false
}

var cosmosBackupGeoRedundant = &scanner.Rule{
	ID:    "azure-cosmosdb-backup-geo-redundant",
	Title: "Cosmos DB backups survive the loss of the account's region",
	Description: "Periodic backups are stored geo-redundantly unless backup.storage_redundancy is Local or Zone, which " +
		"keeps every copy in the account's region. Continuous backups are kept in each region the account is " +
		"replicated to, so an account in a single region keeps them nowhere else. A1.2 expects backups stored off " +
		"site. The rule fails periodic backups with local or zone-redundant storage, and continuous backups of an " +
		"account with a single geo_location.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{cosmosAccount},
	Remediation:   "Keep storage_redundancy = \"Geo\" for periodic backups, or replicate an account with continuous backup to a second region (another geo_location block).",
	RemediationCode: `resource "azurerm_cosmosdb_account" "main" {
  # ...
  backup {
    type                = "Periodic"
    retention_in_hours  = 168
    storage_redundancy  = "Geo"
  }
}`,
	Links: []string{
		azurermDocs + "cosmosdb_account#storage_redundancy",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/periodic-backup-storage-redundancy",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/continuous-backup-restore-introduction",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "default" {
  name = "acme"
}

resource "azurerm_cosmosdb_account" "continuous" {
  name = "acme2"
  backup {
    type = "Continuous"
  }
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
  geo_location {
    location          = "northeurope"
    failover_priority = 1
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "redundancy" {
  type = string
}

resource "azurerm_cosmosdb_account" "local" {
  name = "acme"
  backup {
    type               = "Periodic"
    storage_redundancy = "Local"
  }
}

resource "azurerm_cosmosdb_account" "single_region" {
  name = "acme2"
  backup {
    type = "Continuous"
  }
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_account" "unknown" {
  name = "acme3"
  backup {
    type               = "Periodic"
    storage_redundancy = var.redundancy
  }
}`,
		Fails:    []string{"azurerm_cosmosdb_account.local", "azurerm_cosmosdb_account.single_region"},
		Unknowns: []string{"azurerm_cosmosdb_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		backup, unknown := cosmosBackup(r)
		if unknown {
			return scanner.Unknowable(r.Range, "the backup block is not known until apply")
		}
		typ := backup.Attr("type")
		if backup != nil && typ.IsUnknown() {
			return scanner.Unknowable(typ.Range, "the backup type is not known until apply")
		}
		if typ.Equals("Continuous") {
			regions, unknown := cosmosRegions(r)
			switch {
			case unknown:
				return scanner.Unknowable(r.Range, "the geo_location blocks are not known until apply")
			case len(regions) >= 2:
				return scanner.Passed()
			}
			return scanner.Failed(typ.Range, "continuous backups are kept only in the regions the account is replicated to, and it has a single region")
		}
		v := backup.Attr("storage_redundancy")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "storage_redundancy is not known until apply")
		case v.OneOf("Local", "Zone"):
			return scanner.Failed(v.Range, "storage_redundancy is %s: every periodic backup stays in the account's region", v.StringOr(""))
		}
		return scanner.Passed()
	},
}

var cosmosMultiRegion = &scanner.Rule{
	ID:    "azure-cosmosdb-multi-region",
	Title: "Cosmos DB accounts are replicated to a second region",
	Description: "An account with a single geo_location has no replica: a regional outage makes it unavailable, and " +
		"Azure can only restore it from backups once the region returns. A replica in another region (ideally the " +
		"paired region) keeps the data readable and lets the account fail over. A1.2 expects recovery infrastructure " +
		"that survives the loss of a site.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1", "CC9.1"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{cosmosAccount},
	Remediation:   "Add a second geo_location in another region, and set automatic_failover_enabled = true.",
	RemediationCode: `resource "azurerm_cosmosdb_account" "main" {
  # ...
  automatic_failover_enabled = true
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
  geo_location {
    location          = "northeurope"
    failover_priority = 1
  }
}`,
	Links: []string{
		azurermDocs + "cosmosdb_account#geo_location",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/high-availability",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "two" {
  name = "acme"
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
  geo_location {
    location          = "northeurope"
    failover_priority = 1
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "regions" {
  type = list(string)
}

resource "azurerm_cosmosdb_account" "one" {
  name = "acme"
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_account" "unknown" {
  name = "acme2"
  dynamic "geo_location" {
    for_each = var.regions
    content {
      location          = geo_location.value
      failover_priority = geo_location.key
    }
  }
}`,
		Fails:    []string{"azurerm_cosmosdb_account.one"},
		Unknowns: []string{"azurerm_cosmosdb_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		regions, unknown := cosmosRegions(r)
		switch {
		case unknown:
			return scanner.Unknowable(r.Range, "the geo_location blocks are not known until apply")
		case len(regions) >= 2:
			return scanner.Passed()
		}
		rng := r.Range
		if len(regions) == 1 {
			rng = regions[0].Range
		}
		return scanner.Failed(rng, "the account has %d geo_location: no replica in another region", len(regions))
	},
}

var cosmosZoneRedundant = &scanner.Rule{
	ID:    "azure-cosmosdb-zone-redundant",
	Title: "Cosmos DB regions are zone-redundant",
	Description: "Without zone redundancy, the replicas of a Cosmos DB region can sit in one datacenter, so the loss " +
		"of a single availability zone takes the region's copy down. A1.1 and A1.2 expect capacity and recovery " +
		"infrastructure that tolerate component failures. zone_redundant defaults to false on each geo_location; the " +
		"rule fails the first region that is not zone-redundant.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1"}},
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{cosmosAccount},
	Remediation:   "Set zone_redundant = true on each geo_location (in regions with availability zones; it is fixed at creation).",
	RemediationCode: `resource "azurerm_cosmosdb_account" "main" {
  # ...
  geo_location {
    location          = "westeurope"
    failover_priority = 0
    zone_redundant    = true
  }
}`,
	Links: []string{
		azurermDocs + "cosmosdb_account#zone_redundant",
		"https://learn.microsoft.com/en-us/azure/reliability/reliability-cosmos-db-nosql",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "zones" {
  name = "acme"
  geo_location {
    location          = "westeurope"
    failover_priority = 0
    zone_redundant    = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "zones" {
  type = bool
}

resource "azurerm_cosmosdb_account" "default" {
  name = "acme"
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_account" "unknown" {
  name = "acme2"
  geo_location {
    location          = "westeurope"
    failover_priority = 0
    zone_redundant    = var.zones
  }
}`,
		Fails:    []string{"azurerm_cosmosdb_account.default"},
		Unknowns: []string{"azurerm_cosmosdb_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		regions, unknown := cosmosRegions(r)
		if unknown {
			return scanner.Unknowable(r.Range, "the geo_location blocks are not known until apply")
		}
		if len(regions) == 0 {
			return scanner.Unknowable(r.Range, "the account has no geo_location block to inspect")
		}
		for _, g := range regions {
			if res := requireSwitch(g.Attr("zone_redundant"), false, true, "the region's replicas can sit in one availability zone"); res.Status != scanner.Pass {
				return res
			}
		}
		return scanner.Passed()
	},
}

var cosmosCustomerManagedKey = &scanner.Rule{
	ID:    "azure-cosmosdb-cmk",
	Title: "Cosmos DB accounts are encrypted with a customer-managed key",
	Description: "Cosmos DB encrypts data with service-managed keys by default. A customer-managed key in Key Vault lets " +
		"you rotate, audit use of and revoke the key, and make the data unreadable by disabling it. CC6.1 lists key " +
		"protection among logical access controls; C1.1 expects confidential data protected. The key " +
		"(key_vault_key_id, or managed_hsm_key_id) can only be set when the account is created.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{cosmosAccount},
	Remediation:   "Set key_vault_key_id to a versionless Key Vault key ID when creating the account, with an identity that can use the key.",
	RemediationCode: `resource "azurerm_cosmosdb_account" "main" {
  # ...
  key_vault_key_id = azurerm_key_vault_key.cosmos.versionless_id
}`,
	Links: []string{
		azurermDocs + "cosmosdb_account#key_vault_key_id",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-setup-customer-managed-keys",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_100"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "cmk" {
  name             = "acme"
  key_vault_key_id = "https://acme-kv.vault.azure.net/keys/cosmos"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "default" {
  name = "acme"
}`, Fails: []string{"azurerm_cosmosdb_account.default"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return scanner.RequireSet(firstPresent(r.Block, "key_vault_key_id", "managed_hsm_key_id"),
			"no key_vault_key_id: the account is encrypted only with a service-managed key")
	},
}

var cosmosMinTLS = &scanner.Rule{
	ID:    "azure-cosmosdb-min-tls-1-2",
	Title: "Cosmos DB accounts refuse TLS versions older than 1.2",
	Description: "TLS 1.0 and 1.1 are deprecated and have known weaknesses. CC6.7 expects current encryption for data " +
		"in transit. minimal_tls_version defaults to Tls12; the rule fails an account that lowers it to Tls or Tls11.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{cosmosAccount},
	Remediation:   "Remove minimal_tls_version or set it to \"Tls12\".",
	RemediationCode: `resource "azurerm_cosmosdb_account" "main" {
  # ...
  minimal_tls_version = "Tls12"
}`,
	Links: []string{
		azurermDocs + "cosmosdb_account#minimal_tls_version",
		"https://learn.microsoft.com/en-us/azure/cosmos-db/self-serve-minimum-tls-enforcement",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_cosmosdb_account" "default" {
  name = "acme"
}`}},
	Bad: []scanner.Example{{Code: `
variable "tls" {
  type = string
}

resource "azurerm_cosmosdb_account" "old" {
  name                = "acme"
  minimal_tls_version = "Tls11"
}

resource "azurerm_cosmosdb_account" "unknown" {
  name                = "acme2"
  minimal_tls_version = var.tls
}`,
		Fails:    []string{"azurerm_cosmosdb_account.old"},
		Unknowns: []string{"azurerm_cosmosdb_account.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("minimal_tls_version")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "minimal_tls_version is not known until apply")
		case v.OneOf("Tls", "Tls11"):
			return scanner.Failed(v.Range, "minimal_tls_version is %s: clients may connect with deprecated TLS", v.StringOr(""))
		}
		return scanner.Passed()
	},
}
