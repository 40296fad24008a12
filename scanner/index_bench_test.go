package scanner

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// TestReferrersKeysByWholePath checks that indexes of one type over paths
// sharing a first step are kept apart.
func TestReferrersKeysByWholePath(t *testing.T) {
	bucket := &Resource{Address: "aws_s3_bucket.b", Mode: "managed", Type: "aws_s3_bucket", Block: NewBlock("resource", at(1))}
	ref := &Resource{Address: "aws_thing.t", Mode: "managed", Type: "aws_thing", Block: NewBlock("resource", at(5))}
	ref.SetAttr("bucket", Value{Val: cty.UnknownVal(cty.String), Refs: []string{"aws_s3_bucket.b"}})
	nested := NewBlock("target", at(6))
	nested.SetAttr("bucket", Value{Val: cty.StringVal("other")})
	ref.AddBlock(nested)
	ix := NewIndex([]*Resource{bucket, ref})

	found, _ := ix.Referrers(bucket, "aws_thing", []string{"bucket"})
	assert.Equal(t, []*Resource{ref}, found)
	found, _ = ix.Referrers(bucket, "aws_thing", []string{"target", "bucket"})
	assert.Empty(t, found, "target.bucket names another bucket")
	found, _ = ix.Referrers(bucket, "aws_thing", []string{"target\x00bucket"})
	assert.Empty(t, found)
	require.Len(t, ix.referrers, 3)
}

// BenchmarkIndexReferrers asks, for each of 4,000 buckets, which of 4,000
// resources refer to it, as a rule does once per target.
//
//	go test -run '^$' -bench IndexReferrers -benchmem ./scanner
func BenchmarkIndexReferrers(b *testing.B) {
	var all, buckets []*Resource
	for i := range 4000 {
		bk := &Resource{Address: fmt.Sprintf("aws_s3_bucket.b%d", i), Mode: "managed", Type: "aws_s3_bucket", Block: NewBlock("resource", at(1))}
		bk.SetAttr("bucket", Value{Val: cty.StringVal(fmt.Sprintf("bucket-%d", i))})
		ref := &Resource{Address: fmt.Sprintf("aws_s3_bucket_versioning.v%d", i), Mode: "managed", Type: "aws_s3_bucket_versioning", Block: NewBlock("resource", at(5))}
		ref.SetAttr("bucket", Value{Val: cty.UnknownVal(cty.String), Refs: []string{bk.Address}})
		all = append(all, bk, ref)
		buckets = append(buckets, bk)
	}
	ix := NewIndex(all)
	attr := []string{"bucket"}
	b.ReportAllocs()
	for b.Loop() {
		for _, bk := range buckets {
			if found, _ := ix.Referrers(bk, "aws_s3_bucket_versioning", attr, "bucket"); len(found) != 1 {
				b.Fatalf("%s: %d referrers", bk.Address, len(found))
			}
		}
	}
}
