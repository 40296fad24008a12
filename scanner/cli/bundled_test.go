package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bundledStack calls terraform-aws-modules/security-group/aws without
// `terraform init`: the scanner judges the calls from its bundled model.
// Line numbers matter: the tests check where findings point.
const bundledStack = `module "public_bastion_sg" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "4.0.0"

  name                = "bastion"
  ingress_rules       = ["ssh-tcp"]
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

module "private_bastion_sg" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "~> 5.0"

  name                = "bastion"
  ingress_rules       = ["ssh-tcp"]
  ingress_cidr_blocks = ["10.0.0.0/8"]
}

module "objects" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "~> 5.0"
  name    = "objects"
  ingress_with_cidr_blocks = [
    {
      rule        = "postgresql-tcp"
      cidr_blocks = "10.0.0.0/8"
    },
    {
      from_port   = 3389
      to_port     = 3389
      protocol    = "tcp"
      cidr_blocks = "0.0.0.0/0"
    },
  ]
}

module "web" {
  source  = "terraform-aws-modules/security-group/aws//modules/http-80"
  version = "5.1.0"

  name                = "web"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

module "v6" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "~> 6.0"

  ingress_rules       = ["ssh-tcp"]
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

variable "admin_cidrs" {
  type = list(string)
}

module "unknown" {
  source  = "terraform-aws-modules/security-group/aws//modules/ssh"
  version = "~> 4.0"

  name                = "admin"
  ingress_cidr_blocks = var.admin_cidrs
}

module "site" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 5.0"

  bucket = "acme-site"
  acl    = "public-read"
}
`

// scanBundled writes stack to main.tf in a new directory and scans it
// with the catalogue in the given format, passed findings included. It
// returns main.tf's path and the report.
func scanBundled(t *testing.T, stack, format string) (main, stdout string) {
	t.Helper()
	main = filepath.Join(t.TempDir(), "main.tf")
	require.NoError(t, os.WriteFile(main, []byte(stack), 0o644))
	code, stdout, stderr := run("scan", "--format", format, "--include-passed", "--progress", "never", filepath.Dir(main))
	require.Equal(t, ExitFindings, code, stderr)
	return main, stdout
}

// bundledReport is what the tests read of a JSON report.
type bundledReport struct {
	Findings []struct {
		RuleID   string `json:"rule_id"`
		Resource string `json:"resource"`
		Status   string `json:"status"`
		File     string `json:"file"`
		Line     int    `json:"start_line"`
		Column   int    `json:"start_column"`
	} `json:"findings"`
	Warnings []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"warnings"`
}

// scanBundledJSON scans stack as scanBundled does, in JSON, and decodes
// the report.
func scanBundledJSON(t *testing.T, stack string) (main, stdout string, rep bundledReport) {
	t.Helper()
	main, stdout = scanBundled(t, stack, "json")
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	return main, stdout, rep
}

// bundledGot is what the tests check of a finding: its file is checked
// by bundledFindings.
type bundledGot struct {
	status       string
	line, column int
}

// lineAt is a finding's status and line, for checks that leave its
// column alone.
type lineAt struct {
	status string
	line   int
}

func (g bundledGot) lineAt() lineAt { return lineAt{g.status, g.line} }

// bundledFindings indexes rep's findings by resource, then rule. Every
// finding must point into main, the caller's file (a model's own files
// are never shown), and none may be of a call in notJudged (such as
// "module.v6"), which the scan must leave alone.
func bundledFindings(t *testing.T, main string, rep bundledReport, notJudged ...string) map[string]map[string]bundledGot {
	t.Helper()
	results := map[string]map[string]bundledGot{}
	for _, f := range rep.Findings {
		if results[f.Resource] == nil {
			results[f.Resource] = map[string]bundledGot{}
		}
		results[f.Resource][f.RuleID] = bundledGot{f.Status, f.Line, f.Column}
		assert.Equal(t, main, f.File, "%s %s points into the caller's file", f.RuleID, f.Resource)
		for _, call := range notJudged {
			assert.NotContains(t, f.Resource, call, "%s is not judged", call)
		}
	}
	return results
}

// bundledNotScanned returns the one warning that says module was not
// scanned, after checking it points at line.
func bundledNotScanned(t *testing.T, rep bundledReport, module string, line int) string {
	t.Helper()
	var found []string
	for _, w := range rep.Warnings {
		if strings.HasPrefix(w.Message, "Module "+strconv.Quote(module)+" not scanned") {
			found = append(found, w.Message)
			assert.Equal(t, line, w.Line, module)
		}
	}
	require.Len(t, found, 1, module)
	return found[0]
}

func TestScanJudgesARegistryModuleFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, bundledStack)
	// A call outside the modelled versions is not judged.
	results := bundledFindings(t, main, rep, "module.v6")
	const admin, http = "aws-ec2-security-group-no-public-admin-ports", "aws-ec2-security-group-no-public-http"

	// SSH from anywhere fails, at the rule's name in ingress_rules.
	assert.Equal(t, bundledGot{"fail", 6, 26}, results["module.public_bastion_sg.aws_security_group_rule.ingress_rules[0]"][admin])
	// The same from 10.0.0.0/8 passes.
	assert.Equal(t, "pass", results["module.private_bastion_sg.aws_security_group_rule.ingress_rules[0]"][admin].status)
	// Objects with their own ports and sources: each judged, the
	// failing one pointing at its object.
	assert.Equal(t, "pass", results["module.objects.aws_security_group_rule.ingress_with_cidr_blocks[0]"][admin].status)
	assert.Equal(t, bundledGot{"fail", 28, 5}, results["module.objects.aws_security_group_rule.ingress_with_cidr_blocks[1]"][admin])
	// A preset opens its rule (HTTP) to the call's CIDR blocks.
	assert.Equal(t, bundledGot{"fail", 37, 1}, results["module.web.aws_security_group_rule.ingress_rules[0]"][http])
	// A public canned ACL on a bucket of the s3-bucket module.
	assert.Equal(t, bundledGot{"fail", 70, 3}, results["module.site.aws_s3_bucket_acl.this[0]"]["aws-s3-bucket-no-public-acl"])
	// Sources only known after apply leave SSH unknown, never passed.
	assert.Equal(t, "unknown", results["module.unknown.aws_security_group_rule.ingress_rules[0]"][admin].status)

	var judged []string
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "judged from a bundled model") {
			judged = append(judged, w.Message)
			assert.Equal(t, main, w.File)
		}
	}
	assert.Len(t, judged, 6)
	assert.Contains(t, bundledNotScanned(t, rep, "v6", 45), `covers versions 4.x–5.x only: version constraint "~> 6.0" selects a 6.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// bundledMarker starts the names the models' own files go by inside the
// loader, which no report may show.
const bundledMarker = "soc2-bundled-model"

func TestScanSARIFOfABundledModelNamesOnlyTheCallersFiles(t *testing.T) {
	main, stdout := scanBundled(t, bundledStack, "sarif")
	assert.NotContains(t, stdout, bundledMarker)
	var sarif struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					Physical struct {
						Artifact struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &sarif))
	require.Len(t, sarif.Runs, 1)
	require.NotEmpty(t, sarif.Runs[0].Results)
	for _, r := range sarif.Runs[0].Results {
		for _, l := range r.Locations {
			assert.Equal(t, "file://"+filepath.ToSlash(main), l.Physical.Artifact.URI)
		}
	}
}

