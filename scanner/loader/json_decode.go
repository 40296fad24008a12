package loader

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
)

// go-cty's jsondecode reads a document twice through encoding/json's
// token stream, once for its type and once for its value, and reads each
// nested value again from a copy of its text: a library of policy
// documents spends most of its time there. decodeJSON reads a document
// once into the same value, for the documents it can tell are well
// formed; for anything else (a syntax error, a repeated key, a string
// that is not valid UTF-8, nesting deeper than jsonMaxDepth) ok is false
// and go-cty decides, with its own errors.
//
// The value is what go-cty makes: an object for an object ({} the empty
// object), a tuple for an array, numbers parsed from their text, strings
// normalised by cty.StringVal, and a null of dynamic type for null.
func decodeJSON(src []byte) (v cty.Value, ok bool) {
	d := jsonDecoder{src: src}
	d.space()
	v, ok = d.value(0)
	if !ok {
		return cty.NilVal, false
	}
	d.space()
	return v, d.pos == len(src)
}

// jsonMaxDepth bounds the nesting decodeJSON reads itself.
const jsonMaxDepth = 1000

type jsonDecoder struct {
	src []byte
	pos int
}

func (d *jsonDecoder) space() {
	for d.pos < len(d.src) {
		switch d.src[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *jsonDecoder) value(depth int) (cty.Value, bool) {
	if d.pos >= len(d.src) || depth > jsonMaxDepth {
		return cty.NilVal, false
	}
	switch c := d.src[d.pos]; {
	case c == '{':
		return d.object(depth)
	case c == '[':
		return d.array(depth)
	case c == '"':
		s, ok := d.str()
		if !ok {
			return cty.NilVal, false
		}
		return cty.StringVal(s), true
	case c == 't':
		return cty.True, d.literal("true")
	case c == 'f':
		return cty.False, d.literal("false")
	case c == 'n':
		return cty.NullVal(cty.DynamicPseudoType), d.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	}
	return cty.NilVal, false
}

func (d *jsonDecoder) literal(word string) bool {
	if len(d.src)-d.pos < len(word) || string(d.src[d.pos:d.pos+len(word)]) != word {
		return false
	}
	d.pos += len(word)
	return true
}

// decodeJSONAttrs is decodeJSON for a document that is an object, giving
// its attributes rather than the object (nil for a document of any other
// kind).
func decodeJSONAttrs(src []byte) (attrs map[string]cty.Value, ok bool) {
	d := jsonDecoder{src: src}
	d.space()
	if d.pos >= len(src) || src[d.pos] != '{' {
		_, ok = decodeJSON(src)
		return nil, ok
	}
	if attrs, ok = d.attrs(0); !ok {
		return nil, false
	}
	d.space()
	return attrs, d.pos == len(src)
}

func (d *jsonDecoder) object(depth int) (cty.Value, bool) {
	attrs, ok := d.attrs(depth)
	switch {
	case !ok:
		return cty.NilVal, false
	case len(attrs) == 0:
		return cty.EmptyObjectVal, true
	}
	return cty.ObjectVal(attrs), true
}

// attrs reads an object's attributes.
func (d *jsonDecoder) attrs(depth int) (map[string]cty.Value, bool) {
	d.pos++ // {
	d.space()
	if d.pos < len(d.src) && d.src[d.pos] == '}' {
		d.pos++
		return map[string]cty.Value{}, true
	}
	attrs := map[string]cty.Value{}
	for {
		d.space()
		if d.pos >= len(d.src) || d.src[d.pos] != '"' {
			return nil, false
		}
		k, ok := d.str()
		if !ok {
			return nil, false
		}
		if _, dup := attrs[k]; dup {
			return nil, false
		}
		d.space()
		if d.pos >= len(d.src) || d.src[d.pos] != ':' {
			return nil, false
		}
		d.pos++
		d.space()
		v, ok := d.value(depth + 1)
		if !ok {
			return nil, false
		}
		attrs[k] = v
		d.space()
		if d.pos >= len(d.src) {
			return nil, false
		}
		switch d.src[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return attrs, true
		default:
			return nil, false
		}
	}
}

func (d *jsonDecoder) array(depth int) (cty.Value, bool) {
	d.pos++ // [
	d.space()
	if d.pos < len(d.src) && d.src[d.pos] == ']' {
		d.pos++
		return cty.EmptyTupleVal, true
	}
	var elems []cty.Value
	for {
		d.space()
		v, ok := d.value(depth + 1)
		if !ok {
			return cty.NilVal, false
		}
		elems = append(elems, v)
		d.space()
		if d.pos >= len(d.src) {
			return cty.NilVal, false
		}
		switch d.src[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return cty.TupleVal(elems), true
		default:
			return cty.NilVal, false
		}
	}
}

// str reads a string: as it is when it has no escape, else through
// encoding/json, which go-cty reads it with. A control character or text
// that is not valid UTF-8 is left to go-cty.
func (d *jsonDecoder) str() (string, bool) {
	start := d.pos
	d.pos++ // "
	escaped := false
	for d.pos < len(d.src) {
		c := d.src[d.pos]
		switch {
		case c == '"':
			d.pos++
			raw := d.src[start:d.pos]
			if escaped {
				var s string
				if err := json.Unmarshal(raw, &s); err != nil {
					return "", false
				}
				return s, true
			}
			body := raw[1 : len(raw)-1]
			if !utf8.Valid(body) {
				return "", false
			}
			return string(body), true
		case c == '\\':
			escaped = true
			d.pos += 2
		case c < 0x20:
			return "", false
		default:
			d.pos++
		}
	}
	return "", false
}

// number reads a number in JSON's grammar,
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, parsed from its text
// as go-cty does.
func (d *jsonDecoder) number() (cty.Value, bool) {
	start := d.pos
	if d.src[d.pos] == '-' {
		d.pos++
	}
	switch {
	case d.pos < len(d.src) && d.src[d.pos] == '0':
		d.pos++
	case d.digits() == 0:
		return cty.NilVal, false
	}
	if d.pos < len(d.src) && d.src[d.pos] == '.' {
		d.pos++
		if d.digits() == 0 {
			return cty.NilVal, false
		}
	}
	if d.pos < len(d.src) && (d.src[d.pos] == 'e' || d.src[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.src) && (d.src[d.pos] == '+' || d.src[d.pos] == '-') {
			d.pos++
		}
		if d.digits() == 0 {
			return cty.NilVal, false
		}
	}
	v, err := cty.ParseNumberVal(string(d.src[start:d.pos]))
	if err != nil {
		return cty.NilVal, false
	}
	return v, true
}

func (d *jsonDecoder) digits() int {
	n := 0
	for d.pos < len(d.src) && d.src[d.pos] >= '0' && d.src[d.pos] <= '9' {
		d.pos++
		n++
	}
	return n
}
