// Package loader reads Terraform input — root modules on disk, single files
// and plan JSON — and evaluates it the way Terraform does into the flat list
// of resources that rules inspect.
package loader

import (
	"context"
	"errors"
	"io/fs"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Options says what to load and with which variable values.
type Options struct {
	// Paths are directories (root modules), .tf/.tf.json files, or plan
	// JSON files (detected by content).
	Paths []string
	// VarFiles are extra variable files (--var-file), applied after the
	// automatically loaded ones, in order.
	VarFiles []string
	// Vars are --var name=value assignments, applied last, in order.
	Vars []string
	// Env is the environment to read TF_VAR_* from; nil means none.
	Env []string
}

// Result is everything loaded.
type Result struct {
	// Resources are all resource instances, sorted by address.
	Resources []*scanner.Resource
	// Files holds the content of every source file read, keyed by the
	// filename used in ranges, for code excerpts and inline suppressions.
	Files map[string][]byte
	// Diagnostics are located problems: parse errors (the rest of the input
	// is still loaded), unreadable files, remote modules not scanned.
	Diagnostics []scanner.Diagnostic
}

// ErrNotImplemented is returned until the evaluator lands.
var ErrNotImplemented = errors.New("loader: not implemented")

// Load reads opts.Paths from disk. The error is for unusable options only;
// problems with the input are diagnostics in the result.
func Load(ctx context.Context, opts Options) (*Result, error) {
	return nil, ErrNotImplemented
}

// LoadFS evaluates the root module in directory dir of fsys; tests use it
// with in-memory files.
func LoadFS(ctx context.Context, fsys fs.FS, dir string, opts Options) (*Result, error) {
	return nil, ErrNotImplemented
}
