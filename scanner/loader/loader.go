package loader

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

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
	// ReadRoots are further directories that may be read (by file(),
	// templatefile(), local module sources…), besides the directories in
	// Paths and the directories of the files in Paths. A CLI that expands a
	// directory into several root modules passes the directory the user
	// named, so a root module may read a template from a sibling.
	ReadRoots []string
	// AllowPaths are directories outside the scanned ones that may be
	// read too (--allow-path). Nothing else is read: not through `..`, an
	// absolute path or a symbolic link.
	AllowPaths []string
	// Discover replaces each directory in Paths that holds no Terraform
	// file of its own with the root modules below it (see DiscoverRoots);
	// the directories named stay readable from every root module in them.
	Discover bool
	// ExcludeRoot, when set, is asked about every directory discovery
	// walks (an absolute OS path): a non-empty answer is the reason it
	// and everything below it make no root module (Result.Roots lists it
	// as excluded). Modules there are still loaded through their callers.
	ExcludeRoot func(dir string) string
	// ModuleSources maps module sources (keyed by ModuleSourceKey, such
	// as "terraform-google-modules/sql-db/google") to local directories
	// (OS paths), which are loaded instead of reporting a remote module
	// not fetched; a `//subdir` of the source is a subdirectory of the
	// directory. The directories are read like any other, within the
	// scanned and allowed ones.
	ModuleSources map[string]string
	// OwnModules maps a registry address or GitHub URL to a directory
	// above the caller, within the scanned ones, that is the repository it
	// names: terraform-<provider>-<name> (optionally "<owner>+" first) for
	// namespace/name/provider, or the repository of its .git/config
	// remote. Examples then scan the repository's own modules with their
	// inputs, and those modules make no root of their own.
	OwnModules bool
	// MaxFileSize is the largest file read, in bytes; 0 means
	// DefaultMaxFileSize. Larger files are reported and not read.
	MaxFileSize int64
	// DataSources compute the attributes of the data sources whose result
	// follows from their arguments, such as aws_iam_policy_document's json
	// (the rule catalogue supplies them: rules.DataSources). Any other
	// data source's attributes are unknown unless written in its block.
	DataSources []scanner.DataSource

	// sources is the resolver of ModuleSources and OwnModules, set by Load.
	sources *moduleSources
	// fault is disk.fault, for tests.
	fault func(name string) error
	// MaxInstances bounds the instances of one resource, data source or
	// module call: past it, the first MaxInstances are scanned and a
	// warning names the block. 0 means DefaultMaxInstances.
	MaxInstances int
	// MaxTotalInstances bounds the resource and module instances of the
	// whole Load: past it, evaluation stops with an error naming the
	// module chain. 0 means DefaultMaxTotalInstances.
	MaxTotalInstances int
	// Progress, when set, is called after each path is loaded with the
	// paths done, the paths in all, and what was loaded (the path and the
	// files read so far), so that a long scan can show it is moving.
	Progress func(done, total int, what string)
	// OnResources, when set, is handed the resources of each path loaded
	// (one root module's, sorted by address) as soon as it is loaded,
	// instead of Result.Resources, so that a caller can check them and
	// let them go before the next path is loaded: memory then follows
	// the largest root module, not the whole input. An error stops Load.
	OnResources func(ctx context.Context, resources []*scanner.Resource) error
	// KeepSource, when set, says whether Result.Files keeps a file's
	// content once the root module that read it is done (after
	// OnResources): the files it turns down are only counted and hashed
	// in Result.Digests, so that the contents kept follow what the caller
	// needs (files with findings, for code excerpts), not the whole input.
	// nil keeps every file.
	KeepSource func(name string, src []byte) bool
}

// Result is everything loaded.
type Result struct {
	// Resources are all resource instances, sorted by address.
	Resources []*scanner.Resource
	// Files holds the content of the source files read, keyed by the
	// filename used in ranges, for code excerpts and inline suppressions:
	// every file, or those Options.KeepSource keeps.
	Files map[string][]byte
	// Digests holds the SHA-256 of every source file read, kept in Files
	// or not, keyed like Files: what was scanned, for the evidence record,
	// without holding the contents. It is kept as bytes, not hex: one
	// entry per file of the whole input stays to the end.
	Digests map[string][32]byte
	// Diagnostics are located problems: parse errors (the rest of the input
	// is still loaded), unreadable files, remote modules not scanned.
	Diagnostics []scanner.Diagnostic
	// FileContents is what file() and templatefile() returned, so that
	// messages describe a file's content instead of quoting it.
	FileContents []scanner.FileContent
	// Secrets are the values of the variables declared sensitive, so that
	// a message or diagnostic that quotes one is redacted even when no
	// argument holds it (a path given to file(), a key).
	Secrets []string
	// Roots are the root modules loaded, in the order loaded, and the
	// directories excluded, each after the root modules found before it.
	Roots []Root
	// notes are the notes of the root loaded (Root.Notes).
	notes []string
	// filesSeen dedupes FileContents: a module called many times reads
	// the same file many times.
	filesSeen map[scanner.FileContent]bool
}

