package loader

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// wrapperRepo writes a module repository laid out as terraform-aws-modules
// lays them out: the module at the top and wrappers/, which calls it once
// per entry of var.items ({} by default), every input read with try().
func wrapperRepo(t *testing.T, extra map[string]string) string {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "terraform-aws-store")
	files := map[string]string{
		"main.tf": `variable "encrypted" {
  type    = bool
  default = false
}

resource "aws_db_instance" "this" {
  storage_encrypted = var.encrypted
}
`,
		"wrappers/main.tf": `module "wrapper" {
  source = "../"

  for_each = var.items

  encrypted = try(each.value.encrypted, var.defaults.encrypted, false)
}
`,
		"wrappers/variables.tf": `variable "defaults" {
  type    = any
  default = {}
}

variable "items" {
  type    = any
  default = {}
}
`,
	}
	for k, v := range extra {
		files[k] = v
	}
	writeTree(t, repo, files)
	return repo
}

func rootsByPath(t *testing.T, res *Result, repo string) map[string]Root {
	t.Helper()
	out := map[string]Root{}
	for _, r := range res.Roots {
		rel, err := filepath.Rel(repo, r.Path)
		require.NoError(t, err)
		out[filepath.ToSlash(rel)] = r
	}
	return out
}

func TestWrapperRootSaysWhyItScansNothing(t *testing.T) {
	repo := wrapperRepo(t, nil)
	res, err := Load(context.Background(), Options{Paths: []string{repo}, Discover: true})
	require.NoError(t, err)
	roots := rootsByPath(t, res, repo)
	require.Contains(t, roots, "wrappers", "the wrapper calls the top, so it is the only root")
	require.Len(t, roots, 1)
	w := roots["wrappers"]
	assert.Equal(t, 0, w.Resources)
	assert.Equal(t, []string{"module.wrapper expands to no instances: for_each over var.items is empty by default (set var.items to scan ../ through this root)"}, w.Notes)
	assert.Empty(t, res.Resources)
}

func TestWrapperRootGivenItemsScansThemWithoutANote(t *testing.T) {
	repo := wrapperRepo(t, map[string]string{
		"wrappers/terraform.tfvars": "items = {\n  a = { encrypted = true }\n  b = {}\n}\n",
	})
	res, err := Load(context.Background(), Options{Paths: []string{repo}, Discover: true})
	require.NoError(t, err)
	w := rootsByPath(t, res, repo)["wrappers"]
	assert.Equal(t, 2, w.Resources, "one database per item")
	assert.Empty(t, w.Notes)
	assert.Equal(t, []string{`module.wrapper["a"].aws_db_instance.this`, `module.wrapper["b"].aws_db_instance.this`}, addresses(res))
}

func TestWrapperRootSetToEmptyIsNotEmptyByDefault(t *testing.T) {
	repo := wrapperRepo(t, map[string]string{"wrappers/empty.auto.tfvars": "items = {}\n"})
	res, err := Load(context.Background(), Options{Paths: []string{repo}, Discover: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"module.wrapper expands to no instances: for_each over var.items is empty"}, rootsByPath(t, res, repo)["wrappers"].Notes,
		"the user set the value: no hint to set it")
}

func TestEmptyModuleCallsOfTheRootAreNoted(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"main.tf": `locals {
  replicas = 0
}

module "off" {
  source = "./db"
  count  = 0
}

module "replicas" {
  source = "./db"
  count  = local.replicas
}

module "maybe" {
  source = "./db"
  count  = var.create ? 1 : 0
}

module "on" {
  source = "./db"
}

variable "create" {
  type    = bool
  default = false
}
`,
		"db/main.tf": `resource "aws_db_instance" "this" {}

module "nested_off" {
  source = "./inner"
  count  = 0
}
`,
		"db/inner/main.tf": `resource "aws_db_instance" "inner" {}`,
	})
	res, err := Load(context.Background(), Options{Paths: []string{dir}, Discover: true})
	require.NoError(t, err)
	require.Len(t, res.Roots, 1)
	assert.Equal(t, 1, res.Roots[0].Resources, "module.on's database; data sources and empty calls count nothing")
	assert.Equal(t, []string{
		"module.maybe expands to no instances: count = var.create ? 1 : 0 is 0 by default (set var.create to scan ./db through this root)",
		"module.off expands to no instances: count is 0",
		"module.replicas expands to no instances: count = local.replicas is 0",
	}, slices.Sorted(slices.Values(res.Roots[0].Notes)), "a nested module's empty call is an input of that module, not noted")
}

func TestRootResourcesCountManagedInstancesOnly(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"main.tf": `data "aws_caller_identity" "me" {}

resource "aws_s3_bucket" "b" {
  count = 3
}
`,
	})
	var handed int
	res, err := Load(context.Background(), Options{Paths: []string{dir}, Discover: true,
		OnResources: func(_ context.Context, rs []*scanner.Resource) error { handed += len(rs); return nil }})
	require.NoError(t, err)
	require.Len(t, res.Roots, 1)
	assert.Equal(t, 3, res.Roots[0].Resources, "counted also when the resources are handed to OnResources")
	assert.Equal(t, 4, handed)
}
