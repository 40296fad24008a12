package azure

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// armVirtualMachine maps a virtual machine onto azurerm's Linux or Windows
// one, as its body says (see machineOS). securityProfile.encryptionAtHost
// came with API version 2020-06-01, and so did the shape of the OS disk's
// managedDisk.diskEncryptionSet read here; managedDisk.securityProfile (the
// disk encryption set of a confidential machine) came with 2021-11-01 and
// is simply absent before.
var armVirtualMachine = &armType{
	name: "Microsoft.Compute/virtualMachines", azurerm: "azurerm_linux_virtual_machine",
	oldest: "2020-06-01", newest: "2025-04-01",
	variants: []string{"azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine"},
	fields:   machineFields([]string{"properties"}),
	os:       machineOS([]string{"properties"}, "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine"),
	adjust:   machineAdjust([]string{"properties"}),
}

// armVirtualMachineScaleSet maps a scale set, whose machines are
// described by properties.virtualMachineProfile, onto azurerm's Linux or
// Windows scale set.
var armVirtualMachineScaleSet = &armType{
	name: "Microsoft.Compute/virtualMachineScaleSets", azurerm: "azurerm_linux_virtual_machine_scale_set",
	oldest: "2020-06-01", newest: "2025-04-01",
	variants: []string{"azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set"},
	fields:   machineFields([]string{"properties", "virtualMachineProfile"}),
	os: machineOS([]string{"properties", "virtualMachineProfile"},
		"azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set"),
	adjust: machineAdjust([]string{"properties", "virtualMachineProfile"}),
}

// machineFields are the settings a machine and a scale set's machine
// profile share, below profile.
func machineFields(profile []string) []armField {
	at := func(path ...string) []string { return append(slices.Clone(profile), path...) }
	return []armField{
		{attr: []string{"encryption_at_host_enabled"}, body: at("securityProfile", "encryptionAtHost")},
		{attr: []string{"os_disk", "disk_encryption_set_id"}, body: at("storageProfile", "osDisk", "managedDisk", "diskEncryptionSet", "id")},
		{attr: []string{"os_disk", "secure_vm_disk_encryption_set_id"},
			body: at("storageProfile", "osDisk", "managedDisk", "securityProfile", "diskEncryptionSet", "id")},
		{attr: []string{"os_managed_disk_id"}, body: at("storageProfile", "osDisk", "managedDisk", "id")},
		{attr: []string{"disable_password_authentication"}, body: at("osProfile", "linuxConfiguration", "disablePasswordAuthentication")},
	}
}

// Image publishers whose images run only one operating system.
var (
	linuxPublishers   = []string{"canonical", "redhat", "suse", "debian", "openlogic", "almalinux", "kinvolk", "erockyenterprisesoftwarefoundationinc1653071250513"}
	windowsPublishers = []string{"microsoftwindowsserver", "microsoftwindowsdesktop"}
)

// machineOS reads which operating system a machine runs from its body:
// osProfile.linuxConfiguration or windowsConfiguration, else
// storageProfile.osDisk.osType, else the publisher of its marketplace
// image when that publishes only one kind.
func machineOS(profile []string, linux, windows string) func(scanner.Value) (string, bool) {
	return func(body scanner.Value) (string, bool) {
		p := bodyAt(body, profile...)
		switch {
		case p.Index("osProfile").Index("linuxConfiguration").IsSet():
			return linux, true
		case p.Index("osProfile").Index("windowsConfiguration").IsSet():
			return windows, true
		}
		osDisk := p.Index("storageProfile").Index("osDisk")
		if s, ok := osDisk.Index("osType").AsString(); ok {
			switch strings.ToLower(s) {
			case "linux":
				return linux, true
			case "windows":
				return windows, true
			}
		}
		if s, ok := p.Index("storageProfile").Index("imageReference").Index("publisher").AsString(); ok {
			switch {
			case slices.Contains(linuxPublishers, strings.ToLower(s)):
				return linux, true
			case slices.Contains(windowsPublishers, strings.ToLower(s)):
				return windows, true
			}
		}
		return "", false
	}
}

