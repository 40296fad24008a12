package loader

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"golang.org/x/sync/errgroup"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// parsedFile is one configuration file, parsed and decoded.
type parsedFile struct {
	path  string // path within the source filesystem
	name  string // filename used in ranges
	src   []byte
	cfg   *fileConfig
	usage *usage
	diags []scanner.Diagnostic
}

// isConfigFile reports whether name is a Terraform configuration file.
func isConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// isIgnoredFile reports whether Terraform skips a file: hidden files and
// editors' backup and lock files.
func isIgnoredFile(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~")
}

// isOverrideFile reports whether name is an override file, which Terraform
// merges into the other files' blocks instead of adding blocks.
func isOverrideFile(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// listModuleFiles returns the configuration files of a module directory, in
// lexical order, or the single file when only is set.
func listModuleFiles(fsys fs.FS, dir, only string) ([]string, error) {
	if only != "" {
		return []string{path.Join(dir, only)}, nil
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isConfigFile(name) || isIgnoredFile(name) {
			continue
		}
		out = append(out, path.Join(dir, name))
	}
	sort.Strings(out)
	return out, nil
}

// parseCache keeps parsed files across the root modules of one Load, so
// that a module several roots call is parsed once or twice rather than
// once per root. Parsed files are never modified after parsing. sweep,
// called after each root, keeps the files that root used and, of the
// others, those that two roots or more have used (a shared module), the
// most recently used first, while their sources add up to no more than
// parseCacheBudget bytes: the syntax trees alive follow the largest root
// plus a bounded margin of shared modules, not the whole input. A file
// only one root has used is dropped once that root is done (most of a
// collection of independent roots: each margin of idle syntax kept alive
// is marked by every collection, which cost more than the parses it
// saved on cloudposse's terraform-aws-components). The files of a root
// module itself are dropped (forget) as soon as its values are built,
// before its rules run, unless other roots have used them and they fit:
// a module of 16,000 resources keeps tens of megabytes of syntax, which
// the collector would mark while the rules run.
type parseCache struct {
	mu    sync.Mutex
	files map[string]*cachedFile // by path in the source filesystem
	gen   int                    // the root being loaded
	size  int                    // bytes of source of the files held
	// uses counts the roots that have used each file, dropped or not.
	uses map[string]*fileUse
	// budget is the most bytes of source held once the files the root
	// being loaded does not use are dropped (parseCacheBudget; tests set
	// less).
	budget int
	// fileFuncs is what file functions read, glob and parse, shared by
	// the roots too: the examples of a module each evaluate it whole.
	fileFuncs fileCache
}

// parseCacheBudget bounds the source, in bytes, of the parsed files that
// parseCache holds, unless the files of the root being loaded alone come
// to more (they are never dropped while it loads). A parsed file takes
// about 11 times its source on the heap (the syntax tree, the decoded
// blocks, the source itself), so 2 MiB of source is about 22 MiB. The
// examples of a repository call its modules in no particular order: when
// only the files of the root just loaded were kept, the repository's
// modules were parsed again whenever an example that calls another one
// came between two that call them (terraform-aws-eks 1.6 times its
// source, terraform-aws-iam 1.8, terraform-google-kubernetes-engine 2.6,
// whose shared modules add up to about 1 MB). Parsing is a third of the
// CPU of such a scan.
const parseCacheBudget = 2 << 20

type cachedFile struct {
	pf   *parsedFile
	used int // the last root that used it; -1 once forgotten
}

// fileUse is how many roots have used a file, and the last of them.
type fileUse struct{ roots, last int }

// use counts the root being loaded among the users of file p; c.mu is
// held.
func (c *parseCache) use(p string) {
	u := c.uses[p]
	if u == nil {
		u = &fileUse{last: -1}
		c.uses[p] = u
	}
	if u.last != c.gen {
		u.roots++
		u.last = c.gen
	}
}

func newParseCache() *parseCache {
	return &parseCache{files: map[string]*cachedFile{}, uses: map[string]*fileUse{}, budget: parseCacheBudget}
}

func (c *parseCache) get(p string) *parsedFile {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cf := c.files[p]
	if cf == nil {
		return nil
	}
	c.use(p)
	cf.used = c.gen
	return cf.pf
}

// forget makes the files paths the first to be dropped, and drops them at
// once unless other roots have used them and the cache is within its
// budget.
func (c *parseCache) forget(paths []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		if cf := c.files[p]; cf != nil {
			cf.used = -1
		}
	}
	c.trim()
}

