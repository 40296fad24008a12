package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestWildcardOnlyResource(t *testing.T) {
	for _, c := range []struct {
		res, action string
		want        bool
	}{
		{"*", "s3:GetObject", true},
		{"arn:aws:s3:::*", "s3:GetObject", true},
		{"arn:aws:s3:::*/*", "s3:GetObject", true},
		{"arn:*:*:*:*:*", "s3:GetObject", true},
		{"arn:aws:s3:::reports/*", "s3:GetObject", false},
		{"arn:aws:s3:::user/*", "s3:GetObject", false}, // a bucket named "user", not a type
		{"arn:aws:ssm:*:*:parameter/*", "ssm:GetParameter", true},
		{"arn:aws:ssm:eu-west-1:123456789012:parameter/app/*", "ssm:GetParameter", false},
		{"arn:aws:secretsmanager:*:123456789012:secret:*", "secretsmanager:GetSecretValue", true},
		{"arn:aws:secretsmanager:*:123456789012:secret:db-*", "secretsmanager:GetSecretValue", false},
		{"arn:aws:iam::123456789012:user/*", "iam:CreateAccessKey", true},
		{"arn:aws:iam::123456789012:role/*", "iam:CreateAccessKey", false}, // users, not roles
		{"arn:aws:iam::*:role/*", "sts:AssumeRole", true},                  // roles are IAM's ARNs
		{"arn:aws:sts::*:role/*", "sts:AssumeRole", false},
		{"arn:aws:iam::123456789012:user/${aws:username}", "iam:CreateAccessKey", false},
		{"arn:aws:iam::123456789012:*", "iam:CreateAccessKey", true},
		{"arn:aws:lambda:*:*:function:*", "lambda:UpdateFunctionCode", true},
		{"arn:aws:lambda:*:*:function:api", "lambda:UpdateFunctionCode", false},
		{"arn:aws:s3:::*", "ssm:GetParameter", false},
		{"arn:aws:ec2:*:*:instance/*", "ec2:RunInstances", true},
	} {
		assert.Equal(t, c.want, wildcardOnlyResource(c.res, c.action), "%s for %s", c.res, c.action)
	}
}

func TestGrantsAction(t *testing.T) {
	vals := func(v ...string) iamValues { return iamValues{Values: v, Present: true} }
	for _, c := range []struct {
		name string
		st   iamStatement
		want scanner.Tri
	}{
		{"exact", iamStatement{Action: vals("s3:GetObject")}, scanner.Yes},
		{"case", iamStatement{Action: vals("S3:GETOBJECT")}, scanner.Yes},
		{"service wildcard", iamStatement{Action: vals("s3:*")}, scanner.Yes},
		{"verb wildcard", iamStatement{Action: vals("s3:Get*")}, scanner.Yes},
		{"question mark", iamStatement{Action: vals("s3:GetObjec?")}, scanner.Yes},
		{"all", iamStatement{Action: vals("*")}, scanner.Yes},
		{"other", iamStatement{Action: vals("s3:PutObject", "s3:GetObjectAcl")}, scanner.No},
		{"unknown", iamStatement{Action: iamValues{Present: true, Unknown: true, Values: []string{"s3:ListBucket"}}}, scanner.Maybe},
		{"notaction excludes", iamStatement{NotAction: vals("s3:*")}, scanner.No},
		{"notaction covers", iamStatement{NotAction: vals("iam:*")}, scanner.Yes},
		{"notaction unknown", iamStatement{NotAction: iamValues{Present: true, Unknown: true}}, scanner.Maybe},
		{"neither", iamStatement{}, scanner.No},
	} {
		assert.Equal(t, c.want, grantsAction(c.st, "s3:GetObject"), c.name)
	}
}

func TestCoversEveryResourceForPartial(t *testing.T) {
	partial := func(p ...string) iamStatement {
		return iamStatement{Resource: iamValues{Present: true, Unknown: true, Partial: p}}
	}
	assert.Equal(t, scanner.No, coversEveryResourceFor(partial("arn:aws:s3:::"), "s3:GetObject"))
	assert.Equal(t, scanner.No, coversEveryResourceFor(partial("arn:aws:iam::123456789012:role/"), "sts:AssumeRole"))
	assert.Equal(t, scanner.Maybe, coversEveryResourceFor(partial("arn:"), "s3:GetObject"))
	assert.Equal(t, scanner.Maybe, coversEveryResourceFor(iamStatement{Resource: iamValues{Present: true, Unknown: true}}, "s3:GetObject"))
	assert.Equal(t, scanner.No, coversEveryResourceFor(iamStatement{Resource: iamValues{Present: true, Unknown: true, Assigned: true}}, "s3:GetObject"))
	assert.Equal(t, scanner.Yes, coversEveryResourceFor(iamStatement{NotResource: iamValues{Present: true, Values: []string{"arn:aws:s3:::audit/*"}}}, "s3:GetObject"))
}