// rdsStack calls terraform-aws-modules/rds/aws without `terraform init`.
// Line numbers matter: the test checks where findings point.
const rdsStack = `module "legacy_db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 7.0"

  identifier          = "legacy"
  engine              = "mysql"
  family              = "mysql8.0"
  storage_encrypted   = false
  publicly_accessible = true
}

module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "7.2.1"

  identifier                          = "orders"
  engine                              = "postgres"
  kms_key_id                          = aws_kms_key.db.arn
  multi_az                            = true
  deletion_protection                 = true
  backup_retention_period             = 14
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
}

module "old_db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.0"

  identifier        = "old"
  storage_encrypted = false
}

resource "aws_kms_key" "db" {
  enable_key_rotation = true
}
`

func TestScanJudgesAnRDSModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, rdsStack)
	// A call outside the modelled versions is not judged.
	results := bundledFindings(t, main, rep, "module.old_db")
	legacy := results["module.legacy_db.aws_db_instance.this[0]"]
	// What the call sets fails at its input; what it leaves to the
	// module's defaults fails at the module block.
	assert.Equal(t, bundledGot{"fail", 8, 3}, legacy["aws-rds-storage-encrypted"])
	assert.Equal(t, bundledGot{"fail", 9, 3}, legacy["aws-rds-instance-not-publicly-accessible"])
	assert.Equal(t, bundledGot{"fail", 1, 1}, legacy["aws-rds-deletion-protection"])
	assert.Equal(t, "fail", legacy["aws-rds-multi-az"].status)
	assert.Equal(t, "fail", legacy["aws-database-iam-authentication"].status)
	assert.Equal(t, "pass", legacy["aws-database-final-snapshot"].status, "the module keeps a final snapshot by default")
	// The parameter group the module creates by default does not
	// require TLS.
	assert.Equal(t, bundledGot{"fail", 1, 1}, results["module.legacy_db.aws_db_parameter_group.this[0]"]["aws-rds-parameter-group-requires-tls"])

	db := results["module.db.aws_db_instance.this[0]"]
	for _, rule := range []string{
		"aws-rds-storage-encrypted", "aws-rds-customer-key", "aws-rds-instance-not-publicly-accessible",
		"aws-rds-deletion-protection", "aws-rds-multi-az", "aws-rds-backup-retention",
		"aws-database-iam-authentication", "aws-rds-log-exports",
	} {
		assert.Equal(t, "pass", db[rule].status, rule)
	}
	assert.Contains(t, bundledNotScanned(t, rep, "old_db", 26), `covers versions 7.x only: version constraint "~> 6.0" selects a 6.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// auroraStack calls terraform-aws-modules/rds-aurora/aws without
// `terraform init`. Line numbers matter.
const auroraStack = `module "aurora" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "~> 10.0"

  name   = "orders"
  engine = "aurora-postgresql"
  instances = {
    one = {}
    two = { publicly_accessible = true }
  }
  security_group_ingress_rules = {
    anywhere = { cidr_ipv4 = "0.0.0.0/0" }
  }
}

module "good" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "10.2.0"

  name                = "good"
  engine              = "aurora-mysql"
  deletion_protection = true
  instances = {
    a = { availability_zone = "eu-west-1a" }
    b = { availability_zone = "eu-west-1b" }
  }
}

module "v9" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "~> 9.0"
  name    = "v9"
}
`

func TestScanJudgesAnAuroraModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, auroraStack)
	// A call outside the modelled versions is not judged.
	results := bundledFindings(t, main, rep, "module.v9")
	const public = "aws-rds-instance-not-publicly-accessible"
	// Each instance at its item of instances.
	assert.Equal(t, lineAt{"pass", 8}, results[`module.aurora.aws_rds_cluster_instance.this["one"]`][public].lineAt())
	assert.Equal(t, lineAt{"fail", 9}, results[`module.aurora.aws_rds_cluster_instance.this["two"]`][public].lineAt())
	// An ingress rule without ports opens the database's port.
	assert.Equal(t, lineAt{"fail", 12}, results[`module.aurora.aws_vpc_security_group_ingress_rule.this["anywhere"]`]["aws-ec2-security-group-no-public-database-ports"].lineAt())
	assert.Equal(t, lineAt{"fail", 1}, results["module.aurora.aws_rds_cluster.this[0]"]["aws-rds-deletion-protection"].lineAt())
	assert.Equal(t, "pass", results["module.good.aws_rds_cluster.this[0]"]["aws-rds-deletion-protection"].status)
	assert.Equal(t, "pass", results["module.good.aws_rds_cluster.this[0]"]["aws-rds-storage-encrypted"].status, "the module's default: encrypted")
	assert.Equal(t, "pass", results["module.good.aws_rds_cluster.this[0]"]["aws-rds-cluster-multi-az"].status, "instances in two zones")
	assert.Contains(t, stdout, `Module \"v9\" not scanned`)
	assert.NotContains(t, stdout, bundledMarker)
}

// kmsStack calls terraform-aws-modules/kms/aws without `terraform init`.
const kmsStack = `module "kms" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 4.0"

  description         = "no rotation"
  enable_key_rotation = false
}

module "good" {
  source  = "terraform-aws-modules/kms/aws"
  version = "4.0.0"

  description = "rotated"
  policy      = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }] })
}

module "v5" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 5.0"
}
`

func TestScanJudgesAKMSModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, kmsStack)
	// A call outside the modelled versions is not judged.
	results := bundledFindings(t, main, rep, "module.v5")
	const rotation, policy = "aws-kms-key-rotation-enabled", "aws-kms-key-policy-no-wildcard-principal"
	assert.Equal(t, lineAt{"fail", 6}, results["module.kms.aws_kms_key.this[0]"][rotation].lineAt())
	assert.Equal(t, "pass", results["module.good.aws_kms_key.this[0]"][rotation].status, "the module rotates by default")
	// The policy the module generates is not modelled: unknown, not passed.
	assert.Equal(t, "unknown", results["module.kms.aws_kms_key.this[0]"][policy].status)
	assert.Equal(t, "pass", results["module.good.aws_kms_key.this[0]"][policy].status)
	assert.Contains(t, stdout, `Module \"v5\" not scanned`)
	assert.NotContains(t, stdout, bundledMarker)
}

