package loader

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// loadMain loads code as the one file of a root module.
func loadMain(t *testing.T, files fstest.MapFS) *Result {
	t.Helper()
	res, err := LoadFS(context.Background(), files, ".", Options{})
	require.NoError(t, err)
	return res
}

func TestBundledModelAdmitsTheVersionsItModels(t *testing.T) {
	sg := bundledModels[0]
	for _, c := range []struct {
		constraint string
		ok         bool
		why        string
	}{
		{"", false, `the call sets no version, so Terraform installs the module's newest release (6.x)`},
		{"4.0.0", true, ""},
		{"~> 4.0", true, ""},
		{"~> 5.1", true, ""},
		{">= 4.0, < 6.0", true, ""},
		{">= 3.0, < 5.0", true, ""},
		{"v5.3.0", true, ""},
		{"~> 6.0", false, `selects a 6.x version`},
		{"~> 3.18", false, `selects a 3.x version`},
		{">= 4.0", false, `version constraint ">= 4.0" has no upper bound, so Terraform installs the module's newest release (6.x)`},
		{"~> 5", false, `version constraint "~> 5" has no upper bound, so Terraform installs the module's newest release (6.x)`},
		{">= 7.0", false, `version constraint ">= 7.0" has no upper bound and admits only versions above 6.x, the newest release the scanner knows of`},
		{">= 5.0, < 4.0", false, `admits no version`},
		{"latest", false, `cannot be read`},
	} {
		ok, why := sg.admits(c.constraint, nil)
		assert.Equal(t, c.ok, ok, "%q", c.constraint)
		if c.why == "" {
			assert.Empty(t, why, "%q", c.constraint)
		} else {
			assert.Contains(t, why, c.why, "%q", c.constraint)
		}
	}
	// An input 6.x does not declare admits the modelled versions as well,
	// one both declare does not; nor does it where the constraint admits
	// no modelled version.
	for _, c := range []struct {
		constraint string
		set        []string
		ok         bool
		why        string
	}{
		{"", []string{"name", "ingress_cidr_blocks"}, true, `judged as 4.x–5.x: the call sets "ingress_cidr_blocks", which 6.x does not declare`},
		{">= 4.0", []string{"computed_ingress_rules"}, true, `the call sets "computed_ingress_rules", which 6.x does not declare`},
		{"", []string{"name", "vpc_id", "ingress_rules"}, false, `the call sets no version, so Terraform installs the module's newest release (6.x)`},
		{">= 6.0", []string{"ingress_cidr_blocks"}, false, `installs the module's newest release (6.x)`},
		{">= 7.0", []string{"ingress_cidr_blocks"}, false, `admits only versions above 6.x`},
		{"~> 6.0", []string{"ingress_cidr_blocks"}, false, `selects a 6.x version`},
	} {
		ok, why := sg.admits(c.constraint, c.set)
		assert.Equal(t, c.ok, ok, "%q %v", c.constraint, c.set)
		assert.Contains(t, why, c.why, "%q %v", c.constraint, c.set)
	}
}

// TestBundledModelLoadsEveryPreset loads each //modules/<preset> the model
// knows with SSH-free defaults: every named rule a preset opens must be in
// the model's rule table, with known ports.
func TestBundledModelLoadsEveryPreset(t *testing.T) {
	presets := bundledModels[0].presets()
	require.Len(t, presets, 57, "the wrappers of security-group 5.x")
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	var code strings.Builder
	for _, n := range names {
		fmt.Fprintf(&code, "module %q {\n  source = \"terraform-aws-modules/security-group/aws//modules/%s\"\n  version = \"~> 5.0\"\n  name = %q\n  ingress_cidr_blocks = [\"0.0.0.0/0\"]\n}\n", n, n, n)
	}
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(code.String())}})
	for _, d := range res.Diagnostics {
		require.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
		assert.Contains(t, d.Summary, "judged from a bundled model", d.Error())
		assert.Equal(t, "main.tf", d.Range.Filename)
	}
	for _, n := range names {
		want := map[string]bool{}
		for _, r := range presets[n] {
			want[r] = true
		}
		require.NotEmpty(t, want, n)
		var got int
		for _, r := range res.Resources {
			if !strings.HasPrefix(r.Address, fmt.Sprintf("module.%s.aws_security_group_rule.ingress_rules[", n)) {
				continue
			}
			got++
			for _, a := range []string{"from_port", "to_port", "protocol"} {
				v := r.Attr(a)
				if n == "smtps" && !v.Val.IsKnown() {
					// The module's smtps preset names "smtps-2465-tcp",
					// which its rule table spells "smtps-2456-tcp": an
					// index Terraform rejects, left unknown here.
					continue
				}
				require.True(t, v.Val.IsWhollyKnown() && !v.Val.IsNull(), "%s %s", r.Address, a)
			}
			assert.Equal(t, "main.tf", r.Range.Filename, r.Address)
		}
		assert.Equal(t, len(want), got, "preset %s opens its named rules", n)
	}
}

func TestBundledModelPointsAtTheCall(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "sg" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "~> 5.0"

  name                = "sg"
  ingress_rules       = ["https-443-tcp", "ssh-tcp"]
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

resource "aws_instance" "a" {
  vpc_security_group_ids = [module.sg.security_group_id]
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	ssh := mustResource(t, res, "module.sg.aws_security_group_rule.ingress_rules[1]")
	assert.Equal(t, scanner.Range{Filename: "main.tf", StartLine: 7, StartColumn: 43, EndLine: 7, EndColumn: 52}, ssh.Range, "the rule's name in ingress_rules")
	assert.Equal(t, 22, int(mustInt(t, ssh.Attr("from_port"))))
	cidrs := ssh.Attr("cidr_blocks")
	assert.Equal(t, scanner.Range{Filename: "main.tf", StartLine: 8, StartColumn: 3, EndLine: 8, EndColumn: 38}, cidrs.Range, "the input it comes from")
	assert.Equal(t, ssh.Range, ssh.Attr("from_port").Range, "ports come from the rule's name in ingress_rules")
	assert.Equal(t, 2, ssh.Attr("type").Range.StartLine, "a constant of the model: the module block")
	group := mustResource(t, res, "module.sg.aws_security_group.this_name_prefix[0]")
	assert.Equal(t, 2, group.Range.StartLine)
	assert.Equal(t, []string{"module.sg.aws_security_group.this_name_prefix[0]"}, ssh.Attr("security_group_id").Refs)
	inst := mustResource(t, res, "aws_instance.a")
	assert.Contains(t, inst.Attr("vpc_security_group_ids").Refs, "module.sg.aws_security_group.this_name_prefix", "outputs lead to the model's group")
	for _, r := range res.Resources {
		assert.Equal(t, "main.tf", r.Range.Filename, r.Address)
		for _, name := range r.AttrNames() {
			assert.Equal(t, "main.tf", r.Attr(name).Range.Filename, "%s.%s", r.Address, name)
		}
	}
	assert.Empty(t, res.Files[bundledPrefix+"bundled/security-group/main.tf"], "a model is not a source file")
	for name := range res.Files {
		assert.NotContains(t, name, bundledPrefix)
	}
}

// diagnosticDetails maps each of res's diagnostics' summary to its
// detail, for tests that look up why a call was or was not judged. None
// of these loads may fail with an error.
// TestBundledSecurityGroupModelDescribesItsRules: the module describes
// every rule it creates (a named rule by its rules map, one written as an
// object by its "description" or "Ingress Rule"), so the model's rules are
// not undescribed.
func TestBundledSecurityGroupModelDescribesItsRules(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "sg" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "~> 5.0"

  name          = "sg"
  ingress_rules = ["ssh-tcp"]
  ingress_with_cidr_blocks = [
    { rule = "https-443-tcp", cidr_blocks = "10.0.0.0/8", description = "HTTPS from the VPC" },
    { from_port = 5432, to_port = 5432, protocol = "tcp", cidr_blocks = "10.0.0.0/8" },
  ]
}
`)}})
	want := map[string]string{
		"module.sg.aws_security_group_rule.ingress_rules[0]":            "ssh-tcp",
		"module.sg.aws_security_group_rule.ingress_with_cidr_blocks[0]": "HTTPS from the VPC",
		"module.sg.aws_security_group_rule.ingress_with_cidr_blocks[1]": "Ingress Rule",
	}
	for addr, desc := range want {
		got, ok := mustResource(t, res, addr).Attr("description").AsString()
		require.True(t, ok, addr)
		assert.Equal(t, desc, got, addr)
	}
}

// TestBundledEKSModelDescribesItsRules: the module describes the security
// group rules it adds ("Node groups to cluster API", ...); a rule the call
// adds without a description has none.
func TestBundledEKSModelDescribesItsRules(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  name       = "main"
  vpc_id     = "vpc-1"
  subnet_ids = ["subnet-1", "subnet-2"]
  node_security_group_additional_rules = {
    vpn = { protocol = "tcp", from_port = 22, to_port = 22, type = "ingress", cidr_blocks = ["10.0.0.0/8"] }
  }
}
`)}})
	want := map[string]string{
		`module.eks.aws_security_group_rule.cluster["ingress_nodes_443"]`:     "Node groups to cluster API",
		`module.eks.aws_security_group_rule.node["ingress_cluster_443"]`:      "Cluster API to node groups",
		`module.eks.aws_security_group_rule.node["ingress_self_coredns_udp"]`: "Node to node CoreDNS UDP",
		`module.eks.aws_security_group_rule.node["egress_all"]`:               "Allow all egress",
	}
	for addr, desc := range want {
		got, ok := mustResource(t, res, addr).Attr("description").AsString()
		require.True(t, ok, addr)
		assert.Equal(t, desc, got, addr)
	}
	assert.True(t, mustResource(t, res, `module.eks.aws_security_group_rule.node["vpn"]`).Attr("description").IsNull())
}

func diagnosticDetails(t *testing.T, res *Result) map[string]string {
	t.Helper()
	why := map[string]string{}
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
		why[d.Summary] = d.Detail
	}
	return why
}

func mustInt(t *testing.T, v scanner.Value) int64 {
	t.Helper()
	require.True(t, v.Val.IsKnown() && !v.Val.IsNull(), v.Name)
	n, ok := v.AsInt()
	require.True(t, ok, "%s = %#v", v.Name, v.Val)
	return n
}

func TestBundledModelIsTheLastResort(t *testing.T) {
	t.Run("installed module", func(t *testing.T) {
		res := loadMain(t, fstest.MapFS{
			"main.tf": {Data: []byte(`
module "sg" {
  source        = "terraform-aws-modules/security-group/aws"
  version       = "~> 5.0"
  ingress_rules = ["ssh-tcp"]
}
`)},
			".terraform/modules/modules.json": {Data: []byte(`{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"sg","Source":"registry.terraform.io/terraform-aws-modules/security-group/aws","Dir":".terraform/modules/sg"}]}`)},
			".terraform/modules/sg/main.tf":   {Data: []byte(`resource "aws_security_group" "installed" {}` + "\nvariable \"ingress_rules\" {}\n")},
		})
		assert.Equal(t, []string{"module.sg.aws_security_group.installed"}, addresses(res))
		for _, d := range res.Diagnostics {
			assert.NotContains(t, d.Summary, "bundled", d.Error())
		}
	})
	t.Run("other registry host", func(t *testing.T) {
		res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "sg" {
  source = "app.terraform.io/acme/security-group/aws"
}
`)}})
		assert.Empty(t, res.Resources)
		require.Len(t, res.Diagnostics, 1)
		assert.Equal(t, `Module "sg" not scanned`, res.Diagnostics[0].Summary)
	})
}

func TestBundledModelNotScannedSaysWhy(t *testing.T) {
	for _, c := range []struct{ call, why string }{
		{`source = "terraform-aws-modules/security-group/aws"
  version = "~> 6.0"`, `covers versions 4.x–5.x only: version constraint "~> 6.0" selects a 6.x version`},
		{`source = "terraform-aws-modules/security-group/aws//modules/no-such-preset"`, `has no //modules/no-such-preset`},
		{`source = "terraform-aws-modules/security-group/aws//wrappers"`, `has no //wrappers`},
	} {
		res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte("module \"sg\" {\n  " + c.call + "\n  ingress_rules = [\"ssh-tcp\"]\n  ingress_cidr_blocks = [\"0.0.0.0/0\"]\n}\n")}})
		assert.Empty(t, res.Resources, c.call)
		require.Len(t, res.Diagnostics, 1, c.call)
		d := res.Diagnostics[0]
		assert.Equal(t, scanner.DiagWarning, d.Severity)
		assert.Equal(t, `Module "sg" not scanned`, d.Summary)
		assert.Contains(t, d.Detail, c.why)
		assert.Equal(t, scanner.Range{Filename: "main.tf", StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 12}, d.Range)
	}
}

