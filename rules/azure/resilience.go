package azure

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// virtualMachines are the resources of single virtual machines that Azure
// Backup protects.
var virtualMachines = []string{"azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", legacyVM}

var vmBackupProtected = &scanner.Rule{
	ID:    "azure-compute-vm-backup",
	Title: "Virtual machines are protected by Azure Backup",
	Description: "Managed disks are replicated but not backed up: a deleted disk, ransomware or a bad change is " +
		"replicated too. Azure Backup keeps restorable recovery points of the whole machine in a Recovery Services " +
		"vault. A1.2 expects data backed up according to recovery objectives. The rule passes a virtual machine that " +
		"an azurerm_backup_protected_vm names in source_vm_id; it is unknown while a protected item of the scan " +
		"names a machine only known after apply.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.5", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: virtualMachines,
	Remediation:   "Add an azurerm_backup_protected_vm that protects the machine with a backup policy of a Recovery Services vault.",
	RemediationCode: `resource "azurerm_backup_protected_vm" "app" {
  resource_group_name = azurerm_recovery_services_vault.main.resource_group_name
  recovery_vault_name = azurerm_recovery_services_vault.main.name
  source_vm_id        = azurerm_linux_virtual_machine.app.id
  backup_policy_id    = azurerm_backup_policy_vm.daily.id
}`,
	Links: []string{
		azurermDocs + "backup_protected_vm",
		"https://learn.microsoft.com/en-us/azure/backup/backup-azure-vms-introduction",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_virtual_machine" "app" {
  name = "app"
}

resource "azurerm_backup_protected_vm" "app" {
  resource_group_name = "rg"
  recovery_vault_name = "acme-rsv"
  source_vm_id        = azurerm_linux_virtual_machine.app.id
  backup_policy_id    = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/acme-rsv/backupPolicies/daily"
}

resource "azurerm_windows_virtual_machine" "azapi" {
  name = "win"
}

resource "azapi_resource_action" "protected_item" {
  method      = "PUT"
  type      = "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems@2024-10-01"
  resource_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/acme-rsv/backupFabrics/Azure/protectionContainers/iaasvmcontainer;iaasvmcontainerv2;rg;win/protectedItems/VM;iaasvmcontainerv2;rg;win"
  body = {
    properties = {
      protectedItemType = "Microsoft.Compute/virtualMachines"
      sourceResourceId  = azurerm_windows_virtual_machine.azapi.id
      policyId          = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/acme-rsv/backupPolicies/daily"
    }
  }
}`}, {Code: `
variable "vm_id" {
  type = string
}

resource "azurerm_linux_virtual_machine" "maybe" {
  name = "app"
}

resource "azurerm_backup_protected_vm" "other" {
  resource_group_name = "rg"
  recovery_vault_name = "acme-rsv"
  source_vm_id        = var.vm_id
}`, Unknowns: []string{"azurerm_linux_virtual_machine.maybe"}}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_windows_virtual_machine" "unprotected" {
  name = "app"
}`,
		Fails: []string{"azurerm_windows_virtual_machine.unprotected"},
		Expect: map[string]scanner.Expected{
			"azurerm_windows_virtual_machine.unprotected": {Message: "no azurerm_backup_protected_vm or azapi protected item protects the machine"},
		},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if ctx == nil || ctx.Index == nil {
			return scanner.Unknowable(r.Range, "no index of the scan to look for its backup")
		}
		found, maybe := ctx.Index.Referrers(r, "azurerm_backup_protected_vm", []string{"source_vm_id"}, "id")
		if len(found) > 0 || protectedThroughAzAPI(ctx, r) {
			return scanner.Passed()
		}
		if maybe != nil {
			return scanner.Unknowable(maybe.Attr("source_vm_id").Range, "%s protects a machine only known after apply, which may be this one", maybe.Address)
		}
		return scanner.Failed(r.Range, "no azurerm_backup_protected_vm or azapi protected item protects the machine: it has no restorable backup")
	},
}

// protectedItemType is the ARM type of an Azure Backup protected item,
// which modules written with azapi create instead of
// azurerm_backup_protected_vm.
const protectedItemType = "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems@"

// azapiWriters are the azapi resources that create or update an ARM
// resource from a body: AVM modules create protected items with a PUT
// action and manage them with an update resource.
var azapiWriters = []string{"azapi_resource", "azapi_update_resource", "azapi_resource_action"}

// protectedThroughAzAPI reports whether an azapi resource of the protected
// item type has a body that refers to the machine (its
// properties.sourceResourceId).
func protectedThroughAzAPI(ctx *scanner.Context, vm *scanner.Resource) bool {
	for _, writer := range azapiWriters {
		found, _ := ctx.Index.Referrers(vm, writer, []string{"body"}, "id")
		for _, item := range found {
			if typ, ok := item.Attr("type").AsString(); ok && strings.HasPrefix(strings.ToLower(typ), strings.ToLower(protectedItemType)) {
				return true
			}
		}
	}
	return false
}

