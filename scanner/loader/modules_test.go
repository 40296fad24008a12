package loader

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestModulesAddressesAndWiring(t *testing.T) {
	res := loadFixture(t, "modules", Options{})
	assert.Empty(t, errorsOf(res))
	assert.Equal(t, []string{
		"aws_s3_bucket_policy.logs",
		"aws_s3_bucket_policy.replica1",
		"aws_ssm_parameter.rotation",
		`module.app["eu"].aws_s3_bucket.this`,
		`module.app["eu"].aws_s3_bucket_server_side_encryption_configuration.this`,
		`module.app["eu"].module.label.aws_ssm_parameter.label`,
		`module.app["us"].aws_s3_bucket.this`,
		`module.app["us"].aws_s3_bucket_server_side_encryption_configuration.this`,
		`module.app["us"].module.label.aws_ssm_parameter.label`,
		"module.installed.aws_sns_topic.installed",
		"module.key.aws_kms_alias.this",
		"module.key.aws_kms_key.this",
		"module.logs.aws_s3_bucket.this",
		"module.logs.aws_s3_bucket_server_side_encryption_configuration.this",
		"module.logs.module.label.aws_ssm_parameter.label",
		"module.replica[0].aws_s3_bucket.this",
		"module.replica[0].aws_s3_bucket_server_side_encryption_configuration.this",
		"module.replica[0].module.label.aws_ssm_parameter.label",
		"module.replica[1].aws_s3_bucket.this",
		"module.replica[1].aws_s3_bucket_server_side_encryption_configuration.this",
		"module.replica[1].module.label.aws_ssm_parameter.label",
	}, addresses(res))

	// Inputs flow in: for_each keys, count.index, nested module inputs.
	assert.Equal(t, "app-eu", str(t, mustResource(t, res, `module.app["eu"].aws_s3_bucket.this`).Attr("bucket")))
	assert.Equal(t, "replica-1", str(t, mustResource(t, res, "module.replica[1].aws_s3_bucket.this").Attr("bucket")))
	label := mustResource(t, res, "module.logs.module.label.aws_ssm_parameter.label")
	assert.Equal(t, "LOGS", str(t, label.Attr("value")))
	assert.Equal(t, "module.logs.module.label", label.Module)
	require.Len(t, label.ModuleCalls, 2, "outermost module call first")
	assert.Equal(t, 16, label.ModuleCalls[0].StartLine)
	assert.Equal(t, "modules/main.tf", label.ModuleCalls[0].Filename)
	assert.Equal(t, "modules/modules/bucket/main.tf", label.ModuleCalls[1].Filename)

	// An output that is an unknown attribute stays unknown, and references
	// lead through the module output to the resource inside.
	logsSSE := mustResource(t, res, "module.logs.aws_s3_bucket_server_side_encryption_configuration.this")
	byDefault := logsSSE.Get("rule", "apply_server_side_encryption_by_default", "kms_master_key_id")
	assert.True(t, byDefault.IsUnknown())
	assert.Equal(t, []string{"module.key.aws_kms_key.this"}, byDefault.Refs)
	assert.Equal(t, "aws:kms", str(t, logsSSE.Get("rule", "apply_server_side_encryption_by_default", "sse_algorithm")))
	assert.Equal(t, "modules/modules/bucket/main.tf", byDefault.Range.Filename)
	assert.Equal(t, 19, byDefault.Range.StartLine)

	// Without the input, the variable's null default applies.
	appSSE := mustResource(t, res, `module.app["us"].aws_s3_bucket_server_side_encryption_configuration.this`)
	assert.Equal(t, "AES256", str(t, appSSE.Get("rule", "apply_server_side_encryption_by_default", "sse_algorithm")))
	assert.True(t, appSSE.Get("rule", "apply_server_side_encryption_by_default", "kms_master_key_id").IsNull())
	assert.Equal(t, []string{`module.app["us"].aws_s3_bucket.this`}, appSSE.Attr("bucket").Refs)

	assert.Equal(t, "true", str(t, mustResource(t, res, "aws_ssm_parameter.rotation").Attr("value")), "nullable = false turns null into the default")

	policy := mustResource(t, res, "aws_s3_bucket_policy.logs")
	assert.True(t, policy.Attr("bucket").IsUnknown())
	assert.Equal(t, []string{"module.logs.aws_s3_bucket.this"}, policy.Attr("bucket").Refs)
	assert.Equal(t, []string{"module.replica[1].aws_s3_bucket.this"}, mustResource(t, res, "aws_s3_bucket_policy.replica1").Attr("bucket").Refs, "output of one module instance")
	ix := scanner.NewIndex(res.Resources)
	targets := ix.Resolve(policy.Attr("bucket"))
	require.Len(t, targets, 1)
	assert.Equal(t, "module.logs.aws_s3_bucket.this", targets[0].Address)
}

