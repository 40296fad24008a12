package engine

import (
	"path/filepath"
	"slices"
	"strings"
)

// rootNames names root modules for fingerprints: the root's path relative
// to the scanned path that holds it, with forward slashes. The answer does
// not depend on the working directory or the checkout location, only on
// what was scanned, so fingerprints stay stable across machines.
type rootNames struct {
	workDir string
	scanned []string // absolute and clean, longest first
	names   map[string]string
}

func newRootNames(workDir string, scanPaths []string) *rootNames {
	n := &rootNames{workDir: workDir, names: map[string]string{}}
	for _, p := range scanPaths {
		n.scanned = append(n.scanned, n.abs(p))
	}
	// The deepest scanned path that holds a root names it, so that
	// `scan . ./stacks/a` names stacks/a's root "." either way it is found.
	slices.SortStableFunc(n.scanned, func(a, b string) int { return len(b) - len(a) })
	return n
}

// name returns the root's name; "." when the root is a scanned path itself
// or lies outside every scanned path.
func (n *rootNames) name(root string) string {
	if root == "" {
		return "."
	}
	if name, ok := n.names[root]; ok {
		return name
	}
	name := "."
	abs := n.abs(root)
	for _, s := range n.scanned {
		if rel, ok := within(s, abs); ok {
			name = rel
			break
		}
	}
	n.names[root] = name
	return name
}

func (n *rootNames) abs(p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(n.workDir, p)
	}
	return filepath.Clean(p)
}

// within reports whether p is dir or below it, and p's slash path
// relative to dir.
func within(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
