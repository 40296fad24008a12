package azure

import (
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// An azapi parent (a site) is changed by child resources written next to
// it: a sites/config "web" child sets its TLS and FTPS settings, an
// "appsettings" child replaces its application settings, and the "ftp"
// and "scm" basicPublishingCredentialsPolicies switch basic-auth
// publishing off. As an azurerm parent is judged with its separate child
// resources (a diagnostic setting, a network rule set), the parent is
// presented with what its children set: a child that sets an argument
// overrides the parent's body, and the message names the child. The
// children are judged on their own too.

// armChild is one kind of child resource of an ARM type: its mapping,
// the child's name it applies to, and the fields it sets on the parent
// (attr is the parent's azurerm argument, body the child's body path).
type armChild struct {
	typ    *armType
	name   string
	fields []armField
	// apply, when set, presents what the child sets on the parent's
	// blocks instead of fields, and blocks are the block types it may
	// set, unknown for a child that may be the parent's.
	apply  func(blk *scanner.Block, body scanner.Value, addr string) []overlaid
	blocks []string
}

// overlaid is one argument a child set on the presented parent.
type overlaid struct {
	attr  []string
	child string // the child's address and body path, for messages
	// at, when set, is where in the child a finding whose message names
	// the argument points, for a rule that points at the resource for
	// what the child left out or switched off.
	at scanner.Range
}

// rewrite names the child in a message about the argument it set, and
// reports whether the message named it.
func (o overlaid) rewrite(msg string) (string, bool) {
	for _, spelling := range []string{strings.Join(o.attr, " "), strings.Join(o.attr, "."), o.attr[len(o.attr)-1]} {
		var hit bool
		if msg, hit = replaceWord(msg, spelling, o.child); hit {
			return msg, true
		}
	}
	return msg, false
}

// overlayChildren sets on blk, the presented parent res, what its azapi
// children set: the azapi_resource and azapi_update_resource whose
// parent_id refers to res, of a type and name of t.children and of an API
// version the child's mapping reads. A child whose name or version is
// not known or not read is left out: it is judged (unknown) on its own;
// one that is read only through its parent (apply) makes the blocks it
// may set unknown instead, as it is judged nowhere else.
func (t *armType) overlayChildren(ctx *scanner.Context, res *scanner.Resource, blk *scanner.Block) []overlaid {
	if len(t.children) == 0 || ctx == nil || ctx.Index == nil {
		return nil
	}
	var kids, maybes []*scanner.Resource
	for _, typ := range []string{azapiResource, azapiUpdateResource} {
		found, maybe := ctx.Index.Referrers(res, typ, []string{"parent_id"}, "id")
		kids = append(kids, found...)
		if maybe != nil {
			maybes = append(maybes, maybe)
		}
	}
	var out []overlaid
	set := map[string]bool{}
	var unread []armChild
	for _, kid := range kids {
		unread = append(unread, t.unreadChildrenOf(kid)...)
		for _, c := range t.childrenOf(kid) {
			body, err := azapiBody(kid.Attr("body"))
			if err != nil {
				continue
			}
			if c.apply != nil {
				out = append(out, c.apply(blk, body, kid.Address)...)
				continue
			}
			for _, f := range c.fields {
				v := f.read(body)
				if !v.Present {
					continue
				}
				v.Name = f.attr[len(f.attr)-1]
				setAt(blk, f.attr, v)
				set[strings.Join(f.attr, ".")] = true
				out = append(out, overlaid{attr: f.attr, child: kid.Address + " body." + strings.Join(f.body, ".")})
			}
		}
	}
	for _, c := range unread {
		for _, b := range c.blocks {
			if blk.FirstBlock(b) == nil {
				blk.MarkBlocksUnknown(b)
			}
		}
	}
	// A child whose parent_id is only known after apply and names no
	// resource of the scan may be this parent's: what it would set is
	// unknown, unless a child of the parent sets it.
	for _, kid := range maybes {
		for _, c := range t.childrenOf(kid) {
			for _, b := range c.blocks {
				if blk.FirstBlock(b) == nil {
					blk.MarkBlocksUnknown(b)
				}
			}
			for _, f := range c.fields {
				if set[strings.Join(f.attr, ".")] {
					continue
				}
				pid := kid.Attr("parent_id")
				v := scanner.Value{Name: f.attr[len(f.attr)-1], Val: cty.DynamicVal, Range: pid.Range, Present: true}
				setAt(blk, f.attr, v)
				out = append(out, overlaid{attr: f.attr, child: "what " + kid.Address + " sets (its parent_id, only known after apply, may be this resource)"})
			}
		}
	}
	return out
}

// unreadChildrenOf returns the kinds of child of t, read only through
// their parent (apply), that kid is by type and name but not by API
// version: an API version the mapping does not read, or one only known
// after apply.
func (t *armType) unreadChildrenOf(kid *scanner.Resource) []armChild {
	name, version, _ := strings.Cut(kid.Attr("type").KnownPrefix(), "@")
	own, named := childName(kid)
	if !named {
		return nil
	}
	var out []armChild
	for _, c := range t.children {
		// A version only known after apply is cut short by KnownPrefix:
		// "" is no version the mapping reads.
		if c.apply != nil && strings.EqualFold(name, c.typ.name) && strings.EqualFold(own, c.name) && !c.typ.understands(version) {
			out = append(out, c)
		}
	}
	return out
}

// childrenOf returns the kinds of child of t that kid is: of their type
// and name, and of an API version the child's mapping reads.
func (t *armType) childrenOf(kid *scanner.Resource) []armChild {
	typ, ok := kid.Attr("type").AsString()
	if !ok {
		return nil
	}
	name, version, _ := strings.Cut(typ, "@")
	own, named := childName(kid)
	if !named {
		return nil
	}
	var out []armChild
	for _, c := range t.children {
		if strings.EqualFold(name, c.typ.name) && strings.EqualFold(own, c.name) && c.typ.understands(version) {
			out = append(out, c)
		}
	}
	return out
}

// siteChildren are the children that change a site's settings: the
// "web" config child its site configuration, the "appsettings" config
// child its application settings.
var siteChildren = []armChild{
	{typ: armSiteWebConfig, name: "web", fields: siteWebConfigFields},
	{typ: armSiteAppSettings, name: "appsettings", fields: []armField{{attr: []string{"app_settings"}, body: []string{"properties"}}}},
}

// armWebSitePublishing presents a site to the basic-auth publishing rule:
// the site's body cannot switch basic authentication off, only its "ftp"
// and "scm" basicPublishingCredentialsPolicies children can (ARM allows
// it while they do not say otherwise, as azurerm's defaults do). A site
// of any kind stands for an azurerm_linux_web_app, whose arguments the
// rule reads alike on every app type.
var armWebSitePublishing = &armType{
	name: "Microsoft.Web/sites", azurerm: "azurerm_linux_web_app",
	oldest: armWebSite.oldest, newest: armWebSite.newest,
	children: []armChild{
		{typ: armSitePublishingPolicy, name: "ftp", fields: publishingPolicyFields[:1]},
		{typ: armSitePublishingPolicy, name: "scm", fields: publishingPolicyFields[1:]},
	},
	renames: map[string]string{
		"ftp_publish_basic_authentication_enabled":       "properties.allow of a basicPublishingCredentialsPolicies child named ftp",
		"webdeploy_publish_basic_authentication_enabled": "properties.allow of a basicPublishingCredentialsPolicies child named scm",
	},
}

// armWebSiteSettings presents a site to the literal-secrets rule: its
// body's properties.siteConfig.appSettings (a list of name and value
// objects), replaced by an "appsettings" config child when one is
// written.
var armWebSiteSettings = &armType{
	name: "Microsoft.Web/sites", azurerm: legacyAppService,
	oldest: armWebSite.oldest, newest: armWebSite.newest,
	variants: armWebSite.variants, os: siteKind,
	fields: []armField{
		{attr: []string{"app_settings"}, body: []string{"properties", "siteConfig", "appSettings"}, conv: nameValueMap},
	},
	children: siteChildren[1:],
}

// nameValueMap turns ARM's list of { name, value } objects into the map
// azurerm writes; a list with an entry it cannot read stays as it is.
func nameValueMap(v cty.Value) cty.Value {
	if !v.CanIterateElements() || v.Type().IsMapType() || v.Type().IsObjectType() {
		return v
	}
	out := map[string]cty.Value{}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if !e.IsKnown() || e.IsNull() || !e.Type().IsObjectType() || !e.Type().HasAttribute("name") || !e.Type().HasAttribute("value") {
			return v
		}
		n, val := e.GetAttr("name"), e.GetAttr("value")
		if !n.IsKnown() || n.IsNull() || !n.Type().Equals(cty.String) {
			return v
		}
		if val.IsKnown() && !val.IsNull() {
			if s, err := convert.Convert(val, cty.String); err == nil {
				val = s
			}
		}
		out[n.AsString()] = val
	}
	if len(out) == 0 {
		return cty.MapValEmpty(cty.String)
	}
	return cty.ObjectVal(out)
}

