package loader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestPlanJSON(t *testing.T) {
	const planFile = "testdata/plan/plan.json"
	res, err := Load(t.Context(), Options{Paths: []string{planFile}})
	require.NoError(t, err)
	assert.Empty(t, res.Diagnostics)
	assert.Contains(t, res.Files, planFile)
	assert.Equal(t, []string{
		"aws_db_instance.orders",
		"aws_kms_key.logs",
		"aws_s3_bucket.logs[0]",
		"aws_s3_bucket.logs[1]",
		"aws_s3_bucket_server_side_encryption_configuration.logs[0]",
		`aws_vpc_security_group_ingress_rule.app["ssh"]`,
		"data.aws_iam_policy_document.read",
		`module.backup["eu"].aws_backup_vault.replica`,
	}, addresses(res))

	// Data sources read while planning come from the prior state; managed
	// resources there are the old values and are not loaded.
	doc := mustResource(t, res, "data.aws_iam_policy_document.read")
	assert.Equal(t, "data", doc.Mode)
	assert.Contains(t, str(t, doc.Attr("json")), `"s3:GetObject"`)
	assert.Equal(t, "bucket key", str(t, mustResource(t, res, "aws_kms_key.logs").Attr("description")))

	db := mustResource(t, res, "aws_db_instance.orders")
	assert.Equal(t, "managed", db.Mode)
	assert.Equal(t, "aws_db_instance", db.Type)
	assert.Equal(t, "orders", db.Name)
	assert.Equal(t, scanner.Range{Filename: planFile, StartLine: 13, StartColumn: 11, EndLine: 13, EndColumn: 45}, db.Range)
	assert.Equal(t, db.Range, db.Attr("storage_encrypted").Range)
	assert.True(t, db.Attr("storage_encrypted").IsTrue())
	assert.True(t, db.Attr("kms_key_id").IsUnknown(), "after_unknown")
	assert.Equal(t, []string{"aws_kms_key.logs"}, db.Attr("kms_key_id").Refs)
	assert.False(t, db.Attr("deletion_protection").Present, "null in the plan is not set")
	assert.True(t, db.Attr("password").IsUnknown())
	assert.Equal(t, "aws.dr", db.Provider)
	assert.Equal(t, "eu-west-1", str(t, db.Region), "region = var.dr_region resolved from the plan's variables")

	sse := mustResource(t, res, "aws_s3_bucket_server_side_encryption_configuration.logs[0]")
	assert.Equal(t, "aws:kms", str(t, sse.Get("rule", "apply_server_side_encryption_by_default", "sse_algorithm")))
	assert.True(t, sse.Get("rule", "apply_server_side_encryption_by_default", "kms_master_key_id").IsUnknown())
	assert.Equal(t, []string{"aws_s3_bucket.logs[0]"}, sse.Attr("bucket").Refs)
	assert.Equal(t, []string{"aws_kms_key.logs"}, sse.Get("rule", "apply_server_side_encryption_by_default", "kms_master_key_id").Refs)
	assert.Empty(t, sse.Get("rule", "apply_server_side_encryption_by_default", "sse_algorithm").Refs)
	assert.True(t, sse.FirstBlock("rule").Attr("bucket_key_enabled").IsTrue())
	assert.Equal(t, "us-east-1", str(t, sse.Region))

	ix := scanner.NewIndex(res.Resources)
	targets := ix.Resolve(sse.Attr("bucket"))
	require.Len(t, targets, 1)
	assert.Equal(t, "aws_s3_bucket.logs[0]", targets[0].Address)

	vault := mustResource(t, res, `module.backup["eu"].aws_backup_vault.replica`)
	assert.Equal(t, `module.backup["eu"]`, vault.Module)
	assert.Equal(t, "aws.replica", vault.Provider, "provider passed to the module, via parent_key")
	assert.Equal(t, "eu-central-1", str(t, vault.Region))
	assert.True(t, vault.Attr("kms_key_arn").IsUnknown())

	rule := mustResource(t, res, `aws_vpc_security_group_ingress_rule.app["ssh"]`)
	port, ok := rule.Attr("from_port").AsInt()
	require.True(t, ok)
	assert.Equal(t, int64(22), port)
}

func TestPlanJSONDetectedByContent(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/plan/plan.json")
	require.NoError(t, err)
	p := filepath.Join(dir, "whatever.out")
	require.NoError(t, os.WriteFile(p, data, 0o600))
	res, err := Load(t.Context(), Options{Paths: []string{p}})
	require.NoError(t, err)
	assert.Len(t, res.Resources, 8)

	notPlan := filepath.Join(dir, "main.tf.json")
	require.NoError(t, os.WriteFile(notPlan, []byte(`{"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}}`), 0o600))
	res, err = Load(t.Context(), Options{Paths: []string{notPlan}})
	require.NoError(t, err)
	require.Len(t, res.Resources, 1)
	assert.Equal(t, "aws_s3_bucket.b", res.Resources[0].Address)
}

func TestPlanJSONBroken(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "plan.json")
	require.NoError(t, os.WriteFile(p, []byte("{\"format_version\": \"1.2\",\n \"planned_values\": {\"root_module\": {\"resources\": [1]}}}"), 0o600))
	res, err := Load(t.Context(), Options{Paths: []string{p}})
	require.NoError(t, err)
	require.Len(t, errorsOf(res), 1)
	d := errorsOf(res)[0]
	assert.Equal(t, "Invalid plan JSON", d.Summary)
	assert.Equal(t, 2, d.Range.StartLine)
	assert.Positive(t, d.Range.StartColumn)
}

func TestIsPlanJSON(t *testing.T) {
	cases := map[string]bool{
		`{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}}}`: true,
		`{"format_version":"1.2","resource_changes":[]}`:                                            true,
		// A plan is recognised from its first keys; a syntax error further
		// on is then reported by the plan reader, with its position.
		`{"format_version":"1.2","planned_values":{"root_module":{}}, "oops"}`: true,
		`{"format_version":"1.0","values":{"root_module":{}}}`:                 false, // state, not a plan
		`{"resource":{"aws_s3_bucket":{"b":{"bucket":"x"}}}}`:                  false, // .tf.json
		`{"format_version":`: false,
		`[1, 2]`:             false,
		``:                   false,
	}
	for in, want := range cases {
		assert.Equal(t, want, isPlanJSON([]byte(in)), in)
	}
}
