package azure

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// armRecoveryVault maps a Recovery Services vault. redundancySettings
// (standardTierStorageRedundancy, crossRegionRestore) and the
// immutability and soft delete settings under securitySettings all exist
// from API version 2023-01-01 on. Left out, ARM makes the vault
// geo-redundant, soft delete enabled and immutability disabled, as
// azurerm's defaults are; publicNetworkAccess left out is Enabled, as
// azurerm's public_network_access_enabled defaults to true.
var armRecoveryVault = &armType{
	name: "Microsoft.RecoveryServices/vaults", azurerm: recoveryVaultType,
	oldest: "2023-01-01", newest: "2025-02-01",
	fields: []armField{
		{attr: []string{"storage_mode_type"}, body: []string{"properties", "redundancySettings", "standardTierStorageRedundancy"}},
		{attr: []string{"cross_region_restore_enabled"}, body: []string{"properties", "redundancySettings", "crossRegionRestore"}, conv: enabledToBool, spelled: true},
		{attr: []string{"soft_delete_enabled"}, body: []string{"properties", "securitySettings", "softDeleteSettings", "softDeleteState"}, conv: softDeleteState},
		{attr: []string{"immutability"}, body: []string{"properties", "securitySettings", "immutabilitySettings", "state"}},
		{attr: []string{"public_network_access_enabled"}, body: []string{"properties", "publicNetworkAccess"}, conv: enabledToBool, spelled: true},
	},
}

// softDeleteState reads a vault's softDeleteState: Enabled and AlwaysON
// keep deleted backups, Disabled does not; another value stays as it is,
// which the rule does not take for a boolean.
func softDeleteState(v cty.Value) cty.Value {
	if !v.Type().Equals(cty.String) {
		return v
	}
	switch strings.ToLower(v.AsString()) {
	case "enabled", "alwayson":
		return cty.True
	case "disabled":
		return cty.False
	}
	return v
}

// nsgRuleFields map one security rule's properties, as ARM writes them in
// an NSG's securityRules and in a securityRules child resource.
var nsgRuleFields = []armField{
	{attr: []string{"direction"}, body: []string{"properties", "direction"}},
	{attr: []string{"access"}, body: []string{"properties", "access"}},
	{attr: []string{"protocol"}, body: []string{"properties", "protocol"}},
	{attr: []string{"source_address_prefix"}, body: []string{"properties", "sourceAddressPrefix"}},
	{attr: []string{"source_address_prefixes"}, body: []string{"properties", "sourceAddressPrefixes"}},
	{attr: []string{"destination_port_range"}, body: []string{"properties", "destinationPortRange"}},
	{attr: []string{"destination_port_ranges"}, body: []string{"properties", "destinationPortRanges"}},
}

// armSecurityRule maps a security rule created on its own, as
// azurerm_network_security_rule. The plural prefixes and port ranges came
// with API version 2017-06-01.
var armSecurityRule = &armType{
	name: "Microsoft.Network/networkSecurityGroups/securityRules", azurerm: "azurerm_network_security_rule",
	oldest: "2017-06-01", newest: "2025-03-01", fields: nsgRuleFields,
}

// armNetworkSecurityGroup maps an NSG whose properties.securityRules
// become azurerm's inline security_rule blocks.
var armNetworkSecurityGroup = &armType{
	name: "Microsoft.Network/networkSecurityGroups", azurerm: "azurerm_network_security_group",
	oldest: "2017-06-01", newest: "2025-03-01",
	fields: []armField{
		// Read only so that a patch that writes securityRules is judged.
		{attr: []string{"security_rules"}, body: []string{"properties", "securityRules"}},
	},
	adjust:  nsgSecurityRules,
	renames: map[string]string{"security_rule": "body.properties.securityRules entry"},
}

// nsgSecurityRules presents each entry of securityRules as a security_rule
// block; an unknown list makes the blocks unknown.
func nsgSecurityRules(blk *scanner.Block, body scanner.Value, _ bool, _ map[string]string) {
	rules := body.Index("properties").Index("securityRules")
	rng := body.PartRange("properties", "securityRules")
	switch {
	case rules.IsUnknown():
		blk.MarkBlocksUnknown("security_rule")
		return
	case !rules.Present || rules.IsNull() || !rules.Val.CanIterateElements():
		return
	}
	for i := range rules.Val.LengthInt() {
		entry := rules.Index(i)
		if entry.IsUnknown() {
			blk.MarkBlocksUnknown("security_rule")
			continue
		}
		rule := scanner.NewBlock("security_rule", rng)
		if name := entry.Index("name"); name.Present {
			name.Range = rng
			rule.SetAttr("name", name)
		}
		for _, f := range nsgRuleFields {
			v := f.read(entry)
			if !v.Present {
				continue
			}
			v.Range = rng
			rule.SetAttr(f.attr[0], v)
		}
		blk.AddBlock(rule)
	}
}

