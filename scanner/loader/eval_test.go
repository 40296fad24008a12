package loader

import (
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestExpansionAddresses(t *testing.T) {
	res := loadFixture(t, "expansion", Options{})
	assert.Empty(t, errorsOf(res))
	assert.Equal(t, []string{
		"aws_ebs_snapshot.all[0]",
		"aws_ebs_snapshot.all[1]",
		"aws_ebs_snapshot.all[2]",
		"aws_ebs_snapshot.first",
		"aws_ebs_snapshot.maybe",
		"aws_ebs_snapshot.sizes",
		"aws_ebs_volume.data[0]",
		"aws_ebs_volume.data[1]",
		"aws_ebs_volume.data[2]",
		`aws_iam_user.people["alice@example.com"]`,
		"aws_instance.maybe",
		`aws_route_table_association.zone["us-east-1a"]`,
		`aws_route_table_association.zone["us-east-1b"]`,
		`aws_subnet.zone["us-east-1a"]`,
		`aws_subnet.zone["us-east-1b"]`,
		`aws_vpc_security_group_ingress_rule.app["https"]`,
		`aws_vpc_security_group_ingress_rule.app["ssh"]`,
	}, addresses(res))

	vol1 := mustResource(t, res, "aws_ebs_volume.data[1]")
	assert.True(t, vol1.Attr("encrypted").IsFalse())
	size, ok := vol1.Attr("size").AsInt()
	require.True(t, ok)
	assert.Equal(t, int64(11), size)

	ssh := mustResource(t, res, `aws_vpc_security_group_ingress_rule.app["ssh"]`)
	assert.Equal(t, "10.0.0.0/8", str(t, ssh.Attr("cidr_ipv4")), "optional() default applied")
	assert.Equal(t, "allow ssh", str(t, ssh.Attr("description")))
	https := mustResource(t, res, `aws_vpc_security_group_ingress_rule.app["https"]`)
	assert.Equal(t, "0.0.0.0/0", str(t, https.Attr("cidr_ipv4")))

	assert.Equal(t, "10.0.1.0/24", str(t, mustResource(t, res, `aws_subnet.zone["us-east-1b"]`).Attr("cidr_block")))

	// count from an unknown value: one representative instance, with the
	// values that depend on count.index unknown.
	maybe := mustResource(t, res, "aws_instance.maybe")
	assert.True(t, maybe.Attr("ami").IsUnknown())
	snap := mustResource(t, res, "aws_ebs_snapshot.maybe")
	assert.Equal(t, []string{"aws_instance.maybe"}, snap.Attr("volume_id").Refs, "a keyed reference to the unkeyed instance names it")
	found, _ := scanner.NewIndex(res.Resources).Referrers(maybe, "aws_ebs_snapshot", []string{"volume_id"})
	assert.Equal(t, []*scanner.Resource{snap}, found)

	// for_each over a resource: each.value leads to the same key.
	assoc := mustResource(t, res, `aws_route_table_association.zone["us-east-1b"]`)
	assert.True(t, assoc.Attr("subnet_id").IsUnknown())
	assert.Equal(t, []string{`aws_subnet.zone["us-east-1b"]`}, assoc.Attr("subnet_id").Refs)

	assert.Equal(t, []string{"aws_ebs_volume.data[0]"}, mustResource(t, res, "aws_ebs_snapshot.first").Attr("volume_id").Refs)
	// An index computed from count.index names the instance.
	assert.Equal(t, []string{"aws_ebs_volume.data[2]"}, mustResource(t, res, "aws_ebs_snapshot.all[2]").Attr("volume_id").Refs)
	ix := scanner.NewIndex(res.Resources)
	assert.Len(t, ix.Resolve(mustResource(t, res, "aws_ebs_snapshot.all[2]").Attr("volume_id")), 1)
	// A splat refers to every instance.
	assert.Equal(t, "10,11,12", str(t, mustResource(t, res, "aws_ebs_snapshot.sizes").Attr("description")))
	assert.Equal(t, []string{"aws_ebs_volume.data"}, mustResource(t, res, "aws_ebs_snapshot.sizes").Attr("description").Refs)
	assert.Len(t, ix.Resolve(mustResource(t, res, "aws_ebs_snapshot.sizes").Attr("description")), 3)
}

func TestDynamicBlocks(t *testing.T) {
	res := loadFixture(t, "dynamic", Options{})
	assert.Empty(t, errorsOf(res))
	sg := mustResource(t, res, "aws_security_group.web")
	ingress := sg.Blocks("ingress")
	require.Len(t, ingress, 2)
	assert.Equal(t, "rule 0", str(t, ingress[0].Attr("description")))
	cidrs, ok := ingress[1].Attr("cidr_blocks").AsStrings()
	require.True(t, ok)
	assert.Equal(t, []string{"0.0.0.0/0", "::/0"}, cidrs)
	// Generated blocks point at the dynamic block; their arguments at the
	// content's arguments.
	assert.Equal(t, 15, ingress[0].Range.StartLine)
	assert.Equal(t, 21, ingress[1].Attr("cidr_blocks").Range.StartLine)
	assert.Equal(t, "dynamic/main.tf", ingress[1].Attr("cidr_blocks").Range.Filename)

	assert.Empty(t, sg.Blocks("egress"))
	assert.True(t, sg.BlocksUnknown("egress"), "dynamic over an unknown list")
	assert.False(t, sg.BlocksUnknown("ingress"))

	acl := mustResource(t, res, "aws_wafv2_web_acl.acl")
	rules := acl.Blocks("rule")
	require.Len(t, rules, 2)
	assert.Equal(t, "block", str(t, rules[0].Attr("name")))
	stmts := rules[1].Blocks("statement")
	require.Len(t, stmts, 2, "nested dynamic block")
	codes, ok := stmts[1].FirstBlock("geo_match_statement").Attr("country_codes").AsStrings()
	require.True(t, ok)
	assert.Equal(t, []string{"CA"}, codes)
}

func TestUnknownPropagation(t *testing.T) {
	res := loadFixture(t, "unknowns", Options{})
	assert.Empty(t, errorsOf(res))
	assert.True(t, mustResource(t, res, "aws_s3_bucket.b").Attr("bucket").IsUnknown(), "unset variable")

	db := mustResource(t, res, "aws_db_instance.db")
	kms := db.Attr("kms_key_id")
	assert.True(t, kms.IsUnknown(), "ARN is only known after apply")
	assert.True(t, kms.IsSet(), "an unknown ARN is still set")
	assert.Equal(t, []string{"aws_kms_key.k"}, kms.Refs)
	assert.True(t, db.Attr("storage_encrypted").IsUnknown())
	assert.False(t, db.Attr("storage_encrypted").IsTrue())
	assert.False(t, db.Attr("storage_encrypted").IsFalse())
	assert.True(t, db.Attr("multi_az").IsUnknown(), "conditional on an unknown")
	assert.True(t, db.Attr("engine").IsUnknown(), "unconfigured attribute of another resource")
	assert.Equal(t, "key", str(t, db.Attr("username")), "configured attribute of another resource")
	tags := db.Attr("tags")
	assert.True(t, tags.IsUnknown(), "partly unknown")
	assert.Equal(t, "yes", str(t, tags.Index("Known")))
	assert.True(t, tags.Index("Bucket").IsUnknown())
	assert.True(t, db.Attr("backup_retention_period").IsUnknown())
	assert.False(t, db.Attr("password").Present)
}

func TestPartlyKnownJSONKeepsItsStructure(t *testing.T) {
	res := loadFixture(t, "unknowns", Options{})
	require.Empty(t, errorsOf(res))

	policy := mustResource(t, res, "aws_s3_bucket_policy.partly_known").Attr("policy")
	assert.True(t, policy.IsUnknown(), "the JSON text is only known after apply")
	_, isString := policy.AsString()
	assert.False(t, isString)
	stmt := policy.Index("Statement").Index(0)
	assert.Equal(t, "Allow", str(t, stmt.Index("Effect")), "known parts stay readable")
	assert.Equal(t, "*", str(t, stmt.Index("Principal")))
	assert.True(t, stmt.Index("Resource").IsUnknown())
	assert.ElementsMatch(t, []string{"aws_kms_key.k"}, policy.Refs)

	known := mustResource(t, res, "aws_s3_bucket_policy.known").Attr("policy")
	assert.Equal(t, `{"Statement":[]}`, str(t, known), "a wholly known jsonencode stays a string")
}

func TestLocalsFixedPoint(t *testing.T) {
	res := loadFixture(t, "locals", Options{})
	errs := errorsOf(res)
	require.Len(t, errs, 1, "the cycle, which Terraform rejects")
	assert.Equal(t, "Cycle", errs[0].Summary)
	assert.Equal(t, 7, errs[0].Range.StartLine, "at the first local of the cycle")
	assert.Contains(t, errs[0].Detail, "local.loop1, local.loop2")
	topic := mustResource(t, res, "aws_sns_topic.t")
	assert.Equal(t, "A-b-c", str(t, topic.Attr("name")), "locals in any order")
	assert.Equal(t, "2-A", str(t, topic.Attr("display_name")))
	assert.True(t, topic.Attr("policy").IsUnknown(), "a cycle is unknown, not a crash")
}

func TestProviderRegions(t *testing.T) {
	res := loadFixture(t, "providers", Options{})
	assert.Empty(t, errorsOf(res))
	cases := []struct {
		addr, provider, region string
		unknown, absent        bool
	}{
		{addr: "aws_s3_bucket.primary", provider: "aws", region: "us-east-1"},
		{addr: "aws_s3_bucket.dr", provider: "aws.dr", region: "eu-west-1"},
		{addr: "aws_s3_bucket.later", provider: "aws.later", unknown: true},
		{addr: "aws_s3_bucket.pinned", provider: "aws", region: "ap-southeast-2"},
		{addr: "azurerm_resource_group.rg", provider: "azurerm", absent: true},
		{addr: "module.replica.aws_backup_vault.replica", provider: "aws.dr", region: "eu-west-1"},
		{addr: "module.replica.aws_backup_vault.source", provider: "aws", region: "us-east-1"},
		{addr: "module.inherit.aws_backup_vault.replica", provider: "aws", region: "us-east-1"},
		{addr: "module.inherit.aws_backup_vault.source", provider: "module.inherit.aws.primary", absent: true},
		{addr: "module.own.aws_sqs_queue.q", provider: "module.own.aws", region: "sa-east-1"},
	}
	for _, c := range cases {
		t.Run(c.addr, func(t *testing.T) {
			r := mustResource(t, res, c.addr)
			assert.Equal(t, c.provider, r.Provider)
			switch {
			case c.absent:
				assert.False(t, r.Region().Present)
				assert.Equal(t, r.Range, r.Region().Range)
			case c.unknown:
				assert.True(t, r.Region().IsUnknown())
			default:
				assert.Equal(t, c.region, str(t, r.Region()))
			}
		})
	}
	dr := mustResource(t, res, "aws_s3_bucket.dr")
	assert.Equal(t, scanner.Range{Filename: "providers/main.tf", StartLine: 15, StartColumn: 3, EndLine: 15, EndColumn: 23}, dr.Region().Range, "region points at the provider's argument")
}

func TestProviderDefaultTags(t *testing.T) {
	res := loadFixture(t, "default_tags", Options{})
	assert.Empty(t, errorsOf(res))
	tags := func(r *scanner.Resource) map[string]string {
		t.Helper()
		require.True(t, r.DefaultTags().Present)
		require.True(t, r.DefaultTags().Val.IsWhollyKnown())
		out := map[string]string{}
		for k, v := range r.DefaultTags().Val.AsValueMap() {
			out[k] = v.AsString()
		}
		return out
	}
	daily := map[string]string{"backup": "daily", "team": "data"}
	assert.Equal(t, daily, tags(mustResource(t, res, "aws_ebs_volume.default")), "locals and variables resolved")
	assert.Equal(t, daily, tags(mustResource(t, res, "module.inherited.aws_ebs_volume.v")), "a module inherits the default configuration")
	for _, addr := range []string{"aws_ebs_volume.bare", "module.passed.aws_ebs_volume.v"} {
		assert.False(t, mustResource(t, res, addr).DefaultTags().Present, "%s: its configuration has no default_tags", addr)
	}
	for _, addr := range []string{"aws_ebs_volume.later", "aws_ebs_volume.dyn"} {
		assert.True(t, mustResource(t, res, addr).DefaultTags().IsUnknown(), "%s: default tags only known after apply or from a dynamic block", addr)
	}
	def := mustResource(t, res, "aws_ebs_volume.default")
	assert.Equal(t, "default_tags/main.tf", def.DefaultTags().Range.Filename)
	assert.Equal(t, 16, def.DefaultTags().Range.StartLine, "points at the tags argument")
}

func TestVariablesPrecedence(t *testing.T) {
	opts := Options{
		VarFiles: []string{"testdata/tfvars/extra.tfvars"},
		Vars:     []string{"from_cli=cli", `list_cli=["a","b"]`, "number_cli=5"},
		Env:      []string{"TF_VAR_from_env=env", "TF_VAR_env_only=env", "TF_VAR_map_env={a=1}", "HOME=/root"},
	}
	res, err := LoadFS(t.Context(), osDirFS("."), "testdata/tfvars", opts)
	require.NoError(t, err)
	assert.Empty(t, errorsOf(res))
	tags := mustResource(t, res, "aws_sns_topic.t").Attr("tags")
	want := map[string]string{
		"default_only": "default",
		"env_only":     "env",
		"from_env":     "terraform.tfvars", // terraform.tfvars beats TF_VAR_
		"tfvars":       "terraform.tfvars.json",
		"tfvars_json":  "b.auto.tfvars.json",
		"auto":         "b.auto.tfvars.json", // later auto file wins
		"auto_a_only":  "a.auto.tfvars",
		"from_file":    "extra.tfvars", // --var-file beats auto files
		"from_cli":     "cli",          // --var beats everything
		"list_cli":     "a,b",
		"number_cli":   "5",
		"map_env":      "1",
		"unset":        "UNKNOWN",
	}
	for k, v := range want {
		got := tags.Index(k)
		if v == "UNKNOWN" {
			assert.True(t, got.IsUnknown(), k)
			continue
		}
		assert.Equal(t, v, str(t, got), k)
	}
	for _, f := range []string{"testdata/tfvars/terraform.tfvars", "testdata/tfvars/a.auto.tfvars", "testdata/tfvars/extra.tfvars"} {
		assert.Contains(t, res.Files, f)
	}
}

func TestVariablesInvalidCLI(t *testing.T) {
	res := loadFixture(t, "tfvars", Options{Vars: []string{"nonsense", "undeclared=1", `list_cli=[`}})
	var summaries []string
	for _, d := range res.Diagnostics {
		summaries = append(summaries, d.Severity+": "+d.Summary)
	}
	assert.Contains(t, summaries, "error: Invalid --var option")
	assert.Contains(t, summaries, "warning: Value for undeclared variable")
	assert.Contains(t, summaries, "error: Invalid value for --var list_cli")
}

func TestResourceValueRanges(t *testing.T) {
	res := loadFixture(t, "unknowns", Options{})
	db := mustResource(t, res, "aws_db_instance.db")
	assert.Equal(t, scanner.Range{Filename: "unknowns/main.tf", StartLine: 17, StartColumn: 1, EndLine: 17, EndColumn: 32}, db.Range)
	assert.Equal(t, scanner.Range{Filename: "unknowns/main.tf", StartLine: 19, StartColumn: 3, EndLine: 19, EndColumn: 40}, db.Attr("kms_key_id").Range)
	missing := db.Attr("deletion_protection")
	assert.False(t, missing.Present)
	assert.Equal(t, db.Range, missing.Range, "a missing argument points at the block")
	assert.Equal(t, cty.NilVal, missing.Val)
}

func TestComputedDataSources(t *testing.T) {
	// A data source in Options.DataSources gets the attributes its Compute
	// returns, from its evaluated arguments and its provider's region;
	// every other data source, and a managed resource of the same type,
	// keeps unknown attributes.
	echo := scanner.DataSource{Type: "x_echo", Compute: func(args *scanner.Block, region scanner.Value) map[string]cty.Value {
		in, ok := args.Attr("in").AsString()
		if !ok {
			return nil
		}
		return map[string]cty.Value{"out": cty.StringVal(in + "@" + region.StringOr("nowhere"))}
	}}
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
provider "x" {
  region = "eu-west-1"
}

variable "late" {
  type = string
}

data "x_echo" "known" {
  in = "a"
}

data "x_echo" "late" {
  in = var.late
}

data "x_other" "o" {
  in = "a"
}

resource "x_echo" "managed" {
  in = "a"
}

resource "x_use" "u" {
  known   = "${data.x_echo.known.out}!"
  late    = data.x_echo.late.out
  other   = data.x_other.o.out
  managed = x_echo.managed.out
}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{DataSources: []scanner.DataSource{echo}})
	require.NoError(t, err)
	u := mustResource(t, res, "x_use.u")
	assert.Equal(t, "a@eu-west-1!", str(t, u.Attr("known")))
	for _, name := range []string{"late", "other", "managed"} {
		assert.True(t, u.Attr(name).IsUnknown(), name)
	}

	res, err = LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	assert.True(t, mustResource(t, res, "x_use.u").Attr("known").IsUnknown(), "without Options.DataSources nothing is computed")
}

