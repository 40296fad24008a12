package azure

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// azapiBindings are the rules that judge azapi resources too, each with
// the ARM types it understands, the azurerm arguments it reads, and azapi
// examples.
var azapiBindings = []azapiBinding{
	// Storage accounts
	bind(storageMinTLS, armStorageAccount, []string{"min_tls_version"}, azapiCase{
		good: `{ properties = { minimumTlsVersion = "TLS1_2" } }`, bad: `{ properties = { minimumTlsVersion = "TLS1_1" } }`,
		unknown: `{ properties = { minimumTlsVersion = var.value } }`, at: "minimumTlsVersion", msg: `body.properties.minimumTlsVersion is "TLS1_1"`,
	}),
	bind(storageHTTPSOnly, armStorageAccount, []string{"https_traffic_only_enabled"}, azapiCase{
		good: `{ properties = { supportsHttpsTrafficOnly = true } }`, bad: `{ properties = { supportsHttpsTrafficOnly = false } }`,
		unknown: `{ properties = { supportsHttpsTrafficOnly = var.value } }`, at: "supportsHttpsTrafficOnly", msg: "accepts unencrypted HTTP",
	}),
	bind(storageNoPublicNestedItems, armStorageAccount, []string{"allow_nested_items_to_be_public"}, azapiCase{
		good: `{ properties = { allowBlobPublicAccess = false } }`, bad: `{ properties = { allowBlobPublicAccess = true } }`,
		unknown: `{ properties = { allowBlobPublicAccess = var.value } }`, at: "allowBlobPublicAccess", msg: "body.properties.allowBlobPublicAccess is true",
	}),
	bind(storageNetworkDefaultDeny, armStorageAccount, []string{"public_network_access_enabled", "network_rules"}, azapiCase{
		good: `{ properties = { publicNetworkAccess = "Disabled" } }`, bad: `{ properties = { networkAcls = { defaultAction = "Allow" } } }`,
		unknown: `{ properties = { publicNetworkAccess = var.value } }`, at: "defaultAction", msg: `body.properties.networkAcls.defaultAction is "Allow"`,
	}),
	bind(storageGeoRedundant, armStorageAccount, []string{"account_replication_type"}, azapiCase{
		good: `{ sku = { name = "Standard_RAGZRS" } }`, bad: `{ sku = { name = "Standard_ZRS" } }`,
		unknown: `{ sku = { name = var.value } }`, at: "name", msg: `body.sku.name is "Standard_ZRS" and no object replication`,
	}),
	bind(storageSharedKeyDisabled, armStorageAccount, []string{"shared_access_key_enabled"}, azapiCase{
		good: `{ properties = { allowSharedKeyAccess = false } }`, bad: `{ properties = { allowSharedKeyAccess = true } }`,
		unknown: `{ properties = { allowSharedKeyAccess = var.value } }`, at: "allowSharedKeyAccess", msg: "body.properties.allowSharedKeyAccess is true",
	}),
	bind(storageInfrastructureEncryption, armStorageAccount, []string{"infrastructure_encryption_enabled"}, azapiCase{
		good:    `{ properties = { encryption = { requireInfrastructureEncryption = true } } }`,
		bad:     `{ properties = { encryption = { requireInfrastructureEncryption = false } } }`,
		unknown: `{ properties = { encryption = { requireInfrastructureEncryption = var.value } } }`, at: "requireInfrastructureEncryption",
	}),
	bind(storageCustomerManagedKey, armStorageAccount, []string{"customer_managed_key"}, azapiCase{
		good:    `{ properties = { encryption = { keySource = "Microsoft.Keyvault", keyvaultproperties = { keyname = "storage" } } } }`,
		bad:     `{ properties = { encryption = { keySource = "Microsoft.Storage" } } }`,
		unknown: `{ properties = { encryption = { keySource = var.value } } }`, noPatch: true,
	}),
	// Blob soft delete and versioning live in an account's blobServices
	// child, not in its body (see azapi_blob.go).
	{rule: storageBlobSoftDelete, types: []*armType{armStorageAccountSoftDelete}, good: azapiBlobSoftDeleteGood, bad: azapiBlobSoftDeleteBad},
	{rule: storageBlobVersioning, types: []*armType{armStorageAccountVersioning}, good: azapiBlobVersioningGood, bad: azapiBlobVersioningBad},

	// Key vaults
	bind(keyVaultPurgeProtection, armKeyVault, []string{"purge_protection_enabled"}, azapiCase{
		good: `{ properties = { enablePurgeProtection = true } }`, bad: `{ properties = { enablePurgeProtection = false } }`,
		unknown: `{ properties = { enablePurgeProtection = var.value } }`, at: "enablePurgeProtection",
	}),
	bind(keyVaultSoftDeleteRetention, armKeyVault, []string{"soft_delete_enabled", "soft_delete_retention_days"}, azapiCase{
		good: `{ properties = { softDeleteRetentionInDays = 90 } }`, bad: `{ properties = { softDeleteRetentionInDays = 7 } }`,
		unknown: `{ properties = { softDeleteRetentionInDays = var.value } }`, at: "softDeleteRetentionInDays",
	}),
	bind(keyVaultNetworkDefaultDeny, armKeyVault, []string{"public_network_access_enabled", "network_acls"}, azapiCase{
		good: `{ properties = { networkAcls = { defaultAction = "Deny" } } }`, bad: `{ properties = { networkAcls = { defaultAction = "Allow" } } }`,
		unknown: `{ properties = { networkAcls = { defaultAction = var.value } } }`, at: "defaultAction",
	}),
	bind(keyVaultRBACAuthorization, armKeyVault, []string{"enable_rbac_authorization"}, azapiCase{
		good: `{ properties = { enableRbacAuthorization = true } }`, bad: `{ properties = { enableRbacAuthorization = false } }`,
		unknown: `{ properties = { enableRbacAuthorization = var.value } }`, at: "enableRbacAuthorization",
	}),
	// An azapi vault is found by the diagnostic settings that target its
	// id, as an azurerm one is: the body holds nothing the rule reads.
	{rule: keyVaultAuditLogging, types: []*armType{armKeyVault}, good: azapiVaultAuditGood, bad: azapiVaultAuditBad},

	// SQL servers
	bind(mssqlPublicNetworkAccess, armSQLServer, []string{"public_network_access_enabled"}, azapiCase{
		good: `{ properties = { publicNetworkAccess = "Disabled" } }`, bad: `{ properties = { publicNetworkAccess = "Enabled" } }`,
		unknown: `{ properties = { publicNetworkAccess = var.value } }`, at: "publicNetworkAccess", msg: `body.properties.publicNetworkAccess is "Enabled"`,
	}),
	bind(mssqlMinTLS, armSQLServer, []string{"minimum_tls_version"}, azapiCase{
		good: `{ properties = { minimalTlsVersion = "1.2" } }`, bad: `{ properties = { minimalTlsVersion = "1.0" } }`,
		unknown: `{ properties = { minimalTlsVersion = var.value } }`, at: "minimalTlsVersion",
	}),
	bind(mssqlEntraAdmin, armSQLServer, []string{"azuread_administrator"}, azapiCase{
		good:    `{ properties = { administrators = { login = "sql-admins", azureADOnlyAuthentication = true } } }`,
		bad:     `{ properties = { administratorLogin = "sa" } }`,
		unknown: `{ properties = { administrators = { login = var.value } } }`, noPatch: true,
	}),

	// PostgreSQL and MySQL flexible servers
	bind(databaseGeoRedundantBackup, armPostgresFlexible, []string{"geo_redundant_backup_enabled"}, azapiCase{
		good: `{ properties = { backup = { geoRedundantBackup = "Enabled" } } }`, bad: `{ properties = { backup = { geoRedundantBackup = "Disabled" } } }`,
		unknown: `{ properties = { backup = { geoRedundantBackup = var.value } } }`, at: "geoRedundantBackup",
	}, armMySQLFlexible),
	bind(databaseBackupRetention, armPostgresFlexible, []string{"backup_retention_days"}, azapiCase{
		good: `{ properties = { backup = { backupRetentionDays = 35 } } }`, bad: `{ properties = { backup = { backupRetentionDays = 1 } } }`,
		unknown: `{ properties = { backup = { backupRetentionDays = var.value } } }`, at: "backupRetentionDays",
	}, armMySQLFlexible),

	// Cosmos DB accounts
	bind(cosmosPublicNetworkAccess, armCosmosAccount, []string{"public_network_access_enabled", "is_virtual_network_filter_enabled", "ip_range_filter"}, azapiCase{
		good: `{ properties = { ipRules = [{ ipAddressOrRange = "203.0.113.0/24" }] } }`, bad: `{ properties = { publicNetworkAccess = "Enabled" } }`,
		unknown: `{ properties = { publicNetworkAccess = var.value } }`, at: "publicNetworkAccess",
	}),
	bind(cosmosKeyMetadataWrites, armCosmosAccount, []string{"access_key_metadata_writes_enabled"}, azapiCase{
		good:    `{ properties = { disableKeyBasedMetadataWriteAccess = true } }`,
		bad:     `{ properties = { disableKeyBasedMetadataWriteAccess = false } }`,
		unknown: `{ properties = { disableKeyBasedMetadataWriteAccess = var.value } }`, at: "disableKeyBasedMetadataWriteAccess",
		msg: "body.properties.disableKeyBasedMetadataWriteAccess is false",
	}),
	bind(cosmosLocalAuthDisabled, armCosmosAccount, []string{"local_authentication_disabled"}, azapiCase{
		good: `{ properties = { disableLocalAuth = true } }`, bad: `{ properties = { disableLocalAuth = false } }`,
		unknown: `{ properties = { disableLocalAuth = var.value } }`, at: "disableLocalAuth",
	}),
	bind(cosmosMinTLS, armCosmosAccount, []string{"minimal_tls_version"}, azapiCase{
		good: `{ properties = { minimalTlsVersion = "Tls12" } }`, bad: `{ properties = { minimalTlsVersion = "Tls11" } }`,
		unknown: `{ properties = { minimalTlsVersion = var.value } }`, at: "minimalTlsVersion",
	}),
	bind(cosmosCustomerManagedKey, armCosmosAccount, []string{"key_vault_key_id"}, azapiCase{
		good:    `{ properties = { keyVaultKeyUri = "https://acme-kv.vault.azure.net/keys/cosmos" } }`,
		bad:     `{ properties = { databaseAccountOfferType = "Standard" } }`,
		unknown: `{ properties = var.value }`, noPatch: true,
	}),

	// Container registries
	bind(acrAdminUserDisabled, armContainerRegistry, []string{"admin_enabled"}, azapiCase{
		good: `{ properties = { adminUserEnabled = false } }`, bad: `{ properties = { adminUserEnabled = true } }`,
		unknown: `{ properties = { adminUserEnabled = var.value } }`, at: "adminUserEnabled",
	}),
	bind(acrPublicNetworkAccess, armContainerRegistry, []string{"public_network_access_enabled", "network_rule_set"}, azapiCase{
		good: `{ properties = { publicNetworkAccess = "Disabled" } }`, bad: `{ properties = { publicNetworkAccess = "Enabled" } }`,
		unknown: `{ properties = { publicNetworkAccess = var.value } }`, at: "publicNetworkAccess",
	}),
	bind(acrAnonymousPull, armContainerRegistry, []string{"anonymous_pull_enabled"}, azapiCase{
		good: `{ properties = { anonymousPullEnabled = false } }`, bad: `{ properties = { anonymousPullEnabled = true } }`,
		unknown: `{ properties = { anonymousPullEnabled = var.value } }`, at: "anonymousPullEnabled",
	}),

	// AKS managed clusters
	bind(aksAPIServerAccess, armManagedCluster, []string{"private_cluster_enabled", "api_server_access_profile"}, azapiCase{
		good:    `{ properties = { apiServerAccessProfile = { enablePrivateCluster = true } } }`,
		bad:     `{ properties = { apiServerAccessProfile = { authorizedIPRanges = ["0.0.0.0/0"] } } }`,
		unknown: `{ properties = { apiServerAccessProfile = { enablePrivateCluster = var.value } } }`, at: "authorizedIPRanges",
	}),
	bind(aksLocalAccountsDisabled, armManagedCluster, []string{"local_account_disabled"}, azapiCase{
		good: `{ properties = { disableLocalAccounts = true } }`, bad: `{ properties = { disableLocalAccounts = false } }`,
		unknown: `{ properties = { disableLocalAccounts = var.value } }`, at: "disableLocalAccounts",
	}),
	bind(aksNetworkPolicy, armManagedCluster, []string{"network_profile"}, azapiCase{
		good: `{ properties = { networkProfile = { networkPolicy = "azure" } } }`, bad: `{ properties = { networkProfile = { networkPolicy = "none" } } }`,
		unknown: `{ properties = { networkProfile = { networkPolicy = var.value } } }`, at: "networkPolicy",
	}),
	bind(aksDiskEncryptionSet, armManagedCluster, []string{"disk_encryption_set_id"}, azapiCase{
		good:    `{ properties = { diskEncryptionSetID = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/aks" } }`,
		bad:     `{ properties = { dnsPrefix = "aks" } }`,
		unknown: `{ properties = var.value }`, noPatch: true,
	}),

	// Automation accounts
	bind(automationPublicNetworkAccess, armAutomationAccount, []string{"public_network_access_enabled"}, azapiCase{
		good: `{ properties = { publicNetworkAccess = false } }`, bad: `{ properties = { publicNetworkAccess = true } }`,
		unknown: `{ properties = { publicNetworkAccess = var.value } }`, at: "publicNetworkAccess", msg: "body.properties.publicNetworkAccess is true",
	}),
	bind(automationCustomerManagedKey, armAutomationAccount, []string{"encryption"}, azapiCase{
		good:    `{ properties = { encryption = { keySource = "Microsoft.Keyvault", keyVaultProperties = { keyName = "automation" } } } }`,
		bad:     `{ properties = { encryption = { keySource = "Microsoft.Automation" } } }`,
		unknown: `{ properties = { encryption = { keySource = var.value } } }`, at: "keySource", msg: `body.properties.encryption.keySource is "Microsoft.Automation"`,
	}),
	bind(automationLocalAuth, armAutomationAccount, []string{"local_authentication_enabled"}, azapiCase{
		good: `{ properties = { disableLocalAuth = true } }`, bad: `{ properties = { disableLocalAuth = false } }`,
		unknown: `{ properties = { disableLocalAuth = var.value } }`, at: "disableLocalAuth", msg: "body.properties.disableLocalAuth is false",
	}),

	// Log Analytics workspaces
	// Azure Cache for Redis
	bind(redisNonSSLPort, armRedisCache, []string{"non_ssl_port_enabled"}, azapiCase{
		good: `{ properties = { enableNonSslPort = false } }`, bad: `{ properties = { enableNonSslPort = true } }`,
		unknown: `{ properties = { enableNonSslPort = var.value } }`, at: "enableNonSslPort",
	}),
	bind(redisMinTLS, armRedisCache, []string{"minimum_tls_version"}, azapiCase{
		good: `{ properties = { minimumTlsVersion = "1.2" } }`, bad: `{ properties = { minimumTlsVersion = "1.0" } }`,
		unknown: `{ properties = { minimumTlsVersion = var.value } }`, at: "minimumTlsVersion",
	}),
	bind(redisPublicNetworkAccess, armRedisCache, []string{"public_network_access_enabled", "subnet_id"}, azapiCase{
		good: `{ properties = { publicNetworkAccess = "Disabled" } }`, bad: `{ properties = { publicNetworkAccess = "Enabled" } }`,
		unknown: `{ properties = { publicNetworkAccess = var.value } }`, at: "publicNetworkAccess",
	}),

	// Event Hubs and Service Bus namespaces
	bind(messagingLocalAuth, armEventHubNamespace, []string{"local_authentication_enabled", "local_auth_enabled"}, azapiCase{
		good: `{ properties = { disableLocalAuth = true } }`, bad: `{ properties = { disableLocalAuth = false } }`,
		unknown: `{ properties = { disableLocalAuth = var.value } }`, at: "disableLocalAuth", msg: "body.properties.disableLocalAuth is false",
	}, armServiceBusNamespace),
	bind(messagingMinTLS, armEventHubNamespace, []string{"minimum_tls_version"}, azapiCase{
		good: `{ properties = { minimumTlsVersion = "1.2" } }`, bad: `{ properties = { minimumTlsVersion = "1.1" } }`,
		unknown: `{ properties = { minimumTlsVersion = var.value } }`, at: "minimumTlsVersion",
	}, armServiceBusNamespace),

	// Database server firewall rules
	bind(databaseFirewallInternet, armSQLFirewallRule, []string{"start_ip_address", "end_ip_address"}, azapiCase{
		good:    `{ properties = { startIpAddress = "203.0.113.10", endIpAddress = "203.0.113.20" } }`,
		bad:     `{ properties = { startIpAddress = "0.0.0.0", endIpAddress = "255.255.255.255" } }`,
		unknown: `{ properties = { startIpAddress = "0.0.0.0", endIpAddress = var.value } }`, at: "startIpAddress", msg: "every IPv4 address",
	}, armPostgresFlexibleFirewallRule, armMySQLFlexibleFirewallRule),
	bind(databaseFirewallAzureServices, armSQLFirewallRule, []string{"start_ip_address", "end_ip_address"}, azapiCase{
		good:    `{ properties = { startIpAddress = "203.0.113.10", endIpAddress = "203.0.113.10" } }`,
		bad:     `{ properties = { startIpAddress = "0.0.0.0", endIpAddress = "0.0.0.0" } }`,
		unknown: `{ properties = { startIpAddress = var.value, endIpAddress = "0.0.0.0" } }`, at: "startIpAddress", msg: "every Azure service",
	}, armPostgresFlexibleFirewallRule, armMySQLFlexibleFirewallRule),

	bind(logAnalyticsRetention, armLogAnalyticsWorkspace, []string{"retention_in_days"}, azapiCase{
		good: `{ properties = { retentionInDays = 365 } }`, bad: `{ properties = { retentionInDays = 30 } }`,
		unknown: `{ properties = { retentionInDays = var.value } }`, at: "retentionInDays", msg: "logs are kept for 30 days",
	}),

	// App Service plans
	bind(servicePlanZoneRedundant, armServerFarm, []string{"zone_balancing_enabled"}, azapiCase{
		good:    `{ sku = { name = "P1v3", capacity = 3 }, properties = { zoneRedundant = true } }`,
		bad:     `{ sku = { name = "P1v3" }, properties = { zoneRedundant = false } }`,
		unknown: `{ properties = { zoneRedundant = var.value } }`, at: "zoneRedundant", msg: "body.properties.zoneRedundant is false",
	}),

	// Virtual machines and scale sets
	bind(vmEncryptionAtHost, armVirtualMachine, []string{"encryption_at_host_enabled"}, azapiCase{
		good:    `{ properties = { securityProfile = { encryptionAtHost = true } } }`,
		bad:     `{ properties = { securityProfile = { encryptionAtHost = false } } }`,
		unknown: `{ properties = { securityProfile = { encryptionAtHost = var.value } } }`, at: "encryptionAtHost",
		msg: "body.properties.securityProfile.encryptionAtHost is false",
	}, armVirtualMachineScaleSet),
	withExamples(bind(diskCustomerManagedKey, armVirtualMachine, []string{"os_disk", "os_managed_disk_id"}, azapiCase{
		good:    `{ properties = { storageProfile = { osDisk = { createOption = "FromImage", managedDisk = { diskEncryptionSet = { id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des" } } } } } }`,
		bad:     `{ properties = { storageProfile = { osDisk = { createOption = "FromImage", managedDisk = { storageAccountType = "Premium_LRS" } } } } }`,
		unknown: `{ properties = { storageProfile = { osDisk = { managedDisk = var.value } } } }`, at: "osDisk", noPatch: true,
		msg: "no body.properties.storageProfile.osDisk.managedDisk.diskEncryptionSet.id names a customer-managed key",
	}, armVirtualMachineScaleSet), azapiDiskExamples, nil),
	withExamples(bind(vmPasswordAuthDisabled, armVirtualMachine, []string{"disable_password_authentication"}, azapiCase{
		good:    `{ properties = { osProfile = { linuxConfiguration = { disablePasswordAuthentication = true } } } }`,
		bad:     `{ properties = { osProfile = { linuxConfiguration = { disablePasswordAuthentication = false } } } }`,
		unknown: `{ properties = { osProfile = { linuxConfiguration = { disablePasswordAuthentication = var.value } } } }`,
		at:      "disablePasswordAuthentication", msg: "body.properties.osProfile.linuxConfiguration.disablePasswordAuthentication is false",
	}, armVirtualMachineScaleSet), azapiPasswordGood, azapiPasswordBad),
	vmBackupBinding,

	// Recovery Services vaults
	bind(backupVaultGeoRedundant, armRecoveryVault, []string{"storage_mode_type"}, azapiCase{
		good:    `{ properties = { redundancySettings = { standardTierStorageRedundancy = "GeoRedundant" } } }`,
		bad:     `{ properties = { redundancySettings = { standardTierStorageRedundancy = "LocallyRedundant" } } }`,
		unknown: `{ properties = { redundancySettings = { standardTierStorageRedundancy = var.value } } }`,
		at:      "standardTierStorageRedundancy", msg: `body.properties.redundancySettings.standardTierStorageRedundancy is "LocallyRedundant"`,
	}),
	withExamples(bind(backupVaultCrossRegionRestore, armRecoveryVault, []string{"storage_mode_type", "cross_region_restore_enabled"}, azapiCase{
		good:    `{ properties = { redundancySettings = { standardTierStorageRedundancy = "GeoRedundant", crossRegionRestore = "Enabled" } } }`,
		bad:     `{ properties = { redundancySettings = { crossRegionRestore = "Disabled" } } }`,
		unknown: `{ properties = { redundancySettings = { crossRegionRestore = var.value } } }`,
		at:      "crossRegionRestore", msg: "body.properties.redundancySettings.crossRegionRestore is not true",
	}), azapiVaultNotGeoRedundant, nil),
	bind(backupVaultSoftDelete, armRecoveryVault, []string{"soft_delete_enabled"}, azapiCase{
		good:    `{ properties = { securitySettings = { softDeleteSettings = { softDeleteState = "AlwaysON" } } } }`,
		bad:     `{ properties = { securitySettings = { softDeleteSettings = { softDeleteState = "Disabled" } } } }`,
		unknown: `{ properties = { securitySettings = { softDeleteSettings = { softDeleteState = var.value } } } }`,
		at:      "softDeleteState", msg: "deleted backups are purged at once",
	}),
	bind(recoveryVaultPublicNetworkAccess, armRecoveryVault, []string{"public_network_access_enabled"}, azapiCase{
		good:    `{ properties = { publicNetworkAccess = "Disabled" } }`,
		bad:     `{ properties = { publicNetworkAccess = "Enabled" } }`,
		unknown: `{ properties = { publicNetworkAccess = var.value } }`,
		at:      "publicNetworkAccess", msg: `body.properties.publicNetworkAccess is "Enabled"`,
	}),
	bind(backupVaultImmutable, armRecoveryVault, []string{"immutability"}, azapiCase{
		good:    `{ properties = { securitySettings = { immutabilitySettings = { state = "Locked" } } } }`,
		bad:     `{ properties = { securitySettings = { immutabilitySettings = { state = "Disabled" } } } }`,
		unknown: `{ properties = { securitySettings = { immutabilitySettings = { state = var.value } } } }`,
		at:      "state", msg: "body.properties.securitySettings.immutabilitySettings.state is Disabled",
	}),

	// Network security groups and their rules
	bind(nsgNoPublicAdminPorts, armNetworkSecurityGroup, []string{"security_rules", "direction", "access", "protocol",
		"source_address_prefix", "source_address_prefixes", "destination_port_range", "destination_port_ranges"}, azapiCase{
		good: `{ properties = { securityRules = [{ name = "https", properties = { direction = "Inbound", access = "Allow", protocol = "Tcp", ` +
			`sourceAddressPrefix = "*", destinationPortRange = "443" } }] } }`,
		bad: `{ properties = { securityRules = [{ name = "rdp", properties = { direction = "Inbound", access = "Allow", protocol = "Tcp", ` +
			`sourceAddressPrefix = "*", destinationPortRange = "3389" } }] } }`,
		unknown: `{ properties = { securityRules = var.value } }`,
		at:      "securityRules", msg: `body.properties.securityRules entry "rdp": inbound TCP traffic from "*" is allowed to port 3389`,
	}, armSecurityRule),
	bind(nsgPublicPortsAllowListed, armNetworkSecurityGroup, []string{"security_rules", "direction", "access", "protocol",
		"source_address_prefix", "source_address_prefixes", "destination_port_range", "destination_port_ranges"}, azapiCase{
		good: `{ properties = { securityRules = [{ name = "https", properties = { direction = "Inbound", access = "Allow", protocol = "Tcp", ` +
			`sourceAddressPrefix = "*", destinationPortRange = "443" } }] } }`,
		bad: `{ properties = { securityRules = [{ name = "amqp", properties = { direction = "Inbound", access = "Allow", protocol = "Tcp", ` +
			`sourceAddressPrefix = "*", destinationPortRange = "5672" } }] } }`,
		unknown: `{ properties = { securityRules = var.value } }`,
		at:      "securityRules", msg: `body.properties.securityRules entry "amqp": inbound TCP traffic from "*" is allowed to port 5672`,
	}, armSecurityRule),

	// Blob containers
	bind(storageContainerPrivate, armBlobContainer, []string{"container_access_type"}, azapiCase{
		good:    `{ properties = { publicAccess = "None" } }`,
		bad:     `{ properties = { publicAccess = "Container" } }`,
		unknown: `{ properties = { publicAccess = var.value } }`,
		at:      "publicAccess", msg: `body.properties.publicAccess is "Container"`,
	}),

	// Role assignments
	roleAssignmentBinding,

	{rule: appServiceHTTPLogs, types: []*armType{armWebSiteLogs}, good: azapiSiteLogsGood, bad: azapiSiteLogsBad},

	// Application gateways
	{rule: appGatewayWAF, types: []*armType{armApplicationGateway}, reads: []string{"sku", "firewall_policy_id"},
		good: azapiGatewayWAFGood, bad: azapiGatewayWAFBad},
	{rule: appGatewayHTTPSOnly, types: []*armType{armApplicationGateway}, good: azapiGatewayHTTPSGood, bad: azapiGatewayHTTPSBad},

	// App Service sites
	bind(appServiceHTTPSOnly, armWebSite, []string{"https_only"}, azapiCase{
		good: `{ properties = { httpsOnly = true } }`, bad: `{ properties = { httpsOnly = false } }`,
		unknown: `{ properties = { httpsOnly = var.value } }`, at: "httpsOnly",
	}),
	withExamples(withWebConfig(bind(appServiceMinTLS, armWebSite, []string{"site_config.min_tls_version", "site_config.scm_min_tls_version"}, azapiCase{
		good: `{ properties = { siteConfig = { minTlsVersion = "1.2" } } }`, bad: `{ properties = { siteConfig = { minTlsVersion = "1.0" } } }`,
		unknown: `{ properties = { siteConfig = { minTlsVersion = var.value } } }`, at: "minTlsVersion", msg: "body.properties.siteConfig.minTlsVersion is 1.0",
	}, armSiteWebConfig, armSlotWebConfig), "minTlsVersion", `"1.2"`, `"1.0"`, "body.properties.minTlsVersion is 1.0"), nil, azapiSiteWebConfigBad),
	withWebConfig(bind(appServiceRemoteDebugging, armWebSite, []string{"site_config.remote_debugging_enabled"}, azapiCase{
		good:    `{ properties = { siteConfig = { remoteDebuggingEnabled = false } } }`,
		bad:     `{ properties = { siteConfig = { remoteDebuggingEnabled = true } } }`,
		unknown: `{ properties = { siteConfig = { remoteDebuggingEnabled = var.value } } }`, at: "remoteDebuggingEnabled",
		msg: "body.properties.siteConfig.remoteDebuggingEnabled is true",
	}, armSiteWebConfig, armSlotWebConfig), "remoteDebuggingEnabled", "false", "true", "body.properties.remoteDebuggingEnabled is true"),
	withExamples(bind(appServiceClientCertificates, armWebSite, []string{"client_cert_enabled", "client_cert_mode"}, azapiCase{
		good:    `{ kind = "app,linux", properties = { clientCertEnabled = true, clientCertMode = "Required" } }`,
		bad:     `{ properties = { clientCertEnabled = true, clientCertMode = "Optional" } }`,
		unknown: `{ properties = { clientCertEnabled = var.value } }`, at: "clientCertMode",
		msg: "body.properties.clientCertMode is Optional",
	}), azapiFunctionSite, nil),
	withExamples(appServiceIdentityBinding, []scanner.Example{{Code: azapiFunctionSite[0].Code}}, nil),
	withWebConfig(bind(appServiceFTPS, armWebSite, []string{"site_config.ftps_state"}, azapiCase{
		good: `{ properties = { siteConfig = { ftpsState = "FtpsOnly" } } }`, bad: `{ properties = { siteConfig = { ftpsState = "AllAllowed" } } }`,
		unknown: `{ properties = { siteConfig = { ftpsState = var.value } } }`, at: "ftpsState",
	}, armSiteWebConfig, armSlotWebConfig), "ftpsState", `"FtpsOnly"`, `"AllAllowed"`, "body.properties.ftpsState is AllAllowed"),
	withExamples(bind(appServiceBasicPublishingAuth, armSitePublishingPolicy,
		[]string{"ftp_publish_basic_authentication_enabled", "webdeploy_publish_basic_authentication_enabled"}, azapiCase{
			good:    `{ properties = { allow = false } }`,
			bad:     `{ properties = { allow = true } }`,
			unknown: `{ properties = { allow = var.value } }`, at: "allow",
			msg: "body.properties.allow is true",
		}, armSlotPublishingPolicy, armWebSitePublishing), azapiPublishingPolicies, azapiSitePublishingBad),
	{
		rule: appServiceNoSecretsInSettings, types: []*armType{armSiteAppSettings, armSlotAppSettings, armWebSiteSettings},
		reads: []string{"app_settings"}, good: append(azapiAppSettingsGood, azapiSiteSettingsGood...),
		bad: append(azapiAppSettingsBad, azapiSiteSettingsBad...),
	},
}

