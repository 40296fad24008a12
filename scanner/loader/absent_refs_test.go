package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A reference to an instance that does not exist (a resource or data
// source whose count is known to be 0, indexed [0]) lies in a branch
// Terraform never evaluates, here the for expression whose filter drops
// every element, as terraform-google-project-factory's project_services
// module does for the compute default service account. It must not be
// among the resources the value refers to; a count not known, or an index
// within the count, keeps the reference.
func TestRefsSkipInstancesThatDoNotExist(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "apis" {
  type    = list(string)
  default = ["healthcare.googleapis.com"]
}

variable "unknown_count" {
  type = number
}

locals {
  accounts = 1
  compute = contains(var.apis, "compute.googleapis.com")
}

resource "google_project_service_identity" "ids" {
  for_each = toset(var.apis)
  service  = each.value
}

data "google_compute_default_service_account" "default" {
  count = local.compute ? 1 : 0
}

data "google_compute_default_service_account" "maybe" {
  count = var.unknown_count
}

resource "google_service_account" "one" {
  count      = local.accounts
  account_id = "one"
}

locals {
  emails = merge(
    { for a in var.apis : a => { email = google_project_service_identity.ids[a].email } if a != "compute.googleapis.com" },
    { for a in var.apis : a => { email = data.google_compute_default_service_account.default[0].email } if a == "compute.googleapis.com" },
  )
}

resource "google_project_iam_member" "agents" {
  for_each = local.emails
  role     = "roles/viewer"
  member   = "serviceAccount:${each.value.email}"
}

resource "google_project_iam_member" "absent_managed" {
  role   = "roles/viewer"
  member = local.accounts > 1 ? google_service_account.one[1].email : google_service_account.one[0].email
}

resource "google_project_iam_member" "unknown_count" {
  role   = "roles/viewer"
  member = data.google_compute_default_service_account.maybe[0].email
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))

	agents := mustResource(t, res, `google_project_iam_member.agents["healthcare.googleapis.com"]`)
	assert.Equal(t, []string{"google_project_service_identity.ids"}, agents.Attr("member").Refs)

	managed := mustResource(t, res, "google_project_iam_member.absent_managed")
	assert.Equal(t, []string{"google_service_account.one[0]"}, managed.Attr("member").Refs)

	unknown := mustResource(t, res, "google_project_iam_member.unknown_count")
	assert.Equal(t, []string{"data.google_compute_default_service_account.maybe"}, unknown.Attr("member").Refs)
}

// An attribute read through an index that is an expression
// (`google_project_service_identity.ids[a].email`) is an attribute the
// resource's instances must carry: without it the read fails and the whole
// map it builds, keys included, is lost, so a for_each over it has no
// known keys.
func TestAttributeReadThroughComputedIndexIsKept(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
resource "google_project_service_identity" "ids" {
  for_each = toset(["healthcare.googleapis.com"])
  service  = each.value
}

data "google_compute_zones" "z" {
  count = 1
}

locals {
  emails = { for a in ["healthcare.googleapis.com"] : a => google_project_service_identity.ids[a].email }
  zones  = { for i in [0] : "z${i}" => data.google_compute_zones.z[i].names }
}

resource "google_project_iam_member" "agents" {
  for_each = local.emails
  role     = "roles/viewer"
  member   = "serviceAccount:${each.value}"
}

resource "google_compute_instance" "vm" {
  for_each = local.zones
  zone     = each.value[0]
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	agents := mustResource(t, res, `google_project_iam_member.agents["healthcare.googleapis.com"]`)
	assert.Equal(t, "serviceAccount:", agents.Attr("member").KnownPrefix())
	mustResource(t, res, `google_compute_instance.vm["z0"]`)
}

// A reference to a managed resource the module does not declare, as peer
// tools' snippets write kms_key_id = aws_kms_key.k.arn without the key,
// keeps its address among the value's Refs (so its type is known) while
// validation still reports it; Resolve finds nothing for it. A declared
// resource and a variable read alongside it are unaffected.
func TestRefsKeepUndeclaredManagedResources(t *testing.T) {
	fsys := fstest.MapFS{
		"root/main.tf": {Data: []byte(`
variable "key" {
  type = string
}

resource "aws_kms_key" "declared" {}

resource "aws_sqs_queue" "undeclared" {
  kms_master_key_id = aws_kms_key.missing.arn
}

resource "aws_sqs_queue" "declared" {
  kms_master_key_id = aws_kms_key.declared.arn
}

resource "aws_sqs_queue" "variable" {
  kms_master_key_id = var.key
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	require.Len(t, errorsOf(res), 1, "the undeclared reference is still reported")
	assert.Contains(t, errorsOf(res)[0].Summary, "undeclared resource")

	undeclared := mustResource(t, res, "aws_sqs_queue.undeclared").Attr("kms_master_key_id")
	assert.Equal(t, []string{"aws_kms_key.missing"}, undeclared.Refs)
	assert.True(t, undeclared.IsUnknown())

	assert.Equal(t, []string{"aws_kms_key.declared"}, mustResource(t, res, "aws_sqs_queue.declared").Attr("kms_master_key_id").Refs)
	assert.Empty(t, mustResource(t, res, "aws_sqs_queue.variable").Attr("kms_master_key_id").Refs)
}
