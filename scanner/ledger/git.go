package ledger

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ReadGit returns the commit and branch of the git work tree that path is
// in, nil when it is in none. It reads .git directly rather than running
// git: HEAD, loose refs and packed-refs, and the .git file of a linked
// work tree or submodule.
func ReadGit(path string) (*Git, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("git: %w", err)
	}
	gitDir, err := findGitDir(abs)
	if err != nil || gitDir == "" {
		return nil, err
	}
	head, err := os.ReadFile(filepath.Join(gitDir, "HEAD"))
	if err != nil {
		return nil, fmt.Errorf("git: %w", err)
	}
	ref, isRef := strings.CutPrefix(strings.TrimSpace(string(head)), "ref: ")
	if !isRef {
		return &Git{Commit: ref}, nil
	}
	commit, err := resolveRef(gitDir, ref)
	if err != nil {
		return nil, err
	}
	return &Git{Commit: commit, Branch: strings.TrimPrefix(ref, "refs/heads/")}, nil
}

// findGitDir walks up from dir (or a file's directory) to the first .git,
// and returns the git directory it is or points to.
func findGitDir(path string) (string, error) {
	dir := path
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		dir = filepath.Dir(path)
	}
	for {
		dotGit := filepath.Join(dir, ".git")
		fi, err := os.Stat(dotGit)
		switch {
		case err == nil && fi.IsDir():
			return dotGit, nil
		case err == nil:
			return readGitFile(dotGit)
		case !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("git: %w", err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// readGitFile reads a .git file ("gitdir: PATH"), as a linked work tree or
// a submodule has.
func readGitFile(name string) (string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("git: %w", err)
	}
	dir, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir: ")
	if !ok {
		return "", fmt.Errorf("git: %s: want \"gitdir: PATH\"", name)
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(filepath.Dir(name), dir)
	}
	return dir, nil
}

// resolveRef returns the commit a ref names: a loose ref in the git
// directory or, for a linked work tree, in the common directory, else an
// entry of packed-refs. An unborn branch has no commit: "".
func resolveRef(gitDir, ref string) (string, error) {
	dirs := []string{gitDir}
	if common, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		c := strings.TrimSpace(string(common))
		if !filepath.IsAbs(c) {
			c = filepath.Join(gitDir, c)
		}
		dirs = append(dirs, c)
	}
	for _, d := range dirs {
		data, err := os.ReadFile(filepath.Join(d, filepath.FromSlash(ref)))
		if err == nil {
			return strings.TrimSpace(string(data)), nil
		}
	}
	for _, d := range dirs {
		data, err := os.ReadFile(filepath.Join(d, "packed-refs"))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if hash, name, ok := strings.Cut(sc.Text(), " "); ok && name == ref {
				return hash, nil
			}
		}
	}
	return "", nil
}
