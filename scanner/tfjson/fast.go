package tfjson

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// encoding/json decodes a plan of hundreds of megabytes slowly and into
// copies: each resource's values (json.RawMessage) are copied out of the
// document, and reflection walks every byte of them again. readFast reads
// the same fields of a document already known to be valid JSON by
// skipping values, keeping each raw value as a slice of the document.
//
// It reads only documents whose result is certain: every field that Plan
// declares is of the type it decodes from, or null; no key matches a field
// the way encoding/json matches keys (case-insensitively) without being
// its exact name; no field is written twice. Anything else makes ok false,
// and Read decodes the document with encoding/json instead, which gives
// the same Plan, or the located error.
func readFast(top map[string]member) (doc *Plan, ok bool) {
	doc = new(Plan)
	for key, m := range top {
		switch key {
		case "values":
			doc.Values, ok = fastValues(m.raw)
		case "planned_values":
			doc.PlannedValues, ok = fastValues(m.raw)
		case "prior_state":
			ok = fastObject(m.raw, priorStateFields, func(_ int, v []byte) (ok bool) {
				doc.PriorState.Values, ok = fastValues(v)
				return ok
			})
		case "resource_changes":
			doc.ResourceChanges, ok = fastArray(m.raw, fastChange)
		case "variables":
			// Small parts are decoded as they are, from their slice.
			ok = json.Unmarshal(m.raw, &doc.Variables) == nil
		case "configuration":
			ok = json.Unmarshal(m.raw, &doc.Configuration) == nil
		default:
			ok = !mayMatch([]byte(key), planFields)
		}
		if !ok {
			return nil, false
		}
	}
	return doc, true
}

// The JSON names of the fields of Plan and of the types it holds that
// readFast decodes itself, in the order the functions below index them.
var (
	planFields       = []string{"values", "variables", "planned_values", "prior_state", "resource_changes", "configuration"}
	priorStateFields = []string{"values"}
	valuesFields     = []string{"root_module"}
	moduleFields     = []string{"address", "resources", "child_modules"}
	resourceFields   = []string{"address", "mode", "type", "name", "provider_name", "values", "sensitive_values"}
	changeFields     = []string{"address", "change"}
	afterFields      = []string{"after", "after_unknown", "after_sensitive", "before_sensitive"}
)

func fastValues(raw []byte) (*Values, bool) {
	if isNull(raw) {
		return nil, true
	}
	v := new(Values)
	ok := fastObject(raw, valuesFields, func(_ int, m []byte) bool {
		if isNull(m) {
			return true
		}
		mod, ok := fastModule(m)
		v.RootModule = &mod
		return ok
	})
	return v, ok
}

func fastModule(raw []byte) (m Module, ok bool) {
	ok = fastObject(raw, moduleFields, func(i int, v []byte) (ok bool) {
		switch i {
		case 0:
			m.Address, ok = fastString(v)
		case 1:
			m.Resources, ok = fastArray(v, fastResource)
		default:
			m.ChildModules, ok = fastArray(v, fastModule)
		}
		return ok
	})
	return m, ok
}

func fastResource(raw []byte) (r Resource, ok bool) {
	ok = fastObject(raw, resourceFields, func(i int, v []byte) (ok bool) {
		ok = true
		switch i {
		case 0:
			r.Address, ok = fastString(v)
		case 1:
			r.Mode, ok = fastString(v)
		case 2:
			r.Type, ok = fastString(v)
		case 3:
			r.Name, ok = fastString(v)
		case 4:
			r.ProviderName, ok = fastString(v)
		case 5:
			r.Values = v
		default:
			r.SensitiveValues = v
		}
		return ok
	})
	return r, ok
}

func fastChange(raw []byte) (rc ResourceChange, ok bool) {
	ok = fastObject(raw, changeFields, func(i int, v []byte) (ok bool) {
		if i == 0 {
			rc.Address, ok = fastString(v)
			return ok
		}
		if isNull(v) {
			return true
		}
		return fastObject(v, afterFields, func(i int, v []byte) bool {
			switch i {
			case 0:
				rc.Change.After = v
			case 1:
				rc.Change.AfterUnknown = v
			case 2:
				rc.Change.AfterSensitive = v
			default:
				rc.Change.BeforeSensitive = v
			}
			return true
		})
	})
	return rc, ok
}

