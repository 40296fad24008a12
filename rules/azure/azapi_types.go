package azure

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// The ARM types azapi resources are judged as, with the API versions whose
// bodies the fields below read. A version range starts where the
// properties read took the shape mapped here and ends at the newest
// version checked against the REST API specification; a newer version is
// unknown until it is checked and added.

var armStorageAccount = &armType{
	name: "Microsoft.Storage/storageAccounts", azurerm: "azurerm_storage_account",
	oldest: "2021-01-01", newest: "2025-01-01",
	fields: []armField{
		{attr: []string{"account_replication_type"}, body: []string{"sku", "name"}, conv: afterUnderscore},
		{attr: []string{"account_kind"}, body: []string{"kind"}},
		// The REST specification still says "The default interpretation is
		// TLS 1.0 for this property", but Azure Storage retired TLS 1.0 and
		// 1.1 on 2026-02-03: every account now requires TLS 1.2 whatever the
		// property says, so an absent minimumTlsVersion means TLS1_2, as
		// azurerm's default does
		// (https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version).
		// An explicit "TLS1_0" or "TLS1_1" still fails: it states an intent
		// the service no longer honours and breaks on any older API.
		{attr: []string{"min_tls_version"}, body: []string{"properties", "minimumTlsVersion"}},
		{attr: []string{"https_traffic_only_enabled"}, body: []string{"properties", "supportsHttpsTrafficOnly"}},
		// Anonymous blob access was allowed when the property was unset
		// until API version 2023-01-01, which made it default to false.
		{attr: []string{"allow_nested_items_to_be_public"}, body: []string{"properties", "allowBlobPublicAccess"},
			defaults: []armDefault{{since: "2021-01-01", val: cty.True}, {since: "2023-01-01", val: cty.False}}},
		{attr: []string{"public_network_access_enabled"}, body: []string{"properties", "publicNetworkAccess"}, conv: enabledToBool, spelled: true},
		{attr: []string{"network_rules", "default_action"}, body: []string{"properties", "networkAcls", "defaultAction"}},
		{attr: []string{"shared_access_key_enabled"}, body: []string{"properties", "allowSharedKeyAccess"}},
		{attr: []string{"infrastructure_encryption_enabled"}, body: []string{"properties", "encryption", "requireInfrastructureEncryption"}},
		{attr: []string{"customer_managed_key", "key_source"}, body: []string{"properties", "encryption", "keySource"}, conv: keyVaultKeySource},
	},
}

var armKeyVault = &armType{
	name: "Microsoft.KeyVault/vaults", azurerm: "azurerm_key_vault",
	oldest: "2019-09-01", newest: "2024-11-01",
	fields: []armField{
		{attr: []string{"purge_protection_enabled"}, body: []string{"properties", "enablePurgeProtection"}},
		{attr: []string{"soft_delete_enabled"}, body: []string{"properties", "enableSoftDelete"}},
		{attr: []string{"soft_delete_retention_days"}, body: []string{"properties", "softDeleteRetentionInDays"}},
		{attr: []string{"public_network_access_enabled"}, body: []string{"properties", "publicNetworkAccess"}, conv: enabledToBool, spelled: true},
		{attr: []string{"network_acls", "default_action"}, body: []string{"properties", "networkAcls", "defaultAction"}},
		{attr: []string{"enable_rbac_authorization"}, body: []string{"properties", "enableRbacAuthorization"}},
	},
}

var armSQLServer = &armType{
	name: "Microsoft.Sql/servers", azurerm: "azurerm_mssql_server",
	oldest: "2021-02-01", newest: "2023-08-01",
	fields: []armField{
		{attr: []string{"public_network_access_enabled"}, body: []string{"properties", "publicNetworkAccess"}, conv: enabledToBool, spelled: true},
		{attr: []string{"minimum_tls_version"}, body: []string{"properties", "minimalTlsVersion"}},
		{attr: []string{"azuread_administrator", "login_username"}, body: []string{"properties", "administrators", "login"}},
	},
}

// flexibleServerFields are what PostgreSQL and MySQL flexible servers
// share.
var flexibleServerFields = []armField{
	{attr: []string{"geo_redundant_backup_enabled"}, body: []string{"properties", "backup", "geoRedundantBackup"}, conv: enabledToBool, spelled: true},
	{attr: []string{"backup_retention_days"}, body: []string{"properties", "backup", "backupRetentionDays"}},
}