// ErrNoPaths is returned by Load when Options.Paths is empty.
var ErrNoPaths = errors.New("loader: no paths to load")

// Load reads opts.Paths from disk. The error is for unusable options only;
// problems with the input are diagnostics in the result.
func Load(ctx context.Context, opts Options) (*Result, error) {
	if len(opts.Paths) == 0 {
		return nil, ErrNoPaths
	}
	out := newResult()
	d := newDisk(readDirs(opts), opts.VarFiles, opts.MaxFileSize)
	d.fault = opts.fault
	defer d.Close()
	paths := opts.Paths
	opts.sources = newModuleSources(d, scannedDirs(opts), diskPaths(opts.ModuleSources), opts.OwnModules)
	if opts.Discover {
		paths = discoverRoots(d, paths, opts, opts.sources, out)
	} else {
		for _, p := range paths {
			out.Roots = append(out.Roots, Root{Path: p, Reason: RootNamed})
		}
	}
	sortRoots(out.Roots)
	sess := &session{disk: d, caches: map[bool]*parseCache{true: newParseCache(), false: newParseCache()}, budget: newBudget(opts)}
	paths = distinctPaths(paths)
	for i, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res, err := sess.loadPath(ctx, p, opts)
		if err != nil {
			return nil, err
		}
		for _, c := range sess.caches {
			c.sweep()
		}
		out.noteRoot(p, res.Resources, res.notes)
		if opts.OnResources != nil {
			scanner.SortResources(res.Resources)
			if err := opts.OnResources(ctx, res.Resources); err != nil {
				return nil, err
			}
			res.Resources = nil
		}
		out.merge(res, opts.KeepSource)
		if opts.Progress != nil {
			opts.Progress(i+1, len(paths), fmt.Sprintf("%s (%d files read)", p, len(out.Digests)))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out.finish()
	return out, nil
}

// distinctPaths drops paths that name what an earlier path already loads:
// the same file or directory written another way (`.` and `./`, through a
// symlink), and a configuration file inside a directory that is loaded as a
// whole. Overlapping scan paths such as `scan . ./modules/x` then report
// each finding once. Order is kept.
func distinctPaths(paths []string) []string {
	resolved := make([]string, len(paths))
	dirs := map[string]bool{}
	for i, p := range paths {
		resolved[i] = resolvePath(p)
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			dirs[resolved[i]] = true
		}
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(paths))
	for i, p := range paths {
		r := resolved[i]
		if seen[r] || (isConfigFile(filepath.Base(r)) && dirs[filepath.Dir(r)]) {
			continue
		}
		seen[r] = true
		out = append(out, p)
	}
	return out
}

// resolvePath is p made absolute, cleaned and with symlinks resolved where
// it exists; a path that cannot be resolved stays as written, and loadPath
// reports it.
func resolvePath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		return resolved
	}
	return abs
}

// LoadFS evaluates the root module in directory dir of fsys; tests use it
// with in-memory files. Filenames in ranges are paths within fsys.
func LoadFS(ctx context.Context, fsys fs.FS, dir string, opts Options) (*Result, error) {
	dir = path.Clean(dir)
	if !fs.ValidPath(dir) {
		return nil, fmt.Errorf("loader: invalid directory %q", dir)
	}
	dirs := []string{dir}
	for _, r := range opts.ReadRoots {
		dirs = append(dirs, path.Clean(filepath.ToSlash(r)))
	}
	d := fsDisk(fsys, dirs, opts.MaxFileSize)
	d.fault = opts.fault
	src := &source{fsys: d, display: func(p string) string { return p }}
	res := newResult()
	loadModuleTree(ctx, src, nil, newBudget(opts), dir, "", opts, res)
	res.finish()
	return res, ctx.Err()
}

// session is one Load: files parsed for one root module are reused by the
// others (keyed by whether names are shown relative or absolute).
type session struct {
	disk   *disk
	caches map[bool]*parseCache
	budget *budget
}

// readDirs returns the directories a Load reads in: those named, the
// directories of the files named, ReadRoots and AllowPaths.
func readDirs(opts Options) []string {
	var dirs []string
	for _, p := range opts.Paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			dirs = append(dirs, p)
		} else {
			dirs = append(dirs, filepath.Dir(p))
		}
	}
	return append(append(dirs, opts.ReadRoots...), opts.AllowPaths...)
}

