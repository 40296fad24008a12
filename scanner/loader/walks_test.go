package loader

import (
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// parsedResource parses src as main.tf and returns its only resource.
func parsedResource(t *testing.T, name, src string) *resourceDecl {
	t.Helper()
	pf := parseData(&parsedFile{path: name, name: name}, []byte(src))
	require.Empty(t, pf.diags)
	require.NotNil(t, pf.cfg)
	require.Len(t, pf.cfg.resources, 1)
	return pf.cfg.resources[0]
}

// rootNames are the root names of traversals, sorted.
func rootNames(trs []hcl.Traversal) []string {
	var out []string
	for _, tr := range trs {
		out = append(out, tr.RootName())
	}
	slices.Sort(out)
	return out
}

func TestResourceWalksAreDoneOnceAndShared(t *testing.T) {
	r := parsedResource(t, "main.tf", `
resource "aws_s3_bucket" "b" {
  bucket = var.name
  tags   = { team = local.team }
  lifecycle {
    ignore_changes = [tags]
  }
}
`)
	first := r.bodyTraversals()
	require.NotEmpty(t, first)
	assert.Equal(t, []string{"local", "tags", "var"}, rootNames(first), "every traversal of the body, lifecycle's included")
	again := r.bodyTraversals()
	assert.Same(t, &first[0], &again[0], "the second root reads the first walk")

	sb, ok := r.body.(*hclsyntax.Body)
	require.True(t, ok)
	refs := r.syntaxReferences(sb)
	assert.Equal(t, []string{"local", "var"}, rootNames(refs), "references leave out lifecycle")
	refsAgain := r.syntaxReferences(sb)
	assert.Same(t, &refs[0], &refsAgain[0])
}

func TestOverriddenResourceWalksItsOwnBody(t *testing.T) {
	base := parsedResource(t, "main.tf", `
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
`)
	over := parsedResource(t, "override.tf", `
resource "aws_s3_bucket" "b" {
  bucket = local.name
}
`)
	assert.Equal(t, []string{"var"}, rootNames(base.bodyTraversals()), "base walked before the override is merged")
	var diags []scanner.Diagnostic
	merged := overrideResource(base, over, &diags)
	require.Empty(t, diags)
	assert.NotSame(t, base.walks, merged.walks)
	assert.Equal(t, []string{"local"}, rootNames(merged.bodyTraversals()), "the merged body's traversals, not base's")
	sb, ok := merged.body.(*hclsyntax.Body)
	require.True(t, ok)
	assert.Equal(t, []string{"local"}, rootNames(merged.syntaxReferences(sb)))
	assert.Equal(t, []string{"var"}, rootNames(base.bodyTraversals()), "base keeps its own")
}
