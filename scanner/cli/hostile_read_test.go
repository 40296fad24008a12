//go:build unix

package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// These tests attack the scanner the way a pull request written by someone
// untrusted would: each tries to read a file outside the scanned tree (the
// outside file holds a marker) and must be refused with an error naming
// where, without a byte of the marker in any output, while the rest of the
// tree is still scanned. Inputs are generated under t.TempDir(), since
// symbolic links and FIFOs cannot be committed portably.

// readMarker is the content of the files outside the scanned tree; the
// paths of those files never contain it.
const readMarker = "OUTSIDE-MARKER-4f9c2e71"

// echoDeps runs the scan with one rule that fails every bucket and repeats
// its name in the message, so that whatever a read puts into a bucket name
// would reach every output format.
func echoDeps() Deps {
	return Deps{Version: testVersion, Rules: []*scanner.Rule{{
		ID: "test-echo", Title: "Buckets are echoed", Severity: scanner.High,
		Criteria: scanner.Criteria{Primary: "CC6.1"}, Family: scanner.FamilyLogging, Provider: "aws",
		ResourceTypes: []string{"aws_s3_bucket"},
		Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
			name, ok := r.Attr("bucket").AsString()
			if !ok {
				return scanner.Unknowable(r.Range, "bucket name not known")
			}
			return scanner.Failed(r.Range, "bucket is %q", name)
		},
	}}}
}

// hostileRun is one scan with every output format written.
type hostileRun struct {
	code   int
	rep    map[string]any
	all    string // stdout, stderr and every format, concatenated
	stderr string
}

// errorsAt returns the report's errors as "file:line: message", with file
// relative to base.
func (h hostileRun) errorsAt(base string) []string {
	var out []string
	errs, _ := h.rep["errors"].([]any)
	for _, e := range errs {
		m := e.(map[string]any)
		rel, err := filepath.Rel(base, filepath.FromSlash(m["file"].(string)))
		if err != nil {
			rel = m["file"].(string)
		}
		out = append(out, fmt.Sprintf("%s:%v: %s", filepath.ToSlash(rel), m["line"], m["message"]))
	}
	return out
}

// findingMessages returns "resource: message" for every finding.
func (h hostileRun) findingMessages() []string {
	var out []string
	for _, f := range findings(h.rep) {
		out = append(out, fmt.Sprintf("%s: %s", f["resource"], f["message"]))
	}
	return out
}

// scanHostile runs scan with args, JSON on stdout and every other format
// written with --out, and fails the test if the scan does not finish.
func scanHostile(t *testing.T, args ...string) hostileRun {
	t.Helper()
	outDir := t.TempDir()
	full := []string{"scan", "--format", "json"}
	for _, f := range report.Formats {
		if f != "json" {
			full = append(full, "--out", f+"="+filepath.Join(outDir, f))
		}
	}
	full = append(full, args...)
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, stdout, stderr := runWith(echoDeps(), full...)
		done <- result{code, stdout, stderr}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(60 * time.Second):
		require.FailNow(t, "scan did not finish", "%v", args)
	}
	h := hostileRun{code: r.code, stderr: r.stderr, all: r.stdout + r.stderr}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &h.rep), "stdout: %s\nstderr: %s", r.stdout, r.stderr)
	for _, f := range report.Formats {
		if f == "json" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(outDir, f))
		require.NoError(t, err, f)
		h.all += string(data)
	}
	return h
}

// hostileTree makes a scanned tree and, beside it, a directory outside it
// holding the marker in a plain file, a variable file and a module.
func hostileTree(t *testing.T) (tree, outside string) {
	t.Helper()
	base := t.TempDir()
	tree = filepath.Join(base, "tree")
	outside = filepath.Join(base, "outside")
	writeFiles(t, outside, map[string]string{
		"secret.txt":    readMarker,
		"secret.tfvars": `name = "` + readMarker + `"` + "\n",
		"mod/main.tf":   `resource "aws_s3_bucket" "leak" { bucket = "` + readMarker + `" }` + "\n",
		"mod/inner.txt": readMarker,
	})
	writeFiles(t, tree, map[string]string{
		"ok.tf": `resource "aws_s3_bucket" "ok" { bucket = "ok-bucket" }` + "\n",
	})
	return tree, outside
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content), Mode: 0o644}
	}
	require.NoError(t, os.CopyFS(dir, fsys))
}

// climb is a relative path from dir up to the file system's root and down
// to target, as `source = "../../../../../etc"` is.
func climb(dir, target string) string {
	depth := strings.Count(filepath.ToSlash(dir), "/") + 3 // more than enough: extra ../ stop at /
	return strings.Repeat("../", depth) + strings.TrimPrefix(filepath.ToSlash(target), "/")
}

