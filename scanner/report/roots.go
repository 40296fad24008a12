package report

import (
	"fmt"
	"strings"
)

// Root is a root module of the scan: a directory (or file, or plan)
// evaluated on its own with its variables' values, or a directory the
// configuration excluded (exclude_roots). Modules called by a root are
// scanned through it and are not listed.
type Root struct {
	// Path is the root as given or found, with forward slashes.
	Path string `json:"path"`
	// Reason says why it is a root ("not called by another module",
	// "named"), or which exclude_roots pattern excluded it.
	Reason string `json:"reason"`
	// Excluded is set for a directory that was not scanned as a root.
	Excluded bool `json:"excluded,omitempty"`
	// Resources is how many managed resource instances the root holds,
	// its modules' included: 0 for a root that scanned nothing (its notes
	// may say why) and for an excluded one.
	Resources int `json:"resources"`
	// Notes say what its evaluation depended on, such as a registry
	// module scanned from the repository's local copy, or a module call
	// that expands to no instances (a count of 0, an empty for_each), so
	// that its module is not scanned through this root.
	Notes []string `json:"notes,omitempty"`
}

// rootsShown is how many roots the text and Markdown reports name before
// summing up the rest; the JSON and SARIF reports list them all.
const rootsShown = 8

// rootsSentence says which roots were scanned and which were excluded, in
// one sentence, code formatting each path with code; "" when the report
// holds no roots.
func (r *Report) rootsSentence(code func(string) string) string {
	if len(r.Roots) == 0 {
		return ""
	}
	var scanned, excluded []string
	for _, root := range r.Roots {
		if root.Excluded {
			excluded = append(excluded, root.Path)
		} else {
			scanned = append(scanned, root.Path)
		}
	}
	s := fmt.Sprintf("%s: %s", plural(len(scanned), "root module"), nameSome(scanned, code))
	if len(excluded) > 0 {
		s += fmt.Sprintf("; excluded: %s", nameSome(excluded, code))
	}
	return s + "."
}

// emptyRoots lists the roots scanned that hold no resource, each with its
// notes (which may say why: a module call that expands to no instances),
// up to rootsShown of them; nil when there are none. code formats a path
// and text a note.
func (r *Report) emptyRoots(code, text func(string) string) (heading string, lines []string) {
	var empty []Root
	for _, root := range r.Roots {
		if !root.Excluded && root.Resources == 0 {
			empty = append(empty, root)
		}
	}
	if len(empty) == 0 {
		return "", nil
	}
	heading = plural(len(empty), "root module") + " scanned no resource:"
	for _, root := range empty[:min(len(empty), rootsShown)] {
		line := code(root.Path)
		if len(root.Notes) > 0 {
			line += ": " + text(strings.Join(root.Notes, "; "))
		}
		lines = append(lines, line)
	}
	if more := len(empty) - len(lines); more > 0 {
		lines = append(lines, fmt.Sprintf("and %d more (the JSON report lists them all)", more))
	}
	return heading, lines
}

// nameSome lists up to rootsShown paths, then how many more there are.
func nameSome(paths []string, code func(string) string) string {
	if len(paths) == 0 {
		return "none"
	}
	shown := make([]string, 0, min(len(paths), rootsShown))
	for _, p := range paths[:min(len(paths), rootsShown)] {
		shown = append(shown, code(p))
	}
	s := strings.Join(shown, ", ")
	if more := len(paths) - len(shown); more > 0 {
		s += fmt.Sprintf(" and %d more (the JSON report lists them all)", more)
	}
	return s
}
