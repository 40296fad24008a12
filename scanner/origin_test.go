package scanner

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each source form renders as the Origins documentation writes it, and
// the accessors rules use read the fields, not the rendering.
func TestOriginSourceForms(t *testing.T) {
	vpc := AttrOrigin(false, "aws_vpc", "cidr_block", false)
	dataVPC := AttrOrigin(true, "aws_vpc", "cidr_block", false)
	for name, tc := range map[string]struct {
		src  OriginSource
		want string
	}{
		"resource attribute":    {vpc, "aws_vpc.cidr_block"},
		"data source attribute": {dataVPC, "data.aws_vpc.cidr_block"},
		"known text":            {TextOrigin("10.0.0.0/16"), `"10.0.0.0/16"`},
		"blank text":            {TextOrigin(""), `""`},
		"prefix length":         {PrefixLenOrigin(32), "prefixlen(32)"},
		"subnet of attribute":   {vpc.Subnet(), "cidrsubnet(aws_vpc.cidr_block)"},
		"subnet of subnet":      {vpc.Subnet().Subnet(), "cidrsubnet(cidrsubnet(aws_vpc.cidr_block))"},
		"subnet of text":        {TextOrigin("10.0.0.0/16").Subnet(), `cidrsubnet("10.0.0.0/16")`},
		"written attribute":     {AttrOrigin(false, "aws_subnet", "cidr_block", true), "aws_subnet.cidr_block"},
	} {
		assert.Equal(t, tc.want, tc.src.String(), name)
	}

	assert.True(t, vpc.IsAttr(false, "aws_vpc", "cidr_block"))
	assert.False(t, vpc.IsAttr(true, "aws_vpc", "cidr_block"), "a data source is not the resource")
	assert.False(t, vpc.Subnet().IsAttr(false, "aws_vpc", "cidr_block"), "a subnet is not the block")
	assert.True(t, TextOrigin("x").IsKnownText())
	assert.False(t, TextOrigin("x").Subnet().IsKnownText(), "a subnet of known text is not that text")
	assert.False(t, vpc.IsKnownText())
}

// An entry is one attribute only when it is exactly that attribute; text
// around it, several alternatives or a subnet of it are not.
func TestOriginEntries(t *testing.T) {
	arn := AttrOrigin(false, "aws_s3_bucket", "arn", false)
	written := AttrOrigin(false, "aws_lambda_permission", "source_arn", true)

	var zero Origin
	assert.True(t, zero.IsZero())
	assert.Empty(t, zero.String())
	_, ok := zero.Attr()
	assert.False(t, ok)

	one := Origin{Sources: []OriginSource{arn}}
	got, ok := one.Attr()
	require.True(t, ok)
	assert.Equal(t, arn, got)
	assert.Equal(t, "aws_s3_bucket.arn", one.String())
	assert.False(t, one.ReadsWritten())

	text := Origin{Sources: []OriginSource{arn}, InText: true}
	_, ok = text.Attr()
	assert.False(t, ok, "text built around the ARN is not the ARN")
	assert.Equal(t, "text(aws_s3_bucket.arn)", text.String())

	either := Origin{Sources: []OriginSource{arn, written}}
	_, ok = either.Attr()
	assert.False(t, ok, "one of two attributes")
	assert.Equal(t, "aws_s3_bucket.arn|aws_lambda_permission.source_arn", either.String())
	assert.True(t, either.ReadsWritten(), "one alternative is the configuration's value")

	_, ok = Origin{Sources: []OriginSource{arn.Subnet()}}.Attr()
	assert.False(t, ok)

	assert.True(t, Origin{Sources: []OriginSource{TextOrigin("")}}.IsBlankText())
	assert.False(t, Origin{Sources: []OriginSource{TextOrigin(" ")}}.IsBlankText())
	assert.False(t, Origin{Sources: []OriginSource{TextOrigin("")}, InText: true}.IsBlankText())

	assert.Nil(t, Origins(nil).Strings())
	assert.Equal(t, []string{"aws_s3_bucket.arn", ""}, Origins{one, zero}.Strings())
}

// SortSources orders by rendering and merges repeats, keeping that one of
// them is written: the same attribute read from two resources, one of
// which writes it, may be the configuration's value.
func TestSortSourcesKeepsWritten(t *testing.T) {
	plain := AttrOrigin(false, "aws_lambda_permission", "source_arn", false)
	written := AttrOrigin(false, "aws_lambda_permission", "source_arn", true)
	vpc := AttrOrigin(false, "aws_vpc", "cidr_block", false)
	text := TextOrigin("10.0.0.0/16")

	got := SortSources([]OriginSource{vpc, plain, text, written})
	require.Len(t, got, 3)
	assert.Equal(t, `"10.0.0.0/16"|aws_lambda_permission.source_arn|aws_vpc.cidr_block`, Origin{Sources: got}.String(), "sorted, without repeats")
	assert.Equal(t, text, got[0])
	assert.True(t, got[1].Written, "a repeat that is written keeps the flag")
	assert.Equal(t, vpc, got[2])

	got = SortSources([]OriginSource{written, plain})
	require.Len(t, got, 1)
	assert.True(t, got[0].Written, "whichever comes first")
}