// withExamples adds written-out examples to a binding's generated ones.
func withExamples(b azapiBinding, good, bad []scanner.Example) azapiBinding {
	return withMoreExamples(b, func() (_, _ []scanner.Example) { return good, bad })
}

// azapiCase is the azapi examples of a binding, written as bodies of the
// binding's first ARM type: a compliant one, one that breaks the rule and
// one that reads var.value, which is only known after apply.
type azapiCase struct {
	good, bad, unknown string
	// at is the body key the failure of the bad body points at ("" for a
	// failure about something missing); msg is a part of its message.
	at, msg string
	// noPatch leaves out the azapi_update_resource that writes the bad
	// body, for a rule that fails a resource for what its body leaves out:
	// a patch that leaves it out does not change it.
	noPatch bool
}

// bind is the binding of rule to typ (and more types), whose examples
// c writes.
func bind(rule *scanner.Rule, typ *armType, reads []string, c azapiCase, more ...*armType) azapiBinding {
	return azapiBinding{rule: rule, types: append([]*armType{typ}, more...), reads: reads,
		more: func() (good, bad []scanner.Example) { return c.examples(typ, rule.ID) }}
}

// azapiVersion is the API version the examples are written with: the
// newest one typ understands.
func azapiVersion(typ *armType) string { return typ.name + "@" + typ.newest }