func TestModulesRemoteAndInstalled(t *testing.T) {
	res := loadFixture(t, "modules", Options{})
	var notices []scanner.Diagnostic
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Summary, "not scanned") {
			notices = append(notices, d)
		}
	}
	require.Len(t, notices, 1, "one notice per remote module call; installed modules are scanned")
	assert.Equal(t, scanner.DiagWarning, notices[0].Severity)
	assert.Equal(t, `Module "vpc" not scanned`, notices[0].Summary)
	assert.Contains(t, notices[0].Detail, "terraform-aws-modules/vpc/aws")
	assert.Equal(t, scanner.Range{Filename: "modules/main.tf", StartLine: 37, StartColumn: 1, EndLine: 37, EndColumn: 13}, notices[0].Range)

	topic := mustResource(t, res, "module.installed.aws_sns_topic.installed")
	assert.Equal(t, "modules/.terraform/modules/installed/main.tf", topic.Range.Filename)
	assert.Contains(t, res.Files, "modules/.terraform/modules/installed/main.tf")
}

// TestModuleCallUndeclaredInputIsAnError: Terraform rejects a call that
// sets an argument its module declares no variable for ("Unsupported
// argument"); the value reaches nothing, so it is an error at the
// argument, for a local module and an installed one alike. A module whose
// file does not parse may declare it there: no error then.
func TestModuleCallUndeclaredInputIsAnError(t *testing.T) {
	res := loadMain(t, fstest.MapFS{
		"main.tf": {Data: []byte(`module "local" {
  source     = "./mod"
  encrypted  = true
  encryption = false
  count      = 1
}

module "installed" {
  source    = "acme/mod/aws"
  version   = "1.0.0"
  encrypted = true
  extra     = 1
}

module "broken" {
  source  = "./broken"
  unknown = 1
}
`)},
		"mod/main.tf":    {Data: []byte("variable \"encrypted\" {}\n")},
		"broken/main.tf": {Data: []byte("variable \"known\" {}\n")},
		"broken/bad.tf":  {Data: []byte("resource \"x\" {\n")},
		".terraform/modules/modules.json": {Data: []byte(`{"Modules":[{"Key":"","Source":"","Dir":"."},` +
			`{"Key":"installed","Source":"registry.terraform.io/acme/mod/aws","Dir":"mod"}]}`)},
	})
	var got []scanner.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Summary == "Unsupported argument" {
			got = append(got, d)
		}
	}
	require.Len(t, got, 2, "%v", res.Diagnostics)
	assert.Equal(t, scanner.DiagError, got[0].Severity)
	assert.Equal(t, scanner.Range{Filename: "main.tf", StartLine: 4, StartColumn: 3, EndLine: 4, EndColumn: 13}, got[0].Range)
	assert.Equal(t, `module "local" (source "./mod") declares no input variable "encryption"; Terraform rejects the configuration.`, got[0].Detail)
	assert.Equal(t, scanner.Range{Filename: "main.tf", StartLine: 12, StartColumn: 3, EndLine: 12, EndColumn: 8}, got[1].Range)
	assert.Contains(t, got[1].Detail, `module "installed" (source "acme/mod/aws") declares no input variable "extra"`)
}

// TestModuleCallInputDeclaredOnlyInOverrideIsOneError: a variable only an
// override file declares is an error there (no base to override); the call
// that sets it is not a second one.
func TestModuleCallInputDeclaredOnlyInOverrideIsOneError(t *testing.T) {
	res := loadMain(t, fstest.MapFS{
		"main.tf":              {Data: []byte("module \"m\" {\n  source = \"./mod\"\n  a      = 1\n  b      = 2\n}\n")},
		"mod/main.tf":          {Data: []byte("variable \"b\" {}\n")},
		"mod/main_override.tf": {Data: []byte("variable \"a\" {}\n")},
	})
	var summaries []string
	for _, d := range res.Diagnostics {
		summaries = append(summaries, d.Summary)
	}
	assert.Contains(t, summaries, "Missing base variable for override")
	assert.NotContains(t, summaries, "Unsupported argument")
}

// TestModuleCallMetaArgumentsAreNotInputs: source, version, count,
// for_each, providers and depends_on are Terraform's, not the module's:
// a module that declares no variable takes them all without an error.
func TestModuleCallMetaArgumentsAreNotInputs(t *testing.T) {
	res := loadMain(t, fstest.MapFS{
		"main.tf": {Data: []byte(`module "counted" {
  source     = "./mod"
  count      = 1
  providers  = { aws = aws }
  depends_on = []
}

module "each" {
  source   = "./mod"
  for_each = toset(["a"])
}

module "installed" {
  source  = "acme/mod/aws"
  version = "1.0.0"
}
`)},
		"mod/main.tf": {Data: []byte("output \"x\" {\n  value = 1\n}\n")},
		".terraform/modules/modules.json": {Data: []byte(`{"Modules":[{"Key":"","Source":"","Dir":"."},` +
			`{"Key":"installed","Source":"registry.terraform.io/acme/mod/aws","Dir":"mod"}]}`)},
	})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, "Unsupported argument", d.Summary, d.Error())
	}
}
