package azure

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// An azapi storage account's body holds no blob soft delete or
// versioning setting: in ARM they belong to its blob service, the child
// Microsoft.Storage/storageAccounts/blobServices named "default"
// (properties.deleteRetentionPolicy, properties.isVersioningEnabled),
// which azurerm writes as the account's blob_properties block. The
// account is presented with the blob_properties its blobServices child
// sets, as a site is with its config children (see overlayChildren); an
// account no child sets them for keeps ARM's defaults, soft delete and
// versioning off.

// blobServicesChild is how messages name the child that sets the blob
// settings.
const blobServicesChild = "Microsoft.Storage/storageAccounts/blobServices child named default"

// armStorageBlobServices is an account's blob service, read only for what
// it says of its parent account.
var armStorageBlobServices = &armType{
	name: "Microsoft.Storage/storageAccounts/blobServices", azurerm: "azurerm_storage_account",
	oldest: armStorageAccount.oldest, newest: armStorageAccount.newest, names: []string{"default"},
}

// storageAccountKind maps the account kind, for the rules that do not
// judge a FileStorage account (it has no blob service).
var storageAccountKind = armField{attr: []string{"account_kind"}, body: []string{"kind"}}

// armStorageAccountSoftDelete presents an account to the blob soft
// delete rule, with the deleteRetentionPolicy of its blobServices child.
var armStorageAccountSoftDelete = armBlobAccount(blobSoftDeleteChild,
	"blob_properties.delete_retention_policy is not set", "deleteRetentionPolicy", "soft delete")

// armStorageAccountVersioning presents an account to the blob versioning
// rule, with the isVersioningEnabled of its blobServices child; an
// account with a hierarchical namespace does not support versioning.
var armStorageAccountVersioning = armBlobAccount(blobVersioningChild,
	"blob versioning is not enabled", "isVersioningEnabled", "versioning",
	armField{attr: []string{"is_hns_enabled"}, body: []string{"properties", "isHnsEnabled"}})

// armBlobAccount presents an account to one blob setting's rule: apply
// reads the setting from the account's blobServices child into
// blob_properties, and the rule's message unset, for an account no child
// sets property for, names the missing child and ARM's default (what
// off). fields are read from the account beside its kind.
func armBlobAccount(apply func(*scanner.Block, scanner.Value, string) []overlaid, unset, property, what string, fields ...armField) *armType {
	return &armType{
		name: armStorageAccount.name, azurerm: armStorageAccount.azurerm,
		oldest: armStorageAccount.oldest, newest: armStorageAccount.newest,
		fields: append([]armField{storageAccountKind}, fields...),
		children: []armChild{{typ: armStorageBlobServices, name: "default", apply: apply,
			blocks: []string{"blob_properties"}}},
		renames: map[string]string{
			unset: "no " + blobServicesChild + " sets properties." + property + ", so ARM leaves blob " + what + " off",
		},
	}
}

// softDeleteUnknown is the soft delete rule's message for blob properties
// only known after apply, which the child's reason replaces.
const softDeleteUnknown = "whether blob soft delete is configured is not known until apply"