// kmsOldStack calls kms 1.x, 2.x and 3.x, which the models follow too.
// Line numbers matter.
const kmsOldStack = `module "weak" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 1.0"

  description             = "no rotation, short window"
  enable_key_rotation     = false
  deletion_window_in_days = 7
}

module "strong" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 2.0"

  description             = "rotated"
  deletion_window_in_days = 30
  policy                  = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }] })
}

module "v3_region" {
  source              = "terraform-aws-modules/kms/aws"
  version             = "~> 3.0"
  region              = "eu-west-1"
  enable_key_rotation = false
}

module "v2_region" {
  source              = "terraform-aws-modules/kms/aws"
  version             = "~> 2.0"
  region              = "eu-west-1"
  enable_key_rotation = false
}

module "v3" {
  source                  = "terraform-aws-modules/kms/aws"
  version                 = "3.1.1"
  enable_key_rotation     = false
  rotation_period_in_days = 365
}
`

func TestScanJudgesAnOlderKMSModuleCallFromItsBundledModel(t *testing.T) {
	main, _, rep := scanBundledJSON(t, kmsOldStack)
	results := bundledFindings(t, main, rep, "module.v3_region", "module.v2_region")
	const rotation, window, policy = "aws-kms-key-rotation-enabled", "aws-kms-key-deletion-window", "aws-kms-key-policy-no-wildcard-principal"
	weak, strong := results["module.weak.aws_kms_key.this[0]"], results["module.strong.aws_kms_key.this[0]"]
	assert.Equal(t, lineAt{"fail", 6}, weak[rotation].lineAt())
	assert.Equal(t, lineAt{"fail", 7}, weak[window].lineAt())
	assert.Equal(t, "unknown", weak[policy].status, "the generated policy is not modelled")
	assert.Equal(t, "pass", strong[rotation].status, "2.x rotates by default")
	assert.Equal(t, "pass", strong[window].status)
	assert.Equal(t, "pass", strong[policy].status)
	assert.Contains(t, bundledNotScanned(t, rep, "v3_region", 19), `sets "region", which terraform-aws-modules/kms/aws 3.x does not declare`)
	assert.Contains(t, bundledNotScanned(t, rep, "v2_region", 26), `sets "region", which terraform-aws-modules/kms/aws 2.x does not declare`)
	// 3.x is judged from 4.x's key: its input at the call, its default
	// policy unknown.
	v3 := results["module.v3.aws_kms_key.this[0]"]
	assert.Equal(t, lineAt{"fail", 36}, v3[rotation].lineAt())
	assert.Equal(t, "unknown", v3[policy].status, "the generated policy is not modelled")
}

// ddbStack calls terraform-aws-modules/dynamodb-table/aws without
// `terraform init`. Line numbers matter.
const ddbStack = `module "sessions" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 5.0"

  name     = "sessions"
  hash_key = "id"
}

module "orders" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "5.5.0"

  name                               = "orders"
  hash_key                           = "id"
  autoscaling_enabled                = true
  point_in_time_recovery_enabled     = true
  deletion_protection_enabled        = true
  server_side_encryption_enabled     = true
  server_side_encryption_kms_key_arn = aws_kms_key.ddb.arn
}

variable "pitr" {
  type = bool
}

module "events" {
  source                         = "terraform-aws-modules/dynamodb-table/aws"
  version                        = "~> 5.0"
  name                           = "events"
  point_in_time_recovery_enabled = var.pitr
  server_side_encryption_enabled = true
}

module "v6" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 6.0"
  name    = "v6"
}

resource "aws_kms_key" "ddb" {
  enable_key_rotation = true
}
`

func TestScanJudgesADynamoDBTableModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, ddbStack)
	// A call outside the modelled versions is not judged.
	results := bundledFindings(t, main, rep, "module.v6")
	const pitr, deletion, cmk, covered = "aws-dynamodb-point-in-time-recovery", "aws-dynamodb-deletion-protection",
		"aws-dynamodb-table-customer-key", "aws-backup-resource-covered"
	// The module's defaults: no point-in-time recovery (so no backup at
	// all), no deletion protection, the AWS owned key; each fails at the
	// module block, as the call sets none of them.
	sessions := results["module.sessions.aws_dynamodb_table.this[0]"]
	for _, rule := range []string{pitr, deletion, cmk, covered} {
		assert.Equal(t, lineAt{"fail", 1}, sessions[rule].lineAt(), rule)
	}
	orders := results["module.orders.aws_dynamodb_table.autoscaled[0]"]
	for _, rule := range []string{pitr, deletion, cmk, covered} {
		assert.Equal(t, "pass", orders[rule].status, rule)
	}
	events := results["module.events.aws_dynamodb_table.this[0]"]
	assert.Equal(t, lineAt{"unknown", 30}, events[pitr].lineAt(), "an unknown input is unknown, at the input")
	assert.Equal(t, "unknown", events[covered].status)
	// Without a key the module's encryption is the AWS managed key.
	assert.Equal(t, "fail", events[cmk].status)
	assert.Contains(t, bundledNotScanned(t, rep, "v6", 34), `covers versions 5.x only: version constraint "~> 6.0" selects a 6.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// iamPolicyStack calls the iam-policy submodule of
// terraform-aws-modules/iam/aws without `terraform init`. Line numbers
// matter.
const iamPolicyStack = `module "admin" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 6.0"

  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

module "reader" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "6.2.0"

  name   = "reader"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::reports/*" }] })
}

module "v4" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 4.0"

  name   = "old"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

module "v5" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 5.28.0"

  name   = "v5-admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

module "v5_reader" {
  source        = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version       = "~> 5.0"
  create_policy = true

  name   = "v5-reader"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::reports/*" }] })
}
`

func TestScanJudgesAnIAMPolicyModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, iamPolicyStack)
	// A call outside the modelled versions is not judged.
	results := bundledFindings(t, main, rep, "module.v4")
	const admin, wildcard = "aws-iam-policy-no-full-admin", "aws-iam-policy-no-wildcard-actions"
	// The document the call passes fails at the call's policy input.
	assert.Equal(t, lineAt{"fail", 6}, results["module.admin.aws_iam_policy.policy[0]"][admin].lineAt())
	assert.Equal(t, lineAt{"fail", 6}, results["module.admin.aws_iam_policy.policy[0]"][wildcard].lineAt())
	assert.Equal(t, "pass", results["module.reader.aws_iam_policy.policy[0]"][admin].status)
	assert.Equal(t, "pass", results["module.reader.aws_iam_policy.policy[0]"][wildcard].status)
	assert.Contains(t, bundledNotScanned(t, rep, "v4", 17), `covers versions 5.x and 6.x only: version constraint "~> 4.0" selects a 4.x version`)
	// 5.x is judged the same way, from its own model.
	assert.Equal(t, lineAt{"fail", 30}, results["module.v5.aws_iam_policy.policy[0]"][admin].lineAt())
	assert.Equal(t, "pass", results["module.v5_reader.aws_iam_policy.policy[0]"][admin].status)
	assert.Equal(t, "pass", results["module.v5_reader.aws_iam_policy.policy[0]"][wildcard].status)
	assert.NotContains(t, stdout, bundledMarker)
}

// vpcStack calls terraform-aws-modules/vpc/aws without `terraform init`.
// Line numbers matter.
const vpcStack = `module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 6.0"

  cidr            = "10.0.0.0/16"
  azs             = ["eu-west-1a", "eu-west-1b"]
  public_subnets  = ["10.0.0.0/24", "10.0.1.0/24"]
  private_subnets = ["10.0.10.0/24", "10.0.11.0/24"]
}

module "logged" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.5.0"

  enable_flow_log                      = true
  create_flow_log_cloudwatch_log_group = true
  default_security_group_egress = [
    { cidr_blocks = "0.0.0.0/0" },
  ]
  public_subnets               = ["10.1.0.0/24"]
  public_dedicated_network_acl = true
  public_inbound_acl_rules = [
    { rule_number = 100, rule_action = "allow", from_port = 443, to_port = 443, protocol = "tcp", cidr_block = "0.0.0.0/0" },
    { rule_number = 110, rule_action = "allow", from_port = 22, to_port = 22, protocol = "tcp", cidr_block = "0.0.0.0/0" },
  ]
  manage_default_network_acl = false
}

module "v4" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 4.0"
}

module "v5" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
}
`

func TestScanJudgesAVPCModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, vpcStack)
	// A call outside the modelled versions is not judged.
	results := bundledFindings(t, main, rep, "module.v4")
	const flowLogs, defaultSG = "aws-vpc-flow-logs", "aws-ec2-default-security-group-restricts-all"
	const naclAdmin, subnetIP = "aws-ec2-network-acl-no-public-admin-ports", "aws-ec2-subnet-no-public-ip-on-launch"
	// With the module's defaults: no flow log, a closed default security
	// group, and the default network ACL's allow-all entries, at the
	// module block; subnets at the input they come from.
	assert.Equal(t, lineAt{"fail", 1}, results["module.vpc.aws_vpc.this[0]"][flowLogs].lineAt())
	assert.Equal(t, lineAt{"pass", 1}, results["module.vpc.aws_default_security_group.this[0]"][defaultSG].lineAt())
	assert.Equal(t, lineAt{"fail", 1}, results["module.vpc.aws_default_network_acl.this[0]"][naclAdmin].lineAt())
	assert.Equal(t, lineAt{"pass", 7}, results["module.vpc.aws_subnet.public[1]"][subnetIP].lineAt())

	assert.Equal(t, "pass", results["module.logged.aws_vpc.this[0]"][flowLogs].status, "the module's flow log refers to its VPC")
	assert.Equal(t, lineAt{"fail", 17}, results["module.logged.aws_default_security_group.this[0]"][defaultSG].lineAt())
	assert.Equal(t, "pass", results["module.logged.aws_network_acl_rule.public_inbound[0]"][naclAdmin].status)
	assert.Equal(t, lineAt{"fail", 24}, results["module.logged.aws_network_acl_rule.public_inbound[1]"][naclAdmin].lineAt())
	assert.Equal(t, "pass", results["module.logged.aws_cloudwatch_log_group.flow_log[0]"]["aws-cloudwatch-log-group-retention"].status)

	assert.Contains(t, bundledNotScanned(t, rep, "v4", 29), `covers versions 5.x–6.x only: version constraint "~> 4.0" selects a 4.x version`)
	// 5.x is judged from the same model: the module's defaults fail at
	// the module block as 6.x's do.
	assert.Equal(t, lineAt{"fail", 34}, results["module.v5.aws_vpc.this[0]"][flowLogs].lineAt())
	assert.Equal(t, lineAt{"pass", 34}, results["module.v5.aws_default_security_group.this[0]"][defaultSG].lineAt())
	assert.NotContains(t, stdout, bundledMarker)
}

// eksStack calls terraform-aws-modules/eks/aws without `terraform init`.
// Line numbers matter.
const eksStack = `module "defaults" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  name                   = "defaults"
  endpoint_public_access = true
}

module "hardened" {
  source                                 = "terraform-aws-modules/eks/aws"
  version                                = "21.8.0"
  name                                   = "hardened"
  endpoint_public_access                 = true
  endpoint_public_access_cidrs           = ["203.0.113.0/24"]
  cloudwatch_log_group_retention_in_days = 365
  cloudwatch_log_group_kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234"
}

variable "log_types" {
  type = list(string)
}

module "unknown" {
  source            = "terraform-aws-modules/eks/aws"
  version           = "~> 21.0"
  name              = "unknown"
  enabled_log_types = var.log_types
  node_security_group_additional_rules = {
    ssh = { from_port = 22, to_port = 22, cidr_blocks = ["0.0.0.0/0"] }
  }
}

module "v20" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"
}

module "nodes" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"
  self_managed_node_groups = {
    default = { instance_type = "m6i.large" }
  }
}
`

func TestScanJudgesAnEKSModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, eksStack)
	// Neither a call outside the modelled versions nor one with node
	// groups, which the model leaves out, is judged.
	results := bundledFindings(t, main, rep, "module.v20", "module.nodes")
	const endpoint, secrets, cpLogs = "aws-eks-cluster-endpoint-not-public", "aws-eks-cluster-secrets-encrypted", "aws-eks-control-plane-logging"
	const retention, logKey, rotation = "aws-cloudwatch-log-group-retention", "aws-cloudwatch-log-group-customer-key", "aws-kms-key-rotation-enabled"
	const adminPorts = "aws-ec2-security-group-no-public-admin-ports"
	// The module's defaults (main.tf): secrets encrypted under the key it
	// creates, with rotation; api, audit and authenticator logs; a log
	// group kept 90 days without a key. A public endpoint is open to the
	// module's default CIDR list, 0.0.0.0/0, at the module block.
	cluster := results["module.defaults.aws_eks_cluster.this[0]"]
	assert.Equal(t, lineAt{"fail", 1}, cluster[endpoint].lineAt())
	assert.Equal(t, "pass", cluster[secrets].status)
	assert.Equal(t, "pass", cluster[cpLogs].status)
	assert.Equal(t, "pass", results["module.defaults.aws_kms_key.this[0]"][rotation].status)
	logs := results["module.defaults.aws_cloudwatch_log_group.this[0]"]
	assert.Equal(t, lineAt{"fail", 1}, logs[retention].lineAt())
	assert.Equal(t, lineAt{"fail", 1}, logs[logKey].lineAt())
	// The node group's own ingress rules reach no public address; its
	// egress rule lets nothing in, so the ingress check finds nothing to
	// judge there and lists no finding for it.
	for _, rule := range []string{"ingress_cluster_443", "ingress_nodes_ephemeral"} {
		assert.Equal(t, "pass", results[`module.defaults.aws_security_group_rule.node["`+rule+`"]`][adminPorts].status, rule)
	}
	assert.Empty(t, results[`module.defaults.aws_security_group_rule.node["egress_all"]`][adminPorts].status, "egress_all")

	hardened := results["module.hardened.aws_eks_cluster.this[0]"]
	assert.Equal(t, "pass", hardened[endpoint].status)
	hLogs := results["module.hardened.aws_cloudwatch_log_group.this[0]"]
	assert.Equal(t, "pass", hLogs[retention].status)
	assert.Equal(t, "pass", hLogs[logKey].status)

	assert.Equal(t, lineAt{"unknown", 27}, results["module.unknown.aws_eks_cluster.this[0]"][cpLogs].lineAt(), "an unknown input is unknown, at the input")
	assert.Equal(t, lineAt{"fail", 29}, results[`module.unknown.aws_security_group_rule.node["ssh"]`][adminPorts].lineAt(), "at the call's rule")

	assert.Contains(t, bundledNotScanned(t, rep, "v20", 33), `covers versions 21.x only: version constraint "~> 20.0" selects a 20.x version`)
	assert.Contains(t, bundledNotScanned(t, rep, "nodes", 38), "leaves out what self_managed_node_groups adds")
	assert.NotContains(t, stdout, bundledMarker)
}

// iamAccountStack calls the iam-account submodule of
// terraform-aws-modules/iam/aws without `terraform init`. Line numbers
// matter.
const iamAccountStack = `module "defaults" {
  source        = "terraform-aws-modules/iam/aws//modules/iam-account"
  version       = "~> 6.0"
  account_alias = "acme"
}

module "strict" {
  source                    = "terraform-aws-modules/iam/aws//modules/iam-account"
  version                   = "~> 6.0"
  account_alias             = "acme-prod"
  minimum_password_length   = 16
  password_reuse_prevention = 24
}

module "weak" {
  source                  = "terraform-aws-modules/iam/aws//modules/iam-account"
  version                 = "~> 6.0"
  account_alias           = "acme-dev"
  minimum_password_length = 10
  require_symbols         = false
}
`

// TestScanJudgesAnIAMAccountModuleCallFromItsBundledModel: the password
// policy the submodule creates is judged at the call: the module's
// defaults (8 characters, no reuse prevention) fail at the module block,
// what the call sets at its input.
func TestScanJudgesAnIAMAccountModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, iamAccountStack)
	results := bundledFindings(t, main, rep)
	const length, reuse, complexity = "aws-iam-password-policy-min-length", "aws-iam-password-policy-reuse-prevention", "aws-iam-password-policy-complexity"
	defaults := results["module.defaults.aws_iam_account_password_policy.this[0]"]
	assert.Equal(t, lineAt{"fail", 1}, defaults[length].lineAt())
	assert.Equal(t, lineAt{"fail", 1}, defaults[reuse].lineAt())
	assert.Equal(t, "pass", defaults[complexity].status)
	strict := results["module.strict.aws_iam_account_password_policy.this[0]"]
	assert.Equal(t, "pass", strict[length].status)
	assert.Equal(t, "pass", strict[reuse].status)
	weak := results["module.weak.aws_iam_account_password_policy.this[0]"]
	assert.Equal(t, lineAt{"fail", 19}, weak[length].lineAt())
	assert.Equal(t, lineAt{"fail", 20}, weak[complexity].lineAt())
	assert.NotContains(t, stdout, bundledMarker)
}

// unversionedStack calls security-group without a version, which installs
// 6.x, the newest release, with 5.x inputs 6.x does not declare: Terraform
// would reject them with 6.x, so the calls are judged from the 4.x–5.x
// model. Line numbers matter.
const unversionedStack = `module "web" {
  source              = "terraform-aws-modules/security-group/aws//modules/http-80"
  name                = "web"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

module "bastion" {
  source              = "terraform-aws-modules/security-group/aws"
  ingress_rules       = ["ssh-tcp"]
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

module "shared" {
  source = "terraform-aws-modules/security-group/aws"
  name   = "shared"
  vpc_id = "vpc-1"
}

module "table" {
  source       = "terraform-aws-modules/dynamodb-table/aws"
  create_table = true
  name         = "orders"
  hash_key     = "id"
}
`

func TestScanJudgesAnUnversionedCallWrittenForTheModelledVersions(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, unversionedStack)
	// A call with only inputs 6.x declares too is not judged.
	results := bundledFindings(t, main, rep, "module.shared")
	const admin, http = "aws-ec2-security-group-no-public-admin-ports", "aws-ec2-security-group-no-public-http"
	// The preset opens HTTP to the call's CIDR blocks (the finding is at
	// the module block, as for a versioned preset call).
	assert.Equal(t, bundledGot{"fail", 1, 1}, results["module.web.aws_security_group_rule.ingress_rules[0]"][http])
	// SSH from anywhere, at the rule's name in ingress_rules.
	assert.Equal(t, bundledGot{"fail", 9, 26}, results["module.bastion.aws_security_group_rule.ingress_rules[0]"][admin])
	// dynamodb-table 6.x renamed create_table: the table is 5.x's, without
	// point-in-time recovery by default.
	assert.Equal(t, bundledGot{"fail", 19, 1}, results["module.table.aws_dynamodb_table.this[0]"]["aws-dynamodb-point-in-time-recovery"])
	warnings := map[string]int{}
	for _, w := range rep.Warnings {
		switch {
		case strings.HasPrefix(w.Message, `Module "web" judged from a bundled model`),
			strings.HasPrefix(w.Message, `Module "bastion" judged from a bundled model`):
			assert.Contains(t, w.Message, `no version constraint; judged as 4.x–5.x: the call sets "ingress_cidr_blocks", which 6.x does not declare`)
		case strings.HasPrefix(w.Message, `Module "table" judged from a bundled model`):
			assert.Contains(t, w.Message, `no version constraint; judged as 5.x: the call sets "create_table", which 6.x does not declare`)
		case strings.HasPrefix(w.Message, `Module "shared" not scanned`):
			assert.Contains(t, w.Message, `the call sets no version, so Terraform installs the module's newest release (6.x)`)
		default:
			continue
		}
		warnings[w.Message[:strings.Index(w.Message, `" `)+1]] = w.Line
	}
	assert.Equal(t, map[string]int{`Module "web"`: 1, `Module "bastion"`: 7, `Module "shared"`: 13, `Module "table"`: 19}, warnings)
	assert.NotContains(t, stdout, bundledMarker)
}

// sqsStack calls terraform-aws-modules/sqs/aws without `terraform init`.
// Line numbers matter.
const sqsStack = `module "clear" {
  source  = "terraform-aws-modules/sqs/aws"
  version = "~> 4.0"

  name                    = "clear"
  sqs_managed_sse_enabled = false
  create_dlq              = true
}

module "kms" {
  source            = "terraform-aws-modules/sqs/aws"
  version           = "4.2.0"
  name              = "kms"
  kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234"
}

variable "key" {
  type = string
}

module "maybe" {
  source                  = "terraform-aws-modules/sqs/aws"
  version                 = "~> 4.0"
  name                    = "maybe"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = var.key
}

module "v5" {
  source                  = "terraform-aws-modules/sqs/aws"
  version                 = "~> 5.0"
  sqs_managed_sse_enabled = false
}
`

// TestScanJudgesAnSQSModuleCallFromItsBundledModel: a queue that turns
// SQS-managed encryption off without a key fails at that input, its
// dead-letter queue keeps the module's default and passes; a key the
// call may leave blank is unknown; a call that may install 5.x is not
// judged.
func TestScanJudgesAnSQSModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, sqsStack)
	results := bundledFindings(t, main, rep, "module.v5")
	const encrypted, cmk = "aws-sqs-queue-encrypted", "aws-sqs-queue-customer-key"
	assert.Equal(t, lineAt{"fail", 6}, results["module.clear.aws_sqs_queue.this[0]"][encrypted].lineAt())
	assert.Equal(t, "pass", results["module.clear.aws_sqs_queue.dlq[0]"][encrypted].status, "the dead-letter queue's default")
	assert.Equal(t, "fail", results["module.clear.aws_sqs_queue.dlq[0]"][cmk].status, "SSE-SQS is no customer key")
	assert.Equal(t, "pass", results["module.kms.aws_sqs_queue.this[0]"][encrypted].status)
	assert.Equal(t, "pass", results["module.kms.aws_sqs_queue.this[0]"][cmk].status)
	assert.Equal(t, "unknown", results["module.maybe.aws_sqs_queue.this[0]"][encrypted].status)
	assert.Contains(t, bundledNotScanned(t, rep, "v5", 29), `covers versions 4.x only: version constraint "~> 5.0" selects a 5.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// snsStack calls terraform-aws-modules/sns/aws 3.x–4.x without
// `terraform init`. Line numbers matter.
const snsStack = `module "plain" {
  source  = "terraform-aws-modules/sns/aws"
  version = "~> 3.0"

  name = "plain"
}

module "kms" {
  source            = "terraform-aws-modules/sns/aws"
  version           = "4.1.0"
  name              = "kms"
  kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234"
}

variable "key" {
  type = string
}

module "maybe" {
  source            = "terraform-aws-modules/sns/aws"
  version           = "~> 4.0"
  name              = "maybe"
  kms_master_key_id = var.key
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "SNS:Subscribe"
      Resource  = "*"
    }]
  })
}

module "v5" {
  source  = "terraform-aws-modules/sns/aws"
  version = "~> 5.0"
  name    = "v5"
}
`

// TestScanJudgesAnSNSModuleCallFromItsBundledModel: a topic without a
// key fails at the call, one with a customer key passes, a key the call
// may leave blank is unknown, and a policy open to anyone fails at the
// call's policy input; a call that may install 5.x is not judged.
func TestScanJudgesAnSNSModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, snsStack)
	results := bundledFindings(t, main, rep, "module.v5")
	const encrypted, cmk, public = "aws-sns-topic-encrypted", "aws-sns-topic-customer-key", "aws-sns-topic-policy-not-public"
	assert.Equal(t, lineAt{"fail", 1}, results["module.plain.aws_sns_topic.this[0]"][encrypted].lineAt())
	assert.Equal(t, "pass", results["module.kms.aws_sns_topic.this[0]"][encrypted].status)
	assert.Equal(t, "pass", results["module.kms.aws_sns_topic.this[0]"][cmk].status)
	assert.Equal(t, "unknown", results["module.maybe.aws_sns_topic.this[0]"][encrypted].status)
	assert.Equal(t, lineAt{"fail", 24}, results["module.maybe.aws_sns_topic.this[0]"][public].lineAt())
	assert.Contains(t, bundledNotScanned(t, rep, "v5", 35), `covers versions 3.x–4.x only: version constraint "~> 5.0" selects a 5.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// s3ObjectStack calls the s3-bucket module's //modules/object 5.x
// without `terraform init`. Line numbers matter.
const s3ObjectStack = `module "plain" {
  source  = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version = "~> 5.0"

  bucket = "acme-reports"
  key    = "q4.pdf"
}

module "sse" {
  source                 = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version                = ">= 3.15"
  bucket                 = "acme-reports"
  key                    = "q3.pdf"
  server_side_encryption = "AES256"
}

variable "sse" {
  type = string
}

module "maybe" {
  source                 = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version                = "~> 5.0"
  bucket                 = "acme-reports"
  key                    = "q2.pdf"
  server_side_encryption = var.sse
}

module "encrypted_bucket" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 5.0"
  bucket  = "acme-data"
  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm = "aws:kms"
      }
    }
  }
}

module "in_bucket" {
  source  = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version = "~> 5.0"
  bucket  = module.encrypted_bucket.s3_bucket_id
  key     = "seed.csv"
}

module "v4" {
  source  = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version = "~> 4.0"
  bucket  = "acme-reports"
}
`

// TestScanJudgesAnS3ObjectModuleCallFromItsBundledModel: an object that
// says nothing of its encryption fails at the call, one that sets it
// passes, one that may leave it blank is unknown, and one written to a
// bucket the call's bucket module encrypts by default passes; a call that
// may install 4.x is not judged.
func TestScanJudgesAnS3ObjectModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, s3ObjectStack)
	results := bundledFindings(t, main, rep, "module.v4")
	const encrypted = "aws-s3-object-encrypted"
	assert.Equal(t, lineAt{"fail", 1}, results["module.plain.aws_s3_object.this[0]"][encrypted].lineAt())
	assert.Equal(t, "pass", results["module.sse.aws_s3_object.this[0]"][encrypted].status)
	assert.Equal(t, "unknown", results["module.maybe.aws_s3_object.this[0]"][encrypted].status)
	assert.Equal(t, "pass", results["module.in_bucket.aws_s3_object.this[0]"][encrypted].status, "the bucket's default encryption")
	assert.Contains(t, bundledNotScanned(t, rep, "v4", 49), `covers versions 5.x only: version constraint "~> 4.0" selects a 4.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// vpcEndpointsStack calls vpc's //modules/vpc-endpoints 6.x without
// `terraform init`. Line numbers matter.
const vpcEndpointsStack = `module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 6.0"

  vpc_id                     = "vpc-1234"
  create_security_group      = true
  security_group_description = "VPC endpoints"
  security_group_rules = {
    ingress_https = {
      description = "HTTPS from the VPC"
      cidr_blocks = ["10.0.0.0/16"]
    }
    ssh = {
      from_port   = 22
      to_port     = 22
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  endpoints = {
    kms = { service = "kms" }
  }
}

module "v5" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 5.0"
  vpc_id  = "vpc-1234"
}
`

// TestScanJudgesAVPCEndpointsModuleCallFromItsBundledModel: the
// submodule's security group rules are judged each at the call's item: a
// described HTTPS rule from the VPC passes, SSH from anywhere fails and
// says nothing of what it is for; a call that may install 5.x is not
// judged.
func TestScanJudgesAVPCEndpointsModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, vpcEndpointsStack)
	results := bundledFindings(t, main, rep, "module.v5")
	const admin, described = "aws-ec2-security-group-no-public-admin-ports", "aws-ec2-security-group-rules-described"
	https, ssh := `module.endpoints.aws_security_group_rule.this["ingress_https"]`, `module.endpoints.aws_security_group_rule.this["ssh"]`
	assert.Equal(t, lineAt{"pass", 9}, results[https][admin].lineAt())
	assert.Equal(t, "pass", results[https][described].status)
	assert.Equal(t, lineAt{"fail", 13}, results[ssh][admin].lineAt())
	assert.Equal(t, "fail", results[ssh][described].status)
	assert.Equal(t, "pass", results["module.endpoints.aws_security_group.this[0]"]["aws-ec2-security-group-described"].status)
	assert.Contains(t, bundledNotScanned(t, rep, "v5", 25), `covers versions 6.x only: version constraint "~> 5.0" selects a 5.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// lambdaStack calls terraform-aws-modules/lambda/aws 3.x and 8.x without
// `terraform init`. Line numbers matter.
const lambdaStack = `module "plain" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 3.0"

  function_name = "plain"
  handler       = "index.handler"
  runtime       = "python3.12"
}

variable "key" {
  type = string
}

module "public" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 8.0"

  function_name                     = "public"
  tracing_mode                      = "Active"
  environment_variables             = { STAGE = "prod" }
  kms_key_arn                       = var.key
  cloudwatch_logs_retention_in_days = 7
  create_lambda_function_url        = true
  allowed_triggers = {
    anyone = {
      principal = "*"
    }
  }
}

module "v9" {
  source        = "terraform-aws-modules/lambda/aws"
  version       = "~> 9.0"
  function_name = "v9"
}
`

// TestScanJudgesALambdaModuleCallFromItsBundledModel: a function without
// tracing fails at the call, one with tracing passes; a key the call may
// leave blank is unknown; a short log retention fails at its input; a
// function URL with the module's default authorization (NONE) fails at
// the module block, as the call does not set it; a trigger open to anyone fails at its item;
// a call that may install 9.x is not judged.
func TestScanJudgesALambdaModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, lambdaStack)
	results := bundledFindings(t, main, rep, "module.v9")
	const tracing, envKey = "aws-lambda-function-tracing", "aws-lambda-environment-customer-key"
	const retention, url, public = "aws-cloudwatch-log-group-retention", "aws-lambda-function-url-requires-auth", "aws-lambda-permission-not-public"
	assert.Equal(t, lineAt{"fail", 1}, results["module.plain.aws_lambda_function.this[0]"][tracing].lineAt())
	assert.Equal(t, "pass", results["module.public.aws_lambda_function.this[0]"][tracing].status)
	assert.Equal(t, "unknown", results["module.public.aws_lambda_function.this[0]"][envKey].status)
	assert.Equal(t, lineAt{"fail", 22}, results["module.public.aws_cloudwatch_log_group.lambda[0]"][retention].lineAt())
	assert.Equal(t, lineAt{"fail", 14}, results["module.public.aws_lambda_function_url.this[0]"][url].lineAt())
	assert.Equal(t, lineAt{"fail", 25}, results[`module.public.aws_lambda_permission.unqualified_alias_triggers["anyone"]`][public].lineAt())
	assert.Contains(t, bundledNotScanned(t, rep, "v9", 31), `covers versions 3.x–8.x only: version constraint "~> 9.0" selects a 9.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// assumableRoleStack calls iam's //modules/iam-assumable-role 5.x
// without `terraform init`. Line numbers matter.
const assumableRoleStack = `module "vendor" {
  source            = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version           = "~> 5.28.0"
  create_role       = true
  role_name         = "vendor"
  role_requires_mfa = false
  trusted_role_arns = ["arn:aws:iam::444455556666:root"]
}

module "admins" {
  source              = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version             = "~> 5.0"
  create_role         = true
  role_name           = "admins"
  trusted_role_arns   = ["arn:aws:iam::444455556666:root"]
  attach_admin_policy = true
}

module "v6" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 6.0"
}
`

// TestScanJudgesAnAssumableRoleModuleCallFromItsBundledModel: another
// account trusted without MFA or an external ID fails the cross-account
// rule; with the module's default MFA conditions it passes; the
// AdministratorAccess attachment the call asks for fails at the module
// block (the ARN is the module's default, not a call input); a
// call that may install 6.x is not judged.
func TestScanJudgesAnAssumableRoleModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, assumableRoleStack)
	results := bundledFindings(t, main, rep, "module.v6")
	const crossAccount, admin = "aws-iam-role-trust-cross-account-condition", "aws-iam-no-administrator-access-attached"
	assert.Equal(t, "fail", results["module.vendor.aws_iam_role.this[0]"][crossAccount].status)
	assert.Equal(t, "pass", results["module.admins.aws_iam_role.this[0]"][crossAccount].status)
	assert.Equal(t, lineAt{"fail", 10}, results["module.admins.aws_iam_role_policy_attachment.admin[0]"][admin].lineAt())
	assert.Contains(t, bundledNotScanned(t, rep, "v6", 19), `covers versions 5.x only: version constraint "~> 6.0" selects a 6.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// keyPairStack calls terraform-aws-modules/key-pair/aws 2.x without
// `terraform init`. Line numbers matter.
const keyPairStack = `module "deployer" {
  source     = "terraform-aws-modules/key-pair/aws"
  version    = "~> 2.0"
  key_name   = "deployer"
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEexampleexampleexampleexampleexampleexa deployer"
  tags = {
    ci_key = "AKIAIOSFODNN7EXAMPLE"
  }
}

module "nodes" {
  source             = "terraform-aws-modules/key-pair/aws"
  version            = "~> 2.0"
  key_name_prefix    = "nodes"
  create_private_key = true
}

module "v4" {
  source  = "terraform-aws-modules/key-pair/aws"
  version = "~> 4.0"
}
`

// TestScanJudgesAKeyPairModuleCallFromItsBundledModel: an access key in
// the key pair's tags fails at the call's tags; a generated key pair has
// no credential to find (its private key, in the state, is judged by no
// rule); a call that may install 4.x is not judged.
func TestScanJudgesAKeyPairModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, keyPairStack)
	results := bundledFindings(t, main, rep, "module.v4")
	const embedded = "aws-no-embedded-credentials"
	assert.Equal(t, lineAt{"fail", 6}, results["module.deployer.aws_key_pair.this[0]"][embedded].lineAt())
	assert.NotEqual(t, "fail", results["module.nodes.aws_key_pair.this[0]"][embedded].status)
	for resource := range results {
		assert.NotContains(t, resource, "tls_private_key", "no rule judges the private key")
	}
	assert.Contains(t, bundledNotScanned(t, rep, "v4", 18), `covers versions 2.x–3.x only: version constraint "~> 4.0" selects a 4.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// podIdentityStack calls terraform-aws-modules/eks-pod-identity/aws 1.x
// without `terraform init`. Line numbers matter.
const podIdentityStack = `module "cni" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 1.6"

  name                      = "aws-vpc-cni-ipv4"
  attach_aws_vpc_cni_policy = true
  aws_vpc_cni_enable_ipv4   = true
}

module "v2" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"
  name    = "v2"
}
`

// TestScanJudgesAnEKSPodIdentityModuleCallFromItsBundledModel: the role
// trusts only the Pod Identity service; the VPC CNI policy's network
// interface actions on any resource fail the write-on-all-resources rule
// at the module block (the statement is the module's own), as a scan of
// the module itself would; a call
// that may install 2.x is not judged.
func TestScanJudgesAnEKSPodIdentityModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, podIdentityStack)
	results := bundledFindings(t, main, rep, "module.v2")
	const public, writeAll = "aws-iam-role-trust-not-public", "aws-iam-policy-no-write-on-all-resources"
	assert.Equal(t, "pass", results["module.cni.aws_iam_role.this[0]"][public].status)
	assert.Equal(t, lineAt{"fail", 1}, results["module.cni.aws_iam_policy.vpc_cni[0]"][writeAll].lineAt())
	assert.Equal(t, "pass", results["module.cni.aws_iam_policy.vpc_cni[0]"]["aws-iam-policy-no-full-admin"].status)
	assert.Contains(t, bundledNotScanned(t, rep, "v2", 10), `covers versions 1.x only: version constraint "~> 2.0" selects a 2.x version`)
	assert.NotContains(t, stdout, bundledMarker)
}

// wafLogsStack calls s3-bucket 5.x with the WAF log delivery policy
// without `terraform init`. Line numbers matter.
const wafLogsStack = `module "waf_logs" {
  source                         = "terraform-aws-modules/s3-bucket/aws"
  version                        = "~> 5.0"
  bucket_prefix                  = "waf-"
  attach_waf_log_delivery_policy = true
}
`

// TestScanJudgesAWAFLogDeliveryBucketFromItsBundledModel: the log
// delivery statements grant a service, limited to the account's own log
// sources, so the policy is not public; without the TLS deny the bucket
// fails the insecure transport rule at the input that writes its policy,
// as a scan of the module would.
func TestScanJudgesAWAFLogDeliveryBucketFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, wafLogsStack)
	results := bundledFindings(t, main, rep)
	policy := results["module.waf_logs.aws_s3_bucket_policy.this[0]"]
	assert.Equal(t, lineAt{"pass", 5}, policy["aws-s3-bucket-policy-not-public"].lineAt())
	assert.Equal(t, lineAt{"fail", 5}, results["module.waf_logs.aws_s3_bucket.this[0]"]["aws-s3-bucket-denies-insecure-transport"].lineAt())
	assert.NotContains(t, stdout, bundledMarker)
}

// s3V4Stack calls s3-bucket 4.x, which the 5.x model follows too. Line
// numbers matter.
const s3V4Stack = `module "reports" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.6.0"

  bucket = "acme-reports"
  acl    = "public-read"
}

module "private" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"

  bucket = "acme-private"
}

module "v4_region" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"

  bucket = "acme-region"
  region = "eu-west-1"
  acl    = "public-read"
}
`

// TestScanJudgesAnS3BucketV4ModuleCallFromItsBundledModel: a 4.x call is
// judged as a 5.x one, at its inputs; one that sets 5.x's region is not.
func TestScanJudgesAnS3BucketV4ModuleCallFromItsBundledModel(t *testing.T) {
	main, stdout, rep := scanBundledJSON(t, s3V4Stack)
	results := bundledFindings(t, main, rep, "module.v4_region")
	const acl, pab = "aws-s3-bucket-no-public-acl", "aws-s3-bucket-public-access-block"
	assert.Equal(t, bundledGot{"fail", 6, 3}, results["module.reports.aws_s3_bucket_acl.this[0]"][acl])
	assert.Equal(t, "pass", results["module.private.aws_s3_bucket.this[0]"][pab].status, "the module blocks public access by default")
	assert.Contains(t, bundledNotScanned(t, rep, "v4_region", 16), `sets "region", which terraform-aws-modules/s3-bucket/aws 4.x does not declare`)
	assert.NotContains(t, stdout, bundledMarker)
}
