package ledger

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Problem kinds that Verify reports.
const (
	// Changed: the record's bytes are not what was written (its digest
	// does not match its name, its bytes are not canonical or do not
	// parse, or its time differs from its name's).
	Changed = "changed"
	// Removed: the record's previous digest names no record: the record
	// before it was removed (or this one was inserted with a made-up
	// previous).
	Removed = "removed"
	// Inserted: the record claims the same previous record as another, or
	// starts a second chain.
	Inserted = "inserted"
	// Reordered: the record's previous record is not the one before it in
	// time order.
	Reordered = "reordered"
)

// Problem is one break of the chain, at one record file.
type Problem struct {
	File    string `json:"file"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

func (p Problem) String() string { return p.File + ": " + p.Kind + ": " + p.Message }

// Verification is the outcome of Verify.
type Verification struct {
	Records  int       `json:"records"`
	Problems []Problem `json:"problems"`
	// Ignored are files of the directory that are not named as records.
	Ignored []string `json:"ignored"`
	// First and Last are the times of the oldest and newest records.
	First, Last time.Time `json:"-"`
}

// OK reports whether the chain is whole.
func (v *Verification) OK() bool { return len(v.Problems) == 0 }

// Verify reads dir and recomputes the chain.
func Verify(dir string) (*Verification, error) {
	entries, others, err := Read(dir)
	if err != nil {
		return nil, err
	}
	v := &Verification{Records: len(entries), Problems: []Problem{}, Ignored: others}
	if v.Ignored == nil {
		v.Ignored = []string{}
	}
	if len(entries) > 0 {
		v.First, v.Last = entries[0].nameTime, entries[len(entries)-1].nameTime
	}
	c := &chain{entries: entries, v: v, changed: map[string]bool{}, flagged: map[int]bool{}}
	c.checkRecords()
	c.checkForks()
	c.checkLinks()
	slices.SortStableFunc(v.Problems, func(a, b Problem) int { return strings.Compare(a.File, b.File) })
	return v, nil
}

type chain struct {
	entries []Entry
	v       *Verification
	// changed holds the name prefixes of changed records, so that the
	// record after a changed one is not also reported as following a
	// removed one.
	changed map[string]bool
	// flagged holds the indexes of records already reported as inserted.
	flagged map[int]bool
	// followed holds the digests that some record names as its previous.
	followed map[string]bool
}

func (c *chain) report(i int, kind, format string, args ...any) {
	c.v.Problems = append(c.v.Problems, Problem{File: c.entries[i].Name, Kind: kind, Message: fmt.Sprintf(format, args...)})
}

// checkRecords checks each record on its own.
func (c *chain) checkRecords() {
	for i := range c.entries {
		e := &c.entries[i]
		msg := recordProblem(e)
		if msg == "" {
			continue
		}
		c.changed[e.namePrefix] = true
		c.report(i, Changed, "%s", msg)
	}
}

func recordProblem(e *Entry) string {
	if e.Err != nil {
		return fmt.Sprintf("not a readable record: %v", e.Err)
	}
	if e.Digest[:digestPrefix] != e.namePrefix {
		return fmt.Sprintf("its SHA-256 is %s, not the %s… its name was written with", e.Digest, e.namePrefix)
	}
	canon, err := Canonical(e.Data)
	if err != nil || !bytes.Equal(canon, e.Data) {
		return "its bytes are not canonical JSON"
	}
	if !e.Record.Time.Equal(e.nameTime) {
		return fmt.Sprintf("its time %s is not its name's %s", e.Record.Time.UTC().Format(time.RFC3339Nano), e.nameTime.Format(time.RFC3339Nano))
	}
	return ""
}

// checkForks reports records that claim the same previous record as
// another, or start a second chain: of each set, those that no record
// follows are the inserted ones (the chain goes on through the other).
func (c *chain) checkForks() {
	claims := map[string][]int{}
	followed := map[string]bool{}
	c.followed = followed
	for i, e := range c.entries {
		if e.Record == nil {
			continue
		}
		claims[e.Record.Previous] = append(claims[e.Record.Previous], i)
		followed[e.Record.Previous] = true
	}
	for prev, idx := range claims {
		if len(idx) < 2 {
			continue
		}
		var dead, alive []int
		for _, i := range idx {
			if followed[c.entries[i].Digest] || i == len(c.entries)-1 {
				alive = append(alive, i)
			} else {
				dead = append(dead, i)
			}
		}
		if len(alive) == 0 {
			alive, dead = dead[:1], dead[1:]
		}
		for _, i := range dead {
			c.flagged[i] = true
			c.report(i, Inserted, "it claims the same previous record as %s (%s), and no record follows it", c.entries[alive[0]].Name, describePrev(prev))
		}
		for _, i := range alive[1:] {
			c.flagged[i] = true
			c.report(i, Inserted, "it claims the same previous record as %s (%s): the chain forks", c.entries[alive[0]].Name, describePrev(prev))
		}
	}
}

func describePrev(prev string) string {
	if prev == "" {
		return "none: the start of a chain"
	}
	return "sha256 " + prev
}

// checkLinks checks that each record names the record before it, skipping
// those already reported as inserted.
func (c *chain) checkLinks() {
	byDigest := map[string]int{}
	for i, e := range c.entries {
		byDigest[e.Digest] = i
	}
	before := -1 // the last record in the chain so far
	for i, e := range c.entries {
		if c.flagged[i] {
			continue
		}
		if e.Record != nil && !c.checkLink(i, before, byDigest) {
			continue
		}
		before = i
	}
}

// checkLink reports a record that does not name the one before it, and
// whether the record belongs to the chain (false for one inserted with a
// previous digest of its own making, which the chain goes on without).
func (c *chain) checkLink(i, before int, byDigest map[string]int) bool {
	e := &c.entries[i]
	prev := e.Record.Previous
	if prev == "" {
		if before >= 0 {
			c.report(i, Inserted, "it starts a new chain after %s", c.entries[before].Name)
		}
		return true
	}
	p, found := byDigest[prev]
	switch {
	case !found && len(prev) >= digestPrefix && c.changed[prev[:digestPrefix]]:
		// The record before was changed, and reported so.
	case !found && !c.followed[e.Digest] && i < len(c.entries)-1:
		c.report(i, Inserted, "its previous record (sha256 %s) does not exist, and no record follows it", prev)
		return false
	case !found && before < 0:
		c.report(i, Removed, "its previous record (sha256 %s) is missing: the records before it were removed", prev)
	case !found:
		c.report(i, Removed, "its previous record (sha256 %s) is missing: a record after %s was removed", prev, c.entries[before].Name)
	case p >= i:
		c.report(i, Reordered, "its previous record %s sorts after it", c.entries[p].Name)
	case p != before:
		c.report(i, Reordered, "its previous record is %s, but the record before it is %s", c.entries[p].Name, c.entries[before].Name)
	}
	return true
}
