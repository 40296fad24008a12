package loader

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
)

// moduleSources maps the sources by which a repository's examples call the
// repository's own modules (a registry address such as
// "terraform-google-modules/sql-db/google//modules/mysql", or a GitHub URL)
// to the local copy, so that the module is scanned with the example's
// inputs instead of being reported as a remote module not fetched. Version
// constraints are ignored: the local copy is what the repository holds.
type moduleSources struct {
	fsys fs.FS
	// tops are the scanned directories (paths of fsys): looking for the
	// repository a module belongs to stops there.
	tops []string
	// explicit maps a normalised address (see sourceKey) to a directory
	// of fsys, from module_sources in the configuration.
	explicit map[string]string
	// guess maps an address to the repository it names by the name of a
	// directory above the caller or its git remote.
	guess bool
	mu    sync.Mutex
	ids   map[string][]repoID // by directory
}

// repoID is a repository's owner (empty when unknown) and name.
type repoID struct{ owner, name string }

// newModuleSources returns the resolver of a Load reading fsys below tops,
// or nil when it would map nothing.
func newModuleSources(fsys fs.FS, tops []string, explicit map[string]string, guess bool) *moduleSources {
	if len(explicit) == 0 && !guess {
		return nil
	}
	return &moduleSources{fsys: fsys, tops: tops, explicit: explicit, guess: guess, ids: map[string][]repoID{}}
}

// ModuleSourceKey normalises a module address for module_sources: a
// registry address loses its default host and its case, and any source
// loses its `//subdir` and `?query` (a version is never part of the key).
// ok is false for a local path.
func ModuleSourceKey(source string) (key string, ok bool) {
	if isLocalSource(source) {
		return "", false
	}
	p, _ := parseModuleSource(source)
	if p.registry {
		return strings.ToLower(p.host + p.owner + "/" + p.name + "/" + p.provider), true
	}
	return strings.TrimSuffix(p.base, "/"), p.base != ""
}

// parsedSource is a module source split into its parts.
type parsedSource struct {
	base string // the source without subdir and query
	sub  string // the //subdir, without the slashes
	// registry sources: host ("" for the public registry, else "host/"),
	// namespace, name and provider. GitHub sources: owner and repository
	// (in name).
	registry, github            bool
	host, owner, name, provider string
}

var (
	registryPattern = lazyre.New(`^(?:((?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+)/)?([A-Za-z0-9][A-Za-z0-9_-]*)/([A-Za-z0-9][A-Za-z0-9_-]*)/([A-Za-z0-9]+)$`)
	githubPattern   = lazyre.New(`^(?:git::)?(?:(?:https|ssh|git)://)?(?:git@)?github\.com[/:]([^/]+)/([^/]+?)(?:\.git)?/?$`)
)

// parseModuleSource splits a non-local module source.
func parseModuleSource(source string) (parsedSource, bool) {
	s := source
	if i := strings.Index(s, "?"); i >= 0 {
		s = s[:i]
	}
	var p parsedSource
	// The subdirectory follows the first "//" that is not the scheme's.
	rest := s
	skip := 0
	if i := strings.Index(rest, "://"); i >= 0 {
		skip = i + 3
	}
	if i := strings.Index(rest[skip:], "//"); i >= 0 {
		p.sub = strings.Trim(rest[skip+i+2:], "/")
		rest = rest[:skip+i]
	}
	p.base = rest
	if m := registryPattern().FindStringSubmatch(rest); m != nil && !strings.Contains(source, "::") {
		if h := strings.ToLower(m[1]); h != "" && h != "registry.terraform.io" {
			p.host = h + "/"
		}
		p.registry, p.owner, p.name, p.provider = true, m[2], m[3], m[4]
		return p, true
	}
	if m := githubPattern().FindStringSubmatch(rest); m != nil {
		p.github, p.owner, p.name = true, m[1], m[2]
		return p, true
	}
	return p, false
}

// resolve returns the directory (of fsys) that source, called from the
// module in dir, maps to.
func (s *moduleSources) resolve(dir, source string) (string, bool) {
	if s == nil || isLocalSource(source) {
		return "", false
	}
	p, known := parseModuleSource(source)
	if key, ok := ModuleSourceKey(source); ok {
		if to, ok := s.explicit[key]; ok {
			return path.Join(to, p.sub), true
		}
	}
	if !known || !s.guess || p.host != "" || !s.below(dir) {
		return "", false
	}
	for d := dir; ; d = path.Dir(d) {
		if s.names(d, p) {
			return path.Join(d, p.sub), true
		}
		if s.isTop(d) || d == "." || d == path.Dir(d) {
			return "", false
		}
	}
}