// azapiSitePublishingBad are azapi sites judged with their publishing
// policy children: none (basic authentication stays allowed), only the
// ftp one, one that allows it and one only known after apply.
var azapiSitePublishingBad = []scanner.Example{{Code: `
variable "allow" {
  type = bool
}

resource "azapi_resource" "bare" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-bare"
  body      = { kind = "app,linux", properties = { httpsOnly = true } }
}

resource "azapi_resource" "ftp_only" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-ftp"
  body      = { kind = "functionapp", properties = { httpsOnly = true } }
}

resource "azapi_update_resource" "ftp_only_ftp" {
  type      = "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01"
  parent_id = azapi_resource.ftp_only.id
  name      = "ftp"
  body      = { properties = { allow = false } }
}

resource "azapi_resource" "allowed" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-allowed"
  body      = { properties = { httpsOnly = true } }
}

resource "azapi_resource" "allowed_ftp" {
  type      = "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01"
  parent_id = azapi_resource.allowed.id
  name      = "ftp"
  body      = { properties = { allow = true } }
}

resource "azapi_resource" "maybe" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-maybe"
  body      = { properties = { httpsOnly = true } }
}

resource "azapi_resource" "maybe_ftp" {
  type      = "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01"
  parent_id = azapi_resource.maybe.id
  name      = "ftp"
  body      = { properties = { allow = var.allow } }
}

resource "azapi_resource" "maybe_scm" {
  type      = "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01"
  parent_id = azapi_resource.maybe.id
  name      = "scm"
  body      = { properties = { allow = false } }
}`,
	Fails:    []string{"azapi_resource.bare", "azapi_resource.ftp_only", "azapi_resource.allowed", "azapi_resource.allowed_ftp"},
	Unknowns: []string{"azapi_resource.maybe", "azapi_resource.maybe_ftp"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.bare":     {Message: "properties.allow of a basicPublishingCredentialsPolicies child named ftp is not set"},
		"azapi_resource.ftp_only": {Message: "child named scm is not set"},
		"azapi_resource.allowed":  {Line: 38, Message: "azapi_resource.allowed_ftp body.properties.allow is true"},
	},
}, {Code: `
variable "site_id" {
  type = string
}

# The policies' parent_id is only known after apply and names no resource
# of the scan: they may be this site's.
resource "azapi_resource" "app" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-app"
  body      = { properties = { httpsOnly = true } }
}

resource "azapi_update_resource" "ftp" {
  type      = "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01"
  parent_id = var.site_id
  name      = "ftp"
  body      = { properties = { allow = false } }
}

resource "azapi_update_resource" "scm" {
  type      = "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01"
  parent_id = var.site_id
  name      = "scm"
  body      = { properties = { allow = true } }
}`,
	Fails:    []string{"azapi_update_resource.scm"},
	Unknowns: []string{"azapi_resource.app"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.app": {Message: "its parent_id, only known after apply, may be this resource"},
	},
}}

