package heapsample

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOff(t *testing.T) {
	for _, tc := range []struct {
		godebug string
		want    bool
	}{
		{"", true},
		{"inittrace=1", true},
		{"memprofilerate=1", false},
		{"inittrace=1,memprofilerate=4096", false},
	} {
		called := false
		off(tc.godebug, func() { called = true })
		assert.Equal(t, tc.want, called, "GODEBUG=%q", tc.godebug)
	}
}
