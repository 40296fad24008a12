package azure

import (
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// The App Service resources: web apps and function apps, their deployment
// slots, and the legacy azurerm_app_service / azurerm_function_app that
// azurerm 3.x deprecated.
var (
	webApps = []string{
		"azurerm_linux_web_app", "azurerm_windows_web_app",
		"azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
		legacyAppService, "azurerm_app_service_slot",
	}
	functionApps = []string{
		"azurerm_linux_function_app", "azurerm_windows_function_app",
		"azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot",
		legacyFunctionApp, "azurerm_function_app_slot",
	}
	allApps = append(append([]string(nil), webApps...), functionApps...)
)

const (
	legacyAppService  = "azurerm_app_service"
	legacyFunctionApp = "azurerm_function_app"
)

// isLegacyApp reports whether r is one of the azurerm 2.x app resources,
// whose site_config arguments have other names and defaults.
func isLegacyApp(r *scanner.Resource) bool {
	return r.Type == legacyAppService || r.Type == legacyFunctionApp || strings.HasSuffix(r.Type, "app_service_slot") || r.Type == "azurerm_function_app_slot"
}

// siteConfig returns the app's site_config block (an empty one when it is
// absent, so that its defaults apply), unknown when it is dynamic.
func siteConfig(r *scanner.Resource) (cfg *scanner.Block, unknown bool) {
	if r.BlocksUnknown("site_config") {
		return nil, true
	}
	if c := r.FirstBlock("site_config"); c != nil {
		return c, false
	}
	return scanner.NewBlock("site_config", r.Range), false
}

var appServiceHTTPSOnly = &scanner.Rule{
	ID:    "azure-appservice-https-only",
	Title: "Web and function apps redirect HTTP to HTTPS",
	Description: "An app that answers plain HTTP lets credentials, cookies and data cross the network unencrypted and " +
		"exposes users to downgrade attacks. CC6.7 expects data in transit encrypted. https_only defaults to false on " +
		"every App Service resource.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: allApps,
	Remediation:   "Set https_only = true.",
	RemediationCode: `resource "azurerm_linux_web_app" "app" {
  # ...
  https_only = true
}`,
	Links: []string{
		azurermDocs + "linux_web_app#https_only",
		"https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_14"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_70"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0004"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "app" {
  name       = "acme"
  https_only = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "https" {
  type = bool
}

resource "azurerm_windows_function_app" "default" {
  name = "acme-func"
}

resource "azurerm_app_service" "unknown" {
  name       = "acme-legacy"
  https_only = var.https
}`,
		Fails:    []string{"azurerm_windows_function_app.default"},
		Unknowns: []string{"azurerm_app_service.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("https_only"), false, true, "the app answers plain HTTP")
	},
}

var appServiceMinTLS = &scanner.Rule{
	ID:    "azure-appservice-min-tls-1-2",
	Title: "Web and function apps refuse TLS versions older than 1.2",
	Description: "TLS 1.0 and 1.1 are deprecated and have known weaknesses. CC6.7 expects current encryption for data " +
		"in transit. The minimum TLS version (site_config.minimum_tls_version, min_tls_version on the legacy " +
		"resources) defaults to 1.2, and so does the one of the SCM (Kudu) site; the rule fails an app that lowers " +
		"either.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: allApps,
	Remediation:   "Remove minimum_tls_version and scm_minimum_tls_version or set them to \"1.2\" (or \"1.3\").",
	RemediationCode: `resource "azurerm_linux_web_app" "app" {
  # ...
  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = "1.2"
  }
}`,
	Links: []string{
		azurermDocs + "linux_web_app#minimum_tls_version",
		"https://learn.microsoft.com/en-us/azure/app-service/overview-tls",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_15"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_145"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0006"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "default" {
  name = "acme"
  site_config {}
}

resource "azurerm_app_service" "legacy" {
  name = "acme-legacy"
  site_config {
    min_tls_version = "1.2"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "tls" {
  type = string
}

resource "azurerm_linux_web_app" "old" {
  name = "acme"
  site_config {
    minimum_tls_version = "1.0"
  }
}

resource "azurerm_windows_function_app" "scm" {
  name = "acme-func"
  site_config {
    scm_minimum_tls_version = "1.1"
  }
}

resource "azurerm_linux_function_app" "unknown" {
  name = "acme-func2"
  site_config {
    minimum_tls_version = var.tls
  }
}`,
		Fails:    []string{"azurerm_linux_web_app.old", "azurerm_windows_function_app.scm"},
		Unknowns: []string{"azurerm_linux_function_app.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_windows_function_app.scm": {Line: 16, Message: "scm_minimum_tls_version is 1.1"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cfg, unknown := siteConfig(r)
		if unknown {
			return scanner.Unknowable(r.Range, "site_config is not known until apply")
		}
		names := []string{"minimum_tls_version", "scm_minimum_tls_version"}
		if isLegacyApp(r) {
			names = []string{"min_tls_version", "scm_min_tls_version"}
		}
		for _, n := range names {
			v := cfg.Attr(n)
			switch {
			case v.IsUnknown():
				return scanner.Unknowable(v.Range, "%s is not known until apply", n)
			case v.OneOf("1.0", "1.1"):
				return scanner.Failed(v.Range, "%s is %s: clients may connect with deprecated TLS", n, v.StringOr(""))
			}
		}
		return scanner.Passed()
	},
}

var appServiceFTPS = &scanner.Rule{
	ID:    "azure-appservice-ftps-only",
	Title: "Web and function apps do not accept plain FTP deployments",
	Description: "With ftps_state = AllAllowed, the app's deployment endpoint accepts plain FTP, which sends the " +
		"publishing credentials and the code in the clear. CC6.7 expects data in transit encrypted. The newer " +
		"resources default ftps_state to Disabled; the legacy azurerm_app_service and azurerm_function_app default " +
		"it to AllAllowed, so leaving it unset there fails.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC8.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: allApps,
	Remediation:   "Set site_config.ftps_state = \"Disabled\" (or \"FtpsOnly\" if FTP deployment is needed).",
	RemediationCode: `resource "azurerm_linux_web_app" "app" {
  # ...
  site_config {
    ftps_state = "Disabled"
  }
}`,
	Links: []string{
		azurermDocs + "linux_web_app#ftps_state",
		"https://learn.microsoft.com/en-us/azure/app-service/deploy-ftp#enforce-ftps",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_78"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "default" {
  name = "acme"
  site_config {}
}

resource "azurerm_app_service" "legacy" {
  name = "acme-legacy"
  site_config {
    ftps_state = "FtpsOnly"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "ftps" {
  type = string
}

resource "azurerm_windows_web_app" "ftp" {
  name = "acme"
  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_function_app" "legacy_default" {
  name = "acme-func"
}

resource "azurerm_linux_web_app" "unknown" {
  name = "acme2"
  site_config {
    ftps_state = var.ftps
  }
}`,
		Fails:    []string{"azurerm_windows_web_app.ftp", "azurerm_function_app.legacy_default"},
		Unknowns: []string{"azurerm_linux_web_app.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cfg, unknown := siteConfig(r)
		if unknown {
			return scanner.Unknowable(r.Range, "site_config is not known until apply")
		}
		v := cfg.Attr("ftps_state")
		switch {
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "ftps_state is not known until apply")
		case v.Equals("AllAllowed"):
			return scanner.Failed(v.Range, "ftps_state is AllAllowed: deployments may use plain FTP")
		case v.IsNull() && isLegacyApp(r):
			return scanner.Failed(v.Range, "ftps_state is not set and defaults to AllAllowed on %s: deployments may use plain FTP", r.Type)
		}
		return scanner.Passed()
	},
}

var appServiceManagedIdentity = &scanner.Rule{
	ID:    "azure-appservice-managed-identity",
	Title: "Web and function apps have a managed identity",
	Description: "An app without a managed identity can reach databases, storage and Key Vault only with secrets kept " +
		"in its settings, which leak through deployment logs, exports and anyone with read access to the " +
		"configuration. A managed identity gets tokens from Entra ID with no secret to store or rotate, and Key Vault " +
		"references in app_settings need one. CC6.1 expects credentials protected.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.2"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: allApps,
	Remediation:   "Add an identity block (SystemAssigned or UserAssigned) and grant it the roles the app needs.",
	RemediationCode: `resource "azurerm_linux_web_app" "app" {
  # ...
  identity {
    type = "SystemAssigned"
  }
}`,
	Links: []string{
		azurermDocs + "linux_web_app#identity",
		"https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_16"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_71"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0002"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_function_app" "app" {
  name = "acme"
  identity {
    type = "SystemAssigned"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "identity" {
  type = list(string)
}

resource "azurerm_windows_web_app" "none" {
  name = "acme"
}

resource "azurerm_linux_web_app" "unknown" {
  name = "acme2"
  dynamic "identity" {
    for_each = var.identity
    content {
      type = identity.value
    }
  }
}`,
		Fails:    []string{"azurerm_windows_web_app.none"},
		Unknowns: []string{"azurerm_linux_web_app.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("identity") {
			return scanner.Unknowable(r.Range, "the identity block is not known until apply")
		}
		if r.FirstBlock("identity") != nil {
			return scanner.Passed()
		}
		return scanner.Failed(r.Range, "the app has no managed identity: it can reach other services only with stored secrets")
	},
}

// secretSettingName matches application setting and connection string
// names that hold credentials.
var secretSettingName = lazyre.New(`(?i)(password|passwd|pwd|secret|token|api_?key|access_?key|account_?key|private_?key|connection_?string|credential|sas)`)

// isKeyVaultReference reports whether a setting's value is an App Service
// Key Vault reference, resolved at run time with the app's identity.
func isKeyVaultReference(s string) bool {
	return strings.HasPrefix(strings.TrimSpace(s), "@Microsoft.KeyVault(")
}

var appServiceNoSecretsInSettings = &scanner.Rule{
	ID:    "azure-appservice-no-literal-secrets",
	Title: "Web and function apps do not keep secrets as literal application settings",
	Description: "Application settings and connection strings are stored in the app's configuration and in Terraform " +
		"state, shown to anyone with read access to the site, and copied into every export and slot swap. A " +
		"password, key or token written there as a literal cannot be rotated without a deployment and is not audited " +
		"on use. CC6.1 expects credentials protected; Key Vault references (@Microsoft.KeyVault(...)) resolved with " +
		"the app's managed identity keep them out. The rule fails an app_settings entry or connection_string whose " +
		"name looks like a secret (password, secret, token, key, connection string, SAS…) and whose value is a known " +
		"literal rather than a Key Vault reference; values computed from other resources are not judged. A map only " +
		"known after apply is read by the parts it is written from (merge(), conditionals, local values and module " +
		"inputs): a literal secret under a key it surely holds fails, a part the provider computes (an attribute of a " +
		"resource, data source or azapi output) holds no literal, and a part that cannot be read (a variable without a " +
		"value) or a literal an unknown condition may keep leaves the result unknown.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: allApps,
	Remediation:   "Store the secret in Key Vault and set the setting to a Key Vault reference, or let the app authenticate with its managed identity instead of a secret.",
	RemediationCode: `resource "azurerm_linux_web_app" "app" {
  # ...
  identity {
    type = "SystemAssigned"
  }
  app_settings = {
    DB_PASSWORD = "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault_secret.db.versionless_id})"
  }
}`,
	Links: []string{
		azurermDocs + "linux_web_app#app_settings",
		"https://learn.microsoft.com/en-us/azure/app-service/app-service-key-vault-references",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "app" {
  name = "acme"
  identity {
    type = "SystemAssigned"
  }
  app_settings = {
    DB_PASSWORD   = "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db/)"
    FEATURE_FLAGS = "beta"
  }
}`}, {Code: `
variable "app_settings" {
  type    = map(string)
  default = { REGION = "westeurope" }
}

resource "azurerm_application_insights" "ai" {
  name = "acme-ai"
}

resource "azapi_resource" "site" {
  type = "Microsoft.Web/sites@2024-04-01"
  name = "acme"
}

locals {
  # The connection string is known after apply, so whether the key is
  # added is too; either way its value comes from the provider.
  insights = azurerm_application_insights.ai.connection_string != null ? {
    APPLICATIONINSIGHTS_CONNECTION_STRING = azurerm_application_insights.ai.connection_string
  } : {}
}

# Only known after apply, but every part is either a known map without a
# literal secret or computed by the provider.
resource "azurerm_linux_web_app" "merged" {
  name         = "acme"
  app_settings = merge(var.app_settings, local.insights, azapi_resource.site.output.properties)
}`}, {Code: `
variable "databases" {
  type = map(string)
}

# The content of the dynamic block takes the value from the collection.
resource "azurerm_linux_web_app" "dynamic_conn" {
  name = "acme"
  dynamic "connection_string" {
    for_each = var.databases
    content {
      name  = connection_string.key
      type  = "SQLAzure"
      value = connection_string.value
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_windows_web_app" "literal" {
  name = "acme"
  app_settings = {
    STRIPE_API_KEY = "sk_live_not_a_real_key"
    REGION         = "westeurope"
  }
}

resource "azurerm_linux_function_app" "conn" {
  name = "acme-func"
  connection_string {
    name  = "Database"
    type  = "SQLAzure"
    value = "Server=tcp:acme.database.windows.net;Password=not-a-real-password"
  }
}

variable "use_staging" {
  type = bool
}

# Which map is used is known only after apply, and one holds a key.
resource "azurerm_linux_web_app" "chosen" {
  name         = "acme"
  app_settings = var.use_staging ? { STAGE = "staging" } : { API_KEY = "sk_live_not_a_real_key" }
}`,
		Fails:    []string{"azurerm_windows_web_app.literal", "azurerm_linux_function_app.conn"},
		Unknowns: []string{"azurerm_linux_web_app.chosen"},
		Expect: map[string]scanner.Expected{
			"azurerm_windows_web_app.literal": {Line: 4, Message: "STRIPE_API_KEY"},
		},
	}, {Code: `
variable "extra_settings" {
  type = map(string)
}

resource "azurerm_storage_account" "sa" {
  name = "acmesa"
}

# A literal key merged after a map only known after apply is surely there.
resource "azurerm_linux_web_app" "merged" {
  name = "acme"
  app_settings = merge(
    { WEBSITE_RUN_FROM_PACKAGE = "1" },
    { STORAGE = azurerm_storage_account.sa.primary_connection_string },
    var.extra_settings,
    { API_KEY = "sk_live_not_a_real_key" },
  )
}

# A variable without a value may hold any setting: it cannot be judged.
resource "azurerm_linux_web_app" "open" {
  name         = "acme2"
  app_settings = merge({ REGION = "westeurope" }, var.extra_settings)
}`,
		Fails:    []string{"azurerm_linux_web_app.merged"},
		Unknowns: []string{"azurerm_linux_web_app.open"},
		Expect: map[string]scanner.Expected{
			"azurerm_linux_web_app.merged": {Message: "API_KEY"},
			"azurerm_linux_web_app.open":   {Message: "var.extra_settings has no value"},
		},
	}, {Code: `
variable "databases" {
  type = list(string)
}

# A password written in the content of a dynamic block is in every block
# it generates, however many the variable asks for.
resource "azurerm_linux_web_app" "dynamic_conn" {
  name = "acme"
  dynamic "connection_string" {
    for_each = var.databases
    content {
      name  = connection_string.value
      type  = "SQLAzure"
      value = "Server=tcp:acme.database.windows.net;Password=not-a-real-password"
    }
  }
}`,
		Fails: []string{"azurerm_linux_web_app.dynamic_conn"},
		Expect: map[string]scanner.Expected{
			"azurerm_linux_web_app.dynamic_conn": {Line: 15, Message: "the connection strings a dynamic block generates hold a literal value"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		res := checkAppServiceLiteralSecrets(r)
		if res.Status.IsProblem() {
			res = res.WithSecrets(appServiceLiteralSecrets(r)...)
		}
		return res
	},
}

// appServiceLiteralSecrets are every literal secret of r that
// appServiceNoSecretsInSettings recognises, where it is written, for the
// engine to redact from code excerpts.
func appServiceLiteralSecrets(r *scanner.Resource) []scanner.Secret {
	var out []scanner.Secret
	settings := r.Attr("app_settings")
	add := func(name string, v cty.Value) {
		if v.IsKnown() && !v.IsNull() && v.Type().Equals(cty.String) && secretSettingName().MatchString(name) && literalSecret(v.AsString()) {
			out = append(out, scanner.Secret{Text: v.AsString(), Range: settings.Range})
		}
	}
	switch {
	case settings.IsKnown() && !settings.Val.IsNull():
		for it := settings.Val.ElementIterator(); it.Next(); {
			k, e := it.Element()
			add(k.AsString(), e)
		}
	case settings.Present:
		if parts := settings.Parts(); parts != nil {
			for _, e := range parts.Entries {
				add(e.Key, e.Val)
			}
		}
	}
	for _, cs := range r.BlocksWithTemplates("connection_string") {
		if v, ok := cs.Attr("value").AsString(); ok && literalSecret(v) {
			out = append(out, scanner.Secret{Text: v, Range: cs.Attr("value").Range})
		}
	}
	return out
}

// checkAppServiceLiteralSecrets is appServiceNoSecretsInSettings' check, but
// for the secrets its result names.
func checkAppServiceLiteralSecrets(r *scanner.Resource) scanner.Result {
	settings := r.Attr("app_settings")
	if settings.IsKnown() && !settings.Val.IsNull() {
		var found []string
		for it := settings.Val.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if !e.IsKnown() || e.IsNull() || !e.Type().Equals(cty.String) {
				continue
			}
			if name := k.AsString(); secretSettingName().MatchString(name) && literalSecret(e.AsString()) {
				found = append(found, name)
			}
		}
		if len(found) > 0 {
			sort.Strings(found)
			return scanner.Failed(settings.Range, "app_settings holds %s as a literal value: keep it in Key Vault and use a Key Vault reference", strings.Join(found, ", "))
		}
	}
	// The content of a dynamic block over an unknown collection is
	// read too: a literal written there is in every block generated.
	for _, cs := range r.BlocksWithTemplates("connection_string") {
		if v, ok := cs.Attr("value").AsString(); ok && literalSecret(v) {
			if name := cs.Attr("name"); name.IsUnknown() {
				return scanner.Failed(cs.Attr("value").Range, "the connection strings a dynamic block generates hold a literal value: keep it in Key Vault and use a Key Vault reference")
			}
			return scanner.Failed(cs.Attr("value").Range, "connection string %q is a literal value: keep it in Key Vault and use a Key Vault reference",
				cs.Attr("name").StringOr("?"))
		}
	}
	if settings.Present && !settings.Val.IsKnown() {
		return judgePartialSettings(settings)
	}
	return scanner.Passed()
}

// judgePartialSettings judges app_settings only known after apply by the
// parts it is written from: a literal secret under a key it surely holds
// fails whatever the rest; a part the provider computes (a resource's or
// azapi output's attribute) holds no literal; a literal that an unknown
// condition may keep, or a part that cannot be read (a variable without a
// value), leaves the result unknown.
func judgePartialSettings(settings scanner.Value) scanner.Result {
	parts := settings.Parts()
	if parts == nil {
		return scanner.Unknowable(settings.Range, "app_settings is only known after apply: the names and values of its settings cannot be judged")
	}
	var sure, maybe []string
	for _, e := range parts.Entries {
		if !e.Val.IsKnown() || e.Val.IsNull() || !e.Val.Type().Equals(cty.String) {
			continue
		}
		if secretSettingName().MatchString(e.Key) && literalSecret(e.Val.AsString()) {
			if e.Maybe {
				maybe = append(maybe, e.Key)
			} else {
				sure = append(sure, e.Key)
			}
		}
	}
	if len(sure) > 0 {
		sort.Strings(sure)
		return scanner.Failed(settings.Range, "app_settings holds %s as a literal value: keep it in Key Vault and use a Key Vault reference", strings.Join(uniq(sure), ", "))
	}
	if len(maybe) > 0 {
		sort.Strings(maybe)
		return scanner.Unknowable(settings.Range, "app_settings may hold %s as a literal value, as a condition only known after apply decides", strings.Join(uniq(maybe), ", "))
	}
	if parts.Open != "" {
		return scanner.Unknowable(settings.Range, "app_settings is only known after apply and the names of some settings cannot be read: %s", parts.Open)
	}
	return scanner.Passed()
}

// uniq drops repeated strings from a sorted slice.
func uniq(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// literalSecret reports whether a known setting value is a secret written
// in the configuration: not empty and not a Key Vault reference.
func literalSecret(s string) bool {
	return strings.TrimSpace(s) != "" && !isKeyVaultReference(s)
}

var appServiceClientCertificates = &scanner.Rule{
	ID:    "azure-appservice-client-certificates",
	Title: "Web apps require client certificates",
	Description: "Mutual TLS makes the app reject any client that cannot present a certificate, so that a service " +
		"meant for known callers (partners, other services, devices) is not reachable with a stolen password or " +
		"token alone. CC6.1 expects the identity of connecting systems authenticated. client_certificate_enabled " +
		"(client_cert_enabled on azurerm_app_service) defaults to false; an app that sets client_certificate_mode to " +
		"Optional or OptionalInteractiveUser still fails. Low severity: apps serving browsers rarely use client " +
		"certificates, and should exclude the rule for those apps.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.6"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: webApps,
	Remediation:   "Set client_certificate_enabled = true and client_certificate_mode = \"Required\".",
	RemediationCode: `resource "azurerm_linux_web_app" "api" {
  # ...
  client_certificate_enabled = true
  client_certificate_mode    = "Required"
}`,
	Links: []string{
		azurermDocs + "linux_web_app#client_certificate_enabled",
		"https://learn.microsoft.com/en-us/azure/app-service/app-service-web-configure-tls-mutual-auth",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_17"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0001"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "api" {
  name                       = "acme"
  client_certificate_enabled = true
  client_certificate_mode    = "Required"
}

resource "azurerm_app_service" "legacy" {
  name                = "acme-legacy"
  client_cert_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "mtls" {
  type = bool
}

resource "azurerm_windows_web_app" "default" {
  name = "acme"
}

resource "azurerm_linux_web_app" "optional" {
  name                       = "acme2"
  client_certificate_enabled = true
  client_certificate_mode    = "Optional"
}

resource "azurerm_linux_web_app" "unknown" {
  name                       = "acme3"
  client_certificate_enabled = var.mtls
}`,
		Fails:    []string{"azurerm_windows_web_app.default", "azurerm_linux_web_app.optional"},
		Unknowns: []string{"azurerm_linux_web_app.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		enabled := firstPresent(r.Block, "client_certificate_enabled", "client_cert_enabled")
		if res := requireSwitch(enabled, false, true, "clients connect without a certificate"); res.Status != scanner.Pass {
			return res
		}
		mode := firstPresent(r.Block, "client_certificate_mode", "client_cert_mode")
		switch {
		case mode.IsUnknown():
			return scanner.Unknowable(mode.Range, "%s is not known until apply", mode.Name)
		case mode.OneOf("Optional", "OptionalInteractiveUser"):
			return scanner.Failed(mode.Range, "%s is %s: clients may still connect without a certificate", mode.Name, mode.StringOr(""))
		}
		return scanner.Passed()
	},
}

var appServiceRemoteDebugging = &scanner.Rule{
	ID:    "azure-appservice-remote-debugging-disabled",
	Title: "Web and function apps do not allow remote debugging",
	Description: "Remote debugging opens extra inbound ports on the app and lets a debugger attach to the running " +
		"process, read its memory and change its behaviour. CC6.6 and CC8.1 expect production reachable only through " +
		"its intended interfaces and changed only through the change process. site_config.remote_debugging_enabled " +
		"defaults to false.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC8.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: allApps,
	Remediation:   "Remove remote_debugging_enabled or set it to false.",
	RemediationCode: `resource "azurerm_linux_web_app" "app" {
  # ...
  site_config {
    remote_debugging_enabled = false
  }
}`,
	Links: []string{
		azurermDocs + "linux_web_app#remote_debugging_enabled",
		"https://learn.microsoft.com/en-us/visualstudio/debugger/remote-debugging-azure-app-service",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "default" {
  name = "acme"
  site_config {}
}`}},
	Bad: []scanner.Example{{Code: `
variable "debug" {
  type = bool
}

resource "azurerm_windows_web_app" "debug" {
  name = "acme"
  site_config {
    remote_debugging_enabled = true
  }
}

resource "azurerm_linux_function_app" "unknown" {
  name = "acme2"
  site_config {
    remote_debugging_enabled = var.debug
  }
}`,
		Fails:    []string{"azurerm_windows_web_app.debug"},
		Unknowns: []string{"azurerm_linux_function_app.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		cfg, unknown := siteConfig(r)
		if unknown {
			return scanner.Unknowable(r.Range, "site_config is not known until apply")
		}
		return requireSwitch(firstPresent(cfg, "remote_debugging_enabled", "remote_debugging"), false, false,
			"a debugger can attach to the running app")
	},
}

var appServiceBasicPublishingAuth = &scanner.Rule{
	ID:    "azure-appservice-basic-publishing-auth-disabled",
	Title: "Web and function apps do not accept basic-auth publishing credentials",
	Description: "FTP and Web Deploy publishing with basic authentication use a per-app user name and password that " +
		"bypass Entra ID, conditional access and MFA, and deploy code with no named identity in the logs. CC6.1 and " +
		"CC8.1 expect changes made by identified users. ftp_publish_basic_authentication_enabled and " +
		"webdeploy_publish_basic_authentication_enabled default to true; the rule fails an app that leaves either on. " +
		"An azapi site is judged with its basicPublishingCredentialsPolicies children named ftp and scm, which are " +
		"the only way to switch them off there.",
	Severity: scanner.Medium,
	Criteria: scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC8.1"}},
	Family:   scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{
		"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app",
		"azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot", "azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot",
	},
	Remediation: "Set ftp_publish_basic_authentication_enabled = false and webdeploy_publish_basic_authentication_enabled = false, and deploy with Entra ID (azure/login, OIDC).",
	RemediationCode: `resource "azurerm_linux_web_app" "app" {
  # ...
  ftp_publish_basic_authentication_enabled       = false
  webdeploy_publish_basic_authentication_enabled = false
}`,
	Links: []string{
		azurermDocs + "linux_web_app#webdeploy_publish_basic_authentication_enabled",
		"https://learn.microsoft.com/en-us/azure/app-service/configure-basic-auth-disable",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "app" {
  name                                           = "acme"
  ftp_publish_basic_authentication_enabled       = false
  webdeploy_publish_basic_authentication_enabled = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "basic" {
  type = bool
}

resource "azurerm_windows_web_app" "default" {
  name = "acme"
}

resource "azurerm_linux_function_app" "webdeploy" {
  name                                     = "acme-func"
  ftp_publish_basic_authentication_enabled = false
}

resource "azurerm_linux_web_app" "unknown" {
  name                                           = "acme2"
  ftp_publish_basic_authentication_enabled       = false
  webdeploy_publish_basic_authentication_enabled = var.basic
}`,
		Fails:    []string{"azurerm_windows_web_app.default", "azurerm_linux_function_app.webdeploy"},
		Unknowns: []string{"azurerm_linux_web_app.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_linux_function_app.webdeploy": {Line: 10, Message: "webdeploy_publish_basic_authentication_enabled is not set"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		for _, n := range []string{"ftp_publish_basic_authentication_enabled", "webdeploy_publish_basic_authentication_enabled"} {
			if res := requireSwitch(r.Attr(n), true, false, "publishing accepts a shared user name and password"); res.Status != scanner.Pass {
				return res
			}
		}
		return scanner.Passed()
	},
}

var appServiceHTTPLogs = &scanner.Rule{
	ID:    "azure-appservice-http-logs",
	Title: "Web apps keep HTTP logs",
	Description: "HTTP logs record every request the app served: who called what, when, and with which result. Without " +
		"them an investigation cannot tell which requests reached the app. CC7.2 expects system activity logged and " +
		"monitored. The rule passes a web app whose logs block has http_logs, or that is the target of an " +
		"azurerm_monitor_diagnostic_setting or of an azapi Microsoft.Insights/diagnosticSettings child (which can send " +
		"AppServiceHTTPLogs elsewhere). An azapi site passes with properties.siteConfig.httpLoggingEnabled, a \"logs\" " +
		"config child that enables httpLogs, or a diagnostic settings child. A diagnostic setting whose count or " +
		"for_each is only known after apply may not exist, which leaves the app unknown.",
	Severity: scanner.Low,
	Criteria: scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:   scanner.FamilyLogging,
	ResourceTypes: []string{
		"azurerm_linux_web_app", "azurerm_windows_web_app", legacyAppService,
	},
	Remediation: "Add logs { http_logs { ... } } to the app, or a diagnostic setting that sends AppServiceHTTPLogs to Log Analytics.",
	RemediationCode: `resource "azurerm_linux_web_app" "app" {
  # ...
  logs {
    http_logs {
      file_system {
        retention_in_days = 30
        retention_in_mb   = 35
      }
    }
  }
}`,
	Links: []string{
		azurermDocs + "linux_web_app#http_logs",
		"https://learn.microsoft.com/en-us/azure/app-service/troubleshoot-diagnostic-logs",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "logged" {
  name = "acme"
  logs {
    http_logs {
      file_system {
        retention_in_days = 30
        retention_in_mb   = 35
      }
    }
  }
}

resource "azurerm_windows_web_app" "diag" {
  name = "acme2"
}

resource "azurerm_monitor_diagnostic_setting" "diag" {
  name                       = "http"
  target_resource_id         = azurerm_windows_web_app.diag.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
  enabled_log {
    category = "AppServiceHTTPLogs"
  }
}

resource "azurerm_linux_web_app" "azapi" {
  name = "acme3"
}

resource "azapi_resource" "http_logs" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  parent_id = azurerm_linux_web_app.azapi.id
  name      = "http"
  body      = { properties = { logs = [{ category = "AppServiceHTTPLogs", enabled = true }] } }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_linux_web_app" "silent" {
  name = "acme"
}

variable "settings" {
  type = map(string)
}

resource "azurerm_linux_web_app" "maybe" {
  name = "acme2"
}

# Whether any setting exists is only known after apply.
resource "azurerm_monitor_diagnostic_setting" "maybe" {
  for_each                   = var.settings
  name                       = each.key
  target_resource_id         = azurerm_linux_web_app.maybe.id
  log_analytics_workspace_id = each.value
  enabled_log {
    category = "AppServiceHTTPLogs"
  }
}`, Fails: []string{"azurerm_linux_web_app.silent"}, Unknowns: []string{"azurerm_linux_web_app.maybe"},
		Expect: map[string]scanner.Expected{
			"azurerm_linux_web_app.maybe": {Message: "it may not exist"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.BlocksUnknown("logs") {
			return scanner.Unknowable(r.Range, "the logs block is not known until apply")
		}
		if logs := r.FirstBlock("logs"); logs != nil && (logs.FirstBlock("http_logs") != nil || logs.BlocksUnknown("http_logs")) {
			return scanner.Passed()
		}
		if res, decided, _ := diagnosticLogging(ctx, r, anySetting, "the HTTP logs"); decided {
			return res
		}
		return scanner.Failed(r.Range, "no http_logs block and no diagnostic setting: the requests the app serves are not logged")
	},
}
