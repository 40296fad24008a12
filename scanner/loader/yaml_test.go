package loader

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// yamldecode drives for_each as in Terraform, so YAML factories are scanned
// resource by resource instead of as one unknown.
func TestYAMLFactory(t *testing.T) {
	res := loadFixture(t, "yaml", Options{})
	assert.Empty(t, errorsOf(res))
	for key, want := range map[string]struct {
		location string
		uniform  bool
	}{"logs": {"EU", true}, "exports": {"US", false}, "raw": {"EU", true}} {
		r := mustResource(t, res, `google_storage_bucket.b["`+key+`"]`)
		assert.False(t, r.MayNotExist, key)
		loc, ok := r.Attr("location").AsString()
		require.True(t, ok, key)
		assert.Equal(t, want.location, loc, key)
		assert.Equal(t, cty.BoolVal(want.uniform), r.Attr("uniform_bucket_level_access").Val, key)
		label, _ := r.Attr("labels").Index("roundtrip").AsString()
		assert.Equal(t, want.location, label, "yamlencode and yamldecode round-trip")
	}
}

func TestYAMLDecodeErrorsAreLocated(t *testing.T) {
	fsys := fstest.MapFS{"root/main.tf": {Data: []byte(`
resource "google_storage_bucket" "b" {
  name     = "b"
  location = yamldecode("a: [unclosed").a
}
`)}}
	res, err := LoadFS(t.Context(), fsys, "root", Options{})
	require.NoError(t, err)
	r := mustResource(t, res, "google_storage_bucket.b")
	assert.False(t, r.Attr("location").IsKnown(), "a YAML error is never a known value")
	errs := errorsOf(res)
	require.Len(t, errs, 1, "YAML that does not parse is an error, as in Terraform")
	assert.Equal(t, "root/main.tf", errs[0].Range.Filename)
	assert.Equal(t, 4, errs[0].Range.StartLine)
}
