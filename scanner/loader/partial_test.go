package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Text with a known prefix around an unknown part keeps the prefix, through
// locals, format() and policy documents, so rules can rule values out.
func TestPartlyKnownStringsKeepTheirPrefix(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "sa" {
  type = string
}

locals {
  member = "serviceAccount:${var.sa}"
}

resource "google_project_iam_member" "m" {
  project = "p"
  role    = "roles/viewer"
  member  = local.member
  group   = format("group:%s", var.sa)
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "arn:aws:s3:::${var.sa}/*"
    }]
  })
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	m := mustResource(t, res, "google_project_iam_member.m")
	assert.Equal(t, "serviceAccount:", m.Attr("member").KnownPrefix())
	assert.Equal(t, scanner.No, m.Attr("member").CanBe("allUsers", "allAuthenticatedUsers"))
	assert.Equal(t, scanner.No, m.Attr("group").CanBe("allUsers"))

	doc := mustResource(t, res, "aws_iam_policy.p").Attr("policy")
	require.True(t, doc.Val.Type().IsObjectType(), "a partly known jsonencode keeps its structure")
	stmt := doc.Val.GetAttr("Statement").Index(cty.NumberIntVal(0))
	assert.Equal(t, "arn:aws:s3:::", scanner.StringPrefix(stmt.GetAttr("Resource")))
	assert.Equal(t, scanner.No, scanner.StringCanBe(stmt.GetAttr("Resource"), "*"))
}

