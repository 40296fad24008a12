package azure

import (
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Azure Database for PostgreSQL and MySQL servers: the single-server
// resources (retired by Azure, still common in code) and flexible servers.
var openSourceDBServers = []string{
	"azurerm_postgresql_flexible_server",
	"azurerm_postgresql_server",
	"azurerm_mysql_flexible_server",
	"azurerm_mysql_server",
}

const azurermDocs = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"

// isReplica reports whether a flexible server is created as a read replica,
// which takes no backups of its own.
func isReplica(r *scanner.Resource) bool {
	return r.Attr("create_mode").Equals("Replica")
}

var databaseGeoRedundantBackup = &scanner.Rule{
	ID:    "azure-database-geo-redundant-backup",
	Title: "PostgreSQL and MySQL servers keep geo-redundant backups",
	Description: "Without geo-redundant backup storage, every backup of the server stays in its region, so a regional " +
		"outage or disaster leaves nothing to restore from. A1.2 expects backups stored off site. " +
		"geo_redundant_backup_enabled defaults to false on flexible and single servers, and can only be chosen when the " +
		"server is created. Read replicas (create_mode = \"Replica\") take no backups and are not checked.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC9.1", "CC7.5"}},
	Family:        scanner.FamilyBackupRegion,
	ResourceTypes: openSourceDBServers,
	Remediation:   "Set geo_redundant_backup_enabled = true when creating the server (existing servers must be restored into a new server with it enabled).",
	RemediationCode: `resource "azurerm_postgresql_flexible_server" "main" {
  # ...
  geo_redundant_backup_enabled = true
}`,
	Links: []string{
		azurermDocs + "postgresql_flexible_server#geo_redundant_backup_enabled",
		azurermDocs + "mysql_flexible_server#geo_redundant_backup_enabled",
		"https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore#geo-redundant-backup-and-restore",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_136"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_102"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_94"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_postgresql_flexible_server" "geo" {
  name                         = "acme-pg"
  resource_group_name          = "rg"
  location                     = "West Europe"
  version                      = "16"
  sku_name                     = "GP_Standard_D2s_v3"
  geo_redundant_backup_enabled = true
}

resource "azurerm_postgresql_flexible_server" "replica" {
  name                = "acme-pg-replica"
  resource_group_name = "rg"
  location            = "West Europe"
  create_mode         = "Replica"
  source_server_id    = azurerm_postgresql_flexible_server.geo.id
}

resource "azurerm_mysql_server" "geo" {
  name                         = "acme-mysql"
  resource_group_name          = "rg"
  location                     = "West Europe"
  sku_name                     = "GP_Gen5_2"
  version                      = "8.0"
  ssl_enforcement_enabled      = true
  geo_redundant_backup_enabled = true
}`}},
	Bad: []scanner.Example{{Code: `
variable "geo" {
  type = bool
}

resource "azurerm_postgresql_flexible_server" "default" {
  name                = "acme-pg"
  resource_group_name = "rg"
  location            = "West Europe"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_server" "off" {
  name                         = "acme-pg-single"
  resource_group_name          = "rg"
  location                     = "West Europe"
  sku_name                     = "GP_Gen5_2"
  version                      = "11"
  ssl_enforcement_enabled      = true
  geo_redundant_backup_enabled = false
}

resource "azurerm_mysql_flexible_server" "unknown" {
  name                         = "acme-mysql"
  resource_group_name          = "rg"
  location                     = "West Europe"
  geo_redundant_backup_enabled = var.geo
}`,
		Fails:    []string{"azurerm_postgresql_flexible_server.default", "azurerm_postgresql_server.off"},
		Unknowns: []string{"azurerm_mysql_flexible_server.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if isReplica(r) {
			return scanner.Passed()
		}
		v := r.Attr("geo_redundant_backup_enabled")
		on := v.BoolOr(false)
		switch {
		case on == scanner.Maybe:
			return scanner.Unknowable(v.Range, "geo_redundant_backup_enabled is not known until apply")
		case on == scanner.Yes:
			return scanner.Passed()
		case v.IsNull():
			return scanner.Failed(v.Range, "geo_redundant_backup_enabled is not set and defaults to false: every backup stays in %s",
				r.Attr("location").StringOr("the server's region"))
		}
		return scanner.Failed(v.Range, "geo_redundant_backup_enabled is false: every backup stays in %s",
			r.Attr("location").StringOr("the server's region"))
	},
}

var databaseBackupRetention = &scanner.Rule{
	ID:    "azure-database-backup-retention",
	Title: "PostgreSQL and MySQL servers keep backups long enough",
	Description: "The backup retention period bounds how far back a server can be restored; corruption or deletion noticed " +
		"later cannot be undone. A1.2 expects backups retained to meet recovery objectives. backup_retention_days " +
		"defaults to 7, which is also Azure's floor (7–35 allowed), so the default minimum is 14 days: two weekly " +
		"cycles in which to notice bad data before the last good backup expires.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "A1.2", Secondary: []string{"CC7.4", "CC9.1"}},
	Family:        scanner.FamilyBackup,
	ResourceTypes: openSourceDBServers,
	Params: []scanner.Param{{
		Name:        "min_retention_days",
		Description: "Minimum backup retention, in days (Azure allows 7–35).",
		Default:     14,
		Min:         7,
		Max:         35,
	}},
	Remediation: "Set backup_retention_days to at least the required minimum (up to 35).",
	RemediationCode: `resource "azurerm_postgresql_flexible_server" "main" {
  # ...
  backup_retention_days = 35
}`,
	Links: []string{
		azurermDocs + "postgresql_flexible_server#backup_retention_days",
		azurermDocs + "mysql_flexible_server#backup_retention_days",
		"https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_postgresql_flexible_server" "two_weeks" {
  name                  = "acme-pg"
  resource_group_name   = "rg"
  location              = "West Europe"
  backup_retention_days = 14
}

resource "azurerm_mysql_flexible_server" "month" {
  name                  = "acme-mysql"
  resource_group_name   = "rg"
  location              = "West Europe"
  backup_retention_days = 35
}

resource "azurerm_postgresql_flexible_server" "replica" {
  name                = "acme-pg-replica"
  resource_group_name = "rg"
  location            = "West Europe"
  create_mode         = "Replica"
  source_server_id    = azurerm_postgresql_flexible_server.two_weeks.id
}`}, {Code: `
resource "azurerm_postgresql_flexible_server" "default" {
  name                = "acme-pg"
  resource_group_name = "rg"
  location            = "West Europe"
}`, Params: map[string]any{"min_retention_days": 7}}},
	Bad: []scanner.Example{{Code: `
variable "days" {
  type = number
}

resource "azurerm_postgresql_flexible_server" "default" {
  name                = "acme-pg"
  resource_group_name = "rg"
  location            = "West Europe"
}

resource "azurerm_mysql_server" "week" {
  name                    = "acme-mysql"
  resource_group_name     = "rg"
  location                = "West Europe"
  sku_name                = "GP_Gen5_2"
  version                 = "8.0"
  ssl_enforcement_enabled = true
  backup_retention_days   = 7
}

resource "azurerm_mysql_flexible_server" "unknown" {
  name                  = "acme-mysql-flex"
  resource_group_name   = "rg"
  location              = "West Europe"
  backup_retention_days = var.days
}`,
		Fails:    []string{"azurerm_postgresql_flexible_server.default", "azurerm_mysql_server.week"},
		Unknowns: []string{"azurerm_mysql_flexible_server.unknown"},
	}, {Code: `
resource "azurerm_postgresql_flexible_server" "two_weeks" {
  name                  = "acme-pg"
  resource_group_name   = "rg"
  location              = "West Europe"
  backup_retention_days = 14
}`, Fails: []string{"azurerm_postgresql_flexible_server.two_weeks"}, Params: map[string]any{"min_retention_days": 30}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if isReplica(r) {
			return scanner.Passed()
		}
		minimum := ctx.Int("min_retention_days")
		v := r.Attr("backup_retention_days")
		got, enough := v.IntAtLeast(7, minimum)
		switch enough {
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "backup_retention_days is not known until apply")
		case scanner.Yes:
			return scanner.Passed()
		}
		return scanner.Failed(v.Range, "backups are kept for %d days, fewer than the required %d", got, minimum)
	},
}

