package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHeapProfileIsWrittenWhereAsked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "heap.prof")
	var stderr bytes.Buffer
	heapProfiler(path, &stderr)()
	assert.Empty(t, stderr.String())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotEmpty(t, data, "a gzipped pprof profile")

	heapProfiler(filepath.Join(dir, "missing", "heap.prof"), &stderr)()
	assert.Contains(t, stderr.String(), memProfileEnv)
}

func TestEnvValueTakesTheLastAssignment(t *testing.T) {
	assert.Equal(t, "b", envValue([]string{"X=a", "Y=c", "X=b"}, "X"))
	assert.Empty(t, envValue([]string{"XY=a"}, "X"))
}
