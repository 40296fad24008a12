package loader

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadPaths(t *testing.T) {
	res, err := Load(t.Context(), Options{Paths: []string{
		"testdata/expansion",
		"testdata/unknowns/main.tf",
		"testdata/plan/plan.json",
	}})
	require.NoError(t, err)
	assert.Empty(t, errorsOf(res))
	r := mustResource(t, res, "aws_ebs_volume.data[2]")
	assert.Equal(t, "testdata/expansion/main.tf", r.Range.Filename, "names relative to the working directory as given")
	assert.Equal(t, "testdata/expansion", r.Root, "each resource names its root module")
	assert.Equal(t, "testdata/unknowns/main.tf", mustResource(t, res, "aws_db_instance.db").Root, "a single file is a root of its own")
	assert.Equal(t, "testdata/plan/plan.json", mustResource(t, res, "aws_db_instance.orders").Root)
	for _, f := range []string{"testdata/expansion/main.tf", "testdata/unknowns/main.tf", "testdata/plan/plan.json"} {
		assert.Contains(t, res.Files, f)
	}
	assert.NotContains(t, res.Files, "testdata/unknowns/other.tf")
	for i := 1; i < len(res.Resources); i++ {
		assert.LessOrEqual(t, res.Resources[i-1].Address, res.Resources[i].Address, "sorted by address")
	}

	abs, err := filepath.Abs("testdata/expansion")
	require.NoError(t, err)
	res, err = Load(t.Context(), Options{Paths: []string{abs}})
	require.NoError(t, err)
	assert.Equal(t, filepath.ToSlash(filepath.Join(abs, "main.tf")), mustResource(t, res, "aws_ebs_volume.data[0]").Range.Filename)
}

// Overlapping paths load each root once: the same directory written
// another way, through a symlink, or a file of a directory also given.
func TestLoadOverlappingPathsOnce(t *testing.T) {
	once, err := Load(t.Context(), Options{Paths: []string{"testdata/expansion"}})
	require.NoError(t, err)
	require.NotEmpty(t, once.Resources)

	link := filepath.Join(t.TempDir(), "link")
	abs, err := filepath.Abs("testdata/expansion")
	require.NoError(t, err)
	require.NoError(t, os.Symlink(abs, link))
	res, err := Load(t.Context(), Options{Paths: []string{
		"testdata/expansion", "./testdata/expansion/", abs, link, "testdata/expansion/main.tf",
	}})
	require.NoError(t, err)
	assert.Len(t, res.Resources, len(once.Resources), "each resource once")
	assert.Equal(t, "testdata/expansion", mustResource(t, res, "aws_ebs_volume.data[0]").Root, "the first path given names the root")

	file, err := Load(t.Context(), Options{Paths: []string{"testdata/unknowns/main.tf"}})
	require.NoError(t, err)
	both, err := Load(t.Context(), Options{Paths: []string{"testdata/unknowns/main.tf", "testdata/expansion"}})
	require.NoError(t, err)
	assert.Len(t, both.Resources, len(once.Resources)+len(file.Resources), "distinct roots all load")
}

func TestLoadMissingPath(t *testing.T) {
	res, err := Load(t.Context(), Options{Paths: []string{"testdata/does-not-exist"}})
	require.NoError(t, err)
	require.Len(t, errorsOf(res), 1)
	assert.Equal(t, "testdata/does-not-exist", errorsOf(res)[0].Range.Filename)

	_, err = Load(t.Context(), Options{})
	assert.ErrorIs(t, err, ErrNoPaths)
}