var armPostgresFlexible = &armType{
	name: "Microsoft.DBforPostgreSQL/flexibleServers", azurerm: "azurerm_postgresql_flexible_server",
	oldest: "2021-06-01", newest: "2024-08-01", fields: flexibleServerFields,
}

var armMySQLFlexible = &armType{
	name: "Microsoft.DBforMySQL/flexibleServers", azurerm: "azurerm_mysql_flexible_server",
	oldest: "2021-05-01", newest: "2023-12-30", fields: flexibleServerFields,
}

var armCosmosAccount = &armType{
	name: "Microsoft.DocumentDB/databaseAccounts", azurerm: "azurerm_cosmosdb_account",
	oldest: "2021-04-15", newest: "2024-11-15",
	fields: []armField{
		{attr: []string{"public_network_access_enabled"}, body: []string{"properties", "publicNetworkAccess"}, conv: enabledToBool, spelled: true},
		{attr: []string{"is_virtual_network_filter_enabled"}, body: []string{"properties", "isVirtualNetworkFilterEnabled"}},
		{attr: []string{"ip_range_filter"}, body: []string{"properties", "ipRules"}, conv: ipRuleAddresses},
		{attr: []string{"access_key_metadata_writes_enabled"}, body: []string{"properties", "disableKeyBasedMetadataWriteAccess"}, negated: true},
		{attr: []string{"local_authentication_disabled"}, body: []string{"properties", "disableLocalAuth"}},
		{attr: []string{"minimal_tls_version"}, body: []string{"properties", "minimalTlsVersion"}},
		{attr: []string{"key_vault_key_id"}, body: []string{"properties", "keyVaultKeyUri"}},
	},
}

var armContainerRegistry = &armType{
	name: "Microsoft.ContainerRegistry/registries", azurerm: "azurerm_container_registry",
	oldest: "2021-09-01", newest: "2025-04-01",
	fields: []armField{
		{attr: []string{"admin_enabled"}, body: []string{"properties", "adminUserEnabled"}},
		{attr: []string{"public_network_access_enabled"}, body: []string{"properties", "publicNetworkAccess"}, conv: enabledToBool, spelled: true},
		{attr: []string{"network_rule_set", "default_action"}, body: []string{"properties", "networkRuleSet", "defaultAction"}},
		{attr: []string{"anonymous_pull_enabled"}, body: []string{"properties", "anonymousPullEnabled"}},
	},
}

var armManagedCluster = &armType{
	name: "Microsoft.ContainerService/managedClusters", azurerm: "azurerm_kubernetes_cluster",
	oldest: "2022-01-01", newest: "2025-05-01",
	fields: []armField{
		{attr: []string{"private_cluster_enabled"}, body: []string{"properties", "apiServerAccessProfile", "enablePrivateCluster"}},
		{attr: []string{"api_server_access_profile", "authorized_ip_ranges"}, body: []string{"properties", "apiServerAccessProfile", "authorizedIPRanges"}},
		{attr: []string{"local_account_disabled"}, body: []string{"properties", "disableLocalAccounts"}},
		{attr: []string{"disk_encryption_set_id"}, body: []string{"properties", "diskEncryptionSetID"}},
		{attr: []string{"network_profile", "network_policy"}, body: []string{"properties", "networkProfile", "networkPolicy"}},
	},
}

// armWebSite maps an App Service site onto the azurerm 2.x
// azurerm_app_service, or azurerm_function_app when its kind says it is a
// function app (see siteKind), whose defaults are the REST API's own
// (ftps_state AllAllowed, client certificates off when unset), unlike
// those the newer azurerm resources send.
var armWebSite = &armType{
	name: "Microsoft.Web/sites", azurerm: legacyAppService,
	oldest: "2021-01-01", newest: "2025-03-01",
	variants: []string{legacyAppService, legacyFunctionApp},
	os:       siteKind,
	fields: []armField{
		{attr: []string{"https_only"}, body: []string{"properties", "httpsOnly"}},
		{attr: []string{"client_cert_enabled"}, body: []string{"properties", "clientCertEnabled"}},
		{attr: []string{"client_cert_mode"}, body: []string{"properties", "clientCertMode"}},
		{attr: []string{"site_config", "min_tls_version"}, body: []string{"properties", "siteConfig", "minTlsVersion"}},
		{attr: []string{"site_config", "scm_min_tls_version"}, body: []string{"properties", "siteConfig", "scmMinTlsVersion"}},
		{attr: []string{"site_config", "ftps_state"}, body: []string{"properties", "siteConfig", "ftpsState"}},
		{attr: []string{"site_config", "remote_debugging_enabled"}, body: []string{"properties", "siteConfig", "remoteDebuggingEnabled"}},
	},
	children: siteChildren[:1],
}

