package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestProviderMajorFromLockFileAndConstraints(t *testing.T) {
	const bucket = `
resource "aws_redshift_cluster" "w" {
  cluster_identifier = "w"
}

resource "aws_redshift_cluster" "replica" {
  provider           = aws.dr
  cluster_identifier = "r"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

module "child" {
  source = "./child"
}
`
	const child = `
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.2"
    }
  }
}

resource "aws_redshift_cluster" "c" {
  cluster_identifier = "c"
}
`
	const required = `
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "< 6.0.0"
    }
    google = "~> 6"
  }
}
`
	cases := []struct {
		name  string
		files fstest.MapFS
		want  int
	}{
		{"lock file wins", fstest.MapFS{
			"root/main.tf":       {Data: []byte(bucket + required)},
			"root/child/main.tf": {Data: []byte(child)},
			"root/.terraform.lock.hcl": {Data: []byte(`
provider "registry.terraform.io/hashicorp/aws" {
  version     = "6.2.0"
  constraints = ">= 5.2"
  hashes      = ["h1:x"]
}
`)},
		}, 6},
		{"constraints of all modules together", fstest.MapFS{
			"root/main.tf":       {Data: []byte(bucket + required)},
			"root/child/main.tf": {Data: []byte(child)},
		}, 5},
		{"an open constraint tells nothing", fstest.MapFS{
			"root/main.tf":       {Data: []byte(bucket)},
			"root/child/main.tf": {Data: []byte(child)},
		}, 0},
		{"an unreadable lock file falls back to constraints", fstest.MapFS{
			"root/main.tf":             {Data: []byte(bucket + required)},
			"root/child/main.tf":       {Data: []byte(child)},
			"root/.terraform.lock.hcl": {Data: []byte(`provider {`)},
		}, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := LoadFS(t.Context(), tc.files, "root", Options{})
			require.NoError(t, err)
			for _, addr := range []string{"aws_redshift_cluster.w", "aws_redshift_cluster.replica", "module.child.aws_redshift_cluster.c"} {
				assert.Equal(t, tc.want, mustResource(t, res, addr).ProviderMajor, addr)
			}
		})
	}
}

func TestSingleMajor(t *testing.T) {
	for c, want := range map[string]int{
		"~> 5.0":              5,
		"~> 5.31.0":           5,
		"~> 5":                0,
		">= 5.2, < 6.0":       5,
		">= 5.2, < 6.1":       0,
		">= 5.2, <= 6.1":      0,
		"5.1.0":               5,
		"= 4.67.0":            4,
		"v3.2.1":              3,
		">= 4.0":              0,
		"< 6.0.0":             0,
		">= 6.0.0-beta1, < 7": 6,
		"banana":              0,
		"":                    0,
	} {
		assert.Equal(t, want, singleMajor([]string{c}), c)
	}
	assert.Equal(t, 5, singleMajor([]string{">= 5.0", "< 6.0"}), "constraints of several modules intersect")
	assert.Equal(t, 0, singleMajor(nil))
}

// A lock file that is there but cannot be used must say so: silently falling
// back to the constraints would apply another major version's defaults.
func TestLockFileProblemsAreReported(t *testing.T) {
	const main = `resource "aws_redshift_cluster" "w" {
  cluster_identifier = "w"
}
`
	t.Run("unparseable is a located warning", func(t *testing.T) {
		res, err := LoadFS(t.Context(), fstest.MapFS{
			"root/main.tf":             {Data: []byte(main)},
			"root/.terraform.lock.hcl": {Data: []byte("\n\nprovider {")},
		}, "root", Options{})
		require.NoError(t, err)
		d := findDiag(t, res, "Cannot parse dependency lock file")
		assert.Equal(t, scanner.DiagWarning, d.Severity)
		assert.Equal(t, "root/.terraform.lock.hcl", d.Range.Filename)
		assert.Equal(t, 3, d.Range.StartLine)
		assert.Contains(t, d.Detail, "the version constraints decide")
	})
	t.Run("unreadable is an error", func(t *testing.T) {
		res, err := LoadFS(t.Context(), fstest.MapFS{
			"root/main.tf":                   {Data: []byte(main)},
			"root/.terraform.lock.hcl/inner": {Data: []byte("x")},
		}, "root", Options{})
		require.NoError(t, err)
		d := findDiag(t, res, "File not read")
		assert.Equal(t, scanner.DiagError, d.Severity)
		assert.Equal(t, "root/.terraform.lock.hcl", d.Range.Filename)
		assert.Contains(t, d.Detail, "not a regular file")
	})
	t.Run("missing says nothing", func(t *testing.T) {
		res, err := LoadFS(t.Context(), fstest.MapFS{"root/main.tf": {Data: []byte(main)}}, "root", Options{})
		require.NoError(t, err)
		for _, d := range res.Diagnostics {
			assert.NotContains(t, d.Summary, "lock file")
		}
	})
}

func findDiag(t *testing.T, res *Result, summary string) scanner.Diagnostic {
	t.Helper()
	for _, d := range res.Diagnostics {
		if d.Summary == summary {
			return d
		}
	}
	require.Failf(t, "diagnostic not found", "%q in %+v", summary, res.Diagnostics)
	return scanner.Diagnostic{}
}
