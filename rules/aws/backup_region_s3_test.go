package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestRefersToManaged checks which references name a managed bucket by its
// address: such a destination is that bucket, declared or not, and so can
// never turn out to be another bucket of the scan. A data source or a
// variable may resolve to any bucket.
func TestRefersToManaged(t *testing.T) {
	for _, tc := range []struct {
		refs []string
		want bool
	}{
		{[]string{"aws_s3_bucket.destination"}, true},
		{[]string{`module.dr.aws_s3_bucket.this[0]`}, true},
		{[]string{"data.aws_s3_bucket.existing"}, false},
		{[]string{"aws_s3_bucket_versioning.destination"}, false},
		{nil, false},
	} {
		assert.Equal(t, tc.want, refersToManaged(scanner.Value{Refs: tc.refs}, "aws_s3_bucket"), "%v", tc.refs)
	}
}