// examples renders the case: the good example has a patch that sets
// nothing the rule reads (not applicable); the bad one fails the bad body,
// as a resource and as a patch, is unknown for the unknown body and for an
// API version the rule does not understand.
func (c azapiCase) examples(typ *armType, ruleID string) (good, bad []scanner.Example) {
	resource := func(kind, name, typeArg, body string) string {
		if kind == azapiUpdateResource {
			return fmt.Sprintf("\nresource %q %q {\n  type        = %q\n  resource_id = %q\n  body        = %s\n}\n",
				kind, name, typeArg, "/subscriptions/0000/resourceGroups/rg/providers/"+typ.name+"/acme", body)
		}
		return fmt.Sprintf("\nresource %q %q {\n  type      = %q\n  parent_id = %q\n  name      = %q\n  location  = \"westeurope\"\n  body      = %s\n}\n",
			kind, name, typeArg, "/subscriptions/0000/resourceGroups/rg", name, body)
	}
	good = []scanner.Example{{
		Code: resource(azapiResource, "good", azapiVersion(typ), c.good) +
			resource(azapiUpdateResource, "tags", azapiVersion(typ), `{ tags = { team = "data" } }`),
		NotApplicable: []string{azapiUpdateResource + ".tags"},
	}}
	code := "\nvariable \"value\" {}\n" +
		resource(azapiResource, "bad", azapiVersion(typ), c.bad) +
		resource(azapiResource, "unknown", azapiVersion(typ), c.unknown) +
		resource(azapiResource, "old", typ.name+"@2015-06-15", c.good)
	ex := scanner.Example{
		Fails:    []string{azapiResource + ".bad"},
		Unknowns: []string{azapiResource + ".old", azapiResource + ".unknown"},
		Expect: map[string]scanner.Expected{
			azapiResource + ".old": {Message: "not understood by rule " + ruleID},
		},
	}
	if !c.noPatch {
		code += resource(azapiUpdateResource, "patch", azapiVersion(typ), c.bad)
		ex.Fails = append(ex.Fails, azapiUpdateResource+".patch")
	}
	ex.Code = code
	bad = []scanner.Example{ex}
	if c.at != "" || c.msg != "" {
		line := 0
		if c.at != "" {
			line = lineOf(code, `resource "azapi_resource" "bad"`, c.at+" =")
		}
		ex.Expect[azapiResource+".bad"] = scanner.Expected{Line: line, Message: c.msg}
	}
	return good, bad
}