// azapiSiteSettingsGood are sites whose settings, in the body or in an
// appsettings child that replaces them, hold no literal secret.
var azapiSiteSettingsGood = []scanner.Example{{Code: `
resource "azapi_resource" "app" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-app"
  body = {
    properties = {
      siteConfig = {
        appSettings = [
          { name = "DB_PASSWORD", value = "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db/)" },
          { name = "REGION", value = "westeurope" },
        ]
      }
    }
  }
}

resource "azapi_resource" "replaced" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-replaced"
  body      = { properties = { siteConfig = { appSettings = [{ name = "OLD_TOKEN", value = "replaced-by-the-child" }] } } }
}

resource "azapi_update_resource" "replaced_settings" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = azapi_resource.replaced.id
  name      = "appsettings"
  body      = { properties = { API_TOKEN = "@Microsoft.KeyVault(VaultName=acme;SecretName=token)" } }
}`}}

// azapiSiteSettingsBad are sites with a literal secret in their body or
// in their appsettings child, and one whose child's settings cannot be
// read.
var azapiSiteSettingsBad = []scanner.Example{{Code: `
variable "settings" {
  type = map(string)
}

resource "azapi_resource" "inline" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-inline"
  body      = { properties = { siteConfig = { appSettings = [{ name = "API_KEY", value = "sk_live_not_a_real_key" }] } } }
}

resource "azapi_resource" "child" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-child"
  body      = { kind = "functionapp", properties = {} }
}

resource "azapi_resource" "child_settings" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = azapi_resource.child.id
  name      = "appsettings"
  body      = { properties = { STORAGE_ACCOUNT_KEY = "not-a-real-key" } }
}

resource "azapi_resource" "open" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-open"
  body      = { properties = {} }
}

resource "azapi_update_resource" "open_settings" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = azapi_resource.open.id
  name      = "appsettings"
  body      = { properties = var.settings }
}`,
	Fails:    []string{"azapi_resource.inline", "azapi_resource.child", "azapi_resource.child_settings"},
	Unknowns: []string{"azapi_resource.open", "azapi_update_resource.open_settings"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.inline": {Message: "API_KEY"},
		"azapi_resource.child":  {Message: "azapi_resource.child_settings body.properties holds STORAGE_ACCOUNT_KEY"},
	},
}}