var databasePublicNetworkAccess = &scanner.Rule{
	ID:    "azure-database-public-network-access-disabled",
	Title: "PostgreSQL and MySQL servers are not reachable from the public internet",
	Description: "A server with public network access has an internet-facing endpoint guarded only by firewall rules and " +
		"passwords. CC6.6 expects data stores behind boundary protection. public_network_access_enabled defaults to true; " +
		"flexible servers injected into a virtual network (delegated_subnet_id) have no public endpoint. MySQL flexible " +
		"server's newer public_network_access = \"Disabled\" is honoured too.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: openSourceDBServers,
	Remediation:   "Deploy flexible servers into a delegated subnet (delegated_subnet_id, private_dns_zone_id) or set public_network_access_enabled = false and use private endpoints.",
	RemediationCode: `resource "azurerm_postgresql_flexible_server" "main" {
  # ...
  delegated_subnet_id           = azurerm_subnet.db.id
  private_dns_zone_id           = azurerm_private_dns_zone.db.id
  public_network_access_enabled = false
}`,
	Links: []string{
		azurermDocs + "postgresql_flexible_server#public_network_access_enabled",
		azurermDocs + "mysql_flexible_server",
		azurermDocs + "postgresql_server#public_network_access_enabled",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_68"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_90"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0022"},
		{Tool: scanner.ToolTfsec, ID: "azure-database-no-public-access"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_postgresql_flexible_server" "vnet" {
  name                = "acme-pg"
  resource_group_name = "rg"
  location            = "West Europe"
  delegated_subnet_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/db"
}

resource "azurerm_postgresql_server" "private" {
  name                          = "acme-pg-single"
  resource_group_name           = "rg"
  location                      = "West Europe"
  sku_name                      = "GP_Gen5_2"
  version                       = "11"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = false
}

resource "azurerm_mysql_flexible_server" "v4" {
  name                  = "acme-mysql"
  resource_group_name   = "rg"
  location              = "West Europe"
  public_network_access = "Disabled"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_postgresql_flexible_server" "default" {
  name                = "acme-pg"
  resource_group_name = "rg"
  location            = "West Europe"
}

resource "azurerm_mysql_server" "public" {
  name                          = "acme-mysql"
  resource_group_name           = "rg"
  location                      = "West Europe"
  sku_name                      = "GP_Gen5_2"
  version                       = "8.0"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = true
}

resource "azurerm_mysql_flexible_server" "enabled" {
  name                  = "acme-mysql-flex"
  resource_group_name   = "rg"
  location              = "West Europe"
  public_network_access = "Enabled"
}

variable "subnet_id" {
  type = string
}

resource "azurerm_postgresql_flexible_server" "maybe_injected" {
  name                = "acme-pg2"
  resource_group_name = "rg"
  location            = "West Europe"
  delegated_subnet_id = var.subnet_id
}

# A blank delegated_subnet_id injects the server nowhere.
resource "azurerm_postgresql_flexible_server" "blank_subnet" {
  name                = "acme-pg3"
  resource_group_name = "rg"
  location            = "West Europe"
  delegated_subnet_id = ""
}`, Fails: []string{
		"azurerm_postgresql_flexible_server.default",
		"azurerm_mysql_server.public",
		"azurerm_mysql_flexible_server.enabled",
		"azurerm_postgresql_flexible_server.blank_subnet",
	}, Unknowns: []string{"azurerm_postgresql_flexible_server.maybe_injected"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if access := r.Attr("public_network_access"); access.IsSet() {
			switch {
			case access.IsUnknown():
				return scanner.Unknowable(access.Range, "public_network_access is not known until apply")
			case access.Equals("Disabled"):
				return scanner.Passed()
			}
			return scanner.Failed(access.Range, "public_network_access is %q: the server is reachable from the internet", access.StringOr("?"))
		}
		v := r.Attr("public_network_access_enabled")
		if v.IsNull() && strings.HasSuffix(r.Type, "_flexible_server") {
			// VNet-injected servers have no public endpoint.
			return ruleutil.PassIfNamed(r.Attr("delegated_subnet_id"), func() scanner.Result {
				return requirePublicAccessOff(v, "the server")
			})
		}
		return requirePublicAccessOff(v, "the server")
	},
}

var databaseTLSEnforced = &scanner.Rule{
	ID:    "azure-database-tls-enforced",
	Title: "PostgreSQL and MySQL servers require TLS 1.2 or newer",
	Description: "A server that accepts unencrypted connections or TLS older than 1.2 lets credentials and query results " +
		"cross the network unprotected. CC6.7 expects encryption in transit. Single servers are checked through " +
		"ssl_enforcement_enabled and ssl_minimal_tls_version_enforced (default TLS1_2); flexible servers enforce TLS by " +
		"default and are checked through their server parameters: require_secure_transport must not be OFF and " +
		"ssl_min_protocol_version (PostgreSQL) or tls_version (MySQL) must not allow TLS 1.0 or 1.1.",
	Severity: scanner.High,
	Criteria: scanner.Criteria{Primary: "CC6.7", Secondary: []string{"CC6.1"}},
	Family:   scanner.FamilyEncryptionInTransit,
	ResourceTypes: []string{
		"azurerm_postgresql_server",
		"azurerm_mysql_server",
		"azurerm_postgresql_flexible_server_configuration",
		"azurerm_mysql_flexible_server_configuration",
	},
	Remediation: "Set ssl_enforcement_enabled = true and ssl_minimal_tls_version_enforced = \"TLS1_2\" on single servers; " +
		"remove server parameters that turn require_secure_transport off or allow TLS 1.0/1.1 on flexible servers.",
	RemediationCode: `resource "azurerm_postgresql_server" "main" {
  # ...
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}`,
	Links: []string{
		azurermDocs + "postgresql_server#ssl_enforcement_enabled",
		azurermDocs + "postgresql_flexible_server_configuration",
		"https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking-ssl-tls",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_29"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_28"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0020"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AZU-0026"},
		{Tool: scanner.ToolTfsec, ID: "azure-database-enable-ssl-enforcement"},
		{Tool: scanner.ToolTfsec, ID: "azure-database-secure-tls-policy"},
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_postgresql_server" "tls" {
  name                             = "acme-pg-single"
  resource_group_name              = "rg"
  location                         = "West Europe"
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}

resource "azurerm_postgresql_flexible_server_configuration" "tls13" {
  name      = "ssl_min_protocol_version"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/acme-pg"
  value     = "TLSv1.3"
}

resource "azurerm_postgresql_flexible_server_configuration" "unrelated" {
  name      = "log_connections"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/acme-pg"
  value     = "on"
}

resource "azurerm_mysql_flexible_server_configuration" "tls" {
  name                = "tls_version"
  resource_group_name = "rg"
  server_name         = "acme-mysql"
  value               = "TLSv1.2,TLSv1.3"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_postgresql_server" "no_ssl" {
  name                    = "acme-pg-single"
  resource_group_name     = "rg"
  location                = "West Europe"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = false
}

resource "azurerm_mysql_server" "old_tls" {
  name                             = "acme-mysql"
  resource_group_name              = "rg"
  location                         = "West Europe"
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_0"
}

resource "azurerm_postgresql_flexible_server_configuration" "plaintext" {
  name      = "require_secure_transport"
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/acme-pg"
  value     = "off"
}

resource "azurerm_mysql_flexible_server_configuration" "tls11" {
  name                = "tls_version"
  resource_group_name = "rg"
  server_name         = "acme-mysql"
  value               = "TLSv1.1,TLSv1.2"
}`, Fails: []string{
		"azurerm_postgresql_server.no_ssl",
		"azurerm_mysql_server.old_tls",
		"azurerm_postgresql_flexible_server_configuration.plaintext",
		"azurerm_mysql_flexible_server_configuration.tls11",
	}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if strings.HasSuffix(r.Type, "_configuration") {
			return serverParameterTLS(r)
		}
		ssl := r.Attr("ssl_enforcement_enabled")
		if !ssl.Present {
			// azurerm v2 spelled it ssl_enforcement = "Enabled" | "Disabled".
			if legacy := r.Attr("ssl_enforcement"); legacy.Present {
				switch {
				case legacy.IsUnknown():
					return scanner.Unknowable(legacy.Range, "ssl_enforcement is not known until apply")
				case !legacy.Equals("Enabled"):
					return scanner.Failed(legacy.Range, "ssl_enforcement is %q: clients can connect without TLS", legacy.StringOr("?"))
				}
			}
		} else {
			switch {
			case ssl.IsUnknown():
				return scanner.Unknowable(ssl.Range, "ssl_enforcement_enabled is not known until apply")
			case !ssl.IsTrue():
				return scanner.Failed(ssl.Range, "ssl_enforcement_enabled is false: clients can connect without TLS")
			}
		}
		tls := r.Attr("ssl_minimal_tls_version_enforced")
		switch {
		case tls.IsNull(), tls.OneOf("TLS1_2", "TLS1_3"):
			return scanner.Passed()
		case tls.IsUnknown():
			return scanner.Unknowable(tls.Range, "ssl_minimal_tls_version_enforced is not known until apply")
		}
		return scanner.Failed(tls.Range, "ssl_minimal_tls_version_enforced is %q: clients can connect with TLS older than 1.2", tls.StringOr("?"))
	},
}

// serverParameterTLS decides a flexible server parameter resource: only
// the parameters that weaken transport security can fail.
func serverParameterTLS(r *scanner.Resource) scanner.Result {
	name, value := r.Attr("name"), r.Attr("value")
	if name.IsUnknown() {
		return scanner.Unknowable(name.Range, "the server parameter's name is not known until apply")
	}
	param := strings.ToLower(name.StringOr(""))
	if param != "require_secure_transport" && param != "ssl_min_protocol_version" && param != "tls_version" {
		return scanner.Passed()
	}
	if value.IsUnknown() {
		return scanner.Unknowable(value.Range, "the value of %s is not known until apply", param)
	}
	s := value.StringOr("")
	switch param {
	case "require_secure_transport":
		if strings.EqualFold(s, "off") {
			return scanner.Failed(value.Range, "require_secure_transport is %q: clients can connect without TLS", s)
		}
	default:
		for _, version := range strings.Split(s, ",") {
			switch strings.ToUpper(strings.TrimSpace(version)) {
			case "TLSV1", "TLSV1.0", "TLSV1.1":
				return scanner.Failed(value.Range, "%s is %q: clients can connect with TLS older than 1.2", param, s)
			}
		}
	}
	return scanner.Passed()
}
