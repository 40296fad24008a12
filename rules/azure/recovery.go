package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const (
	recoveryVaultType   = "azurerm_recovery_services_vault"
	dataProtectionVault = "azurerm_data_protection_backup_vault"
	recoveryVaultDocs   = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/recovery_services_vault"
	backupVaultDocs     = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_vault"
)

// vaultRedundancy returns the argument that sets a backup vault's storage
// redundancy and the provider's default for it.
func vaultRedundancy(r *scanner.Resource) (v scanner.Value, def string) {
	if r.Type == dataProtectionVault {
		return r.Attr("redundancy"), ""
	}
	return r.Attr("storage_mode_type"), "GeoRedundant"
}

var backupVaultGeoRedundant = &scanner.Rule{
	ID:    "azure-backup-vault-geo-redundant",
	Title: "Recovery Services and Backup vaults store backups geo-redundantly",
	Description: "A vault with locally or zone-redundant storage keeps every recovery point in one region, so the " +
		"disaster that takes down the workload can take its backups too. A1.2 expects backups stored off site. Recovery " +
		"Services vaults default storage_mode_type to GeoRedundant; Backup vaults (azurerm_data_protection_backup_vault) " +
		"require redundancy to be chosen. The redundancy of a vault cannot be changed once items are protected.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{recoveryVaultType, dataProtectionVault},
	Remediation:   "Set storage_mode_type = \"GeoRedundant\" (Recovery Services) or redundancy = \"GeoRedundant\" (Backup vault) before protecting any item.",
	RemediationCode: `resource "azurerm_recovery_services_vault" "main" {
  # ...
  storage_mode_type            = "GeoRedundant"
  cross_region_restore_enabled = true
}`,
	Links: []string{
		recoveryVaultDocs + "#storage_mode_type",
		backupVaultDocs + "#redundancy",
		"https://learn.microsoft.com/en-us/azure/backup/backup-create-recovery-services-vault#set-storage-redundancy",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_recovery_services_vault" "default" {
  name                = "acme-rsv"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_data_protection_backup_vault" "geo" {
  name                = "acme-bv"
  location            = "West Europe"
  resource_group_name = "rg"
  datastore_type      = "VaultStore"
  redundancy          = "GeoRedundant"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_recovery_services_vault" "local" {
  name                = "acme-rsv"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "Standard"
  storage_mode_type   = "LocallyRedundant"
}

resource "azurerm_data_protection_backup_vault" "zone" {
  name                = "acme-bv"
  location            = "West Europe"
  resource_group_name = "rg"
  datastore_type      = "VaultStore"
  redundancy          = "ZoneRedundant"
}`, Fails: []string{"azurerm_recovery_services_vault.local", "azurerm_data_protection_backup_vault.zone"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v, def := vaultRedundancy(r)
		switch {
		case v.IsNull() && def != "":
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
		case v.Equals("GeoRedundant"):
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "%s is %q: every recovery point stays in %s", v.Name, v.StringOr("unset"),
			r.Attr("location").StringOr("the vault's region"))
	},
}

var backupVaultCrossRegionRestore = &scanner.Rule{
	ID:    "azure-backup-vault-cross-region-restore",
	Title: "Geo-redundant vaults allow restoring in the secondary region",
	Description: "Geo-redundant vaults copy recovery points to the paired region, but without cross-region restore those " +
		"copies can only be used after Microsoft declares a regional disaster. Enabling it lets you restore in the " +
		"secondary region whenever you need to, and test that you can (A1.3). cross_region_restore_enabled defaults to " +
		"false. Cross-region restore does not apply to a vault that is not geo-redundant (LocallyRedundant, ZoneRedundant), " +
		"so such vaults are reported not applicable and left to azure-backup-vault-geo-redundant.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{recoveryVaultType, dataProtectionVault},
	Remediation:   "Set cross_region_restore_enabled = true on the geo-redundant vault (it cannot be disabled again).",
	RemediationCode: `resource "azurerm_recovery_services_vault" "main" {
  # ...
  storage_mode_type            = "GeoRedundant"
  cross_region_restore_enabled = true
}`,
	Links: []string{
		recoveryVaultDocs + "#cross_region_restore_enabled",
		"https://learn.microsoft.com/en-us/azure/backup/backup-create-rs-vault#set-cross-region-restore",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_recovery_services_vault" "crr" {
  name                         = "acme-rsv"
  location                     = "West Europe"
  resource_group_name          = "rg"
  sku                          = "Standard"
  cross_region_restore_enabled = true
}

resource "azurerm_recovery_services_vault" "local" {
  name                = "acme-rsv-local"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "Standard"
  storage_mode_type   = "LocallyRedundant"
}

resource "azurerm_data_protection_backup_vault" "zone" {
  name                = "acme-bv"
  location            = "West Europe"
  resource_group_name = "rg"
  datastore_type      = "VaultStore"
  redundancy          = "ZoneRedundant"
}`, NotApplicable: []string{"azurerm_recovery_services_vault.local", "azurerm_data_protection_backup_vault.zone"}}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_recovery_services_vault" "default" {
  name                = "acme-rsv"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_data_protection_backup_vault" "geo" {
  name                         = "acme-bv"
  location                     = "West Europe"
  resource_group_name          = "rg"
  datastore_type               = "VaultStore"
  redundancy                   = "GeoRedundant"
  cross_region_restore_enabled = false
}`, Fails: []string{"azurerm_recovery_services_vault.default", "azurerm_data_protection_backup_vault.geo"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		mode, def := vaultRedundancy(r)
		switch {
		case mode.IsUnknown():
			return scanner.Unknowable(mode.Range, "%s is not known until apply", mode.Name)
		case mode.IsNull() && def == "":
			return scanner.DoesNotApply("%s is not set: cross-region restore applies only to a geo-redundant vault", mode.Name)
		case mode.IsSet() && !mode.Equals("GeoRedundant"):
			return scanner.DoesNotApply("%s is %q: cross-region restore applies only to a geo-redundant vault", mode.Name, mode.StringOr("?"))
		}
		v := r.Attr("cross_region_restore_enabled")
		on := v.BoolOr(false)
		switch on {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "cross_region_restore_enabled is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "cross_region_restore_enabled is not true: the geo-redundant copies can be restored only after Microsoft declares a regional disaster")
	},
}

var backupVaultSoftDelete = &scanner.Rule{
	ID:    "azure-backup-vault-soft-delete",
	Title: "Recovery Services and Backup vaults keep deleted backups recoverable",
	Description: "Soft delete keeps deleted backup data for 14 more days, so an attacker or a mistake that deletes backups " +
		"does not destroy the last way to recover. C1.1 and A1.2 expect data and its backups protected from destruction. " +
		"soft_delete_enabled defaults to true on Recovery Services vaults (azurerm v5 removes the switch: always on); " +
		"Backup vaults' soft_delete defaults to On.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "C1.1", Secondary: []string{"A1.2", "CC7.4"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{recoveryVaultType, dataProtectionVault},
	Remediation:   "Remove soft_delete_enabled = false (Recovery Services) or set soft_delete = \"AlwaysOn\" (Backup vault).",
	RemediationCode: `resource "azurerm_data_protection_backup_vault" "main" {
  # ...
  soft_delete                = "AlwaysOn"
  retention_duration_in_days = 14
}`,
	Links: []string{
		recoveryVaultDocs + "#soft_delete_enabled",
		backupVaultDocs + "#soft_delete",
		"https://learn.microsoft.com/en-us/azure/backup/backup-azure-security-feature-cloud",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_recovery_services_vault" "default" {
  name                = "acme-rsv"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_data_protection_backup_vault" "always" {
  name                = "acme-bv"
  location            = "West Europe"
  resource_group_name = "rg"
  datastore_type      = "VaultStore"
  redundancy          = "GeoRedundant"
  soft_delete         = "AlwaysOn"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_recovery_services_vault" "off" {
  name                = "acme-rsv"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "Standard"
  soft_delete_enabled = false
}

resource "azurerm_data_protection_backup_vault" "off" {
  name                = "acme-bv"
  location            = "West Europe"
  resource_group_name = "rg"
  datastore_type      = "VaultStore"
  redundancy          = "GeoRedundant"
  soft_delete         = "Off"
}`, Fails: []string{"azurerm_recovery_services_vault.off", "azurerm_data_protection_backup_vault.off"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.Type == dataProtectionVault {
			v := r.Attr("soft_delete")
			switch {
			case v.IsNull(), v.OneOf("On", "AlwaysOn"):
				return scanner.Passed()
			case v.IsUnknown():
				return scanner.Unknowable(v.Range, "soft_delete is not known until apply")
			}
			return scanner.Failed(v.Range, "soft_delete is %q: deleted backups are purged at once", v.StringOr("?"))
		}
		v := r.Attr("soft_delete_enabled")
		on := v.BoolOr(true)
		switch on {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "soft_delete_enabled is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "soft_delete_enabled is false: deleted backups are purged at once")
	},
}

