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
	// Notes say what its evaluation depended on, such as a registry
	// module scanned from the repository's local copy.
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
