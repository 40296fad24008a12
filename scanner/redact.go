package scanner

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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

// quotableText reports whether a file's content s is short and on one
// line (a final line break aside, as most files end with one), so that a
// message may show it.
func quotableText(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
	return len(s) <= MaxQuotedFile && !strings.ContainsAny(s, "\r\n")
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
// leak it. Matching ignores ASCII case, since rules lower-case some
// values, and takes the quoted form ("secret") as a whole, so that the
// message reads `is (sensitive value)` as Terraform's do.
type Redactor struct {
	// mu guards what Redact makes of pending.
	mu sync.Mutex
	// byPrefix holds the needles by their first prefixLen bytes, longest
	// first, so that a message is read once whatever their number; short
	// holds the rest.
	byPrefix map[string][]needle
	short    []needle
	// repl is every needle's replacement, with the place of the add that
	// set it (see add).
	repl map[string]replacement
	// pending are the file contents not made into needles yet, shortest
	// first; every content of at most ready bytes is a needle already.
	pending []pendingContent
	ready   int
	// multi are the secrets that span lines, lower-cased and split at
	// their line breaks, sorted: a file's content may write them as an
	// indented heredoc (see indentedMatches).
	multi [][]string
	// located are where the literal secrets rules found (Locate) are
	// written, by file: each is redacted there, in the argument that
	// holds it, rather than wherever its text occurs.
	located map[string][]indentedMatch
}

// A landing zone's scan reads thousands of rendered templates, megabytes
// in all, and quoting and lower-casing each for needles was a large part
// of making a report whose messages are a hundred bytes long. A needle
// only matches a message at least as long as itself, and each needle of
// a content is at least as long as the content (its forms are the
// content lower-cased, which keeps its length, and quoted, which adds to
// it). So the contents become needles when the first message that long
// comes (makeReady): a message then meets every needle that could match
// it, with the replacement the needle would have had were they all made
// at once (add), and Redact answers as it would have.

// pendingContent is one form of a file's content (as read, or trimmed)
// waiting to become needles: s, its description, and the place of its
// first add among all adds (seq).
type pendingContent struct {
	s, desc string
	seq     int
}

// replacement is what a needle becomes and the place (seq) of the add
// that set it.
type replacement struct {
	repl string
	seq  int
}

// prefixLen is the length of the keys of Redactor.byPrefix.
const prefixLen = 4

type needle struct {
	lower string // ASCII lower-cased
	repl  string
}

// minSecret is the length below which a secret is left to Quote: a
// message cannot be searched for every "22" or "on" without mangling it.
const minSecret = 4

// commonWords are secrets left to Quote as well: a sensitive map of
// settings holds "true" and "false" as strings, and messages say them
// about every boolean argument.
var commonWords = map[string]bool{"true": true, "false": true, "null": true}

// minFreeNeedle is the length below which a secret is only matched as a
// whole word, so that a short secret does not eat parts of other words
// ("admin" in "administrator", which would also tell the secret by what
// is left of the word). A longer one is matched anywhere: a word that
// holds it shows it.
const minFreeNeedle = 8

// NewRedactor redacts the given secrets (the strings SensitiveStrings
// returns) and describes the file contents that are too long to quote.
func NewRedactor(secrets []string, files []FileContent) *Redactor {
	r := &Redactor{repl: map[string]replacement{}}
	for fi, f := range files {
		trimmed, desc := strings.TrimSpace(f.Content), ""
		for i, c := range []string{f.Content, trimmed} {
			if quotableText(c) || (i == 1 && c == f.Content) {
				// A short line may be quoted, and would match
				// too much; a content without spaces around
				// is added once.
				continue
			}
			if desc == "" {
				desc = f.Describe()
			}
			r.pending = append(r.pending, pendingContent{s: c, desc: desc, seq: 3 * (2*fi + i)})
		}
	}
	// Shortest first; of equal lengths, in the order they were read.
	slices.SortStableFunc(r.pending, func(a, b pendingContent) int { return len(a.s) - len(b.s) })
	r.addSecrets(secrets)
	return r
}

// addSecrets makes needles of secrets, to be redacted wherever they
// occur, and indexes the needles.
func (r *Redactor) addSecrets(secrets []string) {
	for _, s := range secrets {
		if len(s) < minSecret || commonWords[strings.ToLower(s)] {
			continue
		}
		// A secret's replacement wins whatever the order: no seq.
		r.addForms(s, Redacted, 0)
		if strings.IndexByte(s, '\n') >= 0 {
			r.multi = append(r.multi, strings.Split(asciiLower(s), "\n"))
		}
	}
	// Sorted and without duplicates (secrets differing in case only), so
	// that the matches do not depend on the order of the secrets.
	slices.SortFunc(r.multi, slices.Compare)
	r.multi = slices.CompactFunc(r.multi, slices.Equal)
	r.index()
}

// add makes key a needle replaced by repl, key already lower-cased, for
// the add at seq: as if every add were made in seq order, where the
// first add of a needle sets its replacement but Redacted replaces any
// other.
func (r *Redactor) add(key, repl string, seq int) {
	if strings.TrimSpace(key) == "" {
		return
	}
	old, ok := r.repl[key]
	if !ok || repl == Redacted || (old.repl != Redacted && seq < old.seq) {
		r.repl[key] = replacement{repl: repl, seq: seq}
	}
}

// addForms adds s as it is, quoted, and as it is inside quotes, the adds
// at seq, seq+1 and seq+2. The contents are the rendered templates of a
// landing zone, megabytes in all, so s is lower-cased once and its
// lower-cased form quoted: the same as quoting first, since strconv.Quote
// keeps ASCII letters as they are and writes its escapes in lower case,
// but for \U, which asciiLower then lowers (without a copy when there is
// none).
func (r *Redactor) addForms(s, repl string, seq int) {
	l := asciiLower(s)
	q := quoteLower(l)
	r.add(l, repl, seq)
	r.add(q, repl, seq+1)
	r.add(q[1:len(q)-1], repl, seq+2)
	if j, ok := jsonQuoteLower(l); ok && j != q {
		// Quoted as a plan writes it: another form of the same
		// quoting, so the same places among the adds.
		r.add(j, repl, seq+1)
		r.add(j[1:len(j)-1], repl, seq+2)
	}
}

// jsonQuoteLower is l (already lower-cased) quoted as encoding/json
// writes a string, as terraform show -json does, when that may differ
// from strconv.Quote's: it escapes &, < and > (\u0026, \u003c,
// \u003e), writes control characters as \u00XX, and keeps DEL and
// non-ASCII characters as they are. A secret with an & was otherwise
// left in clear in the excerpt of a plan. ok is false for a string
// both quote alike (ASCII without those bytes), which costs no copy:
// the rendered templates of a landing zone are megabytes.
func jsonQuoteLower(l string) (string, bool) {
	differs := false
	for i := 0; i < len(l) && !differs; i++ {
		c := l[i]
		differs = c == 0x7f || c >= utf8.RuneSelf || c < ' ' && c != '\n' && c != '\r' && c != '\t' || c == '&' || c == '<' || c == '>'
	}
	if !differs {
		return "", false
	}
	b, err := json.Marshal(l)
	if err != nil {
		return "", false // a string always marshals
	}
	// Its escapes are lower-case hex already.
	return asciiLower(string(b)), true
}

// makeReady makes needles of the pending contents of at most n bytes,
// and some more, so that messages of growing lengths do not each index
// the needles again.
func (r *Redactor) makeReady(n int) {
	if n <= r.ready || len(r.pending) == 0 {
		return
	}
	n = max(n, 2*r.ready)
	added := 0
	for added < len(r.pending) && len(r.pending[added].s) <= n {
		p := r.pending[added]
		r.addForms(p.s, p.desc, p.seq)
		added++
	}
	r.pending = r.pending[added:]
	r.ready = n
	if added > 0 {
		r.index()
	}
}

// index sorts the needles into byPrefix and short.
func (r *Redactor) index() {
	all := make([]needle, 0, len(r.repl))
	for k, v := range r.repl {
		all = append(all, needle{lower: k, repl: v.repl})
	}
	// Longest first, so that `"secret"` wins over `secret` and a whole
	// file over a line of it.
	slices.SortFunc(all, func(a, b needle) int {
		if len(a.lower) != len(b.lower) {
			return len(b.lower) - len(a.lower)
		}
		return strings.Compare(a.lower, b.lower)
	})
	r.byPrefix, r.short = map[string][]needle{}, nil
	for _, n := range all {
		if len(n.lower) < prefixLen {
			r.short = append(r.short, n)
			continue
		}
		k := n.lower[:prefixLen]
		r.byPrefix[k] = append(r.byPrefix[k], n)
	}
}

// asciiLower lower-cases ASCII letters only, keeping byte offsets, so that
// a match in the lower-cased message is a match in the message.
func asciiLower(s string) string {
	if !hasASCIIUpper(s) {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// asciiQuoted is what strconv.Quote writes for each ASCII byte, between
// the quotes: the byte itself, or its escape.
var asciiQuoted = func() (t [utf8.RuneSelf]string) {
	for b := range t {
		q := strconv.Quote(string(rune(b)))
		t[b] = q[1 : len(q)-1]
	}
	return t
}()

// quoteLower is asciiLower(strconv.Quote(l)) for l already lower-cased.
// NewRedactor quotes every rendered template a landing zone reads,
// megabytes of JSON, and strconv.Quote decodes and classifies each rune;
// ASCII text, where each byte is quoted on its own, is quoted from a
// table built with strconv.Quote itself. Its escapes are lower-case
// already. Anything else goes through strconv.Quote.
func quoteLower(l string) string {
	n := 2
	for i := 0; i < len(l); i++ {
		if l[i] >= utf8.RuneSelf {
			return asciiLower(strconv.Quote(l))
		}
		n += len(asciiQuoted[l[i]])
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(l); i++ {
		if e := asciiQuoted[l[i]]; len(e) != 1 || e[0] != l[i] {
			b.WriteString(l[start:i])
			b.WriteString(e)
			start = i + 1
		}
	}
	b.WriteString(l[start:])
	b.WriteByte('"')
	return b.String()
}

func hasASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// Redact returns msg with every secret replaced by Redacted and every long
// file content by its description. Where matches overlap, the one that
// starts first wins, and of those the longest.
func (r *Redactor) Redact(msg string) string {
	out, _ := r.redact(msg, false, false, nil)
	return out
}

// Replaced is one replacement Redact made: the bytes [Start, End) of its
// input became Repl. RedactSpans lists a match over several lines as one
// Replaced for each of its lines (see redactLines).
type Replaced struct {
	Start, End int
	Repl       string
}

// redact is Redact, listing its replacements in order when spans is set.
// With lines set, a match that spans lines keeps its line breaks (see
// redactLines). located are further matches in msg, a file's content
// (Locate), replaced by Redacted.
func (r *Redactor) redact(msg string, spans, lines bool, located []indentedMatch) (string, []Replaced) {
	if r == nil || msg == "" {
		return msg, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.makeReady(len(msg))
	if len(r.byPrefix)+len(r.short)+len(located) == 0 {
		return msg, nil
	}
	lower := asciiLower(msg)
	var indented []indentedMatch
	if lines {
		indented = r.indentedMatches(lower)
	}
	if len(located) > 0 {
		indented = append(indented, located...)
		sortMatches(indented)
	}
	var out strings.Builder
	var done []Replaced
	last := 0
	for i := 0; i < len(lower); {
		n, ok := r.match(lower, i)
		end, repl := i+len(n.lower), n.repl
		for len(indented) > 0 && indented[0].start < i {
			indented = indented[1:]
		}
		if len(indented) > 0 && indented[0].start == i && (!ok || indented[0].end > end) {
			ok, end, repl = true, indented[0].end, Redacted
		}
		if !ok {
			i++
			continue
		}
		end = r.coverEnd(lower, i, end, indented)
		out.WriteString(msg[last:i])
		if lines && strings.IndexByte(msg[i:end], '\n') >= 0 {
			done = redactLines(&out, msg, i, end, repl, spans, done)
		} else {
			out.WriteString(repl)
			if spans {
				done = append(done, Replaced{Start: i, End: end, Repl: repl})
			}
		}
		i = end
		last = i
	}
	if last == 0 {
		return msg, nil
	}
	out.WriteString(msg[last:])
	return out.String(), done
}

// coverEnd extends the match [i, end) of lower over every match that
// starts inside it and ends past it (a needle, or one of indented, sorted
// by start): two secrets that overlap are redacted together, where the
// first alone would leave the second's tail in the text.
func (r *Redactor) coverEnd(lower string, i, end int, indented []indentedMatch) int {
	k := 0
	for j := i + 1; j < end; j++ {
		for ; k < len(indented) && indented[k].start <= j; k++ {
			end = max(end, indented[k].end)
		}
		if n, ok := r.match(lower, j); ok {
			end = max(end, j+len(n.lower))
		}
	}
	return end
}

// Empty reports whether r redacts nothing: Redact and RedactBytes return
// their input as it is.
func (r *Redactor) Empty() bool {
	if r == nil {
		return true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	// A pending content always makes a needle: its quoted form is not
	// blank.
	return len(r.byPrefix)+len(r.short)+len(r.pending) == 0
}

// RedactBytes is Redact for a file's content, except that a match over
// several lines keeps its line breaks (see redactLines), so that the
// lines of the content keep their numbers; it returns src itself when
// nothing is redacted.
func (r *Redactor) RedactBytes(src []byte) []byte {
	out, _ := r.redactBytes("", src, false)
	return out
}

// RedactSpans is RedactBytes that also lists where it replaced text, in
// src's offsets, in order: a finding's column counts the original's
// bytes or characters, and an excerpt of the redacted content finds it
// through them (a plan's line holds many secrets before a finding).
func (r *Redactor) RedactSpans(src []byte) ([]byte, []Replaced) {
	return r.redactBytes("", src, true)
}

// RedactFile is RedactBytes for the content src of the file name (named
// as in source ranges), which also redacts the secrets Locate placed in
// it.
func (r *Redactor) RedactFile(name string, src []byte) []byte {
	out, _ := r.redactBytes(name, src, false)
	return out
}

// RedactFileSpans is RedactSpans for the content src of the file name,
// as RedactFile.
func (r *Redactor) RedactFileSpans(name string, src []byte) ([]byte, []Replaced) {
	return r.redactBytes(name, src, true)
}

// redactBytes is redact for the content of the file name ("" for none),
// returning src itself when nothing is redacted.
func (r *Redactor) redactBytes(name string, src []byte, spans bool) ([]byte, []Replaced) {
	var located []indentedMatch
	if r != nil && name != "" {
		r.mu.Lock()
		located = r.located[name]
		r.mu.Unlock()
	}
	if r.Empty() && len(located) == 0 {
		return src, nil
	}
	s := string(src)
	if out, done := r.redact(s, spans, true, located); out != s {
		return []byte(out), done
	}
	return src, nil
}

// redactLines writes to out the replacement of msg[start:end], a match
// that spans lines in a file's content: repl on its first line, then
// each of its line breaks alone, so that the content keeps its lines.
// Findings keep the original's line numbers; a heredoc secret made one
// line showed the lines after it shifted up in every excerpt, another
// resource's code at the finding's number. None of the matched text but
// its line breaks is kept. With spans, it appends to done a Replaced
// for each line of the match, so that each lies within a line, as
// excerpts map columns through them: the first replaced by repl (listed
// even when the match begins with its line break), the others by
// nothing (left out when empty).
func redactLines(out *strings.Builder, msg string, start, end int, repl string, spans bool, done []Replaced) []Replaced {
	for from := start; ; {
		nl := strings.IndexByte(msg[from:end], '\n')
		to := end
		if nl >= 0 {
			to = from + nl
		}
		out.WriteString(repl)
		if spans && (to > from || from == start) {
			done = append(done, Replaced{Start: from, End: to, Repl: repl})
		}
		if nl < 0 {
			return done
		}
		out.WriteByte('\n')
		from, repl = to+1, ""
	}
}

// indentedMatch is where a secret that spans lines is written in a
// file's content with its lines indented: the bytes [start, end).
type indentedMatch struct{ start, end int }

// indentedMatches finds the secrets that span lines in lower, a file's
// content lower-cased, as an indented heredoc (<<-EOT) writes them:
// Terraform strips the lines' common indentation from such a heredoc's
// value, so the file holds the secret's lines each after some blanks
// (spaces or tabs), which the needles, the secret as it is, never
// match. A match is the secret's lines in sequence, its first starting
// a line (after blanks only), each other after a line break and any
// blanks; it leaves the blanks before its first line out, so that an
// excerpt keeps the heredoc's indentation there. Only all the lines
// together match: a line of the secret alone may be any other code (a
// line of a sensitive JSON policy repeated elsewhere). The matches are
// sorted by start, the longest first of those that start alike.
func (r *Redactor) indentedMatches(lower string) []indentedMatch {
	var found []indentedMatch
	// The secrets that start with the same line (PEM keys, JSON
	// documents) are neighbours in r.multi: lower is searched once for
	// each first line, not once for each secret.
	for g := 0; g < len(r.multi); {
		first := r.multi[g][0]
		h := g + 1
		for h < len(r.multi) && r.multi[h][0] == first {
			h++
		}
		group := r.multi[g:h]
		g = h
		for from := 0; from < len(lower); {
			var at int
			if first == "" {
				// The secret starts with a line break: the match
				// starts at one.
				at = strings.IndexByte(lower[from:], '\n')
			} else {
				at = strings.Index(lower[from:], first)
			}
			if at < 0 {
				break
			}
			at += from
			from = at + 1
			if first != "" && !startsLine(lower, at) {
				continue
			}
			for _, lines := range group {
				if end, ok := matchIndentedLines(lower, at+len(first), lines[1:]); ok {
					found = append(found, indentedMatch{start: at, end: end})
				}
			}
		}
	}
	sortMatches(found)
	return found
}

// sortMatches sorts matches by start, the longest first of those that
// start alike.
func sortMatches(found []indentedMatch) {
	slices.SortFunc(found, func(a, b indentedMatch) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
}

// startsLine reports whether only blanks come before s[at] on its line.
func startsLine(s string, at int) bool {
	for i := at - 1; i >= 0 && s[i] != '\n'; i-- {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// matchIndentedLines matches, from s[p], each of lines after a line
// break and any blanks, and returns where the match ends. A last line
// that is empty (the line break a heredoc's value ends with) takes no
// blanks, which are the closing marker's indentation.
func matchIndentedLines(s string, p int, lines []string) (int, bool) {
	for k, line := range lines {
		if p >= len(s) || s[p] != '\n' {
			return 0, false
		}
		p++
		if line == "" && k == len(lines)-1 {
			break
		}
		// The blanks the line starts with must end the file's run of
		// blanks, as [ \t]* followed by the line would match them.
		text := strings.TrimLeft(line, " \t")
		lead := len(line) - len(text)
		q := p
		for q < len(s) && (s[q] == ' ' || s[q] == '\t') {
			q++
		}
		if q-p < lead || s[q-lead:q] != line[:lead] || !strings.HasPrefix(s[q:], text) {
			return 0, false
		}
		p = q + len(text)
	}
	return p, true
}

// match returns the longest needle found at offset i of the lower-cased
// message.
func (r *Redactor) match(lower string, i int) (needle, bool) {
	var cands []needle
	if i+prefixLen <= len(lower) {
		cands = r.byPrefix[lower[i:i+prefixLen]]
	}
	for _, list := range [][]needle{cands, r.short} {
		for _, n := range list {
			end := i + len(n.lower)
			if strings.HasPrefix(lower[i:], n.lower) && (len(n.lower) >= minFreeNeedle || wholeWord(lower, i, end)) {
				return n, true
			}
		}
	}
	return needle{}, false
}

// wholeWord reports whether s[start:end] is not part of a longer word.
func wholeWord(s string, start, end int) bool {
	if isWordByte(s[start]) && start > 0 && isWordByte(s[start-1]) {
		return false
	}
	return !isWordByte(s[end-1]) || end == len(s) || !isWordByte(s[end])
}

// SensitiveStrings lists the strings a message could quote from the
// sensitive parts of the resources' arguments (their string and number
// leaves, map keys included), sorted and without duplicates.
func SensitiveStrings(resources []*Resource) []string {
	seen := map[string]bool{}
	add := func(v Value) {
		for _, s := range v.SensitiveStrings() {
			seen[s] = true
		}
	}
	for _, r := range resources {
		r.walkValues(add)
		add(r.Region()) // a provider configuration's, when the resource sets none
		add(r.DefaultTags())
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// walkValues calls fn with every argument of the block and of its nested
// blocks, dynamic templates included: a sensitive value written in the
// content of a dynamic block over an unknown collection must be redacted
// as well.
func (b *Block) walkValues(fn func(Value)) {
	if b == nil {
		return
	}
	for _, v := range b.attrs {
		fn(v)
	}
	for _, n := range b.nested {
		for _, nb := range n.blocks {
			nb.walkValues(fn)
		}
		for _, nb := range n.templates {
			nb.walkValues(fn)
		}
	}
}

// SensitiveStrings returns the known string and number leaves of the
// sensitive parts of v, for a Redactor.
func (v Value) SensitiveStrings() []string {
	if !v.IsSensitive() || v.Val == cty.NilVal {
		return nil
	}
	var out []string
	for _, p := range v.Sensitive() {
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
