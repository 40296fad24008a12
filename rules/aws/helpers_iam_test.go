package aws

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestIsWriteAction(t *testing.T) {
	for _, a := range []string{"s3:GetObject", "ec2:Describe*", "s3:List*", "logs:StartQuery", "LOGS:startquery", "dynamodb:Query", "s3:getobject", "sts:GetCallerIdentity"} {
		assert.False(t, isWriteAction(a), "%s only reads", a)
	}
	for _, a := range []string{"*", "s3:*", "s3:Put*", "s3:G*", "ec2:StartInstances", "iam:AttachRolePolicy", "kms:Decrypt", "sqs:SendMessage", "ec2:Getaway"} {
		assert.True(t, isWriteAction(a), "%s can write", a)
	}
}

func TestActionAccessLevel(t *testing.T) {
	cases := map[accessLevel][]string{
		accessRead: {
			// The verb decides.
			"s3:GetObject", "ec2:DescribeInstances", "iam:GetRole", "iam:List*", "s3:getobject",
			// Exceptions whose verb is not a read verb, as actions and as
			// patterns the exception covers.
			"eks:AccessKubernetesApi", "eks:Access*", "EKS:accesskubernetesapi",
			"ec2:ExportClientVpnClientConfiguration", "ec2:ExportClientVpnClientCertificateRevocationList", "ec2:ExportClientVpn*",
			"logs:StartQuery", "dynamodb:PartiQLSelect", "cloudformation:DetectStackDrift", "elasticfilesystem:ClientMount",
		},
		accessWrite: {
			"ec2:StartInstances", "s3:Put*", "s3:*", "eks:*", "ec2:Getaway", "sqs:SendMessage",
			// A pattern wider than the exception can match other writes.
			"eks:A*", "ec2:Export*", "ec2:ExportImage",
			// Exceptions: writes the verb cannot tell.
			"athena:StartQueryExecution", "athena:stopqueryexecution", "ssm:StartSession", "ssm:ResumeSession",
			// Policies and ACLs that govern no access.
			"autoscaling:PutScalingPolicy", "ecr:PutLifecyclePolicy", "logs:PutRetentionPolicy",
			"ec2:CreateNetworkAclEntry", "ec2:ReplaceNetworkAclAssociation", "wafv2:UpdateWebACL",
		},
		accessPermissions: {
			"*", "iam:AttachRolePolicy", "iam:PassRole", "iam:*", "organizations:CreateAccount",
			"s3:PutBucketPolicy", "s3:PutObjectAcl", "kms:CreateGrant", "lambda:AddPermission",
			"s3:PutBucketPublicAccessBlock", "ecr:SetRepositoryPolicy",
		},
	}
	names := map[accessLevel]string{accessRead: "read", accessWrite: "write", accessPermissions: "permissions management"}
	for want, actions := range cases {
		for _, a := range actions {
			assert.Equal(t, names[want], names[actionAccessLevel(a)], a)
		}
	}
}

func TestAccessExceptionsChangeTheHeuristic(t *testing.T) {
	// An exception that only repeats what the verb says is noise in the
	// table: each entry must decide something the heuristic gets wrong.
	for prefix, level := range accessExceptions {
		svc, name, ok := strings.Cut(prefix, ":")
		require.True(t, ok, prefix)
		assert.NotEqual(t, level, verbAccessLevel(strings.ToLower(svc), name), "%s: the verb already says so", prefix)
	}
}

func TestAccountOf(t *testing.T) {
	for id, want := range map[string]string{"123456789012": "123456789012", "arn:aws:iam::210987654321:root": "210987654321", "arn:aws-us-gov:iam::210987654321:root": "210987654321"} {
		got, ok := accountOf(id)
		assert.True(t, ok, id)
		assert.Equal(t, want, got, id)
	}
	for _, id := range []string{"arn:aws:iam::210987654321:role/ci", "lambda.amazonaws.com", "*", "1234"} {
		_, ok := accountOf(id)
		assert.False(t, ok, id)
	}
}

func TestReadPatternMatchingAWriteExceptionWrites(t *testing.T) {
	// No listed write begins with a read verb today; a future entry such as
	// this one must make the read-verb patterns that can match it writes.
	accessExceptions["example:GetAndRotate"] = accessWrite
	defer delete(accessExceptions, "example:GetAndRotate")
	assert.Equal(t, accessWrite, actionAccessLevel("example:Get*"))
	assert.Equal(t, accessWrite, actionAccessLevel("example:GetAndRotate"))
	assert.Equal(t, accessRead, actionAccessLevel("example:GetObject"))
	assert.Equal(t, accessRead, actionAccessLevel("example:GetO*"))
}

func TestTrustDocumentReadsAFederatedStatementWithoutActions(t *testing.T) {
	federated := iamPrincipals{Present: true, ByType: map[string][]string{"Federated": {"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}}}
	noActions := &iamPolicy{Statements: []iamStatement{{Effect: "Allow", Principal: federated}}}
	assert.Equal(t, scanner.Yes, trustDocument(noActions), "a federated principal is only ever trusted to assume the role")

	otherAction := &iamPolicy{Statements: []iamStatement{{Effect: "Allow", Principal: federated, Action: iamValues{Present: true, Values: []string{"s3:GetObject"}}}}}
	assert.Equal(t, scanner.No, trustDocument(otherAction), "actions written and none assumes a role")

	service := iamPrincipals{Present: true, ByType: map[string][]string{"Service": {"ec2.amazonaws.com"}}}
	serviceNoActions := &iamPolicy{Statements: []iamStatement{{Effect: "Allow", Principal: service}}}
	assert.Equal(t, scanner.No, trustDocument(serviceNoActions), "only a federated principal implies the trust")
}

func TestSubIssuerKey(t *testing.T) {
	key := "token.actions.githubusercontent.com:sub"
	assert.True(t, subIssuerKey("token.actions.githubusercontent.com/acme:sub", key))
	assert.False(t, subIssuerKey("token.actions.githubusercontent.com:aud", key))
	assert.False(t, subIssuerKey("token.actions.githubusercontent.com.evil:sub", key))
	assert.False(t, subIssuerKey("token.actions.githubusercontent.com/acme:sub", "cognito-identity.amazonaws.com:aud"))
	assert.False(t, subIssuerKey("/acme:sub", ":sub"))
}