// blobSoftDeleteChild reads a blobServices child's deleteRetentionPolicy:
// enabled true gives the account a delete_retention_policy with the
// policy's days, enabled false none. A policy that leaves enabled or days
// out is unknown, as ARM does not document what it assumes then.
func blobSoftDeleteChild(blk *scanner.Block, body scanner.Value, addr string) []overlaid {
	path := addr + " body.properties.deleteRetentionPolicy"
	at := body.PartRange("properties", "deleteRetentionPolicy")
	unknown := func(why string, rng scanner.Range) []overlaid {
		if blk.FirstBlock("blob_properties") == nil {
			blk.MarkBlocksUnknown("blob_properties")
		}
		return []overlaid{{attr: []string{softDeleteUnknown}, child: why, at: rng}}
	}
	policy, decided := partEntry(body.Index("properties"), "deleteRetentionPolicy")
	switch {
	case !decided, policy.IsUnknown():
		return unknown("whether "+addr+" turns blob soft delete on is not known until apply", at)
	case !policy.Present || policy.IsNull():
		return nil
	}
	on := policy.Index("enabled")
	onAt := body.PartRange("properties", "deleteRetentionPolicy", "enabled")
	switch {
	case on.IsUnknown():
		return unknown("whether "+path+".enabled turns blob soft delete on is not known until apply", onAt)
	case !on.Present || on.IsNull():
		return unknown(path+" leaves enabled out, and ARM does not document whether blob soft delete is then on", at)
	case !on.IsTrue():
		// The account keeps no delete_retention_policy: the rule fails
		// it as not set, which names the child's switch instead.
		blobProperties(blk, at)
		return []overlaid{{attr: []string{"blob_properties.delete_retention_policy is not set"}, child: path + ".enabled is false", at: onAt}}
	}
	policyBlk := scanner.NewBlock("delete_retention_policy", at)
	blobProperties(blk, at).AddBlock(policyBlk)
	days := policy.Index("days")
	if !days.Present || days.IsNull() {
		policyBlk.SetAttr("days", scanner.Value{Val: cty.UnknownVal(cty.Number), Range: at, Present: true})
		return []overlaid{{attr: []string{"delete_retention_policy.days is not known until apply"},
			child: path + " leaves days out, and ARM does not document how long deleted blobs are then kept"}}
	}
	days.Range = body.PartRange("properties", "deleteRetentionPolicy", "days")
	policyBlk.SetAttr("days", days)
	return []overlaid{{attr: []string{"delete_retention_policy.days"}, child: path + ".days"}}
}

// blobVersioningChild reads a blobServices child's isVersioningEnabled
// as the account's blob_properties.versioning_enabled.
func blobVersioningChild(blk *scanner.Block, body scanner.Value, addr string) []overlaid {
	path := addr + " body.properties.isVersioningEnabled"
	at := body.PartRange("properties", "isVersioningEnabled")
	v, decided := partEntry(body.Index("properties"), "isVersioningEnabled")
	switch {
	case !decided:
		v = scanner.Value{Val: cty.UnknownVal(cty.Bool), Present: true}
	case !v.Present || v.IsNull():
		return nil
	}
	v.Range = at
	blobProperties(blk, at).SetAttr("versioning_enabled", v)
	off := path + " is not true"
	if v.IsFalse() {
		off = path + " is false"
	}
	return []overlaid{
		{attr: []string{"blob_properties", "versioning_enabled"}, child: path},
		{attr: []string{"blob versioning is not enabled"}, child: off + ", so blob versioning is off"},
	}
}

// blobProperties returns blk's blob_properties block, adding one at rng
// when it has none.
func blobProperties(blk *scanner.Block, rng scanner.Range) *scanner.Block {
	if props := blk.FirstBlock("blob_properties"); props != nil {
		return props
	}
	props := scanner.NewBlock("blob_properties", rng)
	blk.AddBlock(props)
	return props
}

// blobAccountHCL is the examples' StorageV2 azapi account labelled
// label and named name, which a blobServices child sets blob settings
// for.
func blobAccountHCL(label, name string) string {
	return `resource "azapi_resource" "` + label + `" {
  type      = "Microsoft.Storage/storageAccounts@2025-01-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "` + name + `"
  body      = { kind = "StorageV2", sku = { name = "Standard_GRS" } }
}`
}