// lineOf returns the line of code (1 for its first) where want first
// appears after the line holding after.
func lineOf(code, after, want string) int {
	lines := strings.Split(code, "\n")
	started := false
	for i, l := range lines {
		started = started || strings.Contains(l, after)
		if started && strings.Contains(l, want) {
			return i + 1
		}
	}
	return 0
}

// roleAssignmentBinding judges azapi role assignments. Its examples are
// written out, not generated from a body: the rule decides on the scope
// the assignment is created on (parent_id), not only on its body.
var roleAssignmentBinding = azapiBinding{
	rule: roleAssignmentPrivilegedBroadScope, types: []*armType{armRoleAssignment}, reads: []string{"role_definition_id"},
	good: []scanner.Example{{Code: `
resource "azapi_resource" "rg" {
  type      = "Microsoft.Resources/resourceGroups@2024-03-01"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  name      = "app"
  location  = "westeurope"
}

resource "azapi_resource" "owner_on_rg" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  parent_id = azapi_resource.rg.id
  name      = "00000000-0000-0000-0000-000000000001"
  body = {
    properties = {
      roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
      principalId      = "11111111-1111-1111-1111-111111111111"
    }
  }
}

resource "azapi_resource" "reader_on_subscription" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  name      = "00000000-0000-0000-0000-000000000002"
  body = {
    properties = {
      roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
      principalId      = "11111111-1111-1111-1111-111111111111"
    }
  }
}

resource "azapi_update_resource" "description" {
  type        = "Microsoft.Authorization/roleAssignments@2022-04-01"
  resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-000000000003"
  body = {
    properties = {
      description = "break-glass"
    }
  }
}`, NotApplicable: []string{"azapi_update_resource.description"}}},
	bad: []scanner.Example{{Code: `
variable "role_definition_id" {
  type = string
}

resource "azapi_resource" "owner_on_subscription" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  name      = "00000000-0000-0000-0000-000000000001"
  body = {
    properties = {
      roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
      principalId      = "11111111-1111-1111-1111-111111111111"
    }
  }
}

resource "azapi_resource" "role_unknown" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  parent_id = "/providers/Microsoft.Management/managementGroups/platform"
  name      = "00000000-0000-0000-0000-000000000002"
  body = {
    properties = {
      roleDefinitionId = var.role_definition_id
      principalId      = "11111111-1111-1111-1111-111111111111"
    }
  }
}

resource "azapi_update_resource" "to_contributor" {
  type        = "Microsoft.Authorization/roleAssignments@2022-04-01"
  resource_id = "/providers/Microsoft.Management/managementGroups/platform/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-000000000003"
  body = {
    properties = {
      roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
    }
  }
}

variable "subscription_id" {
  type = string
}

resource "azapi_resource" "owner_by_suffix" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  parent_id = "/providers/Microsoft.Management/managementGroups/platform"
  name      = "00000000-0000-0000-0000-000000000005"
  body = {
    properties = {
      roleDefinitionId = "/subscriptions/${var.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
      principalId      = "11111111-1111-1111-1111-111111111111"
    }
  }
}

resource "azapi_resource" "old" {
  type      = "Microsoft.Authorization/roleAssignments@2014-10-01-preview"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  name      = "00000000-0000-0000-0000-000000000004"
  body = {
    properties = {
      roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
    }
  }
}`,
		Fails:    []string{"azapi_resource.owner_on_subscription", "azapi_update_resource.to_contributor", "azapi_resource.owner_by_suffix"},
		Unknowns: []string{"azapi_resource.role_unknown", "azapi_resource.old"},
		Expect: map[string]scanner.Expected{
			"azapi_resource.owner_on_subscription": {Line: 8, Message: "Owner is assigned on a whole subscription or management group"},
			"azapi_resource.role_unknown":          {Message: "the parent_id is a whole subscription or management group"},
			"azapi_resource.old":                   {Message: "not understood by rule azure-iam-no-privileged-role-at-broad-scope"},
			"azapi_resource.owner_by_suffix":       {Line: 46, Message: "Owner is assigned"},
		},
	}},
}