// machineAdjust completes a machine: ARM always gives it an OS disk, so
// the os_disk block exists even when the body writes nothing the fields
// read; and a Linux machine whose osProfile sets adminPassword without
// linuxConfiguration.disablePasswordAuthentication accepts that password
// (ARM leaves password authentication on), while one without a password
// has none to accept. A scale set's inline extensions become extension
// blocks, as azurerm writes them.
func machineAdjust(profile []string) func(*scanner.Block, scanner.Value, bool, map[string]string) {
	return func(blk *scanner.Block, body scanner.Value, patch bool, defaulted map[string]string) {
		if patch {
			return
		}
		p := bodyAt(body, profile...)
		if blk.FirstBlock("os_disk") == nil && !blk.BlocksUnknown("os_disk") {
			if d := p.Index("storageProfile").Index("osDisk"); d.IsUnknown() {
				blk.MarkBlocksUnknown("os_disk")
			} else {
				blk.AddBlock(scanner.NewBlock("os_disk", body.PartRange(append(slices.Clone(profile), "storageProfile", "osDisk")...)))
			}
		}
		if !blk.Attr("disable_password_authentication").Present {
			password := p.Index("osProfile").Index("adminPassword")
			if password.Present && !password.IsNull() {
				at := append(slices.Clone(profile), "osProfile", "adminPassword")
				blk.SetAttr("disable_password_authentication", scanner.Value{Val: cty.False, Range: body.PartRange(at...), Present: true})
				defaulted["disable_password_authentication"] = fmt.Sprintf("linuxConfiguration.disablePasswordAuthentication is not set "+
					"and %s is, so ARM lets the admin sign in with that password", strings.Join(at, "."))
			}
		}
		exts := p.Index("extensionProfile").Index("extensions")
		switch {
		case exts.IsUnknown():
			blk.MarkBlocksUnknown("extension")
		case exts.Present && exts.Val.CanIterateElements():
			for i := range exts.Val.LengthInt() {
				blk.AddBlock(azapiExtensionBlock(exts.Index(i).Index("properties"), exts.Range))
			}
		}
	}
}

// bodyAt is the body value at path.
func bodyAt(body scanner.Value, path ...string) scanner.Value {
	for _, step := range path {
		body = body.Index(step)
	}
	return body
}

// azapiExtensionBlock presents the properties of a VM extension written as
// an ARM body (publisher, type, settings) as azurerm's extension block.
func azapiExtensionBlock(props scanner.Value, rng scanner.Range) *scanner.Block {
	b := scanner.NewBlock("extension", rng)
	for _, n := range []string{"publisher", "type", "settings"} {
		if v := props.Index(n); v.Present {
			v.Range = props.PartRange(n)
			b.SetAttr(n, v)
		}
	}
	return b
}

// armExtensionTypes are the ARM types of the VM and scale set extensions
// azapi writes as resources of their own, whose parent_id is the machine.
var armExtensionTypes = []string{"microsoft.compute/virtualmachines/extensions", "microsoft.compute/virtualmachinescalesets/extensions"}

// azapiExtensions are the extensions written as azapi resources whose
// parent_id refers to the machine, presented as extension blocks.
func azapiExtensions(ctx *scanner.Context, vm *scanner.Resource) []*scanner.Block {
	var out []*scanner.Block
	for _, e := range referrersOf(ctx, vm, azapiResource, "parent_id") {
		name, _, _ := strings.Cut(e.Attr("type").KnownPrefix(), "@")
		if !slices.Contains(armExtensionTypes, strings.ToLower(name)) {
			continue
		}
		body, err := azapiBody(e.Attr("body"))
		if err != nil {
			continue
		}
		if !body.Val.IsKnown() {
			b := scanner.NewBlock("extension", body.Range)
			unknown := scanner.Value{Val: cty.UnknownVal(cty.String), Range: body.Range, Present: true}
			b.SetAttr("publisher", unknown)
			b.SetAttr("type", unknown)
			out = append(out, b)
			continue
		}
		if props := body.Index("properties"); props.Present {
			out = append(out, azapiExtensionBlock(props, body.Range))
		}
	}
	return out
}