func TestLoadFSInMemory(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
resource "aws_s3_bucket" "b" {
  bucket = "x"
}
`)}}
	res, err := LoadFS(t.Context(), fsys, ".", Options{})
	require.NoError(t, err)
	require.Len(t, res.Resources, 1)
	b := res.Resources[0]
	assert.Equal(t, "main.tf", b.Range.Filename)
	assert.Equal(t, 2, b.Range.StartLine)
	assert.Equal(t, "main.tf", b.Attr("bucket").Range.Filename)
	assert.Equal(t, 3, b.Attr("bucket").Range.StartLine)
	assert.Equal(t, "managed", b.Mode)
	assert.Equal(t, "resource", b.Block.Type)
	assert.False(t, b.Region().Present, "no provider configuration")
	assert.Equal(t, "aws", b.Provider)
	assert.Empty(t, b.Module)
	assert.Empty(t, b.ModuleCalls)
}

func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := LoadFS(ctx, os.DirFS("testdata"), "expansion", Options{})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = Load(ctx, Options{Paths: []string{"testdata/expansion"}})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestNeverPanics(t *testing.T) {
	inputs := []string{
		`resource "a" {}`,
		`resource "aws_s3_bucket" "b" { count = -1 }`,
		`resource "aws_s3_bucket" "b" { for_each = "x" }`,
		`resource "aws_s3_bucket" "b" { for_each = { a = 1 } bucket = each.value.x.y[3] }`,
		`resource "aws_s3_bucket" "b" { count = "many" }`,
		`resource "aws_s3_bucket" "b" { tags = { (null) = 1 } }`,
		`resource "aws_s3_bucket" "b" { dynamic "x" { for_each = 5 content {} } }`,
		`resource "aws_s3_bucket" "b" { dynamic "x" { } }`,
		`resource "aws_s3_bucket" "b" { lifecycle { ignore_changes = 5 } }`,
		`locals { a = local.a }` + "\n" + `resource "x_y" "z" { v = local.a }`,
		`module "m" { source = "./" }`,
		`module "m" { source = "../../../../outside" }`,
		`variable "v" { type = object({ a = optional(string, 5) }) default = { a = [] } }` + "\n" + `resource "x_y" "z" { v = var.v }`,
		`variable "v" { type = list(strin) }`,
		`provider "aws" { alias = var.x }`,
		`resource "x_y" "z" { v = sensitive("a") == "a" ? 1 : 2 }`,
		`resource "x_y" "z" { v = [for x in ["a"] : x if timestamp() != ""] }`,
		`resource "x_y" "z" { v = templatefile("nope.tpl", {}) }`,
		`resource "x_y" "z" { v = cidrsubnet("nonsense", 4, 1) }`,
		`data "aws_iam_policy_document" "p" { statement { principals {} condition {} } }`,
		"resource \"x_y\" \"z\" {\n v = <<EOT\nhello ${upper(\"x\")}\nEOT\n}",
	}
	for _, src := range inputs {
		t.Run(src, func(t *testing.T) {
			fsys := fstest.MapFS{"main.tf": {Data: []byte(src)}}
			require.NotPanics(t, func() {
				res, err := LoadFS(t.Context(), fsys, ".", Options{})
				require.NoError(t, err)
				for _, d := range res.Diagnostics {
					assert.NotContains(t, d.Summary, "Internal error", d.Error())
				}
			})
		})
	}
}

func TestReadRoots(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "stack"), 0o750))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "shared"), 0o750))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "shared", "name.txt"), []byte("shared-name"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "stack", "main.tf"), []byte(`
resource "aws_sns_topic" "t" {
  name = file("${path.module}/../shared/name.txt")
}
`), 0o600))
	stack := filepath.Join(dir, "stack")

	res, err := Load(t.Context(), Options{Paths: []string{stack}})
	require.NoError(t, err)
	assert.True(t, mustResource(t, res, "aws_sns_topic.t").Attr("name").IsUnknown())
	require.Len(t, errorsOf(res), 1)
	assert.Equal(t, "File outside the scanned directory", errorsOf(res)[0].Summary)

	res, err = Load(t.Context(), Options{Paths: []string{stack}, ReadRoots: []string{dir}})
	require.NoError(t, err)
	assert.Empty(t, errorsOf(res))
	assert.Equal(t, "shared-name", str(t, mustResource(t, res, "aws_sns_topic.t").Attr("name")))
}
