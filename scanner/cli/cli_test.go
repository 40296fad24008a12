package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/rules"
)

// testVersion is the version the commands run as in tests.
const testVersion = "1.2.3-test"

// catalogueDeps runs the commands with the real rule catalogue.
func catalogueDeps() Deps {
	return Deps{Rules: rules.All(), DataSources: rules.DataSources(), Version: testVersion}
}

// runWith runs the command in args with d and no input.
func runWith(d Deps, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, Streams{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}, d)
	return code, out.String(), errb.String()
}

// run runs the command in args with the real rule catalogue.
func run(args ...string) (code int, stdout, stderr string) {
	return runWith(catalogueDeps(), args...)
}

func TestUnknownCommandPrintsUsageAndExitsTwo(t *testing.T) {
	code, _, stderr := run("frobnicate")
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, `unknown command "frobnicate"`)
	assert.Contains(t, stderr, "Usage: terraform-provider-soc2")
	assert.Contains(t, stderr, "criteria")
}

func TestVersion(t *testing.T) {
	code, stdout, _ := run("version")
	assert.Equal(t, ExitOK, code)
	assert.True(t, strings.HasPrefix(stdout, "terraform-provider-soc2 "+testVersion+" ("), stdout)
}

func TestCriteriaTable(t *testing.T) {
	code, stdout, _ := run("criteria")
	require.Equal(t, ExitOK, code)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	assert.Len(t, lines, 62, "header plus 61 criteria")
	assert.Contains(t, lines[0], "ID")
	assert.Contains(t, stdout, "CC6.1 ")
}

func TestCriteriaJSONFiltered(t *testing.T) {
	code, stdout, _ := run("criteria", "--format", "json", "--category", "availability")
	require.Equal(t, ExitOK, code)
	var got struct {
		Criteria []struct{ ID, Category, Group, Title string }
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &got))
	require.Len(t, got.Criteria, 3)
	assert.Equal(t, "A1.1", got.Criteria[0].ID)
	assert.Equal(t, "availability", got.Criteria[0].Category)

	code, stdout, _ = run("criteria", "--group", "cc8", "--format=json")
	require.Equal(t, ExitOK, code)
	require.NoError(t, json.Unmarshal([]byte(stdout), &got))
	require.Len(t, got.Criteria, 1)
	assert.Equal(t, "CC8.1", got.Criteria[0].ID)
}

func TestCriteriaBadFlags(t *testing.T) {
	code, _, stderr := run("criteria", "--format", "yaml")
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, `invalid value "yaml"`)

	code, _, stderr = run("criteria", "--category", "secrecy")
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, "processing_integrity")
}
