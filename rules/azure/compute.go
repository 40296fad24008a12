package azure

import (
	"encoding/json"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// The legacy virtual machine resources, superseded by the Linux and
// Windows ones in azurerm 2.x but still common.
const (
	legacyVM   = "azurerm_virtual_machine"
	legacyVMSS = "azurerm_virtual_machine_scale_set"
)

var diskCustomerManagedKey = &scanner.Rule{
	ID:    "azure-compute-disk-cmk",
	Title: "Managed disks are encrypted with a customer-managed key",
	Description: "Azure always encrypts managed disks at rest with platform-managed keys, so a disk without a customer-" +
		"managed key is not unencrypted. A disk encryption set backed by a Key Vault key adds control the auditor can " +
		"see: you can rotate, audit use of and revoke the key, and crypto-shred the data. CC6.1 lists key protection among " +
		"logical access controls. This low-severity rule flags managed disks and virtual machine OS disks that use only " +
		"platform-managed keys. Azure Disk Encryption also counts as customer-controlled, whether written as a disk's " +
		"encryption_settings or as the AzureDiskEncryption VM extension whose settings name a Key Vault (KeyVaultURL or " +
		"KeyEncryptionKeyURL) and enable encryption: the extension keeps the disk keys in the customer's vault. Settings " +
		"written as a template are judged by the part known before apply. Legacy azurerm_virtual_machine " +
		"and azurerm_virtual_machine_scale_set have no disk encryption set argument, so they pass only through Azure Disk " +
		"Encryption or an attached managed disk that has one. A disk snapshot (azurerm_snapshot) has no disk encryption " +
		"set argument: it keeps its source disk's encryption, so it passes with encryption_settings or when its source " +
		"(source_uri or source_resource_id) is a disk or snapshot in the configuration that passes, fails when that " +
		"source uses only platform-managed keys, and is unknown when the source is outside the configuration. A " +
		"virtual machine that attaches an existing disk as its OS disk (os_managed_disk_id) is not judged by its os_disk " +
		"block: a disk of the configuration is judged on its own, and one outside it leaves the machine unknown.",
	Severity: scanner.Low,
	Criteria: scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:   scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{
		"azurerm_managed_disk",
		"azurerm_snapshot",
		"azurerm_linux_virtual_machine",
		"azurerm_windows_virtual_machine",
		"azurerm_linux_virtual_machine_scale_set",
		"azurerm_windows_virtual_machine_scale_set",
		legacyVM,
		legacyVMSS,
	},
	Remediation: "Create an azurerm_disk_encryption_set with a Key Vault key and set disk_encryption_set_id on the disk (os_disk.disk_encryption_set_id on virtual machines), or enable Azure Disk Encryption with a Key Vault through the VM extension.",
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
}

resource "azurerm_snapshot" "data" {
  name                = "data-snap"
  location            = "West Europe"
  resource_group_name = "rg"
  create_option       = "Copy"
  source_uri          = azurerm_managed_disk.data.id
}

resource "azurerm_snapshot" "copy" {
  name                = "data-snap-copy"
  location            = "West Europe"
  resource_group_name = "rg"
  create_option       = "Copy"
  source_resource_id  = azurerm_snapshot.data.id
}

resource "azurerm_managed_disk" "os" {
  name                   = "specialized-os"
  location               = "West Europe"
  resource_group_name    = "rg"
  storage_account_type   = "Premium_LRS"
  create_option          = "Copy"
  source_resource_id     = azurerm_snapshot.data.id
  disk_encryption_set_id = azurerm_disk_encryption_set.main.id
}

resource "azurerm_linux_virtual_machine" "specialized" {
  name                  = "specialized"
  resource_group_name   = "rg"
  location              = "West Europe"
  size                  = "Standard_D2s_v5"
  network_interface_ids = ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/specialized"]
  os_managed_disk_id    = azurerm_managed_disk.os.id

  os_disk {
    caching = "ReadWrite"
  }
}`, NotApplicable: []string{"azurerm_linux_virtual_machine.specialized"}}, {Code: `
resource "azurerm_windows_virtual_machine" "ade" {
  name           = "app"
  admin_username = "azureuser"
  admin_password = "not-a-real-password-1!"

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

resource "azurerm_virtual_machine_extension" "ade" {
  name                 = "AzureDiskEncryption"
  virtual_machine_id   = azurerm_windows_virtual_machine.ade.id
  publisher            = "Microsoft.Azure.Security"
  type                 = "AzureDiskEncryption"
  type_handler_version = "2.2"
  settings = jsonencode({
    EncryptionOperation = "EnableEncryption"
    KeyVaultURL         = "https://acme-kv.vault.azure.net/"
    KeyVaultResourceId  = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv"
    VolumeType          = "All"
  })
}

resource "azurerm_virtual_machine" "legacy" {
  name                  = "legacy"
  network_interface_ids = []
  vm_size               = "Standard_D2s_v5"

  storage_os_disk {
    name          = "os"
    create_option = "FromImage"
  }
}

resource "azurerm_virtual_machine_extension" "legacy_ade" {
  name                 = "AzureDiskEncryptionForLinux"
  virtual_machine_id   = azurerm_virtual_machine.legacy.id
  publisher            = "Microsoft.Azure.Security"
  type                 = "AzureDiskEncryptionForLinux"
  type_handler_version = "1.1"
  settings             = <<SETTINGS
    {
      "EncryptionOperation": "EnableEncryption",
      "KeyVaultURL": "https://acme-kv.vault.azure.net/",
      "KeyEncryptionKeyURL": "https://acme-kv.vault.azure.net/keys/kek/0123",
      "VolumeType": "All"
    }
  SETTINGS
}

variable "vault_uri" {
  type = string
}

resource "azurerm_linux_virtual_machine" "templated" {
  name           = "templated"
  admin_username = "azureuser"

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

resource "azurerm_virtual_machine_extension" "templated" {
  name                 = "ade"
  virtual_machine_id   = azurerm_linux_virtual_machine.templated.id
  publisher            = "Microsoft.Azure.Security"
  type                 = "AzureDiskEncryptionForLinux"
  type_handler_version = "1.1"
  settings             = "{\"EncryptionOperation\": \"EnableEncryption\", \"KeyVaultURL\": \"${var.vault_uri}\"}"
}

resource "azurerm_linux_virtual_machine_scale_set" "inline" {
  name           = "pool"
  admin_username = "azureuser"

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  extension {
    name                 = "ade"
    publisher            = "Microsoft.Azure.Security"
    type                 = "AzureDiskEncryptionForLinux"
    type_handler_version = "1.1"
    settings             = jsonencode({ KeyVaultURL = "https://acme-kv.vault.azure.net/" })
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

variable "disk_encryption_set_id" {
  type = string
}

resource "azurerm_managed_disk" "maybe" {
  name                   = "maybe"
  location               = "West Europe"
  resource_group_name    = "rg"
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 64
  disk_encryption_set_id = var.disk_encryption_set_id
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
}

resource "azurerm_snapshot" "data" {
  name                = "data-snap"
  location            = "West Europe"
  resource_group_name = "rg"
  create_option       = "Copy"
  source_uri          = azurerm_managed_disk.data.id
}

resource "azurerm_snapshot" "external" {
  name                = "imported-snap"
  location            = "West Europe"
  resource_group_name = "rg"
  create_option       = "Copy"
  source_uri          = "/subscriptions/0000/resourceGroups/other/providers/Microsoft.Compute/disks/legacy"
}

resource "azurerm_linux_virtual_machine" "external_os" {
  name                  = "migrated"
  resource_group_name   = "rg"
  location              = "West Europe"
  size                  = "Standard_D2s_v5"
  network_interface_ids = ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/migrated"]
  os_managed_disk_id    = "/subscriptions/0000/resourceGroups/other/providers/Microsoft.Compute/disks/migrated-os"

  os_disk {
    caching = "ReadWrite"
  }
}`,
		Fails:    []string{"azurerm_managed_disk.data", "azurerm_windows_virtual_machine.app", "azurerm_snapshot.data"},
		Unknowns: []string{"azurerm_snapshot.external", "azurerm_linux_virtual_machine.external_os", "azurerm_managed_disk.maybe"},
		Expect: map[string]scanner.Expected{
			"azurerm_snapshot.data": {Message: "copies azurerm_managed_disk.data, which is encrypted only with a platform-managed key"},
		},
	}, {Code: `
variable "ade_settings" {
  type = string
}

resource "azurerm_linux_virtual_machine" "disabled" {
  name           = "disabled"
  admin_username = "azureuser"

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

resource "azurerm_virtual_machine_extension" "disable" {
  name                 = "ade"
  virtual_machine_id   = azurerm_linux_virtual_machine.disabled.id
  publisher            = "Microsoft.Azure.Security"
  type                 = "AzureDiskEncryptionForLinux"
  type_handler_version = "1.1"
  settings             = jsonencode({ EncryptionOperation = "DisableEncryption", KeyVaultURL = "https://acme-kv.vault.azure.net/" })
}

resource "azurerm_linux_virtual_machine" "unknown" {
  name           = "unknown"
  admin_username = "azureuser"

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

resource "azurerm_virtual_machine_extension" "unknown" {
  name                 = "ade"
  virtual_machine_id   = azurerm_linux_virtual_machine.unknown.id
  publisher            = "Microsoft.Azure.Security"
  type                 = "AzureDiskEncryptionForLinux"
  type_handler_version = "1.1"
  settings             = var.ade_settings
}

resource "azurerm_virtual_machine_scale_set" "legacy" {
  name = "legacy"

  storage_profile_os_disk {
    create_option     = "FromImage"
    managed_disk_type = "Premium_LRS"
  }
}`,
		Fails:    []string{"azurerm_linux_virtual_machine.disabled", "azurerm_virtual_machine_scale_set.legacy"},
		Unknowns: []string{"azurerm_linux_virtual_machine.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_linux_virtual_machine.unknown": {Line: 41, Message: "its settings argument is only known after apply"},
		},
	}, {Code: `
resource "azurerm_disk_encryption_set" "main" {
  name                = "des"
  location            = "West Europe"
  resource_group_name = "rg"
  key_vault_key_id    = "https://acme-kv.vault.azure.net/keys/des/0123"
}

resource "azurerm_managed_disk" "os" {
  name                   = "specialized-os"
  location               = "West Europe"
  resource_group_name    = "rg"
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 64
  disk_encryption_set_id = azurerm_disk_encryption_set.main.id
}

variable "settings" {
  type = any
}

# The encrypted disk is attached only when the caller's settings say so;
# otherwise the machine gets a new OS disk with a platform-managed key.
resource "azurerm_linux_virtual_machine" "maybe_attached" {
  name                  = "maybe-attached"
  resource_group_name   = "rg"
  location              = "West Europe"
  size                  = "Standard_D2s_v5"
  network_interface_ids = ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/maybe"]
  os_managed_disk_id    = try(var.settings.attach ? azurerm_managed_disk.os.id : null, null)

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

variable "attach" {
  type = bool
}

resource "azurerm_virtual_machine" "maybe_attached" {
  name                  = "maybe-attached"
  network_interface_ids = []
  vm_size               = "Standard_D2s_v5"

  storage_os_disk {
    name            = "os"
    create_option   = "Attach"
    managed_disk_id = var.attach ? azurerm_managed_disk.os.id : null
  }
}

resource "azurerm_virtual_machine" "plain" {
  name                  = "plain"
  network_interface_ids = []
  vm_size               = "Standard_D2s_v5"

  storage_os_disk {
    name          = "os"
    create_option = "FromImage"
  }
}`,
		Fails:    []string{"azurerm_virtual_machine.plain"},
		Unknowns: []string{"azurerm_linux_virtual_machine.maybe_attached", "azurerm_virtual_machine.maybe_attached"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		switch r.Type {
		case legacyVM, legacyVMSS:
			return legacyDiskEncryption(r, ctx)
		case "azurerm_snapshot":
			return snapshotEncryption(r, ctx, 0)
		}
		disk := r.Block
		where := "the disk"
		if r.Type != "azurerm_managed_disk" {
			if res, attached := attachedOSDisk(r, ctx); attached {
				return res
			}
			if r.BlocksUnknown("os_disk") {
				return scanner.Unknowable(r.Range, "os_disk is not known until apply")
			}
			disk = r.FirstBlock("os_disk")
			where = "the OS disk"
			if disk == nil {
				return scanner.Unknowable(r.Range, "the virtual machine has no os_disk block to inspect")
			}
		}
		settings, dynamic := disk.Follow("encryption_settings")
		if settings != nil {
			return scanner.Passed()
		}
		switch names, v := namesDiskEncryptionSet(disk); names {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.UnknownName(v)
		}
		if dynamic != "" {
			return scanner.Unknowable(disk.Range, "encryption_settings is a dynamic block over a collection only known after apply")
		}
		rng := disk.Range
		if disk == r.Block {
			rng = r.Range
		} else if res, decided := adeDecides(r, ctx); decided {
			return res
		}
		return scanner.Failed(rng, "%s is encrypted only with a platform-managed key: no disk_encryption_set_id names a customer-managed key", where)
	},
}

// attachedOSDisk decides a virtual machine whose OS disk is an existing
// managed disk attached by os_managed_disk_id: that disk keeps its own
// encryption, so the machine's os_disk block says nothing about it. A disk
// of the configuration is judged on its own; one outside it, or an id that
// may still turn out null, leaves the machine unknown. attached is false
// when os_managed_disk_id is not set, or when os_disk names a disk
// encryption set anyway (then the usual check passes).
func attachedOSDisk(r *scanner.Resource, ctx *scanner.Context) (res scanner.Result, attached bool) {
	id := r.Attr("os_managed_disk_id")
	if id.IsNull() {
		return scanner.Result{}, false
	}
	if os := r.FirstBlock("os_disk"); os != nil && hasDiskEncryptionSet(os) {
		return scanner.Result{}, false
	}
	if ctx != nil && ctx.Index != nil {
		for _, d := range ctx.Index.Resolve(id) {
			if d.Type == "azurerm_managed_disk" {
				return ruleutil.ThroughRef(id, scanner.DoesNotApply("the OS disk is %s, attached by os_managed_disk_id and judged on its own", d.Address)), true
			}
		}
	}
	if id.IsUnknown() && id.Val.Range().CouldBeNull() {
		return scanner.Unknowable(id.Range, "os_managed_disk_id is not known until apply: the OS disk may be an existing disk with its own encryption"), true
	}
	return scanner.Unknowable(id.Range, "the OS disk is an existing managed disk outside this configuration (os_managed_disk_id): its encryption is set on that disk"), true
}

// snapshotEncryption decides a snapshot, which keeps the encryption of the
// disk or snapshot it copies unless encryption_settings (Azure Disk
// Encryption) is written on it. depth bounds a chain of snapshots.
func snapshotEncryption(r *scanner.Resource, ctx *scanner.Context, depth int) scanner.Result {
	if r.BlocksUnknown("encryption_settings") {
		return scanner.Unknowable(r.Range, "encryption_settings is not known until apply")
	}
	if r.FirstBlock("encryption_settings") != nil {
		return scanner.Passed()
	}
	var sources []*scanner.Resource
	if ctx != nil && ctx.Index != nil {
		for _, name := range []string{"source_uri", "source_resource_id"} {
			sources = append(sources, ctx.Index.Resolve(r.Attr(name))...)
		}
	}
	for _, src := range sources {
		switch {
		case src.Type == "azurerm_managed_disk" && (hasDiskEncryptionSet(src.Block) || src.FirstBlock("encryption_settings") != nil):
			return scanner.Passed()
		case src.Type == "azurerm_snapshot" && depth < 4:
			if res := snapshotEncryption(src, ctx, depth+1); res.Status == scanner.Pass {
				return scanner.Passed()
			}
		}
	}
	for _, src := range sources {
		if src.Type == "azurerm_managed_disk" || src.Type == "azurerm_snapshot" {
			return scanner.Failed(r.Range, "the snapshot copies %s, which is encrypted only with a platform-managed key, and sets no encryption_settings", src.Address)
		}
	}
	return scanner.Unknowable(r.Range, "the snapshot keeps the encryption of its source, which is not a disk in this configuration")
}

// namesDiskEncryptionSet is Yes when disk names a disk encryption set,
// Maybe when the only one it sets is only known after apply and names
// nothing known (an input variable with no default, which may be null;
// that value is returned), No otherwise.
func namesDiskEncryptionSet(disk *scanner.Block) (scanner.Tri, scanner.Value) {
	out, maybe := scanner.No, scanner.Value{}
	for _, name := range []string{"disk_encryption_set_id", "secure_vm_disk_encryption_set_id"} {
		v := disk.Attr(name)
		switch {
		case !v.IsSet():
		case v.Names() == scanner.Maybe:
			if out == scanner.No {
				out, maybe = scanner.Maybe, v
			}
		default:
			return scanner.Yes, v
		}
	}
	return out, maybe
}

func hasDiskEncryptionSet(disk *scanner.Block) bool {
	for _, name := range []string{"disk_encryption_set_id", "secure_vm_disk_encryption_set_id"} {
		if disk.Attr(name).IsSet() {
			return true
		}
	}
	return false
}

// legacyDiskEncryption decides the legacy azurerm_virtual_machine and
// azurerm_virtual_machine_scale_set, which cannot name a disk encryption
// set: an attached managed disk may carry one, or Azure Disk Encryption
// may encrypt the disks with a Key Vault key.
func legacyDiskEncryption(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	if res, decided := adeDecides(r, ctx); decided {
		return res
	}
	if os := r.FirstBlock("storage_os_disk"); os != nil && ctx != nil && ctx.Index != nil {
		id := os.Attr("managed_disk_id")
		for _, d := range ctx.Index.Resolve(id) {
			if d.Type == "azurerm_managed_disk" && hasDiskEncryptionSet(d.Block) {
				return ruleutil.ThroughRef(id, scanner.Passed())
			}
		}
	}
	return scanner.Failed(r.Range, "the disks are encrypted only with a platform-managed key: no Azure Disk Encryption extension and no disk encryption set protect them")
}

// adeDecides looks for Azure Disk Encryption on a virtual machine or scale
// set: an azurerm_virtual_machine_extension or _scale_set_extension that
// refers to it, or an inline extension block. decided is false when no
// such extension is written, so the caller's verdict stands.
func adeDecides(r *scanner.Resource, ctx *scanner.Context) (scanner.Result, bool) {
	exts := r.Blocks("extension")
	for _, e := range referrersOf(ctx, r, "azurerm_virtual_machine_extension", "virtual_machine_id") {
		exts = append(exts, e.Block)
	}
	for _, e := range referrersOf(ctx, r, "azurerm_virtual_machine_scale_set_extension", "virtual_machine_scale_set_id") {
		exts = append(exts, e.Block)
	}
	exts = append(exts, azapiExtensions(ctx, r)...)
	var unknown *scanner.Value
	for _, e := range exts {
		ade, deciding := isKeyVaultADE(e)
		switch ade {
		case scanner.Yes:
			return scanner.Passed(), true
		case scanner.Maybe:
			if unknown == nil {
				unknown = &deciding
			}
		}
	}
	if unknown != nil {
		return scanner.Unknowable(unknown.Range, "an extension that may be Azure Disk Encryption with a Key Vault key: its %s argument is only known after apply", unknown.Name), true
	}
	return scanner.Result{}, false
}

// adeTypes are the extension types of Azure Disk Encryption, published by
// Microsoft.Azure.Security.
var adeTypes = []string{"AzureDiskEncryption", "AzureDiskEncryptionForLinux"}

// isKeyVaultADE answers whether an extension is Azure Disk Encryption
// enabling encryption with its keys in a Key Vault: its settings name the
// vault (KeyVaultURL) or a key encryption key (KeyEncryptionKeyURL), and
// do not ask to disable encryption.
// deciding is the argument that leaves the answer Maybe.
func isKeyVaultADE(ext *scanner.Block) (ade scanner.Tri, deciding scanner.Value) {
	for _, v := range []scanner.Value{ext.Attr("publisher"), ext.Attr("type")} {
		if v.IsUnknown() {
			return scanner.Maybe, v
		}
	}
	if !ext.Attr("publisher").Equals("Microsoft.Azure.Security") || !ext.Attr("type").OneOf(adeTypes...) {
		return scanner.No, scanner.Value{}
	}
	settings := ext.Attr("settings")
	switch {
	case settings.IsNull():
		return scanner.No, settings
	case !settings.Val.IsKnown():
		return adeFromPrefix(settings.KnownPrefix()), settings
	}
	keys, ok := settingsKeys(settings)
	if !ok {
		return scanner.No, settings
	}
	if op, has := keys["encryptionoperation"]; has && op.known && !strings.EqualFold(op.value, "EnableEncryption") {
		return scanner.No, settings
	}
	_, vault := keys["keyvaulturl"]
	_, kek := keys["keyencryptionkeyurl"]
	return scanner.TriOf(vault || kek, false), settings
}

var (
	adeOperation = lazyre.New(`(?i)"EncryptionOperation"\s*:\s*"([^"]*)"`)
	adeVaultKey  = lazyre.New(`(?i)"(KeyVaultURL|KeyEncryptionKeyURL)"\s*:`)
)

// adeFromPrefix decides JSON settings written as a template whose values
// are only known after apply ("KeyVaultURL": "${data.azurerm_key_vault.x.vault_uri}")
// from the text before the first unknown part: Yes when it already names
// the vault and asks to enable encryption, No when it asks for another
// operation, Maybe otherwise.
func adeFromPrefix(prefix string) scanner.Tri {
	op := adeOperation().FindStringSubmatch(prefix)
	switch {
	case op != nil && !strings.EqualFold(op[1], "EnableEncryption"):
		return scanner.No
	case op != nil && adeVaultKey().MatchString(prefix):
		return scanner.Yes
	}
	return scanner.Maybe
}

type settingValue struct {
	value string
	known bool
}

// settingsKeys reads an extension's settings, a JSON string or an object
// (jsonencode's argument when part of it is unknown), into its top-level
// keys, lowercased as the extension reads them.
func settingsKeys(v scanner.Value) (map[string]settingValue, bool) {
	out := map[string]settingValue{}
	if s, ok := v.AsString(); ok && v.Val.Type() == cty.String {
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return nil, false
		}
		for k, e := range m {
			str, _ := e.(string)
			out[strings.ToLower(k)] = settingValue{value: str, known: true}
		}
		return out, true
	}
	t := v.Val.Type()
	if !t.IsObjectType() && !t.IsMapType() {
		return nil, false
	}
	for it := v.Val.ElementIterator(); it.Next(); {
		k, e := it.Element()
		sv := settingValue{known: e.IsKnown()}
		if sv.known && !e.IsNull() && e.Type() == cty.String {
			sv.value = e.AsString()
		}
		out[strings.ToLower(k.AsString())] = sv
	}
	return out, true
}