// azapiDiskExamples are azapi machines encrypted through Azure Disk
// Encryption written as an azapi extension, and a scale set whose
// confidential OS disk names a disk encryption set.
var azapiDiskExamples = []scanner.Example{{Code: `
resource "azapi_resource" "vm" {
  type      = "Microsoft.Compute/virtualMachines@2024-07-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "app"
  body = {
    properties = {
      storageProfile = { osDisk = { createOption = "FromImage" } }
    }
  }
}

resource "azapi_resource" "ade" {
  type      = "Microsoft.Compute/virtualMachines/extensions@2024-07-01"
  parent_id = azapi_resource.vm.id
  name      = "AzureDiskEncryption"
  body = {
    properties = {
      publisher = "Microsoft.Azure.Security"
      type      = "AzureDiskEncryption"
      settings = {
        EncryptionOperation = "EnableEncryption"
        KeyVaultURL         = "https://acme-kv.vault.azure.net/"
      }
    }
  }
}

resource "azapi_resource" "pool" {
  type      = "Microsoft.Compute/virtualMachineScaleSets@2024-07-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "pool"
  body = {
    properties = {
      virtualMachineProfile = {
        storageProfile = {
          osDisk = {
            createOption = "FromImage"
            managedDisk = {
              securityProfile = {
                diskEncryptionSet = { id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/cvm" }
              }
            }
          }
        }
      }
    }
  }
}`}}