// below reports whether dir lies in one of the scanned directories: a
// module read from elsewhere (an allowed path) is not looked up.
func (s *moduleSources) below(dir string) bool {
	for _, t := range s.tops {
		if _, ok := within(t, dir); ok {
			return true
		}
	}
	return false
}

// isTop reports whether dir is one of the scanned directories, above which
// the search for the repository stops.
func (s *moduleSources) isTop(dir string) bool {
	for _, t := range s.tops {
		if t == dir {
			return true
		}
	}
	return false
}

// names reports whether the repository in dir is the one p names: by the
// directory's name (terraform-<provider>-<name> for a registry address,
// the repository's name for GitHub, optionally prefixed with "<owner>+"
// as in a corpus of checkouts) or by its git remote.
func (s *moduleSources) names(dir string, p parsedSource) bool {
	want := p.name
	if p.registry {
		want = "terraform-" + p.provider + "-" + p.name
	}
	for _, id := range s.repoIDs(dir) {
		if strings.EqualFold(id.name, want) && (id.owner == "" || strings.EqualFold(id.owner, p.owner)) {
			return true
		}
	}
	return false
}

// repoIDs returns the names dir goes by: its own name, and the owner and
// name of the remotes in its .git/config.
func (s *moduleSources) repoIDs(dir string) []repoID {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ids, ok := s.ids[dir]; ok {
		return ids
	}
	var ids []repoID
	if base := path.Base(filepath.ToSlash(dir)); base != "." && base != "/" {
		owner, name, ok := strings.Cut(base, "+")
		if !ok {
			owner, name = "", base
		}
		ids = append(ids, repoID{owner: owner, name: name})
	}
	ids = append(ids, gitRemotes(s.fsys, dir)...)
	s.ids[dir] = ids
	return ids
}

// gitRemotes reads the remote URLs of the repository in dir from
// .git/config, without running git; a missing or unusual file (a worktree's
// .git file) gives none.
func gitRemotes(fsys fs.FS, dir string) []repoID {
	data, err := fs.ReadFile(fsys, path.Join(dir, ".git", "config"))
	if err != nil {
		return nil
	}
	var out []repoID
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok || strings.TrimSpace(key) != "url" {
			continue
		}
		if id, ok := remoteID(strings.TrimSpace(val)); ok {
			out = append(out, id)
		}
	}
	return out
}

// remoteID is the owner and name of a git remote URL
// (https://host/owner/name.git, git@host:owner/name.git).
func remoteID(url string) (repoID, bool) {
	url = strings.TrimSuffix(strings.TrimSuffix(url, "/"), ".git")
	url = strings.ReplaceAll(url, ":", "/")
	parts := strings.Split(url, "/")
	if len(parts) < 2 || parts[len(parts)-1] == "" || parts[len(parts)-2] == "" {
		return repoID{}, false
	}
	return repoID{owner: parts[len(parts)-2], name: parts[len(parts)-1]}, true
}

// scannedDirs are the directories (paths of the disk) that a Load scans:
// the directories among opts.Paths and opts.ReadRoots.
func scannedDirs(opts Options) []string {
	var out []string
	for _, p := range append(append([]string(nil), opts.Paths...), opts.ReadRoots...) {
		if st, err := os.Stat(p); err != nil || !st.IsDir() {
			continue
		}
		if abs, err := filepath.Abs(p); err == nil {
			out = append(out, diskRel(abs))
		}
	}
	return out
}

// diskPaths turns module_sources' OS paths into paths of the disk, keyed
// by ModuleSourceKey; a local source as a key maps nothing.
func diskPaths(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		key, ok := ModuleSourceKey(k)
		abs, err := filepath.Abs(v)
		if !ok || err != nil {
			continue
		}
		out[key] = diskRel(abs)
	}
	return out
}

// mappedNote says that the call of module key (as module keys are
// written: "app.db") was scanned from the local directory dir, named
// relative to the root module rootDir, and that its version constraint,
// if any, was not checked.
func mappedNote(rootDir, key string, c *callDecl, dir string) string {
	to := dir
	if rel, err := filepath.Rel(filepath.FromSlash(rootDir), filepath.FromSlash(dir)); err == nil {
		to = filepath.ToSlash(rel)
	}
	note := fmt.Sprintf("module.%s: %q scanned from the local copy %s", strings.ReplaceAll(key, ".", ".module."), c.source, to)
	if c.version != "" {
		note += fmt.Sprintf(" (version %q ignored)", c.version)
	}
	return note
}