// azapiSiteWebConfigBad is a site whose body asks for TLS 1.2 while its
// "web" config child, which overrides the site configuration, allows
// TLS 1.0: the site fails, naming the child.
var azapiSiteWebConfigBad = []scanner.Example{{Code: `
resource "azapi_resource" "app" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-app"
  body      = { properties = { siteConfig = { minTlsVersion = "1.2" } } }
}

resource "azapi_update_resource" "web" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = azapi_resource.app.id
  name      = "web"
  body      = { properties = { minTlsVersion = "1.0" } }
}`,
	Fails: []string{"azapi_resource.app", "azapi_update_resource.web"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.app": {Line: 13, Message: "azapi_update_resource.web body.properties.minTlsVersion"},
	},
}}

// armSiteLogsConfig is a site's config child named "logs", read only for
// what it says of its parent (see siteLogsChild).
var armSiteLogsConfig = &armType{
	name: "Microsoft.Web/sites/config", azurerm: legacyAppService,
	oldest: "2021-01-01", newest: "2025-03-01", names: []string{"logs"},
}

// armWebSiteLogs presents a site to the HTTP logs rule: HTTP logging is
// on when properties.siteConfig.httpLoggingEnabled is true, or when its
// "logs" config child turns httpLogs on (see siteLogsChild); its
// diagnostic settings children are read by the rule itself.
var armWebSiteLogs = &armType{
	name: "Microsoft.Web/sites", azurerm: legacyAppService,
	oldest: armWebSite.oldest, newest: armWebSite.newest,
	variants: armWebSite.variants, os: siteKind,
	adjust: func(blk *scanner.Block, body scanner.Value, patch bool, _ map[string]string) {
		if patch {
			return
		}
		on := body.Index("properties").Index("siteConfig").Index("httpLoggingEnabled")
		switch {
		case on.IsUnknown():
			blk.MarkBlocksUnknown("logs")
		case on.IsTrue():
			addHTTPLogs(blk, body.PartRange("properties", "siteConfig", "httpLoggingEnabled"))
		}
	},
	children: []armChild{{typ: armSiteLogsConfig, name: "logs", apply: siteLogsChild, blocks: []string{"logs"}}},
}

// addHTTPLogs gives blk a logs block with http_logs.
func addHTTPLogs(blk *scanner.Block, rng scanner.Range) {
	if logs := blk.FirstBlock("logs"); logs != nil {
		if logs.FirstBlock("http_logs") == nil {
			logs.AddBlock(scanner.NewBlock("http_logs", rng))
		}
		return
	}
	logs := scanner.NewBlock("logs", rng)
	logs.AddBlock(scanner.NewBlock("http_logs", rng))
	blk.AddBlock(logs)
}