// discard drops the files paths, whoever else has used them: their
// declarations no longer hold their syntax (instance.release).
func (c *parseCache) discard(paths []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		if c.files[p] != nil {
			c.drop(p)
		}
	}
	c.trim()
}

func (c *parseCache) put(pf *parsedFile) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.files[pf.path]; old != nil {
		c.size -= len(old.pf.src)
	}
	c.use(pf.path)
	c.files[pf.path] = &cachedFile{pf: pf, used: c.gen}
	c.size += len(pf.src)
}

// sweep ends the loading of a root: it keeps the files that root used and
// as many of the shared others as the budget allows, the most recently
// used.
func (c *parseCache) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.trim()
	c.gen++
	c.fileFuncs.sweepLocals()
}

// trim drops the files the root being loaded has not used (or has
// forgotten): those only one root has used, then the least recently used,
// until the source held is within the budget or only that root's files
// are left; c.mu is held.
func (c *parseCache) trim() {
	type entry struct {
		path string
		used int
	}
	var idle []entry
	for p, cf := range c.files {
		switch {
		case cf.used >= c.gen:
		case c.uses[p].roots < 2:
			c.drop(p)
		default:
			idle = append(idle, entry{p, cf.used})
		}
	}
	if c.size <= c.budget {
		return
	}
	sort.Slice(idle, func(i, j int) bool {
		if idle[i].used != idle[j].used {
			return idle[i].used < idle[j].used
		}
		return idle[i].path < idle[j].path
	})
	for _, e := range idle {
		if c.size <= c.budget {
			return
		}
		c.drop(e.path)
	}
}

// drop removes the file p from the cache; c.mu is held.
func (c *parseCache) drop(p string) {
	c.size -= len(c.files[p].pf.src)
	delete(c.files, p)
}

// parseFiles reads and parses files in parallel, bounded by GOMAXPROCS.
func parseFiles(ctx context.Context, src *source, cache *parseCache, paths []string) []*parsedFile {
	out := make([]*parsedFile, len(paths))
	g, _ := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range paths {
		if pf := cache.get(p); pf != nil {
			out[i] = pf
			continue
		}
		g.Go(func() error {
			out[i] = parseFile(src, p)
			cache.put(out[i])
			return nil
		})
	}
	_ = g.Wait() // parseFile never fails: problems are diagnostics
	return out
}

// parseFile reads, parses and decodes one file. A panic in a parser or
// decoder becomes an error diagnostic for this file only.
func parseFile(src *source, p string) (pf *parsedFile) {
	pf = &parsedFile{path: p, name: src.display(p)}
	defer func() {
		if r := recover(); r != nil {
			pf.cfg = nil
			pf.diags = append(pf.diags, scanner.Diagnostic{
				Severity: scanner.DiagError,
				Range:    scanner.Range{Filename: pf.name},
				Summary:  "Internal error while reading file",
				Detail:   fmt.Sprint(r),
			})
		}
	}()
	data, err := fs.ReadFile(src.fsys, p)
	if err != nil {
		pf.diags = append(pf.diags, notRead(scanner.Range{Filename: pf.name}, src.display, "Cannot read file", err))
		return pf
	}
	return parseData(pf, data)
}