// siteKind reads whether a site is a function app from its kind
// ("functionapp,linux"; Logic Apps Standard, "workflowapp", run on the
// same host): any other kind, or none, is a web app, as ARM creates it.
func siteKind(body scanner.Value) (string, bool) {
	kind := body.Index("kind")
	if !kind.Present || kind.IsNull() {
		return legacyAppService, true
	}
	s, ok := kind.AsString()
	if !ok {
		return "", false
	}
	s = strings.ToLower(s)
	if strings.Contains(s, "functionapp") || strings.Contains(s, "workflowapp") {
		return legacyFunctionApp, true
	}
	return legacyAppService, true
}

// armServerFarm maps an App Service plan: properties.zoneRedundant is
// azurerm's zone_balancing_enabled, false when left out.
var armServerFarm = &armType{
	name: "Microsoft.Web/serverfarms", azurerm: "azurerm_service_plan",
	oldest: "2022-03-01", newest: "2025-03-01",
	fields: []armField{
		{attr: []string{"zone_balancing_enabled"}, body: []string{"properties", "zoneRedundant"}},
	},
}

// armAutomationAccount maps an Automation account. Its switches are
// booleans, not "Enabled"/"Disabled": publicNetworkAccess left out is
// true and disableLocalAuth left out is false, as azurerm's defaults are.
// API version 2021-06-22 is the first with disableLocalAuth (2020-01-13-preview
// added publicNetworkAccess and encryption).
var armAutomationAccount = &armType{
	name: "Microsoft.Automation/automationAccounts", azurerm: automationAccount,
	oldest: "2021-06-22", newest: "2024-10-23",
	fields: []armField{
		{attr: []string{"public_network_access_enabled"}, body: []string{"properties", "publicNetworkAccess"}},
		{attr: []string{"local_authentication_enabled"}, body: []string{"properties", "disableLocalAuth"}, negated: true},
		{attr: []string{"encryption", "key_source"}, body: []string{"properties", "encryption", "keySource"}, conv: automationKeySource},
	},
}

// armLogAnalyticsWorkspace reads a workspace's retention; ARM keeps data
// 30 days when retentionInDays is left out, as azurerm's default does.
var armLogAnalyticsWorkspace = &armType{
	name: "Microsoft.OperationalInsights/workspaces", azurerm: "azurerm_log_analytics_workspace",
	oldest: "2020-08-01", newest: "2025-02-01",
	fields: []armField{
		{attr: []string{"retention_in_days"}, body: []string{"properties", "retentionInDays"}},
	},
}

// armRoleAssignment reads the role a role assignment grants; the scope
// is its parent (see armType.parentAs). API version 2015-07-01 already
// had properties.roleDefinitionId and principalId.
var armRoleAssignment = &armType{
	name: "Microsoft.Authorization/roleAssignments", azurerm: "azurerm_role_assignment",
	oldest: "2015-07-01", newest: "2022-04-01", parentAs: "scope",
	fields: []armField{
		{attr: []string{"role_definition_id"}, body: []string{"properties", "roleDefinitionId"}},
		{attr: []string{"principal_id"}, body: []string{"properties", "principalId"}},
	},
}

// keyVaultKeySource keeps a storage encryption key source that is a Key
// Vault key, and drops Microsoft.Storage (the platform-managed key).
func keyVaultKeySource(v cty.Value) cty.Value {
	if v.Type().Equals(cty.String) && strings.EqualFold(v.AsString(), "Microsoft.Keyvault") {
		return v
	}
	return cty.NilVal
}

// automationKeySource spells an Automation encryption key source the
// way azurerm does, whatever its case: ARM takes "Microsoft.KeyVault" as
// "Microsoft.Keyvault"; another value, such as Microsoft.Automation (the
// platform-managed key), stays as it is.
func automationKeySource(v cty.Value) cty.Value {
	if v.Type().Equals(cty.String) && strings.EqualFold(v.AsString(), "Microsoft.Keyvault") {
		return cty.StringVal("Microsoft.Keyvault")
	}
	return v
}

