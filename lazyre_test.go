package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
)

// The binary links every package that compiles a regular expression on
// first use; a scan reaches only some of them, so an invalid one must be
// found here rather than by the user whose configuration reaches it.
func TestEveryLazyExpressionCompiles(t *testing.T) {
	n, err := lazyre.CompileAll()
	require.NoError(t, err)
	assert.Greater(t, n, 30, "the rules, loader, config, engine, ledger and provider register their expressions")
}