// assertOutsideRefused checks the common outcome: exit 2, an error at each
// wanted location that names --allow-path, no marker anywhere, and the
// tree's own bucket still scanned.
func assertOutsideRefused(t *testing.T, h hostileRun, tree string, want map[string]string) {
	t.Helper()
	assert.Equal(t, ExitError, h.code, h.stderr)
	assert.NotContains(t, h.all, readMarker, "the outside file's content leaked into an output")
	errs := h.errorsAt(tree)
	for at, what := range want {
		found := false
		for _, e := range errs {
			if strings.HasPrefix(e, at+": ") && strings.Contains(e, what) {
				found = true
				assert.Contains(t, e, "--allow-path", "the error names the option that allows the read")
			}
		}
		assert.True(t, found, "no error at %s containing %q in %v", at, what, errs)
	}
	assert.Contains(t, h.findingMessages(), `aws_s3_bucket.ok: bucket is "ok-bucket"`, "the rest of the tree is scanned")
}

func TestHostileReadsOutsideTheTreeAreRefused(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, tree, outside string)
		want  map[string]string // "file:line" → part of the error message
	}{
		{
			name: "local module source climbing out, then an absolute file()",
			setup: func(t *testing.T, tree, outside string) {
				writeFiles(t, tree, map[string]string{"main.tf": `module "m" {
  source = "` + climb(tree, filepath.Join(outside, "mod")) + `"
}

resource "aws_s3_bucket" "abs" {
  bucket = file("` + filepath.ToSlash(filepath.Join(outside, "secret.txt")) + `")
}
`})
			},
			want: map[string]string{"main.tf:1": `Module "m" not scanned`, "main.tf:6": "File outside the scanned directory"},
		},
		{
			name: "module source resolving to /",
			setup: func(t *testing.T, tree, _ string) {
				writeFiles(t, tree, map[string]string{"main.tf": `module "root" {
  source = "` + strings.Repeat("../", 40) + `"
}
`})
			},
			want: map[string]string{"main.tf:1": `Module "root" not scanned`},
		},
		{
			name: "symbolic link to a file outside",
			setup: func(t *testing.T, tree, outside string) {
				require.NoError(t, os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(tree, "name.txt")))
				writeFiles(t, tree, map[string]string{"main.tf": `resource "aws_s3_bucket" "link" {
  bucket = file("${path.module}/name.txt")
}
`})
			},
			want: map[string]string{"main.tf:2": "symbolic link"},
		},
		{
			name: "symbolic link to a configuration file outside",
			setup: func(t *testing.T, tree, outside string) {
				require.NoError(t, os.Symlink(filepath.Join(outside, "mod", "main.tf"), filepath.Join(tree, "evil.tf")))
			},
			want: map[string]string{"evil.tf:0": "File not read"},
		},
		{
			name: "symbolic link to a directory outside, as a module and for file()",
			setup: func(t *testing.T, tree, outside string) {
				require.NoError(t, os.Symlink(filepath.Join(outside, "mod"), filepath.Join(tree, "shared")))
				writeFiles(t, tree, map[string]string{"main.tf": `module "m" {
  source = "./shared"
}

resource "aws_s3_bucket" "dir" {
  bucket = file("shared/inner.txt")
}
`})
			},
			want: map[string]string{"main.tf:1": `Module "m" not scanned`, "main.tf:6": "symbolic link"},
		},
		{
			name: "symbolic link as terraform.tfvars",
			setup: func(t *testing.T, tree, outside string) {
				require.NoError(t, os.Symlink(filepath.Join(outside, "secret.tfvars"), filepath.Join(tree, "terraform.tfvars")))
				writeFiles(t, tree, map[string]string{"main.tf": `variable "name" {
  type    = string
  default = "default-name"
}

resource "aws_s3_bucket" "var" {
  bucket = var.name
}
`})
			},
			want: map[string]string{"terraform.tfvars:0": "File not read"},
		},
		{
			name: "modules.json whose Dir climbs out",
			setup: func(t *testing.T, tree, outside string) {
				manifest := fmt.Sprintf(`{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"m","Source":"registry.terraform.io/acme/m/aws","Dir":%q}]}`,
					climb(tree, filepath.Join(outside, "mod")))
				writeFiles(t, tree, map[string]string{
					".terraform/modules/modules.json": manifest,
					"main.tf":                         "module \"m\" {\n  source = \"acme/m/aws\"\n}\n",
				})
			},
			want: map[string]string{"main.tf:1": `Module "m" not scanned`},
		},
		{
			name: "file() and templatefile() with ../ and absolute paths",
			setup: func(t *testing.T, tree, outside string) {
				writeFiles(t, tree, map[string]string{"main.tf": `resource "aws_s3_bucket" "up" {
  bucket = file("../outside/secret.txt")
}

resource "aws_s3_bucket" "tpl" {
  bucket = templatefile("` + filepath.ToSlash(filepath.Join(outside, "secret.txt")) + `", {})
}
`})
			},
			want: map[string]string{"main.tf:2": "File outside the scanned directory", "main.tf:6": "File outside the scanned directory"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tree, outside := hostileTree(t)
			c.setup(t, tree, outside)
			assertOutsideRefused(t, scanHostile(t, tree), tree, c.want)
		})
	}
}