// parseData parses and decodes the content of the file pf describes.
func parseData(pf *parsedFile, data []byte) *parsedFile {
	p := pf.path
	pf.src = data
	if ne := checkNesting(data, strings.HasSuffix(p, ".json")); ne != nil {
		pf.diags = append(pf.diags, ne.diagnostic(pf.name))
		return pf
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(p, ".json") {
		f, diags = hcljson.Parse(data, pf.name)
	} else {
		f, diags = parseNative(data, pf.name)
	}
	if diags.HasErrors() || f == nil {
		pf.diags = append(pf.diags, convertDiags(diags)...)
		return pf
	}
	pf.cfg = decodeFile(f)
	pf.cfg.override = isOverrideFile(path.Base(p))
	pf.usage = collectUsage(f.Body)
	pf.diags = append(pf.diags, convertDiags(pf.cfg.diags)...)
	return pf
}

// convertDiags turns HCL diagnostics into located scanner diagnostics.
func convertDiags(diags hcl.Diagnostics) []scanner.Diagnostic {
	out := make([]scanner.Diagnostic, 0, len(diags))
	for _, d := range diags {
		sev := scanner.DiagError
		if d.Severity == hcl.DiagWarning {
			sev = scanner.DiagWarning
		}
		var rng scanner.Range
		if d.Subject != nil {
			rng = scanner.RangeOf(*d.Subject)
		}
		out = append(out, scanner.Diagnostic{Severity: sev, Range: rng, Summary: d.Summary, Detail: d.Detail})
	}
	return out
}

// tree is the set of modules of one root, parsed once each.
type tree struct {
	ctx     context.Context
	src     *source
	res     *Result
	usage   *usage
	modules map[string]*moduleConfig // by directory
	// manifest maps module keys ("app", "app.db") to directories of
	// modules installed by `terraform init`, from .terraform/modules.
	manifest map[string]string
	rootDir  string
	// sources maps sources to local directories (Options.ModuleSources
	// and OwnModules); nil maps none.
	sources *moduleSources
	// rootName is rootDir (or the single file loaded) as ranges name it:
	// every resource's Root.
	rootName string
	cache    *parseCache // shared by the roots of one Load; may be nil
	// rootFiles are the files of the root module itself, which the
	// cache forgets once the root is evaluated.
	rootFiles []string
	// released is set once a resource of the root module has given up
	// its syntax (instance.release), so that rootFiles leave the cache.
	released bool
	// budget counts the instances of the whole Load; limits bound them.
	budget *budget
	limits limits
	// locked are the provider versions of the root's dependency lock
	// file; majors caches providerMajor's answers.
	locked map[string]string
	majors map[string]int
	mu     sync.Mutex
	// bundled are the calls judged from bundled module models (nil:
	// none yet).
	bundled *bundledState
}

// loadModule parses the module in dir (or the single file only in it) and,
// recursively, the local modules it calls.
func (t *tree) loadModule(dir, only, key string, stack []string) *moduleConfig {
	if m, ok := t.modules[dir]; ok && only == "" {
		return m
	}
	paths, err := listModuleFiles(t.src.fsys, dir, only)
	if err != nil {
		t.res.addDiag(notRead(scanner.Range{Filename: t.src.display(dir)}, t.src.display, "Cannot read module directory", err))
		return nil
	}
	files := parseFiles(t.ctx, t.src, t.cache, paths)
	if stack == nil {
		t.rootFiles = paths // the root module's own (a called module's stack holds its caller)
	}
	var cfgs []*fileConfig
	// A module read in part (a single file, or one that does not parse)
	// may refer to what its other files declare.
	whole := only == ""
	for _, pf := range files {
		if pf.src != nil {
			t.res.Files[pf.name] = pf.src
		}
		t.res.Diagnostics = append(t.res.Diagnostics, pf.diags...)
		if pf.cfg != nil {
			cfgs = append(cfgs, pf.cfg)
			t.usage.merge(pf.usage)
		} else {
			whole = false
		}
	}
	m := mergeFiles(dir, cfgs, &t.res.Diagnostics)
	m.partial = !whole
	t.modules[dir] = m
	if whole {
		t.res.Diagnostics = append(t.res.Diagnostics, checkReferences(m)...)
	}
	for _, c := range m.calls {
		childKey := c.name
		if key != "" {
			childKey = key + "." + c.name
		}
		if child := t.loadCall(m, c, childKey, append(stack, dir)); child != nil {
			m.children[c] = child
			// A bundled model's call has been checked against it (loadBundled).
			if child.bundledFiles == nil && !child.partial {
				t.res.Diagnostics = append(t.res.Diagnostics, undeclaredInputs(c, child)...)
			}
		}
	}
	m.nodes = buildGraph(m)
	t.res.Diagnostics = append(t.res.Diagnostics, m.problems...)
	return m
}

// loadCall finds the module a call refers to: a local path, a local copy
// its registry address maps to, a module that `terraform init` installed,
// or, as a last resort, a bundled model of the module (bundled.go). Remote
// modules are never fetched.
func (t *tree) loadCall(parent *moduleConfig, c *callDecl, key string, stack []string) *moduleConfig {
	if c.source == "" {
		return nil
	}
	if isLocalSource(c.source) {
		return t.loadLocal(c, t.src.join(parent.dir, c.source), fmt.Sprintf("local source %q", c.source), key, stack)
	}
	if dir, ok := t.sources.resolve(parent.dir, c.source); ok {
		t.res.notes = append(t.res.notes, mappedNote(t.rootDir, key, c, dir))
		return t.loadLocal(c, dir, fmt.Sprintf("source %q mapped to %s", c.source, t.displayDir(dir)), key, stack)
	}
	if dir, ok := t.manifest[key]; ok {
		if !t.moduleDir(c, dir, fmt.Sprintf("source %q installed by `terraform init` (.terraform/modules/modules.json)", c.source)) {
			return nil
		}
		return t.loadModule(dir, "", key, stack)
	}
	if m, handled := t.loadBundled(c, key); handled {
		return m
	}
	t.res.addDiag(scanner.Diagnostic{
		Severity: scanner.DiagWarning,
		Range:    scanner.RangeOf(c.defRange),
		Summary:  fmt.Sprintf("Module %q not scanned", c.name),
		Detail:   fmt.Sprintf("remote source %q is not fetched; run `terraform init` to scan it from .terraform/modules", c.source),
	})
	return nil
}

// loadLocal loads the module of call c from dir, a directory of the source
// (what describes how the call leads there), unless it cannot be read or
// is already being loaded by the calls in stack.
func (t *tree) loadLocal(c *callDecl, dir, what, key string, stack []string) *moduleConfig {
	if !t.moduleDir(c, dir, what) {
		return nil
	}
	for _, s := range stack {
		if s == dir {
			t.res.addDiag(scanner.Diagnostic{
				Severity: scanner.DiagError,
				Range:    scanner.RangeOf(c.defRange),
				Summary:  fmt.Sprintf("Module %q calls itself", c.name),
				Detail:   fmt.Sprintf("source %q is already being loaded", c.source),
			})
			return nil
		}
	}
	return t.loadModule(dir, "", key, stack)
}

// moduleDir reports whether the directory a module call leads to can be
// loaded. A directory outside the scanned ones (a source that climbs out,
// a symbolic link, a manifest's Dir) is an error naming the module and the
// option that allows it; a missing one is a warning, as an uninstalled
// module is.
func (t *tree) moduleDir(c *callDecl, dir, what string) bool {
	st, err := fs.Stat(t.src.fsys, dir)
	var ref *refusedError
	switch {
	case errors.As(err, &ref):
		t.res.addDiag(scanner.Diagnostic{
			Severity: scanner.DiagError,
			Range:    scanner.RangeOf(c.defRange),
			Summary:  fmt.Sprintf("Module %q not scanned", c.name),
			Detail:   fmt.Sprintf("%s: %s", what, ref.detail(t.displayDir)),
		})
		return false
	case err != nil || !st.IsDir():
		t.res.addDiag(scanner.Diagnostic{
			Severity: scanner.DiagWarning,
			Range:    scanner.RangeOf(c.defRange),
			Summary:  fmt.Sprintf("Module %q not scanned", c.name),
			Detail:   fmt.Sprintf("%s: directory %s does not exist", what, t.src.display(dir)),
		})
		return false
	}
	return true
}

// displayDir names a directory in a message: as ranges name files, or
// absolute when it lies above the filesystem of the source.
func (t *tree) displayDir(dir string) string {
	if !fs.ValidPath(dir) {
		return dir
	}
	return t.src.display(dir)
}

// isLocalSource reports whether a module source is a local path.
func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || s == "." || s == ".."
}
