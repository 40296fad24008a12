package loader

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// DefaultMaxFileSize is the largest file the loader reads when
// Options.MaxFileSize is 0: far above any real configuration or plan, far
// below what would exhaust memory.
const DefaultMaxFileSize = 20 << 20

// AllowHint names the options that let the scanner read outside the scanned
// directories, for the messages that refuse such a read.
const AllowHint = "allow its directory with --allow-path DIR (allow_paths in .soc2scan.hcl or on soc2_scan)"

// disk is the one way the loader reads files and directories. It is an
// fs.FS over paths of the whole file system (slash-separated, without the
// leading slash, as os.DirFS("/") names them) that only answers inside its
// roots: the directories scanned, the ones allowed (--allow-path) and
// single files named by the user (--var-file). Each root is an os.Root, so
// a symbolic link inside a root that leads out of it is refused as the
// kernel resolves it, with no check to forget at a call site. A link that
// leads into another root is followed. Files are read only when they are
// regular files no larger than maxSize: a FIFO would block forever and a
// device (/dev/zero) never end.
type disk struct {
	roots   []*diskRoot
	maxSize int64
	// fault, when set, fails operations on the paths it returns an error
	// for: tests use it to simulate what running as root cannot, such as
	// a directory that is not readable.
	fault func(name string) error
}

// diskRoot is one directory the disk reads in.
type diskRoot struct {
	dir  string // path of the file system ("." for "/")
	real string // dir with symbolic links resolved
	// only, when set, is the one name in dir that may be read: a file the
	// user named rather than a directory.
	only string
	fsys fs.FS
	root *os.Root // nil for tests' in-memory files
	// err is why the directory could not be opened: reads in it fail
	// with it rather than being refused as outside.
	err error
}

// refusedError is a read that the disk does not make.
type refusedError struct {
	name    string // path of the file system, or as written in a configuration
	reason  string
	outside bool
}

func (e *refusedError) Error() string { return e.detail(nil) }

// detail says what was refused and why, naming the path with display
// (nil: as it is), and for a path outside the options that allow it.
func (e *refusedError) detail(display func(string) string) string {
	name := e.name
	if display != nil {
		name = display(name)
	}
	msg := name + ": " + e.reason
	if e.outside {
		msg += "; " + AllowHint
	}
	return msg
}

// notRead is the error diagnostic for a file or directory the disk refused
// ("File not read", with the reason) or failed to read (summary).
func notRead(rng scanner.Range, display func(string) string, summary string, err error) scanner.Diagnostic {
	d := scanner.Diagnostic{Severity: scanner.DiagError, Range: rng, Summary: summary, Detail: err.Error()}
	var ref *refusedError
	var pe *fs.PathError
	switch {
	case errors.As(err, &ref):
		d.Summary, d.Detail = "File not read", ref.detail(display)
	case errors.As(err, &pe):
		d.Detail = display(pe.Path) + ": " + pe.Err.Error()
	}
	return d
}

// newDisk returns a disk confined to dirs (directories) and files (single
// files), given as OS paths. Reading in a directory that cannot be opened
// fails with the reason. Close releases the directories.
func newDisk(dirs, files []string, maxSize int64) *disk {
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	d := &disk{maxSize: maxSize}
	seen := map[string]bool{}
	add := func(dir, only string) {
		abs, err := filepath.Abs(dir)
		if err != nil || seen[abs+"\x00"+only] {
			return
		}
		seen[abs+"\x00"+only] = true
		dr := &diskRoot{dir: diskRel(abs), real: diskRel(abs), only: only}
		if resolved, err := filepath.EvalSymlinks(abs); err == nil {
			dr.real = diskRel(resolved)
		}
		if dr.root, dr.err = os.OpenRoot(abs); dr.err == nil {
			dr.fsys = dr.root.FS()
		}
		d.roots = append(d.roots, dr)
	}
	for _, dir := range dirs {
		add(dir, "")
	}
	for _, f := range files {
		add(filepath.Dir(f), filepath.Base(f))
	}
	d.sortRoots()
	return d
}

// Close releases the directories the disk holds open.
func (d *disk) Close() {
	for _, r := range d.roots {
		if r.root != nil {
			_ = r.root.Close()
		}
	}
}

// fsDisk confines fsys (tests' in-memory files) to the directories dirs
// of it, the way newDisk confines the file system.
func fsDisk(fsys fs.FS, dirs []string, maxSize int64) *disk {
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	d := &disk{maxSize: maxSize}
	for _, dir := range dirs {
		sub, err := fs.Sub(fsys, dir)
		if err != nil {
			continue
		}
		d.roots = append(d.roots, &diskRoot{dir: dir, real: dir, fsys: sub})
	}
	d.sortRoots()
	return d
}

// sortRoots puts the deepest roots first, so that a path is read in the
// innermost root that holds it.
func (d *disk) sortRoots() {
	sort.SliceStable(d.roots, func(i, j int) bool { return len(d.roots[i].dir) > len(d.roots[j].dir) })
}

// within returns name relative to dir when dir holds it.
func within(dir, name string) (string, bool) {
	switch {
	case dir == ".":
		return name, true
	case name == dir:
		return ".", true
	case strings.HasPrefix(name, dir+"/"):
		return name[len(dir)+1:], true
	}
	return "", false
}

