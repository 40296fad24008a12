package loader

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
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
// scan.Run calls it for the CLI and the provider's soc2_scan data source
// alike, so that a path scans the same root modules whichever of them is
// given it.
func DiscoverRoots(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() || hasConfigFiles(p) {
			out = append(out, p)
			continue
		}
		roots, err := findRoots(p)
		if err != nil {
			return nil, err
		}
		if len(roots) == 0 {
			out = append(out, p) // Load reports it as empty
			continue
		}
		out = append(out, roots...)
	}
	return out, nil
}

// hasConfigFiles reports whether dir holds a configuration file that
// Terraform would load.
func hasConfigFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
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

// findRoots walks dir for directories with Terraform files, skipping hidden
// directories (.terraform, .git) and node_modules, and drops those another
// one calls as a local module.
func findRoots(dir string) ([]string, error) {
	candidates := map[string]bool{}
	called := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walking %s: %w", path, err)
		}
		if d.IsDir() {
			if path != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !isConfigFile(d.Name()) || isIgnoredFile(d.Name()) {
			return nil
		}
		parent := filepath.Clean(filepath.Dir(path))
		candidates[parent] = true
		if strings.HasSuffix(d.Name(), ".tf") {
			for _, src := range localModuleSources(path) {
				called[filepath.Clean(filepath.Join(parent, src))] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var roots []string
	for c := range candidates {
		if !called[c] {
			roots = append(roots, c)
		}
	}
	sort.Strings(roots)
	return roots, nil
}

// moduleSourcePattern finds the source argument of a module block. A
// regular expression rather than a parse keeps discovery fast on large
// repositories; Load parses every file properly afterwards.
var moduleSourcePattern = regexp.MustCompile(`(?ms)^\s*module\s+"[^"]*"\s*\{.*?^\s*source\s*=\s*"(\.\.?/[^"]*)"`)

// localModuleSources returns the literal local sources ("./x", "../x") of
// the module blocks in a file.
func localModuleSources(path string) []string {
	src, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(src, []byte("module")) {
		return nil
	}
	var out []string
	for _, m := range moduleSourcePattern.FindAllSubmatch(src, -1) {
		out = append(out, string(m[1]))
	}
	return out
}
