package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsWriteAction(t *testing.T) {
	for _, a := range []string{"s3:GetObject", "ec2:Describe*", "s3:List*", "logs:StartQuery", "LOGS:startquery", "dynamodb:Query", "s3:getobject", "sts:GetCallerIdentity"} {
		assert.False(t, isWriteAction(a), "%s only reads", a)
	}
	for _, a := range []string{"*", "s3:*", "s3:Put*", "s3:G*", "ec2:StartInstances", "iam:AttachRolePolicy", "kms:Decrypt", "sqs:SendMessage", "ec2:Getaway"} {
		assert.True(t, isWriteAction(a), "%s can write", a)
	}
}

func TestAccountOf(t *testing.T) {
	for id, want := range map[string]string{"123456789012": "123456789012", "arn:aws:iam::210987654321:root": "210987654321", "arn:aws-us-gov:iam::210987654321:root": "210987654321"} {
		got, ok := accountOf(id)
		assert.True(t, ok, id)
		assert.Equal(t, want, got, id)
	}
	for _, id := range []string{"arn:aws:iam::210987654321:role/ci", "lambda.amazonaws.com", "*", "1234"} {
		_, ok := accountOf(id)
		assert.False(t, ok, id)
	}
}