// not inverts a boolean switch that ARM names the other way round
// (disableLocalAuth against local_authentication_enabled); another value
// stays as it is.
func not(v cty.Value) cty.Value {
	if !v.Type().Equals(cty.Bool) {
		return v
	}
	return v.Not()
}

// ipRuleAddresses reads Cosmos DB's ipRules ([{ipAddressOrRange = …}])
// as azurerm's ip_range_filter, a list of addresses; an entry only known
// after apply stays unknown.
func ipRuleAddresses(v cty.Value) cty.Value {
	if !v.CanIterateElements() || v.Type().IsObjectType() || v.Type().IsMapType() {
		return v
	}
	var out []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		switch {
		case !e.IsKnown():
			out = append(out, cty.UnknownVal(cty.String))
		case e.IsNull() || !e.Type().IsObjectType() || !e.Type().HasAttribute("ipAddressOrRange"):
			continue
		default:
			out = append(out, e.GetAttr("ipAddressOrRange"))
		}
	}
	if len(out) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	return cty.TupleVal(out)
}

// firewallRuleFields read a database server firewall rule's address
// range, which Azure SQL, PostgreSQL and MySQL flexible servers all write
// as properties.startIpAddress and endIpAddress, both required.
var firewallRuleFields = []armField{
	{attr: []string{"start_ip_address"}, body: []string{"properties", "startIpAddress"}},
	{attr: []string{"end_ip_address"}, body: []string{"properties", "endIpAddress"}},
}

// The server-level firewall rules of Azure SQL and of PostgreSQL and
// MySQL flexible servers, over the API versions of their servers above.
var (
	armSQLFirewallRule = &armType{
		name: "Microsoft.Sql/servers/firewallRules", azurerm: "azurerm_mssql_firewall_rule",
		oldest: "2021-02-01", newest: "2023-08-01", fields: firewallRuleFields,
	}
	armPostgresFlexibleFirewallRule = &armType{
		name: "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules", azurerm: "azurerm_postgresql_flexible_server_firewall_rule",
		oldest: "2021-06-01", newest: "2024-08-01", fields: firewallRuleFields,
	}
	armMySQLFlexibleFirewallRule = &armType{
		name: "Microsoft.DBforMySQL/flexibleServers/firewallRules", azurerm: "azurerm_mysql_flexible_server_firewall_rule",
		oldest: "2021-05-01", newest: "2023-12-30", fields: firewallRuleFields,
	}
)

// armRedisCache reads an Azure Cache for Redis; publicNetworkAccess came
// with API version 2020-06-01. ARM leaves the non-TLS port closed when
// enableNonSslPort is left out, as azurerm does.
var armRedisCache = &armType{
	name: "Microsoft.Cache/redis", azurerm: "azurerm_redis_cache",
	oldest: "2020-06-01", newest: "2024-11-01",
	fields: []armField{
		{attr: []string{"non_ssl_port_enabled"}, body: []string{"properties", "enableNonSslPort"}},
		{attr: []string{"minimum_tls_version"}, body: []string{"properties", "minimumTlsVersion"}},
		{attr: []string{"public_network_access_enabled"}, body: []string{"properties", "publicNetworkAccess"}, conv: enabledToBool, spelled: true},
		{attr: []string{"subnet_id"}, body: []string{"properties", "subnetId"}},
	},
}

// messagingFields read what the Event Hubs and Service Bus namespace
// rules decide on, from API version 2021-11-01, which has both
// disableLocalAuth and minimumTlsVersion. Public network access is left
// out: with azapi a namespace's network rule set is a child resource
// (namespaces/networkRuleSets) the namespace's own body does not show.
func messagingFields(localAuth string) []armField {
	return []armField{
		{attr: []string{localAuth}, body: []string{"properties", "disableLocalAuth"}, negated: true},
		{attr: []string{"minimum_tls_version"}, body: []string{"properties", "minimumTlsVersion"}},
	}
}

var (
	armEventHubNamespace = &armType{
		name: "Microsoft.EventHub/namespaces", azurerm: "azurerm_eventhub_namespace",
		oldest: "2021-11-01", newest: "2024-01-01", fields: messagingFields("local_authentication_enabled"),
	}
	armServiceBusNamespace = &armType{
		name: "Microsoft.ServiceBus/namespaces", azurerm: "azurerm_servicebus_namespace",
		oldest: "2021-11-01", newest: "2024-01-01", fields: messagingFields("local_auth_enabled"),
	}
)
