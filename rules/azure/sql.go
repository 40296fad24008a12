package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

const (
	mssqlServerDocs   = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server"
	mssqlDatabaseDocs = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database"
)

var mssqlPublicNetworkAccess = &scanner.Rule{
	ID:    "azure-mssql-public-network-access-disabled",
	Title: "Azure SQL servers disable public network access",
	Description: "With public network access enabled the server's endpoint is reachable from the internet and protected " +
		"only by its firewall rules and credentials; one broad firewall rule exposes every database. CC6.6 expects data " +
		"stores behind boundary protection; use private endpoints. public_network_access_enabled defaults to true.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"azurerm_mssql_server"},
	Remediation:   "Set public_network_access_enabled = false and connect through an azurerm_private_endpoint.",
	RemediationCode: `resource "azurerm_mssql_server" "main" {
  # ...
  public_network_access_enabled = false
}`,
	Links: []string{
		mssqlServerDocs + "#public_network_access_enabled",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#deny-public-network-access",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_113"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0022"},
		{Tool: scanner.ToolTfsec, ID: "azure-database-no-public-access"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "private" {
  name                          = "acme-sql"
  resource_group_name           = "rg"
  location                      = "West Europe"
  version                       = "12.0"
  public_network_access_enabled = false
}`}},
	Bad: []scanner.Example{{Code: `
variable "public" {
  type = bool
}

resource "azurerm_mssql_server" "default" {
  name                = "acme-sql"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "12.0"
}

resource "azurerm_mssql_server" "unknown" {
  name                          = "acme-sql-2"
  resource_group_name           = "rg"
  location                      = "West Europe"
  version                       = "12.0"
  public_network_access_enabled = var.public
}`,
		Fails:    []string{"azurerm_mssql_server.default"},
		Unknowns: []string{"azurerm_mssql_server.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requirePublicAccessOff(r.Attr("public_network_access_enabled"), "the server")
	},
}

// requirePublicAccessOff decides a public_network_access_enabled argument
// that defaults to true.
func requirePublicAccessOff(v scanner.Value, what string) scanner.Result {
	on := v.BoolOr(true)
	switch {
	case on == scanner.Maybe:
		return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
	case on == scanner.No:
		return scanner.Passed()
	case v.IsNull():
		return scanner.Failed(v.Range, "public_network_access_enabled is not set and defaults to true: %s is reachable from the internet", what)
	}
	return scanner.Failed(v.Range, "%s is true: %s is reachable from the internet", v.Name, what)
}

var mssqlMinTLS = &scanner.Rule{
	ID:    "azure-mssql-min-tls-1-2",
	Title: "Azure SQL servers refuse TLS versions older than 1.2",
	Description: "A server that accepts TLS 1.0 or 1.1, or has no minimum at all (Disabled), lets clients connect with " +
		"deprecated protocols. CC6.7 expects current encryption in transit. azurerm defaults minimum_tls_version to 1.2 " +
		"since v3.0, so only an explicit older value fails.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{"azurerm_mssql_server"},
	Remediation:   "Remove minimum_tls_version (it defaults to \"1.2\") or set it to \"1.2\" or \"1.3\".",
	RemediationCode: `resource "azurerm_mssql_server" "main" {
  # ...
  minimum_tls_version = "1.2"
}`,
	Links: []string{mssqlServerDocs + "#minimum_tls_version"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_52"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0026"},
		{Tool: scanner.ToolTfsec, ID: "azure-database-secure-tls-policy"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "default" {
  name                = "acme-sql"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "12.0"
}

resource "azurerm_mssql_server" "explicit" {
  name                = "acme-sql-2"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "12.0"
  minimum_tls_version = "1.2"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "old" {
  name                = "acme-sql"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "12.0"
  minimum_tls_version = "1.0"
}

resource "azurerm_mssql_server" "disabled" {
  name                = "acme-sql-2"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "12.0"
  minimum_tls_version = "Disabled"
}`, Fails: []string{"azurerm_mssql_server.old", "azurerm_mssql_server.disabled"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("minimum_tls_version")
		switch {
		case v.IsNull(), v.OneOf("1.2", "1.3"):
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "minimum_tls_version is not known until apply")
		}
		return scanner.Failed(v.Range, "minimum_tls_version is %q: clients can connect with TLS older than 1.2", v.StringOr("?"))
	},
}

var mssqlAuditing = &scanner.Rule{
	ID:    "azure-mssql-server-auditing-enabled",
	Title: "Azure SQL servers have auditing enabled",
	Description: "Server auditing records logins, permission changes and queries to a storage account, Log Analytics or " +
		"Event Hub; without it, access to customer data leaves no trail to investigate. CC7.2 expects security events to " +
		"be logged and monitored. The rule looks for an azurerm_mssql_server_extended_auditing_policy attached to the " +
		"server (or the inline extended_auditing_policy block of azurerm v2). It judges the legacy azurerm_sql_server " +
		"(azurerm v2 and v3) the same way.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC2.1", "CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"azurerm_mssql_server", "azurerm_sql_server"},
	Remediation:   "Add an azurerm_mssql_server_extended_auditing_policy for the server, sending audit logs to Log Analytics or a storage account with ≥ 90 days retention.",
	RemediationCode: `resource "azurerm_mssql_server_extended_auditing_policy" "main" {
  server_id              = azurerm_mssql_server.main.id
  log_monitoring_enabled = true
  retention_in_days      = 365
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server_extended_auditing_policy",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_23"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0027"},
		{Tool: scanner.ToolTfsec, ID: "azure-database-enable-audit"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "audited" {
  name                = "acme-sql"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "audited" {
  server_id              = azurerm_mssql_server.audited.id
  log_monitoring_enabled = true
}

resource "azurerm_sql_server" "legacy_inline" {
  name                         = "acme-legacy"
  resource_group_name          = "rg"
  location                     = "West Europe"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "example-only"

  extended_auditing_policy {
    storage_endpoint  = "https://acmeaudit.blob.core.windows.net/"
    retention_in_days = 90
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "silent" {
  name                = "acme-sql"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "12.0"
}

resource "azurerm_mssql_server" "disabled" {
  name                = "acme-sql-2"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "disabled" {
  server_id = azurerm_mssql_server.disabled.id
  enabled   = false
}

resource "azurerm_sql_server" "legacy" {
  name                         = "acme-legacy"
  resource_group_name          = "rg"
  location                     = "West Europe"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "example-only"
}

variable "audit_storage_endpoints" {
  type = list(string)
}

# The inline policy is generated from a list known only after apply.
resource "azurerm_mssql_server" "dynamic_policy" {
  name                = "acme-dynamic"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "12.0"
  dynamic "extended_auditing_policy" {
    for_each = var.audit_storage_endpoints
    content {
      storage_endpoint = extended_auditing_policy.value
    }
  }
}`, Fails: []string{"azurerm_mssql_server.silent", "azurerm_mssql_server.disabled", "azurerm_sql_server.legacy"},
		Unknowns: []string{"azurerm_mssql_server.dynamic_policy"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		inline, dynamic := r.Follow("extended_auditing_policy")
		if inline != nil {
			return scanner.Passed()
		}
		policies := referrersOf(ctx, r, "azurerm_mssql_server_extended_auditing_policy", "server_id")
		if len(policies) == 0 {
			if dynamic != "" {
				return scanner.Unknowable(r.Range, "extended_auditing_policy is a dynamic block over a collection only known after apply")
			}
			return scanner.Failed(r.Range, "no azurerm_mssql_server_extended_auditing_policy is attached to the server: access to its databases is not audited")
		}
		unknown := false
		for _, p := range policies {
			on := p.Attr("enabled").BoolOr(true)
			switch on {
			case scanner.Maybe:
				unknown = true
			case scanner.Yes:
				return scanner.Passed()
			}
		}
		if unknown {
			return scanner.Unknowable(r.Range, "whether the server's auditing policy is enabled is not known until apply")
		}
		return scanner.Failed(r.Range, "the server's extended auditing policy sets enabled = false: access to its databases is not audited")
	},
}

var mssqlDatabaseGeoBackup = &scanner.Rule{
	ID:    "azure-mssql-database-geo-redundant-backup",
	Title: "Azure SQL databases store backups geo-redundantly",
	Description: "Azure SQL keeps point-in-time and long-term backups in geo-redundant storage unless storage_account_type " +
		"is set to Local or Zone; then every backup is in the database's region and a regional outage leaves nothing to " +
		"restore from. A1.2 expects backups stored off site. storage_account_type defaults to Geo and geo_backup_enabled " +
		"(data warehouse SKUs) to true, so only an explicit downgrade fails.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: []string{"azurerm_mssql_database"},
	Remediation:   "Remove storage_account_type (it defaults to Geo) or set it to \"Geo\" or \"GeoZone\"; do not set geo_backup_enabled = false.",
	RemediationCode: `resource "azurerm_mssql_database" "main" {
  # ...
  storage_account_type = "GeoZone"
}`,
	Links: []string{
		mssqlDatabaseDocs + "#storage_account_type",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/automated-backups-overview#backup-storage-redundancy",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_database" "default" {
  name      = "app"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
}

resource "azurerm_mssql_database" "geozone" {
  name                 = "app2"
  server_id            = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  storage_account_type = "GeoZone"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_mssql_database" "local" {
  name                 = "app"
  server_id            = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  storage_account_type = "Local"
}

resource "azurerm_mssql_database" "zone" {
  name                 = "app2"
  server_id            = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  storage_account_type = "Zone"
}

resource "azurerm_mssql_database" "dw" {
  name               = "dw"
  server_id          = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  sku_name           = "DW100c"
  geo_backup_enabled = false
}`, Fails: []string{"azurerm_mssql_database.local", "azurerm_mssql_database.zone", "azurerm_mssql_database.dw"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		geo := r.Attr("geo_backup_enabled")
		switch geo.BoolOr(true) {
		case scanner.Maybe:
			return scanner.Unknowable(geo.Range, "geo_backup_enabled is not known until apply")
		case scanner.No:
			return scanner.Failed(geo.Range, "geo_backup_enabled is false: the data warehouse's backups are not copied to the paired region")
		}
		v := r.Attr("storage_account_type")
		switch {
		case v.IsNull(), v.OneOf("Geo", "GeoZone"):
			return scanner.Passed()
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "storage_account_type is not known until apply")
		}
		return scanner.Failed(v.Range, "storage_account_type is %q: every backup of the database stays in its region", v.StringOr("?"))
	},
}

var mssqlDatabaseShortTermRetention = &scanner.Rule{
	ID:    "azure-mssql-database-backup-retention",
	Title: "Azure SQL databases keep point-in-time backups long enough",
	Description: "Point-in-time restore can only go back as far as the short-term retention period; corruption noticed " +
		"after that cannot be undone. A1.2 expects backups retained to meet recovery objectives. Azure keeps 7 days when " +
		"short_term_retention_policy is not set (1–35 days allowed).",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"azurerm_mssql_database"},
	Params: []scanner.Param{{
		Name:        "min_retention_days",
		Description: "Minimum point-in-time restore window, in days.",
		Default:     7,
		Min:         1,
		Max:         35,
	}},
	Remediation: "Set short_term_retention_policy { retention_days = 7 } or more (up to 35).",
	RemediationCode: `resource "azurerm_mssql_database" "main" {
  # ...
  short_term_retention_policy {
    retention_days = 14
  }
}`,
	Links: []string{
		mssqlDatabaseDocs + "#short_term_retention_policy",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/automated-backups-change-settings",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_database" "default" {
  name      = "app"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
}

resource "azurerm_mssql_database" "two_weeks" {
  name      = "app2"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  short_term_retention_policy {
    retention_days = 14
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_mssql_database" "short" {
  name      = "app"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  short_term_retention_policy {
    retention_days = 1
  }
}`, Fails: []string{"azurerm_mssql_database.short"}}, {Code: `
resource "azurerm_mssql_database" "default" {
  name      = "app"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
}`, Fails: []string{"azurerm_mssql_database.default"}, Params: map[string]any{"min_retention_days": 14}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.BlocksUnknown("short_term_retention_policy") {
			return scanner.Unknowable(r.Range, "short_term_retention_policy is not known until apply")
		}
		minimum := ctx.Int("min_retention_days")
		days := r.FirstBlock("short_term_retention_policy").Attr("retention_days")
		if !days.Present {
			days.Range = r.Range
		}
		got, enough := days.IntAtLeast(7, minimum)
		switch enough {
		case scanner.Maybe:
			return scanner.Unknowable(days.Range, "short_term_retention_policy.retention_days is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		return scanner.Failed(days.Range, "point-in-time backups are kept for %d days, fewer than the required %d", got, minimum)
	},
}

var mssqlDatabaseLongTermRetention = &scanner.Rule{
	ID:    "azure-mssql-database-long-term-retention",
	Title: "Azure SQL databases keep long-term backups",
	Description: "Short-term backups last at most 35 days; weekly, monthly or yearly long-term retention keeps restore " +
		"points for the months auditors and customers ask about. A1.2 expects backups retained to meet recovery and " +
		"retention commitments. Without long_term_retention_policy (or with every period PT0S) no long-term backup is kept.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: []string{"azurerm_mssql_database"},
	Remediation:   "Add long_term_retention_policy with at least one of weekly_retention, monthly_retention or yearly_retention (ISO 8601 durations such as P4W, P12M, P5Y).",
	RemediationCode: `resource "azurerm_mssql_database" "main" {
  # ...
  long_term_retention_policy {
    weekly_retention  = "P4W"
    monthly_retention = "P12M"
    yearly_retention  = "P5Y"
    week_of_year      = 1
  }
}`,
	Links: []string{
		mssqlDatabaseDocs + "#long_term_retention_policy",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/long-term-retention-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_database" "ltr" {
  name      = "app"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  long_term_retention_policy {
    monthly_retention = "P12M"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_mssql_database" "none" {
  name      = "app"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
}

resource "azurerm_mssql_database" "zero" {
  name      = "app2"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  long_term_retention_policy {
    weekly_retention  = "PT0S"
    monthly_retention = "PT0S"
  }
}`, Fails: []string{"azurerm_mssql_database.none", "azurerm_mssql_database.zero"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("long_term_retention_policy") {
			return scanner.Unknowable(r.Range, "long_term_retention_policy is not known until apply")
		}
		policy := r.FirstBlock("long_term_retention_policy")
		if policy == nil {
			return scanner.Failed(r.Range, "long_term_retention_policy is not set: no backup is kept beyond the short-term window")
		}
		unknown := false
		for _, name := range []string{"weekly_retention", "monthly_retention", "yearly_retention"} {
			v := policy.Attr(name)
			switch {
			case v.IsUnknown():
				unknown = true
			case v.IsSet() && !v.OneOf("PT0S", ""):
				return scanner.Passed()
			}
		}
		if unknown {
			return scanner.Unknowable(policy.Range, "the long-term retention periods are not known until apply")
		}
		return scanner.Failed(policy.Range, "long_term_retention_policy keeps no weekly, monthly or yearly backup (all periods are PT0S or unset)")
	},
}

var mssqlDatabaseTDE = &scanner.Rule{
	ID:    "azure-mssql-database-tde-enabled",
	Title: "Azure SQL databases keep transparent data encryption on",
	Description: "Transparent data encryption encrypts a database, its backups and its transaction log at rest; with it " +
		"off, anyone who gets a copy of the files or a backup reads the data. CC6.1 lists encryption among logical access " +
		"controls and C1.1 expects confidential data protected. transparent_data_encryption_enabled defaults to true " +
		"(Azure only lets data warehouse SKUs turn it off), so only an explicit false fails. The key that protects it is " +
		"judged by azure-mssql-tde-cmk.",
	Severity:      scanner.High,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"azurerm_mssql_database"},
	Remediation:   "Remove transparent_data_encryption_enabled (it defaults to true) or set it to true.",
	RemediationCode: `resource "azurerm_mssql_database" "main" {
  # ...
  transparent_data_encryption_enabled = true
}`,
	Links: []string{
		mssqlDatabaseDocs + "#transparent_data_encryption_enabled",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/transparent-data-encryption-tde-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_database" "default" {
  name      = "app"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
}

resource "azurerm_mssql_database" "explicit" {
  name                                = "app2"
  server_id                           = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  transparent_data_encryption_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "tde" {
  type = bool
}

resource "azurerm_mssql_database" "dw" {
  name                                = "warehouse"
  server_id                           = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  sku_name                            = "DW100c"
  transparent_data_encryption_enabled = false
}

resource "azurerm_mssql_database" "unknown" {
  name                                = "app"
  server_id                           = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"
  transparent_data_encryption_enabled = var.tde
}`,
		Fails:    []string{"azurerm_mssql_database.dw"},
		Unknowns: []string{"azurerm_mssql_database.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_mssql_database.dw": {Line: 10, Message: "transparent_data_encryption_enabled is false"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSwitch(r.Attr("transparent_data_encryption_enabled"), true, true,
			"the database, its backups and its log are stored unencrypted")
	},
}