func TestBundledModelKeepsUnknownInputsUnknown(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
variable "cidrs" {
  type = list(string)
}

variable "rules" {
  type = list(string)
}

module "cidrs" {
  source              = "terraform-aws-modules/security-group/aws"
  version             = "~> 5.0"
  ingress_rules       = ["ssh-tcp"]
  ingress_cidr_blocks = var.cidrs
}

module "rules" {
  source              = "terraform-aws-modules/security-group/aws"
  version             = "~> 5.0"
  ingress_rules       = var.rules
  ingress_cidr_blocks = ["0.0.0.0/0"]
}
`)}})
	r := mustResource(t, res, "module.cidrs.aws_security_group_rule.ingress_rules[0]")
	assert.False(t, r.Attr("cidr_blocks").Val.IsKnown())
	assert.Equal(t, 14, r.Attr("cidr_blocks").Range.StartLine)
	// However many rules var.rules names, one instance stands for them,
	// with ports not known.
	var found bool
	for _, r := range res.Resources {
		if strings.HasPrefix(r.Address, "module.rules.aws_security_group_rule.ingress_rules") {
			found = true
			assert.True(t, r.MayNotExist, r.Address)
			assert.False(t, r.Attr("from_port").Val.IsWhollyKnown(), r.Address)
			assert.NotEqual(t, cty.NilVal, r.Attr("from_port").Val)
		}
	}
	assert.True(t, found, "the rules of an unknown list are still judged: %v", addresses(res))
}

func TestBundledModelFollowsCountsAndExpandedCalls(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "computed" {
  source = "terraform-aws-modules/security-group/aws"
  version = "~> 5.0"
  computed_ingress_with_cidr_blocks = [
    { rule = "mysql-tcp", cidr_blocks = "10.0.0.0/8" },
    { rule = "rdp-tcp", cidr_blocks = "0.0.0.0/0" },
  ]
  number_of_computed_ingress_with_cidr_blocks = 2
}

module "each" {
  for_each            = { a = "0.0.0.0/0", b = "10.0.0.0/16" }
  source              = "terraform-aws-modules/security-group/aws//modules/ssh"
  version             = "~> 4.0"
  name                = each.key
  ingress_cidr_blocks = [each.value]
}

module "off" {
  source              = "terraform-aws-modules/security-group/aws//modules/ssh"
  version             = "~> 5.0"
  create              = false
  name                = "off"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}
`)}})
	rdp := mustResource(t, res, "module.computed.aws_security_group_rule.computed_ingress_with_cidr_blocks[1]")
	assert.Equal(t, 3389, int(mustInt(t, rdp.Attr("from_port"))))
	assert.Equal(t, 7, rdp.Range.StartLine, "the object the instance indexes, though its count is a number")
	assert.Equal(t, rdp.Range, rdp.Attr("cidr_blocks").Range, "its sources are the object's")
	for _, key := range []string{"a", "b"} {
		ssh := mustResource(t, res, fmt.Sprintf(`module.each[%q].aws_security_group_rule.ingress_rules[0]`, key))
		assert.Equal(t, 22, int(mustInt(t, ssh.Attr("from_port"))))
		assert.Equal(t, 17, ssh.Attr("cidr_blocks").Range.StartLine)
	}
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.off", "create = false creates nothing")
	}
}

// TestBundledModelsReferOnlyToWhatTheyDeclare checks each model variant as
// Terraform would validate a module: a reference to an undeclared variable,
// local or resource would leave values unknown without saying so.
func TestBundledModelsReferOnlyToWhatTheyDeclare(t *testing.T) {
	forEachBundledVariant(t, func(model *bundledModel, name string, m *moduleConfig) {
		assert.Empty(t, checkReferences(m), "%s %q", model.source, name)
		assert.NotEmpty(t, m.outputs, "%s %q declares the module's outputs", model.source, name)
	})
}

// forEachBundledVariant loads every variant of every model (the root
// module and each preset) in a tree of its own and calls check with it.
func forEachBundledVariant(t *testing.T, check func(model *bundledModel, name string, m *moduleConfig)) {
	t.Helper()
	for _, model := range bundledModels {
		variants := map[string][]string{"": nil}
		if model.presets != nil {
			for name, rules := range model.presets() {
				variants[name] = rules
			}
		}
		for name, rules := range variants {
			tr := &tree{modules: map[string]*moduleConfig{}, usage: newUsage()}
			m := tr.bundledModule(model, name, rules)
			require.NotNil(t, m, "%s %q loads", model.source, name)
			check(model, name, m)
		}
	}
}

func TestBundledS3BucketModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
provider "aws" {
  region = "eu-west-1"
}

module "logs" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 5.0"

  bucket     = "logs"
  acl        = "public-read"
  versioning = { status = "Enabled" }
  attach_deny_insecure_transport_policy = true
}

module "replicated" {
  source                    = "terraform-aws-modules/s3-bucket/aws"
  bucket                    = "replicated"
  replication_configuration = { role = "arn:aws:iam::111122223333:role/r", rules = [] }
}

module "quiet" {
  source                         = "terraform-aws-modules/s3-bucket/aws"
  bucket                         = "quiet"
  attach_elb_log_delivery_policy = false
  replication_configuration      = {}
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	bucket := mustResource(t, res, "module.logs.aws_s3_bucket.this[0]")
	assert.Equal(t, "eu-west-1", str(t, bucket.Region()), "the region of the caller's provider")
	acl := mustResource(t, res, "module.logs.aws_s3_bucket_acl.this[0]")
	assert.Equal(t, "public-read", str(t, acl.Attr("acl")))
	assert.Equal(t, 11, acl.Attr("acl").Range.StartLine)
	versioning := mustResource(t, res, "module.logs.aws_s3_bucket_versioning.this[0]")
	assert.Equal(t, "Enabled", str(t, versioning.Get("versioning_configuration", "status")))
	pab := mustResource(t, res, "module.logs.aws_s3_bucket_public_access_block.this[0]")
	assert.True(t, pab.Attr("block_public_acls").Val.True(), "the module's defaults")
	policy := mustResource(t, res, "module.logs.aws_s3_bucket_policy.this[0]")
	assert.Equal(t, 13, policy.Attr("policy").Range.StartLine)
	assert.Contains(t, policy.Attr("bucket").Refs, "module.logs.aws_s3_bucket.this[0]")

	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.replicated", "replication is not modelled: not judged without it")
	}
	mustResource(t, res, "module.quiet.aws_s3_bucket.this[0]")
	var why []string
	for _, d := range res.Diagnostics {
		if d.Summary == `Module "replicated" not scanned` {
			why = append(why, d.Detail)
		}
	}
	require.Len(t, why, 1)
	assert.Contains(t, why[0], "leaves out what replication_configuration adds")
}

// TestBundledS3BucketModelV4: 4.x passes the bucket's arguments as 5.x
// does, without region, so a 4.x call is judged from the 5.x model unless
// it sets an input only 5.x declares.
func TestBundledS3BucketModelV4(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "v4" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.6.0"

  bucket            = "reports"
  acl               = "public-read"
  block_public_acls = false
}

variable "block" {
  type = bool
}

module "v4_unknown" {
  source              = "terraform-aws-modules/s3-bucket/aws"
  version             = "~> 4.0"
  bucket              = "unknown"
  block_public_policy = var.block
}

module "v4_region" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
  bucket  = "region"
  region  = "eu-west-1"
}

module "v3" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 3.15"
  bucket  = "old"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	acl := mustResource(t, res, "module.v4.aws_s3_bucket_acl.this[0]")
	assert.Equal(t, "public-read", str(t, acl.Attr("acl")))
	assert.Equal(t, 7, acl.Attr("acl").Range.StartLine, "at the caller's input")
	pab := mustResource(t, res, "module.v4.aws_s3_bucket_public_access_block.this[0]")
	assert.False(t, pab.Attr("block_public_acls").Val.True())
	assert.True(t, pab.Attr("block_public_policy").Val.True(), "the module's default")
	unknown := mustResource(t, res, "module.v4_unknown.aws_s3_bucket_public_access_block.this[0]")
	assert.False(t, unknown.Attr("block_public_policy").Val.IsKnown(), "an unknown input stays unknown")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.v4_region.", "4.x has no region: not judged")
		assert.NotContains(t, addr, "module.v3.", "3.x is not modelled: not judged")
	}
	assert.Contains(t, why[`Module "v4" judged from a bundled model`], "model of terraform-aws-modules/s3-bucket/aws 4.x–5.x")
	assert.Contains(t, why[`Module "v4_region" not scanned`], `sets "region", which terraform-aws-modules/s3-bucket/aws 4.x does not declare`)
	assert.Contains(t, why[`Module "v3" not scanned`], `covers versions 4.x–5.x only: version constraint "~> 3.15" selects a 3.x version`)
}

func TestBundledRDSModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 7.0"

  identifier                      = "orders"
  engine                          = "postgres"
  storage_encrypted               = false
  enabled_cloudwatch_logs_exports = ["postgresql"]
  create_cloudwatch_log_group     = true
  blue_green_update               = { enabled = true }
}

variable "public" {
  type = bool
}

module "replica" {
  source              = "terraform-aws-modules/rds/aws"
  identifier          = "orders-replica"
  replicate_source_db = "orders"
  publicly_accessible = var.public
}

module "old" {
  source     = "terraform-aws-modules/rds/aws"
  version    = "~> 6.0"
  identifier = "old"
}

module "open" {
  source     = "terraform-aws-modules/rds/aws"
  version    = ">= 6.0"
  identifier = "open"
}

module "future" {
  source     = "terraform-aws-modules/rds/aws"
  version    = ">= 8.0"
  identifier = "future"
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	db := mustResource(t, res, "module.db.aws_db_instance.this[0]")
	assert.False(t, db.Attr("storage_encrypted").Val.True())
	assert.Equal(t, 8, db.Attr("storage_encrypted").Range.StartLine, "at the caller's input")
	assert.Equal(t, "main.tf", db.Attr("storage_encrypted").Range.Filename)
	assert.False(t, db.Attr("deletion_protection").Val.True(), "the module's default")
	assert.Equal(t, 2, db.Attr("deletion_protection").Range.StartLine, "a default points at the module block")
	assert.Equal(t, int64(1), mustInt(t, db.Attr("backup_retention_period")), "a blue/green update keeps a day of backups")
	assert.Equal(t, "postgres", str(t, db.Attr("engine")))
	assert.True(t, db.Attr("manage_master_user_password").Val.True(), "the module's default: a managed secret, no password")
	assert.False(t, db.Attr("password_wo").IsSet())
	mustResource(t, res, `module.db.aws_cloudwatch_log_group.this["postgresql"]`)

	replica := mustResource(t, res, "module.replica.aws_db_instance.this[0]")
	assert.False(t, replica.Attr("engine").IsSet(), "a replica takes its engine from its source")
	assert.False(t, replica.Attr("publicly_accessible").Val.IsKnown(), "an unknown input stays unknown")
	assert.Equal(t, 22, replica.Attr("publicly_accessible").Range.StartLine, "at the caller's input")

	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.old", "6.x is not modelled: not judged")
		assert.NotContains(t, addr, "module.future", "a release newer than the scanner knows of is not judged")
	}
	// With no upper bound Terraform installs the newest release, 7.x.
	mustResource(t, res, "module.open.aws_db_instance.this[0]")
	why := diagnosticDetails(t, res)
	assert.Contains(t, why[`Module "old" not scanned`], `covers versions 7.x only: version constraint "~> 6.0" selects a 6.x version`)
	assert.Contains(t, why[`Module "future" not scanned`], `covers versions 7.x only: version constraint ">= 8.0" has no upper bound and admits only versions above 7.x, the newest release the scanner knows of`)
	assert.Contains(t, why[`Module "open" judged from a bundled model`], `(version ">= 6.0": the newest release, 7.x)`)
	assert.Contains(t, why[`Module "db" judged from a bundled model`], `(version "~> 7.0")`)
	assert.Contains(t, why[`Module "replica" judged from a bundled model`], `(no version constraint: the newest release, 7.x)`)
}

func TestBundledRDSAuroraModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "aurora" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "~> 10.0"

  name              = "orders"
  engine            = "aurora-postgresql"
  storage_encrypted = false
  instances = {
    one = {}
    two = { publicly_accessible = true }
  }
  security_group_ingress_rules = {
    anywhere = { cidr_ipv4 = "0.0.0.0/0" }
  }
  cluster_parameter_group = {
    family     = "aurora-postgresql16"
    parameters = [{ name = "rds.force_ssl", value = "1" }]
  }
}

module "old" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "~> 9.0"
  name    = "old"
}

module "restored" {
  source                   = "terraform-aws-modules/rds-aurora/aws"
  name                     = "restored"
  restore_to_point_in_time = { source_cluster_identifier = "orders" }
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	cluster := mustResource(t, res, "module.aurora.aws_rds_cluster.this[0]")
	assert.False(t, cluster.Attr("storage_encrypted").Val.True())
	assert.Equal(t, 8, cluster.Attr("storage_encrypted").Range.StartLine, "at the caller's input")
	assert.Equal(t, "aurora-postgresql", str(t, cluster.Attr("engine")))
	assert.False(t, cluster.Attr("deletion_protection").IsSet(), "the module's default: null")

	// Each instance is the item of instances it was made from; what it
	// takes from its item points there too.
	one := mustResource(t, res, `module.aurora.aws_rds_cluster_instance.this["one"]`)
	assert.Equal(t, 10, one.Range.StartLine)
	assert.False(t, one.Attr("publicly_accessible").IsSet(), "an attribute the item leaves out is null")
	two := mustResource(t, res, `module.aurora.aws_rds_cluster_instance.this["two"]`)
	assert.Equal(t, 11, two.Range.StartLine)
	assert.True(t, two.Attr("publicly_accessible").Val.True())
	assert.Equal(t, 11, two.Attr("publicly_accessible").Range.StartLine)
	assert.Equal(t, "main.tf", two.Attr("publicly_accessible").Range.Filename)
	assert.Contains(t, two.Attr("cluster_identifier").Refs, "module.aurora.aws_rds_cluster.this[0]")

	// A rule without ports opens the database's port, over TCP.
	rule := mustResource(t, res, `module.aurora.aws_vpc_security_group_ingress_rule.this["anywhere"]`)
	assert.Equal(t, 14, rule.Range.StartLine)
	assert.Equal(t, "0.0.0.0/0", str(t, rule.Attr("cidr_ipv4")))
	assert.Equal(t, int64(5432), mustInt(t, rule.Attr("from_port")))
	assert.Equal(t, int64(5432), mustInt(t, rule.Attr("to_port")))
	assert.Equal(t, "tcp", str(t, rule.Attr("ip_protocol")))

