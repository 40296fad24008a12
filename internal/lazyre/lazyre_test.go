package lazyre

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNewCompilesOnceOnFirstUse(t *testing.T) {
	re := New(`^a+b$`)
	first := re()
	assert.True(t, first.MatchString("aab"))
	assert.False(t, first.MatchString("ba"))
	assert.Same(t, first, re(), "the second call returns the compiled expression")
}

func TestNewPanicsOnFirstUseOfAnInvalidExpression(t *testing.T) {
	re := New(`(`)
	assert.Panics(t, func() { re() })
}

func TestCompileAllReportsAnInvalidExpression(t *testing.T) {
	New(`[a-`)
	_, err := CompileAll()
	assert.ErrorContains(t, err, "error parsing regexp")
}
