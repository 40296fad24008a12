//go:build !unix

package ledger

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// staleLock is how old a lock file must be before it is taken to belong to
// a scan that died: a record is written in milliseconds.
const staleLock = 10 * time.Minute

// lock creates dir/.lock exclusively, waiting while another writer holds
// it and removing a lock left by a writer that died.
func lock(dir string) (unlock func(), err error) {
	name := filepath.Join(dir, ".lock")
	deadline := time.Now().Add(2 * staleLock)
	for {
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(name) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > staleLock {
			os.Remove(name)
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s is held by another writer", name)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
