package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestArnAccountOpen(t *testing.T) {
	for _, v := range []string{"arn:aws:iam::*", "arn:aws:iam::*:role/deploy", "arn:aws:iam::12345678901?:root", "arn:aws:iam:::role/x", "arn:*"} {
		assert.True(t, arnAccountOpen(v), "%s leaves the account open", v)
	}
	for _, v := range []string{"arn:aws:iam::123456789012:role/deploy-*", "arn:aws:iam::123456789012:root", "arn:aws:iam"} {
		assert.False(t, arnAccountOpen(v), "%s names an account", v)
	}
}

func TestRestrictsCallerPrincipalArnPatterns(t *testing.T) {
	cond := func(op, v string) iamCondition {
		return iamCondition{Operator: op, Key: "aws:PrincipalArn", Values: []string{v}}
	}
	assert.Equal(t, scanner.No, restrictsCaller(cond("ArnLike", "arn:aws:iam::*:role/deploy")))
	assert.Equal(t, scanner.No, restrictsCaller(cond("ArnEquals", "arn:aws:iam::*")))
	assert.Equal(t, scanner.No, restrictsCaller(cond("StringLike", "arn:aws:iam::*:root")))
	assert.Equal(t, scanner.Yes, restrictsCaller(cond("StringEquals", "arn:aws:iam::*:root")), "StringEquals takes * literally")
	assert.Equal(t, scanner.Yes, restrictsCaller(cond("ArnLike", "arn:aws:iam::123456789012:role/deploy-*")))
	source := iamCondition{Operator: "ArnLike", Key: "aws:SourceArn", Values: []string{"arn:aws:cloudtrail:*:111122223333:trail/*"}}
	assert.Equal(t, scanner.Yes, restrictsCaller(source))
}

func TestCtyPrincipalsBareStringKnownByItsPrefix(t *testing.T) {
	account := cty.UnknownVal(cty.String).Refine().NotNull().StringPrefixFull("arn:aws:iam::").NewValue()
	p, err := ctyPrincipals(account)
	require.NoError(t, err)
	assert.True(t, p.Present)
	assert.False(t, p.Unknown, "an account ARN cannot be the wildcard")
	assert.False(t, p.IsWildcard())

	p, err = ctyPrincipals(cty.UnknownVal(cty.String))
	require.NoError(t, err)
	assert.True(t, p.Unknown, "a principal with no known text might be the wildcard")
}
