// Package aws holds the scanner rules for Amazon Web Services (hashicorp/aws)
// resources.
//
// Rules lists the catalogue, grouped by family. Each rule lives in a file
// named after its family and, for the larger families, the service it
// inspects: <family>[_<service>].go, such as deletion.go, public_s3.go,
// backup_region_rds.go or encryption_rest_databases.go, with _services for
// the managed services that fit no group of their own. helpers_<topic>.go hold
// what several files share: helpers_public.go the public-exposure readers,
// helpers_region.go the regions of backups and replicas; policy.go and
// policy_document.go read IAM policy documents.
package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/rules/internal/ruleutil"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Rules returns the package's rules, grouped by family in the order of
// the TSC mapping table (scanner.Families). Callers must not modify them.
func Rules() []*scanner.Rule { return catalogue }

// catalogue is every aws rule: adding a rule means adding it here.
var catalogue = ruleutil.ForProvider("aws",
	// Encryption at rest
	ebsVolumeEncrypted,
	ebsEncryptionByDefaultEnabled,
	ec2InstanceVolumesEncrypted,
	ec2LaunchTemplateVolumesEncrypted,
	autoscalingLaunchConfigurationVolumesEncrypted,
	amiAndSnapshotEncrypted,
	rdsStorageEncrypted,
	rdsSnapshotEncrypted,
	docdbClusterEncrypted,
	neptuneClusterEncrypted,
	dynamodbTableCustomerKey,
	daxClusterEncrypted,
	elasticacheAtRestEncryption,
	redshiftClusterEncrypted,
	opensearchEncryptAtRest,
	efsEncrypted,
	snsTopicEncrypted,
	sqsQueueEncrypted,
	kinesisStreamEncrypted,
	mskClusterCustomerKey,
	cloudwatchLogGroupCustomerKey,
	secretsManagerCustomerKey,
	ecrRepositoryKMS,
	ecrRepositoryCustomerKey,
	backupVaultCustomerKey,
	eksSecretsEncrypted,
	workspacesVolumesEncrypted,
	apiGatewayCacheEncrypted,
	s3BucketCustomerKey,
	s3ObjectEncrypted,
	s3ObjectCustomerKey,
	ebsVolumeCustomerKey,
	efsCustomerKey,
	elasticacheCustomerKey,
	sqsQueueCustomerKey,
	snsTopicCustomerKey,
	kinesisStreamCustomerKey,
	rdsCustomerKey,
	opensearchCustomerKey,
	dynamodbReplicaCustomerKey,
	keyspacesTableCustomerKey,
	kinesisVideoStreamCustomerKey,
	docdbElasticClusterCustomerKey,
	timestreamDatabaseCustomerKey,
	memorydbClusterCustomerKey,
	redshiftServerlessCustomerKey,
	ssmParameterCustomerKey,
	docdbClusterCustomerKey,
	neptuneClusterCustomerKey,
	rdsPerformanceInsightsCustomerKey,
	mqBrokerCustomerKey,
	lambdaEnvironmentCustomerKey,
	fsxFileSystemCustomerKey,
	athenaWorkgroupEncrypted,
	athenaWorkgroupEnforced,
	athenaDatabaseEncrypted,
	codebuildArtifactsEncrypted,
	codebuildS3LogsEncrypted,
	codebuildProjectCustomerKey,
	codebuildReportGroupEncrypted,
	emrSecurityConfigurationAtRest,
	emrSecurityConfigurationLocalDisk,
	emrClusterSecurityConfiguration,
	firehoseDeliveryStreamEncrypted,
	firehoseDeliveryStreamCustomerKey,
	sagemakerNotebookCustomerKey,
	sagemakerEndpointConfigurationCustomerKey,
	glueDataCatalogEncrypted,
	glueConnectionPasswordsEncrypted,
	glueDataCatalogCustomerKey,
	glueSecurityConfigurationEncrypted,
	glueComponentSecurityConfiguration,
	redshiftClusterCustomerKey,

	// Encryption in transit
	s3BucketSecureTransport,
	lbListenerHTTPS,
	lbListenerTLSPolicy,
	elbClassicListenerHTTPS,
	cloudfrontViewerHTTPS,
	cloudfrontMinimumTLS,
	cloudfrontOriginHTTPS,
	apiGatewayDomainTLS,
	elasticacheTransitEncryption,
	opensearchNodeToNode,
	opensearchEnforceHTTPS,
	opensearchTLSPolicy,
	mskClientTLS,
	rdsParameterGroupRequiresSSL,
	redshiftParameterGroupRequiresSSL,
	emrSecurityConfigurationInTransit,
	ecsTaskDefinitionEFSTransit,
	daxClusterEncryptedInTransit,
	memorydbClusterTLS,
	elasticacheMemcachedInTransit,
	docdbParameterGroupRequiresTLS,
	rdsCACertificateCurrent,
	transferServerNoPlainFTP,
	dmsEndpointSSL,

	// Keys and secrets
	kmsKeyRotation,
	kmsKeyRotationPeriod,
	kmsKeyPolicyWildcardPrincipal,
	kmsKeyDeletionWindow,
	secretsManagerRotation,
	ssmParameterSecureString,
	literalPasswords,
	embeddedCredentials,
	ec2IMDSv2Required,
	databaseIAMAuthentication,
	elasticacheRedisAuthentication,

	// Backup
	rdsBackupRetention,
	docdbBackupRetention,
	neptuneBackupRetention,
	dynamodbPointInTimeRecovery,
	elasticacheSnapshotRetention,
	redshiftSnapshotRetention,
	s3BucketVersioning,
	backupPlanRetention,
	backupVaultLock,
	backupPlanHasSelection,
	efsBackupPolicy,
	fsxBackupRetention,
	databaseFinalSnapshot,
	backupResourceCovered,

	// Backup region: copies and replicas in another region
	backupPlanHasCrossRegionCopy,
	backupCopyCrossRegion,
	s3ReplicationCrossRegion,
	s3BucketReplicationConfigured,
	rdsBackupReplicationCrossRegion,
	dlmCrossRegionCopy,
	backupRegionAllowed,

	// High availability
	rdsMultiAZ,
	rdsClusterMultiAZ,
	elasticacheMultiAZ,
	autoscalingGroupMultiAZ,
	opensearchZoneAwareness,
	mqBrokerMultiAZ,
	efsRegionalStorage,

	// Deletion protection
	rdsDeletionProtection,
	docdbDeletionProtection,
	neptuneDeletionProtection,
	dynamodbDeletionProtection,
	lbDeletionProtection,

	// Public exposure
	s3BucketPublicAccessBlock,
	s3AccountPublicAccessBlock,
	s3PublicAccessBlockSettingsOn,
	s3BucketNoPublicACL,
	s3BucketPolicyNotPublic,
	rdsInstanceNotPublic,
	redshiftClusterNotPublic,
	dmsReplicationInstanceNotPublic,
	mqBrokerNotPublic,
	neptuneInstanceNotPublic,
	rdsSnapshotNotPublic,
	amiNotPublic,
	eksEndpointNotPublic,
	lambdaPermissionNotPublic,
	lambdaFunctionURLRequiresAuth,
	ec2InstanceNoPublicIP,
	subnetNoPublicIPOnLaunch,
	ecrRepositoryPolicyNotPublic,
	sqsQueuePolicyNotPublic,
	snsTopicPolicyNotPublic,
	secretsManagerSecretPolicyNotPublic,
	efsFileSystemPolicyNotPublic,
	opensearchDomainPolicyNotPublic,
	glacierVaultPolicyNotPublic,
	apiGatewayRestAPIPolicyNotPublic,
	backupVaultPolicyNotPublic,
	cloudwatchLogResourcePolicyNotPublic,
	glueResourcePolicyNotPublic,
	kinesisResourcePolicyNotPublic,
	dynamodbResourcePolicyNotPublic,
	sesIdentityPolicyNotPublic,
	lambdaLayerPermissionNotPublic,
	iamPolicyDocumentNotPublic,
	sagemakerNotebookNoDirectInternet,
	ssmDocumentNotPublic,
	mwaaEnvironmentNotPublic,
	mskClusterBrokersNotPublic,
	apiGatewayMethodRequiresAuth,

	// Network
	sgNoPublicAdminPorts,
	sgNoPublicDatabasePorts,
	sgNoPublicAllPorts,
	sgNoPublicHTTP,
	sgPublicPortsAllowListed,
	naclNoPublicAdminPorts,
	naclNoPublicAllPorts,
	naclNoPublicCleartextPorts,
	defaultSecurityGroupRestrictsAll,
	eksNodeGroupSSHRestricted,
	dbSecurityGroupNoPublicIngress,

	// Least privilege
	iamPolicyNoFullAdmin,
	iamPolicyNoServiceWildcard,
	iamPolicyNoWildcardPassRole,
	iamPolicyNoAllowNotAction,
	iamPolicyNoAllowNotResource,
	iamPolicyNoWildcardActions,
	iamPolicyNoWriteOnAllResources,
	iamPolicyNoDataExfiltration,
	iamPolicyNoCredentialsExposure,
	iamPolicyNoPrivilegeEscalation,
	iamNoAdministratorAccessAttached,
	iamNoUserPolicies,
	iamRoleTrustNotPublic,
	iamRoleTrustCrossAccountCondition,
	iamRoleOIDCTrustRestricted,
	iamPasswordPolicyMinLength,
	iamPasswordPolicyReusePrevention,
	iamPasswordPolicyComplexity,

	// Logging and monitoring
	cloudtrailMultiRegion,
	cloudtrailLogFileValidation,
	cloudtrailKMSEncryption,
	cloudtrailCloudWatchLogs,
	cloudtrailLoggingEnabled,
	cloudwatchLogGroupRetention,
	guarddutyDetectorEnabled,
	guarddutyFindingsExported,
	configRecorderAllResources,
	configRecorderGlobalResources,
	configRecorderEnabled,
	vpcFlowLogs,
	s3BucketAccessLogging,
	lbAccessLogs,
	cloudfrontAccessLogging,
	apiGatewayStageAccessLogging,
	apiGatewayStageExecutionLogging,
	wafv2WebACLLogging,
	rdsLogExports,
	docdbAuditLogs,
	neptuneAuditLogs,
	opensearchLogPublishing,
	docdbParameterGroupAuditLogs,
	eksControlPlaneLogging,
	redshiftAuditLogging,
	mskBrokerLogging,
	mqBrokerLogging,
	mqBrokerAuditLogging,
	sfnStateMachineLogging,
	appsyncGraphQLAPILogging,
	globalAcceleratorFlowLogs,
	networkFirewallLogging,
)

func init() {
	// Credentials pasted into tags are found on every resource type the
	// catalogue knows, not only on the types with a boot script or an
	// environment.
	types := map[string][][]string{}
	for _, r := range catalogue {
		for _, t := range r.ResourceTypes {
			types[t] = nil
		}
	}
	for t, paths := range credentialArgs {
		types[t] = paths
	}
	embeddedCredentials.ResourceTypes = sortedKeys(types)
}

// DataSources returns the AWS data sources whose attributes the loader
// computes from their arguments and region, as the provider would.
func DataSources() []scanner.DataSource {
	return append([]scanner.DataSource{policyDocumentSource}, regionDataSources...)
}
