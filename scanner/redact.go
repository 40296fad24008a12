package scanner

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Redacted is what a message shows instead of a sensitive value, as
// Terraform does.
const Redacted = "(sensitive value)"

// MaxQuotedFile is the longest content read by file() or templatefile()
// that a message may quote; longer (or multi-line) content is described
// instead, so that a finding never copies a file into a report.
const MaxQuotedFile = 64

// Quote renders a value for a message: Redacted when it is sensitive, a
// quoted string when it is a known string (numbers and bools converted),
// "(known after apply)" when it is unknown and "null" otherwise. Rules
// quote values through it so that a secret never reaches a message.
func Quote(v Value) string {
	switch {
	case v.IsSensitive():
		return Redacted
	case v.IsUnknown():
		return "(known after apply)"
	}
	if s, ok := v.AsString(); ok {
		return strconv.Quote(s)
	}
	return "null"
}

// FileContent is what a file function read, so that messages describe
// it rather than copy it.
type FileContent struct {
	// Name is the file, named as in source ranges.
	Name string
	// Content is the value the function returned.
	Content string
}

// Describe says what the content is without showing it.
func (f FileContent) Describe() string {
	return fmt.Sprintf("(content of file %q, %s bytes)", f.Name, groupDigits(len(f.Content)))
}

// quotable reports whether the content is short and on one line, so that a
// message may show it.
func (f FileContent) quotable() bool {
	return len(f.Content) <= MaxQuotedFile && !strings.ContainsAny(f.Content, "\r\n")
}

func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Redactor removes secrets and file contents from messages: it is the one
// place every rule's message goes through (the engine applies it), so a
// rule that quotes a sensitive string it read with AsString still cannot
// leak it. Matching ignores case, since rules lower-case some values, and
// takes the quoted form ("secret") as a whole, so that the message reads
// `is (sensitive value)` as Terraform's do.
type Redactor struct {
	re   *regexp.Regexp
	repl map[string]string // lower-cased needle → replacement
}

// minSecret is the length below which a secret is left to Quote: a
// message cannot be searched for every "22" or "on" without mangling it.
const minSecret = 4

// minFreeNeedle is the length below which a secret is only matched as a
// whole word, so that a sensitive "1" or "true" does not eat every digit
// or word of a message.
const minFreeNeedle = 8

// NewRedactor redacts the given secrets (the strings SensitiveStrings
// returns) and describes the file contents that are too long to quote.
func NewRedactor(secrets []string, files []FileContent) *Redactor {
	r := &Redactor{repl: map[string]string{}}
	add := func(needle, repl string) {
		if strings.TrimSpace(needle) == "" {
			return
		}
		key := strings.ToLower(needle)
		if _, ok := r.repl[key]; !ok || repl == Redacted {
			r.repl[key] = repl
		}
	}
	for _, f := range files {
		if f.quotable() {
			continue
		}
		for _, c := range []string{f.Content, strings.TrimSpace(f.Content)} {
			add(c, f.Describe())
			add(strconv.Quote(c), f.Describe())
			add(unquoted(c), f.Describe())
		}
	}
	for _, s := range secrets {
		if len(s) < minSecret {
			continue
		}
		add(s, Redacted)
		add(strconv.Quote(s), Redacted)
		add(unquoted(s), Redacted)
	}
	if len(r.repl) == 0 {
		return r
	}
	needles := make([]string, 0, len(r.repl))
	for n := range r.repl {
		needles = append(needles, n)
	}
	// Longest first, so that `"secret"` wins over `secret` and a whole
	// file over a line of it.
	slices.SortFunc(needles, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(needles))
	for i, n := range needles {
		q := regexp.QuoteMeta(n)
		if len(n) < minFreeNeedle {
			if isWordByte(n[0]) {
				q = `\b` + q
			}
			if isWordByte(n[len(n)-1]) {
				q += `\b`
			}
		}
		parts[i] = q
	}
	r.re = regexp.MustCompile(`(?i)(?:` + strings.Join(parts, "|") + `)`)
	return r
}

// unquoted is s as %q writes it inside the quotes (escapes and all).
func unquoted(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// Redact returns msg with every secret replaced by Redacted and every long
// file content by its description.
func (r *Redactor) Redact(msg string) string {
	if r == nil || r.re == nil || msg == "" {
		return msg
	}
	return r.re.ReplaceAllStringFunc(msg, func(m string) string {
		if repl, ok := r.repl[strings.ToLower(m)]; ok {
			return repl
		}
		return Redacted
	})
}

// SensitiveStrings lists the strings a message could quote from the
// sensitive parts of the resources' arguments (their string and number
// leaves, map keys included), sorted and without duplicates.
func SensitiveStrings(resources []*Resource) []string {
	seen := map[string]bool{}
	for _, r := range resources {
		r.Block.walkValues(func(v Value) {
			for _, s := range v.sensitiveStrings() {
				seen[s] = true
			}
		})
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// walkValues calls fn with every argument of the block and of its nested
// blocks.
func (b *Block) walkValues(fn func(Value)) {
	if b == nil {
		return
	}
	for _, v := range b.attrs {
		fn(v)
	}
	for _, bs := range b.blocks {
		for _, nb := range bs {
			nb.walkValues(fn)
		}
	}
}

// sensitiveStrings returns the known leaves of the sensitive parts of v.
func (v Value) sensitiveStrings() []string {
	if !v.IsSensitive() || v.Val == cty.NilVal {
		return nil
	}
	var out []string
	for _, p := range v.Sensitive {
		part, err := p.Apply(v.Val)
		if err != nil {
			part = v.Val // a set element has no path to it: take the whole
		}
		out = appendLeaves(out, part)
	}
	return out
}

func appendLeaves(out []string, v cty.Value) []string {
	if !v.IsKnown() || v.IsNull() {
		return out
	}
	t := v.Type()
	switch {
	case t == cty.Bool:
		// true and false say nothing secret and are everywhere in messages.
	case t.IsPrimitiveType():
		if s, err := convert.Convert(v, cty.String); err == nil && s.IsKnown() && !s.IsNull() {
			out = append(out, s.AsString())
		}
	case t.IsCollectionType() || t.IsObjectType() || t.IsTupleType():
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if t.IsMapType() {
				out = appendLeaves(out, k)
			}
			out = appendLeaves(out, e)
		}
	}
	return out
}