// do runs op on name in the first root that holds it. A name outside every
// root, or one that a symbolic link leads out of its root with, is refused
// as outside unless the link leads into another root.
func (d *disk) do(op, name string, fn func(fsys fs.FS, rel string) error) error {
	if !fs.ValidPath(name) {
		return &refusedError{name: name, reason: "outside the scanned directory", outside: true}
	}
	if d.fault != nil {
		if err := d.fault(name); err != nil {
			return &fs.PathError{Op: op, Path: name, Err: err}
		}
	}
	escaped := false
	for _, r := range d.roots {
		rel, ok := r.holds(r.dir, name)
		if !ok {
			continue
		}
		if r.err != nil {
			return &fs.PathError{Op: op, Path: name, Err: unwrapPath(r.err)}
		}
		err := fn(r.fsys, rel)
		if !isEscape(err) {
			return err
		}
		escaped = true
		break
	}
	if !escaped {
		return &refusedError{name: name, reason: "outside the scanned directory", outside: true}
	}
	// A link out of one root may lead into another (an allowed path).
	if target, err := filepath.EvalSymlinks("/" + name); err == nil {
		realName := diskRel(target)
		for _, r := range d.roots {
			if rel, ok := r.holds(r.real, realName); ok && r.err == nil {
				if err := fn(r.fsys, rel); !isEscape(err) {
					return err
				}
			}
		}
	}
	return &refusedError{name: name, reason: "a symbolic link leads outside the scanned directory", outside: true}
}

// holds returns name relative to the root's directory base (dir or real)
// when the root may read it.
func (r *diskRoot) holds(base, name string) (string, bool) {
	rel, ok := within(base, name)
	if !ok || (r.only != "" && rel != r.only) {
		return "", false
	}
	return rel, true
}

// unwrapPath drops the operation and path of a *fs.PathError.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// isEscape reports whether an os.Root refused a path that leaves it. The
// os package does not export that error, only its text.
func isEscape(err error) bool {
	return err != nil && strings.Contains(err.Error(), "path escapes from parent")
}

// Open opens a file or directory; a file that is not regular is refused
// before it is opened, since opening a FIFO blocks.
func (d *disk) Open(name string) (fs.File, error) {
	var f fs.File
	err := d.do("open", name, func(fsys fs.FS, rel string) error {
		st, err := fs.Stat(fsys, rel)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			if err := d.check(name, st); err != nil {
				return err
			}
		}
		f, err = fsys.Open(rel)
		return err
	})
	return f, err
}

// Stat follows symbolic links inside the roots.
func (d *disk) Stat(name string) (fs.FileInfo, error) {
	var st fs.FileInfo
	err := d.do("stat", name, func(fsys fs.FS, rel string) (err error) {
		st, err = fs.Stat(fsys, rel)
		return err
	})
	return st, err
}

// ReadDir lists a directory.
func (d *disk) ReadDir(name string) ([]fs.DirEntry, error) {
	var entries []fs.DirEntry
	err := d.do("readdir", name, func(fsys fs.FS, rel string) (err error) {
		entries, err = fs.ReadDir(fsys, rel)
		return err
	})
	return entries, err
}

// ReadFile reads a regular file no larger than the limit, checking again
// once it is open, and never reading more than the limit should the file
// grow meanwhile.
func (d *disk) ReadFile(name string) ([]byte, error) {
	var data []byte
	err := d.do("read", name, func(fsys fs.FS, rel string) error {
		st, err := fs.Stat(fsys, rel)
		if err != nil {
			return err
		}
		if err := d.check(name, st); err != nil {
			return err
		}
		f, err := fsys.Open(rel)
		if err != nil {
			return err
		}
		defer f.Close()
		if st, err = f.Stat(); err != nil {
			return err
		}
		if err := d.check(name, st); err != nil {
			return err
		}
		data, err = readAtMost(f, st.Size(), d.maxSize+1)
		if err != nil {
			return err
		}
		if int64(len(data)) > d.maxSize {
			data = nil
			return d.tooLarge(name)
		}
		return nil
	})
	return data, err
}

// readAtMost reads r to its end but no further than limit bytes, into a
// buffer sized for the size the file had when it was opened, plus the one
// byte that lets the read that finds the end find it without growing the
// buffer: one read and one at the end instead of io.ReadAll's doubling
// from 512 bytes, which on a corpus of thousands of files, each read once
// to discover roots and once to parse it, cost a read call and a copy per
// doubling. The buffer is not bytes.Buffer's, whose reads keep 512 bytes
// free: the contents of a root's files stay in memory while its rules
// run, and 512 spare bytes would be most of a small file's share. A file
// that grew since its size was taken is still read whole (up to limit).
func readAtMost(r io.Reader, size, limit int64) ([]byte, error) {
	size = max(0, min(size, limit))
	lr := io.LimitReader(r, limit)
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grown since opened: let append pick the room
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// check refuses what is not a regular file of at most maxSize bytes.
func (d *disk) check(name string, st fs.FileInfo) error {
	if !st.Mode().IsRegular() {
		return &refusedError{name: name, reason: "not a regular file (" + fileKind(st.Mode()) + ")"}
	}
	if st.Size() > d.maxSize {
		return d.tooLarge(name)
	}
	return nil
}

func (d *disk) tooLarge(name string) error {
	return &refusedError{name: name, reason: fmt.Sprintf("larger than the %s limit; raise it with --max-file-size (max_file_size in .soc2scan.hcl or on soc2_scan)", formatSize(d.maxSize))}
}

// fileKind names a non-regular file mode for messages.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a file"
}

// formatSize shows a byte count as config.ParseSize reads it.
func formatSize(n int64) string {
	for _, u := range []struct {
		name string
		n    int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.n && n%u.n == 0 {
			return fmt.Sprintf("%d %s", n/u.n, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// specialDirs are file systems of the kernel, not files: walking them
// never ends (/proc) or reads devices.
var specialDirs = map[string]bool{"proc": true, "sys": true, "dev": true}
