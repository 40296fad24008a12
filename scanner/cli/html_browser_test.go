package cli

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/htmlreport/htmltest"
)

// chromium finds Debian's chromium. Without it the browser test skips
// locally but fails in CI (CI is set), where .ci/run installs it: the
// proof must not silently vanish there.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not on PATH, and CI must run the browser test: install Debian's chromium package (.ci/run does)")
	}
	t.Skip("chromium is not on PATH: skipping the browser test (apt-get install chromium)")
	return ""
}

// artifactDir is where a test leaves what a person may want to look at:
// $SOC2_TEST_ARTIFACTS when set (CI keeps it), else a temporary directory.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SOC2_TEST_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir, err := filepath.Abs(dir)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	return dir
}

// runChromium runs headless chromium on the page with args and returns its
// standard output.
func runChromium(t *testing.T, browser, page string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	// --no-sandbox: the sandbox cannot start as root (CI containers), and
	// the page is our own local file.
	cmd := exec.CommandContext(ctx, browser, append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
		"--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + t.TempDir(),
	}, append(args, (&url.URL{Scheme: "file", Path: page}).String())...)...)
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		require.NoError(t, err, "chromium %v: %s", args, exit.Stderr)
	}
	require.NoError(t, err, "chromium %v", args)
	return out
}

// TestCoverageHTMLInChromium opens the coverage page of the examples in a
// real browser: the DOM chromium builds holds the grid, with every
// criterion's verdict as the JSON report gives it, and a known failing
// resource; the screenshot (kept as an artifact) shows the grid's colours.
func TestCoverageHTMLInChromium(t *testing.T) {
	browser := chromium(t)
	args := []string{"--config", inventoryExample, "--scan", insecureExample}
	code, page, stderr := coverageCmd("", append(args, "--format", "html")...)
	require.Equal(t, ExitOK, code, stderr)
	dir := artifactDir(t)
	pagePath := filepath.Join(dir, "coverage.html")
	require.NoError(t, os.WriteFile(pagePath, []byte(page), 0o644))

	start := time.Now()
	doc := htmltest.Parse(t, string(runChromium(t, browser, pagePath, "--dump-dom")))
	t.Logf("chromium --dump-dom took %s", time.Since(start).Round(time.Millisecond))
	want := coverageJSON(t, args...)
	cells := htmltest.Grid(doc)
	require.Len(t, cells, len(want.Criteria), "the grid shows every criterion in scope")
	for _, c := range want.Criteria {
		assert.Equal(t, c.Verdict, cells[c.ID].Verdict, c.ID)
		assert.Contains(t, cells[c.ID].Text, c.Verdict, "%s: the verdict is written in the cell", c.ID)
	}
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, "failing")),
		"aws-ebs-volume-encrypted CRY-01 ../../examples/scan/insecure/encryption.tf:10 aws_ebs_volume.enc_data")
	assert.Contains(t, htmltest.Text(htmltest.ByID(t, doc, htmlreport.Anchor("control", "soc2_control.encryption_at_rest"))),
		"../../examples/scan/insecure/encryption.tf:10")

	shot := filepath.Join(dir, "coverage.png")
	start = time.Now()
	runChromium(t, browser, pagePath, "--screenshot="+shot, "--window-size=1280,2000")
	t.Logf("chromium --screenshot took %s; screenshot: %s", time.Since(start).Round(time.Millisecond), shot)
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 1280, 2000), img.Bounds())
	// The grid's cells are painted in their verdicts' colours (the
	// examples have at-risk, gap and not-evaluated criteria at the top).
	for name, c := range map[string]color.RGBA{
		"at-risk": {0xff, 0xf0, 0xbf, 0xff}, "gap": {0xfb, 0xd3, 0xd0, 0xff}, "not-evaluated": {0xe2, 0xe8, 0xf2, 0xff},
	} {
		assert.Greater(t, countPixels(img, c), 1000, "pixels of the %s colour", name)
	}
}

// countPixels counts the pixels of img within 3 of c on each channel.
func countPixels(img image.Image, c color.RGBA) int {
	near := func(a uint32, b uint8) bool { d := int(a>>8) - int(b); return d >= -3 && d <= 3 }
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r, c.R) && near(g, c.G) && near(bl, c.B) {
				n++
			}
		}
	}
	return n
}
