package scanner

import (
	"bytes"
	"slices"
	"strings"
)

// Locate redacts the literal secrets rules found (Result.Secrets) where
// they are written, in the contents files holds by source range name:
// each within the lines of its argument's range, in any form a needle
// takes (as it is, quoted, as inside quotes; as a whole word when short), or as an
// indented heredoc writes a secret of several lines. A secret is not
// searched for in the whole file: a password "admin" must not redact
// `name = "admin"` three resources below, nor "administrator".
//
// A secret not found in its argument (a variable's default the argument
// reads, a base64 text) is redacted as a sensitive value is, wherever
// its text occurs as a whole word: the literal is somewhere else in the
// configuration, and a short one is left to its argument's messages
// (minSecret). Locate is called before anything is redacted, as
// NewRedactor is.
func (r *Redactor) Locate(secrets []Secret, files map[string][]byte) {
	var elsewhere []string
	seen := map[Secret]bool{}
	for _, sec := range secrets {
		if seen[sec] || strings.TrimSpace(sec.Text) == "" {
			continue
		}
		seen[sec] = true
		name := sec.Range.Filename
		src, ok := files[name]
		var found []indentedMatch
		if ok && sec.Range.StartLine > 0 {
			found = locateSecret(src, sec)
		}
		if len(found) == 0 {
			elsewhere = append(elsewhere, sec.Text)
			continue
		}
		if r.located == nil {
			r.located = map[string][]indentedMatch{}
		}
		r.located[name] = append(r.located[name], found...)
	}
	for name, found := range r.located {
		sortMatches(found)
		r.located[name] = slices.Compact(found)
	}
	if len(elsewhere) > 0 {
		slices.Sort(elsewhere)
		r.addSecrets(slices.Compact(elsewhere))
	}
}

// lineWindow returns the offsets in src of the start of line first and
// of the end of line last (1-based, its line break excluded), or ok
// false when src has no line first.
func lineWindow(src []byte, first, last int) (start, end int, ok bool) {
	line, off := 1, 0
	for line < first {
		nl := bytes.IndexByte(src[off:], '\n')
		if nl < 0 {
			return 0, 0, false
		}
		off += nl + 1
		line++
	}
	start, end = off, off
	for {
		nl := bytes.IndexByte(src[end:], '\n')
		if nl < 0 {
			return start, len(src), true
		}
		if line >= last {
			return start, end + nl, true
		}
		end += nl + 1
		line++
	}
}

// locateSecret finds sec's text in the lines of its range in src, the
// file's content: its forms (see secretForms), as whole words when short
// (see minFreeNeedle), and, for a secret of several lines, as an indented
// heredoc writes it.
func locateSecret(src []byte, sec Secret) []indentedMatch {
	start, end, ok := lineWindow(src, sec.Range.StartLine, max(sec.Range.EndLine, sec.Range.StartLine))
	if !ok {
		return nil
	}
	lower := asciiLower(string(src[start:end]))
	var found []indentedMatch
	for _, form := range secretForms(sec.Text) {
		for from := 0; from < len(lower); {
			at := strings.Index(lower[from:], form)
			if at < 0 {
				break
			}
			at += from
			from = at + 1
			if len(form) >= minFreeNeedle || wholeWord(lower, at, at+len(form)) {
				found = append(found, indentedMatch{start: start + at, end: start + at + len(form)})
			}
		}
	}
	if strings.IndexByte(sec.Text, '\n') >= 0 {
		r := &Redactor{multi: [][]string{strings.Split(asciiLower(sec.Text), "\n")}}
		for _, m := range r.indentedMatches(lower) {
			found = append(found, indentedMatch{start: start + m.start, end: start + m.end})
		}
	}
	return found
}

// secretForms are the lower-cased texts a secret s may be written as:
// as it is, quoted as Terraform and JSON quote it, and as inside those
// quotes (the needles addForms makes of a sensitive value).
func secretForms(s string) []string {
	l := asciiLower(s)
	q := quoteLower(l)
	forms := []string{l, q, q[1 : len(q)-1]}
	if j, ok := jsonQuoteLower(l); ok {
		forms = append(forms, j, j[1:len(j)-1])
	}
	slices.Sort(forms)
	return slices.Compact(forms)
}