// loadPath loads one path given on the command line.
func (s *session) loadPath(ctx context.Context, p string, opts Options) (*Result, error) {
	res := newResult()
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, fmt.Errorf("loader: %s: %w", p, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return unreadable(res, p, err)
	}
	src := diskSource(p, abs, s.disk)
	cache := s.caches[filepath.IsAbs(p)]
	rel := diskRel(abs)
	if info.IsDir() {
		loadModuleTree(ctx, src, cache, s.budget, rel, "", opts, res)
		return res, nil
	}
	data, err := fs.ReadFile(src.fsys, rel)
	if err != nil {
		res.addDiag(notRead(scanner.Range{Filename: p}, src.display, "Cannot read input", err))
		return res, nil
	}
	if isShowJSON(rel, data) {
		name := src.display(rel)
		res.Files[name] = data
		loadPlan(name, data, res)
		return res, nil
	}
	// A single configuration file is a root module of its own.
	loadModuleTree(ctx, src, cache, s.budget, path.Dir(rel), path.Base(rel), opts, res)
	return res, nil
}

// unreadable records that a path given by the user cannot be read: a
// problem with the input, reported as a diagnostic, not an error of Load.
func unreadable(res *Result, p string, err error) (*Result, error) {
	res.addDiag(scanner.Diagnostic{
		Severity: scanner.DiagError,
		Range:    scanner.Range{Filename: p},
		Summary:  "Cannot read input",
		Detail:   err.Error(),
	})
	return res, nil
}

// diskRel turns an absolute OS path into a path of the filesystem root
// (os.DirFS("/")), which io/fs wants without a leading slash.
func diskRel(abs string) string {
	p := filepath.ToSlash(abs)
	if v := filepath.VolumeName(abs); v != "" {
		p = strings.TrimPrefix(p, filepath.ToSlash(v))
	}
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return "."
	}
	return p
}

// diskSource reads the whole disk, and names files as the user would: paths
// relative to the working directory when the user gave a relative path,
// absolute paths otherwise.
func diskSource(given, abs string, d *disk) *source {
	root := "/"
	if v := filepath.VolumeName(abs); v != "" {
		root = v + `\`
	}
	cwd, _ := os.Getwd()
	relative := !filepath.IsAbs(given)
	return &source{
		fsys:     d,
		absolute: true,
		display: func(p string) string {
			full := filepath.Join(root, filepath.FromSlash(p))
			if relative && cwd != "" {
				if r, err := filepath.Rel(cwd, full); err == nil {
					return filepath.ToSlash(r)
				}
			}
			return filepath.ToSlash(full)
		},
	}
}

// source is where files come from and how their names are shown.
type source struct {
	fsys fs.FS
	// display maps a path of fsys to the filename used in ranges.
	display func(string) string
	// absolute is set when fsys is the whole disk, so that path.module
	// shows an absolute path as Terraform's would.
	absolute bool
}

func newResult() *Result {
	return &Result{Files: map[string][]byte{}, Digests: map[string][32]byte{}}
}

func (r *Result) addDiag(d scanner.Diagnostic) {
	r.Diagnostics = append(r.Diagnostics, d)
}

// merge adds o, a root module's result, to r, keeping in r.Files only the
// files keep keeps (nil: all) and the digest of every one.
func (r *Result) merge(o *Result, keep func(name string, src []byte) bool) {
	r.Resources = append(r.Resources, o.Resources...)
	for k, v := range o.Files {
		switch _, seen := r.Digests[k]; {
		case keep == nil || keep(k, v):
			r.Files[k] = v
			r.Digests[k] = digest(v)
		case !seen:
			r.Digests[k] = digest(v)
		}
	}
	r.Diagnostics = append(r.Diagnostics, o.Diagnostics...)
	r.FileContents = append(r.FileContents, o.FileContents...)
	r.Secrets = append(r.Secrets, o.Secrets...)
}

// digest is the SHA-256 of a file's content.
func digest(src []byte) [32]byte {
	return sha256.Sum256(src)
}

// finish sorts everything so that output is deterministic, and hashes the
// files not merged (LoadFS).
func (r *Result) finish() {
	for k, v := range r.Files {
		if _, ok := r.Digests[k]; !ok {
			r.Digests[k] = digest(v)
		}
	}
	scanner.SortResources(r.Resources)
	sort.SliceStable(r.Diagnostics, func(i, j int) bool {
		a, b := r.Diagnostics[i], r.Diagnostics[j]
		if a.Range.Filename != b.Range.Filename {
			return a.Range.Filename < b.Range.Filename
		}
		if a.Range.StartLine != b.Range.StartLine {
			return a.Range.StartLine < b.Range.StartLine
		}
		if a.Range.StartColumn != b.Range.StartColumn {
			return a.Range.StartColumn < b.Range.StartColumn
		}
		return a.Summary < b.Summary
	})
	r.Diagnostics = dedupeDiags(r.Diagnostics)
	slices.Sort(r.Secrets) // a module called many times adds its own again
	r.Secrets = slices.Compact(r.Secrets)
}

func dedupeDiags(ds []scanner.Diagnostic) []scanner.Diagnostic {
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}
