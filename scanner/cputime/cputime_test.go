package cputime

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProcess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("measured on unix only")
	}
	before, ok := Process()
	require.True(t, ok)
	for start := time.Now(); time.Since(start) < 20*time.Millisecond; {
	}
	after, ok := Process()
	require.True(t, ok)
	assert.Greater(t, after, before, "a busy loop costs CPU")
}
