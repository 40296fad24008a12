package scan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// computedPlanDir holds a configuration and the real plan Terraform made
// of it (see scanner/loader/plan_computed_test.go).
const computedPlanDir = "../loader/testdata/plan_computed"

// TestPlanAgreesWithHCLOnArgumentsLeftToTheProvider scans the same code as
// HCL and as a plan: the rules whose verdict rests on an argument left to
// the provider's default decide the plan as they decide the code, where
// they used to find it unknown.
func TestPlanAgreesWithHCLOnArgumentsLeftToTheProvider(t *testing.T) {
	hcl := scanStatuses(t, computedPlanDir+"/config")
	plan := scanStatuses(t, computedPlanDir+"/plan.json")

	policies := []string{"module.counted[0]", "module.counted[1]", `module.keyed["eu"]`}
	agree := map[string][]string{
		"aws-rds-backup-retention":                 {"aws_db_instance.db[0]", "aws_db_instance.db[1]"},
		"aws-rds-multi-az":                         {"aws_db_instance.db[0]", "aws_db_instance.db[1]"},
		"aws-rds-ca-certificate-current":           {"aws_db_instance.db[0]", "aws_db_instance.db[1]"},
		"aws-backup-resource-covered":              {"aws_db_instance.db[0]", "aws_db_instance.db[1]"},
		"aws-kms-key-policy-no-wildcard-principal": {"aws_kms_key.k"},
		"aws-ec2-instance-volumes-encrypted":       {"aws_instance.static"},
		"aws-ec2-instance-no-public-ip":            {"aws_instance.static", "aws_instance.dynamic"},
		"aws-s3-bucket-denies-insecure-transport":  {"aws_s3_bucket.plain", "aws_s3_bucket.dynamic"},
		"aws-s3-bucket-policy-not-public":          {"aws_s3_bucket.plain", "aws_s3_bucket.dynamic"},
	}
	for _, rule := range []string{"aws-iam-password-policy-complexity", "aws-iam-password-policy-requires-lowercase",
		"aws-iam-password-policy-requires-numbers", "aws-iam-password-policy-requires-symbols",
		"aws-iam-password-policy-requires-uppercase", "aws-iam-password-policy-reuse-prevention"} {
		for _, m := range policies {
			agree[rule] = append(agree[rule], m+".aws_iam_account_password_policy.p")
		}
	}
	for rule, addrs := range agree {
		for _, addr := range addrs {
			key := rule + " " + addr
			require.Contains(t, hcl, key)
			require.Contains(t, plan, key)
			assert.NotEqual(t, scanner.Unknown, plan[key], key)
			assert.Equal(t, hcl[key], plan[key], key)
		}
	}

	// What the plan cannot show stays unknown: the argument of a module
	// written from a variable (null here), blocks a dynamic block may
	// write, and an argument that can be written as blocks. The volumes'
	// kms_key_id is such an argument: the plan leaves it for the provider
	// to compute, and a key given without encrypted encrypts the volume,
	// so the plan cannot show whether one was given.
	unknownInPlan := []string{}
	for _, m := range policies {
		unknownInPlan = append(unknownInPlan, "aws-ebs-volume-encrypted "+m+".module.volume.aws_ebs_volume.v")
	}
	for _, key := range append(unknownInPlan,
		"aws-iam-password-policy-max-age module.counted[0].aws_iam_account_password_policy.p",
		"aws-ec2-instance-volumes-encrypted aws_instance.dynamic",
		"aws-s3-bucket-customer-managed-key aws_s3_bucket.plain",
		"aws-ec2-security-group-no-unrestricted-egress aws_security_group.sg",
	) {
		assert.Equal(t, scanner.Unknown, plan[key], key)
		assert.NotEqual(t, scanner.Unknown, hcl[key], key)
	}
}

// scanStatuses scans path with the whole catalogue and returns the status
// of each finding by "rule resource".
func scanStatuses(t *testing.T, path string) map[string]scanner.Status {
	t.Helper()
	res, err := Run(t.Context(), Request{Paths: []string{path}, Rules: rules.All(), DataSources: rules.DataSources()})
	require.NoError(t, err)
	require.Empty(t, res.Report.Errors)
	out := map[string]scanner.Status{}
	for _, f := range res.Report.Findings {
		out[f.RuleID+" "+f.Resource] = f.Status
	}
	return out
}