	pg := mustResource(t, res, "module.aurora.aws_rds_cluster_parameter_group.this[0]")
	assert.Equal(t, "aurora-postgresql16", str(t, pg.Attr("family")))
	require.Len(t, pg.Blocks("parameter"), 1)
	assert.Equal(t, "rds.force_ssl", str(t, pg.Blocks("parameter")[0].Attr("name")))

	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.old", "9.x is not modelled: not judged")
		assert.NotContains(t, addr, "module.restored", "a restore is not modelled: not judged")
	}
	why := diagnosticDetails(t, res)
	assert.Contains(t, why[`Module "old" not scanned`], `covers versions 10.x only: version constraint "~> 9.0" selects a 9.x version`)
	assert.Contains(t, why[`Module "restored" not scanned`], "leaves out what restore_to_point_in_time adds")
}

func TestBundledKMSModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "kms" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 4.0"

  enable_key_rotation = false
}

module "own_policy" {
  source = "terraform-aws-modules/kms/aws"
  policy = "{}"
}

module "replica" {
  source         = "terraform-aws-modules/kms/aws"
  create_replica = true
}

module "next" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 5.0"
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	key := mustResource(t, res, "module.kms.aws_kms_key.this[0]")
	assert.False(t, key.Attr("enable_key_rotation").Val.True())
	assert.Equal(t, 6, key.Attr("enable_key_rotation").Range.StartLine, "at the caller's input")
	assert.False(t, key.Attr("policy").Val.IsKnown(), "the module's generated policy is not modelled: unknown, never empty")
	assert.False(t, key.Attr("deletion_window_in_days").IsSet())
	own := mustResource(t, res, "module.own_policy.aws_kms_key.this[0]")
	assert.Equal(t, "{}", str(t, own.Attr("policy")))
	assert.True(t, own.Attr("enable_key_rotation").Val.True(), "the module's default")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.replica.", "a replica key is no aws_kms_key")
		assert.NotContains(t, addr, "module.next", "5.x is not modelled: not judged")
	}
	var why []string
	for _, d := range res.Diagnostics {
		if d.Summary == `Module "next" not scanned` {
			why = append(why, d.Detail)
		}
	}
	require.Len(t, why, 1)
	assert.Contains(t, why[0], `covers versions 1.x–2.x and 3.x–4.x only: version constraint "~> 5.0" selects a 5.x version`)
}

// TestBundledKMSModelOlderMajors: 1.x, 2.x and 3.x declare the key's
// inputs with 4.x's defaults, so their calls are judged from the same
// files; an input those majors do not declare yet (4.x's region and
// key_spec, 3.x's rotation_period_in_days, 2.x's custom_key_store_id for
// 1.x) keeps the call not scanned, as Terraform rejects it.
func TestBundledKMSModelOlderMajors(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "v1" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 1.0"

  deletion_window_in_days = 7
  enable_key_rotation     = false
}

module "v2" {
  source              = "terraform-aws-modules/kms/aws"
  version             = "2.2.1"
  custom_key_store_id = "cks-1234"
}

module "v1_store" {
  source              = "terraform-aws-modules/kms/aws"
  version             = "~> 1.0"
  custom_key_store_id = "cks-1234"
}

module "v2_region" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 2.0"
  region  = "eu-west-1"
}

module "v2_period" {
  source                  = "terraform-aws-modules/kms/aws"
  version                 = ">= 1.0, < 3.0"
  rotation_period_in_days = 90
}

module "v4_region" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 4.0"
  region  = "eu-west-1"
}

module "v3" {
  source                  = "terraform-aws-modules/kms/aws"
  version                 = "~> 3.0"
  enable_key_rotation     = false
  rotation_period_in_days = 90
}

module "v3_default" {
  source  = "terraform-aws-modules/kms/aws"
  version = "3.1.1"
}

variable "rotate" {
  type = bool
}

module "v3_unknown" {
  source              = "terraform-aws-modules/kms/aws"
  version             = ">= 3.0, < 4.0"
  enable_key_rotation = var.rotate
}

module "v3_region" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 3.0"
  region  = "eu-west-1"
}

module "v3_key_spec" {
  source   = "terraform-aws-modules/kms/aws"
  version  = "~> 3.1"
  key_spec = "SYMMETRIC_DEFAULT"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	v1 := mustResource(t, res, "module.v1.aws_kms_key.this[0]")
	assert.False(t, v1.Attr("enable_key_rotation").Val.True())
	assert.Equal(t, 7, v1.Attr("enable_key_rotation").Range.StartLine, "at the caller's input")
	assert.Equal(t, int64(7), mustInt(t, v1.Attr("deletion_window_in_days")))
	assert.Equal(t, 6, v1.Attr("deletion_window_in_days").Range.StartLine)
	assert.False(t, v1.Attr("policy").Val.IsKnown(), "the generated policy is not modelled")
	v2 := mustResource(t, res, "module.v2.aws_kms_key.this[0]")
	assert.True(t, v2.Attr("enable_key_rotation").Val.True(), "2.x rotates by default")
	assert.Equal(t, "cks-1234", str(t, v2.Attr("custom_key_store_id")))
	mustResource(t, res, "module.v4_region.aws_kms_key.this[0]")
	v3 := mustResource(t, res, "module.v3.aws_kms_key.this[0]")
	assert.False(t, v3.Attr("enable_key_rotation").Val.True(), "the call turns rotation off")
	assert.Equal(t, 43, v3.Attr("enable_key_rotation").Range.StartLine, "at the caller's input")
	assert.Equal(t, int64(90), mustInt(t, v3.Attr("rotation_period_in_days")))
	assert.True(t, mustResource(t, res, "module.v3_default.aws_kms_key.this[0]").Attr("enable_key_rotation").Val.True(), "3.x rotates by default")
	assert.False(t, mustResource(t, res, "module.v3_unknown.aws_kms_key.this[0]").Attr("enable_key_rotation").Val.IsKnown(), "an unknown input stays unknown")
	for _, addr := range addresses(res) {
		for _, call := range []string{"module.v1_store.", "module.v2_region.", "module.v2_period.", "module.v3_region.", "module.v3_key_spec."} {
			assert.NotContains(t, addr, call, "an input the major does not declare: not judged")
		}
	}
	assert.Contains(t, why[`Module "v1_store" not scanned`], `sets "custom_key_store_id", which terraform-aws-modules/kms/aws 1.x does not declare`)
	assert.Contains(t, why[`Module "v2_region" not scanned`], `sets "region", which terraform-aws-modules/kms/aws 2.x does not declare`)
	assert.Contains(t, why[`Module "v2_period" not scanned`], `sets "rotation_period_in_days", which terraform-aws-modules/kms/aws 2.x does not declare`)
	assert.Contains(t, why[`Module "v1" judged from a bundled model`], "model of terraform-aws-modules/kms/aws 1.x–2.x")
	assert.Contains(t, why[`Module "v4_region" judged from a bundled model`], "model of terraform-aws-modules/kms/aws 3.x–4.x")
	assert.Contains(t, why[`Module "v3" judged from a bundled model`], "model of terraform-aws-modules/kms/aws 3.x–4.x")
	assert.Contains(t, why[`Module "v3_region" not scanned`], `sets "region", which terraform-aws-modules/kms/aws 3.x does not declare`)
	assert.Contains(t, why[`Module "v3_key_spec" not scanned`], `sets "key_spec", which terraform-aws-modules/kms/aws 3.x does not declare`)
}

func TestBundledVPCModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 6.0"

  cidr            = "10.0.0.0/16"
  azs             = ["eu-west-1a", "eu-west-1b"]
  public_subnets  = ["10.0.0.0/24", "10.0.1.0/24"]
  private_subnets = ["10.0.10.0/24", "10.0.11.0/24"]
}

resource "aws_security_group_rule" "from_vpc" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = concat([module.vpc.vpc_cidr_block], module.vpc.private_subnets_cidr_blocks)
}

module "logged" {
  source                               = "terraform-aws-modules/vpc/aws"
  enable_flow_log                      = true
  create_flow_log_cloudwatch_log_group = true
  manage_default_network_acl           = false
  default_security_group_ingress = [
    { cidr_blocks = "0.0.0.0/0", from_port = 22, to_port = 22, protocol = "tcp" },
  ]
}

module "role" {
  source                              = "terraform-aws-modules/vpc/aws"
  enable_flow_log                     = true
  create_flow_log_cloudwatch_iam_role = true
}

module "old" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 4.0"
}

module "unmanaged" {
  source                        = "terraform-aws-modules/vpc/aws"
  manage_default_security_group = false
}

module "v6" {
  source        = "terraform-aws-modules/vpc/aws"
  use_ipam_pool = true
  enable_ipv6   = true
}

resource "aws_security_group_rule" "from_v6" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = [module.v6.vpc_cidr_block]
  ipv6_cidr_blocks  = [module.v6.vpc_ipv6_cidr_block]
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	vpc := mustResource(t, res, "module.vpc.aws_vpc.this[0]")
	assert.Equal(t, "10.0.0.0/16", str(t, vpc.Attr("cidr_block")))
	assert.Equal(t, 6, vpc.Attr("cidr_block").Range.StartLine, "at the caller's input")
	assert.Equal(t, "main.tf", vpc.Attr("cidr_block").Range.Filename)
	public := mustResource(t, res, "module.vpc.aws_subnet.public[1]")
	assert.Equal(t, "10.0.1.0/24", str(t, public.Attr("cidr_block")))
	assert.False(t, public.Attr("map_public_ip_on_launch").Val.True(), "the module's default")
	mustResource(t, res, "module.vpc.aws_subnet.private[1]")

	// The module adopts the default security group, closed, and the
	// default network ACL with its allow-all entries.
	sg := mustResource(t, res, "module.vpc.aws_default_security_group.this[0]")
	assert.Empty(t, sg.Blocks("ingress"))
	assert.Empty(t, sg.Blocks("egress"))
	acl := mustResource(t, res, "module.vpc.aws_default_network_acl.this[0]")
	require.Len(t, acl.Blocks("ingress"), 2)
	assert.Equal(t, "0.0.0.0/0", str(t, acl.Blocks("ingress")[0].Attr("cidr_block")))
	assert.Equal(t, "::/0", str(t, acl.Blocks("ingress")[1].Attr("ipv6_cidr_block")))
	assert.Equal(t, 2, acl.Blocks("ingress")[0].Range.StartLine, "a default points at the module block")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.vpc.aws_flow_log", "no flow log by default")
		assert.NotContains(t, addr, "module.vpc.aws_network_acl", "no dedicated ACL by default")
		assert.NotContains(t, addr, "module.role", "the flow log's IAM role is not modelled: not judged without it")
		assert.NotContains(t, addr, "module.old", "5.x is not modelled: not judged")
	}

	// What the caller reads of the module is the model's value.
	rule := mustResource(t, res, "aws_security_group_rule.from_vpc")
	assert.Equal(t, []string{"10.0.0.0/16", "10.0.10.0/24", "10.0.11.0/24"}, strList(t, rule.Attr("cidr_blocks")))

	flow := mustResource(t, res, "module.logged.aws_flow_log.this[0]")
	assert.Contains(t, flow.Attr("vpc_id").Refs, "module.logged.aws_vpc.this[0]")
	assert.Contains(t, flow.Attr("log_destination").Refs, "module.logged.aws_cloudwatch_log_group.flow_log[0]")
	assert.Equal(t, "ALL", str(t, flow.Attr("traffic_type")))
	group := mustResource(t, res, "module.logged.aws_cloudwatch_log_group.flow_log[0]")
	assert.False(t, group.Attr("kms_key_id").IsSet())
	open := mustResource(t, res, "module.logged.aws_default_security_group.this[0]")
	require.Len(t, open.Blocks("ingress"), 1)
	assert.Equal(t, []string{"0.0.0.0/0"}, strList(t, open.Blocks("ingress")[0].Attr("cidr_blocks")))
	assert.Equal(t, 26, open.Blocks("ingress")[0].Range.StartLine, "a generated block points at the input it comes from")
	mustResource(t, res, "module.unmanaged.aws_default_network_acl.this[0]")
	// Blocks AWS assigns are unknown, not absent.
	v6 := mustResource(t, res, "aws_security_group_rule.from_v6")
	assert.False(t, v6.Attr("cidr_blocks").Val.IsWhollyKnown(), "a block from an IPAM pool")
	assert.False(t, v6.Attr("ipv6_cidr_blocks").Val.IsWhollyKnown(), "Amazon's IPv6 block")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.logged.aws_default_network_acl", "not adopted when the call says so")
		assert.NotContains(t, addr, "module.unmanaged.aws_default_security_group", "not adopted when the call says so")
	}

	why := diagnosticDetails(t, res)
	assert.Contains(t, why[`Module "old" not scanned`], `covers versions 5.x–6.x only: version constraint "~> 4.0" selects a 4.x version`)
	assert.Contains(t, why[`Module "role" not scanned`], "leaves out what create_flow_log_cloudwatch_iam_role adds")
}

// strList reads a known list of strings.
// TestBundledVPCModelV5: 5.x declares the 6.x model's inputs with the
// same defaults, less region and the flow log role's path, which keep a
// 5.x call not scanned.
func TestBundledVPCModelV5(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "v5" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"

  cidr                    = "10.0.0.0/16"
  azs                     = ["eu-west-1a"]
  public_subnets          = ["10.0.1.0/24"]
  map_public_ip_on_launch = true
}

variable "sg_ingress" {
  type = list(map(string))
}

module "v5_unknown" {
  source                                          = "terraform-aws-modules/vpc/aws"
  version                                         = "5.21.0"
  enable_flow_log                                 = true
  create_flow_log_cloudwatch_log_group            = true
  flow_log_cloudwatch_log_group_retention_in_days = var.retention
}

