package loader

import (
	"fmt"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// MaxNestingDepth bounds how deeply brackets, braces, parentheses, quoted
// strings and template interpolations may nest in one file. HCL's parsers
// and evaluator recurse once per level, and a Go stack overflow is a fatal
// error that no recover catches: a file 100,000 brackets deep would kill
// the whole scan (and the provider serving soc2_scan). Real configurations
// stay far below the limit: a policy document written as an object nests
// ten levels or so.
const MaxNestingDepth = 256

// nestingError is where a file first nests deeper than MaxNestingDepth.
type nestingError struct {
	pos hcl.Pos
}

// diagnostic reports the file as not loaded, at the position where the
// limit is crossed.
func (e *nestingError) diagnostic(filename string) scanner.Diagnostic {
	end := e.pos
	end.Column++
	end.Byte++
	return scanner.Diagnostic{
		Severity: scanner.DiagError,
		Range:    scanner.RangeOf(hcl.Range{Filename: filename, Start: e.pos, End: end}),
		Summary:  "Nesting too deep",
		Detail:   fmt.Sprintf("brackets, braces, parentheses, strings and interpolations nest more than %d levels deep here; the file is not loaded", MaxNestingDepth),
	}
}

// checkNesting scans src cheaply, before any parser sees it, for nesting
// deeper than MaxNestingDepth. It follows the lexical structure closely
// enough not to count what is quoted: comments, quoted strings and heredocs
// of native syntax, strings of JSON, while counting the interpolations and
// directives (${ and %{) inside them, which HCL parses recursively too.
func checkNesting(src []byte, json bool) *nestingError {
	var at int
	if json {
		at = jsonNesting(src)
	} else {
		at = nativeNesting(src)
	}
	if at < 0 {
		return nil
	}
	return &nestingError{pos: bytePos(src, at)}
}

// frame is one level of nesting in native syntax.
type frame struct {
	kind   byte   // '(' for brackets and braces, '$' for an interpolation, '"' for a string, '<' for a heredoc
	marker string // a heredoc's closing marker
}

// nativeNesting returns the offset at which src first nests too deep, or -1.
func nativeNesting(src []byte) int {
	var stack []frame
	push := func(f frame) bool {
		stack = append(stack, f)
		return len(stack) > MaxNestingDepth
	}
	top := func() byte {
		if len(stack) == 0 {
			return '('
		}
		return stack[len(stack)-1].kind
	}
	lineStart := true
	for i := 0; i < len(src); i++ {
		c := src[i]
		atLineStart := lineStart
		lineStart = c == '\n'
		// template steps over an interpolation's or a directive's opening
		// in a string or heredoc, or over its escaped form.
		template := func() (tooDeep bool) {
			switch {
			case isTemplateStart(src, i):
				if push(frame{kind: '$'}) {
					return true
				}
				i++
			case isEscapedTemplate(src, i):
				i += 2
			}
			return false
		}
		switch top() {
		case '"':
			switch {
			case c == '\\':
				i++
			case c == '"' || c == '\n':
				stack = stack[:len(stack)-1]
			case template():
				return i
			}
			continue
		case '<':
			if atLineStart && closesHeredoc(src, i, stack[len(stack)-1].marker) {
				stack = stack[:len(stack)-1]
				i = skipLine(src, i)
				lineStart = true
				continue
			}
			if template() {
				return i
			}
			continue
		}
		// Code: at the top level, inside brackets or an interpolation.
		switch c {
		case '#':
			i = skipLine(src, i)
			lineStart = true
		case '/':
			switch {
			case i+1 < len(src) && src[i+1] == '/':
				i = skipLine(src, i)
				lineStart = true
			case i+1 < len(src) && src[i+1] == '*':
				i = skipBlockComment(src, i)
			}
		case '"':
			if push(frame{kind: '"'}) {
				return i
			}
		case '<':
			if marker, end, ok := heredocStart(src, i); ok {
				if push(frame{kind: '<', marker: marker}) {
					return i
				}
				i = end
				lineStart = true
			}
		case '(', '[', '{':
			if push(frame{kind: '('}) {
				return i
			}
		case ')', ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	return -1
}

// isTemplateStart reports whether an interpolation or directive opens at i.
func isTemplateStart(src []byte, i int) bool {
	return (src[i] == '$' || src[i] == '%') && i+1 < len(src) && src[i+1] == '{'
}

// isEscapedTemplate reports whether $${ or %%{, a literal ${ or %{, starts
// at i.
func isEscapedTemplate(src []byte, i int) bool {
	return (src[i] == '$' || src[i] == '%') && i+2 < len(src) && src[i+1] == src[i] && src[i+2] == '{'
}

// skipLine returns the offset of the newline ending the line at i (or the
// end of src).
func skipLine(src []byte, i int) int {
	for i < len(src) && src[i] != '\n' {
		i++
	}
	return i
}

// skipBlockComment returns the offset of the slash closing the /* comment
// at i (or the end of src).
func skipBlockComment(src []byte, i int) int {
	for i += 2; i+1 < len(src); i++ {
		if src[i] == '*' && src[i+1] == '/' {
			return i + 1
		}
	}
	return len(src)
}

// heredocStart reads `<<MARKER` or `<<-MARKER` and its newline at i,
// returning the marker and the offset of the newline.
func heredocStart(src []byte, i int) (marker string, end int, ok bool) {
	j := i + 2
	if j > len(src) || src[i+1] != '<' {
		return "", 0, false
	}
	if j < len(src) && src[j] == '-' {
		j++
	}
	start := j
	for j < len(src) && (isIdentByte(src[j]) || (j > start && src[j] == '-')) {
		j++
	}
	if j == start {
		return "", 0, false
	}
	marker = string(src[start:j])
	if j < len(src) && src[j] == '\r' {
		j++
	}
	if j >= len(src) || src[j] != '\n' {
		return "", 0, false
	}
	return marker, j, true
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// closesHeredoc reports whether the line starting at i is the heredoc's
// closing marker, indented or not.
func closesHeredoc(src []byte, i int, marker string) bool {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if len(src)-i < len(marker) || string(src[i:i+len(marker)]) != marker {
		return false
	}
	j := i + len(marker)
	for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r') {
		j++
	}
	return j == len(src) || src[j] == '\n'
}

// jsonNesting returns the offset at which JSON src first nests too deep, or
// -1. A string's content is an HCL template in a .tf.json file, so the
// brackets inside a string count too, from the string's own level, and
// are forgotten when it ends.
func jsonNesting(src []byte) int {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '[', '{':
			depth++
			if depth > MaxNestingDepth {
				return i
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		case '"':
			inner := 0
			for i++; i < len(src) && src[i] != '"'; i++ {
				switch src[i] {
				case '\\':
					i++
				case '[', '{', '(':
					inner++
					if depth+inner > MaxNestingDepth {
						return i
					}
				case ']', '}', ')':
					if inner > 0 {
						inner--
					}
				}
			}
		}
	}
	return -1
}

// bytePos converts an offset of src to a position: lines from 1, columns
// in characters from 1, as HCL counts them.
func bytePos(src []byte, off int) hcl.Pos {
	line, start := 1, 0
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return hcl.Pos{Line: line, Column: utf8.RuneCount(src[start:off]) + 1, Byte: off}
}

// maxValueNodes bounds the values, nested ones included, of one evaluated
// expression. Values share their parts, so a few dozen local values that
// each hold two copies of the previous one describe 2^40 values, which
// every walk over them (conversion, JSON encoding, the rules) would visit.
const maxValueNodes = 1_000_000

// measureValue reports whether v nests deeper than MaxNestingDepth or
// holds more than maxValueNodes values, walking at most that many, and,
// when it is not too large, whether it is wholly known: the same walk
// answers both, so that the evaluation of every expression walks its value
// once, not once per question.
func measureValue(v cty.Value) (why string, tooLarge, whollyKnown bool) {
	type item struct {
		v     cty.Value
		depth int
	}
	stack := []item{{v, 1}}
	nodes := 0
	whollyKnown = true
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		nodes++
		if nodes > maxValueNodes {
			return fmt.Sprintf("the value holds more than %d values", maxValueNodes), true, false
		}
		if it.depth > MaxNestingDepth {
			return fmt.Sprintf("the value nests more than %d levels deep", MaxNestingDepth), true, false
		}
		val := it.v
		if val.IsMarked() {
			val, _ = val.Unmark()
		}
		if !val.IsKnown() {
			whollyKnown = false
			continue
		}
		if val.IsNull() || !val.CanIterateElements() {
			continue
		}
		for e := val.ElementIterator(); e.Next(); {
			_, ev := e.Element()
			stack = append(stack, item{ev, it.depth + 1})
		}
	}
	return "", false, whollyKnown
}

// A module called once per management group gathers the same decoded
// policy documents (decodeOnce) into a new object in each instance, and
// every expression's value is measured (measureValue): walking each
// instance's library again was a large part of loading such a module.
// The size of a collection is kept by its identity, with its hash and
// encoding (identity.go), for the root being loaded, so that a document
// shared by the instances is walked once. The answer is the
// same as measureValue's: a value found too large is walked again by
// measureValue, whose message says which limit it crossed first.

// sizeMemoMin is the number of elements from which the size of a
// collection is kept.
const sizeMemoMin = 8

// valueSize is the size of a collection that fits the limits: the
// values it holds, itself included, how deep they nest (1 for a
// collection of leaves), and whether they are all known.
type valueSize struct {
	nodes  int
	height int
	known  bool
}

// measure is measureValue, keeping the sizes of collections in c.
func (c *fileCache) measure(v cty.Value) (why string, tooLarge, whollyKnown bool) {
	if c == nil || !valueLayoutOK {
		return measureValue(v)
	}
	m := sizer{c: c}
	_, known, ok := m.size(v, 1)
	if !ok {
		return measureValue(v)
	}
	return "", false, known
}

// sizer walks a value for measure, counting the values seen.
type sizer struct {
	c     *fileCache
	nodes int
}

// size returns how deep v, at depth, nests and whether it is wholly
// known; ok is false once the values seen or their depth cross the
// limits.
func (m *sizer) size(v cty.Value, depth int) (height int, known, ok bool) {
	m.nodes++
	if m.nodes > maxValueNodes || depth > MaxNestingDepth {
		return 0, false, false
	}
	if v.IsMarked() {
		v, _ = v.Unmark()
	}
	if !v.IsKnown() {
		return 1, false, true
	}
	if v.IsNull() || !v.CanIterateElements() {
		return 1, true, true
	}
	var key idKey
	keyed := false
	if v.LengthInt() >= sizeMemoMin {
		key, keyed = identityOf(v)
	}
	if keyed {
		if e, hit := m.c.identity(key); hit && e.size != nil {
			s := e.size
			m.nodes += s.nodes - 1
			if m.nodes > maxValueNodes || depth+s.height-1 > MaxNestingDepth {
				return 0, false, false
			}
			return s.height, s.known, true
		}
	}
	start := m.nodes
	height, known = 1, true
	// The order of the elements changes nothing here: sizes add up,
	// heights and knowledge combine, and crossing a limit in any order
	// fails the walk.
	failed := false
	each := func(_ string, e cty.Value) bool {
		h, k, ok := m.size(e, depth+1)
		if !ok {
			failed = true
			return false
		}
		height = max(height, h+1)
		known = known && k
		return true
	}
	if !rawElements(v, false, each) {
		for it := v.ElementIterator(); it.Next() && !failed; {
			_, e := it.Element()
			each("", e)
		}
	}
	if failed {
		return 0, false, false
	}
	if keyed {
		s := &valueSize{nodes: m.nodes - start + 1, height: height, known: known}
		m.c.keepIdentity(key, v, func(e *idEntry) { e.size = s })
	}
	return height, known, true
}

// whollyKnown is v.IsWhollyKnown(), answered from the sizes kept by
// identity where v or the collections it holds were measured before. The
// passes that decide partly known values (sameResults, fullPrefixes) ask
// it of each part an expression is made of: the parts of a landing
// zone's module output are whole libraries of policy documents, already
// measured when the local values holding them were evaluated, which
// IsWhollyKnown would walk again on every pass.
func (c *fileCache) whollyKnown(v cty.Value) bool {
	if c == nil || !valueLayoutOK {
		return v.IsWhollyKnown()
	}
	m := sizer{c: c}
	_, known, ok := m.size(v, 1)
	if !ok {
		return v.IsWhollyKnown()
	}
	return known
}

// unchanged reports whether nv, what a pass made of old, is old: the same
// collection by identity (collectionID, which go-cty never changes), else
// equal by RawEquals. The passes return a part as it is far more often
// than they change it, and RawEquals would walk the whole part to say so.
func unchanged(nv, old cty.Value) bool {
	if a, ok := collectionID(nv); ok {
		if b, ok := collectionID(old); ok && a == b {
			return true
		}
	}
	return nv.RawEquals(old)
}

// whollyKnown is v.IsWhollyKnown() through the sizes the Load keeps
// (fileCache.whollyKnown); in may be nil.
func (in *instance) whollyKnown(v cty.Value) bool {
	if in == nil {
		return v.IsWhollyKnown()
	}
	return in.ev.files.whollyKnown(v)
}
