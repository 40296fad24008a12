package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFindCredential(t *testing.T) {
	what, masked, ok := findCredential("export KEY=AKIAIOSFODNN7EXAMPLE")
	assert.True(t, ok)
	assert.Equal(t, "an AWS access key ID", what)
	assert.Equal(t, `"AKIA"… (20 characters)`, masked)
	assert.NotContains(t, masked, "IOSFODNN7EXAMPLE", "the key is never echoed in full")

	_, _, ok = findCredential("IyEvYmluL2Jhc2gKZXhwb3J0IEs9QVNJQUlPU0ZPRE5ON0VYQU1QTEUK") // base64 of a script with an ASIA key
	assert.True(t, ok, "base64-encoded user data is decoded")

	for _, clean := range []string{"AKIA-not-a-key", "arn:aws:iam::123456789012:role/app", "-----BEGIN PUBLIC KEY-----"} {
		_, _, ok := findCredential(clean)
		assert.False(t, ok, clean)
	}
}