// TestHostileAllowPathLetsTheReadThrough is the control of the tests above:
// the same reads, allowed, do reach the outputs, so those tests would see
// a leak.
func TestHostileAllowPathLetsTheReadThrough(t *testing.T) {
	tree, outside := hostileTree(t)
	writeFiles(t, tree, map[string]string{"main.tf": `module "m" {
  source = "` + climb(tree, filepath.Join(outside, "mod")) + `"
}
`})
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(tree, "name.txt")))
	writeFiles(t, tree, map[string]string{"link.tf": `resource "aws_s3_bucket" "link" {
  bucket = file("${path.module}/name.txt")
}
`})

	h := scanHostile(t, "--allow-path", outside, tree)
	assert.Equal(t, ExitFindings, h.code, h.stderr)
	assert.Empty(t, h.errorsAt(tree))
	assert.Contains(t, h.findingMessages(), `module.m.aws_s3_bucket.leak: bucket is "`+readMarker+`"`, "the allowed module is scanned")
	assert.Contains(t, h.findingMessages(), `aws_s3_bucket.link: bucket is "`+readMarker+`"`, "a link into an allowed directory is followed")

	// allow_paths in .soc2scan.hcl, relative to the file's directory.
	writeFiles(t, tree, map[string]string{".soc2scan.hcl": `allow_paths = ["../outside"]` + "\n"})
	h = scanHostile(t, tree)
	assert.Equal(t, ExitFindings, h.code, h.stderr)
	assert.Contains(t, h.findingMessages(), `module.m.aws_s3_bucket.leak: bucket is "`+readMarker+`"`)
}

func TestHostileFIFOsAndDevicesAreNotRead(t *testing.T) {
	tree, _ := hostileTree(t)
	require.NoError(t, syscall.Mkfifo(filepath.Join(tree, "main.tf"), 0o644))

	h := scanHostile(t, tree)
	assert.Equal(t, ExitError, h.code)
	assert.Contains(t, h.errorsAt(tree), "main.tf:0: File not read: "+filepath.ToSlash(filepath.Join(tree, "main.tf"))+": not a regular file (a named pipe)")
	assert.Contains(t, h.findingMessages(), `aws_s3_bucket.ok: bucket is "ok-bucket"`, "the rest of the tree is scanned")

	h = scanHostile(t, filepath.Join(tree, "main.tf"))
	assert.Equal(t, ExitError, h.code, "a FIFO given as the path")
	assert.Contains(t, h.all, "not a regular file (a named pipe)")

	if _, err := os.Stat("/dev/zero"); err == nil {
		h = scanHostile(t, "/dev/zero")
		assert.Equal(t, ExitError, h.code, "/dev/zero")
		assert.Contains(t, h.all, "/dev/zero: not a regular file (a character device)")
	}
}

func TestHostileMaxFileSize(t *testing.T) {
	tree, _ := hostileTree(t)
	big := `resource "aws_s3_bucket" "big" { bucket = "` + strings.Repeat("b", 2048) + `" }` + "\n"
	writeFiles(t, tree, map[string]string{"big.tf": big})
	plan := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(plan, []byte(`{"format_version":"1.2","planned_values":{"root_module":{}},"padding":"`+strings.Repeat("p", 2048)+`"}`), 0o644))

	h := scanHostile(t, "--max-file-size", "1KiB", tree)
	assert.Equal(t, ExitError, h.code)
	assert.Contains(t, h.errorsAt(tree), "big.tf:0: File not read: "+filepath.ToSlash(filepath.Join(tree, "big.tf"))+
		": larger than the 1 KiB limit; raise it with --max-file-size (max_file_size in .soc2scan.hcl or on soc2_scan)")
	assert.Contains(t, h.findingMessages(), `aws_s3_bucket.ok: bucket is "ok-bucket"`)
	assert.NotContains(t, h.all, strings.Repeat("b", 100), "the large file is not read")

	h = scanHostile(t, "--max-file-size", "1KiB", plan)
	assert.Equal(t, ExitError, h.code, "plan JSON is limited too")
	assert.Contains(t, h.all, "larger than the 1 KiB limit")

	writeFiles(t, tree, map[string]string{".soc2scan.hcl": "max_file_size = \"1KiB\"\n"})
	h = scanHostile(t, tree)
	assert.Equal(t, ExitError, h.code, "max_file_size in .soc2scan.hcl")
	assert.Contains(t, h.all, "larger than the 1 KiB limit")

	h = scanHostile(t, "--max-file-size", "1MiB", tree)
	assert.Equal(t, ExitFindings, h.code, "the flag overrides the configuration: %v", h.errorsAt(tree))

	code, _, stderr := runWith(echoDeps(), "scan", "--max-file-size", "lots", tree)
	assert.Equal(t, ExitError, code)
	assert.Contains(t, stderr, `--max-file-size: invalid size "lots"`)
}
