package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

func TestActionOnEveryResource(t *testing.T) {
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
		{"arn:aws:s3:::*", "s3:PutObject", true},
		{"arn:aws:logs:*:*:*", "logs:PutLogEvents", true},
		{"arn:aws:logs:*:*:log-group:/aws/lambda/*", "logs:PutLogEvents", false},
		{"arn:aws:iam::*:role/*", "iam:PassRole", true},
		{"arn:aws:iam::*:role/service-role/*", "iam:PassRole", false},
		{"arn:aws:iam::*:*", "iam:PassRole", true},
		{"arn:aws:iam::*:user/*", "iam:PassRole", false},
		{"arn:aws:iam::*:role/*", "iam:*", true}, // a pattern spanning types counts on every resource of one
		{"arn:aws:s3:::*", "*", true},
		{"arn:aws:s3:::*", "ec2:*", false},
		{"arn:aws:lambda:*", "lambda:UpdateFunctionCode", true}, // a trailing * spans the remaining parts
		{"arn:aws:iam::*", "iam:PassRole", true},
		{"arn:aws:iam::123456789012", "iam:PassRole", false},
		{"arn:aws:lambda", "lambda:UpdateFunctionCode", false},
	} {
		_, got := actionOnEveryResource(c.action, c.res)
		assert.Equal(t, c.want, got, "%s for %s", c.res, c.action)
	}
}

func TestNarrowAndAllResources(t *testing.T) {
	n, ok := actionOnEveryResource("*", "arn:aws:s3:::*")
	assert.True(t, ok)
	assert.Equal(t, "s3:*", n, "Action * on every S3 resource is every S3 action, not full admin")
	n, ok = actionOnEveryResource("*", "arn:aws:*:*:*:*")
	assert.True(t, ok)
	assert.Equal(t, "*", n)
	n, ok = actionOnEveryResource("s*:Put*", "arn:aws:s3:::*")
	assert.True(t, ok)
	assert.Equal(t, "s3:Put*", n)
	assert.True(t, isAllResources("*"))
	assert.True(t, isAllResources("arn:aws:*:*:*:*"))
	assert.False(t, isAllResources("arn:aws:s3:::*"))
}

