package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tfsecCommand scans every module under dir with tfsec: --force-all-dirs is
// the only way it descends into every module directory rather than the
// roots it guesses; --no-module-downloads keeps it off the network, as our
// scanner is.
func tfsecCommand(dir string) []string {
	return []string{"--force-all-dirs", "--no-module-downloads", "--soft-fail", "--no-color", "--format", "json", dir}
}

func runPeers(args []string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("peers", stderr)
	if err != nil {
		return err
	}
	tfsec := fs.String("tfsec", ".bench/tfsec-v1.28.14/tfsec", "the tfsec binary (make bench-peers installs v1.28.14)")
	var exclude stringList
	fs.Var(&exclude, "exclude", "a folder of the corpus, relative to it, left out of the copy both tools scan (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("peers scans one corpus: give its directory")
	}
	if _, err := os.Stat(*tfsec); err != nil {
		return fmt.Errorf("tfsec: %w (make bench-peers installs it)", err)
	}
	tmp, err := os.MkdirTemp("", "soc2-bench-peers-*")
	if err != nil {
		return err
	}
	defer removeAll(tmp)
	corpus := filepath.Join(tmp, "corpus")
	if err := copyTree(fs.Arg(0), corpus, exclude); err != nil {
		return fmt.Errorf("copying the corpus: %w", err)
	}
	ours := &input{name: "soc2 scan", dir: corpus}
	var theirs []sample
	// Alternate, ours then theirs, so both see the same load over time.
	for r := range c.runs {
		if err := scanOnce(c.bin, ours, filepath.Join(tmp, "ours.json")); err != nil {
			return err
		}
		s, err := measure(*tfsec, tfsecCommand(corpus), filepath.Join(tmp, "theirs.json"))
		if err != nil {
			return err
		}
		theirs = append(theirs, s)
		o := ours.samples[len(ours.samples)-1]
		fmt.Fprintf(stderr, "run %d/%d: soc2 scan %s wall %s peak, tfsec %s wall %s peak\n",
			r+1, c.runs, seconds(o.wall), mib(o.rss), seconds(s.wall), mib(s.rss))
	}
	fmt.Fprintf(stdout, "Medians of %d alternating run(s) over %s (%d files) without %s.\n\n",
		c.runs, fs.Arg(0), ours.files, strings.Join(exclude, ", "))
	return writePeersTable(stdout, c.format, medians(ours.samples), medians(theirs))
}

// writePeersTable prints both tools' medians and the ratio ours/theirs
// (below 1 means ours is faster or smaller).
func writePeersTable(w io.Writer, format string, ours, theirs sample) error {
	t := table{header: []string{"tool", "wall", "CPU (user+sys)", "peak RSS"}}
	t.add("soc2 scan", seconds(ours.wall), seconds(ours.cpu), mib(ours.rss))
	t.add("tfsec v1.28.14", seconds(theirs.wall), seconds(theirs.cpu), mib(theirs.rss))
	t.add("ours/theirs", ratio(ours.wall, theirs.wall), ratio(ours.cpu, theirs.cpu), ratio(ours.rss, theirs.rss))
	return t.write(w, format)
}

// copyTree copies the regular files and directories under src to dst,
// writable (the shared corpus is read-only), leaving out the folders
// exclude names relative to src. Symbolic links are copied as links.
func copyTree(src, dst string, exclude []string) error {
	skip := map[string]bool{}
	for _, e := range exclude {
		if _, err := os.Stat(filepath.Join(src, e)); err != nil {
			return fmt.Errorf("-exclude %s: %w", e, err)
		}
		skip[filepath.Clean(e)] = true
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if skip[rel] {
			return filepath.SkipDir
		}
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, to)
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, data, 0o644)
		}
		return nil // sockets, devices: not Terraform
	})
}

// removeAll removes the temporary copy, reporting (not failing on) what it
// could not remove.
func removeAll(dir string) {
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintln(os.Stderr, "benchcmd: cleaning up:", err)
	}
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
