package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --config reads the inventory from .tf files, and --format oscal writes
// it as an OSCAL component definition dated --now (its schema validation
// is tested in package inventory).
func TestInventoryConfigOSCAL(t *testing.T) {
	code, stdout, stderr := inventoryCmd("", "--config", inventoryExample, "--format", "oscal", "--now", "2026-12-01")
	require.Equal(t, ExitOK, code, "stderr: %s", stderr)
	var doc struct {
		ComponentDefinition struct {
			Metadata struct {
				LastModified string `json:"last-modified"`
			} `json:"metadata"`
			Components []json.RawMessage `json:"components"`
		} `json:"component-definition"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc))
	assert.Equal(t, "2026-12-01T00:00:00Z", doc.ComponentDefinition.Metadata.LastModified)

	code, stdout, stderr = inventoryCmd("", "--config", inventoryExample, "--format", "json", "--now", "2026-12-01")
	require.Equal(t, ExitOK, code, "stderr: %s", stderr)
	var rep struct {
		Source struct {
			Name, Form string
		} `json:"source"`
		Controls []json.RawMessage `json:"controls"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	assert.Equal(t, inventoryExample, rep.Source.Name)
	assert.Equal(t, "config", rep.Source.Form)
	require.NotEmpty(t, rep.Controls)
	assert.Len(t, doc.ComponentDefinition.Components, len(rep.Controls), "one component per control")
}

func TestInventoryConfigErrors(t *testing.T) {
	code, _, stderr := inventoryCmd("", "--config", inventoryExample, stateFixture)
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, "not both")

	code, _, stderr = inventoryCmd("", "--config", filepath.Join(t.TempDir(), "missing"))
	assert.Equal(t, ExitError, code)
	assert.True(t, strings.Contains(stderr, "missing"), stderr)
}
