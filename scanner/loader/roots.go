package loader

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Root is a root module of a Load: a directory (or a file, or a plan)
// evaluated on its own, or a directory Options.ExcludeRoot left out.
type Root struct {
	// Path is the root as loaded: below a path given, named as that path
	// is given.
	Path string
	// Reason says why it is a root, or why it was not scanned.
	Reason string
	// Excluded is set for a directory Options.ExcludeRoot left out, with
	// everything below it.
	Excluded bool
	// Resources is how many managed resource instances were loaded from
	// the root, its modules' included; 0 for an excluded one.
	Resources int
	// Notes say what the root's evaluation depended on: the repository's
	// own modules it calls by registry address, scanned from the local
	// copy, and its module calls that expand to no instance (a count of 0,
	// an empty for_each), whose modules are not scanned through it.
	Notes []string
}

// Reasons for a root.
const (
	// RootNamed is a path given that is loaded as it is: a file, a plan,
	// a path that does not exist, a directory with nothing to scan below
	// it.
	RootNamed = "named"
	// RootNotCalled is a directory with Terraform files that no other
	// directory found calls as a module.
	RootNotCalled = "not called by another module"
)

// DiscoverRoots replaces each directory in paths with the root modules in
// it and below it, so that scanning the top of a repository works as users
// of other scanners expect, examples and submodules included. A root module
// is a directory with .tf or .tf.json files that no other directory found
// calls as a local module; modules are loaded through their callers, with
// their real addresses and the callers' inputs. Files, paths that do not
// exist and directories with nothing below them are kept as they are, for
// Load to load or report.
//
// Load does the same through its own reader when Options.Discover is set,
// which scan.Run sets for the CLI and soc2_scan alike; DiscoverRoots is for
// a caller that wants the list of roots without loading them.
func DiscoverRoots(paths []string) ([]string, error) {
	res := newResult()
	d := newDisk(paths, nil, 0)
	defer d.Close()
	roots := discoverRoots(d, paths, Options{}, nil, res)
	for _, d := range res.Diagnostics {
		if d.Severity == scanner.DiagError {
			return roots, d
		}
	}
	return roots, nil
}

// discoverRoots is DiscoverRoots reading through d, excluding what
// opts.ExcludeRoot excludes and following the module sources that sources
// maps to local directories. It records every root, excluded ones too, in
// res.Roots. A directory that cannot be read is an error diagnostic on it,
// and the rest is walked.
func discoverRoots(d *disk, paths []string, opts Options, sources *moduleSources, res *Result) []string {
	var out []string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		fi, statErr := os.Stat(p)
		if err != nil || statErr != nil || !fi.IsDir() {
			out = append(out, p)
			res.Roots = append(res.Roots, Root{Path: p, Reason: RootNamed})
			continue
		}
		roots := findRoots(d, p, diskRel(abs), opts, sources, res)
		if len(roots) == 0 && !excludedTop(res, p) {
			out = append(out, p) // Load reports it as empty
			res.Roots = append(res.Roots, Root{Path: p, Reason: RootNamed})
			continue
		}
		for _, r := range roots {
			res.Roots = append(res.Roots, Root{Path: r, Reason: RootNotCalled})
		}
		out = append(out, roots...)
	}
	return out
}

// excludedTop reports whether the directory p itself was excluded.
func excludedTop(res *Result, p string) bool {
	for _, r := range res.Roots {
		if r.Excluded && r.Path == filepath.Clean(p) {
			return true
		}
	}
	return false
}

// findRoots walks dir (given, and as a path of d) for directories with
// Terraform files, skipping hidden directories (.terraform, .git),
// node_modules, the kernel's file systems (/proc, /sys, /dev) and the
// directories opts.ExcludeRoot excludes, and drops those another one calls
// as a module: by a local path, or by a source that sources maps to a
// local directory. A configuration file that is not a regular file (a
// FIFO) still makes a candidate, so that Load reports it rather than drop
// it. The roots are named as given.
func findRoots(d *disk, given, dir string, opts Options, sources *moduleSources, res *Result) []string {
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
			if excluded(opts, name(p), res) {
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
			for _, src := range callSources(d, p) {
				if isLocalSource(src) {
					called[path.Clean(path.Join(parent, src))] = true
				} else if to, ok := sources.resolve(parent, src); ok {
					called[path.Clean(to)] = true
				}
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

// excluded reports whether opts.ExcludeRoot excludes the directory named
// (as given), and records it as an excluded root.
func excluded(opts Options, named string, res *Result) bool {
	if opts.ExcludeRoot == nil {
		return false
	}
	abs, err := filepath.Abs(named)
	if err != nil {
		return false
	}
	reason := opts.ExcludeRoot(abs)
	if reason == "" {
		return false
	}
	res.Roots = append(res.Roots, Root{Path: named, Reason: reason, Excluded: true})
	return true
}

// moduleSourcePattern finds the source argument of a module block. A
// regular expression rather than a parse keeps discovery fast on large
// repositories; Load parses every file properly afterwards.
var moduleSourcePattern = lazyre.New(`(?ms)^\s*module\s+"[^"]*"\s*\{.*?^\s*source\s*=\s*"([^"]*)"`)

// callSources returns the literal sources of the module blocks in a
// file.
func callSources(fsys fs.FS, name string) []string {
	src, err := fs.ReadFile(fsys, name)
	if err != nil || !mayDeclareModule(src) {
		return nil
	}
	var out []string
	for _, m := range moduleSourcePattern().FindAllSubmatch(src, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// mayDeclareModule reports whether src has a line that starts, after
// spaces, with the word module followed by spaces and a quote: a place
// where moduleSourcePattern can start a match. Most files that mention
// module do so in references (path.module, module.vpc.id), where the
// pattern would otherwise try its lazy match from every line start.
func mayDeclareModule(src []byte) bool {
	const word = "module"
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte(word))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len(word)
		if !lineStartBefore(src, at) {
			continue
		}
		k := i
		for k < len(src) && isRegexpSpace(src[k]) {
			k++
		}
		if k > i && k < len(src) && src[k] == '"' {
			return true
		}
	}
}

// lineStartBefore reports whether only spaces (as \s in a regular
// expression: tab, newline, form feed, carriage return, space) lie between
// the start of src or of a line and at.
func lineStartBefore(src []byte, at int) bool {
	for k := at - 1; k >= 0; k-- {
		switch src[k] {
		case '\n':
			return true
		case '\t', '\f', '\r', ' ':
		default:
			return false
		}
	}
	return true
}

// isRegexpSpace reports whether c is in \s of Go's regular expressions.
func isRegexpSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// sortRoots orders roots by path, so that the report lists them the same
// way whatever the order of the walk.
func sortRoots(roots []Root) {
	sort.SliceStable(roots, func(i, j int) bool {
		return filepath.ToSlash(roots[i].Path) < filepath.ToSlash(roots[j].Path)
	})
}

// noteRoot records the managed resource instances loaded from path p and
// adds notes to its root.
func (r *Result) noteRoot(p string, resources []*scanner.Resource, notes []string) {
	for i := range r.Roots {
		if r.Roots[i].Path == p && !r.Roots[i].Excluded {
			for _, res := range resources {
				if res.Mode == "managed" {
					r.Roots[i].Resources++
				}
			}
			r.Roots[i].Notes = append(r.Roots[i].Notes, notes...)
			return
		}
	}
}