variable "retention" {
  type = number
}

module "v5_region" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  region  = "eu-west-1"
}

module "v5_role_path" {
  source                     = "terraform-aws-modules/vpc/aws"
  version                    = ">= 5.0, < 6.0"
  vpc_flow_log_iam_role_path = "/flow/"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	subnet := mustResource(t, res, "module.v5.aws_subnet.public[0]")
	assert.True(t, subnet.Attr("map_public_ip_on_launch").Val.True())
	assert.Equal(t, 9, subnet.Attr("map_public_ip_on_launch").Range.StartLine, "at the caller's input")
	sg := mustResource(t, res, "module.v5.aws_default_security_group.this[0]")
	assert.Empty(t, sg.Blocks("ingress"), "5.x closes the default security group by default")
	logs := mustResource(t, res, "module.v5_unknown.aws_cloudwatch_log_group.flow_log[0]")
	assert.False(t, logs.Attr("retention_in_days").Val.IsKnown(), "an unknown input stays unknown")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.v5_region.", "5.x has no region: not judged")
		assert.NotContains(t, addr, "module.v5_role_path.", "5.x has no vpc_flow_log_iam_role_path: not judged")
	}
	assert.Contains(t, why[`Module "v5" judged from a bundled model`], "model of terraform-aws-modules/vpc/aws 5.x–6.x")
	assert.Contains(t, why[`Module "v5_region" not scanned`], `sets "region", which terraform-aws-modules/vpc/aws 5.x does not declare`)
	assert.Contains(t, why[`Module "v5_role_path" not scanned`], `sets "vpc_flow_log_iam_role_path", which terraform-aws-modules/vpc/aws 5.x does not declare`)
}

func strList(t *testing.T, v scanner.Value) []string {
	t.Helper()
	require.True(t, v.Val.IsWhollyKnown(), "known: %#v", v.Val)
	var out []string
	for it := v.Val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e.AsString())
	}
	return out
}

// TestBundledModelInvalidInputPointsAtTheInput: a call that passes a
// model's variable a value of the wrong type is told so at its own input,
// not at the model's declaration (which remapBundled would move to the
// first call of the model, another module block).
func TestBundledModelInvalidInputPointsAtTheInput(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`module "first" {
  source              = "terraform-aws-modules/security-group/aws"
  version             = "~> 5.0"
  ingress_rules       = ["https-443-tcp"]
  ingress_cidr_blocks = ["10.0.0.0/8"]
}

module "second" {
  source              = "terraform-aws-modules/security-group/aws"
  version             = "~> 5.0"
  ingress_rules       = "ssh-tcp"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}
`)}})
	var found bool
	for _, d := range res.Diagnostics {
		if !strings.Contains(d.Summary, "Invalid value for variable ingress_rules") {
			continue
		}
		found = true
		assert.Equal(t, "main.tf", d.Range.Filename)
		assert.Equal(t, 11, d.Range.StartLine, "the second call's ingress_rules: %s", d.Error())
	}
	assert.True(t, found, "a warning about the invalid input")
}

// TestBundledModelDiagnosticPointsAtItsCall: a warning raised while
// evaluating a model for one call (too many instances of a rule) points
// at that call's module block, not at the first call of the model.
func TestBundledModelDiagnosticPointsAtItsCall(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`module "first" {
  source              = "terraform-aws-modules/security-group/aws"
  version             = "~> 5.0"
  ingress_rules       = ["https-443-tcp"]
  ingress_cidr_blocks = ["10.0.0.0/8"]
}

module "second" {
  source                                           = "terraform-aws-modules/security-group/aws"
  version                                          = "~> 5.0"
  number_of_computed_ingress_with_ipv6_cidr_blocks = 20000
  ingress_ipv6_cidr_blocks                         = ["::/0"]
}
`)}})
	var found bool
	for _, d := range res.Diagnostics {
		if d.Summary != "Too many instances" {
			continue
		}
		found = true
		assert.Equal(t, "main.tf", d.Range.Filename)
		assert.Equal(t, 8, d.Range.StartLine, "the second call: %s", d.Error())
	}
	assert.True(t, found, "a warning about the instances")
}

// TestBundledModelNeedsALiteralVersion: a version written as anything but
// a literal string (which Terraform rejects) is not taken for no version
// constraint: the call is not judged from a model, saying why.
func TestBundledModelNeedsALiteralVersion(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`variable "sg_version" {
  default = "~> 6.0"
}

module "sg" {
  source              = "terraform-aws-modules/security-group/aws"
  version             = var.sg_version
  ingress_rules       = ["ssh-tcp"]
  ingress_cidr_blocks = ["0.0.0.0/0"]
}
`)}})
	assert.Empty(t, res.Resources)
	var found bool
	for _, d := range res.Diagnostics {
		assert.NotContains(t, d.Summary, "judged from a bundled model")
		if d.Summary == `Module "sg" not scanned` {
			found = true
			assert.Contains(t, d.Detail, "version is not a literal string")
		}
	}
	assert.True(t, found, "a warning that the call is not scanned")
}

func TestBundledDynamoDBTableModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "table" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 5.0"

  name     = "orders"
  hash_key = "id"
}

variable "pitr" {
  type = bool
}

module "autoscaled" {
  source                             = "terraform-aws-modules/dynamodb-table/aws"
  version                            = "~> 5.0"
  name                               = "events"
  autoscaling_enabled                = true
  point_in_time_recovery_enabled     = var.pitr
  server_side_encryption_enabled     = true
  server_side_encryption_kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234"
  replica_regions                    = [{ region_name = "eu-central-1" }, { region_name = "us-east-1" }]
  resource_policy                    = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"__DYNAMODB_TABLE_ARN__\"}]}"
}

module "gsi_ignore" {
  source                                = "terraform-aws-modules/dynamodb-table/aws"
  version                               = "~> 5.0"
  name                                  = "sessions"
  autoscaling_enabled                   = true
  ignore_changes_global_secondary_index = true
  deletion_protection_enabled           = true
  resource_policy                       = "{\"Statement\":[]}"
}

module "off" {
  source       = "terraform-aws-modules/dynamodb-table/aws"
  version      = "~> 5.0"
  create_table = false
}

module "v4" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 4.0"
  name    = "v4"
}

module "open" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = ">= 5.0"
  name    = "open"
}

module "latest" {
  source = "terraform-aws-modules/dynamodb-table/aws"
  name   = "latest"
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	table := mustResource(t, res, "module.table.aws_dynamodb_table.this[0]")
	assert.Equal(t, "orders", str(t, table.Attr("name")))
	pitr := table.Get("point_in_time_recovery", "enabled")
	assert.False(t, pitr.Val.True(), "the module's default: no point-in-time recovery")
	assert.Equal(t, 2, pitr.Range.StartLine, "a default points at the module block")
	assert.Equal(t, "main.tf", pitr.Range.Filename)
	assert.False(t, table.Attr("deletion_protection_enabled").IsSet(), "the module's default (null): not protected")
	sse := table.FirstBlock("server_side_encryption")
	require.NotNil(t, sse, "the module always writes the block")
	assert.False(t, sse.Attr("enabled").Val.True(), "the module's default: DynamoDB's AWS owned key")
	assert.False(t, sse.Attr("kms_key_arn").IsSet())
	assert.Equal(t, "orders", table.Attr("tags").Val.GetAttr("Name").AsString(), "the module tags the table with its name")

	scaled := mustResource(t, res, "module.autoscaled.aws_dynamodb_table.autoscaled[0]")
	assert.False(t, scaled.Get("point_in_time_recovery", "enabled").Val.IsKnown(), "an unknown input stays unknown")
	assert.Equal(t, 19, scaled.Get("point_in_time_recovery", "enabled").Range.StartLine, "at the caller's input")
	scaledSSE := scaled.FirstBlock("server_side_encryption")
	require.NotNil(t, scaledSSE)
	assert.True(t, scaledSSE.Attr("enabled").Val.True())
	assert.Equal(t, 21, scaledSSE.Attr("kms_key_arn").Range.StartLine)
	replicas := scaled.Blocks("replica")
	require.Len(t, replicas, 2)
	assert.Equal(t, "eu-central-1", str(t, replicas[0].Attr("region_name")))
	assert.Equal(t, 22, replicas[1].Attr("region_name").Range.StartLine)
	policy := mustResource(t, res, "module.autoscaled.aws_dynamodb_resource_policy.this[0]")
	assert.False(t, policy.Attr("policy").Val.IsKnown(), "the table's ARN put in the policy is known only after apply")

	ignore := mustResource(t, res, "module.gsi_ignore.aws_dynamodb_table.autoscaled_gsi_ignore[0]")
	assert.True(t, ignore.Attr("deletion_protection_enabled").Val.True())
	assert.Equal(t, 32, ignore.Attr("deletion_protection_enabled").Range.StartLine)
	assert.Equal(t, `{"Statement":[]}`, str(t, mustResource(t, res, "module.gsi_ignore.aws_dynamodb_resource_policy.this[0]").Attr("policy")),
		"a policy without the placeholder is judged as written")

	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.off.", "create_table = false creates nothing")
		assert.NotContains(t, addr, "module.v4.", "4.x is not modelled: not judged")
		assert.NotContains(t, addr, "module.open.", "an open-ended constraint selects 6.x: not judged")
		assert.NotContains(t, addr, "module.latest.", "no version installs 6.x: not judged")
		assert.NotContains(t, addr, "module.table.aws_dynamodb_table.autoscaled", "one variant a call")
		assert.NotContains(t, addr, "module.autoscaled.aws_dynamodb_table.this", "one variant a call")
		assert.NotContains(t, addr, "module.table.aws_dynamodb_resource_policy", "no policy without resource_policy")
	}
	why := diagnosticDetails(t, res)
	assert.Contains(t, why[`Module "v4" not scanned`], `covers versions 5.x only: version constraint "~> 4.0" selects a 4.x version`)
	assert.Contains(t, why[`Module "open" not scanned`], `covers versions 5.x only: version constraint ">= 5.0" has no upper bound, so Terraform installs the module's newest release (6.x)`)
	assert.Contains(t, why[`Module "latest" not scanned`], `covers versions 5.x only: the call sets no version, so Terraform installs the module's newest release (6.x)`)
}

// TestBundledIAMPolicyModel: a model of one submodule stands for that
// submodule only; the module's other submodules stay not scanned.
func TestBundledIAMPolicyModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "admin" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 6.0"

  name   = "admin"
  policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"
}

variable "document" {
  type = string
}

module "from_var" {
  source = "terraform-aws-modules/iam/aws//modules/iam-policy"
  name   = "from-var"
  policy = var.document
}

module "off" {
  source = "terraform-aws-modules/iam/aws//modules/iam-policy"
  create = false
  policy = "{}"
}

module "v4" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 4.0"
  policy  = "{}"
}

module "role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 6.0"
}

module "root" {
  source  = "terraform-aws-modules/iam/aws"
  version = "~> 6.0"
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	admin := mustResource(t, res, "module.admin.aws_iam_policy.policy[0]")
	assert.Contains(t, str(t, admin.Attr("policy")), `"Action":"*"`)
	assert.Equal(t, 7, admin.Attr("policy").Range.StartLine, "at the caller's input")
	assert.Equal(t, "main.tf", admin.Attr("policy").Range.Filename)
	fromVar := mustResource(t, res, "module.from_var.aws_iam_policy.policy[0]")
	assert.False(t, fromVar.Attr("policy").Val.IsKnown(), "an unknown input stays unknown")
	assert.Equal(t, 17, fromVar.Attr("policy").Range.StartLine)
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.off.", "create = false creates nothing")
		assert.NotContains(t, addr, "module.v4.", "4.x is not modelled: not judged")
		assert.NotContains(t, addr, "module.role.", "only the iam-policy submodule is modelled")
		assert.NotContains(t, addr, "module.root.", "only the iam-policy submodule is modelled")
	}
	why := diagnosticDetails(t, res)
	assert.Contains(t, why[`Module "admin" judged from a bundled model`], "model of terraform-aws-modules/iam/aws//modules/iam-policy 6.x")
	assert.Contains(t, why[`Module "v4" not scanned`],
		`bundled model of terraform-aws-modules/iam/aws//modules/iam-policy covers versions 5.x and 6.x only: version constraint "~> 4.0" selects a 4.x version`)
	for _, name := range []string{"role", "root"} {
		assert.Contains(t, why[fmt.Sprintf("Module %q not scanned", name)], "run `terraform init`", name)
		assert.NotContains(t, why[fmt.Sprintf("Module %q not scanned", name)], "bundled model", name)
	}
}

// TestBundledIAMPolicyModelV5: 5.x creates the same policy under
// create_policy, which 6.x renamed to create; the call's document is
// judged as written whichever major the constraint selects, and an input
// of the other major keeps the call not scanned.
func TestBundledIAMPolicyModelV5(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "admin" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 5.28.0"

  name   = "admin"
  policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"
}

variable "document" {
  type = string
}

module "from_var" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = ">= 5.0, < 6.0"
  policy  = var.document
}

module "off" {
  source        = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version       = "~> 5.0"
  create_policy = false
  policy        = "{}"
}

module "unversioned" {
  source        = "terraform-aws-modules/iam/aws//modules/iam-policy"
  create_policy = true
  policy        = "{}"
}

module "v5_create" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 5.0"
  create  = true
  policy  = "{}"
}

module "v6_create_policy" {
  source        = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version       = "~> 6.0"
  create_policy = true
  policy        = "{}"
}

