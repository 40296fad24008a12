package loader

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestOverrideFilesMergeAsTerraformDoes(t *testing.T) {
	res := loadFixture(t, "override", Options{})
	db := mustResource(t, res, "aws_db_instance.db")
	assert.Equal(t, cty.True, db.Attr("storage_encrypted").Val, "override.tf replaces the argument")
	assert.Equal(t, cty.True, db.Attr("deletion_protection").Val, "prod_override.tf too, after it")
	assert.Equal(t, "override/override.tf", db.Attr("storage_encrypted").Range.Filename, "ranges point at the override")
	retention, ok := db.Attr("backup_retention_period").AsInt()
	require.True(t, ok)
	assert.Equal(t, int64(35), retention, "a variable's default is overridden")
	tier, _ := db.Attr("tags").Index("tier").AsString()
	assert.Equal(t, "prod", tier, "a local value is overridden")

	sg := mustResource(t, res, "aws_security_group.web")
	ingress := sg.Blocks("ingress")
	require.Len(t, ingress, 1, "the override's ingress blocks replace all the original's")
	port, _ := ingress[0].Attr("from_port").AsInt()
	assert.Equal(t, int64(443), port)
	assert.Len(t, sg.Blocks("egress"), 1, "other nested block types stay")

	var missing []scanner.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Severity == scanner.DiagError {
			missing = append(missing, d)
		}
	}
	require.Len(t, missing, 1, "an override of a block declared nowhere else is an error")
	assert.Equal(t, "override/prod_override.tf", missing[0].Range.Filename)
	assert.Equal(t, 13, missing[0].Range.StartLine)
	assert.Contains(t, missing[0].Summary, "Missing base resource")
	for _, r := range res.Resources {
		assert.NotEqual(t, "aws_s3_bucket.nowhere", r.Address, "an override adds no block")
	}
}
