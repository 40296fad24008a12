package loader

import (
	"io/fs"
	"slices"
)

// A landing zone's module lists its library with a dozen fileset
// patterns (`**/policy_definition_*.{json,json.tftpl}`, the YAML forms, the
// other kinds of document), and doublestar walks the whole library once
// per pattern and per alternative in braces: about two hundred reads of
// the same six directories in each Load, each a system call through the
// confined reader. The scanned tree does not change during a Load
// (fileCache), so a directory is read once and globs list it from what
// was read. A failed read is not kept: the caller reports its own error.

// globFS is fsys for globbing: directories are read once per Load
// (fileCache.dirs); everything else is fsys's.
type globFS struct {
	fsys fs.FS
	c    *fileCache
}

func (g globFS) Open(name string) (fs.File, error) { return g.fsys.Open(name) }

func (g globFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(g.fsys, name) }

// ReadDir returns a copy of the kept listing, so that a caller sorting or
// trimming its slice leaves the listing as read.
func (g globFS) ReadDir(name string) ([]fs.DirEntry, error) {
	g.c.mu.Lock()
	l, ok := g.c.dirs[name]
	g.c.mu.Unlock()
	if ok {
		return slices.Clone(l), nil
	}
	entries, err := fs.ReadDir(g.fsys, name)
	if err != nil {
		return entries, err
	}
	g.c.mu.Lock()
	defer g.c.mu.Unlock()
	if g.c.dirs == nil {
		g.c.dirs = map[string][]fs.DirEntry{}
	}
	g.c.dirs[name] = slices.Clone(entries)
	return entries, nil
}
