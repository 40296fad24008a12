package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// An identifier AWS assigns decides a policy's Resource as the one object
// it names; one the configuration writes (OriginSource.Written), or one a
// type in identifierTypes gives back from its arguments, may be "*".
func TestIsAssignedIDSource(t *testing.T) {
	for name, tc := range map[string]struct {
		src  scanner.OriginSource
		want bool
	}{
		"bucket arn":                {scanner.AttrOrigin(false, "aws_s3_bucket", "arn", false), true},
		"role unique_id":            {scanner.AttrOrigin(false, "aws_iam_role", "unique_id", false), true},
		"data source arn":           {scanner.AttrOrigin(true, "aws_s3_bucket", "arn", false), true},
		"written source_arn":        {scanner.AttrOrigin(false, "aws_lambda_permission", "source_arn", true), false},
		"source_arn not written":    {scanner.AttrOrigin(false, "aws_lambda_permission", "source_arn", false), true},
		"bucket name":               {scanner.AttrOrigin(false, "aws_s3_bucket", "bucket", false), false},
		"aws_arn echoes":            {scanner.AttrOrigin(true, "aws_arn", "arn", false), false},
		"session context echoes":    {scanner.AttrOrigin(true, "aws_iam_session_context", "issuer_arn", false), false},
		"object id is the key":      {scanner.AttrOrigin(false, "aws_s3_object", "id", false), false},
		"object arn is assigned":    {scanner.AttrOrigin(false, "aws_s3_object", "arn", false), true},
		"data object id":            {scanner.AttrOrigin(true, "aws_s3_object", "id", false), true},
		"another provider's type":   {scanner.AttrOrigin(false, "google_project", "id", false), false},
		"known text":                {scanner.TextOrigin("arn:aws:s3:::b"), false},
		"a subnet of an identifier": {scanner.AttrOrigin(false, "aws_vpc", "id", false).Subnet(), false},
	} {
		assert.Equal(t, tc.want, isAssignedIDSource(tc.src), name)
	}

	arn := scanner.AttrOrigin(false, "aws_s3_bucket", "arn", false)
	written := scanner.AttrOrigin(false, "aws_lambda_permission", "source_arn", true)
	assert.True(t, assignedEntry(scanner.Origin{Sources: []scanner.OriginSource{arn}, InText: true}), "text around an ARN")
	assert.False(t, assignedEntry(scanner.Origin{Sources: []scanner.OriginSource{arn, written}}), "one alternative is written")
	assert.False(t, assignedEntry(scanner.Origin{}), "read from nowhere known")
}

// The network rules go by what the provider allows an attribute to hold,
// whoever writes it: a subnet's cidr_block written from a variable is
// still never the internet.
func TestWorldSourceIgnoresWritten(t *testing.T) {
	entry := func(srcs ...scanner.OriginSource) scanner.Origin { return scanner.Origin{Sources: srcs} }
	written := scanner.AttrOrigin(false, "aws_subnet", "cidr_block", true)
	assert.True(t, notWorldEntry(entry(written)))
	assert.True(t, notWorldEntry(entry(written.Subnet())))
	assert.True(t, notWorldEntry(entry(scanner.TextOrigin("10.0.0.0/16"))))
	assert.False(t, notWorldEntry(entry(scanner.TextOrigin("0.0.0.0/0"))))
	assert.True(t, notWorldEntry(entry(scanner.PrefixLenOrigin(32))))
	assert.False(t, notWorldEntry(entry(scanner.PrefixLenOrigin(0))))
	assert.False(t, notWorldEntry(entry(scanner.AttrOrigin(false, "aws_instance", "private_ip", false))))
	assert.False(t, notWorldEntry(scanner.Origin{Sources: []scanner.OriginSource{written}, InText: true}), "text built around a block")
	assert.False(t, notWorldEntry(scanner.Origin{}))

	unknown := scanner.Value{Val: cty.UnknownVal(cty.String), Present: true}
	_, state := worldSource(unknown.WithOrigins(scanner.Origins{entry(written)}))
	assert.Equal(t, scanner.No, state)
	_, state = worldSource(unknown)
	assert.Equal(t, scanner.Maybe, state)
}
