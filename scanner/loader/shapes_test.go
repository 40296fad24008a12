package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A service account's email is unknown but never empty, starts with its
// account_id and ends with ".iam.gserviceaccount.com"; that end reaches a
// child module's argument through a module input and a local whose
// condition the email decides.
func TestComputedShapeServiceAccountEmail(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`
variable "project_id" {
  type = string
}

resource "google_service_account" "sa" {
  account_id = "exporter"
  project    = var.project_id
}

resource "google_service_account" "anon" {
  account_id = var.project_id
}

resource "x_use" "direct" {
  prefixed = "serviceAccount:${google_service_account.sa.email}"
  member   = google_service_account.sa.member
  empty    = google_service_account.sa.email == ""
  anon     = google_service_account.anon.email == ""
}

module "m" {
  source = "./mod"
  email  = google_service_account.sa.email
}
`)},
		"mod/main.tf": {Data: []byte(`
variable "email" {
  type    = string
  default = ""
}

data "google_project" "p" {}

locals {
  email = var.email == "" ? "${data.google_project.p.number}-compute@developer.gserviceaccount.com" : var.email
}

resource "x_use" "child" {
  member = "serviceAccount:${local.email}"
}
`)},
	}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)

	direct := mustResource(t, res, "x_use.direct")
	prefixed := direct.Attr("prefixed")
	require.False(t, prefixed.IsKnown())
	assert.Equal(t, "serviceAccount:exporter@", prefixed.KnownPrefix())
	assert.Equal(t, ".iam.gserviceaccount.com", prefixed.KnownSuffix())
	member := direct.Attr("member")
	require.False(t, member.IsKnown())
	assert.Equal(t, "serviceAccount:exporter@", member.KnownPrefix())
	assert.Equal(t, ".iam.gserviceaccount.com", member.KnownSuffix())

	empty := direct.Attr("empty")
	require.True(t, empty.IsKnown(), "an email that starts with account_id@ is not empty")
	b, ok := empty.AsBool()
	require.True(t, ok)
	assert.False(t, b)
	anon := direct.Attr("anon")
	require.True(t, anon.IsKnown(), "without a known account_id the email's known end still rules out \"\" (decideBool)")
	b, ok = anon.AsBool()
	require.True(t, ok)
	assert.False(t, b)

	child := mustResource(t, res, "module.m.x_use.child")
	cm := child.Attr("member")
	require.False(t, cm.IsKnown())
	assert.Equal(t, "serviceAccount:exporter@", cm.KnownPrefix())
	assert.Equal(t, ".iam.gserviceaccount.com", cm.KnownSuffix())
}

// An email the configuration writes is not the provider's: no shape.
func TestComputedShapeWrittenAttribute(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "who" {
  type = string
}

resource "google_service_account" "sa" {
  account_id = "exporter"
  email      = var.who
}

resource "x_use" "u" {
  member = "serviceAccount:${google_service_account.sa.email}"
}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	m := mustResource(t, res, "x_use.u").Attr("member")
	require.False(t, m.IsKnown())
	assert.Empty(t, m.KnownSuffix())
	assert.Equal(t, "serviceAccount:", m.KnownPrefix())
}

// An AWS resource's or data source's arn is unknown but an Amazon Resource
// Name, so it starts with "arn:" and is never "*"; one the configuration
// writes is kept, and another provider's arn is only known not to be null.
func TestComputedARNPrefix(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "arn" {
  type = string
}

resource "aws_s3_bucket" "b" {}

data "aws_caller_identity" "current" {}

data "aws_iam_role" "written" {
  name = "r"
  arn  = var.arn
}

resource "other_thing" "t" {}

resource "x_use" "u" {
  bucket   = aws_s3_bucket.b.arn
  caller   = data.aws_caller_identity.current.arn
  objects  = "${aws_s3_bucket.b.arn}/*"
  written  = data.aws_iam_role.written.arn
  other    = other_thing.t.arn
  is_star  = aws_s3_bucket.b.arn == "*"
  is_null  = aws_s3_bucket.b.arn == null
}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	u := mustResource(t, res, "x_use.u")
	for _, name := range []string{"bucket", "caller", "objects"} {
		v := u.Attr(name)
		require.False(t, v.IsKnown(), name)
		assert.Equal(t, "arn:", v.KnownPrefix(), name)
	}
	assert.Empty(t, u.Attr("written").KnownPrefix(), "a written arn is the configuration's")
	assert.Empty(t, u.Attr("other").KnownPrefix(), "only AWS names its resources by ARN")
	for _, name := range []string{"is_star", "is_null"} {
		v := u.Attr(name)
		require.True(t, v.IsKnown(), name)
		b, ok := v.AsBool()
		require.True(t, ok)
		assert.False(t, b, name)
	}
}
