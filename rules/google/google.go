// Package google holds the scanner rules for Google Cloud (hashicorp/google) resources.
package google

import (
	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Rules returns the package's rules, grouped by family in the order of
// the TSC mapping table (scanner.Families). Callers must not modify them.
func Rules() []*scanner.Rule { return catalogue }

// catalogue is every google rule: adding a rule means adding it here.
var catalogue = ruleutil.ForProvider("google",
	// Encryption at rest
	diskCustomerManagedKey,
	gkeNodeBootDiskCMEK,
	templateDiskCMEK,
	redisCMEK,
	storageBucketCMEK,
	sqlCMEK,
	pubsubTopicCMEK,
	bigqueryTableCMEK,
	artifactRegistryCMEK,
	bigqueryDatasetCMEK,
	secretManagerCMEK,

	// Encryption in transit
	sqlSSLRequired,
	sslPolicyModernTLS,
	redisTransitEncryption,
	dnsNoRSASHA1,

	// Keys and secrets
	kmsKeyRotation,
	kmsNotPublic,
	gkeLegacyMetadataEndpoints,
	gkeNoClientCertificate,
	gkeNoBasicAuth,
	gkeSecretsEncryption,
	secretNotPublic,
	iamNoServiceAccountKeys,

	// Backup
	sqlBackupsEnabled,
	sqlPointInTimeRecovery,
	sqlBackupRetention,
	storageVersioning,
	storageSoftDelete,
	diskSnapshotSchedule,
	snapshotScheduleRetention,

	// Backup region: copies and replicas in another region
	sqlBackupLocation,
	storageMultiRegion,
	snapshotOtherRegion,
	spannerMultiRegion,
	firestoreMultiRegion,

	// High availability
	gkeNodeAutoRepair,
	gkeRegional,
	sqlHighAvailability,
	redisHighAvailability,

	// Deletion protection
	sqlDeletionProtection,
	gkeDeletionProtection,
	kmsKeyDestroyDelay,
	bigqueryTableDeletionProtection,

	// Public exposure
	sqlNoPublicIP,
	storagePublicAccessPrevention,
	storageNoPublicAccess,
	instanceNoPublicIP,
	gkePrivateNodes,
	bigqueryDatasetNotPublic,
	bigqueryTableNotPublic,
	cloudFunctionNotPublic,
	cloudFunction2NotPublic,
	cloudRunServiceNotPublic,
	cloudRunV2NotPublic,
	pubsubNotPublic,
	artifactRegistryNotPublic,
	dataprocNotPublic,
	iamNoPublicPrincipals,

	// Network
	firewallNoPublicAdminPorts,
	firewallNoPublicAllPorts,
	firewallNoPublicDatabasePorts,
	firewallNoPublicHTTP,
	firewallPublicPortsAllowListed,
	projectNoDefaultNetwork,
	subnetworkPrivateGoogleAccess,
	dnsDNSSEC,
	instanceSerialPortDisabled,
	instanceIPForwarding,
	gkeControlPlaneRestricted,
	gkeNetworkPolicy,
	sqlNoPublicAuthorizedNetworks,
	sqlServerRemoteAccess,

	// Least privilege
	gkeLegacyABAC,
	iamNoServiceAccountImpersonation,
	iamNoDefaultServiceAccountGrants,
	redisAuth,
	gkeNodeSecureBoot,
	instanceVTPM,
	instanceSecureBoot,
	gkeWorkloadIdentity,
	gkeBinaryAuthorization,
	gkeShieldedNodes,
	gkeNodeServiceAccount,
	iamNoPrimitiveRolesForUsers,
	iamNoBasicRolesForServiceAccounts,
	storageUniformAccess,
	instanceOSLoginNotDisabled,
	projectOSLogin,
	instanceBlockProjectSSHKeys,
	instanceNoDefaultSA,
	instanceDefaultSAFullAccess,
	sqlServerCrossDBChaining,
	sqlServerContainedDBAuth,
	sqlServerNoExternalScripts,
	sqlMySQLLocalInfile,
	sqlMySQLSkipShowDatabase,
	sqlServerTrace3625,
	sqlServerNoUserOptions,

	// Logging and monitoring
	subnetworkFlowLogs,
	gkeReleaseChannel,
	gkeNodeAutoUpgrade,
	gkeLogging,
	gkeMonitoring,
	networkNoAutoMode,
	firewallLogging,
	instanceIntegrityMonitoring,
	iamAuditLogging,
	projectDataAccessAudit,
	auditConfigNoExemptions,
	loggingBucketRetention,
	projectLogSinkAllEntries,
	storageBucketLogging,
	sqlPGLogCheckpoints,
	sqlPGLogConnections,
	sqlPGLogDisconnections,
	sqlPGLogLockWaits,
	sqlPGLogTempFiles,
	sqlPGLogMinDuration,
	sqlPGAudit,
	sqlPGLogMinMessages,
	sqlPGLogMinErrorStatement,
	sqlPGLogStatement,
	sqlPGLogErrorVerbosity,
)
