package loader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeTree writes files (slash-separated paths relative to dir) with
// their content.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	}
}

func TestDiscoverRoots(t *testing.T) {
	repo := t.TempDir()
	writeTree(t, repo, map[string]string{
		"README.md":                           "# stacks\n",
		"modules/db/main.tf":                  `resource "aws_db_instance" "this" {}`,
		"modules/unused/main.tf":              `resource "aws_s3_bucket" "b" {}`,
		"stacks/dev/main.tf":                  `resource "aws_db_instance" "scratch" {}`,
		"stacks/prod/main.tf":                 "module \"db\" {\n  source = \"../../modules/db\"\n}\n",
		"stacks/prod/.terraform/modules/x.tf": `resource "aws_db_instance" "cached" {}`,
		".git/hooks/x.tf":                     `resource "aws_db_instance" "hidden" {}`,
		"node_modules/pkg/main.tf":            `resource "aws_db_instance" "vendored" {}`,
		"drafts/.main.tf":                     `resource "aws_db_instance" "hidden_file" {}`,
		"drafts/main.tf~":                     `resource "aws_db_instance" "backup" {}`,
	})
	stack := filepath.Join(repo, "stacks", "dev")
	file := filepath.Join(stack, "main.tf")
	missing := filepath.Join(repo, "missing")
	empty := t.TempDir()

	roots, err := DiscoverRoots([]string{repo, stack, file, missing, empty})
	require.NoError(t, err)
	assert.Equal(t, []string{
		// The repository: its root modules, sorted; modules/db is called
		// by stacks/prod, and hidden directories, node_modules and files
		// Terraform skips make no root.
		filepath.Join(repo, "modules", "unused"),
		filepath.Join(repo, "stacks", "dev"),
		filepath.Join(repo, "stacks", "prod"),
		// Paths kept as given: a directory with Terraform files, a file, a
		// path that does not exist, a directory with nothing below it.
		stack, file, missing, empty,
	}, roots)
}

func TestDiscoverRootsKeepsAModuleDirectoryAsGiven(t *testing.T) {
	repo := t.TempDir()
	writeTree(t, repo, map[string]string{
		"modules/db/main.tf": `resource "aws_db_instance" "this" {}`,
		"prod/main.tf":       "module \"db\" {\n  source = \"../modules/db\"\n}\n",
	})
	db := filepath.Join(repo, "modules", "db")
	roots, err := DiscoverRoots([]string{db})
	require.NoError(t, err)
	assert.Equal(t, []string{db}, roots, "a directory with Terraform files is a root when named, even if a module elsewhere")
}
