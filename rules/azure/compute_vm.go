package azure

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

var vmPasswordAuthDisabled = &scanner.Rule{
	ID:    "azure-compute-vm-password-auth-disabled",
	Title: "Linux virtual machines and scale sets accept SSH keys only",
	Description: "A Linux machine that accepts passwords over SSH can be brute-forced and its password reused or " +
		"phished; SSH keys cannot be guessed. CC6.1 expects strong authentication to infrastructure. " +
		"azurerm_linux_virtual_machine and its scale set default disable_password_authentication to true, so only an " +
		"explicit false fails; the legacy azurerm_virtual_machine requires the argument in os_profile_linux_config, and " +
		"the legacy azurerm_virtual_machine_scale_set defaults it to false. Windows machines, which always sign in with " +
		"a password, pass.",
	Severity: scanner.High,
	Criteria: scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.6"}},
	Family:   scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{
		"azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set", legacyVM, legacyVMSS,
	},
	Remediation: "Set disable_password_authentication = true and give the machine an admin_ssh_key (an ssh_keys block in os_profile_linux_config on the legacy resources).",
	RemediationCode: `resource "azurerm_linux_virtual_machine" "app" {
  # ...
  disable_password_authentication = true
  admin_ssh_key {
    username   = "azureuser"
    public_key = file("~/.ssh/id_ed25519.pub")
  }
}`,
	Links: []string{
		azurermDocs + "linux_virtual_machine#disable_password_authentication",
		azurermDocs + "virtual_machine#disable_password_authentication",
		"https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_1"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_49"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_149"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_virtual_machine" "keys" {
  name           = "app"
  admin_username = "azureuser"
}

resource "azurerm_virtual_machine" "legacy" {
  name = "legacy"
  os_profile_linux_config {
    disable_password_authentication = true
  }
}

resource "azurerm_virtual_machine" "windows" {
  name = "win"
  os_profile_windows_config {
    provision_vm_agent = true
  }
}`, NotApplicable: []string{"azurerm_virtual_machine.windows"}}},
	Bad: []scanner.Example{{Code: `
variable "passwords" {
  type = bool
}

resource "azurerm_linux_virtual_machine" "password" {
  name                            = "app"
  admin_username                  = "azureuser"
  admin_password                  = "not-a-real-password-1!"
  disable_password_authentication = false
}

resource "azurerm_virtual_machine_scale_set" "legacy" {
  name = "legacy"
  os_profile_linux_config {
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "unknown" {
  name                            = "pool"
  disable_password_authentication = var.passwords
}`,
		Fails:    []string{"azurerm_linux_virtual_machine.password", "azurerm_virtual_machine_scale_set.legacy"},
		Unknowns: []string{"azurerm_linux_virtual_machine_scale_set.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_linux_virtual_machine.password":   {Line: 10, Message: "is false"},
			"azurerm_virtual_machine_scale_set.legacy": {Line: 15, Message: "defaults to false"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		res := checkVMPasswordAuth(r)
		if res.Status.IsProblem() {
			// The password is usually written beside the setting the
			// excerpt shows: name it for the engine to redact.
			res = res.WithSecrets(vmLiteralPasswords(r)...)
		}
		return res
	},
}

// vmLiteralPasswords are the literal admin passwords a virtual machine or
// scale set writes, as its own argument or in the legacy os_profile.
func vmLiteralPasswords(r *scanner.Resource) []scanner.Secret {
	values := []scanner.Value{r.Attr("admin_password")}
	for _, b := range r.Blocks("os_profile") {
		values = append(values, b.Attr("admin_password"))
	}
	var out []scanner.Secret
	for _, v := range values {
		if s, ok := v.AsString(); ok && strings.TrimSpace(s) != "" {
			out = append(out, scanner.Secret{Text: s, Range: v.Range})
		}
	}
	return out
}

// checkVMPasswordAuth is azure-compute-vm-password-auth-disabled's check,
// but for the passwords its result names.
func checkVMPasswordAuth(r *scanner.Resource) scanner.Result {
	const consequence = "SSH accepts passwords, which can be guessed or reused"
	switch r.Type {
	case legacyVM, legacyVMSS:
		if r.BlocksUnknown("os_profile_linux_config") {
			return scanner.Unknowable(r.Range, "os_profile_linux_config is not known until apply")
		}
		linux := r.FirstBlock("os_profile_linux_config")
		if linux == nil {
			return scanner.DoesNotApply("no os_profile_linux_config: not a Linux machine, so there is no SSH password setting")
		}
		return requireSwitch(linux.Attr("disable_password_authentication"), false, true, consequence)
	}
	return requireSwitch(r.Attr("disable_password_authentication"), true, true, consequence)
}

var vmEncryptionAtHost = &scanner.Rule{
	ID:    "azure-compute-vm-encryption-at-host",
	Title: "Virtual machines and scale sets encrypt temporary disks and caches at the host",
	Description: "Server-side encryption covers managed disks, but a virtual machine's temporary disk and the disk caches " +
		"on the host are encrypted only with encryption at host. Without it, data the operating system writes to the " +
		"temporary disk or that sits in the cache is stored in the clear on the host. CC6.1 and C1.1 expect confidential " +
		"data protected at rest wherever it is stored. encryption_at_host_enabled defaults to false.",
	Severity: scanner.Low,
	Criteria: scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:   scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{
		"azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine",
		"azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set",
	},
	Remediation: "Register the EncryptionAtHost feature on the subscription and set encryption_at_host_enabled = true.",
	RemediationCode: `resource "azurerm_linux_virtual_machine" "app" {
  # ...
  encryption_at_host_enabled = true
}`,
	Links: []string{
		azurermDocs + "linux_virtual_machine#encryption_at_host_enabled",
		"https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_97"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_virtual_machine" "app" {
  name                       = "app"
  encryption_at_host_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "host" {
  type = bool
}

resource "azurerm_windows_virtual_machine" "default" {
  name = "app"
}

resource "azurerm_linux_virtual_machine_scale_set" "unknown" {
  name                       = "pool"
  encryption_at_host_enabled = var.host
}`,
		Fails:    []string{"azurerm_windows_virtual_machine.default"},
		Unknowns: []string{"azurerm_linux_virtual_machine_scale_set.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("encryption_at_host_enabled"), false, true,
			"the temporary disk and disk caches are stored on the host unencrypted")
	},
}

var managedDiskNetworkAccess = &scanner.Rule{
	ID:    "azure-compute-disk-no-public-export",
	Title: "Managed disks and snapshots cannot be exported from any network",
	Description: "A managed disk's contents can be downloaded through a SAS URL. With public_network_access_enabled " +
		"left at true and network_access_policy at AllowAll (both defaults), anyone who obtains such a URL can copy the " +
		"whole disk from anywhere on the internet. CC6.1 and CC6.6 expect access to data stores restricted to known " +
		"networks. The rule passes a disk that disables public network access or whose network_access_policy is DenyAll " +
		"or AllowPrivate (export only through a disk access resource). Disk snapshots (azurerm_snapshot) hold a full copy " +
		"of the disk and take the same two arguments with the same defaults, so they are judged the same way.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "C1.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"azurerm_managed_disk", "azurerm_snapshot"},
	Remediation:   "Set public_network_access_enabled = false and network_access_policy = \"DenyAll\" (or \"AllowPrivate\" with a disk_access_id) on the disk or snapshot.",
	RemediationCode: `resource "azurerm_managed_disk" "data" {
  # ...
  public_network_access_enabled = false
  network_access_policy         = "DenyAll"
}`,
	Links: []string{
		azurermDocs + "managed_disk#network_access_policy",
		azurermDocs + "snapshot#network_access_policy",
		"https://learn.microsoft.com/en-us/azure/virtual-machines/disks-enable-private-links-for-import-export-portal",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_managed_disk" "private" {
  name                  = "data"
  network_access_policy = "DenyAll"
}

resource "azurerm_managed_disk" "no_public" {
  name                          = "data2"
  public_network_access_enabled = false
}

resource "azurerm_snapshot" "private" {
  name                  = "data-snap"
  resource_group_name   = "rg"
  location              = "West Europe"
  create_option         = "Copy"
  source_uri            = azurerm_managed_disk.private.id
  network_access_policy = "AllowPrivate"
  disk_access_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskAccesses/acme"
}`}},
	Bad: []scanner.Example{{Code: `
variable "policy" {
  type = string
}

resource "azurerm_managed_disk" "default" {
  name = "data"
}

resource "azurerm_managed_disk" "unknown" {
  name                  = "data2"
  network_access_policy = var.policy
}

resource "azurerm_snapshot" "open" {
  name                  = "data-snap"
  resource_group_name   = "rg"
  location              = "West Europe"
  create_option         = "Copy"
  source_uri            = azurerm_managed_disk.default.id
  network_access_policy = "AllowAll"
}`,
		Fails: []string{"azurerm_managed_disk.default", "azurerm_snapshot.open"},
		Expect: map[string]scanner.Expected{
			"azurerm_snapshot.open": {Line: 21, Message: "the snapshot can be exported from any network"},
		},
		Unknowns: []string{"azurerm_managed_disk.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		public := r.Attr("public_network_access_enabled")
		if public.BoolOr(true) == scanner.No {
			return scanner.Passed()
		}
		policy := r.Attr("network_access_policy")
		switch {
		case policy.OneOf("DenyAll", "AllowPrivate"):
			return scanner.Passed()
		case policy.IsUnknown():
			return scanner.Unknowable(policy.Range, "network_access_policy is not known until apply")
		case public.IsUnknown():
			return scanner.Unknowable(public.Range, "public_network_access_enabled is not known until apply")
		}
		what := "disk"
		if r.Type == "azurerm_snapshot" {
			what = "snapshot"
		}
		return scanner.Failed(policy.Range, "network_access_policy is %s and public network access is on: the %s can be exported from any network with a SAS URL",
			policy.StringOr("AllowAll (the default)"), what)
	},
}
