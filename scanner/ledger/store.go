package ledger

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Entry is one record file of a ledger directory.
type Entry struct {
	// Name is the file name, without the directory.
	Name string
	Data []byte
	// Digest is the SHA-256 (hex) of Data.
	Digest string
	// Record is the parsed record; nil when Err is set.
	Record *Record
	// Err says why the file is not a readable record.
	Err error

	nameTime   time.Time
	namePrefix string
}

// Read returns the record files of dir sorted by name, that is by time,
// and the names of the other files, which are not part of the ledger (hidden
// files such as the lock are skipped). A record that cannot be parsed is
// returned with Err set.
func Read(dir string) (entries []Entry, others []string, err error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the evidence ledger: %w", err)
	}
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		t, prefix, ok := parseFileName(name)
		if !ok || !de.Type().IsRegular() {
			others = append(others, name)
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, nil, fmt.Errorf("reading the evidence ledger: %w", err)
		}
		e := Entry{Name: name, Data: data, Digest: Digest(data), nameTime: t, namePrefix: prefix}
		e.Record, e.Err = Unmarshal(data)
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return entries, others, nil
}

// Append writes rec as the ledger's newest record, creating dir if needed,
// and returns the file's path. It sets rec.Time to now (later than the
// newest record's, should the clock have gone back) and rec.Previous to the
// newest record's digest, holding dir's lock so that concurrent appends
// chain one after the other.
func Append(dir string, rec *Record, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("evidence ledger: %w", err)
	}
	unlock, err := lock(dir)
	if err != nil {
		return "", fmt.Errorf("evidence ledger: locking %s: %w", dir, err)
	}
	defer unlock()
	last, err := newest(dir)
	if err != nil {
		return "", err
	}
	rec.Time = now.UTC()
	rec.Previous = ""
	if last != nil {
		rec.Previous = last.Digest
		if !rec.Time.After(last.nameTime) {
			rec.Time = last.nameTime.Add(time.Nanosecond)
		}
	}
	data, err := rec.Marshal()
	if err != nil {
		return "", fmt.Errorf("evidence ledger: encoding the record: %w", err)
	}
	path := filepath.Join(dir, FileName(rec.Time, Digest(data)))
	if err := writeNew(path, data); err != nil {
		return "", fmt.Errorf("evidence ledger: %w", err)
	}
	return path, nil
}

// newest returns the newest record file of dir, nil when there is none.
// Its digest is taken from its bytes whether or not they parse: a damaged
// record is verify's to report, and the chain still names it.
func newest(dir string) (*Entry, error) {
	entries, _, err := Read(dir)
	if err != nil || len(entries) == 0 {
		return nil, err
	}
	return &entries[len(entries)-1], nil
}

// writeNew writes data to path through a temporary file in the same
// directory, so that a reader never sees half a record, and links it into
// place, so that an existing file is never replaced.
func writeNew(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".record-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o444); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists already; records are never rewritten", path)
		}
		return err
	}
	return nil
}
