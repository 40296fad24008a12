package inventory

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckEmail(t *testing.T) {
	for _, ok := range []string{"alice@example.com", "a.b+soc2@sub.example.co.uk", "Alice@Example.com"} {
		assert.NoError(t, CheckEmail(ok), ok)
	}
	for _, bad := range []string{"", "alice", "alice@", "@example.com", "alice@localhost", "alice@example.", "Alice <alice@example.com>", "alice@example.com, bob@example.com", " alice@example.com",
		"a/b@example.com", "alice@example.com\n", "ali\x00ce@example.com", "\"a\nb\"@example.com"} {
		assert.Error(t, CheckEmail(bad), bad)
	}
}

func TestValidControlID(t *testing.T) {
	for _, ok := range []string{"CRY-01", "IAM.2", "OPS_BACKUP_01", "A"} {
		assert.True(t, ValidControlID(ok), ok)
	}
	long := "A"
	for len(long) < MaxControlIDLength {
		long += "1"
	}
	assert.True(t, ValidControlID(long), "exactly the maximum length")
	for _, bad := range []string{"", "cry-01", "1A", "CRY--01", "CRY-", "CRY 01", long + "1"} {
		assert.False(t, ValidControlID(bad), bad)
	}
}