var vmBackupPolicyRetention = &scanner.Rule{
	ID:    "azure-backup-policy-vm-retention",
	Title: "Virtual machine backup policies keep daily recovery points long enough",
	Description: "The daily retention of a VM backup policy bounds how far back a machine can be restored; corruption " +
		"or ransomware noticed after it has expired cannot be undone. A1.2 expects backups retained to meet recovery " +
		"objectives. retention_daily.count must reach min_daily_retention (30 days by default).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.5", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"azurerm_backup_policy_vm"},
	Params: []scanner.Param{{
		Name:        "min_daily_retention",
		Description: "Minimum number of daily recovery points a VM backup policy keeps.",
		Default:     30,
	}},
	Remediation: "Raise retention_daily.count (and add weekly/monthly retention for longer history).",
	RemediationCode: `resource "azurerm_backup_policy_vm" "daily" {
  # ...
  retention_daily {
    count = 30
  }
}`,
	Links: []string{
		azurermDocs + "backup_policy_vm#retention_daily",
		"https://learn.microsoft.com/en-us/azure/backup/backup-azure-vms-first-look-arm",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_backup_policy_vm" "month" {
  name                = "daily"
  resource_group_name = "rg"
  recovery_vault_name = "acme-rsv"
  backup {
    frequency = "Daily"
    time      = "23:00"
  }
  retention_daily {
    count = 30
  }
}

# A weekly policy keeps no daily recovery points: nothing to count.
resource "azurerm_backup_policy_vm" "weekly" {
  name                = "weekly"
  resource_group_name = "rg"
  recovery_vault_name = "acme-rsv"
  backup {
    frequency = "Weekly"
    time      = "23:00"
    weekdays  = ["Sunday"]
  }
  retention_weekly {
    count    = 12
    weekdays = ["Sunday"]
  }
}`, NotApplicable: []string{"azurerm_backup_policy_vm.weekly"}}},
	Bad: []scanner.Example{{Code: `
variable "days" {
  type = number
}

resource "azurerm_backup_policy_vm" "week" {
  name                = "daily"
  resource_group_name = "rg"
  recovery_vault_name = "acme-rsv"
  retention_daily {
    count = 7
  }
}

resource "azurerm_backup_policy_vm" "unknown" {
  name                = "daily2"
  resource_group_name = "rg"
  recovery_vault_name = "acme-rsv"
  retention_daily {
    count = var.days
  }
}`,
		Fails:    []string{"azurerm_backup_policy_vm.week"},
		Unknowns: []string{"azurerm_backup_policy_vm.unknown"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		minimum := ctx.Int("min_daily_retention")
		if r.BlocksUnknown("retention_daily") {
			return scanner.Unknowable(r.Range, "retention_daily is not known until apply")
		}
		if r.FirstBlock("retention_daily") == nil {
			return scanner.DoesNotApply("the policy keeps no daily recovery points: its weekly, monthly or yearly retention is not what this rule counts")
		}
		v := r.Get("retention_daily", "count")
		got, enough := v.IntAtLeast(0, minimum)
		switch enough {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "retention_daily.count is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "daily recovery points are kept for %d days, fewer than the required %d", got, minimum)
	},
}

var backupVaultImmutable = &scanner.Rule{
	ID:    "azure-backup-vault-immutable",
	Title: "Recovery Services and Backup vaults are immutable",
	Description: "Soft delete keeps deleted recovery points for a while, but an attacker with the vault's permissions " +
		"can still shorten retention or stop protection and delete data. An immutable vault refuses operations that " +
		"would lose recovery points before their retention ends; locked, the setting itself cannot be undone. A1.2 " +
		"and CC7.5 expect backups protected so that recovery remains possible after an incident. immutability is " +
		"Disabled by default.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.5"}},
	Family:        scanner.FamilyDeletionProtection,
	ResourceTypes: []string{recoveryVaultType, dataProtectionVault},
	Remediation:   "Set immutability = \"Unlocked\" and, once verified, \"Locked\".",
	RemediationCode: `resource "azurerm_recovery_services_vault" "main" {
  # ...
  immutability = "Locked"
}`,
	Links: []string{
		recoveryVaultDocs + "#immutability",
		"https://learn.microsoft.com/en-us/azure/backup/backup-azure-immutable-vault-concept",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_recovery_services_vault" "locked" {
  name         = "acme-rsv"
  sku          = "Standard"
  immutability = "Locked"
}`}},
	Bad: []scanner.Example{{Code: `
variable "immutability" {
  type = string
}

resource "azurerm_recovery_services_vault" "default" {
  name = "acme-rsv"
  sku  = "Standard"
}

resource "azurerm_data_protection_backup_vault" "unknown" {
  name           = "acme-bv"
  datastore_type = "VaultStore"
  redundancy     = "GeoRedundant"
  immutability   = var.immutability
}`,
		Fails:    []string{"azurerm_recovery_services_vault.default"},
		Unknowns: []string{"azurerm_data_protection_backup_vault.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("immutability")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "immutability is not known until apply")
		case v.OneOf("Locked", "Unlocked"):
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "immutability is %s: recovery points can be deleted before their retention ends", v.StringOr("Disabled (the default)"))
	},
}

