// Package azure holds the scanner rules for Microsoft Azure (hashicorp/azurerm) resources.
package azure

import (
	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Rules returns the package's rules, grouped by family in the order of
// the TSC mapping table (scanner.Families). Callers must not modify them.
func Rules() []*scanner.Rule { return catalogue }

// catalogue is every azure rule: adding a rule means adding it here.
var catalogue = ruleutil.ForProvider("azurerm",
	// Encryption at rest
	diskCustomerManagedKey,

	// Encryption in transit
	databaseTLSEnforced,
	mssqlMinTLS,
	storageMinTLS,
	storageHTTPSOnly,

	// Keys and secrets
	keyVaultPurgeProtection,

	// Backup
	databaseBackupRetention,
	mssqlDatabaseShortTermRetention,
	mssqlDatabaseLongTermRetention,
	storageBlobSoftDelete,
	storageBlobVersioning,

	// Backup region: copies and replicas in another region
	databaseGeoRedundantBackup,
	backupVaultGeoRedundant,
	backupVaultCrossRegionRestore,
	mssqlDatabaseGeoBackup,
	storageGeoRedundant,

	// Deletion protection
	keyVaultSoftDeleteRetention,
	backupVaultSoftDelete,

	// Public exposure
	databasePublicNetworkAccess,
	mssqlPublicNetworkAccess,
	storageNoPublicNestedItems,
	storageContainerPrivate,

	// Network
	keyVaultNetworkDefaultDeny,
	nsgNoPublicAdminPorts,
	storageNetworkDefaultDeny,

	// Logging and monitoring
	keyVaultAuditLogging,
	activityLogRetention,
	logAnalyticsRetention,
	mssqlAuditing,
)
