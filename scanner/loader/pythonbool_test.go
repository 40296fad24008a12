package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A bare True or False, which Terraform rejects, is still reported as an
// error but read as the boolean it was meant to be; other bare names stay
// unknown.
func TestPythonStyleBooleans(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
resource "aws_ebs_volume" "on" {
  availability_zone = "eu-west-1a"
  encrypted         = True
}

resource "aws_ebs_volume" "off" {
  availability_zone = "eu-west-1a"
  encrypted         = FALSE
  tags              = { Backup = false }
}

resource "aws_codebuild_project" "other" {
  name = "p"
  artifacts {
    type = S3
  }
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)

	assert.True(t, mustResource(t, res, "aws_ebs_volume.on").Attr("encrypted").IsTrue())
	off := mustResource(t, res, "aws_ebs_volume.off").Attr("encrypted")
	require.True(t, off.IsKnown())
	assert.False(t, off.IsTrue())
	assert.True(t, mustResource(t, res, "aws_codebuild_project.other").Get("artifacts", "type").IsUnknown())

	var invalid int
	for _, d := range errorsOf(res) {
		if d.Summary == "Invalid reference" {
			invalid++
		}
	}
	assert.Equal(t, 3, invalid, "every bare name is still reported")
}