var mssqlFailoverGroup = &scanner.Rule{
	ID:    "azure-mssql-server-geo-replica",
	Title: "Azure SQL servers have a failover group in another region",
	Description: "Geo-redundant backups restore a database in another region in hours, losing up to an hour of data. " +
		"A failover group keeps a readable secondary server in another region (ideally the paired one) continuously " +
		"replicated, so the databases can fail over in minutes. A1.2 expects recovery infrastructure that survives " +
		"the loss of a site. The rule passes a server that an azurerm_mssql_failover_group names as its primary or " +
		"partner. Low severity: not every workload needs this recovery time.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1", "CC9.1"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"azurerm_mssql_server"},
	Remediation:   "Create a secondary azurerm_mssql_server in the paired region and an azurerm_mssql_failover_group with the databases.",
	RemediationCode: `resource "azurerm_mssql_failover_group" "main" {
  name      = "acme-fog"
  server_id = azurerm_mssql_server.primary.id
  databases = [azurerm_mssql_database.app.id]
  partner_server {
    id = azurerm_mssql_server.secondary.id
  }
  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = 60
  }
}`,
	Links: []string{
		azurermDocs + "mssql_failover_group",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/failover-group-sql-db",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "primary" {
  name     = "acme-sql"
  location = "westeurope"
}

resource "azurerm_mssql_server" "secondary" {
  name     = "acme-sql-dr"
  location = "northeurope"
}

resource "azurerm_mssql_failover_group" "main" {
  name      = "acme-fog"
  server_id = azurerm_mssql_server.primary.id
  partner_server {
    id = azurerm_mssql_server.secondary.id
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "alone" {
  name     = "acme-sql"
  location = "westeurope"
}`, Fails: []string{"azurerm_mssql_server.alone"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if len(referrersOf(ctx, r, "azurerm_mssql_failover_group", "server_id")) > 0 ||
			len(referrersOf(ctx, r, "azurerm_mssql_failover_group", "partner_server", "id")) > 0 {
			return scanner.Passed()
		}
		for _, attr := range [][]string{{"server_id"}, {"partner_server", "id"}} {
			if res, decided := undecidedLink(ctx, r, "azurerm_mssql_failover_group", attr...); decided {
				return res
			}
		}
		return scanner.Failed(r.Range, "no failover group replicates the server to another region")
	},
}

var servicePlanZoneRedundant = &scanner.Rule{
	ID:    "azure-appservice-plan-zone-redundant",
	Title: "App Service plans spread instances across availability zones",
	Description: "Without zone balancing, all instances of a plan may run in one availability zone, so a zone failure " +
		"stops every app on it. A1.1 and A1.2 expect capacity that tolerates component failures. " +
		"zone_balancing_enabled defaults to false (Premium v2/v3 and Isolated v2 plans with at least 2 instances).",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1"}},
	Family:        scanner.FamilyHighAvailability,
	ResourceTypes: []string{"azurerm_service_plan"},
	Remediation:   "Set zone_balancing_enabled = true with worker_count of at least 2 (at creation).",
	RemediationCode: `resource "azurerm_service_plan" "main" {
  # ...
  sku_name               = "P1v3"
  worker_count           = 3
  zone_balancing_enabled = true
}`,
	Links: []string{
		azurermDocs + "service_plan#zone_balancing_enabled",
		"https://learn.microsoft.com/en-us/azure/reliability/reliability-app-service",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_service_plan" "zones" {
  name                   = "acme"
  os_type                = "Linux"
  sku_name               = "P1v3"
  worker_count           = 3
  zone_balancing_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "zones" {
  type = bool
}

resource "azurerm_service_plan" "default" {
  name     = "acme"
  os_type  = "Linux"
  sku_name = "P1v3"
}

resource "azurerm_service_plan" "unknown" {
  name                   = "acme2"
  os_type                = "Linux"
  sku_name               = "P1v3"
  zone_balancing_enabled = var.zones
}`,
		Fails:    []string{"azurerm_service_plan.default"},
		Unknowns: []string{"azurerm_service_plan.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("zone_balancing_enabled"), false, true, "every instance may run in one availability zone")
	},
}
