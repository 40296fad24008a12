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
	assert.Equal(t, "eu-west-1", str(t, db.Region()), "region = var.dr_region resolved from the plan's variables")

	sse := mustResource(t, res, "aws_s3_bucket_server_side_encryption_configuration.logs[0]")
	assert.Equal(t, "aws:kms", str(t, sse.Get("rule", "apply_server_side_encryption_by_default", "sse_algorithm")))
	assert.True(t, sse.Get("rule", "apply_server_side_encryption_by_default", "kms_master_key_id").IsUnknown())
	assert.Equal(t, []string{"aws_s3_bucket.logs[0]"}, sse.Attr("bucket").Refs)
	assert.Equal(t, []string{"aws_kms_key.logs"}, sse.Get("rule", "apply_server_side_encryption_by_default", "kms_master_key_id").Refs)
	assert.Empty(t, sse.Get("rule", "apply_server_side_encryption_by_default", "sse_algorithm").Refs)
	assert.True(t, sse.FirstBlock("rule").Attr("bucket_key_enabled").IsTrue())
	assert.Equal(t, "us-east-1", str(t, sse.Region()))

	ix := scanner.NewIndex(res.Resources)
	targets := ix.Resolve(sse.Attr("bucket"))
	require.Len(t, targets, 1)
	assert.Equal(t, "aws_s3_bucket.logs[0]", targets[0].Address)

	vault := mustResource(t, res, `module.backup["eu"].aws_backup_vault.replica`)
	assert.Equal(t, `module.backup["eu"]`, vault.Module)
	assert.Equal(t, "aws.replica", vault.Provider, "provider passed to the module, via parent_key")
	assert.Equal(t, "eu-central-1", str(t, vault.Region()))
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
	assert.Equal(t, "Invalid plan or state JSON", d.Summary)
	assert.Equal(t, 2, d.Range.StartLine)
	assert.Positive(t, d.Range.StartColumn)
}

func TestIsShowJSON(t *testing.T) {
	cases := []struct {
		name, data string
		want       bool
	}{
		{"plan.json", `{"format_version":"1.2","planned_values":{"root_module":{}}}`, true},
		{"whatever.out", `{"format_version":"1.0","values":{"root_module":{}}}`, true},
		// JSON that is not a configuration file is read, and rejected, as
		// show output: never loaded as an empty configuration.
		{"empty.json", `[]`, true},
		{"empty.json", `{}`, true},
		{"x.json", ` {"format_version":`, true},
		{"main.tf.json", `{"resource":{"aws_s3_bucket":{"b":{"bucket":"x"}}}}`, false},
		{"main.tf.json", `{"format_version":"1.2","planned_values":{}}`, true},
		{"main.tf.json", `[]`, false},
		{"main.tf", `{"format_version":"1.2"}`, false},
		{"main.hcl", `resource "a" "b" {}`, false},
		{"empty", ``, false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, isShowJSON(c.name, []byte(c.data)), "%s: %s", c.name, c.data)
	}
}

func TestStateJSON(t *testing.T) {
	const stateFile = "testdata/plan/state.json"
	res, err := Load(t.Context(), Options{Paths: []string{stateFile}})
	require.NoError(t, err)
	assert.Empty(t, res.Diagnostics)
	assert.Equal(t, []string{
		"aws_s3_bucket.logs",
		"data.aws_caller_identity.me",
		"module.db.aws_db_instance.main",
		`module.db.module.replica["eu"].aws_db_instance.main`,
	}, addresses(res), "resources of values.root_module and of every child module, data sources included")

	db := mustResource(t, res, "module.db.aws_db_instance.main")
	assert.Equal(t, "module.db", db.Module)
	assert.True(t, db.Attr("storage_encrypted").IsFalse())
	assert.Equal(t, 34, db.Range.StartLine, "the line of its entry in values")
	deep := mustResource(t, res, `module.db.module.replica["eu"].aws_db_instance.main`)
	assert.Equal(t, `module.db.module.replica["eu"]`, deep.Module)
	assert.True(t, deep.Attr("storage_encrypted").IsTrue())
	assert.False(t, mustResource(t, res, "aws_s3_bucket.logs").Attr("tags").Present, "null is not set")
}

func TestShowJSONRejected(t *testing.T) {
	cases := map[string]struct {
		data      string
		line, col int
		detail    string
	}{
		"empty array":    {"[]", 1, 1, "a JSON array, not the output of `terraform show -json`"},
		"empty object":   {"{}", 1, 1, "no format_version"},
		"plans in array": {"\n  [{\"format_version\":\"1.2\",\"planned_values\":{}},\n {\"format_version\":\"1.2\"}]", 2, 3, "a JSON array of 2 documents"},
		"raw state":      {`{"version":4,"terraform_version":"1.11.4","resources":[]}`, 1, 1, "raw state file"},
		"format 2":       {"{\n  \"format_version\": \"2.0\", \"values\": {}}", 2, 3, `unsupported format_version "2.0"`},
		"unknown key":    {`{"format_version":"1.0","outputs":{}}`, 1, 25, `unexpected key "outputs"`},
		"wrong type":     {"{\"format_version\":\"1.0\",\n\"values\":{\"root_module\":[]}}", 2, 25, "values.root_module must be an object, got a JSON array"},
		"two documents":  {`{"format_version":"1.0"} {}`, 1, 26, "after top-level value"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "show.json")
			require.NoError(t, os.WriteFile(p, []byte(c.data), 0o600))
			res, err := Load(t.Context(), Options{Paths: []string{p}})
			require.NoError(t, err)
			assert.Empty(t, res.Resources)
			errs := errorsOf(res)
			require.Len(t, errs, 1)
			assert.Equal(t, "Invalid plan or state JSON", errs[0].Summary)
			assert.Contains(t, errs[0].Detail, c.detail)
			assert.Equal(t, [2]int{c.line, c.col}, [2]int{errs[0].Range.StartLine, errs[0].Range.StartColumn})
		})
	}
}