// azapiPasswordGood and azapiPasswordBad show how an azapi machine's
// operating system is read: a Windows image is not judged, a Linux image
// with SSH keys and no password passes, a Linux machine with an admin
// password and no disablePasswordAuthentication fails, and a body that
// does not say which system the machine runs is unknown.
var (
	azapiPasswordGood = []scanner.Example{{Code: `
resource "azapi_resource" "windows" {
  type      = "Microsoft.Compute/virtualMachines@2025-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "win"
  body = {
    properties = {
      osProfile = { adminUsername = "adminuser", adminPassword = "not-a-real-password-1!" }
      storageProfile = {
        imageReference = { publisher = "MicrosoftWindowsServer", offer = "WindowsServer", sku = "2022-datacenter-g2", version = "latest" }
      }
    }
  }
}

resource "azapi_resource" "ssh_keys" {
  type      = "Microsoft.Compute/virtualMachineScaleSets@2025-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "pool"
  body = {
    properties = {
      virtualMachineProfile = {
        osProfile = { adminUsername = "azureuser" }
        storageProfile = {
          imageReference = { publisher = "Canonical", offer = "ubuntu-24_04-lts", sku = "server", version = "latest" }
        }
      }
    }
  }
}`, NotApplicable: []string{"azapi_resource.windows"}}}
	azapiPasswordBad = []scanner.Example{{Code: `
resource "azapi_resource" "password" {
  type      = "Microsoft.Compute/virtualMachines@2025-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "app"
  body = {
    properties = {
      osProfile = {
        adminUsername = "azureuser"
        adminPassword = "not-a-real-password-1!"
      }
      storageProfile = { osDisk = { createOption = "FromImage", osType = "Linux" } }
    }
  }
}

resource "azapi_resource" "which_os" {
  type      = "Microsoft.Compute/virtualMachines@2025-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "custom"
  body = {
    properties = {
      osProfile = { adminUsername = "azureuser", adminPassword = "not-a-real-password-1!" }
      storageProfile = { imageReference = { id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/app" } }
    }
  }
}`,
		Fails:    []string{"azapi_resource.password"},
		Unknowns: []string{"azapi_resource.which_os"},
		Expect: map[string]scanner.Expected{
			"azapi_resource.password": {Line: 10, Message: "osProfile.adminPassword is, so ARM lets the admin sign in with that password"},
			"azapi_resource.which_os": {Message: "does not say which operating system"},
		},
	}}
)

