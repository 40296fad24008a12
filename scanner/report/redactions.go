package report

import (
	"sort"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Redaction is one place where the engine replaced a secret (or a file's
// content) in a source before the report got it. Findings keep the
// original file's lines and columns, which JSON and SARIF report as they
// are; an excerpt of the redacted source finds a finding's column through
// the redactions before it, or each secret before the finding on a
// plan's single line would push the window further from it.
type Redaction struct {
	// At and Len are the replacement's bytes in the redacted source.
	At, Len int
	// OrigAt and OrigLen are the replaced bytes in the original.
	OrigAt, OrigLen int
	// Chars and Tabs are the grapheme clusters and the tabs of the
	// replaced text, for columns counted in characters (columnUnit): the
	// text itself is not kept.
	Chars, Tabs int
}

// Redactions describes the replacements that made a source out of orig
// (spans in order, as scanner.Redactor.RedactSpans lists them).
func Redactions(orig []byte, spans []scanner.Replaced) []Redaction {
	if len(spans) == 0 {
		return nil
	}
	out := make([]Redaction, 0, len(spans))
	shift := 0 // redacted offset minus original offset
	for _, s := range spans {
		seg := orig[s.Start:s.End]
		r := Redaction{At: s.Start + shift, Len: len(s.Repl), OrigAt: s.Start, OrigLen: len(seg)}
		for off := 0; off < len(seg); r.Chars++ {
			if seg[off] == '\t' {
				r.Tabs++
			}
			off += clusterLen(seg[off:])
		}
		out = append(out, r)
		shift += r.Len - r.OrigLen
	}
	return out
}

// width is how many columns of unit the replaced text took.
func (r Redaction) width(unit columnUnit) int {
	switch unit {
	case byteColumns:
		return r.OrigLen
	case jsonColumns:
		return r.Chars + r.Tabs
	}
	return r.Chars
}

// redactionsFrom returns the redactions that start at or after offset at of the
// redacted source.
func redactionsFrom(reds []Redaction, at int) []Redaction {
	return reds[sort.Search(len(reds), func(i int) bool { return reds[i].At >= at }):]
}

// byteColumnOffset is the offset in line (which starts at offset base of
// the redacted source) of byte column col (1-based) of the original line,
// or len(line) past its end; a column inside a redacted text is the
// replacement's start. It finds the line's start in the original and the
// last redaction before the column by binary search, so a plan's line
// with thousands of secrets costs no more.
func byteColumnOffset(line []byte, col, base int, reds []Redaction) int {
	origBase := base
	if k := sort.Search(len(reds), func(i int) bool { return reds[i].At >= base }); k > 0 {
		p := reds[k-1]
		origBase = base + (p.OrigAt + p.OrigLen) - (p.At + p.Len)
	}
	target := origBase + col - 1
	at := base + col - 1 // no redaction before the column: no shift
	if j := sort.Search(len(reds), func(i int) bool { return reds[i].OrigAt > target }); j > 0 {
		p := reds[j-1]
		if target < p.OrigAt+p.OrigLen {
			at = p.At
		} else {
			at = target - (p.OrigAt + p.OrigLen) + p.At + p.Len
		}
	}
	return min(max(at-base, 0), len(line))
}
