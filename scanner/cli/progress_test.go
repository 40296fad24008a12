package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runProgress runs scan with the given stderr terminal state, environment
// and clock step (how far the clock moves at each reading).
func runProgress(t *testing.T, stderrTerminal bool, env []string, step time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d := fixtureDeps()
	d.Now = func() time.Time {
		now = now.Add(step)
		return now
	}
	var out, errb bytes.Buffer
	code = Main(append([]string{"scan"}, args...), Streams{Stdout: &out, Stderr: &errb, StderrIsTerminal: stderrTerminal, Env: env}, d)
	return code, out.String(), errb.String()
}

func TestScanProgressAlwaysWritesOneLinePerRoot(t *testing.T) {
	insecure, clean := fixture(t, "insecure"), fixture(t, "clean")
	code, stdout, stderr := runProgress(t, false, []string{"CI=true"}, 0, "--progress=always", "--format", "json", insecure, clean)
	assert.Equal(t, ExitFindings, code, stderr)
	assert.Contains(t, stderr, "scanning: 1/2 root modules loaded: "+insecure+" (1 files read)\n")
	assert.Contains(t, stderr, "scanning: 2/2 root modules loaded: "+clean)
	assert.NotContains(t, stderr, "\r", "no line rewriting off a terminal")
	var rep map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep), "progress never reaches a machine format's stdout")
}

func TestScanProgressAutoOnlyOnASlowTerminalRunOutsideCI(t *testing.T) {
	insecure := fixture(t, "insecure")
	slow := 3 * time.Second

	_, _, stderr := runProgress(t, true, nil, slow, insecure)
	assert.Contains(t, stderr, "\r\x1b[Kscanning: 1/1 root modules loaded: "+insecure)
	assert.True(t, strings.HasSuffix(stderr, "\r\x1b[K"), "the progress line is cleared before the report: %q", stderr)

	cases := map[string]struct {
		terminal bool
		env      []string
		step     time.Duration
		args     []string
	}{
		"fast scan":             {terminal: true, step: 0},
		"CI":                    {terminal: true, env: []string{"CI=true"}, step: slow},
		"stderr not a terminal": {terminal: false, step: slow},
		"never":                 {terminal: true, step: slow, args: []string{"--progress=never"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, stdout, stderr := runProgress(t, tc.terminal, tc.env, tc.step, append(tc.args, insecure)...)
			assert.NotContains(t, stderr, "scanning:")
			assert.NotContains(t, stdout, "scanning:")
		})
	}
	assert.False(t, inCI([]string{"CI=false"}))
	assert.True(t, inCI([]string{"PATH=/bin", "CI=1"}))
}

func TestScanProgressRejectsUnknownMode(t *testing.T) {
	code, _, stderr := runFixture("scan", "--progress=sometimes", fixture(t, "clean"))
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, `--progress: invalid value "sometimes": use one of auto, always, never`)
}

func TestScanCompactAndQuiet(t *testing.T) {
	insecure := fixture(t, "insecure")
	code, stdout, stderr := runFixture("scan", "--compact", insecure)
	assert.Equal(t, ExitFindings, code, stderr)
	assert.Equal(t, strings.Join([]string{
		insecure + "/main.tf:3:3: HIGH test-enc aws_db_instance.main: storage_encrypted is not true",
		insecure + `/main.tf:7:3: LOW test-bucket-name aws_s3_bucket.logs: bucket name lacks prefix "logs"`,
		"FAIL: 2 failed, 0 unknown, 0 passed, 0 suppressed.",
		"",
	}, "\n"), stdout)

	code, stdout, _ = runFixture("scan", "--quiet", "--severity-threshold", "high", insecure)
	assert.Equal(t, ExitFindings, code)
	assert.Equal(t, 2, strings.Count(stdout, "\n"), stdout)
	assert.NotContains(t, stdout, "test-bucket-name")

	code, _, stderr = runFixture("scan", "--compact", "--format", "json", insecure)
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, "--compact and --quiet shape the text format, not --format json")
}