module "either" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = ">= 5.0"
  policy  = "{}"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	admin := mustResource(t, res, "module.admin.aws_iam_policy.policy[0]")
	assert.Contains(t, str(t, admin.Attr("policy")), `"Action":"*"`)
	assert.Equal(t, 7, admin.Attr("policy").Range.StartLine, "at the caller's input")
	assert.Equal(t, "IAM Policy", str(t, admin.Attr("description")), "5.x's default")
	assert.Equal(t, "/", str(t, admin.Attr("path")), "5.x's default")
	fromVar := mustResource(t, res, "module.from_var.aws_iam_policy.policy[0]")
	assert.False(t, fromVar.Attr("policy").Val.IsKnown(), "an unknown input stays unknown")
	mustResource(t, res, "module.unversioned.aws_iam_policy.policy[0]")
	mustResource(t, res, "module.either.aws_iam_policy.policy[0]")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.off.", "create_policy = false creates nothing")
		assert.NotContains(t, addr, "module.v5_create.", "5.x has no create: not judged")
		assert.NotContains(t, addr, "module.v6_create_policy.", "6.x has no create_policy: not judged")
	}
	assert.Contains(t, why[`Module "admin" judged from a bundled model`], "model of terraform-aws-modules/iam/aws//modules/iam-policy 5.x")
	assert.Contains(t, why[`Module "unversioned" judged from a bundled model`], `judged as 5.x: the call sets "create_policy", which 6.x does not declare`)
	assert.Contains(t, why[`Module "either" judged from a bundled model`], "model of terraform-aws-modules/iam/aws//modules/iam-policy 6.x", "no upper bound: the newest release")
	assert.Contains(t, why[`Module "v5_create" not scanned`], `sets "create", which terraform-aws-modules/iam/aws//modules/iam-policy 5.x does not declare`)
	assert.Contains(t, why[`Module "v6_create_policy" not scanned`], `sets "create_policy", which terraform-aws-modules/iam/aws//modules/iam-policy 6.x does not declare`)
}

// TestBundledSQSModel: 4.x encrypts with SQS-managed keys by default,
// turns that setting off (null) when a KMS key is given, and its
// dead-letter queue takes the queue's key and setting unless the call
// gives its own.
func TestBundledSQSModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "plain" {
  source  = "terraform-aws-modules/sqs/aws"
  version = "~> 4.0"

  name                    = "plain"
  sqs_managed_sse_enabled = false
  create_dlq              = true
}

module "kms" {
  source            = "terraform-aws-modules/sqs/aws"
  version           = "4.2.0"
  name              = "kms"
  kms_master_key_id = "alias/jobs"
  create_dlq        = true
}

variable "key" {
  type = string
}

module "from_var" {
  source            = "terraform-aws-modules/sqs/aws"
  version           = ">= 4.0, < 5.0"
  name              = "from-var"
  kms_master_key_id = var.key
}

module "policy" {
  source              = "terraform-aws-modules/sqs/aws"
  version             = "~> 4.0"
  create_queue_policy = true
}

module "next" {
  source  = "terraform-aws-modules/sqs/aws"
  version = "~> 5.0"
}

module "unversioned" {
  source = "terraform-aws-modules/sqs/aws"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	plain := mustResource(t, res, "module.plain.aws_sqs_queue.this[0]")
	assert.False(t, plain.Attr("sqs_managed_sse_enabled").Val.True())
	assert.Equal(t, 7, plain.Attr("sqs_managed_sse_enabled").Range.StartLine, "at the caller's input")
	assert.Equal(t, "plain", str(t, plain.Attr("name")))
	dlq := mustResource(t, res, "module.plain.aws_sqs_queue.dlq[0]")
	assert.True(t, dlq.Attr("sqs_managed_sse_enabled").Val.True(), "the dead-letter queue's own default")
	assert.Equal(t, "plain-dlq", str(t, dlq.Attr("name")))
	kms := mustResource(t, res, "module.kms.aws_sqs_queue.this[0]")
	assert.Equal(t, "alias/jobs", str(t, kms.Attr("kms_master_key_id")))
	assert.True(t, kms.Attr("sqs_managed_sse_enabled").Val.IsNull(), "off with a KMS key")
	assert.Equal(t, "alias/jobs", str(t, mustResource(t, res, "module.kms.aws_sqs_queue.dlq[0]").Attr("kms_master_key_id")), "the queue's key")
	fromVar := mustResource(t, res, "module.from_var.aws_sqs_queue.this[0]")
	assert.False(t, fromVar.Attr("kms_master_key_id").Val.IsKnown(), "an unknown input stays unknown")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.from_var.aws_sqs_queue.dlq", "no dead-letter queue by default")
		for _, call := range []string{"module.policy.", "module.next.", "module.unversioned."} {
			assert.NotContains(t, addr, call, "not judged")
		}
	}
	assert.Contains(t, why[`Module "plain" judged from a bundled model`], "model of terraform-aws-modules/sqs/aws 4.x")
	assert.Contains(t, why[`Module "policy" not scanned`], "leaves out what create_queue_policy adds")
	assert.Contains(t, why[`Module "next" not scanned`], `covers versions 4.x only: version constraint "~> 5.0" selects a 5.x version`)
	assert.Contains(t, why[`Module "unversioned" not scanned`], "the call sets no version, so Terraform installs the module's newest release (5.x)")
}

// TestBundledSNSModel: 3.x–4.x passes its inputs to the topic as they
// are (no key by default, the call's own policy); a 3.x call that sets
// 4.1.0's Firehose feedback, a 5.x call and an unversioned call with only
// the name both majors declare are not judged, while an unversioned call
// that sets 3.x's policy was written for 3.x–4.x.
func TestBundledSNSModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "plain" {
  source  = "terraform-aws-modules/sns/aws"
  version = "~> 3.0"

  name_prefix = "alerts-"
}

module "kms" {
  source            = "terraform-aws-modules/sns/aws"
  version           = "4.1.0"
  name              = "kms"
  kms_master_key_id = "alias/alerts"
  fifo_topic        = true
}

variable "key" {
  type = string
}

module "from_var" {
  source            = "terraform-aws-modules/sns/aws"
  version           = ">= 3.0, < 5.0"
  name              = "from-var"
  kms_master_key_id = var.key
}

module "off" {
  source           = "terraform-aws-modules/sns/aws"
  version          = "~> 4.0"
  create_sns_topic = false
}

module "written_for_3" {
  source = "terraform-aws-modules/sns/aws"
  name   = "open"
  policy = "{}"
}

module "v3_firehose" {
  source                             = "terraform-aws-modules/sns/aws"
  version                            = "~> 3.0"
  firehose_failure_feedback_role_arn = "arn:aws:iam::111122223333:role/feedback"
}

module "next" {
  source  = "terraform-aws-modules/sns/aws"
  version = "~> 5.0"
}

module "unversioned" {
  source = "terraform-aws-modules/sns/aws"
  name   = "plain"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	plain := mustResource(t, res, "module.plain.aws_sns_topic.this[0]")
	assert.True(t, plain.Attr("kms_master_key_id").Val.IsNull(), "no key by default")
	assert.Equal(t, "alerts-", str(t, plain.Attr("name_prefix")))
	assert.Equal(t, 6, plain.Attr("name_prefix").Range.StartLine, "at the caller's input")
	kms := mustResource(t, res, "module.kms.aws_sns_topic.this[0]")
	assert.Equal(t, "alias/alerts", str(t, kms.Attr("kms_master_key_id")))
	assert.True(t, kms.Attr("fifo_topic").Val.True())
	fromVar := mustResource(t, res, "module.from_var.aws_sns_topic.this[0]")
	assert.False(t, fromVar.Attr("kms_master_key_id").Val.IsKnown(), "an unknown input stays unknown")
	assert.Equal(t, "{}", str(t, mustResource(t, res, "module.written_for_3.aws_sns_topic.this[0]").Attr("policy")))
	for _, addr := range addresses(res) {
		for _, call := range []string{"module.off.", "module.v3_firehose.", "module.next.", "module.unversioned."} {
			assert.NotContains(t, addr, call, "not judged")
		}
	}
	assert.Contains(t, why[`Module "plain" judged from a bundled model`], "model of terraform-aws-modules/sns/aws 3.x–4.x")
	assert.Contains(t, why[`Module "v3_firehose" not scanned`], `sets "firehose_failure_feedback_role_arn", which terraform-aws-modules/sns/aws 3.x does not declare`)
	assert.Contains(t, why[`Module "next" not scanned`], `covers versions 3.x–4.x only: version constraint "~> 5.0" selects a 5.x version`)
	assert.Contains(t, why[`Module "unversioned" not scanned`], "the call sets no version, so Terraform installs the module's newest release (5.x)")
}

// TestBundledS3ObjectModel: modules/object 5.x passes its inputs to the
// object as they are (no server-side encryption by default); a call that
// may select 4.x is not judged, and one without an upper bound is judged
// as the newest release, 5.x.
func TestBundledS3ObjectModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "plain" {
  source  = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version = "~> 5.0"

  bucket = "acme-reports"
  key    = "q4.pdf"
}

module "kms" {
  source                 = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version                = ">= 3.15"
  bucket                 = "acme-reports"
  key                    = "q3.pdf"
  server_side_encryption = "aws:kms"
  kms_key_id             = "alias/reports"
}

variable "key" {
  type = string
}

module "from_var" {
  source     = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version    = "5.2.0"
  bucket     = "acme-reports"
  key        = "q2.pdf"
  kms_key_id = var.key
}

module "off" {
  source  = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version = "~> 5.0"
  create  = false
}

module "v4" {
  source  = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version = "~> 4.0"
  bucket  = "acme-reports"
  key     = "q1.pdf"
}

module "other" {
  source  = "terraform-aws-modules/s3-bucket/aws//modules/notification"
  version = "~> 5.0"
  bucket  = "acme-reports"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	plain := mustResource(t, res, "module.plain.aws_s3_object.this[0]")
	assert.True(t, plain.Attr("server_side_encryption").Val.IsNull(), "no encryption by default")
	assert.Equal(t, "acme-reports", str(t, plain.Attr("bucket")))
	assert.Equal(t, 6, plain.Attr("bucket").Range.StartLine, "at the caller's input")
	kms := mustResource(t, res, "module.kms.aws_s3_object.this[0]")
	assert.Equal(t, "aws:kms", str(t, kms.Attr("server_side_encryption")))
	assert.Equal(t, "alias/reports", str(t, kms.Attr("kms_key_id")))
	fromVar := mustResource(t, res, "module.from_var.aws_s3_object.this[0]")
	assert.False(t, fromVar.Attr("kms_key_id").Val.IsKnown(), "an unknown input stays unknown")
	for _, addr := range addresses(res) {
		for _, call := range []string{"module.off.", "module.v4.", "module.other."} {
			assert.NotContains(t, addr, call, "not judged")
		}
	}
	assert.Contains(t, why[`Module "plain" judged from a bundled model`], "model of terraform-aws-modules/s3-bucket/aws//modules/object 5.x")
	assert.Contains(t, why[`Module "v4" not scanned`], `covers versions 5.x only: version constraint "~> 4.0" selects a 4.x version`)
	assert.Contains(t, why[`Module "other" not scanned`], "has no //modules/notification")
}

// TestBundledVPCEndpointsModel: modules/vpc-endpoints 6.x creates no
// security group unless asked; its rules are HTTPS ingress unless they
// say otherwise, each at the call's item; an interface endpoint takes
// the module's group, a gateway endpoint none. A call that may select
// 5.x is not judged.
func TestBundledVPCEndpointsModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 6.0"

  vpc_id                     = "vpc-1234"
  create_security_group      = true
  security_group_name_prefix = "endpoints-"
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
    kms = {
      service    = "kms"
      subnet_ids = ["subnet-1"]
    }
    s3 = {
      service         = "s3"
      service_type    = "Gateway"
      route_table_ids = ["rtb-1"]
      policy          = "{}"
    }
    skipped = {
      service = "sqs"
      create  = false
    }
  }
}

module "no_group" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "6.2.0"
  vpc_id  = "vpc-1234"
  endpoints = {
    kms = { service = "kms" }
  }
}

module "v5" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 5.0"
  vpc_id  = "vpc-1234"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	https := mustResource(t, res, `module.endpoints.aws_security_group_rule.this["ingress_https"]`)
	assert.Equal(t, "ingress", str(t, https.Attr("type")))
	assert.Equal(t, "tcp", str(t, https.Attr("protocol")))
	from, _ := https.Attr("from_port").Val.AsBigFloat().Int64()
	assert.Equal(t, int64(443), from, "HTTPS unless the rule says otherwise")
	assert.Equal(t, 10, https.Range.StartLine, "at the call's item")
	ssh := mustResource(t, res, `module.endpoints.aws_security_group_rule.this["ssh"]`)
	to, _ := ssh.Attr("to_port").Val.AsBigFloat().Int64()
	assert.Equal(t, int64(22), to)
	assert.Equal(t, 14, ssh.Range.StartLine, "at the call's item")
	group := mustResource(t, res, "module.endpoints.aws_security_group.this[0]")
	assert.Equal(t, "endpoints-", str(t, group.Attr("name_prefix")))
	kms := mustResource(t, res, `module.endpoints.aws_vpc_endpoint.this["kms"]`)
	assert.Equal(t, "Interface", str(t, kms.Attr("vpc_endpoint_type")))
	assert.False(t, kms.Attr("security_group_ids").Val.IsNull(), "the module's group")
	gateway := mustResource(t, res, `module.endpoints.aws_vpc_endpoint.this["s3"]`)
	assert.True(t, gateway.Attr("security_group_ids").Val.IsNull(), "a gateway endpoint has none")
	assert.Equal(t, "{}", str(t, gateway.Attr("policy")))
	noGroup := mustResource(t, res, `module.no_group.aws_vpc_endpoint.this["kms"]`)
	assert.True(t, noGroup.Attr("security_group_ids").Val.IsNull(), "no group unless asked")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, `this["skipped"]`, "create = false")
		assert.NotContains(t, addr, "module.no_group.aws_security_group", "no group unless asked")
		assert.NotContains(t, addr, "module.v5.", "not judged")
	}
	assert.Contains(t, why[`Module "endpoints" judged from a bundled model`], "model of terraform-aws-modules/vpc/aws//modules/vpc-endpoints 6.x")
	assert.Contains(t, why[`Module "v5" not scanned`], `covers versions 6.x only: version constraint "~> 5.0" selects a 5.x version`)
}