// azapiBlobSoftDeleteGood are azapi accounts whose blobServices child,
// written as a resource or as a patch, keeps deleted blobs for long
// enough, a FileStorage account (no blob service), and a patch of an
// account, which cannot change its blob service.
var azapiBlobSoftDeleteGood = []scanner.Example{{Code: `
resource "azapi_resource" "sa" {
  type      = "Microsoft.Storage/storageAccounts@2025-01-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acmesa"
  location  = "westeurope"
  body      = { kind = "StorageV2", sku = { name = "Standard_GRS" } }
}

resource "azapi_resource" "sa_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2023-05-01"
  parent_id = azapi_resource.sa.id
  name      = "default"
  body = {
    properties = {
      deleteRetentionPolicy          = { enabled = true, days = 14 }
      containerDeleteRetentionPolicy = { enabled = true, days = 14 }
      isVersioningEnabled            = true
    }
  }
}

resource "azapi_resource" "patched" {
  type      = "Microsoft.Storage/storageAccounts@2025-01-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acmepatched"
  location  = "westeurope"
  body      = { kind = "StorageV2", sku = { name = "Standard_GRS" } }
}

resource "azapi_update_resource" "patched_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.patched.id
  name      = "default"
  body      = { properties = { deleteRetentionPolicy = { enabled = true, days = 7 } } }
}

resource "azapi_update_resource" "patched_tls" {
  type        = "Microsoft.Storage/storageAccounts@2025-01-01"
  resource_id = azapi_resource.patched.id
  body        = { properties = { minimumTlsVersion = "TLS1_2" } }
}

resource "azapi_resource" "files" {
  type      = "Microsoft.Storage/storageAccounts@2025-01-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acmefiles"
  location  = "westeurope"
  body      = { kind = "FileStorage", sku = { name = "Premium_ZRS" } }
}`, NotApplicable: []string{"azapi_update_resource.patched_tls"}}}

// azapiBlobSoftDeleteBad are azapi accounts without a blobServices child,
// with one that sets only versioning, one that turns soft delete off, one
// that keeps deleted blobs too briefly, and ones whose policy is only
// known after apply, leaves enabled or days out, or is written in an API
// version the mapping does not read.
var azapiBlobSoftDeleteBad = []scanner.Example{{Code: `
variable "on" {
  type = bool
}

` + blobAccountHCL("none", "acmenone") + `

` + blobAccountHCL("off", "acmeoff") + `

resource "azapi_resource" "off_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.off.id
  name      = "default"
  body = {
    properties = {
      isVersioningEnabled   = true
      deleteRetentionPolicy = {
        enabled = false
        days    = 7
      }
    }
  }
}

` + blobAccountHCL("short", "acmeshort") + `

resource "azapi_update_resource" "short_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.short.id
  name      = "default"
  body = {
    properties = {
      deleteRetentionPolicy = { enabled = true, days = 3 }
    }
  }
}

` + blobAccountHCL("versioning_only", "acmeversioning") + `

resource "azapi_resource" "versioning_only_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.versioning_only.id
  name      = "default"
  body      = { properties = { isVersioningEnabled = true } }
}

` + blobAccountHCL("maybe", "acmemaybe") + `

resource "azapi_resource" "maybe_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.maybe.id
  name      = "default"
  body = {
    properties = {
      deleteRetentionPolicy = {
        enabled = var.on
        days    = 7
      }
    }
  }
}

` + blobAccountHCL("no_switch", "acmenoswitch") + `

resource "azapi_resource" "no_switch_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.no_switch.id
  name      = "default"
  body      = { properties = { deleteRetentionPolicy = { days = 7 } } }
}

` + blobAccountHCL("no_days", "acmenodays") + `

resource "azapi_resource" "no_days_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.no_days.id
  name      = "default"
  body      = { properties = { deleteRetentionPolicy = { enabled = true } } }
}

` + blobAccountHCL("old", "acmeold") + `

# An API version the mapping does not read: what it sets is unknown.
resource "azapi_resource" "old_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2019-06-01"
  parent_id = azapi_resource.old.id
  name      = "default"
  body      = { properties = { deleteRetentionPolicy = { enabled = true, days = 7 } } }
}`,
	Fails:    []string{"azapi_resource.none", "azapi_resource.off", "azapi_resource.short", "azapi_resource.versioning_only"},
	Unknowns: []string{"azapi_resource.maybe", "azapi_resource.no_switch", "azapi_resource.no_days", "azapi_resource.old"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.none": {Line: 6, Message: "no Microsoft.Storage/storageAccounts/blobServices child named default sets " +
			"properties.deleteRetentionPolicy, so ARM leaves blob soft delete off"},
		"azapi_resource.off":             {Line: 28, Message: "azapi_resource.off_blob body.properties.deleteRetentionPolicy.enabled is false"},
		"azapi_resource.short":           {Line: 48, Message: "deleted blobs are kept for 3 days, fewer than the required 7"},
		"azapi_resource.versioning_only": {Message: "no Microsoft.Storage/storageAccounts/blobServices child named default sets"},
		"azapi_resource.maybe":           {Line: 80, Message: "whether azapi_resource.maybe_blob turns blob soft delete on is not known until apply"},
		"azapi_resource.no_switch":       {Message: "body.properties.deleteRetentionPolicy leaves enabled out"},
		"azapi_resource.no_days":         {Message: "body.properties.deleteRetentionPolicy leaves days out"},
	},
}, {Code: `
variable "account_id" {
  type = string
}

# The blob service's parent_id is only known after apply and names no
# resource of the scan: it may be this account's, unless the account has
# a blob service of its own.
` + blobAccountHCL("sa", "acmesa") + `

resource "azapi_resource" "blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = var.account_id
  name      = "default"
  body      = { properties = { deleteRetentionPolicy = { enabled = true, days = 30 } } }
}

` + blobAccountHCL("own", "acmeown") + `

resource "azapi_resource" "own_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.own.id
  name      = "default"
  body      = { properties = { deleteRetentionPolicy = { enabled = false } } }
}`, Fails: []string{"azapi_resource.own"}, Unknowns: []string{"azapi_resource.sa"}}}