func TestEveryResourceGrant(t *testing.T) {
	vals := func(v ...string) iamValues { return iamValues{Values: v, Present: true} }
	write := func(a string) bool { return isWriteAction(a) }
	for _, c := range []struct {
		name    string
		st      iamStatement
		pred    func(string) bool
		want    scanner.Tri
		granted string
	}{
		{"write on every bucket", iamStatement{Action: vals("s3:PutObject"), Resource: vals("arn:aws:s3:::*")}, write, scanner.Yes, "s3:PutObject"},
		{"write on one bucket", iamStatement{Action: vals("s3:PutObject"), Resource: vals("arn:aws:s3:::uploads/*")}, write, scanner.No, ""},
		{"read on every bucket", iamStatement{Action: vals("s3:GetObject"), Resource: vals("arn:aws:s3:::*")}, write, scanner.No, ""},
		{"all actions on every bucket", iamStatement{Action: vals("*"), Resource: vals("arn:aws:s3:::*")}, isAllActions, scanner.No, ""},
		{"all actions narrowed", iamStatement{Action: vals("*"), Resource: vals("arn:aws:s3:::*")}, write, scanner.Yes, "s3:*"},
		{"notaction excluding the service", iamStatement{NotAction: vals("s3:*"), Resource: vals("arn:aws:s3:::*")}, write, scanner.No, ""},
		{"notaction on another service", iamStatement{NotAction: vals("iam:*"), Resource: vals("arn:aws:s3:::*")}, write, scanner.Yes, "s3:*"},
		{"unknown bucket name", iamStatement{Action: vals("s3:PutObject"), Resource: unknownRes("arn:aws:s3:::\x00")}, write, scanner.No, ""},
		{"unknown account", iamStatement{Action: vals("iam:PassRole"), Resource: unknownRes("arn:aws:iam::\x00")}, write, scanner.Maybe, ""},
		{"unknown account, other service", iamStatement{Action: vals("s3:PutObject"), Resource: unknownRes("arn:aws:iam::\x00")}, write, scanner.No, ""},
		{"unknown actions on every resource", iamStatement{Action: iamValues{Present: true, Unknown: true}, Resource: vals("*")}, write, scanner.Maybe, ""},
		{"unknown actions on one bucket", iamStatement{Action: iamValues{Present: true, Unknown: true}, Resource: vals("arn:aws:s3:::b/*")}, write, scanner.No, ""},
	} {
		got, granted, _ := everyResourceGrant(c.st, c.pred)
		assert.Equal(t, c.want, got, c.name)
		assert.Equal(t, c.granted, granted, c.name)
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
	partial := func(p string) iamStatement { return iamStatement{Resource: unknownRes(p + "\x00")} }
	assert.Equal(t, scanner.No, coversEveryResourceFor(partial("arn:aws:s3:::"), "s3:GetObject"))
	assert.Equal(t, scanner.No, coversEveryResourceFor(partial("arn:aws:iam::123456789012:role/"), "sts:AssumeRole"))
	assert.Equal(t, scanner.Maybe, coversEveryResourceFor(partial("arn:"), "s3:GetObject"))
	assert.Equal(t, scanner.Maybe, coversEveryResourceFor(partial("arn:aws:iam::"), "iam:PassRole"), "the account is unknown and the rest unseen")
	assert.Equal(t, scanner.No, coversEveryResourceFor(partial("arn:aws:ssm:"), "s3:GetObject"), "another service")
	assert.Equal(t, scanner.Maybe, coversEveryResourceFor(iamStatement{Resource: iamValues{Present: true, Unknown: true}}, "s3:GetObject"))
	// What is known after the unknown part decides.
	skel := func(sk string) iamStatement { return iamStatement{Resource: unknownRes(sk)} }
	assert.Equal(t, scanner.Yes, coversEveryResourceFor(skel("arn:\x00:iam::\x00:role/*"), "iam:PassRole"), "unknown partition and account")
	assert.Equal(t, scanner.No, coversEveryResourceFor(skel("arn:\x00:iam::\x00:user/${aws:username}"), "iam:CreateAccessKey"))
	assert.Equal(t, scanner.No, coversEveryResourceFor(skel("arn:\x00:iam::\x00:role/\x00"), "iam:PassRole"), "an unknown role name")
	assert.Equal(t, scanner.Maybe, coversEveryResourceFor(skel("arn:aws:\x00:x:x:*"), "s3:GetObject"), "an unknown service")
	assigned := iamStatement{Resource: iamValues{Present: true, Unknown: true, Assigned: true, Skeletons: []string{"\x00/*"}}}
	assert.Equal(t, scanner.No, coversEveryResourceFor(assigned, "s3:GetObject"), "an assigned ARN's objects")
	assert.Equal(t, scanner.Maybe, coversEveryResourceFor(skel("\x00/*"), "s3:GetObject"), "an unknown ARN's objects")
	assignedAccount := iamStatement{Resource: iamValues{Present: true, Unknown: true, Assigned: true, Skeletons: []string{"arn:aws:iam::\x00"}}}
	assert.Equal(t, scanner.No, coversEveryResourceFor(assignedAccount, "iam:PassRole"), "only a beginning, the rest assigned")
	assignedSkeleton := iamStatement{Resource: iamValues{Present: true, Unknown: true, Assigned: true, Skeletons: []string{"arn:aws:iam::\x00:role/*"}}}
	assert.Equal(t, scanner.Yes, coversEveryResourceFor(assignedSkeleton, "iam:PassRole"), "an assigned account ID does not scope role/*")
	assert.Equal(t, scanner.No, coversEveryResourceFor(iamStatement{Resource: iamValues{Present: true, Unknown: true, Assigned: true}}, "s3:GetObject"))
	assert.Equal(t, scanner.Yes, coversEveryResourceFor(iamStatement{NotResource: iamValues{Present: true, Values: []string{"arn:aws:s3:::audit/*"}}}, "s3:GetObject"))
}

func unknownRes(skeletons ...string) iamValues {
	return iamValues{Present: true, Unknown: true, Skeletons: skeletons}
}