// armBlobContainer maps a blob container: publicAccess None, Blob or
// Container is azurerm's container_access_type private, blob or
// container, and ARM makes a container private when it is left out.
var armBlobContainer = &armType{
	name: "Microsoft.Storage/storageAccounts/blobServices/containers", azurerm: "azurerm_storage_container",
	oldest: "2021-01-01", newest: "2025-01-01",
	fields: []armField{
		{attr: []string{"container_access_type"}, body: []string{"properties", "publicAccess"}, conv: containerAccess},
	},
}

// containerAccess spells ARM's publicAccess as azurerm's
// container_access_type.
func containerAccess(v cty.Value) cty.Value {
	if !v.Type().Equals(cty.String) {
		return v
	}
	switch strings.ToLower(v.AsString()) {
	case "none":
		return cty.StringVal("private")
	case "blob":
		return cty.StringVal("blob")
	case "container":
		return cty.StringVal("container")
	}
	return v
}

// publishingPolicyFields map a basic publishing credentials policy: one
// policy per credential, named "ftp" (FTP) or "scm" (Web Deploy), whose
// properties.allow says whether that credential accepts basic
// authentication. Both azurerm switches read it, so that a policy passes
// when it forbids basic authentication and fails when it allows it,
// whichever credential it is for; the other credential is judged on its
// own policy resource. properties.allow is required by the REST API.
var publishingPolicyFields = []armField{
	{attr: []string{"ftp_publish_basic_authentication_enabled"}, body: []string{"properties", "allow"}},
	{attr: []string{"webdeploy_publish_basic_authentication_enabled"}, body: []string{"properties", "allow"}},
}

// armSitePublishingPolicy maps a site's basicPublishingCredentialsPolicies
// child (ftp or scm), which modules written with azapi use to switch off
// basic-auth publishing instead of the azurerm arguments. The policy is
// judged as the resource that sets the switch: the azapi site itself is
// not judged by the rule, and its parent_id is not followed. properties.allow
// has the same shape in every API version from 2019-08-01 on; the range
// below is the one the site mapping reads.
var armSitePublishingPolicy = &armType{
	name: "Microsoft.Web/sites/basicPublishingCredentialsPolicies", azurerm: "azurerm_linux_web_app",
	oldest: "2021-01-01", newest: "2025-03-01", fields: publishingPolicyFields,
}

// armSlotPublishingPolicy is the same policy on a deployment slot.
var armSlotPublishingPolicy = &armType{
	name: "Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies", azurerm: "azurerm_linux_web_app_slot",
	oldest: "2021-01-01", newest: "2025-03-01", fields: publishingPolicyFields,
}

// armSiteAppSettings maps a site's config child named "appsettings",
// whose properties are the application settings, a map of names to
// values as azurerm's app_settings is. It replaces the site's settings
// as a whole; it is judged as the resource that holds them, whatever
// site its parent_id names. The shape is the same in every API version
// the site mapping reads.
var armSiteAppSettings = &armType{
	name: "Microsoft.Web/sites/config", azurerm: legacyAppService,
	oldest: "2021-01-01", newest: "2025-03-01", names: []string{"appsettings"},
	fields: []armField{{attr: []string{"app_settings"}, body: []string{"properties"}}},
}

// armSlotAppSettings is the same child on a deployment slot.
var armSlotAppSettings = &armType{
	name: "Microsoft.Web/sites/slots/config", azurerm: "azurerm_app_service_slot",
	oldest: "2021-01-01", newest: "2025-03-01", names: []string{"appsettings"},
	fields: []armField{{attr: []string{"app_settings"}, body: []string{"properties"}}},
}

// siteWebConfigFields map the site configuration a "web" config child
// writes at the top of its properties, where a site's body nests it in
// properties.siteConfig.
var siteWebConfigFields = []armField{
	{attr: []string{"site_config", "min_tls_version"}, body: []string{"properties", "minTlsVersion"}},
	{attr: []string{"site_config", "scm_min_tls_version"}, body: []string{"properties", "scmMinTlsVersion"}},
	{attr: []string{"site_config", "ftps_state"}, body: []string{"properties", "ftpsState"}},
	{attr: []string{"site_config", "remote_debugging_enabled"}, body: []string{"properties", "remoteDebuggingEnabled"}},
}

// armSiteWebConfig maps a site's config child named "web". It changes
// the settings its body writes and leaves the others as the site has
// them, so it is judged only on what it sets, as a patch is, and as the
// resource that sets it: the site its parent_id names is judged on its
// own body. The properties have this shape in every API version the site
// mapping reads.
var armSiteWebConfig = &armType{
	name: "Microsoft.Web/sites/config", azurerm: legacyAppService,
	oldest: "2021-01-01", newest: "2025-03-01", names: []string{"web"}, partial: true,
	fields: siteWebConfigFields,
}

// armSlotWebConfig is the same child on a deployment slot.
var armSlotWebConfig = &armType{
	name: "Microsoft.Web/sites/slots/config", azurerm: "azurerm_app_service_slot",
	oldest: "2021-01-01", newest: "2025-03-01", names: []string{"web"}, partial: true,
	fields: siteWebConfigFields,
}
