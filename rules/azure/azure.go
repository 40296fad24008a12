// Package azure holds the scanner rules for Microsoft Azure (hashicorp/azurerm) resources.
package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Rules returns the package's rules, grouped by family in the order of
// the TSC mapping table (scanner.Families). Callers must not modify them.
func Rules() []*scanner.Rule { return catalogue }

// catalogue is every azure rule: adding a rule means adding it here. The
// rules of azapiBindings judge azapi resources too.
var catalogue = withAzAPI(ruleutil.ForProvider("azurerm",
	// Encryption at rest
	diskCustomerManagedKey,
	vmEncryptionAtHost,
	cosmosCustomerManagedKey,
	mssqlTDECustomerKey,
	flexibleServerCustomerKey,
	storageCustomerManagedKey,
	aksDiskEncryptionSet,
	aksHostEncryption,
	storageInfrastructureEncryption,
	automationCustomerManagedKey,

	// Encryption in transit
	databaseTLSEnforced,
	mssqlMinTLS,
	storageMinTLS,
	storageHTTPSOnly,
	appGatewayHTTPSOnly,
	cosmosMinTLS,
	appServiceHTTPSOnly,
	appServiceMinTLS,
	appServiceFTPS,
	appServiceHTTP2,
	redisNonSSLPort,
	redisMinTLS,
	messagingMinTLS,

	// Keys and secrets
	keyVaultPurgeProtection,
	appServiceManagedIdentity,
	appServiceNoSecretsInSettings,
	keyVaultKeyRotation,
	keyVaultKeyExpiration,
	keyVaultSecretExpiration,
	keyVaultKeyHSM,

	// Backup
	databaseBackupRetention,
	mssqlDatabaseShortTermRetention,
	mssqlDatabaseLongTermRetention,
	storageBlobSoftDelete,
	storageBlobVersioning,
	cosmosBackupRetention,
	vmBackupProtected,
	vmBackupPolicyRetention,

	// Backup region: copies and replicas in another region
	databaseGeoRedundantBackup,
	backupVaultGeoRedundant,
	backupVaultCrossRegionRestore,
	mssqlDatabaseGeoBackup,
	mssqlDatabaseTDE,
	storageGeoRedundant,
	cosmosBackupGeoRedundant,
	cosmosMultiRegion,
	acrGeoReplication,
	mssqlFailoverGroup,

	// High availability
	cosmosZoneRedundant,
	flexibleServerHighAvailability,
	servicePlanZoneRedundant,

	// Deletion protection
	keyVaultSoftDeleteRetention,
	backupVaultSoftDelete,
	backupVaultImmutable,
	managedHSMPurgeProtection,

	// Public exposure
	databasePublicNetworkAccess,
	mssqlPublicNetworkAccess,
	storageNoPublicNestedItems,
	storageContainerPrivate,
	managedDiskNetworkAccess,
	cosmosPublicNetworkAccess,
	databaseFirewallInternet,
	acrPublicNetworkAccess,
	recoveryVaultPublicNetworkAccess,
	acrAnonymousPull,
	redisPublicNetworkAccess,
	messagingPublicNetworkAccess,
	automationPublicNetworkAccess,

	// Network
	keyVaultNetworkDefaultDeny,
	nsgNoPublicAdminPorts,
	nsgPublicPortsAllowListed,
	appServiceRemoteDebugging,
	databaseFirewallAzureServices,
	aksAPIServerAccess,
	aksNetworkPolicy,
	appGatewayWAF,
	storageNetworkDefaultDeny,

	// Least privilege
	vmPasswordAuthDisabled,
	cosmosKeyMetadataWrites,
	cosmosLocalAuthDisabled,
	appServiceClientCertificates,
	appServiceBasicPublishingAuth,
	roleAssignmentPrivilegedBroadScope,
	customRoleWildcardActions,
	keyVaultRBACAuthorization,
	mssqlEntraAdmin,
	storageSharedKeyDisabled,
	acrAdminUserDisabled,
	aksEntraRBAC,
	aksLocalAccountsDisabled,
	messagingLocalAuth,
	automationLocalAuth,

	// Logging and monitoring
	keyVaultAuditLogging,
	activityLogRetention,
	subscriptionActivityLogExport,
	logAnalyticsRetention,
	mssqlAuditing,
	appServiceHTTPLogs,
	mysqlAuditLog,
	aksMonitoring,
	defenderPlanStandard,
	mssqlThreatDetection,
), azapiBindings...)
