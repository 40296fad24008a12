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
	"slices"

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
	codepipelineArtifactStoreCustomerKey,
	codeartifactDomainCustomerKey,
	cloudtrailEventDataStoreCustomerKey,
	kendraIndexCustomerKey,
	imagebuilderComponentCustomerKey,
	dmsS3EndpointCustomerKey,
	dmsEndpointCustomerKey,
	dmsReplicationInstanceCustomerKey,
	bedrockAgentCustomerKey,
	appsyncCacheEncryptedAtRest,
	appsyncCacheEncryptedInTransit,
	cloudsearchDomainEnforceHTTPS,
	cloudsearchDomainTLS12,
	elbClassicSSLPolicySecure,
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
	apiGatewayV2PrivateIntegrationTLS,
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
	ecrRepositoryTagsImmutable,

	// Public exposure
	s3BucketPublicAccessBlock,
	s3AccountPublicAccessBlock,
	s3PublicAccessBlockSettingsOn,
	s3BlocksPublicACLs,
	s3BlocksPublicPolicy,
	s3IgnoresPublicACLs,
	s3RestrictsPublicBuckets,
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
	sgNoUnrestrictedEgress,

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
	iamPasswordPolicyMaxAge,
	iamPasswordPolicyRequiresUppercase,
	iamPasswordPolicyRequiresLowercase,
	iamPasswordPolicyRequiresNumbers,
	iamPasswordPolicyRequiresSymbols,
	iamUserNoActiveAccessKeys,

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
	configAggregatorAllRegions,
	ecrRepositoryScanOnPush,
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

	// Gap analysis by peer check: backup, availability, deletion
	// protection and monitoring.
	lambdaFunctionTracing,
	apiGatewayStageTracing,
	ec2InstanceDetailedMonitoring,
	rdsEnhancedMonitoring,
	ecsClusterContainerInsights,
	cloudtrailSNSNotification,
	qldbLedgerDeletionProtection,
	networkFirewallDeleteProtection,
	lbCrossZoneLoadBalancing,
	s3BucketMFADelete,
	elasticacheMemcachedCrossAZ,
	opensearchDedicatedMasters,
	cloudfrontOriginFailover,
	route53QueryLogging,
	sfnStateMachineTracing,
	ec2IMDSHopLimit,
	cloudtrailS3DataEventsReadWrite,
	cloudwatchAlarmActionsEnabled,

	// Gap analysis by peer check: encryption and keys.
	amiCopyCustomerKey,
	ebsSnapshotCopyCustomerKey,
	rdsBackupReplicationCustomerKey,
	dlmCrossRegionCopyEncrypted,
	dlmCrossRegionCopyCustomerKey,
	appflowFlowCustomerKey,
	appflowConnectorProfileCustomerKey,
	comprehendModelCustomerKey,
	comprehendVolumeCustomerKey,
	connectStorageCustomerKey,
	codeguruReviewerCustomerKey,
	ecsClusterExecCustomerKey,
	networkFirewallCustomerKey,
	sagemakerFlowDefinitionCustomerKey,
	sagemakerDataQualityJobEncrypted,
	imagebuilderDistributionCustomerKey,
	imagebuilderRecipeCustomerKey,
	kmsKeyEnabled,
	memorydbSnapshotCustomerKey,
	redshiftSnapshotCopyGrantCustomerKey,
	schedulerScheduleCustomerKey,
	emrSecurityConfigurationEBS,
	lbTargetGroupHTTPS,
	elbClassicBackendEncrypted,
	sesConfigurationSetRequiresTLS,
	transferServerSecurityPolicy,
	kmsKeyPolicyDefined,
	ssmSessionEncrypted,
	ssmSessionLogsEncrypted,
	emrSecurityConfigurationS3KMS,
	rdsActivityStreamCustomerKey,

	// Gap analysis by peer check: access control and network.
	ec2NoDefaultVPC,
	ec2TransitGatewayNoAutoAccept,
	vpcEndpointServiceAcceptanceRequired,
	ec2SecurityGroupDescribed,
	ec2SecurityGroupRulesDescribed,
	cloudfrontDistributionWAF,
	transferServerNotPublic,
	cognitoIdentityPoolNoGuests,
	opensearchFineGrainedAccessControl,
	sqsQueuePolicyNoWildcardActions,
	lbWebACL,
	apiGatewayStageWebACL,
	appsyncWebACL,
	sagemakerNotebookNoRootAccess,
	efsAccessPointRootDirectory,
	efsAccessPointPosixUser,
	sgNoPublicSensitivePorts,

	// Gap analysis by peer check: backup leftovers (h-gap-bak2).
	databaseCopyTagsToSnapshot,
	rdsClusterBacktracking,
	s3BucketLifecycleConfigured,

	// Gap analysis by peer check: h-gap-trivy
	lbDropInvalidHeaderFields,

	// Gap analysis by peer check: h-gap-kics
	resourcePolicyNoWildcardActions,

	// Gap analysis by peer check: h-kics3
	vpcPeeringRouteRestricted,
	workloadNotInDefaultVPC,
	lambdaPermissionInvokeOnly,

	// Gap analysis by peer check: h-peer-ckv
	rdsClusterAuditLogExport,
	cloudfrontResponseHeadersHSTS,

	// Gap analysis by peer check: h-peer-trivy2
	classicSecurityGroupNotUsed,

	// Gap analysis by peer check: h-peer-ckv2
	rdsPostgresStatementLogging,

	// Gap analysis by peer check: h-positives
	qldbLedgerStandardPermissions,
	cognitoUserPoolMFA,
	sagemakerNotebookIMDSv2,
	cloudfrontS3OriginAccess,
	ecsTaskRoleSeparate,
	s3BucketACLsDisabled,
)

func init() {
	// Credentials pasted into tags are found on every resource type the
	// catalogue knows, not only on the types with a boot script or an
	// environment.
	embeddedCredentials.ResourceTypes = allResourceTypes(catalogue, credentialArgs)
}

// allResourceTypes returns the resource types of rules and the keys of
// more, sorted, each once. It sorts one slice rather than filling a map
// of some four hundred types: it runs at every start of the program.
func allResourceTypes[V any](rules []*scanner.Rule, more map[string]V) []string {
	n := len(more)
	for _, r := range rules {
		n += len(r.ResourceTypes)
	}
	types := make([]string, 0, n)
	for _, r := range rules {
		types = append(types, r.ResourceTypes...)
	}
	for t := range more {
		types = append(types, t)
	}
	slices.Sort(types)
	return slices.Clip(slices.Compact(types))
}

// DataSources returns the AWS data sources whose attributes the loader
// computes from their arguments and region, as the provider would.
func DataSources() []scanner.DataSource {
	return append([]scanner.DataSource{policyDocumentSource}, regionDataSources...)
}