var recoveryVaultPublicNetworkAccess = &scanner.Rule{
	ID:    "azure-recovery-vault-public-network-access-disabled",
	Title: "Recovery Services vaults are not reachable from public networks",
	Description: "A Recovery Services vault with public network access takes backup and restore traffic, and the " +
		"management of recovery points, from any network, so the copies of every protected workload sit behind the " +
		"internet rather than behind private endpoints. CC6.6 expects access from outside the system boundary " +
		"restricted. public_network_access_enabled defaults to true (ARM's publicNetworkAccess is Enabled when left out).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "A1.2"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{recoveryVaultType},
	Remediation:   "Set public_network_access_enabled = false and reach the vault through private endpoints.",
	RemediationCode: `resource "azurerm_recovery_services_vault" "main" {
  # ...
  public_network_access_enabled = false
}

resource "azurerm_private_endpoint" "vault" {
  # ...
  private_service_connection {
    name                           = "rsv-backup"
    private_connection_resource_id = azurerm_recovery_services_vault.main.id
    subresource_names              = ["AzureBackup"]
    is_manual_connection           = false
  }
}`,
	Links: []string{
		recoveryVaultDocs + "#public_network_access_enabled",
		"https://learn.microsoft.com/en-us/azure/backup/private-endpoints-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_recovery_services_vault" "private" {
  name                          = "acme-rsv"
  location                      = "West Europe"
  resource_group_name           = "rg"
  sku                           = "Standard"
  public_network_access_enabled = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "public" {
  type = bool
}

resource "azurerm_recovery_services_vault" "default" {
  name                = "acme-rsv"
  location            = "West Europe"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_recovery_services_vault" "public" {
  name                          = "acme-rsv2"
  location                      = "West Europe"
  resource_group_name           = "rg"
  sku                           = "Standard"
  public_network_access_enabled = true
}

resource "azurerm_recovery_services_vault" "unknown" {
  name                          = "acme-rsv3"
  location                      = "West Europe"
  resource_group_name           = "rg"
  sku                           = "Standard"
  public_network_access_enabled = var.public
}`,
		Fails:    []string{"azurerm_recovery_services_vault.default", "azurerm_recovery_services_vault.public"},
		Unknowns: []string{"azurerm_recovery_services_vault.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_recovery_services_vault.default": {Message: "defaults to true"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requirePublicAccessOff(r.Attr("public_network_access_enabled"), "the vault")
	},
}