func TestInstancesOfUnknownCountMayNotExist(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
variable "enabled" {
  type = bool
}

resource "aws_db_instance" "maybe" {
  count = var.enabled ? 1 : 0
}

resource "aws_db_instance" "sure" {
  count = 2
}

module "maybe" {
  source = "./mod"
  count  = var.enabled ? 1 : 0
}

module "sure" {
  source = "./mod"
}
`)},
		"mod/main.tf": {Data: []byte(`
resource "aws_db_instance" "this" {}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	assert.True(t, mustResource(t, res, "aws_db_instance.maybe").MayNotExist)
	assert.False(t, mustResource(t, res, "aws_db_instance.sure[1]").MayNotExist)
	assert.True(t, mustResource(t, res, "module.maybe.aws_db_instance.this").MayNotExist, "inside a module call of unknown count")
	assert.False(t, mustResource(t, res, "module.sure.aws_db_instance.this").MayNotExist)
}

// The references of an expression are kept per root module; appending to
// them copies, so one caller's additions never reach the next.
func TestVariablesKeptAndCapped(t *testing.T) {
	expr, diags := hclsyntax.ParseExpression([]byte(`merge(local.a, { for k in var.b : k => module.c.d })`), "x.tf", hcl.InitialPos)
	require.False(t, diags.HasErrors(), "%v", diags)
	ev := &evaluator{}
	first := ev.variables(expr)
	require.Len(t, first, 3)
	grown := append(first, hcl.Traversal{hcl.TraverseRoot{Name: "extra"}})
	again := ev.variables(expr)
	assert.Len(t, again, 3)
	assert.Len(t, grown, 4)
	assert.Equal(t, expr.Variables(), again)
	assert.Same(t, &first[0], &again[0], "kept, not walked again")
}

// evalLocal's memo hits ask whether the expression compares before they
// walk the value; the answer is kept per expression and reports a
// comparison (isComparison) anywhere in it.
func TestHasComparisonKept(t *testing.T) {
	ev := &evaluator{}
	for src, want := range map[string]bool{
		`local.a == "x" ? 1 : 2`:          true,
		`[for k in var.b : k if k != ""]`: true,
		`merge(local.a, var.b)`:           false,
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
		require.False(t, diags.HasErrors(), "%v", diags)
		assert.Equal(t, want, ev.factsOf(expr, expr.Variables()).comparison, src)
		assert.Equal(t, want, ev.factsOf(expr, expr.Variables()).comparison, "%s, kept", src)
		assert.Equal(t, want, ev.facts[expr].comparison, src)
	}
	assert.Len(t, ev.facts, 3)
}
