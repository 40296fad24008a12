package loader

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestModuleSourceKey(t *testing.T) {
	for src, want := range map[string]string{
		"terraform-google-modules/sql-db/google":                             "terraform-google-modules/sql-db/google",
		"Terraform-Google-Modules/SQL-DB/google//modules/mysql":              "terraform-google-modules/sql-db/google",
		"registry.terraform.io/terraform-aws-modules/vpc/aws":                "terraform-aws-modules/vpc/aws",
		"app.terraform.io/acme/vpc/aws":                                      "app.terraform.io/acme/vpc/aws",
		"git::https://github.com/acme/terraform-aws-x.git//modules/y?ref=v1": "git::https://github.com/acme/terraform-aws-x.git",
	} {
		got, ok := ModuleSourceKey(src)
		assert.True(t, ok, src)
		assert.Equal(t, want, got, src)
	}
	_, ok := ModuleSourceKey("../modules/x")
	assert.False(t, ok, "a local path is never mapped")
}

func TestParseModuleSource(t *testing.T) {
	p, ok := parseModuleSource("terraform-google-modules/sql-db/google//modules/mysql?ref=x")
	require.True(t, ok)
	assert.Equal(t, parsedSource{base: "terraform-google-modules/sql-db/google", sub: "modules/mysql", registry: true,
		owner: "terraform-google-modules", name: "sql-db", provider: "google"}, p)
	p, ok = parseModuleSource("git::https://github.com/acme/terraform-aws-x.git//modules/y?ref=v1")
	require.True(t, ok)
	assert.Equal(t, parsedSource{base: "git::https://github.com/acme/terraform-aws-x.git", sub: "modules/y", github: true,
		owner: "acme", name: "terraform-aws-x"}, p)
	_, ok = parseModuleSource("s3::https://bucket/x.zip")
	assert.False(t, ok)
	_, ok = parseModuleSource("hashicorp/aws")
	assert.False(t, ok, "two segments: a provider, not a module")
}

func TestRemoteID(t *testing.T) {
	for url, want := range map[string]repoID{
		"https://github.com/acme/terraform-aws-x.git": {owner: "acme", name: "terraform-aws-x"},
		"git@github.com:acme/terraform-aws-x.git":     {owner: "acme", name: "terraform-aws-x"},
		"ssh://git@gitlab.example/group/repo/":        {owner: "group", name: "repo"},
	} {
		got, ok := remoteID(url)
		require.True(t, ok, url)
		assert.Equal(t, want, got, url)
	}
	_, ok := remoteID("nothing")
	assert.False(t, ok)
}

func TestDiscoverRootsWalksADirectoryWithFilesOfItsOwn(t *testing.T) {
	repo := t.TempDir()
	writeTree(t, repo, map[string]string{
		"main.tf":                 `resource "aws_s3_bucket" "b" {}`,
		"modules/a/main.tf":       `resource "aws_s3_bucket" "a" {}`,
		"examples/basic/main.tf":  "module \"m\" {\n  source = \"../..\"\n}\n",
		"examples/remote/main.tf": "module \"m\" {\n  source = \"acme/x/aws//modules/a\"\n}\n",
	})
	roots, err := DiscoverRoots([]string{repo})
	require.NoError(t, err)
	assert.Equal(t, []string{
		filepath.Join(repo, "examples", "basic"),
		filepath.Join(repo, "examples", "remote"),
		filepath.Join(repo, "modules", "a"),
	}, roots, "the top is called by an example; DiscoverRoots maps no registry address")
}
