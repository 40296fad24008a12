package loader

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// DiscoverRoots replaces each directory in paths that holds no Terraform
// file of its own (a repository, a folder of stacks) with the root modules
// below it, so that scanning the top of a repository works as users of
// other scanners expect. A root module is a directory with .tf or .tf.json
// files that no other directory found calls as a local module; modules are
// loaded through their callers, with their real addresses. Files,
// directories with Terraform files of their own, paths that do not exist
// and directories with nothing below them are kept as they are, for Load to
// load or report.
//
// Load does the same through its own reader when Options.Discover is set,
// which scan.Run sets for the CLI and soc2_scan alike; DiscoverRoots is for
// a caller that wants the list of roots without loading them.
func DiscoverRoots(paths []string) ([]string, error) {
	res := newResult()
	d := newDisk(paths, nil, 0)
	defer d.Close()
	roots := discoverRoots(d, paths, res)
	for _, d := range res.Diagnostics {
		if d.Severity == scanner.DiagError {
			return roots, d
		}
	}
	return roots, nil
}

// discoverRoots is DiscoverRoots reading through d. A directory that
// cannot be read is an error diagnostic on it, and the rest is walked.
func discoverRoots(d *disk, paths []string, res *Result) []string {
	var out []string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		fi, statErr := os.Stat(p)
		if err != nil || statErr != nil || !fi.IsDir() || hasConfigFiles(d, diskRel(abs)) {
			out = append(out, p)
			continue
		}
		roots := findRoots(d, p, diskRel(abs), res)
		if len(roots) == 0 {
			out = append(out, p) // Load reports it as empty
			continue
		}
		out = append(out, roots...)
	}
	return out
}

// hasConfigFiles reports whether dir holds a configuration file that
// Terraform would load.
func hasConfigFiles(fsys fs.FS, dir string) bool {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && isConfigFile(e.Name()) && !isIgnoredFile(e.Name()) {
			return true
		}
	}
	return false
}

// findRoots walks dir (given, and as a path of d) for directories with
// Terraform files, skipping hidden directories (.terraform, .git),
// node_modules and the kernel's file systems (/proc, /sys, /dev), and drops
// those another one calls as a local module. A configuration file that is
// not a regular file (a FIFO) still makes a candidate, so that Load
// reports it rather than drop it. The roots are named as given.
func findRoots(d *disk, given, dir string, res *Result) []string {
	candidates := map[string]bool{}
	called := map[string]bool{}
	name := func(p string) string {
		rel, _ := within(dir, p)
		return filepath.Clean(filepath.Join(given, filepath.FromSlash(rel)))
	}
	_ = fs.WalkDir(d, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			res.addDiag(notRead(scanner.Range{Filename: name(p)}, name, "Cannot read directory", err))
			if e != nil && e.IsDir() && p != dir {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			if p != dir && (strings.HasPrefix(e.Name(), ".") || e.Name() == "node_modules" || specialDirs[p]) {
				return fs.SkipDir
			}
			return nil
		}
		if !isConfigFile(e.Name()) || isIgnoredFile(e.Name()) {
			return nil
		}
		parent := path.Dir(p)
		candidates[parent] = true
		if strings.HasSuffix(e.Name(), ".tf") && e.Type().IsRegular() {
			for _, src := range localModuleSources(d, p) {
				called[path.Clean(path.Join(parent, src))] = true
			}
		}
		return nil
	})
	var roots []string
	for c := range candidates {
		if !called[c] {
			roots = append(roots, name(c))
		}
	}
	sort.Strings(roots)
	return roots
}

// moduleSourcePattern finds the source argument of a module block. A
// regular expression rather than a parse keeps discovery fast on large
// repositories; Load parses every file properly afterwards.
var moduleSourcePattern = regexp.MustCompile(`(?ms)^\s*module\s+"[^"]*"\s*\{.*?^\s*source\s*=\s*"(\.\.?/[^"]*)"`)

// localModuleSources returns the literal local sources ("./x", "../x") of
// the module blocks in a file.
func localModuleSources(fsys fs.FS, name string) []string {
	src, err := fs.ReadFile(fsys, name)
	if err != nil || !bytes.Contains(src, []byte("module")) {
		return nil
	}
	var out []string
	for _, m := range moduleSourcePattern.FindAllSubmatch(src, -1) {
		out = append(out, string(m[1]))
	}
	return out
}