// format() keeps the known prefix past its first verb: the arguments before
// the unknown one are formatted, and a %s of an unknown argument adds that
// argument's own prefix.
func TestFormatKeepsPrefixPastItsFirstVerb(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "n" {
  type = string
}

locals {
  agent = format("service-%s@container-engine-robot.iam.gserviceaccount.com", var.n)
}

resource "google_project_iam_member" "m" {
  project = "p"
  role    = "roles/viewer"
  member  = format("serviceAccount:%s", local.agent)
  known   = format("%s-%03d:%s", "app", 7, var.n)
  percent = format("100%% %s", var.n)
  other   = format("%d:%s", var.n, "x")
  padded  = format("x-%5s", var.n)
  done    = format("%s-%d", "id", 7)
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	m := mustResource(t, res, "google_project_iam_member.m")
	assert.Equal(t, "serviceAccount:service-", m.Attr("member").KnownPrefix())
	assert.Equal(t, "app-007:", m.Attr("known").KnownPrefix())
	assert.Equal(t, "100% ", m.Attr("percent").KnownPrefix())
	assert.Equal(t, "", m.Attr("other").KnownPrefix())
	assert.Equal(t, "x-", m.Attr("padded").KnownPrefix())
	assert.Equal(t, "id-7", m.Attr("done").KnownPrefix())
	assert.True(t, m.Attr("done").IsKnown())
}

// A string only known after apply keeps the text it is known to end with:
// the known tail of a template, through a local and the branch of a known
// condition, the common tail of both branches of an unknown one.
func TestUnknownStringsKeepTheirKnownSuffix(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "n" {
  type = string
}

variable "email" {
  type    = string
  default = ""
}

variable "secret" {
  type      = string
  sensitive = true
}

locals {
  sa     = var.email == "" ? "${var.n}-compute@developer.gserviceaccount.com" : var.email
  either = var.n == "a" ? "${var.n}@a.example.com" : "${var.n}@b.example.com"
}

resource "google_project_iam_member" "m" {
  project = "p"
  role    = "roles/viewer"
  member  = "serviceAccount:${local.sa}"
  either  = local.either
  number  = "${var.n}-${7}"
  none    = "${var.n}"
  hidden  = "${var.n}${var.secret}"
  known   = "x-${7}"
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	m := mustResource(t, res, "google_project_iam_member.m")
	assert.Equal(t, "-compute@developer.gserviceaccount.com", m.Attr("member").KnownSuffix())
	assert.Equal(t, "serviceAccount:", m.Attr("member").KnownPrefix())
	assert.Equal(t, ".example.com", m.Attr("either").KnownSuffix())
	assert.Equal(t, "-7", m.Attr("number").KnownSuffix())
	assert.Equal(t, "", m.Attr("none").KnownSuffix())
	assert.Equal(t, "", m.Attr("hidden").KnownSuffix())
	assert.Equal(t, "", m.Attr("known").KnownSuffix())
}

// A template only known after apply keeps all the text before its first
// unknown part as its known prefix, not HCL's first 128 bytes cut at the
// first line break: written directly, in a local's object or tuple, or in
// a module input passed on through a sensitive variable.
func TestTemplatesKeepTheirWholeKnownPrefix(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "vault" {
  type = string
}

locals {
  ext = {
    ade = {
      settings = <<JSON
        {
          "EncryptionOperation": "EnableEncryption",
          "KeyVaultURL": "${var.vault}"
        }
      JSON
    }
  }
  list = ["x", "${"a"}\n  b: ${var.vault}"]
}

resource "azurerm_virtual_machine_extension" "direct" {
  settings = local.ext.ade.settings
  listed   = local.list[1]
  long     = "${join("", [for i in range(300) : "x"])}\n${var.vault}"
}

module "m" {
  source = "./m"
  extensions = {
    ade = { settings = "{\n  \"KeyVaultURL\": \"${var.vault}\"\n}" }
  }
}
`)},
		"root/m/main.tf": {Data: []byte(`
variable "extensions" {
  type      = map(object({ settings = string }))
  sensitive = true
}

resource "azurerm_virtual_machine_extension" "this" {
  for_each = toset(keys(nonsensitive(var.extensions)))
  settings = var.extensions[each.key].settings
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	direct := mustResource(t, res, "azurerm_virtual_machine_extension.direct")
	assert.Equal(t, "        {\n          \"EncryptionOperation\": \"EnableEncryption\",\n          \"KeyVaultURL\": \"",
		direct.Attr("settings").KnownPrefix())
	assert.Equal(t, "a\n  b: ", direct.Attr("listed").KnownPrefix())
	assert.Len(t, direct.Attr("long").KnownPrefix(), 301, "past HCL's 128 bytes")
	assert.False(t, direct.Attr("settings").IsKnown())
	m := mustResource(t, res, `module.m.azurerm_virtual_machine_extension.this["ade"]`)
	assert.Equal(t, "{\n  \"KeyVaultURL\": \"", m.Attr("settings").KnownPrefix())
	assert.True(t, m.Attr("settings").IsSensitive())
}

// A list literal keeps, per element that is a template only partly known,
// the text around and between its unknown parts.
func TestListElementsKeepTheirSkeletons(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "p" {
  type = string
}

variable "secret" {
  type      = string
  sensitive = true
}

resource "aws_thing" "t" {
  resources = ["arn:${var.p}:iam::${var.p}:role/*", "known", var.p, "x-${var.p}"]
  all_known = ["a", "b"]
  hidden    = ["arn:${var.secret}:iam::*:role/*", "x-${var.p}"]
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "aws_thing.t")
	assert.Equal(t, []string{"arn:\x00:iam::\x00:role/*", "", "", "x-\x00"}, r.Attr("resources").ElementSkeletons())
	assert.Nil(t, r.Attr("all_known").ElementSkeletons())
	assert.Nil(t, r.Attr("hidden").ElementSkeletons(), "a sensitive part hides the whole list's skeletons")
}

func TestListElementSkeletonsFollowLocals(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
variable "p" {
  type = string
}

locals {
  users = ["arn:${var.p}:iam::${var.p}:user/$${aws:username}"]
  group = "arn:${var.p}:autoscaling:${var.p}:${var.p}:autoScalingGroup:*:autoScalingGroupName/${var.p}"
}

resource "aws_thing" "t" {
  resources = local.users
  groups    = [local.group]
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "aws_thing.t")
	assert.Equal(t, []string{"arn:\x00:iam::\x00:user/${aws:username}"}, r.Attr("resources").ElementSkeletons())
	assert.Equal(t, []string{"arn:\x00:autoscaling:\x00:\x00:autoScalingGroup:*:autoScalingGroupName/\x00"}, r.Attr("groups").ElementSkeletons())
}
