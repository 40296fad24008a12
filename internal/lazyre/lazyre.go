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
	"fmt"
	"regexp"
	"sync"
)

// registered holds every expression New was given, so that a test can
// compile them all: an invalid one would otherwise only panic when a scan
// first reaches it.
var registered struct {
	sync.Mutex
	exprs []string
}

// New returns a function that compiles expr on its first call, panicking
// if it is invalid as regexp.MustCompile does, and returns the same
// *regexp.Regexp on every call. It is safe for concurrent use.
func New(expr string) func() *regexp.Regexp {
	registered.Lock()
	registered.exprs = append(registered.exprs, expr)
	registered.Unlock()
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// CompileAll compiles every expression given to New so far in the
// packages the program links, and returns how many it compiled or the
// first that is invalid.
func CompileAll() (int, error) {
	registered.Lock()
	defer registered.Unlock()
	for _, expr := range registered.exprs {
		if _, err := regexp.Compile(expr); err != nil {
			return 0, fmt.Errorf("lazyre: %w", err)
		}
	}
	return len(registered.exprs), nil
}