// siteLogsChild reads a "logs" config child: properties.httpLogs with a
// fileSystem or azureBlobStorage destination whose enabled is true turns
// HTTP logging on. A destination that leaves enabled out, or a part only
// known after apply, leaves it unknown: ARM keeps a destination it is not
// told to enable as it was.
func siteLogsChild(blk *scanner.Block, body scanner.Value, addr string) []overlaid {
	unknown := func(why string) []overlaid {
		if blk.FirstBlock("logs") == nil {
			blk.MarkBlocksUnknown("logs")
		}
		return []overlaid{{attr: []string{"the logs block is not known until apply"}, child: why}}
	}
	http, decided := partEntry(body.Index("properties"), "httpLogs")
	switch {
	case !decided, http.IsUnknown():
		return unknown("whether " + addr + " turns HTTP logs on is not known until apply")
	case !http.Present || http.IsNull():
		return nil
	}
	for _, dest := range []string{"fileSystem", "azureBlobStorage"} {
		d := http.Index(dest)
		if !d.Present || d.IsNull() {
			continue
		}
		switch on := d.Index("enabled"); {
		case on.IsTrue():
			addHTTPLogs(blk, body.PartRange("properties", "httpLogs"))
			return nil
		case on.IsUnknown():
			return unknown("whether " + addr + " enables httpLogs." + dest + " is not known until apply")
		case !on.Present:
			return unknown(addr + " sets httpLogs." + dest + " without enabled, which ARM may keep off")
		}
	}
	return nil
}

// partEntry is the entry key of a map value, read from its parts when
// the map is only known after apply. decided is false when the parts do
// not say (a condition only known after apply may add it, or a part
// cannot be read).
func partEntry(v scanner.Value, key string) (entry scanner.Value, decided bool) {
	if !v.IsUnknown() {
		return v.Index(key), true
	}
	p := v.Parts()
	if p == nil || p.Open != "" || len(p.Computed) > 0 {
		return v.Index(key), false
	}
	entry = scanner.Value{Name: key, Range: v.Range}
	for _, e := range p.Entries {
		if e.Key != key {
			continue
		}
		if e.Maybe {
			return v.Index(key), false
		}
		entry.Val, entry.Present = e.Val, true
	}
	return entry, true
}

// azapiSiteLogsGood are sites with HTTP logging on: in the body, through
// a "logs" config child and through a diagnostic settings child.
var azapiSiteLogsGood = []scanner.Example{{Code: `
resource "azapi_resource" "body" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-body"
  body      = { properties = { siteConfig = { httpLoggingEnabled = true } } }
}

resource "azapi_resource" "child" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-child"
  body      = { properties = {} }
}

resource "azapi_update_resource" "child_logs" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = azapi_resource.child.id
  name      = "logs"
  body      = { properties = { httpLogs = { fileSystem = { enabled = true, retentionInMb = 35, retentionInDays = 7 } } } }
}

resource "azapi_resource" "diag" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-diag"
  body      = { properties = {} }
}

resource "azapi_resource" "diag_setting" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  parent_id = azapi_resource.diag.id
  name      = "http"
  body      = { properties = { logs = [{ category = "AppServiceHTTPLogs", enabled = true }] } }
}`}}

// azapiSiteLogsBad are a site without HTTP logs, one whose "logs" child
// sets a destination without enabling it, and one whose logging switch
// is only known after apply.
var azapiSiteLogsBad = []scanner.Example{{Code: `
variable "on" {
  type = bool
}

resource "azapi_resource" "silent" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-silent"
  body      = { kind = "app,linux", properties = { siteConfig = { httpLoggingEnabled = false } } }
}

resource "azapi_resource" "unset" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-unset"
  body      = { properties = {} }
}

resource "azapi_update_resource" "unset_logs" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = azapi_resource.unset.id
  name      = "logs"
  body      = { properties = { httpLogs = { fileSystem = { retentionInMb = 35 } } } }
}

resource "azapi_resource" "maybe" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-maybe"
  body      = { properties = { siteConfig = { httpLoggingEnabled = var.on } } }
}`,
	Fails:    []string{"azapi_resource.silent"},
	Unknowns: []string{"azapi_resource.unset", "azapi_resource.maybe"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.unset": {Message: "azapi_update_resource.unset_logs sets httpLogs.fileSystem without enabled"},
	},
}}