// fastObject calls field with the index in fields of each member of the
// object raw that is a field, and its value; it is false if raw is not an
// object (null is one with no member), if a field is written twice, if
// a key is one encoding/json could match to a field other than by its
// exact name, or if field says so.
func fastObject(raw []byte, fields []string, field func(i int, v []byte) bool) bool {
	if isNull(raw) {
		return true
	}
	if raw[0] != '{' {
		return false
	}
	c := cursor{data: raw, pos: 1}
	var seen uint64
	c.space()
	for raw[c.pos] != '}' {
		key, v := c.member()
		key = key[1 : len(key)-1]
		i := index(key, fields)
		switch {
		case i < 0 && mayMatch(key, fields):
			return false
		case i < 0:
		case seen&(1<<i) != 0:
			return false
		default:
			seen |= 1 << i
			if !field(i, v) {
				return false
			}
		}
	}
	return true
}

func index(key []byte, fields []string) int {
	for i, f := range fields {
		if string(key) == f {
			return i
		}
	}
	return -1
}

// mayMatch reports whether encoding/json could decode the member with
// this key (as written, between its quotes) into one of fields although
// it is none of them: an escape or a byte outside ASCII, which readFast
// does not fold as encoding/json does, or the same letters in another
// case.
func mayMatch(key []byte, fields []string) bool {
	for _, b := range key {
		if b == '\\' || b >= utf8.RuneSelf {
			return true
		}
	}
	for _, f := range fields {
		if bytes.EqualFold(key, []byte(f)) {
			return true
		}
	}
	return false
}

// fastArray decodes an array of objects (null decodes to nil, as does a
// null element to the zero value).
func fastArray[T any](raw []byte, elem func([]byte) (T, bool)) ([]T, bool) {
	if isNull(raw) {
		return nil, true
	}
	if raw[0] != '[' {
		return nil, false
	}
	out := []T{}
	c := cursor{data: raw, pos: 1}
	c.space()
	for raw[c.pos] != ']' {
		v := c.value()
		c.space()
		if raw[c.pos] == ',' {
			c.pos++
			c.space()
		}
		var e T
		if !isNull(v) {
			var ok bool
			if e, ok = elem(v); !ok {
				return nil, false
			}
		}
		out = append(out, e)
	}
	return out, true
}

// fastString decodes a string (null is "").
func fastString(raw []byte) (string, bool) {
	switch {
	case isNull(raw):
		return "", true
	case raw[0] != '"':
		return "", false
	}
	return Unquote(raw)
}

// Unquote decodes a string literal of a valid JSON document: as written
// when it has no escape and is valid UTF-8, else through encoding/json
// (which replaces invalid UTF-8 as it always does). The loader finds
// where each address is written with it, so that it decodes them as Read
// does.
func Unquote(raw []byte) (string, bool) {
	body := raw[1 : len(raw)-1]
	if bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
		return string(body), true
	}
	var s string
	return s, json.Unmarshal(raw, &s) == nil
}

func isNull(raw []byte) bool { return string(raw) == "null" }

// cursor reads a document known to be valid JSON.
type cursor struct {
	data []byte
	pos  int
}

func (c *cursor) space() {
	for c.pos < len(c.data) {
		switch c.data[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

// member reads the member of an object at pos, and the space and comma
// after it: its key as written (quotes included) and its value.
func (c *cursor) member() (key, v []byte) {
	key = c.value()
	c.space()
	c.pos++ // :
	c.space()
	v = c.value()
	c.space()
	if c.data[c.pos] == ',' {
		c.pos++
		c.space()
	}
	return key, v
}

// value skips the value at pos and returns its text.
func (c *cursor) value() []byte {
	start := c.pos
	switch c.data[c.pos] {
	case '"':
		c.pos++
		for {
			// The closing quote is the first one not escaped: preceded
			// by an even number of backslashes.
			q := c.pos + bytes.IndexByte(c.data[c.pos:], '"')
			bs := 0
			for c.data[q-1-bs] == '\\' {
				bs++
			}
			c.pos = q + 1
			if bs%2 == 0 {
				return c.data[start:c.pos]
			}
		}
	case '{', '[':
		depth := 0
		for {
			switch c.data[c.pos] {
			case '"':
				c.value()
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					c.pos++
					return c.data[start:c.pos]
				}
			}
			c.pos++
		}
	}
	for c.pos < len(c.data) {
		switch c.data[c.pos] {
		case ' ', '\t', '\n', '\r', ',', ']', '}':
			return c.data[start:c.pos]
		}
		c.pos++
	}
	return c.data[start:c.pos]
}
