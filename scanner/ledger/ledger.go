// Package ledger keeps the evidence of a SOC 2 Type II observation window:
// one record per scan, appended to a directory, each naming the SHA-256 of
// the record before it so that the records form a hash chain. It appends a
// record, reads the records back and verifies the chain.
//
// # Records
//
// A record is one file, DIR/<time>-<digest12>.json, where <time> is the
// record's UTC time as 20060102T150405.000000000Z (fixed width, so that
// file names sort by time) and <digest12> is the first 12 hex digits of the
// SHA-256 of the file's bytes. The first record's "previous" is ""; every
// other record's is the full SHA-256 (hex) of the record before it.
//
// # Canonical form
//
// A record's bytes are canonical JSON, so that the same record always has
// the same digest: one object, object keys sorted by their UTF-8 bytes, no
// whitespace outside strings, no trailing newline, strings escaped as Go's
// encoding/json escapes them without HTML escaping (\", \\, \n, \r, \t,
// \u00XX for other control characters, \u2028 and \u2029), numbers written
// as integers (records hold no fractions), absent optional fields left out
// rather than written as null. Canonical re-encodes any JSON value in this
// form; Verify rejects a record whose bytes are not canonical.
//
// # Guarantees
//
// Append writes through a temporary file in DIR and renames it, under an
// exclusive lock on DIR/.lock held while the last record is read and the new
// one written, so that concurrent scans never fork the chain. A record is
// never rewritten. The chain proves that no record inside it was changed,
// removed or inserted; it cannot prove that the newest records were not cut
// off, so keep the ledger where history is kept (committed to the
// repository, or as a retained CI artifact).
package ledger

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/report"
)

// FormatVersion is the version of the record's shape; it changes only when
// a field is removed or changes meaning.
const FormatVersion = 1

// TimeLayout is the layout of a record's time in its file name.
const TimeLayout = "20060102T150405.000000000Z"

// Record is one scan's evidence.
type Record struct {
	FormatVersion int `json:"format_version"`
	// Time is when the scan ran, UTC, RFC 3339 with nanoseconds.
	Time time.Time `json:"time"`
	Tool Tool      `json:"tool"`
	// Catalogue is the rule catalogue's version, CatalogueVersion.
	Catalogue string `json:"catalogue"`
	// Git is the commit scanned, when the first path is in a git work
	// tree.
	Git *Git `json:"git,omitempty"`
	// Paths are the scanned paths as given.
	Paths []string `json:"paths"`
	// Inputs is the SHA-256 of the files read, InputsDigest.
	Inputs string `json:"inputs_sha256"`
	// Config is the configuration file read, when there was one.
	Config *File `json:"config,omitempty"`
	// Rules holds the results of every rule that ran, by rule ID.
	Rules map[string]RuleResult `json:"rules"`
	// Criteria holds the results by Trust Services Criterion.
	Criteria map[string]Counts `json:"criteria"`
	// Errors counts the inputs that could not be read or parsed: a
	// record with errors did not see all of the infrastructure.
	Errors int `json:"errors"`
	// Previous is the SHA-256 (hex) of the record before, "" for the
	// first.
	Previous string `json:"previous"`
}

// Tool is the scanner that produced a record.
type Tool struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	Commit    string `json:"commit,omitempty"`
	BuildDate string `json:"build_date,omitempty"`
}

// Git is the commit a scanned path was at.
type Git struct {
	Commit string `json:"commit"`
	// Branch is "" for a detached HEAD.
	Branch string `json:"branch,omitempty"`
}

// File is a file's path and the SHA-256 (hex) of its contents.
type File struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Counts tally one rule's or criterion's findings as the scan report does:
// Failed and Unknown count unsuppressed findings only.
type Counts = report.Counts

// RuleResult is one rule's counts and its failing findings.
type RuleResult struct {
	Counts
	// Failing are the unsuppressed failing findings, sorted by
	// fingerprint.
	Failing []Failure `json:"failing,omitempty"`
}

// Failure is one failing finding.
type Failure struct {
	Fingerprint string `json:"fingerprint"`
	Resource    string `json:"resource"`
	// Location is file:line, or "" for a resource known only from a plan.
	Location string `json:"location,omitempty"`
}

// Canonical re-encodes the JSON value in data in the canonical form
// described in the package documentation.
func Canonical(data []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value")
	}
	if err := checkIntegers(v); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// encoding/json writes map keys sorted and no whitespace.
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

var integer = lazyre.New(`^-?(0|[1-9][0-9]*)$`)

// checkIntegers rejects fractions and exponents, whose spelling JSON leaves
// free.
func checkIntegers(v any) error {
	switch v := v.(type) {
	case json.Number:
		if !integer().MatchString(string(v)) {
			return fmt.Errorf("number %s is not an integer", v)
		}
	case map[string]any:
		for _, e := range v {
			if err := checkIntegers(e); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range v {
			if err := checkIntegers(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// Marshal returns the record's canonical bytes.
func (r *Record) Marshal() ([]byte, error) {
	rec := *r
	rec.Time = r.Time.UTC()
	data, err := json.Marshal(&rec)
	if err != nil {
		return nil, err
	}
	return Canonical(data)
}

// Unmarshal reads a record.
func Unmarshal(data []byte) (*Record, error) {
	var r Record
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	if r.FormatVersion != FormatVersion {
		return nil, fmt.Errorf("format_version %d is not %d", r.FormatVersion, FormatVersion)
	}
	return &r, nil
}

// Digest returns the SHA-256 (hex) of a record's bytes.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// digestPrefix is how many hex digits of the digest a file name carries.
const digestPrefix = 12

// FileName returns the name of the record with the given time and digest.
func FileName(t time.Time, digest string) string {
	return t.UTC().Format(TimeLayout) + "-" + digest[:digestPrefix] + ".json"
}

var fileNameRE = lazyre.New(`^([0-9]{8}T[0-9]{6}\.[0-9]{9}Z)-([0-9a-f]{12})\.json$`)

// parseFileName returns the time and digest prefix a record's file name
// carries; ok is false for a file that is not named as a record.
func parseFileName(name string) (t time.Time, prefix string, ok bool) {
	m := fileNameRE().FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, "", false
	}
	t, err := time.Parse(TimeLayout, m[1])
	if err != nil {
		return time.Time{}, "", false
	}
	return t, m[2], true
}
