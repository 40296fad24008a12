package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestMergeFilesReportsDuplicatesByModeTypeAndName checks the duplicate
// declarations a module's files make: a managed resource and a data source
// of one type and name are two resources, the same address twice is one
// error, named as Terraform names the resource, and a variable is told
// apart from an output of the same name.
func TestMergeFilesReportsDuplicatesByModeTypeAndName(t *testing.T) {
	res := loadMain(t, fstest.MapFS{
		"a.tf": {Data: []byte(`resource "aws_s3_bucket" "b" {}
data "aws_s3_bucket" "b" {
  bucket = "x"
}
variable "v" {}
output "v" {
  value = 1
}
`)},
		"b.tf": {Data: []byte(`resource "aws_s3_bucket" "b" {}
data "aws_s3_bucket" "b" {
  bucket = "y"
}
variable "v" {}
`)},
	})
	var dups []string
	for _, d := range res.Diagnostics {
		if d.Severity == scanner.DiagError {
			dups = append(dups, d.Summary+" at "+d.Range.Filename+"; "+d.Detail)
		}
	}
	assert.Equal(t, []string{
		`Duplicate resource "aws_s3_bucket.b" at b.tf; already declared at a.tf:1,1-29`,
		`Duplicate resource "data.aws_s3_bucket.b" at b.tf; already declared at a.tf:2,1-25`,
		`Duplicate variable "v" at b.tf; already declared at a.tf:5,1-13`,
	}, dups)
}
