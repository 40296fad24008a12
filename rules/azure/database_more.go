package azure

import (
	"encoding/binary"
	"net/netip"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// databaseFirewallRules are the server-level firewall rules of Azure SQL,
// PostgreSQL, MySQL and MariaDB, which all take a start and end IPv4
// address.
var databaseFirewallRules = []string{
	"azurerm_mssql_firewall_rule",
	"azurerm_sql_firewall_rule",
	"azurerm_postgresql_firewall_rule",
	"azurerm_postgresql_flexible_server_firewall_rule",
	"azurerm_mysql_firewall_rule",
	"azurerm_mysql_flexible_server_firewall_rule",
	"azurerm_mariadb_firewall_rule",
}

// firewallRange reads a database firewall rule's address range; ok is
// false when either end is unknown or not an IPv4 address.
func firewallRange(r *scanner.Resource) (start, end netip.Addr, ok bool) {
	s, okS := r.Attr("start_ip_address").AsString()
	e, okE := r.Attr("end_ip_address").AsString()
	if !okS || !okE {
		return netip.Addr{}, netip.Addr{}, false
	}
	start, errS := netip.ParseAddr(s)
	end, errE := netip.ParseAddr(e)
	if errS != nil || errE != nil || !start.Is4() || !end.Is4() {
		return netip.Addr{}, netip.Addr{}, false
	}
	return start, end, true
}

// addressCount counts the IPv4 addresses from start to end inclusive.
func addressCount(start, end netip.Addr) uint64 {
	s, e := start.As4(), end.As4()
	lo, hi := binary.BigEndian.Uint32(s[:]), binary.BigEndian.Uint32(e[:])
	if hi < lo {
		return 0
	}
	return uint64(hi-lo) + 1
}

// allAzureServices is the rule Azure reads as "allow Azure services and
// resources to access this server".
func allAzureServices(start, end netip.Addr) bool {
	return start == netip.IPv4Unspecified() && end == netip.IPv4Unspecified()
}

// firewallUnknown reports a firewall rule whose addresses are not known.
func firewallUnknown(r *scanner.Resource) scanner.Result {
	for _, n := range []string{"start_ip_address", "end_ip_address"} {
		if v := r.Attr(n); v.IsUnknown() {
			return scanner.Unknowable(v.Range, "%s is not known until apply", n)
		}
	}
	return scanner.Passed()
}

var databaseFirewallInternet = &scanner.Rule{
	ID:    "azure-database-firewall-no-internet",
	Title: "Database firewall rules do not open servers to the internet",
	Description: "A server-level firewall rule from 0.0.0.0 to 255.255.255.255, or any range wider than a /8, lets " +
		"much or all of the internet reach the database endpoint, leaving only the password between an attacker and " +
		"the data. CC6.6 expects access from outside the system boundary restricted. The rule covers the firewall " +
		"rules of Azure SQL, PostgreSQL, MySQL (single and flexible servers) and MariaDB; the 0.0.0.0–0.0.0.0 rule " +
		"that admits all Azure services is judged by azure-database-firewall-no-all-azure-services.",
	Severity:      scanner.Critical,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1", "C1.1"}},
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: databaseFirewallRules,
	Remediation:   "Allow only the addresses that need the database, or disable public network access and use a private endpoint.",
	RemediationCode: `resource "azurerm_mssql_firewall_rule" "office" {
  name             = "office"
  server_id        = azurerm_mssql_server.main.id
  start_ip_address = "203.0.113.10"
  end_ip_address   = "203.0.113.20"
}`,
	Links: []string{
		azurermDocs + "mssql_firewall_rule",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure",
	},
	References: []scanner.Reference{{Tool: scanner.ToolCheckov, ID: "CKV_AZURE_11"}},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_firewall_rule" "office" {
  name             = "office"
  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme"
  start_ip_address = "203.0.113.10"
  end_ip_address   = "203.0.113.20"
}`}},
	Bad: []scanner.Example{{Code: `
variable "end" {
  type = string
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "everyone" {
  name             = "all"
  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/acme"
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_mysql_flexible_server_firewall_rule" "half" {
  name                = "half"
  resource_group_name = "rg"
  server_name         = "acme"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "127.255.255.255"
}

resource "azurerm_mssql_firewall_rule" "unknown" {
  name             = "maybe"
  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme"
  start_ip_address = "10.0.0.1"
  end_ip_address   = var.end
}`,
		Fails:    []string{"azurerm_postgresql_flexible_server_firewall_rule.everyone", "azurerm_mysql_flexible_server_firewall_rule.half"},
		Unknowns: []string{"azurerm_mssql_firewall_rule.unknown"},
		Expect: map[string]scanner.Expected{
			"azurerm_postgresql_flexible_server_firewall_rule.everyone": {Line: 9, Message: "every IPv4 address"},
		},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		start, end, ok := firewallRange(r)
		if !ok {
			return firewallUnknown(r)
		}
		n := addressCount(start, end)
		switch {
		case allAzureServices(start, end), n <= 1<<24:
			return scanner.Passed()
		case n == 1<<32:
			return scanner.Failed(r.Attr("start_ip_address").Range, "the rule admits every IPv4 address (%s–%s): the server is open to the internet", start, end)
		}
		return scanner.Failed(r.Attr("start_ip_address").Range, "the rule admits %d addresses (%s–%s), more than a /8: the server is open to much of the internet", n, start, end)
	},
}

var databaseFirewallAzureServices = &scanner.Rule{
	ID:    "azure-database-firewall-no-all-azure-services",
	Title: "Database firewalls do not admit every Azure service",
	Description: "The firewall rule from 0.0.0.0 to 0.0.0.0 (\"Allow Azure services and resources to access this " +
		"server\") admits connections from any address Azure owns, including virtual machines and functions of every " +
		"other Azure customer, so the firewall no longer tells your workloads from anyone else's. CC6.6 expects " +
		"access restricted to known sources. Use private endpoints or virtual network rules for your own services.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.6", Secondary: []string{"CC6.1"}},
	Family:        scanner.FamilyNetwork,
	ResourceTypes: databaseFirewallRules,
	Remediation:   "Delete the 0.0.0.0 rule; reach the server through a private endpoint or a virtual network rule.",
	RemediationCode: `resource "azurerm_private_endpoint" "sql" {
  # ...
  private_service_connection {
    name                           = "sql"
    private_connection_resource_id = azurerm_mssql_server.main.id
    subresource_names              = ["sqlServer"]
    is_manual_connection           = false
  }
}`,
	Links: []string{
		azurermDocs + "mssql_firewall_rule",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/network-access-controls-overview#allow-azure-services",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_firewall_rule" "office" {
  name             = "office"
  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme"
  start_ip_address = "203.0.113.10"
  end_ip_address   = "203.0.113.10"
}`}},
	Bad: []scanner.Example{{Code: `
variable "start" {
  type = string
}

resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "AllowAzureServices"
  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme"
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_mysql_flexible_server_firewall_rule" "unknown" {
  name                = "maybe"
  resource_group_name = "rg"
  server_name         = "acme"
  start_ip_address    = var.start
  end_ip_address      = "0.0.0.0"
}`,
		Fails:    []string{"azurerm_mssql_firewall_rule.azure"},
		Unknowns: []string{"azurerm_mysql_flexible_server_firewall_rule.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		start, end, ok := firewallRange(r)
		if !ok {
			return firewallUnknown(r)
		}
		if allAzureServices(start, end) {
			return scanner.Failed(r.Attr("start_ip_address").Range, "the 0.0.0.0 rule admits every Azure service, including other customers' resources")
		}
		return scanner.Passed()
	},
}

var mssqlTDECustomerKey = &scanner.Rule{
	ID:    "azure-mssql-tde-cmk",
	Title: "Azure SQL servers encrypt databases with a customer-managed TDE protector",
	Description: "Transparent data encryption is on by default with a service-managed key. A customer-managed TDE " +
		"protector in Key Vault lets you rotate, audit use of and revoke the key, and so cut off access to every " +
		"database, backup and log of the server. CC6.1 lists key protection among logical access controls; C1.1 " +
		"expects confidential data protected. The rule passes a server with transparent_data_encryption_key_vault_key_id " +
		"or an azurerm_mssql_server_transparent_data_encryption that names a Key Vault or managed HSM key.",
	Severity:      scanner.Low,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:        scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{"azurerm_mssql_server"},
	Remediation:   "Add an azurerm_mssql_server_transparent_data_encryption with key_vault_key_id, and give the server's identity wrap/unwrap access to the key.",
	RemediationCode: `resource "azurerm_mssql_server_transparent_data_encryption" "main" {
  server_id        = azurerm_mssql_server.main.id
  key_vault_key_id = azurerm_key_vault_key.tde.id
}`,
	Links: []string{
		azurermDocs + "mssql_server_transparent_data_encryption",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/transparent-data-encryption-byok-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "cmk" {
  name    = "acme-sql"
  version = "12.0"
}

resource "azurerm_mssql_server_transparent_data_encryption" "cmk" {
  server_id        = azurerm_mssql_server.cmk.id
  key_vault_key_id = "https://acme-kv.vault.azure.net/keys/tde/0123"
}`}},
	Bad: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "service_key" {
  name    = "acme-sql"
  version = "12.0"
}

resource "azurerm_mssql_server" "explicit_service_key" {
  name    = "acme-sql2"
  version = "12.0"
}

resource "azurerm_mssql_server_transparent_data_encryption" "service" {
  server_id = azurerm_mssql_server.explicit_service_key.id
}`, Fails: []string{"azurerm_mssql_server.service_key", "azurerm_mssql_server.explicit_service_key"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Attr("transparent_data_encryption_key_vault_key_id").IsSet() {
			return scanner.Passed()
		}
		for _, t := range referrersOf(ctx, r, "azurerm_mssql_server_transparent_data_encryption", "server_id") {
			if firstPresent(t.Block, "key_vault_key_id", "managed_hsm_key_id").IsSet() {
				return scanner.Passed()
			}
		}
		if res, decided := undecidedLink(ctx, r, "azurerm_mssql_server_transparent_data_encryption", "server_id"); decided {
			return res
		}
		return scanner.Failed(r.Range, "the TDE protector is service-managed: no customer-managed key encrypts the server's databases")
	},
}

var flexibleServerCustomerKey = &scanner.Rule{
	ID:    "azure-database-flexible-server-cmk",
	Title: "PostgreSQL and MySQL flexible servers are encrypted with a customer-managed key",
	Description: "Flexible servers encrypt data and backups with service-managed keys by default. A customer-managed " +
		"key in Key Vault lets you rotate, audit use of and revoke it, making the data unreadable when disabled. CC6.1 " +
		"lists key protection among logical access controls; C1.1 expects confidential data protected. The key can " +
		"only be set when the server is created, in a customer_managed_key block.",
	Severity: scanner.Low,
	Criteria: scanner.Criteria{Primary: "CC6.1", Secondary: []string{"C1.1"}},
	Family:   scanner.FamilyEncryptionAtRest,
	ResourceTypes: []string{
		"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server",
	},
	Remediation: "Add a customer_managed_key block with key_vault_key_id and primary_user_assigned_identity_id when creating the server.",
	RemediationCode: `resource "azurerm_postgresql_flexible_server" "main" {
  # ...
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.pg.id]
  }
  customer_managed_key {
    key_vault_key_id                  = azurerm_key_vault_key.pg.id
    primary_user_assigned_identity_id = azurerm_user_assigned_identity.pg.id
  }
}`,
	Links: []string{
		azurermDocs + "postgresql_flexible_server#customer_managed_key",
		"https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-data-encryption",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_postgresql_flexible_server" "cmk" {
  name = "acme-pg"
  customer_managed_key {
    key_vault_key_id                  = "https://acme-kv.vault.azure.net/keys/pg/0123"
    primary_user_assigned_identity_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pg"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "cmk" {
  type = list(string)
}

resource "azurerm_mysql_flexible_server" "service_key" {
  name = "acme-mysql"
}

resource "azurerm_postgresql_flexible_server" "unknown" {
  name = "acme-pg"
  dynamic "customer_managed_key" {
    for_each = var.cmk
    content {
      key_vault_key_id = customer_managed_key.value
    }
  }
}`,
		Fails:    []string{"azurerm_mysql_flexible_server.service_key"},
		Unknowns: []string{"azurerm_postgresql_flexible_server.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if r.BlocksUnknown("customer_managed_key") {
			return scanner.Unknowable(r.Range, "customer_managed_key is not known until apply")
		}
		if cmk := r.FirstBlock("customer_managed_key"); cmk != nil && cmk.Attr("key_vault_key_id").IsSet() {
			return scanner.Passed()
		}
		return scanner.Failed(r.Range, "no customer_managed_key: the server is encrypted only with a service-managed key")
	},
}

var mysqlAuditLog = &scanner.Rule{
	ID:    "azure-mysql-flexible-audit-log",
	Title: "MySQL flexible servers write an audit log",
	Description: "MySQL's audit log records connections and the statements run against the server; it is off by " +
		"default (the audit_log_enabled server parameter is OFF), so access to the data leaves no trail. CC7.2 expects " +
		"security-relevant events logged and monitored. The rule looks for an " +
		"azurerm_mysql_flexible_server_configuration of the server that sets audit_log_enabled to ON.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC7.2", Secondary: []string{"CC7.3"}},
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"azurerm_mysql_flexible_server"},
	Remediation:   "Add an azurerm_mysql_flexible_server_configuration with name = \"audit_log_enabled\" and value = \"ON\" (and audit_log_events as needed), and send the MySqlAuditLogs category to Log Analytics.",
	RemediationCode: `resource "azurerm_mysql_flexible_server_configuration" "audit" {
  name                = "audit_log_enabled"
  resource_group_name = azurerm_mysql_flexible_server.main.resource_group_name
  server_name         = azurerm_mysql_flexible_server.main.name
  value               = "ON"
}`,
	Links: []string{
		azurermDocs + "mysql_flexible_server_configuration",
		"https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-audit-logs",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mysql_flexible_server" "audited" {
  name                = "acme-mysql"
  resource_group_name = "rg"
}

resource "azurerm_mysql_flexible_server_configuration" "audit" {
  name                = "audit_log_enabled"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.audited.name
  value               = "ON"
}`}},
	Bad: []scanner.Example{{Code: `
variable "audit" {
  type = string
}

resource "azurerm_mysql_flexible_server" "silent" {
  name                = "acme-mysql"
  resource_group_name = "rg"
}

resource "azurerm_mysql_flexible_server" "unknown" {
  name                = "acme-mysql2"
  resource_group_name = "rg"
}

resource "azurerm_mysql_flexible_server_configuration" "maybe" {
  name                = "audit_log_enabled"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.unknown.name
  value               = var.audit
}`,
		Fails:    []string{"azurerm_mysql_flexible_server.silent"},
		Unknowns: []string{"azurerm_mysql_flexible_server.unknown"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		unknown := false
		for _, c := range referrersOf(ctx, r, "azurerm_mysql_flexible_server_configuration", "server_name") {
			if !c.Attr("name").Equals("audit_log_enabled") {
				continue
			}
			v := c.Attr("value")
			switch {
			case v.Equals("ON"):
				return scanner.Passed()
			case v.IsUnknown():
				unknown = true
			}
		}
		if unknown {
			return scanner.Unknowable(r.Range, "the value of the server's audit_log_enabled parameter is not known until apply")
		}
		if res, decided := undecidedLink(ctx, r, "azurerm_mysql_flexible_server_configuration", "server_name"); decided {
			return res
		}
		return scanner.Failed(r.Range, "audit_log_enabled is not set to ON: connections and queries are not audited")
	},
}

var mssqlEntraAdmin = &scanner.Rule{
	ID:    "azure-mssql-entra-admin",
	Title: "Azure SQL servers have a Microsoft Entra administrator",
	Description: "Without an Entra ID administrator, a server can only be administered with its SQL login and " +
		"password, a shared credential that bypasses MFA, conditional access and central deprovisioning. CC6.1 and " +
		"CC6.2 expect users identified and their access removed when they leave. The rule passes a server with an " +
		"azuread_administrator block (or an azurerm_sql_active_directory_administrator for it); " +
		"azuread_authentication_only = true further disables SQL logins.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.2"}},
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"azurerm_mssql_server"},
	Remediation:   "Add an azuread_administrator block naming an Entra group, and set azuread_authentication_only = true.",
	RemediationCode: `resource "azurerm_mssql_server" "main" {
  # ...
  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = azuread_group.sql_admins.object_id
    azuread_authentication_only = true
  }
}`,
	Links: []string{
		azurermDocs + "mssql_server#azuread_administrator",
		"https://learn.microsoft.com/en-us/azure/azure-sql/database/authentication-aad-overview",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_mssql_server" "entra" {
  name    = "acme-sql"
  version = "12.0"
  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = "11111111-1111-1111-1111-111111111111"
    azuread_authentication_only = true
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "admins" {
  type = list(string)
}

resource "azurerm_mssql_server" "sql_login" {
  name                         = "acme-sql"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "not-a-real-password-1!"
}

resource "azurerm_mssql_server" "unknown" {
  name    = "acme-sql2"
  version = "12.0"
  dynamic "azuread_administrator" {
    for_each = var.admins
    content {
      login_username = "sql-admins"
      object_id      = azuread_administrator.value
    }
  }
}`,
		Fails:    []string{"azurerm_mssql_server.sql_login"},
		Unknowns: []string{"azurerm_mssql_server.unknown"},
	}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.BlocksUnknown("azuread_administrator") {
			return scanner.Unknowable(r.Range, "azuread_administrator is not known until apply")
		}
		if r.FirstBlock("azuread_administrator") != nil {
			return scanner.Passed()
		}
		if len(referrersOf(ctx, r, "azurerm_sql_active_directory_administrator", "server_name")) > 0 {
			return scanner.Passed()
		}
		if res, decided := undecidedLink(ctx, r, "azurerm_sql_active_directory_administrator", "server_name"); decided {
			return res
		}
		return scanner.Failed(r.Range, "no azuread_administrator: the server is administered only with a SQL login and password")
	},
}

var flexibleServerHighAvailability = &scanner.Rule{
	ID:    "azure-database-flexible-server-zone-redundant-ha",
	Title: "PostgreSQL and MySQL flexible servers have a zone-redundant standby",
	Description: "Without high availability a flexible server runs as a single instance: a host or zone failure stops " +
		"it until Azure recovers it, and unflushed changes may be lost. A zone-redundant standby in another " +
		"availability zone takes over automatically with no data loss. A1.1 and A1.2 expect capacity and recovery " +
		"infrastructure that tolerate component failures. The rule fails a server without a high_availability block " +
		"and reports SameZone standbys as not zone-redundant. Read replicas are not checked.",
	Severity: scanner.Low,
	Criteria: scanner.Criteria{Primary: "A1.2", Secondary: []string{"A1.1"}},
	Family:   scanner.FamilyHighAvailability,
	ResourceTypes: []string{
		"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server",
	},
	Remediation: "Add high_availability { mode = \"ZoneRedundant\" } (General Purpose or Memory Optimized tiers).",
	RemediationCode: `resource "azurerm_postgresql_flexible_server" "main" {
  # ...
  high_availability {
    mode                      = "ZoneRedundant"
    standby_availability_zone = "2"
  }
}`,
	Links: []string{
		azurermDocs + "postgresql_flexible_server#high_availability",
		"https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-high-availability",
	},
	Good: []scanner.Example{{Code: `
resource "azurerm_postgresql_flexible_server" "ha" {
  name = "acme-pg"
  high_availability {
    mode = "ZoneRedundant"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "mode" {
  type = string
}

resource "azurerm_mysql_flexible_server" "single" {
  name = "acme-mysql"
}

resource "azurerm_postgresql_flexible_server" "same_zone" {
  name = "acme-pg"
  high_availability {
    mode = "SameZone"
  }
}

resource "azurerm_postgresql_flexible_server" "unknown" {
  name = "acme-pg2"
  high_availability {
    mode = var.mode
  }
}`,
		Fails:    []string{"azurerm_mysql_flexible_server.single", "azurerm_postgresql_flexible_server.same_zone"},
		Unknowns: []string{"azurerm_postgresql_flexible_server.unknown"},
	}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		if isReplica(r) {
			return scanner.Passed()
		}
		if r.BlocksUnknown("high_availability") {
			return scanner.Unknowable(r.Range, "high_availability is not known until apply")
		}
		ha := r.FirstBlock("high_availability")
		if ha == nil {
			return scanner.Failed(r.Range, "no high_availability block: the server runs as a single instance")
		}
		mode := ha.Attr("mode")
		switch {
		case mode.Equals("ZoneRedundant"):
			return scanner.Passed()
		case mode.IsUnknown():
			return scanner.Unknowable(mode.Range, "high_availability.mode is not known until apply")
		}
		return scanner.Failed(mode.Range, "the standby is %s: a zone failure takes down both", mode.StringOr("not zone-redundant"))
	},
}