// vmBackupBinding judges azapi machines for backup: the body says nothing
// about it, so a patch never applies, and the machine passes when a
// protected item of the scan names it.
var vmBackupBinding = azapiBinding{
	rule: vmBackupProtected, types: []*armType{armVirtualMachine},
	good: []scanner.Example{{Code: `
resource "azapi_resource" "vm" {
  type      = "Microsoft.Compute/virtualMachines@2025-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "app"
  body      = { properties = { hardwareProfile = { vmSize = "Standard_D2s_v5" } } }
}

resource "azurerm_backup_protected_vm" "vm" {
  resource_group_name = "rg"
  recovery_vault_name = "acme-rsv"
  source_vm_id        = azapi_resource.vm.id
  backup_policy_id    = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/acme-rsv/backupPolicies/daily"
}

resource "azapi_update_resource" "size" {
  type        = "Microsoft.Compute/virtualMachines@2025-04-01"
  resource_id = azapi_resource.vm.id
  body        = { properties = { hardwareProfile = { vmSize = "Standard_D4s_v5" } } }
}`, NotApplicable: []string{"azapi_update_resource.size"}}},
	bad: []scanner.Example{{Code: `
resource "azapi_resource" "unprotected" {
  type      = "Microsoft.Compute/virtualMachines@2025-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "app"
  body      = { properties = { hardwareProfile = { vmSize = "Standard_D2s_v5" } } }
}

resource "azapi_resource" "old" {
  type      = "Microsoft.Compute/virtualMachines@2019-07-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "old"
  body      = { properties = { hardwareProfile = { vmSize = "Standard_D2s_v5" } } }
}`,
		Fails:    []string{"azapi_resource.unprotected"},
		Unknowns: []string{"azapi_resource.old"},
		Expect: map[string]scanner.Expected{
			"azapi_resource.old": {Message: "not understood by rule azure-compute-vm-backup"},
		},
	}},
}

// azapiFunctionSite is a function app written with azapi: rules about web
// apps alone do not judge it, and it has a managed identity.
var azapiFunctionSite = []scanner.Example{{Code: `
resource "azapi_resource" "func" {
  type      = "Microsoft.Web/sites@2024-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-func"
  location  = "westeurope"
  body = {
    kind       = "functionapp,linux"
    properties = { httpsOnly = true }
  }
  identity {
    type = "SystemAssigned"
  }
}`, NotApplicable: []string{"azapi_resource.func"}}}

// appServiceIdentityBinding judges an azapi site's identity block; the
// body says nothing about it, so a patch never applies.
var appServiceIdentityBinding = azapiBinding{
	rule: appServiceManagedIdentity, types: []*armType{armWebSite},
	good: []scanner.Example{{Code: `
resource "azapi_resource" "app" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-app"
  location  = "westeurope"
  body      = { kind = "app", properties = { httpsOnly = true } }
  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_update_resource" "https" {
  type        = "Microsoft.Web/sites@2025-03-01"
  resource_id = azapi_resource.app.id
  body        = { properties = { httpsOnly = true } }
}`, NotApplicable: []string{"azapi_update_resource.https"}}},
	bad: []scanner.Example{{Code: `
variable "identity_type" {
  type = string
}

resource "azapi_resource" "none" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-app"
  body      = { properties = { httpsOnly = true } }
}

resource "azapi_resource" "maybe" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-app2"
  body      = { properties = { httpsOnly = true } }
  dynamic "identity" {
    for_each = var.identity_type == "" ? [] : [var.identity_type]
    content {
      type = identity.value
    }
  }
}`,
		Fails:    []string{"azapi_resource.none"},
		Unknowns: []string{"azapi_resource.maybe"},
	}},
}

