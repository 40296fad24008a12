package engine

import (
	"context"
	"fmt"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// TestMatchResourcesKeepsTypeOrderAndSelect checks the resources a rule
// judges: of its types in the order the rule lists them, then of its data
// source types, narrowed by Select; a rule of one type and no Select gets
// the type's own slice, the others a slice of their own.
func TestMatchResourcesKeepsTypeOrderAndSelect(t *testing.T) {
	bucket := func(name string) *scanner.Resource {
		return &scanner.Resource{Address: "aws_s3_bucket." + name, Mode: "managed", Type: "aws_s3_bucket"}
	}
	b1, b2 := bucket("b1"), bucket("b2")
	v1 := &scanner.Resource{Address: "aws_s3_bucket_versioning.v1", Mode: "managed", Type: "aws_s3_bucket_versioning"}
	d1 := &scanner.Resource{Address: "data.aws_s3_bucket.d1", Mode: "data", Type: "aws_s3_bucket"}
	byType := map[string][]*scanner.Resource{"aws_s3_bucket": {b1, b2}, "aws_s3_bucket_versioning": {v1}}
	dataByType := map[string][]*scanner.Resource{"aws_s3_bucket": {d1}}
	runOf := func(types, dataTypes []string, sel func(*scanner.Resource) bool) *ruleRun {
		return &ruleRun{rule: &scanner.Rule{Select: sel}, resourceTypes: types, dataSourceTypes: dataTypes}
	}

	one := matchResources(runOf([]string{"aws_s3_bucket"}, nil, nil), byType, dataByType)
	assert.Equal(t, []*scanner.Resource{b1, b2}, one)
	assert.Same(t, &byType["aws_s3_bucket"][0], &one[0], "one type, no Select: the type's slice itself")
	assert.Equal(t, []*scanner.Resource{d1}, matchResources(runOf(nil, []string{"aws_s3_bucket"}, nil), byType, dataByType))

	all := matchResources(runOf([]string{"aws_s3_bucket_versioning", "aws_s3_bucket"}, []string{"aws_s3_bucket"}, nil), byType, dataByType)
	assert.Equal(t, []*scanner.Resource{v1, b1, b2, d1}, all, "in the rule's order of types, data sources last")
	assert.Equal(t, len(all), cap(all), "sized once")

	notB1 := func(r *scanner.Resource) bool { return r != b1 }
	selected := matchResources(runOf([]string{"aws_s3_bucket"}, nil, notB1), byType, dataByType)
	assert.Equal(t, []*scanner.Resource{b2}, selected)
	assert.Equal(t, []*scanner.Resource{b1, b2}, byType["aws_s3_bucket"], "Select leaves the type's slice alone")

	assert.Empty(t, matchResources(runOf([]string{"aws_instance"}, nil, nil), byType, dataByType))
	assert.Empty(t, matchResources(runOf([]string{"aws_instance", "aws_ebs_volume"}, nil, notB1), byType, dataByType))
}

// TestGroupByRootKeepsOrder checks the split by root module: one root is
// the slice handed in, several keep their resources' order.
func TestGroupByRootKeepsOrder(t *testing.T) {
	assert.Nil(t, groupByRoot(nil))
	a1, a2 := &scanner.Resource{Root: "a", Address: "x.a1"}, &scanner.Resource{Root: "a", Address: "x.a2"}
	b1 := &scanner.Resource{Root: "b", Address: "x.b1"}
	one := []*scanner.Resource{a1, a2}
	groups := groupByRoot(one)
	require.Len(t, groups, 1)
	assert.Same(t, &one[0], &groups[0][0], "one root: not copied")
	assert.Equal(t, [][]*scanner.Resource{{a1, a2}, {b1}}, groupByRoot([]*scanner.Resource{a1, b1, a2}))
}

// TestExecuteSharesARepeatedMessage checks that a rule's results that
// repeat the message of the result before them take its string as they
// are made, so that the copies are garbage before Stream.Add runs.
func TestExecuteSharesARepeatedMessage(t *testing.T) {
	var resources []*scanner.Resource
	for i := range 3 * chunkSize {
		resources = append(resources, &scanner.Resource{Address: fmt.Sprintf("aws_s3_bucket.b%d", i), Mode: "managed", Type: "aws_s3_bucket"})
	}
	run := &ruleRun{rule: &scanner.Rule{ID: "test", Check: func(*scanner.Resource, *scanner.Context) scanner.Result {
		return scanner.Failed(scanner.Range{}, "versioning is %s", "off") // a new string each time
	}}, resourceTypes: []string{"aws_s3_bucket"}}
	raw, _, err := execute(context.Background(), resources, []*ruleRun{run}, 2)
	require.NoError(t, err)
	require.Len(t, raw, len(resources))
	for i, res := range raw {
		assert.Equal(t, "versioning is off", res.message)
		assert.Same(t, resources[i], res.resource, "results in the resources' order")
		if i%chunkSize > 0 {
			assert.Same(t, unsafe.StringData(raw[i-1].message), unsafe.StringData(res.message), "result %d", i)
		}
	}
}
