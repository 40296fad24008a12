// Package lazyre compiles a package-level regular expression the first
// time it is used rather than when the package is initialised.
//
// Every run of the binary initialises every package it links, and a
// `scan` of a small repository is over in a few tens of milliseconds:
// compiling the fifty-odd expressions of the rules, the loader and the
// provider at start-up took about a twentieth of that, mostly for
// expressions that scan never reaches (a rule whose resource type is
// absent never runs its check).
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr on its first call, panicking
// if it is invalid as regexp.MustCompile does, and returns the same
// *regexp.Regexp on every call. It is safe for concurrent use.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
