package loader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A root module's resources give up their syntax once built
// (instance.release). Root a is called as a module by root b before it is
// loaded itself, so that the parse cache holds its file for two roots; root
// c, which calls it too after, must parse it again and see it whole. A
// module called twice keeps its syntax for its second call.
func TestReleasedRootIsWholeAsALaterRootsModule(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	write("a/main.tf", `
variable "name" {
  type    = string
  default = "a"
}

resource "aws_s3_bucket" "b" {
  bucket = "${var.name}-bucket"
}

resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.b.bucket
  versioning_configuration {
    status = "Enabled"
  }
}
`)
	calls := `
module "x" {
  source = "../a"
  name   = "x"
}

module "y" {
  source = "../a"
  name   = "y"
}
`
	write("b/main.tf", calls)
	write("c/main.tf", calls)
	res, err := Load(t.Context(), Options{Paths: []string{filepath.Join(dir, "b"), filepath.Join(dir, "a"), filepath.Join(dir, "c")}})
	require.NoError(t, err)
	require.Empty(t, errorsOf(res))
	byRoot := map[string]map[string]string{}
	for _, r := range res.Resources {
		if byRoot[filepath.Base(r.Root)] == nil {
			byRoot[filepath.Base(r.Root)] = map[string]string{}
		}
		byRoot[filepath.Base(r.Root)][r.Address] = str(t, r.Attr("bucket"))
		if r.Type == "aws_s3_bucket_versioning" {
			assert.Len(t, r.Blocks("versioning_configuration"), 1, r.Address)
		}
	}
	called := map[string]string{
		"module.x.aws_s3_bucket.b": "x-bucket", "module.x.aws_s3_bucket_versioning.v": "x-bucket",
		"module.y.aws_s3_bucket.b": "y-bucket", "module.y.aws_s3_bucket_versioning.v": "y-bucket",
	}
	assert.Equal(t, map[string]map[string]string{
		"a": {"aws_s3_bucket.b": "a-bucket", "aws_s3_bucket_versioning.v": "a-bucket"},
		"b": called,
		"c": called,
	}, byRoot)
}
