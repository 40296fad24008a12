package scanner

import (
	"bytes"
	"encoding/json"
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
	// Each file's line starts, found once: a generated file of thousands
	// of resources may hold as many literal passwords.
	starts := map[string][]int{}
	for _, sec := range secrets {
		if seen[sec] || strings.TrimSpace(sec.Text) == "" {
			continue
		}
		seen[sec] = true
		name := sec.Range.Filename
		src, ok := files[name]
		var found []indentedMatch
		if ok && sec.Range.StartLine > 0 {
			lines, indexed := starts[name]
			if !indexed {
				lines = lineStarts(src)
				starts[name] = lines
			}
			found = locateSecret(src, lines, sec)
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

// lineStarts returns the offset in src of each line's start, the first
// line's at index 0.
func lineStarts(src []byte) []int {
	out := []int{0}
	for off := 0; ; {
		nl := bytes.IndexByte(src[off:], '\n')
		if nl < 0 {
			return out
		}
		off += nl + 1
		out = append(out, off)
	}
}

// locateSecret finds sec's text in the lines of its range in src, the
// file's content whose line starts are lines: its forms (see
// secretForms), as whole words when short (see minFreeNeedle), and, for
// a secret of several lines, as an indented heredoc writes it.
func locateSecret(src []byte, lines []int, sec Secret) []indentedMatch {
	first, last := sec.Range.StartLine, max(sec.Range.EndLine, sec.Range.StartLine)
	if first > len(lines) {
		return nil
	}
	start, end := lines[first-1], len(src)
	if last < len(lines) {
		end = lines[last] - 1 // the line break that ends line last
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
	if len(found) == 0 && strings.HasSuffix(sec.Range.Filename, ".json") {
		for _, m := range jsonStringMatches(src[start:end], sec.Text) {
			found = append(found, indentedMatch{start: start + m.start, end: start + m.end})
		}
	}
	return found
}

// jsonStringMatches finds the JSON string tokens of src, whole lines of a
// .tf.json file or a plan, whose text holds secret, as each token decodes:
// JSON may escape any character (Python writes "\u00e4" for "ä", PHP
// "\/" for "/"), which no form of the secret matches as written. A match
// is the whole token, quotes included. JSON strings hold no line break,
// so a line starts outside of one.
func jsonStringMatches(src []byte, secret string) []indentedMatch {
	want := asciiLower(secret)
	var found []indentedMatch
	for i := 0; i < len(src); i++ {
		if src[i] != '"' {
			continue
		}
		j := i + 1
		escaped := false
		for ; j < len(src) && src[j] != '\n'; j++ {
			if src[j] == '"' && !escaped {
				break
			}
			escaped = src[j] == '\\' && !escaped
		}
		if j >= len(src) || src[j] != '"' {
			i = j // not a string token: its line ends first
			continue
		}
		var text string
		if bytes.IndexByte(src[i:j], '\\') >= 0 && json.Unmarshal(src[i:j+1], &text) == nil && strings.Contains(asciiLower(text), want) {
			found = append(found, indentedMatch{start: i, end: j + 1})
		}
		i = j
	}
	return found
}

// templateEscaper escapes text as a Terraform template writes it.
var templateEscaper = strings.NewReplacer("${", "$${", "%{", "%%{")

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
	// A quoted string or a heredoc writes "${" and "%{" as "$${" and
	// "%%{", which would otherwise start a template sequence.
	if strings.Contains(l, "${") || strings.Contains(l, "%{") {
		for _, f := range forms {
			forms = append(forms, templateEscaper.Replace(f))
		}
	}
	slices.Sort(forms)
	return slices.Compact(forms)
}