// TestBundledLambdaModel: the function takes the call's key, tracing and
// environment; its log group the retention and key; allowed_triggers
// become two permissions each, with the service's principal; a function
// URL has no authorization unless the call asks for it; the role trusts
// the Lambda service. A 3.x call that sets a 7.x input, a 9.x call and a
// call that attaches policy statements are not judged.
func TestBundledLambdaModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "plain" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 3.0"

  function_name = "plain"
  handler       = "index.handler"
  runtime       = "python3.12"
}

variable "key" {
  type = string
}

module "full" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 8.0"

  function_name                     = "full"
  kms_key_arn                       = var.key
  tracing_mode                      = "Active"
  environment_variables             = { STAGE = "prod" }
  cloudwatch_logs_retention_in_days = 30
  cloudwatch_logs_kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234"
  create_lambda_function_url        = true
  allowed_triggers = {
    events = {
      service    = "events"
      source_arn = "arn:aws:events:eu-west-1:111122223333:rule/nightly"
    }
  }
}

module "edge" {
  source         = "terraform-aws-modules/lambda/aws"
  version        = ">= 3.0, < 9.0"
  function_name  = "edge"
  lambda_at_edge = true
  create_role    = true
}

module "layer_only" {
  source       = "terraform-aws-modules/lambda/aws"
  version      = "~> 7.0"
  create_layer = true
  layer_name   = "deps"
}

module "v3_logging" {
  source            = "terraform-aws-modules/lambda/aws"
  version           = "~> 3.0"
  function_name     = "old"
  logging_log_group = "/custom"
}

module "next" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 9.0"
}

module "statements" {
  source                   = "terraform-aws-modules/lambda/aws"
  version                  = "~> 8.0"
  function_name            = "statements"
  attach_policy_statements = true
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	plain := mustResource(t, res, "module.plain.aws_lambda_function.this[0]")
	assert.True(t, plain.Attr("kms_key_arn").Val.IsNull(), "no key by default")
	assert.Empty(t, plain.Blocks("tracing_config"), "no tracing by default")
	assert.Empty(t, plain.Blocks("environment"), "no environment by default")
	plainLogs := mustResource(t, res, "module.plain.aws_cloudwatch_log_group.lambda[0]")
	assert.Equal(t, "/aws/lambda/plain", str(t, plainLogs.Attr("name")))
	assert.True(t, plainLogs.Attr("retention_in_days").Val.IsNull(), "no retention by default")
	assert.True(t, plainLogs.Attr("kms_key_id").Val.IsNull(), "no key by default")
	assert.Contains(t, str(t, mustResource(t, res, "module.plain.aws_iam_role.lambda[0]").Attr("assume_role_policy")), `"Service":["lambda.amazonaws.com"]`)

	full := mustResource(t, res, "module.full.aws_lambda_function.this[0]")
	assert.False(t, full.Attr("kms_key_arn").Val.IsKnown(), "an unknown input stays unknown")
	assert.Equal(t, 20, full.Attr("kms_key_arn").Range.StartLine, "at the caller's input")
	require.Len(t, full.Blocks("tracing_config"), 1)
	assert.Equal(t, "Active", str(t, full.Blocks("tracing_config")[0].Attr("mode")))
	require.Len(t, full.Blocks("environment"), 1)
	logs := mustResource(t, res, "module.full.aws_cloudwatch_log_group.lambda[0]")
	assert.Equal(t, int64(30), mustInt(t, logs.Attr("retention_in_days")))
	assert.Equal(t, "arn:aws:kms:eu-west-1:111122223333:key/1234", str(t, logs.Attr("kms_key_id")))
	assert.Equal(t, "NONE", str(t, mustResource(t, res, "module.full.aws_lambda_function_url.this[0]").Attr("authorization_type")), "the module's default")
	for _, perm := range []string{"current_version_triggers", "unqualified_alias_triggers"} {
		p := mustResource(t, res, `module.full.aws_lambda_permission.`+perm+`["events"]`)
		assert.Equal(t, "events.amazonaws.com", str(t, p.Attr("principal")))
		assert.Equal(t, "lambda:InvokeFunction", str(t, p.Attr("action")))
		assert.Equal(t, "arn:aws:events:eu-west-1:111122223333:rule/nightly", str(t, p.Attr("source_arn")))
	}
	assert.Contains(t, str(t, mustResource(t, res, "module.edge.aws_iam_role.lambda[0]").Attr("assume_role_policy")), `"edgelambda.amazonaws.com"`)
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.layer_only.", "a layer call creates no function")
		for _, call := range []string{"module.v3_logging.", "module.next.", "module.statements."} {
			assert.NotContains(t, addr, call, "not judged")
		}
	}
	assert.Contains(t, why[`Module "plain" judged from a bundled model`], "model of terraform-aws-modules/lambda/aws 3.x–8.x")
	assert.Contains(t, why[`Module "v3_logging" not scanned`], `sets "logging_log_group", which terraform-aws-modules/lambda/aws 3.x does not declare`)
	assert.Contains(t, why[`Module "next" not scanned`], `covers versions 3.x–8.x only: version constraint "~> 9.0" selects a 9.x version`)
	assert.Contains(t, why[`Module "statements" not scanned`], "leaves out what attach_policy_statements adds")
}

// TestBundledIAMAssumableRoleModel: the trust policy requires MFA by
// default and names the trusted ARNs; without MFA it carries the external
// IDs; the call's own trust policy is used when create_custom_role_trust_policy
// says so, and is unknown when the call sets it alone (5.x releases differ
// there); AdministratorAccess is attached when asked for. A 4.x call, a
// call that may install 6.x and one with inline statements are not judged.
func TestBundledIAMAssumableRoleModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "mfa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.28.0"

  create_role         = true
  role_name           = "admin"
  trusted_role_arns   = ["arn:aws:iam::444455556666:root"]
  attach_admin_policy = true
}

module "external" {
  source              = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version             = "~> 5.0"
  create_role         = true
  role_name           = "vendor"
  role_requires_mfa   = false
  trusted_role_arns   = ["arn:aws:iam::444455556666:root"]
  role_sts_externalid = "vendor-id"
}

module "custom" {
  source                          = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version                         = "~> 5.0"
  create_role                     = true
  role_name                       = "custom"
  create_custom_role_trust_policy = true
  custom_role_trust_policy        = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  custom_role_policy_arns         = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

module "custom_alone" {
  source                   = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version                  = "~> 5.28.0"
  create_role              = true
  role_name                = "alone"
  role_requires_mfa        = false
  custom_role_trust_policy = "{}"
}

module "off" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"
}

module "v4" {
  source      = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version     = "~> 4.0"
  create_role = true
}

module "unversioned" {
  source      = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  create_role = true
}

module "inline" {
  source                   = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version                  = "~> 5.0"
  create_role              = true
  role_name                = "inline"
  inline_policy_statements = [{ actions = ["*"], resources = ["*"] }]
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	// The document's json is the rule catalogue's to compute (see the
	// scan test); here its statement is read.
	conditions := func(call string) []string {
		doc := mustResource(t, res, "module."+call+".data.aws_iam_policy_document.trust[0]")
		require.Len(t, doc.Blocks("statement"), 1)
		var vars []string
		for _, c := range doc.Blocks("statement")[0].Blocks("condition") {
			vars = append(vars, str(t, c.Attr("variable")))
		}
		return vars
	}
	assert.Equal(t, []string{"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"}, conditions("mfa"), "MFA by default")
	mfa := mustResource(t, res, "module.mfa.data.aws_iam_policy_document.trust[0]").Blocks("statement")[0]
	assert.Equal(t, []string{"sts:AssumeRole", "sts:TagSession"}, strList(t, mfa.Attr("actions")), "the module's default actions")
	require.Len(t, mfa.Blocks("principals"), 1)
	assert.Equal(t, []string{"arn:aws:iam::444455556666:root"}, strList(t, mfa.Blocks("principals")[0].Attr("identifiers")))
	assert.Equal(t, "arn:aws:iam::aws:policy/AdministratorAccess",
		str(t, mustResource(t, res, "module.mfa.aws_iam_role_policy_attachment.admin[0]").Attr("policy_arn")))
	assert.Equal(t, []string{"sts:ExternalId"}, conditions("external"), "no MFA, the external ID")
	custom := mustResource(t, res, "module.custom.aws_iam_role.this[0]")
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":[]}`, str(t, custom.Attr("assume_role_policy")))
	assert.Equal(t, "arn:aws:iam::aws:policy/ReadOnlyAccess",
		str(t, mustResource(t, res, "module.custom.aws_iam_role_policy_attachment.custom[0]").Attr("policy_arn")))
	assert.False(t, mustResource(t, res, "module.custom_alone.aws_iam_role.this[0]").Attr("assume_role_policy").Val.IsKnown(),
		"5.x releases differ on a custom trust policy set alone")
	for _, addr := range addresses(res) {
		for _, call := range []string{"module.off.", "module.v4.", "module.unversioned.", "module.inline."} {
			assert.NotContains(t, addr, call, "not judged, or nothing created")
		}
	}
	assert.Contains(t, why[`Module "mfa" judged from a bundled model`], "model of terraform-aws-modules/iam/aws//modules/iam-assumable-role 5.x")
	assert.Contains(t, why[`Module "v4" not scanned`], `covers versions 5.x only: version constraint "~> 4.0" selects a 4.x version`)
	assert.Contains(t, why[`Module "unversioned" not scanned`], "the call sets no version, so Terraform installs the module's newest release (6.x)")
	assert.Contains(t, why[`Module "inline" not scanned`], "leaves out what inline_policy_statements adds")
}

// TestBundledKeyPairModel: the key pair takes the call's public key, or
// the public half of the private key the module generates; a 2.x call
// that sets 3.x's region and a call that may install a later major are
// not judged.
func TestBundledKeyPairModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "imported" {
  source     = "terraform-aws-modules/key-pair/aws"
  version    = "~> 2.0"
  key_name   = "deployer"
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample deployer"
}

module "generated" {
  source             = "terraform-aws-modules/key-pair/aws"
  version            = "~> 3.0"
  key_name_prefix    = "nodes"
  create_private_key = true
}

module "v2_region" {
  source   = "terraform-aws-modules/key-pair/aws"
  version  = "~> 2.0"
  key_name = "x"
  region   = "eu-west-1"
}

module "next" {
  source  = "terraform-aws-modules/key-pair/aws"
  version = "~> 4.0"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	imported := mustResource(t, res, "module.imported.aws_key_pair.this[0]")
	assert.Equal(t, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample deployer", str(t, imported.Attr("public_key")))
	assert.Equal(t, 6, imported.Attr("public_key").Range.StartLine, "at the caller's input")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.imported.tls_private_key", "no private key unless asked for")
	}
	generated := mustResource(t, res, "module.generated.aws_key_pair.this[0]")
	assert.False(t, generated.Attr("public_key").Val.IsKnown(), "the generated key is known after apply")
	key := mustResource(t, res, "module.generated.tls_private_key.this[0]")
	assert.Equal(t, "RSA", str(t, key.Attr("algorithm")))
	assert.Equal(t, int64(4096), mustInt(t, key.Attr("rsa_bits")))
	for _, addr := range addresses(res) {
		for _, call := range []string{"module.v2_region.", "module.next."} {
			assert.NotContains(t, addr, call, "not judged")
		}
	}
	assert.Contains(t, why[`Module "imported" judged from a bundled model`], "model of terraform-aws-modules/key-pair/aws 2.x–3.x")
	assert.Contains(t, why[`Module "v2_region" not scanned`], `sets "region", which terraform-aws-modules/key-pair/aws 2.x does not declare`)
	assert.Contains(t, why[`Module "next" not scanned`], `covers versions 2.x–3.x only: version constraint "~> 4.0" selects a 4.x version`)
}

// TestBundledEKSPodIdentityModel: the role trusts the Pod Identity
// service; the VPC CNI policy holds the IPv4 statement when asked for;
// policies by ARN are attached; a call with another of the module's
// policies, a 2.x call and a call that sets a later 1.x input are not
// judged.
func TestBundledEKSPodIdentityModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "cni" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 1.6"

  name                      = "aws-vpc-cni-ipv4"
  attach_aws_vpc_cni_policy = true
  aws_vpc_cni_enable_ipv4   = true
  additional_policy_arns    = { ro = "arn:aws:iam::aws:policy/ReadOnlyAccess" }
}

module "ebs" {
  source                    = "terraform-aws-modules/eks-pod-identity/aws"
  version                   = "~> 1.6"
  name                      = "ebs"
  attach_aws_ebs_csi_policy = true
}

module "v2" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"
  name    = "v2"
}

