package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var diskCustomerManagedKey = &scanner.Rule{
	ID:    "azure-compute-disk-cmk",
	Title: "Managed disks are encrypted with a customer-managed key",
	Description: "Azure always encrypts managed disks at rest with platform-managed keys, so a disk without a customer-" +
		"managed key is not unencrypted. A disk encryption set backed by a Key Vault key adds control the auditor can " +
		"see: you can rotate, audit use of and revoke the key, and crypto-shred the data. CC6.1 lists key protection among " +
		"logical access controls. This low-severity rule flags managed disks and virtual machine OS disks that use only " +
		"platform-managed keys; Azure Disk Encryption (encryption_settings) also counts as customer-controlled.",
	Severity: scanner.Low,
	Criteria: scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:   scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{
		"azurerm_managed_disk",
		"azurerm_linux_virtual_machine",
		"azurerm_windows_virtual_machine",
		"azurerm_linux_virtual_machine_scale_set",
		"azurerm_windows_virtual_machine_scale_set",
	},
	Remediation: "Create an azurerm_disk_encryption_set with a Key Vault key and set disk_encryption_set_id on the disk (os_disk.disk_encryption_set_id on virtual machines).",
	RemediationCode: `resource "azurerm_managed_disk" "data" {
  # ...
  disk_encryption_set_id = azurerm_disk_encryption_set.main.id
}

resource "azurerm_linux_virtual_machine" "app" {
  # ...
  os_disk {
    caching                = "ReadWrite"
    storage_account_type   = "Premium_LRS"
    disk_encryption_set_id = azurerm_disk_encryption_set.main.id
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/managed_disk#disk_encryption_set_id",
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/disk_encryption_set",
		"https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_93"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_disk_encryption_set" "main" {
  name                = "acme-des"
  resource_group_name = "rg"
  location            = "West Europe"
  key_vault_key_id    = "https://acme-kv.vault.azure.net/keys/disks/0123"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_managed_disk" "data" {
  name                   = "data"
  location               = "West Europe"
  resource_group_name    = "rg"
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 64
  disk_encryption_set_id = azurerm_disk_encryption_set.main.id
}

resource "azurerm_linux_virtual_machine" "app" {
  name                  = "app"
  resource_group_name   = "rg"
  location              = "West Europe"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app"]

  os_disk {
    caching                = "ReadWrite"
    storage_account_type   = "Premium_LRS"
    disk_encryption_set_id = azurerm_disk_encryption_set.main.id
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_managed_disk" "data" {
  name                 = "data"
  location             = "West Europe"
  resource_group_name  = "rg"
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = 64
}

resource "azurerm_windows_virtual_machine" "app" {
  name                  = "app"
  resource_group_name   = "rg"
  location              = "West Europe"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  admin_password        = "not-a-real-password-1!"
  network_interface_ids = ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app"]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}`, Fails: []string{"azurerm_managed_disk.data", "azurerm_windows_virtual_machine.app"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		disk := r.Block
		where := "the disk"
		if r.Type != "azurerm_managed_disk" {
			if r.BlocksUnknown("os_disk") {
				return scanner.Unknowable(r.Range, "os_disk is not known until apply")
			}
			disk = r.FirstBlock("os_disk")
			where = "the OS disk"
			if disk == nil {
				return scanner.Unknowable(r.Range, "the virtual machine has no os_disk block to inspect")
			}
		}
		for _, name := range []string{"disk_encryption_set_id", "secure_vm_disk_encryption_set_id"} {
			if disk.Attr(name).IsSet() {
				return scanner.Passed()
			}
		}
		if disk.FirstBlock("encryption_settings") != nil {
			return scanner.Passed()
		}
		rng := disk.Range
		if disk == r.Block {
			rng = r.Range
		}
		return scanner.Failed(rng, "%s is encrypted only with a platform-managed key: no disk_encryption_set_id names a customer-managed key", where)
	},
}