// azapiPublishingPolicies are the two policies of a site and of a slot,
// written as the Azure Verified Modules write them, with basic
// authentication forbidden.
var azapiPublishingPolicies = []scanner.Example{{Code: `
resource "azapi_resource" "app" {
  type      = "Microsoft.Web/sites@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-app"
  location  = "westeurope"
  body      = { kind = "app,linux", properties = { httpsOnly = true } }
}

resource "azapi_update_resource" "ftp" {
  type      = "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01"
  parent_id = azapi_resource.app.id
  name      = "ftp"
  body      = { properties = { allow = false } }
}

resource "azapi_resource" "scm" {
  type      = "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01"
  parent_id = azapi_resource.app.id
  name      = "scm"
  body      = { properties = { allow = false } }
}

resource "azapi_resource" "slot_scm" {
  type      = "Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies@2025-03-01"
  parent_id = "${azapi_resource.app.id}/slots/staging"
  name      = "scm"
  body      = { properties = { allow = false } }
}`}}

// azapiAppSettingsGood are app settings written as config children:
// Key Vault references pass, config children of other names are not read,
// and an API version the mapping does not know is unknown.
var azapiAppSettingsGood = []scanner.Example{{Code: `
resource "azapi_resource" "settings" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/acme"
  name      = "appsettings"
  body = {
    properties = {
      DB_PASSWORD = "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db/)"
      REGION      = "westeurope"
    }
  }
}

resource "azapi_resource" "web" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/acme"
  name      = "web"
  body      = { properties = { minTlsVersion = "1.2", publishingPassword = "not-an-app-setting" } }
}

resource "azapi_update_resource" "slot" {
  type        = "Microsoft.Web/sites/slots/config@2025-03-01"
  resource_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/acme/slots/staging/config/appsettings"
  body        = { properties = { API_TOKEN = "@Microsoft.KeyVault(VaultName=acme;SecretName=token)" } }
}`}}

// azapiAppSettingsBad are literal secrets in config children, as a
// resource and as a patch, a child whose name is only known after apply
// and one of an API version the mapping does not know.
var azapiAppSettingsBad = []scanner.Example{{Code: `
variable "config_name" {
  type = string
}

resource "azapi_resource" "settings" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/acme"
  name      = "appsettings"
  body = {
    properties = {
      STRIPE_API_KEY = "sk_live_not_a_real_key"
      REGION         = "westeurope"
    }
  }
}

resource "azapi_update_resource" "slot" {
  type      = "Microsoft.Web/sites/slots/config@2025-03-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/acme/slots/staging"
  name      = "appsettings"
  body      = { properties = { DB_PASSWORD = "hunter2" } }
}

resource "azapi_update_resource" "named" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/acme"
  name      = var.config_name
  body      = { properties = { API_TOKEN = "literal" } }
}

resource "azapi_resource" "old" {
  type      = "Microsoft.Web/sites/config@2016-08-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/acme"
  name      = "appsettings"
  body      = { properties = { API_TOKEN = "literal" } }
}`,
	Fails:    []string{"azapi_resource.settings", "azapi_update_resource.slot"},
	Unknowns: []string{"azapi_update_resource.named", "azapi_resource.old"},
	Expect: map[string]scanner.Expected{
		"azapi_resource.settings":     {Line: 11, Message: "body.properties holds STRIPE_API_KEY as a literal value"},
		"azapi_update_resource.named": {Message: "name of the Microsoft.Web/sites/config resource is not known until apply"},
		"azapi_resource.old":          {Message: "not understood by rule azure-appservice-no-literal-secrets"},
	},
}}

// withWebConfig adds examples of a site's "web" config child, and a
// slot's, that write the property good or bad: a child that writes
// something else is not judged, as it leaves the property as the site has
// it, nor is a config child of another name.
func withWebConfig(b azapiBinding, prop, good, bad, msg string) azapiBinding {
	return withMoreExamples(b, func() (_, _ []scanner.Example) { return webConfigExamples(prop, good, bad, msg) })
}

// webConfigExamples are withWebConfig's examples.
func webConfigExamples(prop, good, bad, msg string) (goods, bads []scanner.Example) {
	site := "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/acme"
	goods = []scanner.Example{{Code: fmt.Sprintf(`
resource "azapi_resource" "web" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = %[1]q
  name      = "web"
  body      = { properties = { %[2]s = %[3]s } }
}

resource "azapi_update_resource" "other" {
  type        = "Microsoft.Web/sites/config@2024-04-01"
  resource_id = "%[1]s/config/web"
  body        = { properties = { http20Enabled = true } }
}

resource "azapi_resource" "logs" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = %[1]q
  name      = "logs"
  body      = { properties = { %[2]s = %[4]s } }
}`, site, prop, good, bad), NotApplicable: []string{"azapi_update_resource.other"}}}
	bads = []scanner.Example{{Code: fmt.Sprintf(`
resource "azapi_resource" "web" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  parent_id = %[1]q
  name      = "web"
  body      = { properties = { %[2]s = %[3]s } }
}

resource "azapi_update_resource" "slot" {
  type        = "Microsoft.Web/sites/slots/config@2025-03-01"
  resource_id = "%[1]s/slots/staging/config/web"
  body        = { properties = { %[2]s = %[3]s } }
}`, site, prop, bad),
		Fails:  []string{"azapi_resource.web", "azapi_update_resource.slot"},
		Expect: map[string]scanner.Expected{"azapi_resource.web": {Line: 6, Message: msg}},
	}}
	return goods, bads
}

// azapiVaultNotGeoRedundant are Recovery Services vaults, created and
// patched, whose storage is not geo-redundant: cross-region restore does
// not apply to them.
var azapiVaultNotGeoRedundant = []scanner.Example{{Code: `
resource "azapi_resource" "local" {
  type      = "Microsoft.RecoveryServices/vaults@2024-04-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  name      = "acme-rsv"
  location  = "westeurope"
  body = {
    sku        = { name = "RS0", tier = "Standard" }
    properties = { redundancySettings = { standardTierStorageRedundancy = "LocallyRedundant" } }
  }
}

resource "azapi_update_resource" "zone" {
  type        = "Microsoft.RecoveryServices/vaults@2024-04-01"
  resource_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/acme"
  body        = { properties = { redundancySettings = { standardTierStorageRedundancy = "ZoneRedundant", crossRegionRestore = "Disabled" } } }
}`, NotApplicable: []string{"azapi_resource.local", "azapi_update_resource.zone"}}}
