package loader

import (
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

func TestFunctions(t *testing.T) {
	res := loadFixture(t, "functions", Options{})
	tags := mustResource(t, res, "aws_ssm_parameter.f").Attr("tags")
	require.True(t, tags.Present)
	want := map[string]string{
		"jsonencode":   `{"a":"x","b":[1,2]}`,
		"lookup":       "default",
		"lookup2":      "1",
		"coalesce":     "second",
		"concat":       "a,b,c",
		"flatten":      "3",
		"format":       "id-007",
		"split":        "b",
		"toset":        "2",
		"tomap":        "b",
		"tolist":       "x",
		"tostring":     "5",
		"tonumber":     "43",
		"tobool":       "true",
		"contains":     "true",
		"distinct":     "web,db",
		"compact":      "a,b",
		"lower":        "abc",
		"upper":        "ABC",
		"replace":      "a_b_c",
		"replace_re":   "abc#",
		"substr":       "ell",
		"trimspace":    "x",
		"startswith":   "true",
		"endswith":     "false",
		"regex":        "kms",
		"regexall":     "2",
		"range":        "0,1,2",
		"zipmap":       "v",
		"setunion":     "2",
		"sort":         "a,b",
		"reverse":      "b,a",
		"slice":        "b,c",
		"abs":          "3",
		"min":          "1",
		"max":          "3",
		"ceil":         "2",
		"floor":        "1",
		"cidrsubnet":   "10.1.240.0/20",
		"cidrhost":     "10.1.2.5",
		"cidrnetmask":  "255.240.0.0",
		"cidrsubnets":  "10.0.0.0/20,10.0.16.0/20,10.0.32.0/24",
		"base64":       "hello",
		"sha256":       "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
		"md5":          "0cc175b9c0f1b6a831c399e269772661",
		"element":      "b",
		"keys":         "a,b",
		"values":       "2,1",
		"merge":        "3",
		"try":          "fallback",
		"can":          "false",
		"file":         "35",
		"templatefile": "arn:aws:s3:::b",
		"one":          "only",
		"alltrue":      "true",
		"anytrue":      "true",
		"sum":          "6",
		"index":        "1",
		"length_str":   "5",
		"strcontains":  "true",
		"sensitive":    "s",
	}
	for k, v := range want {
		if !assert.True(t, tags.Index(k).IsKnown(), k) {
			continue
		}
		assert.Equal(t, v, str(t, tags.Index(k)), k)
	}
	// Functions a scanner cannot compute, unknown functions and
	// provider-defined functions are unknown, and do not spoil the rest.
	for _, k := range []string{"timestamp", "uuid", "provider_fn", "unknown_fn", "partial", "escape"} {
		assert.True(t, tags.Index(k).IsUnknown(), k)
	}
	// try() falls back from a call to a function that does not exist, as
	// Terraform's does.
	assert.Equal(t, "fallback", str(t, tags.Index("try_unknown")))

	more := mustResource(t, res, "aws_ssm_parameter.g").Attr("tags")
	for k, v := range map[string]string{
		"uuidv5":         "a5008fae-b28c-5ba5-96cd-82b4c53552d6",
		"timecmp":        "-1",
		"filesha256":     "46b56588fb4f5b2695a1226d6e366902b84232d624fffd921a0d1f591ff79a42",
		"fileset":        "templates/policy.json.tftpl",
		"templatestring": "hi x",
	} {
		if assert.True(t, more.Index(k).IsKnown(), k) {
			assert.Equal(t, v, str(t, more.Index(k)), k)
		}
	}

	// A function Terraform does not have is an error, as in Terraform;
	// reading outside the scanned tree is refused. Both are reported where
	// they happen.
	errs := errorsOf(res)
	require.Len(t, errs, 2)
	assert.Equal(t, "Call to unknown function", errs[0].Summary)
	assert.Equal(t, "functions/main.tf", errs[0].Range.Filename)
	assert.Equal(t, 76, errs[0].Range.StartLine)
	assert.Equal(t, 20, errs[0].Range.StartColumn)
	assert.Equal(t, "File outside the scanned directory", errs[1].Summary)
	assert.Equal(t, "functions/main.tf", errs[1].Range.Filename)
	assert.Equal(t, 79, errs[1].Range.StartLine)
	assert.Contains(t, errs[1].Detail, "../../../../../etc/passwd")
}

func TestCIDRFunctions(t *testing.T) {
	s, err := cidrSubnet("fd00:fd12:3456:7890::/56", 16, 162)
	require.NoError(t, err)
	assert.Equal(t, "fd00:fd12:3456:7800:a200::/72", s)
	_, err = cidrSubnet("10.0.0.0/30", 4, 0)
	assert.Error(t, err)
	h, err := cidrHost("10.12.112.0/20", -2)
	require.NoError(t, err)
	assert.Equal(t, "10.12.127.254", h)
	subnets, err := cidrSubnets("10.1.0.0/16", []int64{4, 4, 8, 4})
	require.NoError(t, err)
	assert.Equal(t, []string{"10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"}, subnets)
	_, err = cidrSubnets("10.0.0.0/30", []int64{1, 1, 1})
	assert.Error(t, err)
}

func TestEveryConstructParses(t *testing.T) {
	res := loadFixture(t, "constructs", Options{})
	assert.Empty(t, res.Diagnostics)
	assert.Equal(t, []string{
		"aws_iam_policy.p",
		"aws_kms_key.k[0]",
		"aws_s3_bucket.b",
		"data.aws_caller_identity.current",
		"data.aws_iam_policy_document.p",
	}, addresses(res), "check-block data sources, ephemeral resources and import/moved/removed blocks are not resources")

	b := mustResource(t, res, "aws_s3_bucket.b")
	assert.Equal(t, "old-a", str(t, b.Attr("bucket")), "legacy quoted type constraints")
	assert.True(t, b.Attr("force_destroy").IsUnknown(), "provider-defined function")
	for _, meta := range []string{"depends_on", "count", "for_each", "provider", "provisioner", "connection"} {
		assert.False(t, b.Attr(meta).Present, meta)
		assert.Empty(t, b.Blocks(meta), meta)
	}
	lc := b.FirstBlock("lifecycle")
	require.NotNil(t, lc)
	assert.True(t, lc.Attr("prevent_destroy").IsTrue())
	assert.True(t, lc.Attr("create_before_destroy").IsFalse())
	assert.Equal(t, "all", str(t, lc.Attr("ignore_changes")))
	assert.Equal(t, 78, lc.Range.StartLine)

	doc := mustResource(t, res, "data.aws_iam_policy_document.p")
	assert.Equal(t, "data", doc.Mode)
	policy := mustResource(t, res, "aws_iam_policy.p").Attr("policy")
	assert.Equal(t, []string{"data.aws_iam_policy_document.p"}, policy.Refs)
	assert.True(t, policy.IsUnknown(), "the loader computes no data source of its own")

	account := mustResource(t, res, "data.aws_caller_identity.current")
	assert.Empty(t, account.AttrNames())
}

func TestParseErrorsAreLocated(t *testing.T) {
	res := loadFixture(t, "parse_errors", Options{})
	assert.Equal(t, []string{"aws_s3_bucket.good"}, addresses(res), "the good file still loads")
	errs := errorsOf(res)
	byFile := map[string]scanner.Diagnostic{}
	for _, d := range errs {
		if _, ok := byFile[d.Range.Filename]; !ok {
			byFile[d.Range.Filename] = d // the first error of each file
		}
	}
	require.Len(t, byFile, 2, "%v", errs)
	hclErr := byFile["parse_errors/broken.tf"]
	assert.Equal(t, 2, hclErr.Range.StartLine)
	assert.Equal(t, 26, hclErr.Range.StartColumn)
	assert.Equal(t, "Invalid multi-line string", hclErr.Summary)
	assert.True(t, strings.HasPrefix(hclErr.Error(), "parse_errors/broken.tf:2:26: Invalid multi-line string: "), hclErr.Error())
	jsonErr := byFile["parse_errors/broken.tf.json"]
	assert.Equal(t, 4, jsonErr.Range.StartLine)
	assert.Positive(t, jsonErr.Range.StartColumn)
	assert.Contains(t, res.Files, "parse_errors/broken.tf", "broken files are kept for excerpts")
}

func TestJSONConfiguration(t *testing.T) {
	res := loadFixture(t, "jsonconfig", Options{})
	assert.Empty(t, res.Diagnostics)
	assert.Equal(t, []string{
		"aws_kms_key.k",
		"aws_s3_bucket.b[0]",
		"aws_s3_bucket.b[1]",
		"aws_s3_bucket_server_side_encryption_configuration.b",
	}, addresses(res))
	b := mustResource(t, res, "aws_s3_bucket.b[1]")
	assert.Equal(t, "logs-bucket", str(t, b.Attr("bucket")))
	assert.False(t, b.Attr("count").Present)
	assert.True(t, b.FirstBlock("lifecycle").Attr("prevent_destroy").IsTrue())
	sse := mustResource(t, res, "aws_s3_bucket_server_side_encryption_configuration.b")
	assert.Equal(t, "aws:kms", str(t, sse.Get("rule", "apply_server_side_encryption_by_default", "sse_algorithm")))
	key := sse.Get("rule", "apply_server_side_encryption_by_default", "kms_master_key_id")
	assert.True(t, key.IsUnknown())
	assert.Contains(t, key.Refs, "aws_kms_key.k")
	assert.Equal(t, []string{"aws_s3_bucket.b[0]"}, sse.Attr("bucket").Refs)
	assert.Equal(t, "jsonconfig/main.tf.json", sse.Range.Filename)
}

func TestUnknownFunctionStub(t *testing.T) {
	f := unknownFunc(cty.String)
	v, err := f.Call([]cty.Value{cty.StringVal("a"), cty.NullVal(cty.Number)})
	require.NoError(t, err)
	assert.False(t, v.IsKnown())
	assert.Equal(t, cty.String, v.Type())
}

// File functions keep what they read, glob and parse for the whole load;
// what they return must still depend on each call's own arguments.
func TestFileFunctionsCachedPerCall(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
module "m" {
  source   = "./mod"
  for_each = toset(["a", "b"])
  name     = each.key
}

resource "aws_ssm_parameter" "root" {
  files   = join(",", fileset("mod/lib", "*.tpl"))
  missing = fileset("nowhere", "*")
}
`)},
		"mod/main.tf": {Data: []byte(`
variable "name" {}

resource "aws_ssm_parameter" "p" {
  files  = join(",", fileset("${path.module}/lib", "*.tpl"))
  render = templatefile("${path.module}/lib/x.tpl", { name = var.name })
}
`)},
		"mod/lib/x.tpl": {Data: []byte(`hello ${name}`)},
	}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	for _, k := range []string{"a", "b"} {
		p := mustResource(t, res, `module.m["`+k+`"].aws_ssm_parameter.p`)
		assert.Equal(t, "hello "+k, str(t, p.Attr("render")), "rendered with this instance's variables")
		assert.Equal(t, "x.tpl", str(t, p.Attr("files")))
	}
	root := mustResource(t, res, "aws_ssm_parameter.root")
	assert.Equal(t, "x.tpl", str(t, root.Attr("files")), "the same directory globbed from another base path")
	assert.True(t, root.Attr("missing").IsUnknown())
}

// A template without interpolations is read as its text, as parsing it
// would give.
func TestLiteralTemplateMatchesParsed(t *testing.T) {
	for _, src := range []string{"", "plain {\"a\": [1, 2]}\r\n", "100% $ sign\n", "é\u0301 combining\n"} {
		require.True(t, isLiteralTemplate([]byte(src)), src)
		expr, diags := hclsyntax.ParseTemplate([]byte(src), "t", hcl.InitialPos)
		require.False(t, diags.HasErrors())
		want, diags := expr.Value(nil)
		require.False(t, diags.HasErrors())
		ev := &evaluator{files: &fileCache{}}
		lit := ev.parseTemplate([]byte(src), "t", "t")
		require.NoError(t, lit.err)
		got, diags := lit.expr.Value(nil)
		require.False(t, diags.HasErrors())
		assert.True(t, want.RawEquals(got), "%q: parsed %#v, literal %#v", src, want, got)
	}
	for _, src := range []string{"${x}", "$${x}", "%{ if true }a%{ endif }", "%%{x}", "\xff"} {
		assert.False(t, isLiteralTemplate([]byte(src)), src)
	}
}