// azapiBlobVersioningGood are an azapi account whose blobServices child
// turns versioning on, and one with a hierarchical namespace, which does
// not support versioning and so has nothing to judge.
var azapiBlobVersioningGood = []scanner.Example{{Code: `
` + blobAccountHCL("sa", "acmesa") + `

resource "azapi_resource" "sa_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.sa.id
  name      = "default"
  body      = { properties = { isVersioningEnabled = true } }
}

resource "azapi_resource" "lake" {
  type      = "Microsoft.Storage/storageAccounts@2025-01-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acmelake"
  body      = { kind = "StorageV2", sku = { name = "Standard_GRS" }, properties = { isHnsEnabled = true } }
}`, NotApplicable: []string{"azapi_resource.lake"}}}

// azapiBlobVersioningBad are azapi accounts without a blobServices child,
// with one that turns versioning off, and with one whose switch is only
// known after apply.
var azapiBlobVersioningBad = []scanner.Example{{Code: `
variable "on" {
  type = bool
}

` + blobAccountHCL("none", "acmenone") + `

` + blobAccountHCL("off", "acmeoff") + `

resource "azapi_update_resource" "off_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.off.id
  name      = "default"
  body = {
    properties = {
      deleteRetentionPolicy = { enabled = true, days = 7 }
      isVersioningEnabled   = false
    }
  }
}

` + blobAccountHCL("maybe", "acmemaybe") + `

resource "azapi_resource" "maybe_blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2025-01-01"
  parent_id = azapi_resource.maybe.id
  name      = "default"
  body      = { properties = { isVersioningEnabled = var.on } }
}`,
	Fails:    []string{"azapi_resource.none", "azapi_resource.off"},
	Unknowns: []string{"azapi_resource.maybe"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.none": {Line: 6, Message: "no Microsoft.Storage/storageAccounts/blobServices child named default sets " +
			"properties.isVersioningEnabled, so ARM leaves blob versioning off"},
		"azapi_resource.off":   {Line: 27, Message: "azapi_update_resource.off_blob body.properties.isVersioningEnabled is false, so blob versioning is off"},
		"azapi_resource.maybe": {Line: 43, Message: "azapi_resource.maybe_blob body.properties.isVersioningEnabled is not known until apply"},
	},
}}
