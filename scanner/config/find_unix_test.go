//go:build unix

package config

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindRefusesAConfigurationThatIsNoFile(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, FileName), 0o644))
	_, err := Find(dir)
	require.Error(t, err, "opening a FIFO found upward would block")
	assert.Contains(t, err.Error(), "is not a regular file")
}