module "associations" {
  source       = "terraform-aws-modules/eks-pod-identity/aws"
  version      = "~> 1.6"
  name         = "assoc"
  associations = {}
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	role := mustResource(t, res, "module.cni.aws_iam_role.this[0]")
	assert.Contains(t, str(t, role.Attr("assume_role_policy")), `"Service":"pods.eks.amazonaws.com"`)
	assert.Equal(t, "aws-vpc-cni-ipv4-", str(t, role.Attr("name_prefix")))
	doc := mustResource(t, res, "module.cni.data.aws_iam_policy_document.vpc_cni[0]")
	require.Len(t, doc.Blocks("statement"), 2, "the tagging statement and the IPv4 one")
	assert.Contains(t, strList(t, doc.Blocks("statement")[1].Attr("actions")), "ec2:CreateNetworkInterface")
	assert.Equal(t, "arn:aws:iam::aws:policy/ReadOnlyAccess",
		str(t, mustResource(t, res, `module.cni.aws_iam_role_policy_attachment.this["ro"]`).Attr("policy_arn")))
	mustResource(t, res, "module.cni.aws_iam_role_policy_attachment.vpc_cni[0]")
	for _, addr := range addresses(res) {
		for _, call := range []string{"module.ebs.", "module.v2.", "module.associations."} {
			assert.NotContains(t, addr, call, "not judged")
		}
	}
	assert.Contains(t, why[`Module "cni" judged from a bundled model`], "model of terraform-aws-modules/eks-pod-identity/aws 1.x")
	assert.Contains(t, why[`Module "ebs" not scanned`], "leaves out what attach_aws_ebs_csi_policy adds")
	assert.Contains(t, why[`Module "v2" not scanned`], `covers versions 1.x only: version constraint "~> 2.0" selects a 2.x version`)
	assert.Contains(t, why[`Module "associations" not scanned`], `sets "associations", which terraform-aws-modules/eks-pod-identity/aws 1.x does not declare`)
}

// TestBundledS3BucketModelWAFLogDelivery: attach_waf_log_delivery_policy
// gives the bucket a policy of the module's two log delivery statements,
// alone or merged with the TLS deny and the call's own policy.
func TestBundledS3BucketModelWAFLogDelivery(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "waf_logs" {
  source                         = "terraform-aws-modules/s3-bucket/aws"
  version                        = "~> 5.0"
  bucket_prefix                  = "waf-"
  attach_waf_log_delivery_policy = true
}

module "all" {
  source                                = "terraform-aws-modules/s3-bucket/aws"
  version                               = "~> 5.0"
  bucket                                = "all"
  attach_waf_log_delivery_policy        = true
  attach_deny_insecure_transport_policy = true
  attach_policy                         = true
  policy                                = "{}"
}
`)}})
	why := diagnosticDetails(t, res) // and no error
	doc := mustResource(t, res, "module.waf_logs.data.aws_iam_policy_document.waf_log_delivery[0]")
	require.Len(t, doc.Blocks("statement"), 2)
	write := doc.Blocks("statement")[0]
	assert.Equal(t, []string{"s3:PutObject"}, strList(t, write.Attr("actions")))
	require.Len(t, write.Blocks("principals"), 1)
	assert.Equal(t, []string{"delivery.logs.amazonaws.com"}, strList(t, write.Blocks("principals")[0].Attr("identifiers")))
	assert.Len(t, write.Blocks("condition"), 3, "the ACL, the source account and the source ARN")
	mustResource(t, res, "module.waf_logs.aws_s3_bucket_policy.this[0]")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.waf_logs.data.aws_iam_policy_document.combined", "one document is taken as it is")
	}
	combined := mustResource(t, res, "module.all.data.aws_iam_policy_document.combined[0]")
	assert.Equal(t, 3, combined.Attr("source_policy_documents").Val.LengthInt(), "the TLS deny, the call's policy and the log delivery")
	assert.Contains(t, why[`Module "waf_logs" judged from a bundled model`], "model of terraform-aws-modules/s3-bucket/aws 4.x–5.x")
}

// TestBundledIndexReadsEveryBlock checks that the index collect builds
// from a model variant's declarations is the one its files' blocks give
// when parsed again: the declarations hold every local value and resource
// of the files, with their syntax trees.
func TestBundledIndexReadsEveryBlock(t *testing.T) {
	forEachBundledVariant(t, func(model *bundledModel, name string, m *moduleConfig) {
		parsed := &moduleConfig{}
		for file, data := range m.bundledFiles {
			f, diags := hclsyntax.ParseConfig(data, file, hcl.InitialPos)
			require.False(t, diags.HasErrors(), diags.Error())
			for _, b := range f.Body.(*hclsyntax.Body).Blocks {
				switch b.Type {
				case "locals":
					for n, a := range b.Body.Attributes {
						parsed.locals = append(parsed.locals, &localDecl{name: n, expr: a.Expr})
					}
				case "resource", "data":
					mode := "managed"
					if b.Type == "data" {
						mode = "data"
					}
					parsed.resources = append(parsed.resources, &resourceDecl{
						mode: mode, typ: b.Labels[0], name: b.Labels[1], body: b.Body, defRange: b.DefRange(),
					})
				}
			}
		}
		want := collect(parsed)
		// The label model creates nothing (its outputs are what callers
		// read), so it has no argument to index.
		if len(parsed.resources) > 0 {
			require.NotEmpty(t, want.inputs, "%s %q", model.source, name)
		}
		assert.Equal(t, want, collect(m), "%s %q", model.source, name)
	})
}

// TestBundledEKSModel checks the eks model against the module's main.tf
// and node_groups.tf: secrets encrypted under the key the module creates,
// the three control-plane log types, a private endpoint, a 90-day log
// group without a key, and the node group's rules (EKS's own and the
// recommended ones, with all egress).
func TestBundledEKSModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  name       = "main"
  vpc_id     = "vpc-1"
  subnet_ids = ["subnet-1", "subnet-2"]
}

variable "cidrs" {
  type = list(string)
}

module "public" {
  source                       = "terraform-aws-modules/eks/aws"
  version                      = "21.3.1"
  name                         = "public"
  endpoint_public_access       = true
  endpoint_public_access_cidrs = var.cidrs
  security_group_additional_rules = {
    vpn = { from_port = 443, to_port = 443, cidr_blocks = ["0.0.0.0/0"] }
  }
  create_node_security_group = false
  eks_managed_node_groups    = {}
}

module "hardened" {
  source                                 = "terraform-aws-modules/eks/aws"
  version                                = "~> 21.0"
  name                                   = "hardened"
  enabled_log_types                      = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  create_kms_key                         = false
  encryption_config                      = { provider_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234" }
  cloudwatch_log_group_retention_in_days = 365
  cloudwatch_log_group_kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234"
  compute_config                         = { enabled = true, node_pools = ["general-purpose"] }
}

module "outposts" {
  source         = "terraform-aws-modules/eks/aws"
  version        = "~> 21.0"
  outpost_config = { outpost_arns = ["arn:aws:outposts:eu-west-1:111122223333:outpost/op-1"] }
}

module "nodes" {
  source                  = "terraform-aws-modules/eks/aws"
  version                 = "~> 21.0"
  eks_managed_node_groups = { default = { instance_types = ["m6i.large"] } }
}

module "v20" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"
}

module "open" {
  source  = "terraform-aws-modules/eks/aws"
  version = ">= 22.0"
}

module "off" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"
  create  = false
}

resource "aws_security_group_rule" "to_nodes" {
  type                     = "ingress"
  security_group_id        = module.eks.node_security_group_id
  source_security_group_id = module.eks.cluster_security_group_id
  from_port                = 443
  to_port                  = 443
  protocol                 = "tcp"
  description              = "${module.eks.cluster_name} ${module.eks.cluster_endpoint} ${module.eks.oidc_provider_arn}"
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	cluster := mustResource(t, res, "module.eks.aws_eks_cluster.this[0]")
	assert.Equal(t, []string{"audit", "api", "authenticator"}, strList(t, cluster.Attr("enabled_cluster_log_types")), "the module's default log types")
	assert.Equal(t, 2, cluster.Attr("enabled_cluster_log_types").Range.StartLine, "a default points at the module block")
	assert.Equal(t, "main.tf", cluster.Attr("enabled_cluster_log_types").Range.Filename)
	vpc := cluster.FirstBlock("vpc_config")
	require.NotNil(t, vpc)
	assert.False(t, vpc.Attr("endpoint_public_access").Val.True(), "the module's default: private endpoint only")
	assert.True(t, vpc.Attr("endpoint_private_access").Val.True())
	enc := cluster.Blocks("encryption_config")
	require.Len(t, enc, 1, "the module encrypts secrets by default")
	assert.Equal(t, []string{"secrets"}, strList(t, enc[0].Attr("resources")))
	require.NotNil(t, enc[0].FirstBlock("provider"))
	assert.Contains(t, enc[0].FirstBlock("provider").Attr("key_arn").Refs, "module.eks.aws_kms_key.this[0]", "under the key the module creates")
	key := mustResource(t, res, "module.eks.aws_kms_key.this[0]")
	assert.True(t, key.Attr("enable_key_rotation").Val.True())
	assert.False(t, key.Attr("policy").Val.IsKnown(), "the kms module's generated policy is not modelled")
	logs := mustResource(t, res, "module.eks.aws_cloudwatch_log_group.this[0]")
	assert.Equal(t, int64(90), mustInt(t, logs.Attr("retention_in_days")))
	assert.False(t, logs.Attr("kms_key_id").IsSet())
	egress := mustResource(t, res, `module.eks.aws_security_group_rule.node["egress_all"]`)
	assert.Equal(t, []string{"0.0.0.0/0"}, strList(t, egress.Attr("cidr_blocks")))
	assert.Equal(t, "egress", str(t, egress.Attr("type")))
	kubelet := mustResource(t, res, `module.eks.aws_security_group_rule.node["ingress_cluster_kubelet"]`)
	assert.Contains(t, kubelet.Attr("source_security_group_id").Refs, "module.eks.aws_security_group.cluster[0]")
	mustResource(t, res, `module.eks.aws_security_group_rule.cluster["ingress_nodes_443"]`)
	mustResource(t, res, "module.eks.aws_iam_role.this[0]")
	mustResource(t, res, `module.eks.aws_iam_role_policy_attachment.this["AmazonEKSClusterPolicy"]`)
	mustResource(t, res, "module.eks.aws_iam_policy.cluster_encryption[0]")
	mustResource(t, res, "module.eks.aws_iam_openid_connect_provider.oidc_provider[0]")

	// What the caller reads of the module: the name is known, what AWS
	// assigns is not.
	rule := mustResource(t, res, "aws_security_group_rule.to_nodes")
	assert.Contains(t, rule.Attr("security_group_id").Refs, "module.eks.aws_security_group.node[0]")
	assert.Contains(t, rule.Attr("source_security_group_id").Refs, "module.eks.aws_security_group.cluster[0]")
	assert.False(t, rule.Attr("description").Val.IsKnown())

	public := mustResource(t, res, "module.public.aws_eks_cluster.this[0]").FirstBlock("vpc_config")
	require.NotNil(t, public)
	assert.True(t, public.Attr("endpoint_public_access").Val.True())
	assert.Equal(t, 19, public.Attr("endpoint_public_access").Range.StartLine, "at the caller's input")
	assert.False(t, public.Attr("public_access_cidrs").Val.IsKnown(), "an unknown input stays unknown")
	assert.Equal(t, 20, public.Attr("public_access_cidrs").Range.StartLine)
	vpn := mustResource(t, res, `module.public.aws_security_group_rule.cluster["vpn"]`)
	assert.Equal(t, []string{"0.0.0.0/0"}, strList(t, vpn.Attr("cidr_blocks")))
	assert.Equal(t, "tcp", str(t, vpn.Attr("protocol")), "the input's optional default")
	assert.Equal(t, "ingress", str(t, vpn.Attr("type")))
	assert.Equal(t, 22, vpn.Range.StartLine, "the instance points at its item of the input")
	assert.Equal(t, 22, vpn.Attr("cidr_blocks").Range.StartLine, "and so do its arguments")

	hardened := mustResource(t, res, "module.hardened.aws_eks_cluster.this[0]")
	assert.Len(t, strList(t, hardened.Attr("enabled_cluster_log_types")), 5)
	hEnc := hardened.Blocks("encryption_config")
	require.Len(t, hEnc, 1)
	assert.Equal(t, "arn:aws:kms:eu-west-1:111122223333:key/1234", str(t, hEnc[0].FirstBlock("provider").Attr("key_arn")))
	assert.Equal(t, []string{"secrets"}, strList(t, hEnc[0].Attr("resources")), "the input's optional default")
	hLogs := mustResource(t, res, "module.hardened.aws_cloudwatch_log_group.this[0]")
	assert.Equal(t, int64(365), mustInt(t, hLogs.Attr("retention_in_days")))
	assert.Equal(t, 36, hLogs.Attr("kms_key_id").Range.StartLine)
	mustResource(t, res, "module.hardened.aws_iam_role.eks_auto[0]")
	mustResource(t, res, `module.hardened.aws_iam_role_policy_attachment.this["AmazonEKSComputePolicy"]`)
	mustResource(t, res, "module.hardened.aws_iam_policy.custom[0]")

	assert.Empty(t, mustResource(t, res, "module.outposts.aws_eks_cluster.this[0]").Blocks("encryption_config"), "Outposts clusters take no encryption")
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.eks.aws_iam_role.eks_auto", "no Auto Mode role without Auto Mode")
		assert.NotContains(t, addr, "module.public.aws_security_group.node", "no node group when the call says so")
		assert.NotContains(t, addr, `module.public.aws_security_group_rule.cluster["ingress_nodes_443"]`, "nor the cluster's rule from it")
		assert.NotContains(t, addr, "module.hardened.aws_kms_key", "no key when the call brings its own")
		assert.NotContains(t, addr, "module.outposts.aws_kms_key", "no key on Outposts")
		assert.NotContains(t, addr, "module.nodes.", "node groups are not modelled: not judged without them")
		assert.NotContains(t, addr, "module.v20.", "20.x is not modelled: not judged")
		assert.NotContains(t, addr, "module.open.", "a constraint above the newest known release: not judged")
		assert.NotContains(t, addr, "module.off.", "create = false creates nothing")
	}
	why := diagnosticDetails(t, res)
	assert.Contains(t, why[`Module "nodes" not scanned`], "leaves out what eks_managed_node_groups adds")
	assert.Contains(t, why[`Module "v20" not scanned`], `covers versions 21.x only: version constraint "~> 20.0" selects a 20.x version`)
	assert.Contains(t, why[`Module "open" not scanned`], `admits only versions above 21.x, the newest release the scanner knows of`)
	assert.NotContains(t, why, `Module "public" not scanned`, "an empty node group map adds nothing")
}

// TestBundledModelsKnowTheNewestRelease: a model without its module's
// newest major would judge an unversioned call as version 0.
func TestBundledModelsKnowTheNewestRelease(t *testing.T) {
	for _, m := range bundledModels {
		assert.GreaterOrEqual(t, m.newest, m.maxMajor, m.name())
	}
	// A model that covers the newest release judges a call without a
	// version, or without an upper bound, as that release.
	s3 := bundledModels[slices.IndexFunc(bundledModels, func(m *bundledModel) bool { return m.source == "terraform-aws-modules/s3-bucket/aws" })]
	for _, c := range []string{"", ">= 4.0", "~> 5"} {
		ok, why := s3.admits(c, nil)
		assert.True(t, ok, "%q: %s", c, why)
	}
	ok, why := s3.admits(">= 6.0", nil)
	assert.False(t, ok)
	assert.Contains(t, why, "admits only versions above 5.x, the newest release the scanner knows of")
}

// TestBundledModelRefusesAnUndeclaredInput: Terraform rejects an argument
// the module does not declare, so a call that sets one was written for
// another version (6.x's create on dynamodb-table) or misspells an input:
// it is not judged from the model, and the reason names the input.
func TestBundledModelRefusesAnUndeclaredInput(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "v6_style" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 5.0"
  name    = "orders"
  create  = false
}

module "typo" {
  source     = "terraform-aws-modules/s3-bucket/aws"
  version    = "~> 5.0"
  bucket     = "logs"
  versionning = { enabled = true }
}

module "root_with_preset_input" {
  source             = "terraform-aws-modules/security-group/aws"
  version            = "~> 5.0"
  auto_ingress_rules = ["ssh-tcp"]
}

# computed_ingress_cidr_blocks is declared in the variables.tf the model's
# variants share, so only presetOnly keeps it from the root module.
module "root_with_shared_preset_input" {
  source                       = "terraform-aws-modules/security-group/aws"
  version                      = "~> 5.0"
  computed_ingress_cidr_blocks = ["10.0.0.0/8"]
}

module "preset_with_root_input" {
  source              = "terraform-aws-modules/security-group/aws//modules/ssh"
  version             = "~> 5.0"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  rules               = { ssh-tcp = [2222, 2222, "tcp", "SSH"] }
}

module "preset" {
  source                      = "terraform-aws-modules/security-group/aws//modules/ssh"
  version                     = "~> 5.0"
  ingress_cidr_blocks         = ["0.0.0.0/0"]
  computed_ingress_cidr_blocks = ["10.0.0.0/8"]
}
`)}})
	why := diagnosticDetails(t, res)
	for _, addr := range addresses(res) {
		for _, call := range []string{"v6_style", "typo", "root_with_preset_input", "root_with_shared_preset_input", "preset_with_root_input"} {
			assert.False(t, strings.HasPrefix(addr, "module."+call+"."), "%s is not judged", addr)
		}
	}
	assert.Contains(t, why[`Module "v6_style" not scanned`],
		`The call sets "create", which terraform-aws-modules/dynamodb-table/aws 5.x does not declare: it is written for another version of the module, or misspells an input`)
	assert.Contains(t, why[`Module "typo" not scanned`], `The call sets "versionning", which terraform-aws-modules/s3-bucket/aws 4.x–5.x does not declare`)
	assert.Contains(t, why[`Module "root_with_preset_input" not scanned`], `The call sets "auto_ingress_rules", which terraform-aws-modules/security-group/aws 4.x–5.x does not declare`)
	assert.Contains(t, why[`Module "root_with_shared_preset_input" not scanned`], `The call sets "computed_ingress_cidr_blocks", which terraform-aws-modules/security-group/aws 4.x–5.x does not declare`)
	assert.Contains(t, why[`Module "preset_with_root_input" not scanned`], `The call sets "rules", which terraform-aws-modules/security-group/aws//modules/ssh 4.x–5.x does not declare`)
	// An input only the wrappers declare is the wrapper's own.
	assert.Contains(t, why, `Module "preset" judged from a bundled model`)
	mustResource(t, res, "module.preset.aws_security_group_rule.ingress_rules[0]")
}

// TestBundledIAMAccountModel: the iam-account submodule's password policy
// is judged from its model, with the module's defaults where the call sets
// nothing; 5.x and the alias-only call (no policy) are not judged.
func TestBundledIAMAccountModel(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "account" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-account"
  version = "~> 6.0"

  account_alias = "acme"
}

variable "length" {
  type = number
}

module "strict" {
  source                    = "terraform-aws-modules/iam/aws//modules/iam-account"
  account_alias             = "acme-prod"
  minimum_password_length   = var.length
  password_reuse_prevention = 24
}

module "alias_only" {
  source                         = "terraform-aws-modules/iam/aws//modules/iam-account"
  version                        = "6.1.0"
  account_alias                  = "acme-dev"
  create_account_password_policy = false
}

module "v5" {
  source              = "terraform-aws-modules/iam/aws//modules/iam-account"
  version             = "~> 5.0"
  account_alias       = "acme-old"
  get_caller_identity = false
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	policy := mustResource(t, res, "module.account.aws_iam_account_password_policy.this[0]")
	assert.Equal(t, int64(8), mustInt(t, policy.Attr("minimum_password_length")), "the module's default")
	assert.Equal(t, 2, policy.Attr("minimum_password_length").Range.StartLine, "a default points at the module block")
	assert.False(t, policy.Attr("password_reuse_prevention").IsSet(), "the module's default (null)")
	assert.True(t, policy.Attr("require_symbols").Val.True())
	assert.Equal(t, "main.tf", policy.Range.Filename)

	strict := mustResource(t, res, "module.strict.aws_iam_account_password_policy.this[0]")
	assert.False(t, strict.Attr("minimum_password_length").Val.IsKnown(), "an unknown input stays unknown")
	assert.Equal(t, 16, strict.Attr("minimum_password_length").Range.StartLine, "at the caller's input")
	assert.Equal(t, int64(24), mustInt(t, strict.Attr("password_reuse_prevention")))
	assert.Equal(t, 17, strict.Attr("password_reuse_prevention").Range.StartLine)

	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "module.alias_only.", "no password policy")
		assert.NotContains(t, addr, "module.v4.", "4.x is not modelled: not judged")
	}
	why := diagnosticDetails(t, res)
	assert.Contains(t, why[`Module "account" judged from a bundled model`], "model of terraform-aws-modules/iam/aws//modules/iam-account 6.x")
	assert.Contains(t, why[`Module "strict" judged from a bundled model`], "(no version constraint: the newest release, 6.x)")
	assert.Contains(t, why[`Module "v5" not scanned`],
		`bundled model of terraform-aws-modules/iam/aws//modules/iam-account covers versions 6.x only: version constraint "~> 5.0" selects a 5.x version`)
}

// TestBundledModelJudgesACallTheNewestReleaseWouldReject: a call whose
// constraint admits the newest release, outside the model, is judged from
// the model when it sets an input that release does not declare
// (Terraform would reject it there, so it was written for the modelled
// versions), and the warning names that input; a call that sets only
// inputs both declare stays not scanned.
func TestBundledModelJudgesACallTheNewestReleaseWouldReject(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "web" {
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

module "unbounded" {
  source              = "terraform-aws-modules/security-group/aws//modules/ssh"
  version             = ">= 4.0"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

module "only_v6" {
  source              = "terraform-aws-modules/security-group/aws//modules/ssh"
  version             = ">= 6.0"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

module "table" {
  source       = "terraform-aws-modules/dynamodb-table/aws"
  create_table = true
  name         = "orders"
  hash_key     = "id"
}

module "plain_table" {
  source   = "terraform-aws-modules/dynamodb-table/aws"
  name     = "orders"
  hash_key = "id"
}
`)}})
	why := diagnosticDetails(t, res)
	web := mustResource(t, res, "module.web.aws_security_group_rule.ingress_rules[0]")
	assert.Equal(t, 5, web.Attr("cidr_blocks").Range.StartLine, "at the call's input")
	mustResource(t, res, "module.bastion.aws_security_group_rule.ingress_rules[0]")
	mustResource(t, res, "module.unbounded.aws_security_group_rule.ingress_rules[0]")
	mustResource(t, res, "module.table.aws_dynamodb_table.this[0]")
	for _, addr := range addresses(res) {
		for _, call := range []string{"shared", "only_v6", "plain_table"} {
			assert.False(t, strings.HasPrefix(addr, "module."+call+"."), "%s is not judged", addr)
		}
	}
	assert.Contains(t, why[`Module "web" judged from a bundled model`],
		`(no version constraint; judged as 4.x–5.x: the call sets "ingress_cidr_blocks", which 6.x does not declare)`)
	// ingress_rules comes first, but 6.x declares it too.
	assert.Contains(t, why[`Module "bastion" judged from a bundled model`], `the call sets "ingress_cidr_blocks", which 6.x does not declare`)
	assert.Contains(t, why[`Module "unbounded" judged from a bundled model`],
		`(version ">= 4.0"; judged as 4.x–5.x: the call sets "ingress_cidr_blocks", which 6.x does not declare)`)
	assert.Contains(t, why[`Module "table" judged from a bundled model`], `judged as 5.x: the call sets "create_table", which 6.x does not declare`)
	assert.Contains(t, why[`Module "shared" not scanned`], `the call sets no version, so Terraform installs the module's newest release (6.x)`)
	assert.Contains(t, why[`Module "only_v6" not scanned`], `version constraint ">= 6.0" has no upper bound, so Terraform installs the module's newest release (6.x)`)
	assert.Contains(t, why[`Module "plain_table" not scanned`], `the call sets no version, so Terraform installs the module's newest release (6.x)`)
}

// TestBundledEKSModelKeysWhatItLeavesOut: access entries, add-ons and
// identity providers are left out of the model but a scanned call still
// creates them; the outputs that list them must have their keys, with
// values unknown before apply, so that a caller's for_each over them is
// not judged as creating nothing.
func TestBundledEKSModelKeysWhatItLeavesOut(t *testing.T) {
	res := loadMain(t, fstest.MapFS{"main.tf": {Data: []byte(`
module "eks" {
  source                                   = "terraform-aws-modules/eks/aws"
  version                                  = "~> 21.0"
  name                                     = "main"
  enable_cluster_creator_admin_permissions = true
  access_entries = {
    ops = {
      principal_arn       = "arn:aws:iam::111122223333:role/ops"
      policy_associations = { view = { policy_arn = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy" } }
    }
  }
  addons             = { vpc-cni = {} }
  identity_providers = { sso = { client_id = "c", issuer_url = "https://sso.example.com" } }
}

module "plain" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"
  name    = "plain"
}

resource "aws_ssm_parameter" "entry" {
  for_each = module.eks.access_entries
  name     = each.key
  type     = "String"
  value    = each.value.access_entry_arn
}

resource "aws_ssm_parameter" "association" {
  for_each = module.eks.access_policy_associations
  name     = each.key
  type     = "String"
  value    = "x"
}

resource "aws_ssm_parameter" "addon" {
  for_each = merge(module.eks.cluster_addons, module.eks.cluster_identity_providers)
  name     = each.key
  type     = "String"
  value    = "x"
}

resource "aws_ssm_parameter" "plain" {
  for_each = merge(module.plain.access_entries, module.plain.cluster_addons)
  name     = each.key
  type     = "String"
  value    = "x"
}
`)}})
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	for _, addr := range []string{
		`aws_ssm_parameter.entry["cluster_creator"]`, `aws_ssm_parameter.entry["ops"]`,
		`aws_ssm_parameter.association["cluster_creator_admin"]`, `aws_ssm_parameter.association["ops_view"]`,
		`aws_ssm_parameter.addon["vpc-cni"]`, `aws_ssm_parameter.addon["sso"]`,
	} {
		p := mustResource(t, res, addr)
		if strings.HasPrefix(addr, "aws_ssm_parameter.entry") {
			assert.False(t, p.Attr("value").Val.IsKnown(), "%s: what AWS assigns is unknown", addr)
		}
	}
	for _, addr := range addresses(res) {
		assert.NotContains(t, addr, "aws_ssm_parameter.plain", "a call that asks for none has none")
	}
}

// TestBundledModelsAreInTheREADME: the README is where a user learns which
// registry calls are judged without terraform init, for which versions,
// and which inputs keep a call not scanned; a model or an input it leaves
// out that the README does not name is a call the user cannot predict.
func TestBundledModelsAreInTheREADME(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	// The README wraps lines; compare on single spaces.
	readme := strings.Join(strings.Fields(string(data)), " ")
	for _, m := range bundledModels {
		// assert.True rather than Contains: the README is too long to print.
		assert.True(t, strings.Contains(readme, "`"+m.name()+"`"), "the README names %s", m.name())
		short := strings.Split(m.source, "/")[1]
		assert.True(t, strings.Contains(readme, short+" "+m.versions()), "the README gives %s's versions", m.name())
		for _, in := range m.unmodelled {
			assert.True(t, strings.Contains(readme, "`"+in+"`"), "the README names %s's %s, which keeps a call not scanned", m.name(), in)
		}
	}
}
